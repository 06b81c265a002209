//! The time word list (`data/time/words.tsv`), parsed once into typed entries.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small multiplicative hasher for short words: the lexicon is looked up for every
/// token of every sentence, where SipHash's flooding defence buys nothing (the keys are
/// our own word list) and costs a third of the stage's time.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by words.
pub(crate) type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<WordHasher>>;

/// `w` in ASCII lower case, copied only when it has an upper-case letter.
pub(crate) fn lower(w: &str) -> Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// The embedded word list, so the binary needs no data directory at run time.
pub(crate) const WORDS: &str = include_str!("../../../data/time/words.tsv");

/// The tense and clause cue list (`data/time/cues.tsv`).
pub(crate) const CUES: &str = include_str!("../../../data/time/cues.tsv");

/// What a cue word does (see the header of `data/time/cues.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    Future,
    Past,
    Present,
    NotPast,
    ClauseBreak,
    MonthWord,
    BeforeParticiple,
    Intent,
    Attribution,
    Era,
    Deferral,
    Commodity,
    DatedNoun,
    Measure,
    Timetable,
    DatelineEast,
}

/// The cue words with the roles each plays, one bit a role, so a token costs one lookup.
pub(crate) struct Cues {
    words: HashMap<String, u16, BuildHasherDefault<WordHasher>>,
}

impl Cues {
    /// True when the lower-case `word` plays `role`.
    pub(crate) fn is(&self, word: &str, role: Cue) -> bool {
        self.roles(word) & role.bit() != 0
    }

    /// The roles of a lower-case word as a bit set (see [`Cue::bit`]).
    pub(crate) fn roles(&self, word: &str) -> u16 {
        self.words.get(word).copied().unwrap_or(0)
    }
}

impl Cue {
    /// The bit of this role in [`Cues::roles`].
    pub(crate) const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The shared cue list; like the lexicon, a broken file degrades to nothing and is
/// reported by [`check`].
pub(crate) fn cues() -> &'static Cues {
    static CUE_LIST: OnceLock<Cues> = OnceLock::new();
    CUE_LIST.get_or_init(|| {
        build_cues(CUES).unwrap_or_else(|_| Cues {
            words: HashMap::default(),
        })
    })
}

/// Parses the cue list; errors name the bad `file:line`.
pub(crate) fn build_cues(text: &str) -> Result<Cues, String> {
    let dict = sitrep_data::parse("time/cues.tsv", text).map_err(|e| e.to_string())?;
    let (Some(wc), Some(rc)) = (dict.column("word"), dict.column("role")) else {
        return Err("time/cues.tsv: needs columns word and role".to_string());
    };
    let mut words: HashMap<String, u16, BuildHasherDefault<WordHasher>> = HashMap::default();
    let mut errors = Vec::new();
    for e in &dict.entries {
        let word = e.fields.get(wc).map(String::as_str).unwrap_or("");
        let word = word.to_lowercase();
        let role = match e.fields.get(rc).map(String::as_str) {
            Some("future") => Cue::Future,
            Some("past") => Cue::Past,
            Some("present") => Cue::Present,
            Some("not-past") => Cue::NotPast,
            Some("clause-break") => Cue::ClauseBreak,
            Some("month-cue") => Cue::MonthWord,
            Some("before-participle") => Cue::BeforeParticiple,
            Some("intent") => Cue::Intent,
            Some("attribution") => Cue::Attribution,
            Some("era") => Cue::Era,
            Some("deferral") => Cue::Deferral,
            Some("commodity") => Cue::Commodity,
            Some("dated-noun") => Cue::DatedNoun,
            Some("measure") => Cue::Measure,
            Some("timetable") => Cue::Timetable,
            Some("dateline-east") => Cue::DatelineEast,
            _ => {
                errors.push(format!("{}: unknown role", e.rule(&dict)));
                continue;
            }
        };
        *words.entry(word).or_default() |= role.bit();
    }
    if errors.is_empty() {
        Ok(Cues { words })
    } else {
        Err(errors.join("\n"))
    }
}

/// Vague noun phrases of time the word list cannot hold, as one word each does not mean
/// time: determiners, adjective, noun, TimeML value ("the near term", "a later date").
/// The recogniser finds them and the normaliser reads them from this one table.
pub(crate) const VAGUE_PHRASES: &[(&[&str], &str, &str, &str)] = &[
    (&["the"], "near", "term", "FUTURE_REF"),
    (&["the"], "short", "term", "FUTURE_REF"),
    (&["the"], "long", "term", "FUTURE_REF"),
    (&["the"], "near", "future", "FUTURE_REF"),
    (&["a", "an"], "later", "date", "FUTURE_REF"),
    (&["a", "an"], "future", "date", "FUTURE_REF"),
    (&["an", "a"], "earlier", "date", "PAST_REF"),
];

/// A calendar or clock unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Quarter,
    Decade,
    Century,
    Hour,
    Minute,
    Second,
    Weekend,
    Half,
    /// A trading or sitting session: in "the previous session" the trading day before.
    Session,
    /// Period, term, millennium: words too vague to compute with.
    Vague,
}

