//! Multi-pattern dictionary matching: one Aho-Corasick pass over the whole text, then
//! whole-word, case and longest-match filtering.
//!
//! Case rule: an upper-case ASCII letter in a pattern must be upper case in the text, a
//! lower-case one matches either case. "US" never matches "us", "the Kremlin" matches
//! "The Kremlin", and all-caps headlines still match.

use crate::lexicon::{ActorEntry, Category};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;

/// A dictionary match in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the entry in the lexicon.
    pub entry: u32,
}

/// The compiled automaton and the entry each pattern belongs to.
pub struct Matcher {
    ac: AhoCorasick,
    patterns: Vec<String>,
    pattern_entry: Vec<u32>,
}

/// Surface variants the writer may use for one pattern: curly and straight apostrophes,
/// and for names hyphen or space between syllables ("Kim Jong-un" / "Kim Jong Un").
fn variants(pattern: &str, category: Category) -> Vec<String> {
    let mut out = vec![pattern.to_string()];
    if pattern.contains('\'') {
        out.push(pattern.replace('\'', "’"));
    }
    if pattern.contains('’') {
        out.push(pattern.replace('’', "'"));
    }
    if category == Category::Person && pattern.contains('-') {
        let spaced = pattern.replace('-', " ");
        out.push(spaced);
    }
    out
}

impl Matcher {
    /// Compiles the patterns of `entries`; the first entry to claim a pattern keeps it.
    pub fn new(entries: &[ActorEntry]) -> Result<Matcher, aho_corasick::BuildError> {
        let mut seen = HashSet::new();
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for p in &entry.patterns {
                for v in variants(p, entry.category) {
                    if !v.trim().is_empty() && seen.insert(v.clone()) {
                        patterns.push(v);
                        pattern_entry.push(i as u32);
                    }
                }
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(Matcher {
            ac,
            patterns,
            pattern_entry,
        })
    }

    /// Number of compiled patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when no pattern was compiled.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whole-word matches in `text` that obey the case rule; among overlapping matches the
    /// longest wins (then the leftmost).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut cands: Vec<Hit> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let pattern = &self.patterns[m.pattern().as_usize()];
            if is_whole_word(text, s, e) && case_fits(pattern.as_bytes(), &text.as_bytes()[s..e]) {
                cands.push(Hit {
                    start: s,
                    end: e,
                    entry: self.pattern_entry[m.pattern().as_usize()],
                });
            }
        }
        longest_first(cands)
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let joins = |c: Option<char>, edge: Option<char>| {
        c.is_some_and(char::is_alphanumeric) && edge.is_some_and(char::is_alphanumeric)
    };
    text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && !joins(before, first)
        && !joins(after, last)
}

fn case_fits(pattern: &[u8], found: &[u8]) -> bool {
    pattern.len() == found.len()
        && pattern
            .iter()
            .zip(found)
            .all(|(p, f)| !p.is_ascii_uppercase() || f.is_ascii_uppercase())
}

fn longest_first(mut cands: Vec<Hit>) -> Vec<Hit> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<Hit> = Vec::new();
    for c in cands {
        let i = chosen.partition_point(|h| h.start < c.start);
        let clash_prev = i > 0 && chosen[i - 1].end > c.start;
        let clash_next = chosen.get(i).is_some_and(|h| h.start < c.end);
        if !clash_prev && !clash_next {
            chosen.insert(i, c);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(cat: Category, code: &str, pats: &[&str]) -> ActorEntry {
        let mut e = ActorEntry::new(cat, code, pats[0], "t:1".into());
        e.patterns = pats.iter().map(|s| s.to_string()).collect();
        e
    }

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text)
            .iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn case_rule_words_and_longest_match() {
        let m = Matcher::new(&[
            entry(Category::Country, "USA", &["US", "U.S."]),
            entry(Category::Country, "PRK", &["North Korea"]),
            entry(Category::Country, "KOR", &["Korea"]),
            entry(Category::Seat, "RUSGOV", &["the Kremlin"]),
            entry(Category::Person, "PRKGOV", &["Kim Jong-un"]),
        ])
        .unwrap();
        assert_eq!(found(&m, "Tell us about the US."), ["US"]);
        assert_eq!(found(&m, "North Korea’s envoy"), ["North Korea"]);
        assert_eq!(
            found(&m, "The Kremlin and NORTH KOREA"),
            ["The Kremlin", "NORTH KOREA"]
        );
        assert_eq!(found(&m, "Kim Jong Un and Koreans"), ["Kim Jong Un"]);
        assert_eq!(found(&m, "U.S.-led drills"), ["U.S."]);
    }
}
