//! Ingest: raw inputs (files, directories, stdin; text, HTML, JSONL, WARC, compressed)
//! become clean [`Document`]s with metadata.
//!
//! Two steps, so the expensive one can run in parallel: [`inputs`] walks the paths and
//! streams [`RawArticle`]s (cheap, sequential, bounded memory), [`to_document`] turns one
//! raw article into a cleaned document (parallel).

use sitrep_model::{Document, Skipped};
use std::path::PathBuf;

/// Knobs for reading.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Items larger than this many bytes are skipped with a reason.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: 64 << 20,
        }
    }
}

/// The format of one raw article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain or scraped text.
    Text,
    /// An HTML page.
    Html,
}

/// One article as read, before cleaning.
#[derive(Clone, Debug)]
pub struct RawArticle {
    /// Path, `path:line` or record id.
    pub source: String,
    /// How to read `body`.
    pub format: Format,
    /// The undecoded bytes of the body.
    pub body: Vec<u8>,
    /// Metadata given by the container (JSONL fields, WARC headers).
    pub title: Option<String>,
    /// Publication date text given by the container.
    pub date: Option<String>,
    /// URL given by the container.
    pub url: Option<String>,
    /// Outlet given by the container.
    pub outlet: Option<String>,
}

/// Streams the articles under `paths` (`-` is stdin); every item is an article or a
/// reason it was skipped.
pub fn inputs(
    paths: &[PathBuf],
    options: &IngestOptions,
) -> Box<dyn Iterator<Item = Result<RawArticle, Skipped>> + Send> {
    let _ = (paths, options);
    Box::new(std::iter::empty())
}

/// Decodes and cleans one article.
pub fn to_document(raw: RawArticle, options: &IngestOptions) -> Result<Document, Skipped> {
    let _ = options;
    let text = String::from_utf8(raw.body).map_err(|_| Skipped {
        source: raw.source.clone(),
        reason: "not UTF-8".into(),
    })?;
    Ok(Document::new(raw.source, text))
}
