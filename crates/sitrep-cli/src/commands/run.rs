//! `sitrep run`: ingest → annotate → code in parallel, store per batch, then link.

use crate::args::RunArgs;
use anyhow::Context;
use rayon::prelude::*;
use sitrep_ingest::RawArticle;
use sitrep_model::{DateValue, Document, Skipped};
use sitrep_pipeline::story::{
    Idf, Stories, StoryDoc, DEFAULT_STORY_THRESHOLD, DEFAULT_STORY_WINDOW,
};
use sitrep_pipeline::{Dedup, DocInfo, DuplicateKind, Options, Pipeline};
use sitrep_store::{DocRow, Store};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Articles processed per parallel batch and per database transaction.
const BATCH: usize = 512;

/// What a run did, for the summary line.
#[derive(Default)]
struct Tally {
    documents: usize,
    new: usize,
    already_stored: usize,
    /// Stored without a publication date, dated when the article came again with one.
    dated: usize,
    duplicates: usize,
    events: usize,
    bytes: u64,
    skipped: Vec<Skipped>,
}

/// Runs the whole pipeline over the inputs.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    super::init_threads(args.threads)?;
    let started = Instant::now();
    let mut options = Options::default();
    options.ingest.max_bytes = args.max_bytes;
    if args.all_languages {
        options.languages.clear();
    }
    options.petrarch_actors = args.petrarch_actors.clone();
    options.petrarch_agents = args.petrarch_agents.clone();
    let pipeline = Pipeline::new(options.clone()).context("building the pipeline")?;
    for warning in pipeline.warnings() {
        eprintln!("dictionary line skipped: {warning}");
    }
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening {}", sitrep_store::db_label(&args.db)))?;
    let mut dedup = Dedup::new();
    store
        .for_each_text(|id, text| {
            dedup.add(id, text);
        })
        .context("loading stored documents for duplicate detection")?;
    let mut out = args.out.as_deref().map(JsonlOut::create).transpose()?;
    let progress = progress_bar(args.quiet);

    let mut tally = Tally::default();
    let mut seen = HashSet::new();
    let mut repeats = sitrep_ingest::SiteRepeats::new();
    let mut inputs = sitrep_ingest::inputs(&args.paths, &options.ingest);
    loop {
        let batch: Vec<_> = inputs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let (raws, skips) = split_batch(batch);
        tally.skipped.extend(skips);
        tally.bytes += raws.iter().map(|r| r.body.len() as u64).sum::<u64>();
        let ingested: Vec<_> = raws.into_par_iter().map(|r| pipeline.ingest(r)).collect();
        let mut cleaned = Vec::with_capacity(ingested.len());
        for result in ingested {
            match result {
                Ok(doc) => cleaned.push(doc),
                Err(skip) => tally.skipped.push(skip),
            }
        }
        // Lines a site repeats on many pages are its template: learnt over the run so far,
        // this batch included, before anything reads the text.
        for doc in &cleaned {
            repeats.observe(doc);
        }
        for doc in &mut cleaned {
            repeats.strip(doc);
        }
        let results: Vec<_> = cleaned
            .into_par_iter()
            .map(|doc| pipeline.finish(doc))
            .collect();
        let mut docs = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(doc) => docs.push(doc),
                Err(skip) => tally.skipped.push(skip),
            }
        }
        store_batch(
            &mut store,
            &mut dedup,
            &mut seen,
            docs,
            &mut tally,
            out.as_mut(),
        )?;
        progress.set_message(format!(
            "{} documents, {} events, {} skipped",
            tally.documents,
            tally.events,
            tally.skipped.len()
        ));
        progress.tick();
    }
    progress.finish_and_clear();

    let rows = store.documents().context("reading documents for linking")?;
    let facts = link(&mut store, &rows)?;
    let stories = assign_stories(&mut store, &rows)?;
    if let Some(out) = out.as_mut() {
        for fact in &facts {
            out.write("facts", fact)?;
        }
        out.flush()?;
    }
    print_summary(&tally, facts.len(), stories, started);
    Ok(if tally.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn split_batch(batch: Vec<Result<RawArticle, Skipped>>) -> (Vec<RawArticle>, Vec<Skipped>) {
    let mut raws = Vec::with_capacity(batch.len());
    let mut skips = Vec::new();
    for item in batch {
        match item {
            Ok(raw) => raws.push(raw),
            Err(skip) => skips.push(skip),
        }
    }
    (raws, skips)
}

/// Writes the new documents of a batch in one transaction and marks duplicates.
fn store_batch(
    store: &mut Store,
    dedup: &mut Dedup,
    seen: &mut HashSet<String>,
    docs: Vec<Document>,
    tally: &mut Tally,
    out: Option<&mut JsonlOut>,
) -> anyhow::Result<()> {
    let mut fresh: Vec<Document> = Vec::with_capacity(docs.len());
    let mut copies = Vec::new();
    let mut dated = Vec::new();
    for doc in docs {
        tally.documents += 1;
        let repeat = !seen.insert(doc.id.clone());
        if repeat || store.contains(&doc.id)? {
            tally.already_stored += 1;
            if doc.published.is_some() {
                date_undated(store, &mut fresh, &mut dated, doc, tally)?;
            }
            continue;
        }
        if let Some(dup) = dedup.add(&doc.id, &doc.text) {
            copies.push(dup);
        }
        tally.events += doc.events.len();
        fresh.push(doc);
    }
    tally.new += store
        .insert_documents(&fresh)
        .context("storing documents")?;
    for dup in &copies {
        let kind = match dup.kind {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        };
        store.mark_copy(&dup.doc, &dup.of, kind, dup.similarity)?;
    }
    tally.duplicates += copies.len();
    if let Some(out) = out {
        for doc in fresh.iter().chain(&dated) {
            out.write_document(doc)?;
        }
    }
    Ok(())
}

/// The same article again, now with its publication date: it replaces the undated
/// version, still in this batch or already stored, whose relative time expressions and
/// event dates then resolve.
fn date_undated(
    store: &mut Store,
    fresh: &mut [Document],
    dated: &mut Vec<Document>,
    doc: Document,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let events = doc.events.len();
    match fresh
        .iter_mut()
        .find(|f| f.id == doc.id && f.published.is_none())
    {
        Some(earlier) => {
            tally.events -= earlier.events.len();
            *earlier = doc;
        }
        None if store.date_document(&doc).context("dating a document")? => dated.push(doc),
        None => return Ok(()),
    }
    tally.dated += 1;
    tally.events += events;
    Ok(())
}

/// Recomputes facts from every stored event.
fn link(store: &mut Store, rows: &[DocRow]) -> anyhow::Result<Vec<sitrep_model::Fact>> {
    let index: std::collections::HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let infos: Vec<DocInfo> = rows
        .iter()
        .map(|d| DocInfo {
            id: d.id.clone(),
            outlet: d.outlet.clone(),
            published: d.published.clone(),
            copy_of: d.copy_of.clone(),
        })
        .collect();
    let events = store.events().context("reading events for linking")?;
    let refs: Vec<_> = events
        .iter()
        .filter_map(|e| Some((*index.get(e.doc.as_str())?, e.index, &e.event)))
        .collect();
    let facts = sitrep_pipeline::link(&infos, &refs);
    store.replace_facts(&facts).context("storing facts")?;
    Ok(facts)
}

/// Groups every stored document into stories (same real-world incident) and records the
/// story numbers; returns how many stories there are. Recomputed over the whole database
/// so numbers stay consistent across runs.
fn assign_stories(store: &mut Store, rows: &[DocRow]) -> anyhow::Result<usize> {
    let heads: Heads = rows
        .iter()
        .map(|d| (d.id.clone(), (d.title.clone(), d.published.clone())))
        .collect();
    // The headline is part of what a report says: templated bodies (earnings tables,
    // dividend notices) differ mostly in the company their headline names.
    let mut idf = Idf::new();
    store
        .for_each_text(|id, text| idf.add(&titled(&heads, id, text)))
        .context("reading texts for stories")?;
    let mut clusters = Stories::new(DEFAULT_STORY_THRESHOLD, DEFAULT_STORY_WINDOW);
    let mut assigned = Vec::new();
    store
        .for_each_text(|id, text| {
            let published = heads.get(id).and_then(|h| h.1.as_ref());
            let doc = StoryDoc::new(&idf, &titled(&heads, id, text), &[], published);
            assigned.push((id.to_string(), clusters.add(doc)));
        })
        .context("reading texts for stories")?;
    store.set_stories(&assigned).context("storing stories")?;
    Ok(clusters.count())
}

/// Headline and publication date of each stored document, by id.
type Heads = HashMap<String, (Option<String>, Option<DateValue>)>;

/// The text story features are built from: the headline, when there is one, then the body.
fn titled<'t>(heads: &Heads, id: &str, text: &'t str) -> std::borrow::Cow<'t, str> {
    match heads.get(id) {
        Some((Some(title), _)) => format!("{title}.\n{text}").into(),
        _ => text.into(),
    }
}

