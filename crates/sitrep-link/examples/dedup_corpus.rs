//! Duplicate detection throughput and counts on a JSONL corpus read from stdin.
//!
//! ```text
//! zstd -dc ../shared/corpus/reuters_fin.jsonl.zst \
//!   | cargo run --release -p sitrep-link --example dedup_corpus -- [threshold]
//! ```
//!
//! Lines are `{"id", "text", ...}`. Prints documents, exact and near duplicates, and the
//! speed of signatures + LSH alone (parsing JSON is timed apart).
//!
//! For a scale run, feed the corpus several times with ids prefixed `p<N>-` and pass
//! `--vary`: pass N then changes every 7th word, so its copies are new texts (shingle
//! Jaccard with the original ≈ 0.1), not duplicates:
//!
//! ```text
//! for i in 1 2 3 4 5 6 7 8 9 10; do zstd -dc ../shared/corpus/reuters_fin.jsonl.zst \
//!   | sed "s/^{\"id\": \"/{\"id\": \"p$i-/"; done \
//!   | cargo run --release -p sitrep-link --example dedup_corpus -- 0.5 --vary
//! ```

use sitrep_link::{Dedup, DedupConfig, DuplicateKind, Signer};
use std::io::BufRead;
use std::time::{Duration, Instant};

fn main() {
    let threshold = std::env::args()
        .nth(1)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0.5);
    let vary = std::env::args().any(|a| a == "--vary");
    let mut dedup = Dedup::with_config(DedupConfig {
        threshold,
        ..DedupConfig::default()
    });
    let mut signer = Signer::default();
    let (mut docs, mut empty, mut exact, mut near, mut bytes) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut sign_time, mut lsh_time) = (Duration::ZERO, Duration::ZERO);
    let mut examples = Vec::new();
    let start = Instant::now();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or("").to_string();
        let text = v["text"].as_str().unwrap_or("");
        let varied;
        let text = match pass(&id).filter(|_| vary) {
            Some(n) if n > 1 => {
                varied = change_words(text, n);
                varied.as_str()
            }
            _ => text,
        };
        docs += 1;
        bytes += text.len() as u64;
        let t0 = Instant::now();
        let sig = signer.sign(text);
        let t1 = Instant::now();
        let Some(sig) = sig else {
            empty += 1;
            continue;
        };
        let dup = dedup.add_signature(&id, &sig);
        lsh_time += t1.elapsed();
        sign_time += t1 - t0;
        match dup.map(|d| (d.kind, d)) {
            Some((DuplicateKind::Exact, _)) => exact += 1,
            Some((DuplicateKind::Near, d)) => {
                near += 1;
                if examples.len() < 5 {
                    examples.push(format!("{} ~ {} ({:.2})", d.doc, d.of, d.similarity));
                }
            }
            None => {}
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let core = (sign_time + lsh_time).as_secs_f64();
    println!(
        "documents        {docs} ({empty} without words), {:.1} MB of text",
        bytes as f64 / 1e6
    );
    println!("exact duplicates {exact}");
    println!("near duplicates  {near} (threshold {threshold})");
    println!("signatures       {:.2} s", sign_time.as_secs_f64());
    println!("lsh + exact      {:.2} s", lsh_time.as_secs_f64());
    println!(
        "speed            {:.0} docs/s signatures+LSH ({:.0} MB/s), {:.0} docs/s wall incl. JSON",
        docs as f64 / core,
        bytes as f64 / 1e6 / core,
        docs as f64 / wall
    );
    for e in examples {
        println!("  e.g. {e}");
    }
}

/// The pass number of an id prefixed `p<N>-`.
fn pass(id: &str) -> Option<u32> {
    id.strip_prefix('p')?.split('-').next()?.parse().ok()
}

/// Every 7th word gets the pass number appended.
fn change_words(text: &str, n: u32) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
        if i % 7 == 3 {
            out.push_str(&n.to_string());
        }
    }
    out
}
