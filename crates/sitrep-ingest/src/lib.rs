//! Ingest: raw inputs (files, directories, stdin; text, HTML, JSONL, WARC, compressed)
//! become clean [`Document`]s with metadata.
//!
//! Two steps, so the expensive one can run in parallel: [`inputs`] walks the paths and
//! streams [`RawArticle`]s (cheap, sequential, bounded memory), [`to_document`] turns one
//! raw article into a cleaned document (parallel).
//!
//! ```
//! use sitrep_ingest::{to_document, Format, IngestOptions, RawArticle};
//! let raw = RawArticle::new("demo.txt", Format::Text,
//!     b"Ministers agree on new port deal\nPublished\n\nThe two ministers signed the deal on Monday, officials said.\n".to_vec());
//! let doc = to_document(raw, &IngestOptions::default()).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Ministers agree on new port deal"));
//! assert_eq!(doc.text, "The two ministers signed the deal on Monday, officials said.");
//! ```

mod clean;
mod dates;
mod decode;
mod dicts;
mod html;
mod pubdate;
mod read;
mod repeats;
mod tags;
mod warc;

use sitrep_model::{Document, Skipped};
use std::path::PathBuf;

pub use clean::english_share;
pub use dates::parse_date;
pub use html::{extract_html, extract_html_bytes, Extracted};
pub use pubdate::{publication_date, publication_date_str};
pub use repeats::SiteRepeats;

/// Knobs for reading.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Items larger than this many bytes are skipped with a reason.
    pub max_bytes: u64,
    /// JSONL fields tried, in order, for the article body.
    pub text_fields: Vec<String>,
    /// JSONL fields tried, in order, for an HTML body (read as [`Format::Html`]).
    pub html_fields: Vec<String>,
    /// JSONL fields tried, in order, for the headline.
    pub title_fields: Vec<String>,
    /// JSONL fields tried, in order, for the publication date.
    pub date_fields: Vec<String>,
    /// JSONL fields tried, in order, for the URL.
    pub url_fields: Vec<String>,
    /// JSONL fields tried, in order, for the outlet.
    pub outlet_fields: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: 64 << 20,
            text_fields: names(&["text", "body", "content", "articleBody", "article"]),
            html_fields: names(&["html", "raw_html"]),
            title_fields: names(&["title", "headline"]),
            date_fields: names(&[
                "date",
                "published",
                "published_at",
                "datePublished",
                "pubdate",
            ]),
            url_fields: names(&["url", "link"]),
            outlet_fields: names(&["source", "outlet", "publisher", "site_name"]),
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

impl RawArticle {
    /// A raw article with no container metadata.
    pub fn new(source: impl Into<String>, format: Format, body: Vec<u8>) -> RawArticle {
        RawArticle {
            source: source.into(),
            format,
            body,
            title: None,
            date: None,
            url: None,
            outlet: None,
        }
    }
}

/// Streams the articles under `paths` (`-` is stdin); every item is an article or a
/// reason it was skipped.
pub fn inputs(
    paths: &[PathBuf],
    options: &IngestOptions,
) -> Box<dyn Iterator<Item = Result<RawArticle, Skipped>> + Send> {
    Box::new(read::Inputs::new(paths, options.clone()))
}

/// Decodes and cleans one article.
pub fn to_document(raw: RawArticle, options: &IngestOptions) -> Result<Document, Skipped> {
    clean::to_document(raw, options)
}
