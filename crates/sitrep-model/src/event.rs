//! Events within one document and facts merged across documents.

use crate::{DateValue, Span};
use serde::{Deserialize, Serialize};

/// How a document presents an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact by the document itself.
    Asserted,
    /// Stated by a named claimant ("Kirby said Pyongyang provided ...").
    Claimed,
    /// Qualified: "likely", "suspected", "reportedly", "could".
    Hedged,
    /// Denied or rejected by the claimant.
    Denied,
    /// Future or planned: "is scheduled to visit", "intends to".
    Planned,
    /// Conditional or hypothetical: "if ...", "would".
    Hypothetical,
    /// Said not to have happened ("did not provide").
    Negated,
}

impl Modality {
    /// Lower-case name used in tables and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Claimed => "claimed",
            Modality::Hedged => "hedged",
            Modality::Denied => "denied",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }

    /// Parses the name written by [`Modality::as_str`].
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "claimed" => Modality::Claimed,
            "hedged" => Modality::Hedged,
            "denied" => Modality::Denied,
            "planned" => Modality::Planned,
            "hypothetical" => Modality::Hypothetical,
            "negated" => Modality::Negated,
            _ => return None,
        })
    }
}

/// An actor in an event role, pointing back to its mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO-style actor code (`PRK`, `USAGOV`).
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// Index into `Document::entities`, when the actor is a resolved entity.
    pub entity: Option<u32>,
    /// The words in the sentence that name it.
    pub span: Span,
}

/// The date an event took place and how it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// The date.
    #[serde(flatten)]
    pub date: DateValue,
    /// `clause` when a time expression of the event's own clause gave it, `document` when it
    /// falls back to the publication date.
    pub from: String,
}

/// Where an event took place, when its sentence names it ("in Kyiv", "near the border
/// with Ukraine", "at the Vostochny cosmodrome").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// Canonical name of the place.
    pub name: String,
    /// ISO-3 code of the country it lies in, when known.
    pub country: Option<String>,
    /// Index into `Document::entities`.
    pub entity: u32,
    /// The words in the sentence that name it.
    pub span: Span,
}

/// One coded event: source → action → target, with modality and provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who acts.
    pub source: Option<ActorRef>,
    /// Who is acted upon.
    pub target: Option<ActorRef>,
    /// Full CAMEO code (`0234`, `070`).
    pub cameo: String,
    /// CAMEO root (`02`, `07`).
    pub root: String,
    /// Quad class 0–4 (0 neutral, 1 verbal coop, 2 material coop, 3 verbal conflict,
    /// 4 material conflict).
    pub quad_class: u8,
    /// Goldstein scale score of the code.
    pub goldstein: f32,
    /// PLOVER event type (`AID`, `CONSULT`, `ACCUSE`).
    pub plover: String,
    /// What the event concerns when named: `artillery ammunition`, `missiles`, `technology`.
    pub object: Option<String>,
    /// How the document presents it.
    pub modality: Modality,
    /// Who says so, when not the document itself.
    pub claimant: Option<ActorRef>,
    /// When it happened.
    pub date: Option<EventDate>,
    /// Where it happened, when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<EventPlace>,
    /// Index into `Document::sentences`.
    pub sentence: u32,
    /// The verb or noun that triggered the pattern.
    pub trigger: Span,
    /// The evidence: usually the whole sentence.
    pub evidence: Span,
    /// The evidence text, kept so events can be read without their document.
    pub evidence_text: String,
    /// The rule that fired (`verbs.tsv:57`).
    pub rule: String,
    /// 0–1.
    pub confidence: f32,
    /// For a denial: index into `Document::events` of the event it denies.
    pub denies: Option<u32>,
}

/// Where a supporting event lives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventRef {
    /// `Document::id`.
    pub doc: String,
    /// Index into that document's `events`.
    pub event: u32,
}

/// An event merged across documents: one real-world happening and how well it is sourced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id derived from the merge key.
    pub id: String,
    /// Source actor code.
    pub source: String,
    /// Source actor name.
    pub source_name: String,
    /// Target actor code (empty when the events have none).
    pub target: String,
    /// Target actor name.
    pub target_name: String,
    /// CAMEO root shared by the supporting events.
    pub root: String,
    /// The most frequent full CAMEO code among them.
    pub cameo: String,
    /// PLOVER type.
    pub plover: String,
    /// Quad class of the root.
    pub quad_class: u8,
    /// A short label for people (`provide military aid`).
    pub label: String,
    /// Objects named by the supporting events (`ammunition`, `missiles`).
    pub objects: Vec<String>,
    /// Number of supporting events.
    pub mentions: u32,
    /// Number of distinct documents.
    pub documents: u32,
    /// Number of distinct outlets.
    pub outlets: u32,
    /// Number of independent origins: syndicated copies count once.
    pub origins: u32,
    /// Claimants (or outlets, for bare assertions) that assert it.
    pub asserted_by: Vec<String>,
    /// Claimants that hedge it.
    pub hedged_by: Vec<String>,
    /// Claimants that deny it.
    pub denied_by: Vec<String>,
    /// True when somebody denies it.
    pub contested: bool,
    /// First day it was reported (`YYYY-MM-DD`): the earliest publication day among the
    /// supporting documents, or an event's own date where a document has none.
    pub first_seen: Option<String>,
    /// Last day it was reported.
    pub last_seen: Option<String>,
    /// The supporting events.
    pub events: Vec<EventRef>,
}
