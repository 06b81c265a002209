//! Per-document annotation: sentences, actors, time expressions and quotes.
//!
//! Each annotator is a [`Stage`] in its own crate: it reads some layers of a
//! [`Document`] and writes others. [`Annotator`] runs them in their checked order:
//! sentences → actors → time → quotes.

use sitrep_data::LoadErrors;
use sitrep_model::{Document, Stage};

/// All annotation stages, with their dictionaries loaded once.
pub struct Annotator {
    sentences: sitrep_text::SentenceSplitter,
    actors: sitrep_actors::ActorTagger,
    time: sitrep_time::TimeTagger,
    quotes: sitrep_quotes::QuoteTagger,
}

impl Annotator {
    /// Builds the annotators from the dictionaries embedded in the binary.
    pub fn new() -> Result<Annotator, LoadErrors> {
        Ok(Annotator {
            sentences: sitrep_text::SentenceSplitter,
            actors: sitrep_actors::ActorTagger::new()?,
            time: sitrep_time::TimeTagger::new(),
            quotes: sitrep_quotes::QuoteTagger::new(),
        })
    }

    /// The annotators with a given actor tagger, e.g. one that adds imported
    /// dictionaries to the embedded ones.
    pub fn with_actors(actors: sitrep_actors::ActorTagger) -> Annotator {
        Annotator {
            sentences: sitrep_text::SentenceSplitter,
            actors,
            time: sitrep_time::TimeTagger::new(),
            quotes: sitrep_quotes::QuoteTagger::new(),
        }
    }

    /// The stages in the order they run.
    pub fn stages(&self) -> [&dyn Stage; 4] {
        [&self.sentences, &self.actors, &self.time, &self.quotes]
    }

    /// Runs every stage on one document. Stages record text problems as diagnostics, so
    /// the only failure left is a broken stage, which is recorded too.
    pub fn annotate(&self, doc: &mut Document) {
        for stage in self.stages() {
            if let Err(e) = stage.run(doc) {
                doc.diagnostics.push(e.to_string());
            }
        }
    }
}
