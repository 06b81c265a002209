//! The event coder: dictionary-driven CAMEO and PLOVER events with modality and
//! claimant, from shallow analysis of each sentence (no parser).
//!
//! Each sentence is tokenised, actor mentions are collapsed into slots (lists such as
//! "Iran and North Korea" into one compound slot), and the verb lexicon in `data/verbs/`
//! is matched at every trigger word: subjects are found as the nearest actor to the left in
//! the clause, objects and targets by the pattern's words after the trigger, passives by
//! their `by` phrase. Cues around the trigger, and the quote layer, give the modality and
//! the claimant; the clause's time expression gives the date.
//!
//! ```
//! use sitrep_model::{Document, Entity, Actor, ActorKind, Mention, Span, Stage};
//! let mut doc = Document::new("t", "Pyongyang shipped shells to Moscow.");
//! doc.sentences = sitrep_text::split_sentences(&doc.text);
//! for (name, code, at) in [("North Korea", "PRK", 0), ("Russia", "RUS", 28)] {
//!     let len = if code == "PRK" { 9 } else { 6 };
//!     doc.mentions.push(Mention { span: Span::new(at, at + len), text: name.into(),
//!         entity: doc.entities.len() as u32, rule: "test".into() });
//!     doc.entities.push(Entity { actor: Actor { name: name.into(), kind: ActorKind::Country,
//!         country: Some(code.into()), role: None, code: code.into() }, rule: "test".into(),
//!         flags: vec![] });
//! }
//! sitrep_code::Coder::new().unwrap().run(&mut doc).unwrap();
//! assert_eq!(doc.events[0].cameo, "072");
//! assert_eq!(doc.events[0].object.as_deref(), Some("shells"));
//! ```

mod coder;
mod codes;
mod games;
mod lexicon;
mod matcher;
mod modality;
pub mod petrarch;
mod place;
mod shallow;

pub use codes::{CodeInfo, CodeTable};
pub use lexicon::{inflect, CueKind, Elem, Lexicon, Pattern};
pub use place::place_events;
pub use shallow::ActorSpan;

use sitrep_data::LoadErrors;
use sitrep_model::{Document, Layer, Stage, StageError};

/// The embedded tables, with the names used in rule ids.
const VERB_FILES: &[(&str, &str)] = &[
    (
        "verbs/statement.tsv",
        include_str!("../../../data/verbs/statement.tsv"),
    ),
    (
        "verbs/cooperate.tsv",
        include_str!("../../../data/verbs/cooperate.tsv"),
    ),
    ("verbs/aid.tsv", include_str!("../../../data/verbs/aid.tsv")),
    (
        "verbs/conflict.tsv",
        include_str!("../../../data/verbs/conflict.tsv"),
    ),
    (
        "verbs/violence.tsv",
        include_str!("../../../data/verbs/violence.tsv"),
    ),
];
const FORMS: &str = include_str!("../../../data/verbs/forms.tsv");
const SYNSETS: &str = include_str!("../../../data/verbs/synsets.tsv");
const OBJECTS: &str = include_str!("../../../data/verbs/objects.tsv");
const SECTORS: &str = include_str!("../../../data/verbs/sectors.tsv");
const CUES: &str = include_str!("../../../data/verbs/cues.tsv");
const DISCARDS: &str = include_str!("../../../data/verbs/discards.tsv");
const SPEECH: &str = include_str!("../../../data/verbs/speech.tsv");
const CODES: &str = include_str!("../../../data/cameo/codes.tsv");
const ROLES: &str = include_str!("../../../data/verbs/roles.tsv");
const GAMES: &str = include_str!("../../../data/verbs/games.tsv");

/// Codes events in annotated documents.
pub struct Coder {
    lexicon: Lexicon,
    codes: CodeTable,
    games: games::GameTerms,
}

