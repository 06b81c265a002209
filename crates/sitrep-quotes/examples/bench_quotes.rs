//! Throughput of the quote finder on JSONL articles read from stdin (`{"text": ...}` lines).
//!
//! `zstd -dc ../shared/corpus/bbc.jsonl.zst | cargo run --release -p sitrep-quotes --example bench_quotes`

use sitrep_model::{Document, Stage};
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let docs: Vec<Document> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(|t| Document::new("stdin", t)))
        .map(|mut d| {
            d.sentences = sitrep_text::split_sentences(&d.text);
            d
        })
        .collect();
    let words: usize = docs.iter().map(Document::word_count).sum();
    let tagger = sitrep_quotes::QuoteTagger::new();
    let start = Instant::now();
    let (mut quotes, mut attributed) = (0, 0);
    for mut d in docs {
        if tagger.run(&mut d).is_err() {
            eprintln!("stage error");
            return;
        }
        quotes += d.quotes.len();
        attributed += d.quotes.iter().filter(|q| q.speaker_name.is_some()).count();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{words} words, {quotes} quotes ({attributed} with a speaker) in {secs:.2}s: {:.0} words/s",
        words as f64 / secs
    );
}
