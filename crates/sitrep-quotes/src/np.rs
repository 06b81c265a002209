//! Speaker phrases next to a cue: the subject before it (`Kirby said`, `a senior official
//! has warned`, `Vassily Nebenzia, Russia's envoy, said`) or the phrase after an inverted
//! cue (`said Kirby`, `according to the ministry`).

use crate::tok::{in_list, is_cap, Tok, BETWEEN, DETERMINERS, PRONOUNS, STOP, TIME_WORDS};

/// A speaker phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Np {
    /// The words naming the speaker (a name, a noun phrase or a pronoun).
    pub start: usize,
    pub end: usize,
    /// Where the whole subject starts, appositions included.
    pub phrase_start: usize,
    pub pronoun: bool,
}

/// Lower-case words that end noun phrases but never name a speaker.
const NOT_HEADS: &[&str] = &[
    "time",
    "past",
    "times",
    "years",
    "days",
    "weeks",
    "months",
    "hours",
    "minutes",
    "ago",
    "already",
    "again",
    "instead",
    "too",
    "well",
    "though",
    "anyway",
    "once",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "week",
    "month",
    "year",
    "day",
];

/// Particles that may sit inside a name (`Secretary of State`, `Ursula von der Leyen`).
const PARTICLES: &[&str] = &[
    "of", "de", "van", "von", "der", "al", "bin", "la", "le", "du", "da",
];

/// The subject that ends right before token `hi`, not reaching before token `lo`.
pub(crate) fn subject_before(text: &str, toks: &[Tok], lo: usize, hi: usize) -> Option<Np> {
    let mut j = hi;
    while j > lo && toks[j - 1].word && is_between(toks[j - 1].text(text)) {
        j -= 1;
    }
    if j <= lo {
        return None;
    }
    let last = toks[j - 1];
    let w = last.text(text);
    // `Trump, who has called the pact “insanity”`: the relative pronoun speaks, for the
    // name before its comma (resolved with the other pronouns).
    let relative = w.eq_ignore_ascii_case("who") && j >= lo + 2 && toks[j - 2].text(text) == ",";
    if last.word && (in_list(w, PRONOUNS) || relative) {
        return Some(Np {
            start: last.start,
            end: last.end,
            phrase_start: last.start,
            pronoun: true,
        });
    }
    if last.word && w.eq_ignore_ascii_case("and") {
        // `He then adopted an accent and joked`: the clause's first subject, after a
        // subordinator (`When Trump referred to it and said`).
        let subordinate = toks
            .get(lo)
            .is_some_and(|t| in_list(t.text(text), SUBORDINATORS));
        let lo = lo + usize::from(subordinate);
        return phrase_after(text, toks, lo, j - 1)
            .filter(|np| np.pronoun || is_cap(&text[np.start..np.end]));
    }
    if !last.word {
        // `Sen. Marco Rubio (R-Fla.) said`: the subject ends before the bracket.
        let bracketed = (w == ")")
            .then(|| bracket_start(text, toks, lo, j - 1))
            .flatten()
            .filter(|&b| b > lo && toks[b - 1].word);
        if let Some(b) = bracketed {
            return subject_before(text, toks, lo, b);
        }
        return match w {
            "," | ")" => apposition(text, toks, lo, j - 1),
            _ => None,
        };
    }
    trailing_np(text, toks, lo, j)
}

/// Words that open a subordinate clause before its subject.
const SUBORDINATORS: &[&str] = &[
    "when", "after", "as", "while", "before", "once", "because", "since", "although", "though",
    "if",
];

fn is_between(w: &str) -> bool {
    in_list(w, BETWEEN) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(char::is_lowercase))
}

