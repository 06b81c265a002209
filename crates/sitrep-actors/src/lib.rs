//! Actor dictionaries, recognition and in-document resolution.
//!
//! The stage finds who is named in an article and gives each real actor one
//! [`Entity`](sitrep_model::Entity) with a CAMEO-style code:
//!
//! 1. one Aho-Corasick pass over the text finds every dictionary phrase from
//!    `data/actors/*.tsv` (countries, demonyms, capitals, seats of power, IGOs, agent
//!    nouns, role titles, people), whole words, longest first, with a case rule that keeps
//!    "US" apart from "us" ([`matcher`]);
//! 2. each sentence is read as units (hits, words, punctuation): title phrases combine a
//!    country with a role or agent ("North Korean troops" → `PRKMIL`, "Russian President
//!    Vladimir Putin" → Putin, `RUSGOV`), names not in the dictionary are found after a
//!    title, in an apposition, or by a known given name ([`recognize`]); organisations,
//!    teams and listed people are also found by shape (`data/actors/org_heads.tsv`,
//!    results lines, "Name ( Country )");
//! 3. bare surnames and definite descriptions link to the person they most plausibly
//!    mean, and two names bound to one unique post are flagged ([`resolve`]).
//!
//! ```
//! use sitrep_actors::ActorTagger;
//! use sitrep_model::{Document, Stage};
//! let tagger = ActorTagger::new().unwrap();
//! let mut doc = Document::new("t", "The Kremlin denied it.");
//! doc.sentences = sitrep_text::split_sentences(&doc.text);
//! tagger.run(&mut doc).unwrap();
//! assert_eq!(doc.entities[0].actor.code, "RUSGOV");
//! ```

use sitrep_model::{Document, Entity, Layer, Mention, Stage, StageError};
use std::sync::{Arc, OnceLock};

pub mod eval;
pub mod lexicon;
pub mod matcher;
pub mod petrarch;
pub mod pronoun;
pub mod recognize;
mod resolve;
mod shapes;
mod title;
mod units;

pub use lexicon::{ActorEntry, Category, Dictionaries, Gender, Lexicon, NameLists, OrgShape};
pub use petrarch::{
    import_petrarch_actors, import_petrarch_actors_named, import_petrarch_agents,
    import_petrarch_agents_named, Import,
};
pub use pronoun::resolve_pronoun;
pub use recognize::MentionClass;

/// The actors stage. Cloning is cheap: the compiled lexicon is shared.
#[derive(Clone)]
pub struct ActorTagger {
    lex: Arc<Lexicon>,
}

/// What the tagger found in one document, before it is written into the document.
#[derive(Clone, Debug, Default)]
pub struct Annotation {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// How each mention names its entity, parallel to `mentions`.
    pub classes: Vec<MentionClass>,
}

static EMBEDDED: OnceLock<Arc<Lexicon>> = OnceLock::new();

fn build_embedded() -> Result<Lexicon, sitrep_data::LoadErrors> {
    let (entries, names) = Dictionaries::embedded()?.entries()?;
    lexicon_or_error(entries, names)
}

fn lexicon_or_error(
    entries: Vec<ActorEntry>,
    names: NameLists,
) -> Result<Lexicon, sitrep_data::LoadErrors> {
    Lexicon::new(entries, names).map_err(|message| {
        sitrep_data::LoadErrors(vec![sitrep_data::LoadError::Header {
            path: "actors".into(),
            message,
        }])
    })
}

impl ActorTagger {
    /// Loads the embedded actor dictionaries; compiled once per process, later calls
    /// share it.
    pub fn new() -> Result<ActorTagger, sitrep_data::LoadErrors> {
        if let Some(lex) = EMBEDDED.get() {
            return Ok(ActorTagger { lex: lex.clone() });
        }
        let built = Arc::new(build_embedded()?);
        Ok(ActorTagger {
            lex: EMBEDDED.get_or_init(|| built).clone(),
        })
    }

    /// A tagger over parsed dictionaries (tests, user overlays).
    pub fn from_dictionaries(d: &Dictionaries) -> Result<ActorTagger, sitrep_data::LoadErrors> {
        let (entries, names) = d.entries()?;
        Self::from_entries(entries, names)
    }

    /// A tagger over explicit entries, e.g. the embedded ones plus a PETRARCH import.
    pub fn from_entries(
        entries: Vec<ActorEntry>,
        names: NameLists,
    ) -> Result<ActorTagger, sitrep_data::LoadErrors> {
        Ok(ActorTagger {
            lex: Arc::new(lexicon_or_error(entries, names)?),
        })
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Finds entities and mentions without touching the document (needs its sentences).
    pub fn annotate(&self, doc: &Document) -> Annotation {
        let mut reader = recognize::Reader::new(&self.lex, doc);
        reader.read(doc);
        reader.resolve();
        finish(reader, &doc.text)
    }
}

/// Orders entities by first mention and mentions by position, and builds the model types.
fn finish(reader: recognize::Reader<'_>, text: &str) -> Annotation {
    let mut mentions = reader.mentions;
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions.dedup_by_key(|m| m.span);
    let mut order: Vec<usize> = Vec::new();
    let mut new_index = vec![u32::MAX; reader.entities.len()];
    for m in &mentions {
        if new_index[m.entity] == u32::MAX {
            new_index[m.entity] = order.len() as u32;
            order.push(m.entity);
        }
    }
    let mut drafts: Vec<Option<recognize::Draft>> = reader.entities.into_iter().map(Some).collect();
    let entities = order
        .iter()
        .filter_map(|&i| drafts[i].take())
        .map(|d| Entity {
            actor: d.actor,
            rule: d.rule,
            flags: d.flags,
        })
        .collect();
    let classes = mentions.iter().map(|m| m.class).collect();
    let mentions = mentions
        .into_iter()
        .map(|m| Mention {
            span: m.span,
            text: m.span.of(text).to_string(),
            entity: new_index[m.entity],
            rule: m.rule,
        })
        .collect();
    Annotation {
        entities,
        mentions,
        classes,
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
        let found = self.annotate(doc);
        doc.entities = found.entities;
        doc.mentions = found.mentions;
        pronoun::add_subject_pronouns(doc);
        Ok(())
    }
}
