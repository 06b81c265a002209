//! `petrarch`: the PETRARCH validation suite (`petrarch_validation.jsonl` with its
//! `PETR.Validate.*` dictionaries), coded from the raw text, not the parse trees, with the
//! suite's own dictionaries imported into sitrep's coder.
//!
//! Reports the share of active records whose set of (source, target, code) triples is
//! exactly right, triple precision / recall / F1 and sentences per second (actor matching
//! and coding; dictionaries loaded once).

use crate::{EvalError, Prf, Report};
use sitrep_code::petrarch::{import_petrarch_verbs, ActorMatcher, Discards};
use sitrep_code::Coder;
use sitrep_model::Span;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

type Triple = (String, String, String);

/// Passes over the suite when timing it.
const SPEED_ROUNDS: usize = 20;

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let read = |name: &str| {
        let path = data.join(name);
        std::fs::read_to_string(&path).map_err(|source| EvalError::Io { path, source })
    };
    let discards = Discards::from_petrarch(&read("PETR.Validate.discards.txt")?);
    let lexicon = import_petrarch_verbs(&read("PETR.Validate.verbs.txt")?)
        .map_err(|e| EvalError::Stage(e.to_string()))?;
    let patterns = lexicon.patterns.len();
    let coder = Coder::with_lexicon(lexicon).map_err(|e| EvalError::Stage(e.to_string()))?;
    let matcher = ActorMatcher::from_petrarch(
        &read("PETR.Validate.actors.txt")?,
        &read("PETR.Validate.agents.txt")?,
    );
    let (mut exact, mut total, mut triples) = (0u64, 0u64, Prf::default());
    let mut texts: Vec<(String, u32)> = Vec::new();
    // SITREP_EVAL_ERRORS=1 lists the records that are not exactly right on stderr.
    let dump = std::env::var_os("SITREP_EVAL_ERRORS").is_some();
    for line in read("petrarch_validation.jsonl")?.lines() {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if record["active"] != serde_json::Value::Bool(true) {
            continue;
        }
        let text = record["text"].as_str().unwrap_or("");
        let date: u32 = record["date"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .unwrap_or(20000101);
        let gold: BTreeSet<Triple> = record["expected_events"]
            .as_array()
            .map(|a| a.iter().filter_map(triple_of).collect())
            .unwrap_or_default();
        // `require_dyad` false (a record's PETRARCH config): an event with one side
        // unknown is written with `---` for it.
        let dyads_only = record["config"]["require_dyad"]
            .as_str()
            .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
        let found = matcher.find(text, Span::new(0, text.len()), date);
        let events = if discards.hits(text) {
            Vec::new()
        } else {
            coder.code_sentence(text, &found)
        };
        texts.push((text.to_string(), date));
        let got: BTreeSet<Triple> = events
            .iter()
            .filter_map(|e| {
                let code = |a: Option<&sitrep_model::ActorRef>| a.map(|a| a.code.clone());
                let (s, t) = (code(e.source.as_ref()), code(e.target.as_ref()));
                if dyads_only && (s.is_none() || t.is_none()) {
                    return None;
                }
                let unknown = || "---".to_string();
                Some((
                    s.unwrap_or_else(unknown),
                    t.unwrap_or_else(unknown),
                    e.cameo.clone(),
                ))
            })
            .collect();
        total += 1;
        let hit = got.intersection(&gold).count() as u64;
        triples.tp += hit;
        triples.fp += got.len() as u64 - hit;
        triples.fn_ += gold.len() as u64 - hit;
        exact += u64::from(got == gold);
        if dump && got != gold {
            let id = record["id"].as_str().unwrap_or("");
            let actors: Vec<String> = found
                .iter()
                .map(|a| format!("{}={}", a.span.of(text), a.code))
                .collect();
            eprintln!("{id}\t{text}\n  actors {actors:?}\n  gold {gold:?}\n  got  {got:?}");
            for e in &events {
                eprintln!("    {} {}", e.cameo, e.rule);
            }
        }
    }
    let accuracy = crate::ratio(exact, total);
    // The suite codes in milliseconds: repeat it so the speed is not timer noise.
    let start = Instant::now();
    for _ in 0..SPEED_ROUNDS {
        for (text, date) in &texts {
            let found = matcher.find(text, Span::new(0, text.len()), *date);
            if !discards.hits(text) {
                std::hint::black_box(coder.code_sentence(text, &found));
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let per_s = (texts.len() * SPEED_ROUNDS) as f64 / secs.max(1e-9);
    let mut report = Report::new("petrarch");
    report.lines.push(format!(
        "{total} active records, {patterns} imported verb patterns, raw text in"
    ));
    report.lines.push(format!(
        "records exact {exact}/{total} = {:.1}%",
        100.0 * accuracy
    ));
    report.lines.push(format!(
        "triples P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {})",
        triples.p(),
        triples.r(),
        triples.f1(),
        triples.tp,
        triples.fp,
        triples.fn_
    ));
    report.lines.push(format!(
        "{per_s:.0} sentences/s (actor matching + coding, one core)"
    ));
    report.lines.push("peer PETRARCH-2 with gold parses: 31.5% records exact, triple F1 0.41, ≈1,600 sentences/s after parsing".into());
    report.figure("records", total);
    report.figure("exact", accuracy);
    report.figure("triple_f1", triples.f1());
    report.figure("sentences_per_s", per_s);
    Ok(report)
}

fn triple_of(v: &serde_json::Value) -> Option<Triple> {
    let a = v.as_array()?;
    Some((
        a.first()?.as_str()?.to_string(),
        a.get(1)?.as_str()?.to_string(),
        a.get(2)?.as_str()?.to_string(),
    ))
}