impl Coder {
    /// Loads the embedded verb lexicon and code tables.
    pub fn new() -> Result<Coder, LoadErrors> {
        let mut errors = Vec::new();
        let lexicon = base_lexicon(&mut errors);
        let mut lexicon = lexicon.unwrap_or_default();
        for (name, text) in VERB_FILES {
            if let Some(d) = lexicon::parse_into(name, text, &mut errors) {
                lexicon.add_verbs(&d, &mut errors);
            }
        }
        if let Some(d) = lexicon::parse_into("verbs/roles.tsv", ROLES, &mut errors) {
            lexicon.add_roles(&d);
        }
        let codes = codes_table(&mut errors);
        check_codes(&lexicon, &codes, &mut errors);
        let games = games_table(&mut errors);
        if errors.is_empty() {
            Ok(Coder {
                lexicon,
                codes,
                games,
            })
        } else {
            Err(LoadErrors(errors))
        }
    }

    /// A coder with another verb lexicon (for instance one imported from PETRARCH) and the
    /// embedded code table.
    pub fn with_lexicon(lexicon: Lexicon) -> Result<Coder, LoadErrors> {
        let mut errors = Vec::new();
        let codes = codes_table(&mut errors);
        let games = games_table(&mut errors);
        if errors.is_empty() {
            Ok(Coder {
                lexicon,
                codes,
                games,
            })
        } else {
            Err(LoadErrors(errors))
        }
    }

    /// The verb lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The CAMEO code table.
    pub fn codes(&self) -> &CodeTable {
        &self.codes
    }

    /// Codes one sentence of `text` given its actors (sorted by start), without a document:
    /// used by evaluations that bring their own actor matcher.
    pub fn code_sentence(&self, text: &str, actors: &[ActorSpan]) -> Vec<sitrep_model::Event> {
        let mut doc = Document::new("sentence", text);
        doc.sentences = vec![sitrep_model::Sentence {
            span: sitrep_model::Span::new(0, text.len()),
            paragraph: 0,
        }];
        coder::code_with_actors(self, &mut doc, actors);
        doc.events
    }
}

/// The cue, synonym, form, object and discard tables every lexicon shares.
pub fn base_lexicon(errors: &mut Vec<sitrep_data::LoadError>) -> Option<Lexicon> {
    let mut lex = Lexicon::default();
    let p = |n, t, e: &mut Vec<_>| lexicon::parse_into(n, t, e);
    let forms = p("verbs/forms.tsv", FORMS, errors)?;
    let synsets = p("verbs/synsets.tsv", SYNSETS, errors)?;
    let objects = p("verbs/objects.tsv", OBJECTS, errors)?;
    let sectors = p("verbs/sectors.tsv", SECTORS, errors)?;
    let cues = p("verbs/cues.tsv", CUES, errors)?;
    let discards = p("verbs/discards.tsv", DISCARDS, errors)?;
    let speech = p("verbs/speech.tsv", SPEECH, errors)?;
    lex.add_forms(&forms, errors);
    lex.add_synsets(&synsets, errors);
    lex.add_objects(&objects, &sectors);
    lex.add_cues(&cues, &discards, errors);
    lex.add_speech_acts(&speech, errors);
    Some(lex)
}

fn games_table(errors: &mut Vec<sitrep_data::LoadError>) -> games::GameTerms {
    lexicon::parse_into("verbs/games.tsv", GAMES, errors)
        .map(|d| games::GameTerms::from_dict(&d, errors))
        .unwrap_or_default()
}

fn codes_table(errors: &mut Vec<sitrep_data::LoadError>) -> CodeTable {
    lexicon::parse_into("cameo/codes.tsv", CODES, errors)
        .map(|d| CodeTable::from_dict(&d, errors))
        .unwrap_or_default()
}

/// Every code a pattern or refinement can produce must be in the code table.
fn check_codes(lex: &Lexicon, codes: &CodeTable, errors: &mut Vec<sitrep_data::LoadError>) {
    let refined = lex
        .refine
        .values()
        .chain(lex.roles.iter().map(|(_, _, to)| to))
        .chain(lex.speech_acts.iter().map(|s| &s.act));
    let all = lex.patterns.iter().map(|p| (&p.code, p.rule.as_str()));
    for (code, rule) in all.chain(refined.map(|c| (c, "verbs/sectors.tsv"))) {
        if !codes.contains(code) {
            errors.push(sitrep_data::LoadError::Header {
                path: rule.to_string(),
                message: format!("unknown CAMEO code {code}"),
            });
        }
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Mentions,
            Layer::Timexes,
            Layer::Quotes,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        coder::code_document(self, doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
