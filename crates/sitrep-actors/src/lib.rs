//! Actor dictionaries, recognition and in-document resolution.

use sitrep_model::{Document, Layer, Stage, StageError};

/// The actors stage.
#[derive(Default)]
pub struct ActorTagger;

impl ActorTagger {
    /// Loads the embedded actor dictionaries.
    pub fn new() -> Result<ActorTagger, sitrep_data::LoadErrors> {
        Ok(ActorTagger)
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Mentions]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let _ = doc;
        Ok(())
    }
}
