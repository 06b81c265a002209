//! The reporting-verb table, loaded once from `data/quotes/cues.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

const CUES_TSV: &str = include_str!("../../../data/quotes/cues.tsv");
const CUES_NAME: &str = "quotes/cues.tsv";

/// How a cue relates its speaker and its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Speaker is the subject or follows the verb; content is a clause or a quotation.
    Say,
    /// Speaker is the subject; the object is the addressee.
    Tell,
    /// Speaker is the subject; the content is the object.
    Obj,
    /// `according to X`: the source follows.
    According,
    /// Like `Say`, but only next to a quotation or with an explicit `that`.
    Quote,
}

/// One row of the table.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    /// Lower-case words.
    pub words: Vec<String>,
    pub frame: Frame,
    /// Takes a to-infinitive as content (`vowed to retaliate`).
    pub infinitive: bool,
    /// `file:line`, kept for diagnostics and tests.
    #[allow(dead_code)]
    pub rule: String,
}

/// Cues indexed by their first word.
#[derive(Debug)]
pub(crate) struct CueTable {
    cues: Vec<Cue>,
    by_first: HashMap<String, Vec<usize>>,
}

impl CueTable {
    fn parse() -> Result<CueTable, String> {
        let dict = sitrep_data::parse(CUES_NAME, CUES_TSV).map_err(|e| e.to_string())?;
        let mut cues = Vec::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for entry in &dict.entries {
            let rule = entry.rule(&dict);
            let cue = entry
                .get(&dict, "cue")
                .ok_or(format!("{rule}: empty cue"))?;
            let frame = match entry.get(&dict, "frame") {
                Some("say") => Frame::Say,
                Some("tell") => Frame::Tell,
                Some("obj") => Frame::Obj,
                Some("according") => Frame::According,
                Some("quote") => Frame::Quote,
                other => return Err(format!("{rule}: unknown frame {other:?}")),
            };
            let words: Vec<String> = cue.split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = words.first() else {
                return Err(format!("{rule}: empty cue"));
            };
            by_first.entry(first.clone()).or_default().push(cues.len());
            let infinitive = entry.get(&dict, "inf") == Some("yes");
            cues.push(Cue {
                words,
                frame,
                infinitive,
                rule,
            });
        }
        // Longest cue first, so `called for` wins over a bare `called`.
        for list in by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(cues[i].words.len()));
        }
        Ok(CueTable { cues, by_first })
    }

    /// The cue starting at word `first` whose further words match `next` (lower-case
    /// word texts after it), with the number of words it covers.
    pub fn lookup<'a, F>(&self, first: &str, next: F) -> Option<(&Cue, usize)>
    where
        F: Fn(usize) -> Option<&'a str>,
    {
        let list = self.by_first.get(first)?;
        list.iter().map(|&i| &self.cues[i]).find_map(|cue| {
            let rest_ok = cue.words[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| next(k).is_some_and(|t| t.eq_ignore_ascii_case(w)));
            rest_ok.then_some((cue, cue.words.len()))
        })
    }

    /// Number of rows, for tests.
    #[allow(dead_code)]
    pub fn len(&self) -> usize {
        self.cues.len()
    }
}

/// The parsed table, or the reason it could not be parsed.
pub(crate) fn table() -> Result<&'static CueTable, &'static str> {
    static TABLE: OnceLock<Result<CueTable, String>> = OnceLock::new();
    TABLE
        .get_or_init(CueTable::parse)
        .as_ref()
        .map_err(String::as_str)
}

const TITLES_TSV: &str = include_str!("../../../data/quotes/titles.tsv");
const TITLES_NAME: &str = "quotes/titles.tsv";

/// Lower-case title words that may lead a name.
fn titles() -> Result<&'static std::collections::HashSet<String>, &'static str> {
    static TITLES: OnceLock<Result<std::collections::HashSet<String>, String>> = OnceLock::new();
    TITLES
        .get_or_init(|| {
            let dict = sitrep_data::parse(TITLES_NAME, TITLES_TSV).map_err(|e| e.to_string())?;
            Ok(dict
                .entries
                .iter()
                .filter_map(|e| e.get(&dict, "word"))
                .map(str::to_lowercase)
                .collect())
        })
        .as_ref()
        .map_err(String::as_str)
}

/// True when `word` is a title word (`Coordinator`, `Sen.`).
pub(crate) fn is_title(word: &str) -> bool {
    titles().is_ok_and(|t| t.contains(&word.to_lowercase()))
}

/// Checks that every embedded table parses.
pub(crate) fn check() -> Result<(), &'static str> {
    table()?;
    titles()?;
    Ok(())
}
