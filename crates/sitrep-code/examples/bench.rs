//! Throughput of the event coder alone on a JSONL corpus read from stdin
//! (`{"text": ...}` per line), with the examples' provisional gazetteer as actor stage.
//!
//! `zstd -dc ../shared/corpus/bbc.jsonl.zst | cargo run --release -p sitrep-code --example bench`
//!
//! Sentence splitting and mention making are done first and not timed; the figure is the
//! coder's own MB/s on one core.

use sitrep_code::Coder;
use sitrep_model::{Document, Stage};
use std::io::BufRead;
use std::time::Instant;

mod common;
use common::provisional_mentions;

/// Every capitalised word becomes a mention of one entity.
fn capitalised_mentions(doc: &mut Document) {
    use sitrep_model::{Actor, ActorKind, Entity, Mention};
    doc.entities.push(Entity {
        actor: Actor {
            name: "X".into(),
            kind: ActorKind::Country,
            country: None,
            role: None,
            code: "XXX".into(),
        },
        rule: "bench".into(),
        flags: vec![],
    });
    let text = doc.text.clone();
    for t in sitrep_text::tokens(&text, sitrep_model::Span::new(0, text.len())) {
        if t.is_word && t.text(&text).starts_with(char::is_uppercase) {
            doc.mentions.push(Mention {
                span: t.span,
                text: t.text(&text).to_string(),
                entity: 0,
                rule: "bench".into(),
            });
        }
    }
}

fn main() {
    let Ok(coder) = Coder::new() else {
        eprintln!("lexicon failed to load");
        std::process::exit(1);
    };
    let limit: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    // DENSE=1: every capitalised word is an actor, a worst case for the matcher.
    let dense = std::env::var("DENSE").is_ok();
    let mut docs = Vec::new();
    for line in std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .take(limit)
    {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let mut doc = Document::new("stdin", v["text"].as_str().unwrap_or(""));
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        if dense {
            capitalised_mentions(&mut doc);
        } else {
            provisional_mentions(&mut doc);
        }
        docs.push(doc);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mentions: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let start = Instant::now();
    let mut events = 0;
    for doc in &mut docs {
        if coder.run(doc).is_ok() {
            events += doc.events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    // RULES=1: the rules that fire most, to spot noisy patterns.
    if std::env::var("RULES").is_ok() {
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for e in docs.iter().flat_map(|d| &d.events) {
            *counts.entry(e.rule.as_str()).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        for (rule, n) in counts.iter().take(40) {
            println!("{n:6} {rule}");
        }
    }
    println!(
        "{} docs, {:.1} MB, {mentions} mentions, {events} events in {secs:.2}s: {:.2} MB/s, {:.0} docs/s (one core)",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        docs.len() as f64 / secs
    );
}
