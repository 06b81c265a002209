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
    let tp: usize = p.iter().map(|(k, n)| (*n).min(*t.get(k).unwrap_or(&0))).sum();
    let np: usize = p.values().sum();
    let nt: usize = t.values().sum();
    let prec = if np == 0 { if nt == 0 { 1.0 } else { 0.0 } } else { tp as f64 / np as f64 };
    let rec = if nt == 0 { 1.0 } else { tp as f64 / nt as f64 };
    (prec, rec)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(Path::new) else {
        eprintln!("usage: extraction_eval DIR [--worst N]");
        return;
    };
    let worst: usize = args.iter().position(|a| a == "--worst").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(0);
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
        flate2::read::GzDecoder::new(f).read_to_end(&mut html).expect("gzip");
        let body = v["articleBody"].as_str().unwrap_or("").to_string();
        pages.push((id.clone(), html, body));
    }
    if args.iter().any(|a| a == "--parse-only") {
        let start = Instant::now();
        for (_, html, _) in &pages {
            let text = String::from_utf8_lossy(html);
            std::hint::black_box(scraper::Html::parse_document(&text));
        }
        println!("parse only: {:.0} docs/s", pages.len() as f64 / start.elapsed().as_secs_f64());
    }
    // Warm-up: the embedded dictionaries are parsed once per process.
    let _ = sitrep_ingest::extract_html("<p>warm up</p>");
    let start = Instant::now();
    let outs: Vec<_> = pages.iter().map(|(_, html, _)| sitrep_ingest::extract_html_bytes(html)).collect();
    let secs = start.elapsed().as_secs_f64();
    if let Some(dump) = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1)) {
        for ((id, _, truth), out) in pages.iter().zip(&outs) {
            let _ = std::fs::write(format!("{dump}/{id}.out"), &out.text);
            let _ = std::fs::write(format!("{dump}/{id}.gt"), truth);
        }
    }
    let mut scored: Vec<(f64, f64, &str)> = Vec::new();
    for ((id, _, truth), out) in pages.iter().zip(&outs) {
        let (p, r) = pr(truth, &out.text);
        scored.push((p, r, id));
    }
    let n = scored.len() as f64;
    let p = scored.iter().map(|s| s.0).sum::<f64>() / n;
    let r = scored.iter().map(|s| s.1).sum::<f64>() / n;
    let f1 = 2.0 * p * r / (p + r);
    println!("docs {}  precision {p:.4}  recall {r:.4}  F1 {f1:.4}  {:.0} docs/s (one core, extraction incl. decoding)", scored.len(), n / secs);
    scored.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    for (p, r, id) in scored.iter().take(worst) {
        println!("  {id}  P {p:.3}  R {r:.3}");
    }
}
