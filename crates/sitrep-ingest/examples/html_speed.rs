//! Times HTML ingest (decode, extraction, cleaning, metadata) over a folder of pages,
//! several passes, for profiling: the pages are read and decompressed first.
//!
//! `cargo run --profile eval -p sitrep-ingest --example html_speed -- ../shared/eval/extraction/scrapinghub/html [passes]`

use sitrep_ingest::{to_document, Format, IngestOptions, RawArticle};
use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| ".".into());
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(10);
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let mut html = Vec::new();
        if flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut html)
            .is_err()
        {
            html = bytes;
        }
        pages.push(html);
    }
    let opts = IngestOptions::default();
    let warm = RawArticle::new("warm-up", Format::Html, b"<p>Warm up.</p>".to_vec());
    let _ = to_document(warm, &opts);
    let start = Instant::now();
    let mut words = 0;
    for _ in 0..passes {
        for page in &pages {
            let raw = RawArticle::new("page", Format::Html, page.clone());
            words += to_document(raw, &opts).map_or(0, |d| d.text.split_whitespace().count());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = pages.len() * passes;
    println!(
        "{n} pages in {secs:.2}s: {:.0} pages/s ({words} words)",
        n as f64 / secs
    );
}
