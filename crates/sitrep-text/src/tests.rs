use super::*;

fn texts(text: &str) -> Vec<&str> {
    split_sentences(text)
        .iter()
        .map(|s| s.span.of(text))
        .collect()
}

fn toks(text: &str) -> Vec<&str> {
    tokens(text, Span::new(0, text.len()))
        .iter()
        .map(|k| k.text(text))
        .collect()
}

#[test]
fn keeps_abbreviations_and_initials() {
    let t = "The U.S. Secretary met Mr. Kim on Sept. 14. He left. J. Smith stayed.";
    assert_eq!(
        texts(t),
        [
            "The U.S. Secretary met Mr. Kim on Sept. 14.",
            "He left.",
            "J. Smith stayed."
        ]
    );
}

#[test]
fn titles_never_split() {
    let t = "Gen. Park met Dr. Lee at St. Mary's. Adm. Choi was absent.";
    assert_eq!(
        texts(t),
        [
            "Gen. Park met Dr. Lee at St. Mary's.",
            "Adm. Choi was absent."
        ]
    );
}

#[test]
fn dotted_abbreviation_can_end_a_sentence() {
    let t = "The envoy flew to the U.S. The talks failed. The U.N. Security Council met.";
    assert_eq!(
        texts(t),
        [
            "The envoy flew to the U.S.",
            "The talks failed.",
            "The U.N. Security Council met."
        ]
    );
}

#[test]
fn month_and_number_abbreviations_before_digits() {
    let t = "It sank on Jan. 3 near Pier No. 4. Nobody died.";
    assert_eq!(
        texts(t),
        ["It sank on Jan. 3 near Pier No. 4.", "Nobody died."]
    );
}

#[test]
fn decimals_do_not_split() {
    let t = "Output grew 3.5 percent. Prices rose 0.2 points.";
    assert_eq!(
        texts(t),
        ["Output grew 3.5 percent.", "Prices rose 0.2 points."]
    );
}

#[test]
fn ellipses_split_only_before_a_new_sentence() {
    let t = "He hesitated... Then he spoke. She waited … and left… Nobody came.";
    assert_eq!(
        texts(t),
        [
            "He hesitated...",
            "Then he spoke.",
            "She waited … and left…",
            "Nobody came."
        ]
    );
}

#[test]
fn quotes_that_end_or_continue_sentences() {
    let t = "\"We are ready,\" he said. \"Are you?\" she asked. \"Go.\" They went.";
    assert_eq!(
        texts(t),
        [
            "\"We are ready,\" he said.",
            "\"Are you?\" she asked.",
            "\"Go.\"",
            "They went."
        ]
    );
}

#[test]
fn curly_closing_quote_stays_with_its_sentence() {
    let t = "“The drills will go on.” The ministry said so.";
    assert_eq!(
        texts(t),
        ["“The drills will go on.”", "The ministry said so."]
    );
}

#[test]
fn closing_quote_stays_with_its_sentence() {
    let t = "\"We know it.\" Kirby said so.\nNext paragraph here.";
    let s = split_sentences(t);
    assert_eq!(
        texts(t),
        ["\"We know it.\"", "Kirby said so.", "Next paragraph here."]
    );
    assert_eq!(s[2].paragraph, 1);
}

#[test]
fn headings_and_list_items_are_their_own_paragraphs() {
    let t = "Talks Stall in Geneva\nDelegates left early.\n\n1. Troops moved. 2. Ships sailed.\nb. Aid arrived.";
    let s = split_sentences(t);
    let got: Vec<(&str, u32)> = s.iter().map(|x| (x.span.of(t), x.paragraph)).collect();
    assert_eq!(
        got,
        [
            ("Talks Stall in Geneva", 0),
            ("Delegates left early.", 1),
            ("1. Troops moved.", 2),
            ("2. Ships sailed.", 2),
            ("b. Aid arrived.", 3)
        ]
    );
}

#[test]
fn question_and_exclamation_marks_split() {
    let t = "Why now? Nobody knows! It is late.";
    assert_eq!(texts(t), ["Why now?", "Nobody knows!", "It is late."]);
}

#[test]
fn lower_case_after_period_does_not_split() {
    let t = "The vote passed 5 to 4. in practice little changed.";
    assert_eq!(texts(t).len(), 1);
}

