//! Time expressions resolved to dates.

use sitrep_model::{Document, Layer, Stage, StageError};

/// The time stage.
#[derive(Default)]
pub struct TimeTagger;

impl TimeTagger {
    /// Builds the stage.
    pub fn new() -> TimeTagger {
        TimeTagger
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let _ = doc;
        Ok(())
    }
}
