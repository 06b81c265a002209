//! The sitrep pipeline facade: one call takes a raw article through ingest,
//! annotation and event coding; [`link`] merges the events of many documents into facts.
//!
//! The per-document part is pure, so callers run it in parallel; the linker is the only
//! step that looks across documents.
//!
//! ```no_run
//! use sitrep_pipeline::Pipeline;
//! let pipeline = Pipeline::new(Default::default()).unwrap();
//! # let raw: sitrep_ingest::RawArticle = unimplemented!();
//! let doc = pipeline.process(raw).unwrap();
//! println!("{} events", doc.events.len());
//! ```

use sitrep_annotate::Annotator;
use sitrep_code::Coder;
use sitrep_ingest::{IngestOptions, RawArticle};
use sitrep_model::{check_order, Document, Skipped, Stage};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

pub use sitrep_link::{
    merge_facts, story, trial, Dedup, DocInfo, Duplicate, DuplicateKind, Signer,
};

/// Why the pipeline could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// An embedded dictionary failed to load.
    #[error("loading dictionaries: {0}")]
    Dictionary(#[from] sitrep_data::LoadErrors),
    /// A user dictionary could not be read.
    #[error("reading {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A stage needs a layer no earlier stage writes.
    #[error("stage {stage} needs layer {layer} that no earlier stage writes")]
    Order {
        /// The stage.
        stage: &'static str,
        /// The missing layer.
        layer: String,
    },
}

/// Pipeline settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Ingest settings.
    pub ingest: IngestOptions,
    /// Languages coded (ISO 639-1); documents detected as another language are skipped
    /// with the reason. Empty: code everything.
    pub languages: Vec<String>,
    /// PETRARCH/TABARI-format actor dictionaries added to the embedded ones.
    pub petrarch_actors: Vec<PathBuf>,
    /// PETRARCH/TABARI-format agent dictionaries added to the embedded ones.
    pub petrarch_agents: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ingest: IngestOptions::default(),
            languages: vec!["en".to_string()],
            petrarch_actors: Vec::new(),
            petrarch_agents: Vec::new(),
        }
    }
}

/// Cumulative time spent in each step, for `sitrep bench` and `--stats`.
#[derive(Debug, Default)]
pub struct StageTimes {
    names: Vec<&'static str>,
    nanos: Vec<AtomicU64>,
}

impl StageTimes {
    fn new(names: Vec<&'static str>) -> StageTimes {
        let nanos = names.iter().map(|_| AtomicU64::new(0)).collect();
        StageTimes { names, nanos }
    }

    fn add(&self, i: usize, since: Instant) {
        let spent = since.elapsed().as_nanos() as u64;
        self.nanos[i].fetch_add(spent, Ordering::Relaxed);
    }

    /// `(step name, seconds of CPU time summed over threads)`, in pipeline order.
    pub fn seconds(&self) -> Vec<(&'static str, f64)> {
        self.names
            .iter()
            .zip(&self.nanos)
            .map(|(n, t)| (*n, t.load(Ordering::Relaxed) as f64 / 1e9))
            .collect()
    }
}

/// The per-document pipeline: ingest → sentences → actors → time → quotes → events.
pub struct Pipeline {
    options: Options,
    annotator: Annotator,
    coder: Coder,
    times: StageTimes,
    warnings: Vec<String>,
}

impl Pipeline {
    /// Loads every embedded dictionary and checks the stage order.
    pub fn new(options: Options) -> Result<Pipeline, PipelineError> {
        let (annotator, warnings) = annotator(&options)?;
        let coder = Coder::new()?;
        let mut stages: Vec<&dyn Stage> = annotator.stages().to_vec();
        stages.push(&coder);
        check_order(&stages).map_err(|(stage, layer)| PipelineError::Order {
            stage,
            layer: format!("{layer:?}"),
        })?;
        let mut names = vec!["ingest"];
        names.extend(stages.iter().map(|s| s.name()));
        let times = StageTimes::new(names);
        Ok(Pipeline {
            options,
            annotator,
            coder,
            times,
            warnings,
        })
    }

    /// Lines of user dictionaries that were skipped, as `file: line N: problem`.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Time spent so far in each step.
    pub fn times(&self) -> &StageTimes {
        &self.times
    }

    /// Takes one raw article all the way to coded events.
    pub fn process(&self, raw: RawArticle) -> Result<Document, Skipped> {
        let doc = self.ingest(raw)?;
        self.finish(doc)
    }

    /// The first half of [`Pipeline::process`]: the cleaned document, before anything
    /// reads its text, so a caller can still remove what it learns across documents
    /// (see [`sitrep_ingest::SiteRepeats`]).
    pub fn ingest(&self, raw: RawArticle) -> Result<Document, Skipped> {
        let start = Instant::now();
        let doc = sitrep_ingest::to_document(raw, &self.options.ingest);
        self.times.add(0, start);
        doc
    }

    /// The second half of [`Pipeline::process`]: language check, annotation and coding.
    pub fn finish(&self, mut doc: Document) -> Result<Document, Skipped> {
        self.check_language(&mut doc)?;
        self.annotate_and_code(&mut doc);
        Ok(doc)
    }

