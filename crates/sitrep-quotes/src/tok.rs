//! A light word scanner: byte-span tokens over a range, without allocation per token.

/// A word or punctuation token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Tok {
    pub fn text(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokenises `text[lo..hi]`: words keep inner `-`, `.`, `'`, `’` between alphanumerics
/// (`Jong-un`, `U.S`, `Russia’s`); other non-space characters are single tokens.
pub(crate) fn tokenize(text: &str, lo: usize, hi: usize, out: &mut Vec<Tok>) {
    out.clear();
    let Some(piece) = text.get(lo..hi) else {
        return;
    };
    let mut it = piece.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: lo + at,
                end: lo + at + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                it.next();
                continue;
            }
            let joiner = matches!(d, '-' | '.' | '\'' | '’');
            let after = piece[j + d.len_utf8()..].chars().next();
            if joiner && after.is_some_and(char::is_alphanumeric) {
                end = j + d.len_utf8();
                it.next();
                continue;
            }
            break;
        }
        // Keep the dot of a title or initial (`Gov.`, `J.`, `U.S.`), or one a comma or bracket
        // follows (`(D-Wis.)`, `R-Ky.,`), so it does not read as a sentence end.
        let dot_ends_word = piece[end..].starts_with('.')
            && (is_abbreviation(&piece[at..end]) || piece[end + 1..].starts_with([',', ')']));
        if dot_ends_word {
            end += 1;
            it.next();
        }
        out.push(Tok {
            start: lo + at,
            end: lo + end,
            word: true,
        });
    }
}

/// Titles and initials written with a dot.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt",
    "adm", "rev", "st", "jr", "sr", "pres", "sec", "amb", "cmdr", "hon", "messrs", "corp", "inc",
    "co", "ltd", "bros",
];

fn is_abbreviation(w: &str) -> bool {
    let single = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    single || w.contains('.') || in_list(w, ABBREVIATIONS)
}

/// A dash that sets off a signature or an aside (`― Sonya Herridge`).
pub(crate) fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "―" | "-")
}

/// True when token `i` is a participle right after a comma (`..., adding that`).
pub(crate) fn participle_after_comma(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i].text(text).ends_with("ing") && toks[i - 1].text(text) == ","
}

/// True when the word starts with an upper-case letter.
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// True when the word starts with a lower-case letter.
pub(crate) fn is_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Case-insensitive membership in a short word list.
pub(crate) fn in_list(w: &str, list: &[&str]) -> bool {
    list.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Personal pronouns that can be speakers.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

/// Determiners and quantifiers that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "one", "two", "three", "several", "some", "many",
    "another", "its", "his", "her", "their", "our", "other", "both", "each", "most", "few", "no",
];

/// Words that cannot belong to a speaker phrase: prepositions, conjunctions, auxiliaries,
/// relatives.
pub(crate) const STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "into",
    "of",
    "and",
    "but",
    "or",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "as",
    "after",
    "before",
    "when",
    "while",
    "because",
    "since",
    "if",
    "though",
    "although",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "not",
    "also",
    "so",
    "than",
    "then",
    "about",
    "over",
    "under",
    "during",
    "against",
    "between",
    "through",
    "without",
    "what",
    "where",
    "why",
    "how",
    "yet",
    "just",
    "only",
    "still",
    "even",
    "there",
    "here",
    "said",
    "says",
    "told",
    "however",
    "meanwhile",
    "yesterday",
    "today",
    "earlier",
    "later",
];

/// Auxiliaries and adverbs allowed between a subject and its cue (`has also said`).
pub(crate) const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "then",
    "further",
    "again",
    "previously",
    "repeatedly",
    "once",
    "would",
    "will",
    "had",
    "earlier",
    "recently",
    "separately",
    "similarly",
    "too",
    "reportedly",
    "publicly",
    "privately",
    "initially",
    "first",
    "subsequently",
    "simply",
    "just",
    "never",
    "now",
    "often",
    "always",
    "still",
    "even",
    "last",
    "week",
    "has",
    "may",
    "might",
    "could",
    "did",
    "does",
];

/// Units a count of time is given in (`several months after`, `two days later`).
pub(crate) const TIME_UNITS: &[&str] = &[
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "minute", "hour",
    "day", "week", "month", "year", "decade", "times",
];

/// Day and month names that follow a cue as time adverbs, never as speakers.
pub(crate) const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "earlier",
    "later",
    "last",
    "this",
    "next",
    "on",
    "in",
    "at",
    "during",
    "late",
    "early",
    "week",
    "month",
    "year",
];
