//! Shallow text analysis shared by the annotators and the event coder: sentence
//! splitting and word tokens with byte spans. No dictionaries, no IO.
//!
//! ```
//! let text = "Kirby spoke Friday. He said Pyongyang sent shells to Russia.";
//! let sentences = sitrep_text::split_sentences(text);
//! assert_eq!(sentences.len(), 2);
//! let tokens = sitrep_text::tokens(text, sentences[1].span);
//! assert_eq!(tokens[0].text(text), "He");
//! ```
//!
//! The splitter works on bytes (every byte it tests is ASCII, so it never cuts a UTF-8
//! sequence) because it runs on every document and must stay well above 20 MB/s.

use sitrep_model::{Document, Layer, Sentence, Span, Stage, StageError};

/// Titles and other abbreviations that are almost never the last word of a sentence, so a
/// period after them never splits (lower case, no final dot).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "gov", "sen", "rep", "reps", "rev", "st", "ste", "mt", "ft", "pres", "sec",
    "amb", "supt", "insp", "vs", "v", "e.g", "i.e", "cf", "approx", "brig", "msgr", "fr", "hon",
    "messrs", "pp", "vol", "fig", "est",
];

/// Abbreviations that do not end a sentence when a number follows (`Sept. 14`, `No. 3`)
/// but may end one otherwise (`No.` as an answer, `in Jan.`).
const BEFORE_NUMBERS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "art", "ch", "para", "sec", "p", "op",
];

/// Abbreviations that often close a sentence (`in the U.S.`, `Acme Inc.`): they split only
/// when a typical sentence opener follows.
const SOMETIMES_FINAL: &[&str] = &[
    "u.s", "u.n", "u.k", "e.u", "u.s.a", "u.s.s.r", "d.c", "a.m", "p.m", "etc", "inc", "corp",
    "co", "ltd", "jr", "sr", "bros", "plc", "llc", "n.y", "l.a", "s.a", "ph.d", "al",
];

/// Whether `word` (lower case, no final dot) is an abbreviation or an initial, whose
/// period inside a sentence (one the splitter did not end there) closes no clause either:
/// a title (`mr`, `gen`), a month or number label (`sept`, `no`), a dotted abbreviation
/// (`u.s`, `a.m`, `inc`) or a single letter (`John F. Kennedy`).
pub fn is_abbreviation(word: &str) -> bool {
    let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic());
    initial
        || [TITLES, BEFORE_NUMBERS, SOMETIMES_FINAL]
            .iter()
            .any(|list| in_list(word, list))
}

/// Words that typically open a sentence; after an ambiguous abbreviation they signal a split.
const OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "some",
    "many",
    "most",
    "no",
    "yet",
    "so",
    "still",
    "however",
    "meanwhile",
    "also",
    "last",
    "earlier",
    "later",
    "since",
    "for",
    "what",
    "why",
    "how",
    "who",
    "where",
    "officials",
    "analysts",
    "both",
    "each",
    "one",
    "according",
    "under",
    "despite",
    "then",
    "now",
    "today",
    "yesterday",
    "with",
    "by",
];

/// Splits `text` into sentences. Every newline-separated line is its own paragraph (so
/// headings and list items never merge with what follows), and inside a line a sentence
/// ends at `.`, `!`, `?` or an ellipsis (plus closing quotes and brackets) followed by
/// space and something that can open a sentence, unless the period ends an abbreviation,
/// an initial or a list number.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            split_line(
                text,
                line_start,
                line_start + body.len(),
                paragraph,
                &mut out,
            );
            paragraph += 1;
        }
        line_start = line_end;
    }
    out
}

fn is_closer(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        // ” ’ » in UTF-8.
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9D | 0x99)) => 3,
        Some(0xC2) if b.get(i + 1) == Some(&0xBB) => 2,
        _ => 0,
    }
}

fn is_ellipsis(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xE2) && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6)
}

/// Length of the terminator run at `i` (`.`, `?!`, `...`, `…`), 0 when none starts there.
fn terminator_len(b: &[u8], mut i: usize) -> usize {
    let start = i;
    loop {
        match b.get(i) {
            Some(b'.' | b'!' | b'?') => i += 1,
            Some(0xE2) if is_ellipsis(b, i) => i += 3,
            _ => return i - start,
        }
    }
}

fn split_line(text: &str, start: usize, end: usize, paragraph: u32, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let b = line.as_bytes();
    let mut sentence_start = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        let n = terminator_len(b, i);
        if n == 0 {
            i += 1;
            continue;
        }
        let mut after = i + n;
        loop {
            let c = is_closer(b, after);
            if c == 0 {
                break;
            }
            after += c;
        }
        if is_boundary(line, sentence_start, i, n, after) {
            push_trimmed(start, line, sentence_start, after, paragraph, out);
            sentence_start = after;
        }
        i = after.max(i + 1);
    }
    push_trimmed(start, line, sentence_start, line.len(), paragraph, out);
}

/// Decides whether the terminator at `term..term+len` (closers up to `after`) ends the
/// sentence that began at `from`.
fn is_boundary(line: &str, from: usize, term: usize, len: usize, after: usize) -> bool {
    let b = line.as_bytes();
    if !b.get(after).is_some_and(u8::is_ascii_whitespace) {
        return false;
    }
    let next_at = after
        + b[after..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    let Some(next) = line[next_at..].chars().next() else {
        return false;
    };
    let opens = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '(' | '\'' | '[' | '«' | '—' | '-');
    if !opens {
        return false;
    }
    // Only a single period can belong to an abbreviation; `?`, `!` and ellipses always end.
    if len != 1 || b[term] != b'.' {
        return true;
    }
    let word = last_word(&line[from..term]);
    if word.is_empty() {
        return true;
    }
    let whole = line[from..term].trim_start().len() == word.len();
    period_ends_sentence(word, &line[next_at..], whole)
}

