//! Prints a sample of missed and spurious CoNLL entities, for error analysis.
//!
//! `cargo run -p sitrep-actors --example ner_misses [FILE] [LABEL]`; with `NER_CONTEXT=1` it
//! also prints each miss in its line.

use sitrep_actors::eval::{predicted, render, GoldSentence};
use sitrep_actors::ActorTagger;
use sitrep_model::Document;
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/work/shared/eval/ner/conll2003/conll2003-dev.jsonl".into());
    let want = args.next().unwrap_or_else(|| "PER".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("no CoNLL data at {path}: skipping");
        return Ok(());
    };
    let tagger = ActorTagger::new()?;
    let (mut missed, mut spurious) = (HashMap::new(), HashMap::new());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let Some(sents) = v["sentences"].as_array() else {
            continue;
        };
        let strings = |x: &serde_json::Value| -> Vec<String> {
            x.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let gold_sents: Vec<GoldSentence> = sents
            .iter()
            .map(|s| GoldSentence {
                tokens: strings(&s["tokens"]),
                tags: strings(&s["tags"]),
            })
            .collect();
        let (text, gold) = render(&gold_sents);
        let mut doc = Document::new("conll", text.clone());
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        let pred = predicted(&tagger, &doc);
        let context = std::env::var_os("NER_CONTEXT").is_some();
        for g in gold.iter().filter(|g| g.0 == want && !pred.contains(g)) {
            *missed.entry(text[g.1..g.2].to_string()).or_insert(0) += 1;
            if context {
                let line_start = text[..g.1].rfind('\n').map_or(0, |i| i + 1);
                let from = text[line_start..g.1]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(line_start, |(i, _)| line_start + i);
                let rest = &text[g.2..];
                let to = g.2 + rest.find('\n').unwrap_or(rest.len()).min(30);
                let to = (to..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(g.2);
                println!(
                    "MISS {}[[{}]]{}",
                    &text[from..g.1],
                    &text[g.1..g.2],
                    &text[g.2..to]
                );
            }
        }
        for p in pred.iter().filter(|p| p.0 == want && !gold.contains(p)) {
            let label = gold
                .iter()
                .find(|g| g.1 == p.1 && g.2 == p.2)
                .map_or("O/partial", |g| g.0);
            *spurious
                .entry(format!("{} [{label}]", &text[p.1..p.2]))
                .or_insert(0) += 1;
        }
    }
    for (name, map) in [("missed", missed), ("spurious", spurious)] {
        let mut v: Vec<_> = map.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        println!("== {name} {want}: {}", v.len());
        for (k, n) in v.iter().take(60) {
            print!("{k} ({n}); ");
        }
        println!();
    }
    Ok(())
}
