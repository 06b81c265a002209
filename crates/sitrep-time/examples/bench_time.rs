//! Speed of sentence splitting plus the time stage on news text.
//!
//! `zstd -dc corpus.jsonl.zst | cargo run --release -p sitrep-time --example bench_time`
//! reads JSON lines with a `text` field from standard input and reports MB/s on one core.

use serde_json::Value;
use sitrep_model::{Document, Stage};
use std::io::Read;
use std::time::Instant;

fn main() {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("unreadable input");
        return;
    }
    let docs: Vec<Document> = input
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| Document::new("bench", v["text"].as_str().unwrap_or("")))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let tagger = sitrep_time::TimeTagger::new();
    let (mut split, mut time, mut found) = (0.0, 0.0, 0);
    const PASSES: usize = 3;
    for _ in 0..PASSES {
        for doc in &docs {
            let mut doc = doc.clone();
            let t = Instant::now();
            doc.sentences = sitrep_text::split_sentences(&doc.text);
            let s = t.elapsed().as_secs_f64();
            if let Err(e) = tagger.run(&mut doc) {
                eprintln!("{e}");
            }
            time += t.elapsed().as_secs_f64() - s;
            split += s;
            found += doc.timexes.len();
        }
    }
    let mb = (bytes * PASSES) as f64 / 1e6;
    println!(
        "{} docs, {:.1} MB x{PASSES}: sentences {:.1} MB/s, time {:.1} MB/s, both {:.1} MB/s ({} timexes/pass)",
        docs.len(),
        bytes as f64 / 1e6,
        mb / split,
        mb / time,
        mb / (split + time),
        found / PASSES
    );
}