/// The word right before a period, without leading brackets or quotes.
fn last_word(before: &str) -> &str {
    let cut = before
        .bytes()
        .rposition(|c| c.is_ascii_whitespace() || matches!(c, b'(' | b'"' | b'[' | b'/'))
        .map_or(0, |p| p + 1);
    let word = &before[cut..];
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
}

fn period_ends_sentence(word: &str, next: &str, word_is_whole_sentence: bool) -> bool {
    let next_word = next
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    let next_is_number = next.starts_with(|c: char| c.is_ascii_digit());
    // `1. Troops`, `b. Ships`, `IV. Outlook` opening a line are list markers.
    if word_is_whole_sentence && is_list_marker(word) {
        return false;
    }
    if in_list(word, TITLES) {
        return false;
    }
    if in_list(word, BEFORE_NUMBERS) {
        return !next_is_number;
    }
    let initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
    let dotted = word.contains('.') && word.bytes().all(|c| c.is_ascii_alphabetic() || c == b'.');
    if initial || dotted || in_list(word, SOMETIMES_FINAL) {
        return in_list(next_word, OPENERS);
    }
    true
}

fn is_list_marker(word: &str) -> bool {
    let b = word.as_bytes();
    (b.len() <= 3 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 1 && b[0].is_ascii_lowercase())
        || (b.len() <= 4 && b.iter().all(|c| matches!(c, b'I' | b'V' | b'X')))
}

fn in_list(word: &str, list: &[&str]) -> bool {
    word.len() <= 8 && list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn push_trimmed(
    base: usize,
    line: &str,
    from: usize,
    to: usize,
    paragraph: u32,
    out: &mut Vec<Sentence>,
) {
    let piece = &line[from..to];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Sentence {
            span: Span::new(base + from + lead, base + to - trail),
            paragraph,
        });
    }
}

/// A word or punctuation token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the text.
    pub span: Span,
    /// Letters or digits (possibly with inner `-`, `'`, `.`), versus punctuation.
    pub is_word: bool,
}

impl Token {
    /// The token's text.
    pub fn text(self, text: &str) -> &str {
        self.span.of(text)
    }
}

/// Tokenises the part of `text` under `span`: words keep inner hyphens, apostrophes and
/// dots between letters (`Jong-un`, `U.S.`, `Moscow's` splits into `Moscow` `'` `s`),
/// numbers keep decimal points and thousands commas (`3.5`, `1,200`), an ellipsis (`...`
/// or `…`) is one token, and every other non-space character is its own token.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let piece = span.of(text);
    let base = span.start();
    let mut out = Vec::with_capacity(piece.len() / 5 + 1);
    // One pass by byte offset: each token's end is where the next look starts.
    let mut at = 0;
    while let Some(c) = char_at(piece, at) {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let (end, is_word) = if c.is_alphanumeric() {
            (word_end(piece, at), true)
        } else if piece[at..].starts_with("...") {
            (
                at + 3 + piece[at + 3..].bytes().take_while(|&b| b == b'.').count(),
                false,
            )
        } else {
            (at + c.len_utf8(), false)
        };
        out.push(Token {
            span: Span::new(base + at, base + end),
            is_word,
        });
        at = end;
    }
    out
}

/// The character starting at byte `at` of `piece` (a char boundary), read directly when
/// it is ASCII, as most news text is.
fn char_at(piece: &str, at: usize) -> Option<char> {
    match piece.as_bytes().get(at)? {
        &b if b.is_ascii() => Some(char::from(b)),
        _ => piece.get(at..)?.chars().next(),
    }
}

/// Where the word starting at `at` ends.
fn word_end(piece: &str, at: usize) -> usize {
    let b = piece.as_bytes();
    let mut end = at;
    let mut has_dot = false;
    let mut i = at;
    while let Some(c) = char_at(piece, i) {
        let after = i + c.len_utf8();
        if c.is_alphanumeric() {
            end = after;
            i = after;
            continue;
        }
        let next_alnum = char_at(piece, after).is_some_and(char::is_alphanumeric);
        let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
        let joins = match c {
            '-' => next_alnum,
            '.' => next_alnum,
            '\'' | '’' => next_alnum && !is_possessive(&piece[after..]),
            ',' => prev_digit && is_thousands(&piece[i + 1..]),
            _ => false,
        };
        if !joins {
            // Keep the trailing dot of an abbreviation such as `U.S.`.
            if c == '.' && has_dot {
                end = i + 1;
            }
            break;
        }
        has_dot |= c == '.';
        i = after;
    }
    end
}

fn is_thousands(after: &str) -> bool {
    let b = after.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

fn is_possessive(after: &str) -> bool {
    let mut c = after.chars();
    matches!(c.next(), Some('s' | 'S')) && c.next().is_none_or(|c| !c.is_alphanumeric())
}

/// "Russian", "North Korean", "Chinese", "Israeli": whether the last word of `surface` is
/// a capitalised adjective of nationality (by its ending, so an unknown one counts too).
pub fn is_demonym(surface: &str) -> bool {
    let last = surface.rsplit(' ').next().unwrap_or("");
    let capital = last.chars().next().is_some_and(char::is_uppercase);
    let suffix = ["ian", "ean", "can", "ese", "ish"]
        .iter()
        .any(|s| last.ends_with(s))
        || (last.ends_with('i') && last.len() >= 5);
    capital && suffix
}

/// The sentence stage: fills `Document::sentences`.
pub struct SentenceSplitter;

impl Stage for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Text]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.sentences = split_sentences(&doc.text);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
