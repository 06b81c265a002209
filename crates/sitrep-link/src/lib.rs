//! Linking across documents: exact and near-duplicate documents, stories, and events
//! merged into [`Fact`]s with how many independent sources assert, hedge or deny them.
//!
//! ```
//! use sitrep_link::{Dedup, DuplicateKind};
//! let body = "The harbour council approved a second ferry line on Monday after a long \
//!             debate about noise, cost and the fishermen's nets near the pier.";
//! let mut dedup = Dedup::new();
//! assert!(dedup.add("wire-1", body).is_none());
//! let copy = format!("LOCAL NEWS | {body}\nShare this story.");
//! let dup = dedup.add("paper-7", &copy).unwrap();
//! assert_eq!((dup.of.as_str(), dup.kind), ("wire-1", DuplicateKind::Near));
//! ```
//!
//! - [`Dedup`]: one-pass, incremental, bounded-memory duplicate detection (xxh3 of the
//!   normal form for exact copies, MinHash + LSH for near copies);
//! - [`merge_facts`]: events → facts, counting documents, outlets and independent origins;
//! - [`trial`]: precision and recall of near-duplicate detection on generated syndicated
//!   copies of real articles;
//! - [`story`]: similarity of two reports (same incident or another one of the same kind)
//!   and an incremental [`story::Stories`] clusterer.

mod dates;
mod dedup;
mod facts;
pub mod normalize;
pub mod story;
pub mod trial;

pub use dedup::{Dedup, DedupConfig, Signature, Signer, SHINGLE, SIG_LEN};
pub use facts::{merge_code, merge_facts, merge_facts_with, MergeConfig};
use sitrep_model::DateValue;
pub use sitrep_model::Fact;

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
