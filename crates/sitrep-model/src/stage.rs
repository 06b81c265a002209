//! The contract every per-document stage follows.

use crate::Document;

/// A layer of annotation on a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The clean body and metadata, set by ingest.
    Text,
    /// `Document::sentences`.
    Sentences,
    /// `Document::entities` and `Document::mentions`.
    Mentions,
    /// `Document::timexes`.
    Timexes,
    /// `Document::quotes`.
    Quotes,
    /// `Document::events`.
    Events,
}

/// A stage that cannot run at all (a broken dictionary, say). Messy text is never an
/// error: stages record it in `Document::diagnostics`.
#[derive(Debug)]
pub struct StageError {
    /// The stage's name.
    pub stage: &'static str,
    /// What went wrong.
    pub message: String,
}

/// A per-document step: reads the layers it `requires`, writes only those it `assigns`.
pub trait Stage: Send + Sync {
    /// Short name, e.g. `actors`.
    fn name(&self) -> &'static str;
    /// Layers that must exist before it runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers it writes.
    fn assigns(&self) -> &'static [Layer];
    /// Annotates one document.
    fn run(&self, doc: &mut Document) -> Result<(), StageError>;
}

impl std::fmt::Display for StageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stage {}: {}", self.stage, self.message)
    }
}

impl std::error::Error for StageError {}

/// Checks that every stage finds the layers it needs, so a bad order fails at startup
/// rather than halfway through a corpus. Returns the first stage and layer missing.
pub fn check_order(stages: &[&dyn Stage]) -> Result<(), (&'static str, Layer)> {
    let mut have = vec![Layer::Text];
    for stage in stages {
        if let Some(layer) = stage.requires().iter().find(|l| !have.contains(l)) {
            return Err((stage.name(), *layer));
        }
        have.extend_from_slice(stage.assigns());
    }
    Ok(())
}
