//! He/she resolution for speakers: the most recent person of compatible gender.

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
