//! Runs the PETRARCH validation suite from raw text (not its parse trees) with the suite's
//! own toy dictionaries imported into sitrep's coder.
//!
//! `cargo run --release -p sitrep-code --example eval_petrarch [DIR]` (default
//! `../shared/eval/events/petrarch`; skipped with a message when absent). Reports the share of
//! active records whose set of (source, target, code) triples is exactly right, triple
//! precision / recall / F1 and sentences per second (coding only, dictionaries loaded once).

use sitrep_code::petrarch::{import_petrarch_verbs, ActorMatcher, Discards};
use sitrep_code::Coder;
use sitrep_model::Span;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

type Triple = (String, String, String);

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/events/petrarch".into());
    let dir = Path::new(&dir);
    let read = |name: &str| std::fs::read_to_string(dir.join(name));
    let discards = Discards::from_petrarch(&read("PETR.Validate.discards.txt").unwrap_or_default());
    let (Ok(verbs), Ok(actors), Ok(agents), Ok(records)) = (
        read("PETR.Validate.verbs.txt"),
        read("PETR.Validate.actors.txt"),
        read("PETR.Validate.agents.txt"),
        read("petrarch_validation.jsonl"),
    ) else {
        eprintln!(
            "eval_petrarch: suite not found under {}, skipping",
            dir.display()
        );
        return;
    };
    let lexicon = match import_petrarch_verbs(&verbs) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let patterns = lexicon.patterns.len();
    let Ok(coder) = Coder::with_lexicon(lexicon) else {
        eprintln!("code table failed to load");
        std::process::exit(1);
    };
    let matcher = ActorMatcher::from_petrarch(&actors, &agents);
    let verbose = std::env::var("VERBOSE").is_ok();
    let (mut exact, mut total, mut tp, mut fp, mut fn_) = (0, 0, 0, 0, 0);
    let mut coding = std::time::Duration::ZERO;
    for line in records.lines() {
        let Ok(r) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if r["active"] != serde_json::Value::Bool(true) {
            continue;
        }
        let text = r["text"].as_str().unwrap_or("");
        let date: u32 = r["date"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .unwrap_or(20000101);
        let gold: BTreeSet<Triple> = r["expected_events"]
            .as_array()
            .map(|a| a.iter().filter_map(triple_of).collect())
            .unwrap_or_default();
        let start = Instant::now();
        let found = matcher.find(text, Span::new(0, text.len()), date);
        let events = if discards.hits(text) {
            Vec::new()
        } else {
            coder.code_sentence(text, &found)
        };
        coding += start.elapsed();
        let got: BTreeSet<Triple> = events
            .iter()
            .filter_map(|e| {
                Some((
                    e.source.as_ref()?.code.clone(),
                    e.target.as_ref()?.code.clone(),
                    e.cameo.clone(),
                ))
            })
            .collect();
        total += 1;
        let hit = got.intersection(&gold).count();
        tp += hit;
        fp += got.len() - hit;
        fn_ += gold.len() - hit;
        if got == gold {
            exact += 1;
        } else if verbose {
            let codes: Vec<String> = found
                .iter()
                .map(|a| format!("{}={}", a.span.of(text), a.code))
                .collect();
            println!(
                "{} {}\n   actors {:?}\n   gold {:?}\n   got  {:?}",
                r["id"], text, codes, gold, got
            );
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let rc = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + rc > 0.0 {
        2.0 * p * rc / (p + rc)
    } else {
        0.0
    };
    println!("imported patterns: {patterns}");
    println!(
        "records exact: {exact}/{total} = {:.1}%",
        100.0 * exact as f64 / total.max(1) as f64
    );
    println!("triples: P {p:.3} R {rc:.3} F1 {f1:.3} (tp {tp}, fp {fp}, fn {fn_})");
    println!(
        "speed: {:.0} sentences/s (actor matching + coding)",
        total as f64 / coding.as_secs_f64().max(1e-9)
    );
}

fn triple_of(v: &serde_json::Value) -> Option<Triple> {
    let a = v.as_array()?;
    Some((
        a.first()?.as_str()?.to_string(),
        a.get(1)?.as_str()?.to_string(),
        a.get(2)?.as_str()?.to_string(),
    ))
}
