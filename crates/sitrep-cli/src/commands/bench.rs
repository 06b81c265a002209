//! `sitrep bench`: end-to-end and per-stage throughput and peak memory on a corpus.

use crate::args::BenchArgs;
use anyhow::Context;
use rayon::prelude::*;
use sitrep_eval::clock::Stopwatch;
use sitrep_pipeline::{trial, Dedup, DuplicateKind, Options, Pipeline, Signer};
use std::process::ExitCode;
use std::time::Instant;

/// Runs the pipeline over the corpus without writing anything (unless `--store`) and
/// prints a table, then one JSON line.
pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if args.dedup {
        return bench_dedup(&args);
    }
    super::init_threads(args.threads)?;
    let options = Options::default();
    let pipeline = Pipeline::new(options.clone()).context("building the pipeline")?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut inputs = sitrep_ingest::inputs(&args.corpus, &options.ingest).take(limit);
    let started = Instant::now();
    let (mut docs, mut skipped, mut bytes, mut words, mut events) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut store_secs = 0.0;
    let dir = tempfile::tempdir().context("creating a temporary directory")?;
    let mut store = if args.store {
        Some(sitrep_store::Store::open(&dir.path().join("bench.db"))?)
    } else {
        None
    };
    loop {
        let batch: Vec<_> = inputs.by_ref().take(1024).collect();
        if batch.is_empty() {
            break;
        }
        let raws: Vec<_> = batch.into_iter().filter_map(Result::ok).collect();
        bytes += raws.iter().map(|r| r.body.len() as u64).sum::<u64>();
        let results: Vec<_> = raws.into_par_iter().map(|r| pipeline.process(r)).collect();
        let mut ok = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(doc) => {
                    docs += 1;
                    words += doc.word_count() as u64;
                    events += doc.events.len() as u64;
                    ok.push(doc);
                }
                Err(_) => skipped += 1,
            }
        }
        if let Some(store) = store.as_mut() {
            let t = Instant::now();
            store.insert_documents(&ok)?;
            store_secs += t.elapsed().as_secs_f64();
        }
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let threads = rayon::current_num_threads();
    println!(
        "corpus: {}",
        args.corpus
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{docs} documents, {skipped} skipped, {events} events, {threads} threads, {secs:.2}s wall"
    );
    println!(
        "{:<10} {:>10} {:>12} {:>12}",
        "stage", "cpu s", "MB/s/core", "docs/s/core"
    );
    let mut json = serde_json::json!({
        "suite": "bench", "documents": docs, "skipped": skipped, "events": events,
        "threads": threads, "seconds": round(secs),
        "docs_per_s": round(docs as f64 / secs), "mb_per_s": round(bytes as f64 / 1e6 / secs),
        "words_per_s": round(words as f64 / secs),
    });
    for (name, cpu) in pipeline.times().seconds() {
        let cpu = cpu.max(1e-9);
        println!(
            "{:<10} {:>10.3} {:>12.2} {:>12.0}",
            name,
            cpu,
            bytes as f64 / 1e6 / cpu,
            docs as f64 / cpu
        );
        json[format!("{name}_mb_per_s_core")] = round(bytes as f64 / 1e6 / cpu).into();
    }
    if store.is_some() {
        println!(
            "{:<10} {:>10.3} {:>12.2} {:>12.0}",
            "store",
            store_secs,
            bytes as f64 / 1e6 / store_secs.max(1e-9),
            docs as f64 / store_secs.max(1e-9)
        );
        json["store_docs_per_s"] = round(docs as f64 / store_secs.max(1e-9)).into();
    }
    let peak = super::peak_memory_mib();
    println!(
        "end to end: {:.0} docs/s, {:.2} MB/s, {:.0} words/s, peak memory {} MiB",
        docs as f64 / secs,
        bytes as f64 / 1e6 / secs,
        words as f64 / secs,
        peak.map_or("?".to_string(), |p| format!("{p:.0}"))
    );
    json["peak_mib"] = peak.map(round).into();
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

