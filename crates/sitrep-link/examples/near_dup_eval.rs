//! Near-duplicate precision and recall on generated copies of real articles.
//!
//! ```text
//! zstd -dc ../shared/corpus/reuters21578.jsonl.zst \
//!   | cargo run --release -p sitrep-link --example near_dup_eval -- [originals]
//! ```
//!
//! The first `originals` articles of at least 40 words with distinct normal forms (default
//! 2,000) are indexed; each gets one syndicated copy with a random mix of edits: an outlet
//! header, a footer, word substitutions, a dropped chunk, a truncated end. Then the next
//! `originals` articles are added as negatives. A copy is a true positive when it is
//! reported as a copy of its own original ("attributed to another doc" counts as an error,
//! although that doc is usually a natural near duplicate of the original); a report on a
//! negative is a false positive unless the pair's true shingle Jaccard reaches 0.5.

use sitrep_link::{normalize, Dedup, SHINGLE};
use std::collections::HashSet;
use std::io::BufRead;

const HEADERS: &[&str] = &[
    "Daily Courier | Business | World news",
    "Posted by the newsroom staff. Read time 3 minutes.",
    "ADVERTISEMENT Continue reading below",
    "From our partners at the wire desk",
];
const FOOTERS: &[&str] = &[
    "Copyright the Daily Courier. All rights reserved. Sign up for our morning newsletter.",
    "Share this article on social media. Follow us for more updates.",
    "Reporting by staff writers; editing by the night desk.",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1000) as f64 / 1000.0 < p
    }
}

fn copy(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if rng.chance(0.5) {
        for _ in 0..words.len() / 25 {
            let i = rng.below(words.len());
            words[i] = "edited".into();
        }
    }
    if rng.chance(0.3) && words.len() > 60 {
        let start = rng.below(words.len() - 20);
        words.drain(start..start + 15);
    }
    if rng.chance(0.3) {
        let keep = words.len() * 8 / 10;
        words.truncate(keep);
    }
    let mut out = String::new();
    if rng.chance(0.7) {
        out.push_str(HEADERS[rng.below(HEADERS.len())]);
        out.push('\n');
    }
    out.push_str(&words.join(" "));
    if rng.chance(0.7) {
        out.push('\n');
        out.push_str(FOOTERS[rng.below(FOOTERS.len())]);
    }
    out
}

fn shingles(text: &str) -> HashSet<String> {
    let w = normalize::words(text);
    w.windows(SHINGLE).map(|s| s.join(" ")).collect()
}

fn jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (shingles(a), shingles(b));
    let inter = a.intersection(&b).count() as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let mut texts: Vec<(String, String)> = Vec::new();
    // Only exact copies are dropped from the sample: natural near duplicates stay, and a
    // report on them is judged by their true Jaccard.
    let mut seen = HashSet::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let (id, text) = (
            v["id"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or(""),
        );
        if text.split_whitespace().count() >= 40 && seen.insert(normalize::normalize(text)) {
            texts.push((id.to_string(), text.to_string()));
        }
        if texts.len() >= 2 * n {
            break;
        }
    }
    let (originals, negatives) = texts.split_at(n.min(texts.len()));
    let mut dedup = Dedup::new();
    let mut rng = Rng(42);
    for (id, text) in originals {
        dedup.add(id, text);
    }
    let (mut tp, mut missed, mut wrong, mut missed_easy, mut easy) = (0, 0, 0, 0, 0);
    for (id, text) in originals {
        let c = copy(text, &mut rng);
        let true_j = jaccard(text, &c);
        easy += usize::from(true_j >= 0.5);
        match dedup.add(&format!("{id}-copy"), &c) {
            Some(d) if d.of == *id => tp += 1,
            Some(_) => wrong += 1,
            None => {
                missed += 1;
                missed_easy += usize::from(true_j >= 0.5);
            }
        }
    }
    let (mut fp, mut real) = (0, 0);
    let by_id: std::collections::HashMap<&str, &str> = texts
        .iter()
        .map(|(i, t)| (i.as_str(), t.as_str()))
        .collect();
    for (id, text) in negatives {
        if let Some(d) = dedup.add(id, text) {
            let other = by_id
                .get(d.of.trim_end_matches("-copy"))
                .copied()
                .unwrap_or("");
            if jaccard(text, other) >= 0.5 {
                real += 1;
            } else {
                fp += 1;
            }
        }
    }
    let precision = tp as f64 / (tp + wrong + fp).max(1) as f64;
    let recall = tp as f64 / originals.len().max(1) as f64;
    println!(
        "originals {} copies {} negatives {}",
        originals.len(),
        originals.len(),
        negatives.len()
    );
    println!("copies found {tp}, attributed to another doc {wrong}, missed {missed} ({missed_easy} of them with true Jaccard >= 0.5; {easy} copies had true Jaccard >= 0.5)");
    println!("negatives reported: {fp} false, {real} real near-duplicates (true Jaccard >= 0.5)");
    println!(
        "precision {precision:.4} recall {recall:.4} recall at true Jaccard >= 0.5 {:.4}",
        (easy - missed_easy) as f64 / easy.max(1) as f64
    );
}
