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

use sitrep_model::{Document, Layer, Sentence, Span, Stage, StageError};

/// Abbreviations after which a period does not end a sentence (lower case, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "vs", "etc", "inc", "corp", "co", "ltd", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "ft", "mt", "pres", "sec", "dept", "est", "approx",
];

/// Splits `text` into sentences: paragraphs at newlines, then at `.`, `!` or `?` followed
/// by space and an upper-case letter, digit or opening quote, unless the period ends a
/// known abbreviation or a single initial.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            line_start = line_end;
            continue;
        }
        split_line(text, line_start, line_start + body.len(), paragraph, &mut out);
        paragraph += 1;
        line_start = line_end;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, paragraph: u32, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0usize;
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut after = i + 1;
        while let Some(next) = line[after..].chars().next() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']') {
                after += next.len_utf8();
            } else {
                break;
            }
        }
        let rest = &line[after..];
        let Some(next_char) = rest.chars().find(|c| !c.is_whitespace()) else {
            continue;
        };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let starts_new = next_char.is_uppercase()
            || next_char.is_ascii_digit()
            || matches!(next_char, '"' | '“' | '‘' | '(' | '\'');
        if !starts_new || (c == '.' && ends_with_abbreviation(&line[sentence_start..i])) {
            continue;
        }
        push_trimmed(start, line, sentence_start, after, paragraph, out);
        sentence_start = after;
        let _ = bytes;
    }
    push_trimmed(start, line, sentence_start, line.len(), paragraph, out);
}

fn push_trimmed(base: usize, line: &str, from: usize, to: usize, paragraph: u32, out: &mut Vec<Sentence>) {
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

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
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
/// dots between letters (`Jong-un`, `U.S.`, `Moscow's` splits into `Moscow` `'s`);
/// every other non-space character is its own token.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let piece = span.of(text);
    let base = span.start();
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                span: Span::new(base + at, base + at + c.len_utf8()),
                is_word: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let (_, d) = chars[j];
            let joins = matches!(d, '-' | '.' | '\'' | '’')
                && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric())
                && !(matches!(d, '\'' | '’') && is_possessive(&chars, j));
            if d.is_alphanumeric() || joins {
                j += 1;
            } else {
                break;
            }
        }
        // Keep the trailing dot of an abbreviation such as `U.S.`.
        let mut end = chars.get(j).map_or(piece.len(), |(a, _)| *a);
        if chars.get(j).is_some_and(|(_, d)| *d == '.') && piece[at..end].contains('.') {
            end += 1;
            j += 1;
        }
        out.push(Token {
            span: Span::new(base + at, base + end),
            is_word: true,
        });
        i = j;
    }
    out
}

fn is_possessive(chars: &[(usize, char)], apostrophe: usize) -> bool {
    matches!(chars.get(apostrophe + 1), Some((_, 's' | 'S')))
        && chars
            .get(apostrophe + 2)
            .is_none_or(|(_, c)| !c.is_alphanumeric())
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
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        let t = "The U.S. Secretary met Mr. Kim on Sept. 14. He left. J. Smith stayed.";
        assert_eq!(
            texts(t),
            ["The U.S. Secretary met Mr. Kim on Sept. 14.", "He left.", "J. Smith stayed."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let t = "\"We know it.\" Kirby said so.\nNext paragraph here.";
        let s = split_sentences(t);
        assert_eq!(texts(t), ["\"We know it.\"", "Kirby said so.", "Next paragraph here."]);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn tokens_keep_inner_punctuation_and_split_possessives() {
        let t = "Kim Jong-un's U.S. trip, Moscow’s move.";
        let toks: Vec<&str> = tokens(t, Span::new(0, t.len())).iter().map(|k| k.text(t)).collect();
        assert_eq!(toks, ["Kim", "Jong-un", "'", "s", "U.S.", "trip", ",", "Moscow", "’", "s", "move", "."]);
    }
}