fn print_summary(tally: &Tally, facts: usize, stories: usize, started: Instant) {
    for skip in &tally.skipped {
        eprintln!("skipped {skip}");
    }
    if !tally.skipped.is_empty() {
        eprintln!("skipped by reason: {}", reasons(&tally.skipped));
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = tally.bytes as f64 / 1e6;
    let dated = match tally.dated {
        0 => String::new(),
        n => format!(", {n} of them dated now"),
    };
    eprintln!(
        "{} documents ({} new, {} already stored{dated}, {} copies), {} skipped, {} events, {} facts, {} in {:.1}s ({:.2} MB/s, {:.0} docs/s)",
        tally.documents,
        tally.new,
        tally.already_stored,
        tally.duplicates,
        tally.skipped.len(),
        tally.events,
        facts,
        if stories == 1 { "1 story".to_string() } else { format!("{stories} stories") },
        secs,
        mb / secs.max(1e-9),
        tally.documents as f64 / secs.max(1e-9)
    );
}

/// "1799 empty article, 12 binary content": reasons without their per-item details.
fn reasons(skipped: &[Skipped]) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for skip in skipped {
        // Details after a colon or parenthesis vary per item ("invalid JSON: line 3 ...").
        let general = skip
            .reason
            .split([':', '('])
            .next()
            .unwrap_or(&skip.reason)
            .trim();
        *counts.entry(general.to_string()).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The `--out` JSONL files.
struct JsonlOut {
    files: Vec<(&'static str, BufWriter<File>)>,
}

impl JsonlOut {
    fn create(dir: &Path) -> anyhow::Result<JsonlOut> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut files = Vec::new();
        for name in ["documents", "entities", "events", "quotes", "facts"] {
            let path = dir.join(format!("{name}.jsonl"));
            let file =
                File::create(&path).with_context(|| format!("creating {}", path.display()))?;
            files.push((name, BufWriter::new(file)));
        }
        Ok(JsonlOut { files })
    }

    fn write(&mut self, name: &str, value: &impl serde::Serialize) -> anyhow::Result<()> {
        let (_, w) = self
            .files
            .iter_mut()
            .find(|(n, _)| *n == name)
            .context("unknown output file")?;
        serde_json::to_writer(&mut *w, value)?;
        w.write_all(b"\n")?;
        Ok(())
    }

    fn write_document(&mut self, doc: &Document) -> anyhow::Result<()> {
        self.write(
            "documents",
            &serde_json::json!({
                "id": doc.id, "source": doc.source, "url": doc.url, "outlet": doc.outlet,
                "title": doc.title, "byline": doc.byline, "published": doc.published,
                "language": doc.language, "text": doc.text, "removed": doc.removed,
                "diagnostics": doc.diagnostics,
            }),
        )?;
        for (i, entity) in doc.entities.iter().enumerate() {
            let mentions: Vec<_> = doc
                .mentions
                .iter()
                .filter(|m| m.entity as usize == i)
                .collect();
            self.write(
                "entities",
                &serde_json::json!({"doc": doc.id, "index": i, "entity": entity, "mentions": mentions}),
            )?;
        }
        for (i, event) in doc.events.iter().enumerate() {
            self.write(
                "events",
                &serde_json::json!({"doc": doc.id, "index": i, "event": event}),
            )?;
        }
        for (i, quote) in doc.quotes.iter().enumerate() {
            self.write(
                "quotes",
                &serde_json::json!({"doc": doc.id, "index": i, "quote": quote}),
            )?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        for (_, w) in &mut self.files {
            w.flush()?;
        }
        Ok(())
    }
}
