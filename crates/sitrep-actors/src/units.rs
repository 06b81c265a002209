//! Sentence units: dictionary hits and the words and punctuation between them.

use crate::lexicon::{Category, Lexicon};
use crate::matcher::Hit;
use sitrep_model::Span;
use std::collections::HashMap;

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A dictionary hit; the entry index.
    Hit(u32),
    /// A word the dictionary does not know.
    Word,
    /// One punctuation character.
    Punct(char),
}

/// A hit, word or punctuation mark with its bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    pub start: usize,
    pub end: usize,
    pub kind: UnitKind,
}

/// Acronyms a document defines for itself, as in "National Security Council (NSC)".
pub(crate) type Aliases = HashMap<String, u32>;

/// Builds the units of one sentence; `hits` must be sorted and non-overlapping.
pub(crate) fn build(
    text: &str,
    span: Span,
    hits: &[Hit],
    lex: &Lexicon,
    aliases: &mut Aliases,
) -> Vec<Unit> {
    let tokens = sitrep_text::tokens(text, span);
    let mut units: Vec<Unit> = Vec::with_capacity(tokens.len());
    let first_hit = hits.partition_point(|h| h.start < span.start());
    let mut hi = first_hit;
    let mut skip_to = 0usize;
    for tok in tokens {
        let (s, e) = (tok.span.start(), tok.span.end());
        if e <= skip_to {
            continue;
        }
        while hi < hits.len() && hits[hi].end <= s {
            hi += 1;
        }
        // Every hit that starts inside this token: "Korea-Russia" holds two.
        let mut took = false;
        while let Some(h) = hits.get(hi).filter(|h| h.start < e && h.end <= span.end()) {
            if h.start >= skip_to {
                units.push(Unit {
                    start: h.start,
                    end: h.end,
                    kind: UnitKind::Hit(h.entry),
                });
                skip_to = h.end;
                took = true;
            }
            hi += 1;
        }
        if took || s < skip_to {
            continue;
        }
        let kind = if tok.is_word {
            match aliases.get(&text[s..e]) {
                Some(&entry) => UnitKind::Hit(entry),
                None => UnitKind::Word,
            }
        } else {
            UnitKind::Punct(text[s..e].chars().next().unwrap_or(' '))
        };
        units.push(Unit {
            start: s,
            end: e,
            kind,
        });
    }
    register_aliases(text, &units, lex, aliases);
    for u in units.iter_mut().filter(|u| u.kind == UnitKind::Word) {
        if let Some(&entry) = aliases.get(&text[u.start..u.end]) {
            u.kind = UnitKind::Hit(entry);
        }
    }
    units
}

/// `Entity Name (ABC)`: the acronym names the same entity for the rest of the document.
fn register_aliases(text: &str, units: &[Unit], lex: &Lexicon, aliases: &mut Aliases) {
    for w in units.windows(4) {
        let UnitKind::Hit(entry) = w[0].kind else {
            continue;
        };
        let names_actor = matches!(
            lex.entries[entry as usize].category,
            Category::Seat | Category::Igo | Category::Country
        );
        if !names_actor
            || w[1].kind != UnitKind::Punct('(')
            || w[3].kind != UnitKind::Punct(')')
            || !matches!(w[2].kind, UnitKind::Word | UnitKind::Hit(_))
        {
            continue;
        }
        let acronym = &text[w[2].start..w[2].end];
        let shape =
            (2..=6).contains(&acronym.len()) && acronym.bytes().all(|b| b.is_ascii_uppercase());
        if shape {
            aliases.insert(acronym.to_string(), entry);
        }
    }
}