/// What one word means to the normaliser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    Month(u32),
    Weekday(u32),
    Number(i64),
    Ordinal(i64),
    Unit(Unit),
    Season(&'static str),
    Part(&'static str),
    Rel(i32),
    Dir(i32),
    DayRel(i64),
    Ref(&'static str),
    DayPart(&'static str),
    Set(&'static str),
    Mod(&'static str),
    Vague,
    Holiday(u32, u32),
    /// A holiday on the Nth weekday on or after a day of a month: month, ISO weekday,
    /// N, first day (Thanksgiving: the fourth Thursday from 1 November).
    Floating(u32, u32, u32, u32),
    /// A holiday this many days from Easter Sunday (Good Friday: -2).
    Easter(i64),
    Zone,
    Decade(i32),
    /// A name of several words that names no time ("China Daily").
    Name,
}

/// All readings of every word, in file order, and the names of several words.
pub(crate) struct Lexicon {
    words: WordMap<Vec<Lex>>,
    phrases: Vec<Phrase>,
}

/// A name of several words ("election day", "new year's day") and its one reading. The
/// words are lower case, with a possessive "'s" left out as [`crate::normalise::words`]
/// leaves it out.
pub(crate) struct Phrase {
    pub(crate) words: Vec<&'static str>,
    pub(crate) lex: Lex,
}

impl Lexicon {
    /// The readings of a lower-case word.
    pub(crate) fn get(&self, word: &str) -> &[Lex] {
        self.words.get(word).map_or(&[], Vec::as_slice)
    }

    /// The names of several words.
    pub(crate) fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }
}

/// The shared lexicon; a broken embedded file is a build defect caught by the tests, so
/// it degrades to the rows that did parse rather than failing at run time.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        build(WORDS).unwrap_or_else(|_| Lexicon {
            words: WordMap::default(),
            phrases: Vec::new(),
        })
    })
}

/// The word list's parse errors, computed once: a stage with a broken list must refuse
/// to run rather than tag nothing silently.
pub(crate) fn check() -> Result<(), &'static str> {
    static CHECK: OnceLock<Result<(), String>> = OnceLock::new();
    let both = || {
        build(WORDS)?;
        build_cues(CUES).map(|_| ())
    };
    match CHECK.get_or_init(both) {
        Ok(()) => Ok(()),
        Err(e) => Err(e.as_str()),
    }
}

/// Parses the word list; errors name the bad `file:line`.
pub(crate) fn build(text: &'static str) -> Result<Lexicon, String> {
    let mut words: WordMap<Vec<Lex>> = WordMap::default();
    let mut phrases = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(word), Some(kind), value) = (cols.next(), cols.next(), cols.next()) else {
            errors.push(format!("time/words.tsv:{}: needs word and kind", i + 1));
            continue;
        };
        let word = word.trim();
        match reading(kind.trim(), value.unwrap_or("").trim()) {
            Some(lex) if word.contains(' ') => {
                let words: Vec<&'static str> = word
                    .split(' ')
                    .map(|w| w.strip_suffix("'s").unwrap_or(w))
                    .collect();
                if words.iter().any(|w| w.is_empty()) {
                    errors.push(format!("time/words.tsv:{}: empty word in a name", i + 1));
                } else {
                    phrases.push(Phrase { words, lex });
                }
            }
            Some(lex) => words.entry(word).or_default().push(lex),
            None => errors.push(format!("time/words.tsv:{}: bad kind or value", i + 1)),
        }
    }
    if let Err(e) = sitrep_data::parse("time/words.tsv", text) {
        errors.push(e.to_string());
    }
    if errors.is_empty() {
        Ok(Lexicon { words, phrases })
    } else {
        Err(errors.join("\n"))
    }
}

fn reading(kind: &str, value: &'static str) -> Option<Lex> {
    let num = || value.parse::<i64>().ok();
    Some(match kind {
        "month" => Lex::Month(num()? as u32),
        "weekday" => Lex::Weekday(num()? as u32),
        "number" => Lex::Number(num()?),
        "ordinal" => Lex::Ordinal(num()?),
        "unit" => Lex::Unit(unit(value)?),
        "season" => Lex::Season(value),
        "part" => Lex::Part(value),
        "rel" => Lex::Rel(num()? as i32),
        "dir" => Lex::Dir(num()? as i32),
        "dayrel" => Lex::DayRel(num()?),
        "ref" => Lex::Ref(value),
        "daypart" => Lex::DayPart(value),
        "set" => Lex::Set(value),
        "mod" => Lex::Mod(value),
        "vague" => Lex::Vague,
        "holiday" => {
            let (m, d) = value.split_once('-')?;
            Lex::Holiday(m.parse().ok()?, d.parse().ok()?)
        }
        "holiday-nth" => {
            let mut n = value.split('-').map(|x| x.parse::<u32>().ok());
            let (Some(Some(m)), Some(Some(w)), Some(Some(k)), Some(Some(f))) =
                (n.next(), n.next(), n.next(), n.next())
            else {
                return None;
            };
            Lex::Floating(m, w, k, f)
        }
        "easter" => Lex::Easter(num()?),
        "name" => Lex::Name,
        "zone" => Lex::Zone,
        "decade" => Lex::Decade(num()? as i32),
        _ => return None,
    })
}

fn unit(code: &str) -> Option<Unit> {
    Some(match code {
        "D" => Unit::Day,
        "W" => Unit::Week,
        "F" => Unit::Fortnight,
        "M" => Unit::Month,
        "Y" => Unit::Year,
        "Q" => Unit::Quarter,
        "DE" => Unit::Decade,
        "CE" => Unit::Century,
        "H" => Unit::Hour,
        "MIN" => Unit::Minute,
        "S" => Unit::Second,
        "WE" => Unit::Weekend,
        "HALF" => Unit::Half,
        "SESSION" => Unit::Session,
        "PERIOD" | "TERM" | "MIL" => Unit::Vague,
        _ => return None,
    })
}
