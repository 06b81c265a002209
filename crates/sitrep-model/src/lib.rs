//! The shared data model of sitrep.
//!
//! Every stage of the pipeline talks to the next one only through these types:
//! ingest makes a [`Document`] whose `text` never changes afterwards, the
//! per-document stages add layers of byte [`Span`]s to it (sentences, mentions,
//! time expressions, quotes, events), and the cross-document linker merges
//! events into [`Fact`]s.
//!
//! This crate does no IO, reads no clock and has no randomness: it is plain
//! data plus a few helpers, so that every other crate can depend on it.
//!
//! ```
//! use sitrep_model::{Document, Span};
//! let doc = Document::new("stdin", "Kirby said Tuesday that Pyongyang sent shells.");
//! assert_eq!(Span::new(0, 5).of(&doc.text), "Kirby");
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

mod event;
mod stage;

pub use event::{ActorRef, Event, EventDate, EventPlace, EventRef, Fact, Modality};
pub use stage::{check_order, Layer, Stage, StageError};

/// Half-open byte range into [`Document::text`]; `start <= end`, both on char boundaries.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`; swaps nothing, so callers must pass `start <= end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The text this span covers; empty when the span does not fit `text`.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// `start` as `usize`, for slicing.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// `end` as `usize`, for slicing.
    pub fn end(self) -> usize {
        self.end as usize
    }
}

impl fmt::Debug for Span {
    // `16..24`, so snapshots stay short.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A decade, value like `2020`.
    Decade,
    /// A year, value like `2024`.
    Year,
    /// A month, value like `2024-05`.
    Month,
    /// A day, value like `2024-05-21`.
    Day,
    /// A day and a time of day, value like `2024-05-22T09:02`.
    Minute,
}

/// A date with its precision, as an ISO 8601 prefix (`2024`, `2024-05`, `2024-05-21`,
/// `2024-05-22T09:02`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateValue {
    /// ISO 8601 text, as long as the precision allows.
    pub value: String,
    /// How much of `value` is meaningful.
    pub precision: Precision,
}

impl DateValue {
    /// The `YYYY-MM-DD` day this date falls on, when known to the day.
    pub fn day(&self) -> Option<&str> {
        (self.precision >= Precision::Day).then(|| &self.value[..10.min(self.value.len())])
    }
}

/// The publication date of a document and where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    /// The date itself.
    #[serde(flatten)]
    pub date: DateValue,
    /// Where it came from: `jsonl:date`, `html:meta`, `json-ld`, `url`, `text line`, ...
    pub origin: String,
}

/// One article, from raw input to coded events. `text` is frozen after ingest so every
/// [`Span`] in the layers stays valid for the document's whole life.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of the normalised clean body (hex), so re-running the same input
    /// yields the same id.
    pub id: String,
    /// Where the article came from: a path, `path:line`, a WARC record URI, `-` for stdin.
    pub source: String,
    /// The article URL when known.
    pub url: Option<String>,
    /// The publishing outlet or wire service (`Yonhap`, `The Korea Herald`).
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author line, without the leading "By".
    pub byline: Option<String>,
    /// The publication date, never invented: `None` when nothing said it.
    pub published: Option<PublishedDate>,
    /// ISO 639-1 language code when detected.
    pub language: Option<String>,
    /// The clean article body. Frozen after ingest.
    pub text: String,
    /// What the cleaner removed from the raw input, with the reason.
    pub removed: Vec<Removed>,
    /// Sentence layer.
    pub sentences: Vec<Sentence>,
    /// Actors found in this document; mentions point into this list.
    pub entities: Vec<Entity>,
    /// Actor mention layer.
    pub mentions: Vec<Mention>,
    /// Time expression layer.
    pub timexes: Vec<Timex>,
    /// Quote and reported-speech layer.
    pub quotes: Vec<Quote>,
    /// Event layer.
    pub events: Vec<Event>,
    /// Soft problems found on the way ("no date found"); they never abort the document.
    pub diagnostics: Vec<String>,
}

impl Document {
    /// A bare document with only a source and a body, as tests and simple readers make.
    pub fn new(source: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            source: source.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The text a span covers.
    pub fn span_text(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// The index of the sentence that contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let offset = offset as u32;
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// Words in the body, counted as whitespace-separated runs.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// A piece of raw input the cleaner dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text (one line or block).
    pub text: String,
    /// Why: `navigation`, `share widget`, `author bio`, `repeated caption`, ...
    pub reason: String,
}

/// One sentence of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's bytes in `Document::text`.
    pub span: Span,
    /// Index of the paragraph (blank-line or newline separated block) it belongs to.
    pub paragraph: u32,
}

/// What sort of thing an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A named person.
    Person,
    /// A government body, military, company, party, IGO or other group.
    Organisation,
    /// A state or territory.
    Country,
    /// A city, region or other location that is not itself an actor.
    Place,
}

/// An actor as the event coder sees it: a canonical name and a CAMEO-style code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name (`North Korea`, `John Kirby`, `U.S. military`).
    pub name: String,
    /// Person, organisation, country or place.
    pub kind: ActorKind,
    /// ISO 3166 alpha-3 country the actor belongs to, when known.
    pub country: Option<String>,
    /// Role or title (`NSC coordinator for strategic communications`, `UN ambassador`).
    pub role: Option<String>,
    /// Composite CAMEO-style code: country (or IGO) followed by agent (`PRKGOV`, `USAMIL`,
    /// `IGOUNO`); just the country for a whole state (`PRK`).
    pub code: String,
}

/// An actor resolved within one document; mentions point at it by index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The actor.
    #[serde(flatten)]
    pub actor: Actor,
    /// Which dictionary entry or recognition rule produced it (`actors/countries.tsv:171`).
    pub rule: String,
    /// Problems noticed while resolving it, e.g. two names bound to one role.
    pub flags: Vec<String>,
}

/// One occurrence of an entity in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// The surface text (`the DPRK`, `Coordinator Kirby`, `he`).
    pub text: String,
    /// Index into `Document::entities`.
    pub entity: u32,
    /// The dictionary entry or rule that matched.
    pub rule: String,
}

/// A time expression and its normalised value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// The surface text (`Tuesday`, `last month`, `Sept. 14, 2023`).
    pub text: String,
    /// The resolved value; `None` when it needs an anchor the document lacks.
    pub value: Option<DateValue>,
    /// How it was resolved: `absolute`, `relative to document date ...` (or `dateline
    /// date ...` when a dated dateline gives the local day), `unresolved: ...`.
    pub anchor: String,
}

/// Direct, indirect or mixed speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech: "X said that ...", "according to X".
    Indirect,
    /// Reported speech with a quoted fragment inside.
    Mixed,
}

/// Something somebody said or wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content's bytes (without the quotation marks for direct quotes).
    pub span: Span,
    /// The content text.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Index into `Document::entities` of the speaker, when resolved.
    pub speaker: Option<u32>,
    /// The speaker's name as resolved (kept even when no entity matched).
    pub speaker_name: Option<String>,
    /// The cue verb or phrase (`said`, `told the council`, `according to`).
    pub cue: Option<Span>,
}

/// An input item that could not become a document, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The path, `path:line` or record id of the item.
    pub source: String,
    /// Why it was skipped, in words a user understands.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}
