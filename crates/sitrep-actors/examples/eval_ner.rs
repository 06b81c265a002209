//! CoNLL-2003 entity-level exact-span scores (PER, ORG, LOC, micro) and speed.
//!
//! `cargo run --release -p sitrep-actors --example eval_ner [FILE]`
//! (default `/work/shared/eval/ner/conll2003/conll2003-dev.jsonl`; skips when absent).

use sitrep_actors::eval::{evaluate, GoldSentence, LABELS};
use sitrep_actors::ActorTagger;

fn sentences(line: &str) -> Option<Vec<GoldSentence>> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let strings = |x: &serde_json::Value| -> Vec<String> {
        x.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(
        v.get("sentences")?
            .as_array()?
            .iter()
            .map(|s| GoldSentence {
                tokens: strings(&s["tokens"]),
                tags: strings(&s["tags"]),
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/eval/ner/conll2003/conll2003-dev.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no CoNLL data at {path}: skipping");
        return Ok(());
    };
    let docs: Vec<Vec<GoldSentence>> = text.lines().filter_map(sentences).collect();
    let tagger = ActorTagger::new()?;
    let scores = evaluate(&tagger, &docs);
    println!("{} documents, {} words", docs.len(), scores.words);
    println!(
        "{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "label", "P", "R", "F1", "tp", "fp", "fn"
    );
    let micro = scores.micro();
    for (label, s) in LABELS
        .iter()
        .zip(&scores.labels)
        .chain([(&"micro", &micro)])
    {
        println!(
            "{label:<6} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
            s.p(),
            s.r(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    let wps = scores.words as f64 / scores.seconds.max(1e-9);
    println!("{wps:.0} words/s (sentence split + actors, one core)");
    println!(
        "{{\"suite\":\"conll2003-dev\",\"per_f1\":{:.3},\"org_f1\":{:.3},\"loc_f1\":{:.3},\"f1\":{:.3},\"words_per_s\":{:.0}}}",
        scores.labels[0].f1(),
        scores.labels[1].f1(),
        scores.labels[2].f1(),
        micro.f1(),
        wps
    );
    Ok(())
}
