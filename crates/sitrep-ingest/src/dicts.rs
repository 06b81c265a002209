//! The embedded data files, parsed once.

use aho_corasick::AhoCorasick;
use regex::Regex;
use sitrep_data::Dictionary;
use std::sync::OnceLock;

const BOILERPLATE: &str = include_str!("../../../data/ingest/boilerplate.tsv");
const OUTLETS: &str = include_str!("../../../data/ingest/outlets.tsv");
const HTML_HINTS: &str = include_str!("../../../data/ingest/html_hints.tsv");
const LANGUAGES: &str = include_str!("../../../data/ingest/languages.tsv");

/// Where in the text a boilerplate rule may fire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Region {
    Any,
    Head,
    Tail,
}

/// How a boilerplate rule matches a line.
#[derive(Debug)]
pub(crate) enum Matcher {
    Line(String),
    Prefix(String),
    Regex(Regex),
}

/// One boilerplate rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub matcher: Matcher,
    pub reason: String,
    pub region: Region,
    pub id: String,
}

/// A known outlet.
#[derive(Debug)]
pub(crate) struct Outlet {
    pub name: String,
    pub aliases: Vec<String>,
    pub wire: bool,
}

/// The class/id hints for HTML extraction, as automata (one scan per kind).
#[derive(Debug, Default)]
pub(crate) struct Hints {
    drop: Option<AhoCorasick>,
    keep: Option<AhoCorasick>,
    positive: Option<AhoCorasick>,
    negative: Option<AhoCorasick>,
}

fn any(ac: &Option<AhoCorasick>, text: &str) -> bool {
    ac.as_ref().is_some_and(|a| a.is_match(text))
}

impl Hints {
    pub fn has_drop(&self, lowercase: &str) -> bool {
        any(&self.drop, lowercase)
    }

    pub fn has_keep(&self, lowercase: &str) -> bool {
        any(&self.keep, lowercase)
    }

    pub fn has_positive(&self, lowercase: &str) -> bool {
        any(&self.positive, lowercase)
    }

    pub fn has_negative(&self, lowercase: &str) -> bool {
        any(&self.negative, lowercase)
    }
}

/// Everything the cleaner looks up.
#[derive(Debug)]
pub(crate) struct Dicts {
    pub rules: Vec<Rule>,
    pub outlets: Vec<Outlet>,
    pub hints: Hints,
    pub languages: Vec<(String, String)>,
}

static DICTS: OnceLock<Dicts> = OnceLock::new();

/// The parsed data files. A broken embedded file is a build defect, caught by the unit
/// tests; at run time it degrades to an empty table rather than a panic.
pub(crate) fn get() -> &'static Dicts {
    DICTS.get_or_init(|| Dicts {
        rules: load("ingest/boilerplate.tsv", BOILERPLATE)
            .map(|d| rules(&d))
            .unwrap_or_default(),
        outlets: load("ingest/outlets.tsv", OUTLETS)
            .map(|d| outlets(&d))
            .unwrap_or_default(),
        hints: load("ingest/html_hints.tsv", HTML_HINTS)
            .map(|d| hints(&d))
            .unwrap_or_default(),
        languages: load("ingest/languages.tsv", LANGUAGES)
            .map(|d| pairs(&d))
            .unwrap_or_default(),
    })
}

fn load(name: &str, text: &str) -> Option<Dictionary> {
    sitrep_data::parse(name, text).ok()
}

fn rules(d: &Dictionary) -> Vec<Rule> {
    d.entries
        .iter()
        .filter_map(|e| {
            let pattern = e.get(d, "pattern")?;
            let matcher = match e.get(d, "kind")? {
                "line" => Matcher::Line(pattern.to_lowercase()),
                "prefix" => Matcher::Prefix(pattern.to_lowercase()),
                "regex" => Matcher::Regex(Regex::new(&format!("^(?:{pattern})$")).ok()?),
                _ => return None,
            };
            let region = match e.get(d, "where") {
                Some("head") => Region::Head,
                Some("tail") => Region::Tail,
                _ => Region::Any,
            };
            Some(Rule {
                matcher,
                reason: e.get(d, "reason").unwrap_or("boilerplate").to_string(),
                region,
                id: e.rule(d),
            })
        })
        .collect()
}

fn outlets(d: &Dictionary) -> Vec<Outlet> {
    d.entries
        .iter()
        .filter_map(|e| {
            let name = e.get(d, "name")?.to_string();
            let mut aliases: Vec<String> = e
                .get(d, "aliases")
                .unwrap_or("")
                .split('|')
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty())
                .collect();
            aliases.push(name.to_lowercase());
            Some(Outlet {
                name,
                aliases,
                wire: e.get(d, "wire") == Some("yes"),
            })
        })
        .collect()
}

fn hints(d: &Dictionary) -> Hints {
    let of = |kind: &str| {
        let words: Vec<String> = d
            .entries
            .iter()
            .filter(|e| e.get(d, "kind") == Some(kind))
            .filter_map(|e| e.get(d, "hint").map(str::to_lowercase))
            .collect();
        AhoCorasick::new(words).ok()
    };
    Hints {
        drop: of("drop"),
        keep: of("keep"),
        positive: of("positive"),
        negative: of("negative"),
    }
}

fn pairs(d: &Dictionary) -> Vec<(String, String)> {
    d.entries
        .iter()
        .filter_map(|e| Some((e.fields.first()?.clone(), e.fields.get(1)?.clone())))
        .collect()
}

impl Dicts {
    /// The canonical outlet whose name or alias equals `text` (case-insensitive).
    pub fn outlet(&self, text: &str) -> Option<&Outlet> {
        let t = text.trim().to_lowercase();
        self.outlets.iter().find(|o| o.aliases.contains(&t))
    }

    /// ISO 639-1 for a whatlang ISO 639-3 code, or the code itself.
    pub fn iso639_1(&self, code3: &str) -> String {
        self.languages
            .iter()
            .find(|(a, _)| a == code3)
            .map_or(code3, |(_, b)| b.as_str())
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_files_parse() {
        for (name, text) in [
            ("b", super::BOILERPLATE),
            ("o", super::OUTLETS),
            ("h", super::HTML_HINTS),
            ("l", super::LANGUAGES),
        ] {
            assert!(sitrep_data::parse(name, text).is_ok(), "{name}");
        }
        let d = super::get();
        let regex_rules = super::BOILERPLATE
            .lines()
            .filter(|l| l.starts_with("regex\t"))
            .count();
        let loaded = d
            .rules
            .iter()
            .filter(|r| matches!(r.matcher, super::Matcher::Regex(_)))
            .count();
        assert_eq!(regex_rules, loaded, "a boilerplate regex failed to compile");
        assert!(d.outlet("yonhap").is_some_and(|o| o.wire));
        assert_eq!(d.iso639_1("eng"), "en");
    }
}