#[test]
fn crlf_lines_and_non_ascii_text() {
    let t = "Séoul a répondu. Le Kremlin aussi.\r\nÜberall Stille.";
    assert_eq!(
        texts(t),
        ["Séoul a répondu.", "Le Kremlin aussi.", "Überall Stille."]
    );
}

#[test]
fn tokens_keep_inner_punctuation_and_split_possessives() {
    let t = "Kim Jong-un's U.S. trip, Moscow’s move.";
    assert_eq!(
        toks(t),
        ["Kim", "Jong-un", "'", "s", "U.S.", "trip", ",", "Moscow", "’", "s", "move", "."]
    );
}

#[test]
fn tokens_keep_numbers_whole() {
    let t = "It cost $1,200.50 (3.5%) in 2,000 or 12,34 units...";
    assert_eq!(
        toks(t),
        [
            "It", "cost", "$", "1,200.50", "(", "3.5", "%", ")", "in", "2,000", "or", "12", ",",
            "34", "units", "..."
        ]
    );
}

#[test]
fn tokens_mark_words_and_punctuation() {
    let t = "He didn't go—really…";
    let all = tokens(t, Span::new(0, t.len()));
    let shown: Vec<(&str, bool)> = all.iter().map(|k| (k.text(t), k.is_word)).collect();
    assert_eq!(
        shown,
        [
            ("He", true),
            ("didn't", true),
            ("go", true),
            ("—", false),
            ("really", true),
            ("…", false)
        ]
    );
}

#[test]
fn tokens_of_a_sub_span_are_offset() {
    let t = "First one. Second one.";
    let s = split_sentences(t);
    let second = tokens(t, s[1].span);
    assert_eq!(second[0].span, Span::new(11, 17));
}

#[test]
fn stage_fills_sentences() {
    let mut doc = Document::new("t", "One. Two.");
    SentenceSplitter.run(&mut doc).unwrap();
    assert_eq!(doc.sentences.len(), 2);
}

proptest::proptest! {
    #[test]
    fn spans_are_ordered_and_on_char_boundaries(t in "[a-zA-Zé .?!\"”…\n0-9]{0,80}") {
        let mut last = 0u32;
        for s in split_sentences(&t) {
            proptest::prop_assert!(s.span.start >= last && s.span.end > s.span.start);
            proptest::prop_assert!(t.is_char_boundary(s.span.start()) && t.is_char_boundary(s.span.end()));
            last = s.span.end;
            for k in tokens(&t, s.span) {
                proptest::prop_assert!(!k.span.of(&t).is_empty());
            }
        }
    }
}

/// The first tokenizer, kept as the specification of the faster one: it walked the text
/// by characters and skipped each token's characters a second time.
fn reference_tokens(text: &str, span: Span) -> Vec<Token> {
    let piece = span.of(text);
    let base = span.start();
    let mut out = Vec::new();
    let mut rest = piece.char_indices().peekable();
    while let Some((at, c)) = rest.next() {
        if c.is_whitespace() {
            continue;
        }
        let (end, is_word) = if c.is_alphanumeric() {
            (reference_word_end(piece, at), true)
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
        while rest.peek().is_some_and(|(i, _)| *i < end) {
            rest.next();
        }
    }
    out
}

fn reference_word_end(piece: &str, at: usize) -> usize {
    let b = piece.as_bytes();
    let mut end = at;
    let mut has_dot = false;
    for (i, c) in piece[at..].char_indices().map(|(i, c)| (at + i, c)) {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
            continue;
        }
        let next = piece[i + c.len_utf8()..].chars().next();
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
        let joins = match c {
            '-' => next_alnum,
            '.' => next_alnum,
            '\'' | '’' => next_alnum && !super::is_possessive(&piece[i + c.len_utf8()..]),
            ',' => prev_digit && super::is_thousands(&piece[i + 1..]),
            _ => false,
        };
        if !joins {
            if c == '.' && has_dot {
                end = i + 1;
            }
            break;
        }
        has_dot |= c == '.';
    }
    end
}

proptest::proptest! {
    #[test]
    fn tokens_match_the_reference_tokenizer(
        t in "[a-zA-Z0-9é’'.,\\-… \t\n\"()$%ü東]{0,120}",
        cut in 0usize..8,
    ) {
        // Also on a sub-span that starts inside the text, at a char boundary.
        let start = t.char_indices().nth(cut).map_or(0, |(i, _)| i);
        let span = Span::new(start, t.len());
        proptest::prop_assert_eq!(tokens(&t, span), reference_tokens(&t, span));
    }
}
