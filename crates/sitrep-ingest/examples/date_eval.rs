//! Publication-date accuracy of `to_document` on the htmldate evaluation layout
//! (`eval_*.json` `{url: {file, date}}` and the pages unpacked into one folder).
//!
//! `cargo run --release -p sitrep-ingest --example date_eval -- GOLD_DIR HTML_DIR`
//! (the date extractor alone, straight from the archives: `sitrep eval dates --data DIR`)

use sitrep_ingest::{to_document, Format, IngestOptions, RawArticle};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(gold), Some(html)) = (args.first(), args.get(1)) else {
        eprintln!("usage: date_eval GOLD_DIR HTML_DIR");
        return;
    };
    let verbose = args.iter().any(|a| a == "-v");
    let opts = IngestOptions::default();
    let mut entries = Vec::new();
    for f in std::fs::read_dir(gold).into_iter().flatten().flatten() {
        let name = f.file_name().to_string_lossy().to_string();
        if !(name.starts_with("eval_") && name.ends_with(".json")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(f.path()) else {
            continue;
        };
        // The htmldate files write a missing date as a bare NaN.
        let text = text.replace(": NaN", ": null");
        let v = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        for (url, e) in v.as_object().into_iter().flatten() {
            let (Some(file), Some(date)) = (e["file"].as_str(), e["date"].as_str()) else {
                continue;
            };
            entries.push((url.clone(), file.to_string(), date.to_string()));
        }
    }
    if entries.is_empty() {
        eprintln!("skipped: no eval_*.json gold files in {gold}");
        return;
    }
    let (mut right, mut none, mut wrong, mut secs) = (0, 0, 0, 0.0);
    for (url, file, gold) in &entries {
        let Ok(bytes) = std::fs::read(Path::new(html).join(file)) else {
            continue;
        };
        let mut raw = RawArticle::new(file.clone(), Format::Html, bytes.clone());
        raw.url = Some(url.clone());
        let start = Instant::now();
        // A page with no article body is skipped by to_document; its date still counts.
        let found = match to_document(raw, &opts) {
            Ok(d) => d.published,
            Err(_) => sitrep_ingest::extract_html_bytes(&bytes).date,
        };
        secs += start.elapsed().as_secs_f64();
        match found
            .as_ref()
            .and_then(|p| p.date.day().map(str::to_string))
        {
            Some(day) if &day == gold => right += 1,
            Some(day) => {
                wrong += 1;
                if verbose {
                    println!(
                        "WRONG {file} gold {gold} got {day} ({})",
                        found.map(|p| p.origin).unwrap_or_default()
                    );
                }
            }
            None => {
                none += 1;
                if verbose {
                    println!("NONE {file} gold {gold}");
                }
            }
        }
    }
    let n = right + none + wrong;
    println!(
        "pages {n}  right {right} ({:.3})  none {none}  wrong {wrong}  {:.0} pages/s (full to_document)",
        right as f64 / n.max(1) as f64,
        n as f64 / secs.max(1e-9)
    );
}
