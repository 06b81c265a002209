//! He/she resolution: the most recent person of compatible gender. Speakers use it
//! directly; [`add_subject_pronouns`] turns a sentence-opening "He"/"She" into a mention, so
//! the event coder sees who acts in "He accused the US of double standards".

use crate::lexicon::{Category, Dictionaries, Gender};
use sitrep_model::{ActorKind, Document};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many sentences back a pronoun may reach for its person.
const REACH: usize = 4;

/// Gender by canonical person name and by given name, from the embedded dictionaries.
fn genders() -> &'static HashMap<String, Gender> {
    static GENDERS: OnceLock<HashMap<String, Gender>> = OnceLock::new();
    GENDERS.get_or_init(|| {
        let mut out = HashMap::new();
        if let Ok((entries, names)) = Dictionaries::embedded().and_then(|d| d.entries()) {
            for e in entries.iter().filter(|e| e.category == Category::Person) {
                if let Some(g) = e.gender {
                    out.insert(e.name.clone(), g);
                }
            }
            for (name, g) in names.given {
                if let Some(g) = g {
                    out.entry(name).or_insert(g);
                }
            }
        }
        out
    })
}

/// The gender of a person's name when the dictionaries know it.
pub fn gender_of(name: &str) -> Option<Gender> {
    let g = genders();
    g.get(name).copied().or_else(|| {
        let first = name.split_whitespace().next()?;
        g.get(first.split('-').next().unwrap_or(first)).copied()
    })
}

/// The entity a `he`/`she` (`him`, `his`, `her`, ...) at byte `offset` most likely refers
/// to: the latest person mentioned before it, within a few sentences, whose gender is
/// compatible (unknown gender is compatible with both). `None` for other pronouns.
pub fn resolve_pronoun(doc: &Document, offset: usize, pronoun: &str) -> Option<u32> {
    let want = match pronoun.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Gender::Male,
        "she" | "her" | "hers" | "herself" => Gender::Female,
        _ => return None,
    };
    let here = doc.sentence_at(offset);
    doc.mentions
        .iter()
        .rev()
        .filter(|m| m.span.end() <= offset)
        .take_while(|m| match (here, doc.sentence_at(m.span.start())) {
            (Some(h), Some(s)) => h - s.min(h) <= REACH,
            _ => true,
        })
        .find(|m| {
            doc.entities.get(m.entity as usize).is_some_and(|e| {
                e.actor.kind == ActorKind::Person
                    && gender_of(&e.actor.name).is_none_or(|g| g == want)
            })
        })
        .map(|m| m.entity)
}

/// Adds a mention for every sentence that opens with "He" or "She" followed by a
/// lower-case word (the subject of that sentence), resolved to the latest person of
/// compatible gender; mentions stay in text order. Pronouns elsewhere in a sentence are
/// left alone: their clause is harder to tell without a parser.
pub fn add_subject_pronouns(doc: &mut Document) {
    let mut added = Vec::new();
    for sentence in &doc.sentences {
        let start = sentence.span.start();
        let Some(text) = doc.text.get(start..sentence.span.end()) else {
            continue;
        };
        let word = text.split_whitespace().next().unwrap_or("");
        if word != "He" && word != "She" {
            continue;
        }
        let next_is_lower = text[word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_lowercase());
        if !next_is_lower {
            continue;
        }
        if let Some(entity) = resolve_pronoun(doc, start, word) {
            added.push(sitrep_model::Mention {
                span: sitrep_model::Span::new(start, start + word.len()),
                text: word.to_string(),
                entity,
                rule: "pronoun".into(),
            });
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.span.start(), m.span.end()));
    }
}
