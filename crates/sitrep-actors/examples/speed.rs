//! Tagging throughput on JSONL articles read from stdin (`{"text": ...}` per line).
//!
//! `zstd -dc ../shared/corpus/bbc.jsonl.zst | cargo run --release -p sitrep-actors --example speed`

use sitrep_actors::ActorTagger;
use sitrep_model::{Document, Stage};
use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut docs = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(t) = v["text"].as_str() {
            let mut doc = Document::new("stdin", t);
            doc.sentences = sitrep_text::split_sentences(&doc.text);
            docs.push(doc);
        }
    }
    let tagger = ActorTagger::new()?;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let start = std::time::Instant::now();
    let (mut mentions, mut entities) = (0, 0);
    for doc in &mut docs {
        tagger.run(doc)?;
        mentions += doc.mentions.len();
        entities += doc.entities.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.1} MB, {mentions} mentions, {entities} entities, {:.2}s: {:.2} MB/s, {:.0} docs/s (one core, sentences excluded)",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        docs.len() as f64 / secs
    );
    Ok(())
}
