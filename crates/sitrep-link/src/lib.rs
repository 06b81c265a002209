//! Linking across documents: exact and near-duplicate documents, and events merged
//! into [`Fact`]s with how many independent sources assert, hedge or deny them.

use sitrep_model::{DateValue, Event, Fact};

/// What the linker needs to know about a document besides its events.
#[derive(Clone, Debug)]
pub struct DocInfo {
    /// `Document::id`.
    pub id: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, when known.
    pub published: Option<DateValue>,
    /// The id of the document this one copies (syndication, near-duplicate), if any.
    pub copy_of: Option<String>,
}

/// How a duplicate was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateKind {
    /// Same text after normalisation.
    Exact,
    /// Near-duplicate: a syndicated or lightly edited copy.
    Near,
}

/// A document found to copy an earlier one.
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    /// The later document.
    pub doc: String,
    /// The earlier document it copies.
    pub of: String,
    /// Exact or near.
    pub kind: DuplicateKind,
    /// Estimated Jaccard similarity of their shingles.
    pub similarity: f32,
}

/// Incremental duplicate detector: feed documents in arrival order.
#[derive(Default)]
pub struct Dedup;

impl Dedup {
    /// An empty detector.
    pub fn new() -> Dedup {
        Dedup
    }

    /// Adds one document body; returns the earlier document it duplicates, if any.
    pub fn add(&mut self, id: &str, text: &str) -> Option<Duplicate> {
        let _ = (id, text);
        None
    }
}

/// Merges events from many documents into facts. `events` pairs an index into `docs`
/// with the event's index in its document and the event itself.
pub fn merge_facts(docs: &[DocInfo], events: &[(usize, u32, &Event)]) -> Vec<Fact> {
    let _ = (docs, events);
    Vec::new()
}