/// `B, A,` before a cue: one of the two is the name, the other the title.
fn apposition(text: &str, toks: &[Tok], lo: usize, comma: usize) -> Option<Np> {
    // Walk back over the apposition A to the comma that opens it, skipping brackets.
    let mut depth = i32::from(toks[comma].text(text) == ")");
    let mut k = comma;
    let mut open = None;
    while k > lo && comma - k < 20 {
        k -= 1;
        match toks[k].text(text) {
            ")" => depth += 1,
            "(" => depth -= 1,
            "," if depth <= 0 => {
                open = Some(k);
                break;
            }
            "." | "!" | "?" | ";" | "“" | "”" | "\"" if depth <= 0 => return None,
            _ => {}
        }
    }
    let a_end = if toks[comma].text(text) == ")" {
        comma + 1
    } else {
        comma
    };
    let Some(open) = open else {
        // `(NSC) said` or a bracket after a bare name: the name before the bracket.
        return (toks[comma].text(text) == ")")
            .then(|| bracket_start(text, toks, lo, comma))
            .flatten()
            .and_then(|b| trailing_np(text, toks, lo, b));
    };
    let a = trailing_np(text, toks, open + 1, a_end).filter(|np| np.start == toks[open + 1].start);
    // `Sharp Corp. (6753.T), the maker, said`: the name before a bracketed code.
    let b_end = if open > lo && toks[open - 1].text(text) == ")" {
        bracket_start(text, toks, lo, open - 1).unwrap_or(open)
    } else {
        open
    };
    let b = trailing_np(text, toks, lo, b_end);
    match (b, a) {
        (Some(b), Some(a)) if !is_name(text, toks, b) && is_name(text, toks, a) => Some(Np {
            phrase_start: b.phrase_start,
            ..a
        }),
        (Some(b), _) => Some(b),
        (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

fn bracket_start(text: &str, toks: &[Tok], lo: usize, close: usize) -> Option<usize> {
    (lo..close).rev().find(|&k| toks[k].text(text) == "(")
}

/// True when every word of the phrase is capitalised or a name particle.
fn is_name(text: &str, toks: &[Tok], np: Np) -> bool {
    toks.iter()
        .filter(|t| t.word && t.start >= np.start && t.end <= np.end)
        .all(|t| is_cap(t.text(text)) || in_list(t.text(text), PARTICLES))
}

/// The noun phrase ending at token `j` (exclusive), not reaching before `lo`.
pub(crate) fn trailing_np(text: &str, toks: &[Tok], lo: usize, j: usize) -> Option<Np> {
    if j <= lo || !toks[j - 1].word {
        return None;
    }
    let head = toks[j - 1];
    let hw = head.text(text);
    if in_list(hw, STOP) || in_list(hw, DETERMINERS) || !hw.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut k = j - 1;
    if is_cap(hw) {
        while k > lo {
            let t = toks[k - 1];
            let w = t.text(text);
            if !t.word {
                break;
            }
            if in_list(w, DETERMINERS) {
                k -= 1;
                break;
            }
            let particle = in_list(w, PARTICLES) && k >= lo + 2 && is_cap(toks[k - 2].text(text));
            if (is_cap(w) && !in_list(w, STOP)) || particle {
                k -= 1;
            } else {
                break;
            }
        }
    } else {
        let mut found_det = false;
        while k > lo && j - k < 7 {
            let t = toks[k - 1];
            let w = t.text(text);
            if !t.word || in_list(w, STOP) {
                break;
            }
            k -= 1;
            if in_list(w, DETERMINERS) {
                found_det = true;
                break;
            }
        }
        let plural = hw.ends_with('s') && !hw.ends_with("ss");
        let has_cap = toks[k..j].iter().any(|t| is_cap(t.text(text)));
        let long = if has_cap { j - k > 6 } else { j - k > 3 };
        if (!found_det && !plural && !has_cap) || (!found_det && long) || in_list(hw, NOT_HEADS) {
            return None;
        }
    }
    Some(Np {
        start: toks[k].start,
        end: head.end,
        phrase_start: toks[k].start,
        pronoun: false,
    })
}

/// The speaker phrase starting at token `i` (after an inverted cue), ending before `hi`.
pub(crate) fn phrase_after(text: &str, toks: &[Tok], i: usize, hi: usize) -> Option<Np> {
    let first = *toks.get(i).filter(|t| t.word && i < hi)?;
    let w = first.text(text);
    if in_list(w, PRONOUNS) {
        return Some(Np {
            start: first.start,
            end: first.end,
            phrase_start: first.start,
            pronoun: true,
        });
    }
    if in_list(w, TIME_WORDS) || (in_list(w, STOP) && !in_list(w, DETERMINERS)) {
        return None;
    }
    let det = in_list(w, DETERMINERS);
    if !det && !is_cap(w) {
        // `said former Utah governor Michael Leavitt`: lower-case titles before a name.
        let run: Vec<usize> = (i..hi.min(i + 6))
            .take_while(|&k| toks[k].word && !in_list(toks[k].text(text), STOP))
            .collect();
        let Some(name) = run.iter().copied().find(|&k| is_cap(toks[k].text(text))) else {
            // `according to port records.`: a short common noun phrase that ends the clause.
            let last = *run.last()?;
            let closed = toks.get(last + 1).is_none_or(|t| !t.word) && run.len() <= 4;
            return closed.then(|| Np {
                start: first.start,
                end: toks[last].end,
                phrase_start: first.start,
                pronoun: false,
            });
        };
        let np = phrase_after(text, toks, name, hi)?;
        return Some(Np {
            start: first.start,
            phrase_start: first.start,
            ..np
        });
    }
    let mut k = i + 1;
    while k < hi && k - i < 9 {
        let t = toks[k];
        let tw = t.text(text);
        if !t.word || in_list(tw, TIME_WORDS) && !is_cap(tw) {
            break;
        }
        let particle =
            in_list(tw, PARTICLES) && toks.get(k + 1).is_some_and(|n| is_cap(n.text(text)));
        let fits = if det {
            !in_list(tw, STOP) || particle
        } else {
            (is_cap(tw) && !in_list(tw, STOP)) || particle
        };
        if !fits {
            break;
        }
        k += 1;
    }
    if det && k == i + 1 {
        return None;
    }
    Some(Np {
        start: first.start,
        end: toks[k - 1].end,
        phrase_start: first.start,
        pronoun: false,
    })
}
