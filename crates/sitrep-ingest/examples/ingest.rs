//! Runs ingest on paths and prints each document's metadata, removed lines and text.
//!
//! `cargo run -p sitrep-ingest --example ingest -- ../shared/seeds [--brief]`

use sitrep_ingest::{inputs, to_document, IngestOptions};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let brief = args.iter().any(|a| a == "--brief");
    let removed_only = args.iter().any(|a| a == "--removed");
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let opts = IngestOptions::default();
    let (mut docs, mut skips) = (0usize, 0usize);
    for item in inputs(&paths, &opts) {
        let doc = match item.and_then(|raw| to_document(raw, &opts)) {
            Ok(d) => d,
            Err(s) => {
                skips += 1;
                println!("SKIPPED {s}");
                continue;
            }
        };
        docs += 1;
        if removed_only {
            for r in &doc.removed {
                println!("{}\t{}\t{}", doc.source, r.reason, r.text);
            }
            continue;
        }
        if brief {
            let first: String = doc.text.chars().take(70).collect();
            println!(
                "DOC {} [{} words] {:?}",
                doc.source,
                doc.word_count(),
                first
            );
            continue;
        }
        println!("=== {}", doc.source);
        println!("id:       {}", doc.id);
        println!("title:    {:?}", doc.title);
        println!(
            "date:     {:?}",
            doc.published
                .as_ref()
                .map(|p| (&p.date.value, p.date.precision, &p.origin))
        );
        println!("outlet:   {:?}", doc.outlet);
        println!("byline:   {:?}", doc.byline);
        println!("url:      {:?}", doc.url);
        println!("language: {:?}", doc.language);
        println!("diagnostics: {:?}", doc.diagnostics);
        println!("removed ({}):", doc.removed.len());
        for r in &doc.removed {
            let t: String = r.text.chars().take(60).collect();
            println!("  - {:<45} {:?}", r.reason, t);
        }
        println!("text ({} words):\n{}\n", doc.word_count(), doc.text);
    }
    println!("{docs} documents, {skips} skipped");
}