    /// Runs annotation and coding on a document that is already ingested.
    pub fn annotate_and_code(&self, doc: &mut Document) {
        let stages = self.annotator.stages();
        for (i, stage) in stages
            .iter()
            .chain([&self.coder as &dyn Stage].iter())
            .enumerate()
        {
            let start = Instant::now();
            if let Err(e) = stage.run(doc) {
                doc.diagnostics.push(e.to_string());
            }
            self.times.add(i + 1, start);
        }
        // Events the coder left undated take their clause's time expression, else the
        // publication date (the time crate knows clauses; the coder must not depend on it).
        sitrep_time::date_events(doc);
        // And the place their sentence names, from the actor layer.
        sitrep_code::place_events(doc);
    }

    fn check_language(&self, doc: &mut Document) -> Result<(), Skipped> {
        let Some(lang) = doc.language.clone() else {
            return Ok(());
        };
        if self.options.languages.is_empty() || self.options.languages.contains(&lang) {
            return Ok(());
        }
        // Detectors misjudge tables of figures and short wires; English function words
        // in enough running text overrule them, and too little text leaves it open.
        if self.options.languages.iter().any(|l| l == "en") && !clearly_not_english(&doc.text) {
            doc.diagnostics.push(format!(
                "language detected as {lang:?} but the text reads as English or is too short to tell; coded"
            ));
            return Ok(());
        }
        Err(Skipped {
            source: doc.source.clone(),
            reason: format!(
                "language {lang:?} is not coded (coded: {})",
                self.options.languages.join(", ")
            ),
        })
    }
}

/// The annotators, with the user's PETRARCH actor and agent dictionaries added to the
/// embedded ones when there are any, and the lines of those files that were skipped.
fn annotator(options: &Options) -> Result<(Annotator, Vec<String>), PipelineError> {
    if options.petrarch_actors.is_empty() && options.petrarch_agents.is_empty() {
        return Ok((Annotator::new()?, Vec::new()));
    }
    let (mut entries, names) = sitrep_actors::Dictionaries::embedded()?.entries()?;
    let mut warnings = Vec::new();
    let files = options
        .petrarch_actors
        .iter()
        .map(|p| (p, false))
        .chain(options.petrarch_agents.iter().map(|p| (p, true)));
    for (path, agents) in files {
        let bytes = std::fs::read(path).map_err(|source| PipelineError::Io {
            path: path.clone(),
            source,
        })?;
        // Old dictionaries mix encodings; undecodable bytes only affect their own entry.
        let text = String::from_utf8_lossy(&bytes);
        let name = path.display().to_string();
        let import = if agents {
            sitrep_actors::import_petrarch_agents_named(&name, &text)
        } else {
            sitrep_actors::import_petrarch_actors_named(&name, &text)
        };
        warnings.extend(import.errors.iter().map(|e| format!("{name}: {e}")));
        entries.extend(import.entries);
    }
    let tagger = sitrep_actors::ActorTagger::from_entries(entries, names)?;
    Ok((Annotator::with_actors(tagger), warnings))
}

/// Words of two or more letters needed before a text counts as long enough to judge.
const MIN_WORDS_TO_JUDGE: usize = 40;

/// True when a text is long enough to judge, is not mostly figures, and has almost no
/// English function words.
pub fn clearly_not_english(text: &str) -> bool {
    let tokens = text.split_whitespace().count();
    let figures = text
        .split_whitespace()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .count();
    if figures * 5 >= tokens {
        return false;
    }
    let (words, english) = sitrep_ingest::english_share(text);
    words >= MIN_WORDS_TO_JUDGE && (english as f64) < 0.03 * words as f64
}

/// Merges stored events into facts: a thin call into the linker, kept here so the
/// binary depends on one facade.
pub fn link(
    docs: &[DocInfo],
    events: &[(usize, u32, &sitrep_model::Event)],
) -> Vec<sitrep_model::Fact> {
    merge_facts(docs, events)
}

#[cfg(test)]
mod tests {
    use super::clearly_not_english;

    #[test]
    fn figures_tables_and_english_prose_are_not_foreign() {
        let table =
            "CITY, March 2 - Shr loss 14 cts vs loss 27 cts Net loss 850,000 vs loss 1,400,000 \
            Sales 41.1 mln vs 20.3 mln Avg shrs 6,349,753 vs 4,403,852 Nine mths Shr profit 13 cts \
            vs loss one ct Net profit 853,000 vs loss 22,000 Revs 337.3 mln vs 315.2 mln Year Shr";
        assert!(!clearly_not_english(table));
        let english = "The minister said on Monday that the talks with the union were going well and that a deal could be signed within weeks, although several points of the plan remain open and the unions want more time to study the text before they vote on it.";
        assert!(!clearly_not_english(english));
        let french = "Le ministre a déclaré lundi que les discussions avec les syndicats avançaient bien et qu'un accord pourrait être signé dans les semaines qui viennent, même si plusieurs points du plan restent ouverts et que les syndicats veulent davantage de temps pour étudier le texte avant de voter sur celui-ci.";
        assert!(clearly_not_english(french));
    }
}
