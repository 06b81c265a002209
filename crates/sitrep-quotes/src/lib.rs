//! Quotes and reported speech with their speakers.

use sitrep_model::{Document, Layer, Stage, StageError};

/// The quotes stage.
#[derive(Default)]
pub struct QuoteTagger;

impl QuoteTagger {
    /// Builds the stage.
    pub fn new() -> QuoteTagger {
        QuoteTagger
    }
}

impl Stage for QuoteTagger {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Mentions]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let _ = doc;
        Ok(())
    }
}