/// Signatures and LSH alone, on one thread, in arrival order, on the cleaned text (the way
/// `run` feeds its detector): reading and cleaning the corpus is timed apart.
fn bench_dedup(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let options = Options::default();
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut dedup = Dedup::new();
    let mut tally = DedupTally::default();
    let (mut sign_clock, mut index_clock) = (Stopwatch::new(), Stopwatch::new());
    let mut trial_texts: Vec<(String, String)> = Vec::new();
    let started = Instant::now();
    let mut inputs = sitrep_ingest::inputs(&args.corpus, &options.ingest).take(limit);
    loop {
        // Chunks keep memory bounded and let each part be timed as one stretch of thread
        // CPU time (a clock read per document would cost a tenth of the work measured).
        let mut chunk: Vec<(String, String)> = Vec::with_capacity(DEDUP_CHUNK);
        let mut taken = 0;
        for input in inputs.by_ref().take(DEDUP_CHUNK) {
            taken += 1;
            match input {
                // Cleaned text, as `run` gives its detector (markup, boilerplate and metadata
                // lines removed); ingest is not part of the timed work.
                Ok(raw) => match sitrep_ingest::to_document(raw, &options.ingest) {
                    Ok(doc) => chunk.push((doc.source, doc.text)),
                    Err(_) => tally.unread += 1,
                },
                Err(_) => tally.unread += 1,
            }
        }
        if taken == 0 {
            break;
        }
        for (id, text) in &chunk {
            if trial_texts.len() < 2 * TRIAL_ORIGINALS
                && text.split_whitespace().nth(trial::MIN_WORDS).is_some()
            {
                trial_texts.push((id.clone(), text.clone()));
            }
            tally.docs += 1;
            tally.bytes += text.len() as u64;
        }
        let signatures: Vec<_> = sign_clock.time(|| {
            let mut signer = Signer::default();
            chunk.iter().map(|(_, t)| signer.sign(t)).collect()
        });
        index_clock.time(|| {
            for ((id, _), signature) in chunk.iter().zip(&signatures) {
                let Some(signature) = signature else {
                    tally.wordless += 1;
                    continue;
                };
                match dedup.add_signature(id, signature).map(|d| d.kind) {
                    Some(DuplicateKind::Exact) => tally.exact += 1,
                    Some(DuplicateKind::Near) => tally.near += 1,
                    None => {}
                }
            }
        });
    }
    let DedupTally {
        docs,
        unread,
        wordless,
        bytes,
        exact,
        near,
    } = tally;
    let wall = started.elapsed().as_secs_f64().max(1e-9);
    let core = (sign_clock.core() + index_clock.core()).max(1e-9);
    println!(
        "{docs} documents ({wordless} without words, {unread} unreadable or empty), {:.1} MB of cleaned text",
        bytes as f64 / 1e6
    );
    println!("{exact} exact and {near} near duplicates");
    println!(
        "{:<12} {:>8} ({})",
        "part",
        "seconds",
        sign_clock.core_label()
    );
    println!("{:<12} {:>8.3}", "signatures", sign_clock.core());
    println!("{:<12} {:>8.3}", "lsh + exact", index_clock.core());
    println!(
        "signatures + LSH: {:.0} docs/s, {:.0} MB/s on one core ({:.0} docs/s wall incl. reading)",
        docs as f64 / core,
        bytes as f64 / 1e6 / core,
        docs as f64 / wall
    );
    let articles = trial_texts.iter().map(|(i, t)| (i.as_str(), t.as_str()));
    let score = trial::run(articles, trial_texts.len() / 2);
    println!(
        "generated copies of {} articles, {} unrelated ones: {} found, {} attributed to another, {} missed ({} of them with true Jaccard >= 0.5); {} false and {} natural reports on the unrelated",
        score.originals, score.negatives, score.found, score.misattributed, score.missed,
        score.reachable_missed, score.false_positives, score.natural
    );
    println!(
        "near-duplicate precision {:.4}, recall {:.4}, recall at true Jaccard >= 0.5 {:.4}",
        score.precision(),
        score.recall(),
        score.reachable_recall()
    );
    let json = serde_json::json!({
        "suite": "bench-dedup", "documents": docs, "exact": exact, "near": near,
        "docs_per_s": round(docs as f64 / core), "mb_per_s": round(bytes as f64 / 1e6 / core),
        "wall_docs_per_s": round(docs as f64 / wall),
        "near_precision": round4(score.precision()), "near_recall": round4(score.recall()),
        "near_recall_reachable": round4(score.reachable_recall()),
    });
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

/// Articles read, signed and indexed at a time by `bench --dedup`.
const DEDUP_CHUNK: usize = 8192;

#[derive(Default)]
struct DedupTally {
    docs: u64,
    unread: u64,
    wordless: u64,
    bytes: u64,
    exact: u64,
    near: u64,
}

/// Articles given generated copies by the near-duplicate trial of `bench --dedup`.
const TRIAL_ORIGINALS: usize = 2000;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
