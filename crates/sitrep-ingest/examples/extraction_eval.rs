//! Scores `extract_html` on the scrapinghub article-extraction benchmark: 4-token
//! shingles of lowercased word tokens, precision and recall averaged per document,
//! F1 of the averages; and pages per second on one core (extraction only).
//!
//! `cargo run --release -p sitrep-ingest --example extraction_eval -- ../shared/eval/extraction/scrapinghub [--worst N]`

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let t = tokens(text);
    let mut m = HashMap::new();
    if t.len() < 4 {
        if !t.is_empty() {
            *m.entry(t).or_default() += 1;
        }
        return m;
    }
    for w in t.windows(4) {
        *m.entry(w.to_vec()).or_default() += 1;
    }
    m
}

fn pr(truth: &str, pred: &str) -> (f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let tp: usize = p
        .iter()
        .map(|(k, n)| (*n).min(*t.get(k).unwrap_or(&0)))
        .sum();
    let np: usize = p.values().sum();
    let nt: usize = t.values().sum();
    let prec = if np == 0 {
        if nt == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        tp as f64 / np as f64
    };
    let rec = if nt == 0 { 1.0 } else { tp as f64 / nt as f64 };
    (prec, rec)
}

/// CPU time of this process in seconds (Linux `/proc/self/schedstat`), so that speed
/// is measured fairly on a shared machine; falls back to wall time elsewhere.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

struct Clock(Instant, Option<f64>);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu_seconds())
    }

    fn secs(&self) -> f64 {
        match (self.1, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => self.0.elapsed().as_secs_f64(),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(Path::new) else {
        eprintln!("usage: extraction_eval DIR [--worst N]");
        return;
    };
    let worst: usize = args
        .iter()
        .position(|a| a == "--worst")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let Ok(gt_text) = std::fs::read_to_string(dir.join("ground-truth.json")) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let gt: serde_json::Value = serde_json::from_str(&gt_text).expect("ground truth JSON");
    let mut pages = Vec::new();
    for (id, v) in gt.as_object().expect("object") {
        let mut html = Vec::new();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let f = std::fs::File::open(&path).expect("page");
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut html)
            .expect("gzip");
        let body = v["articleBody"].as_str().unwrap_or("").to_string();
        pages.push((id.clone(), html, body));
    }
    if args.iter().any(|a| a == "--parse-only") {
        let start = Instant::now();
        for (_, html, _) in &pages {
            let text = String::from_utf8_lossy(html);
            std::hint::black_box(scraper::Html::parse_document(&text));
        }
        println!(
            "parse only: {:.0} docs/s",
            pages.len() as f64 / start.elapsed().as_secs_f64()
        );
    }
    // Warm-up pass (dictionaries parsed once per process, allocator and caches warm).
    for (_, html, _) in &pages {
        std::hint::black_box(sitrep_ingest::extract_html_bytes(html));
    }
    let start = Instant::now();
    let outs: Vec<_> = pages
        .iter()
        .map(|(_, html, _)| sitrep_ingest::extract_html_bytes(html))
        .collect();
    let secs = start.elapsed().as_secs_f64();
    if let Some(dump) = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
    {
        for ((id, _, truth), out) in pages.iter().zip(&outs) {
            let _ = std::fs::write(format!("{dump}/{id}.out"), &out.text);
            let _ = std::fs::write(format!("{dump}/{id}.gt"), truth);
        }
    }
    let opts = sitrep_ingest::IngestOptions::default();
    let start = Clock::start();
    for (id, html, _) in &pages {
        let raw =
            sitrep_ingest::RawArticle::new(id.clone(), sitrep_ingest::Format::Html, html.clone());
        std::hint::black_box(sitrep_ingest::to_document(raw, &opts).ok());
    }
    let full = pages.len() as f64 / start.secs();
    let mut scored: Vec<(f64, f64, &str)> = Vec::new();
    for ((id, _, truth), out) in pages.iter().zip(&outs) {
        let (p, r) = pr(truth, &out.text);
        scored.push((p, r, id));
    }
    let n = scored.len() as f64;
    let p = scored.iter().map(|s| s.0).sum::<f64>() / n;
    let r = scored.iter().map(|s| s.1).sum::<f64>() / n;
    let f1 = 2.0 * p * r / (p + r);
    println!("docs {}  precision {p:.4}  recall {r:.4}  F1 {f1:.4}  {:.0} docs/s (CPU time, one core, extraction incl. decoding); full to_document {full:.0} docs/s", scored.len(), n / secs);
    scored.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    for (p, r, id) in scored.iter().take(worst) {
        println!("  {id}  P {p:.3}  R {r:.3}");
    }
}
