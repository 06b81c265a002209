//! Reported speech inside one sentence: `X said (that) ...`, `X told Y that ...`,
//! `..., X said.`, `..., said X.`, `according to X, ...`, `X accused Y of ...`.

use crate::cues::{CueTable, Frame};
use crate::direct::cue_at;
use crate::np::{phrase_after, subject_before, Np};
use crate::tok::{in_list, is_lower, tokenize, Tok, TIME_WORDS};

/// One reported-speech candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reported {
    pub content: (usize, usize),
    pub cue: (usize, usize),
    pub speaker: Option<Np>,
}

/// Finds reported speech in the sentence `text[lo..hi]`; `blocked` says whether a byte lies
/// in a quotation or an attribution already used.
pub(crate) fn find<F: Fn(usize) -> bool>(
    text: &str,
    table: &CueTable,
    lo: usize,
    hi: usize,
    blocked: F,
    toks: &mut Vec<Tok>,
    out: &mut Vec<Reported>,
) {
    tokenize(text, lo, hi, toks);
    let toks = &toks[..];
    let mut covered = 0usize;
    let mut attributed = false;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if blocked(t.start) {
            attributed = true;
            i += 1;
            continue;
        }
        if !t.word || t.start < covered {
            i += 1;
            continue;
        }
        let Some((frame, n, cue_end, inf)) = cue_at(text, table, toks, i) else {
            i += 1;
            continue;
        };
        let cue = (t.start, cue_end);
        let clause_lo = clause_lo(text, toks, i, &blocked);
        let found = match frame {
            Frame::According => according(text, toks, clause_lo, i, n, hi),
            _ => verb(attributed, text, toks, (frame, inf), clause_lo, i, n, hi),
        };
        if let Some((mut content, speaker)) = found {
            content.1 = next_cue_cut(text, table, toks, content);
            // `..., Kim said, adding that ...`: the participle speaks for the same speaker.
            let speaker = speaker.or_else(|| {
                out.last()
                    .filter(|r: &&Reported| r.cue.0 >= toks[0].start)
                    .and_then(|r| r.speaker)
            });
            if content.1 > content.0 {
                out.push(Reported {
                    content,
                    cue,
                    speaker,
                });
                covered = covered.max(content.1).max(cue_end);
                attributed = true;
            }
        }
        i += n;
    }
}

/// Where reported words stop because another attribution starts: `he was “outraged”,
/// arguing that ...`, `she respects him but argues that ...`, `— saying ...`.
fn next_cue_cut(text: &str, table: &CueTable, toks: &[Tok], content: (usize, usize)) -> usize {
    let first = toks.partition_point(|t| t.start < content.0);
    for k in first..toks.len() {
        let t = toks[k];
        if t.start >= content.1 {
            break;
        }
        let w = t.text(text);
        let conjunction = in_list(w, COORDINATORS);
        if !(conjunction || matches!(w, "," | "—" | "–")) || k == first {
            continue;
        }
        let next = toks.get(k + 1).filter(|n| n.word).map(|n| n.text(text));
        let participle = next.is_some_and(|n| n.ends_with("ing"));
        let speaks = cue_at(text, table, toks, k + 1)
            .is_some_and(|(frame, ..)| matches!(frame, Frame::Say | Frame::Tell));
        if speaks && (participle || conjunction) {
            return content_end(text, content.0, t.start);
        }
    }
    content.1
}

/// First token of the clause a cue sits in: after the last quotation before it.
fn clause_lo<F: Fn(usize) -> bool>(_text: &str, toks: &[Tok], i: usize, blocked: &F) -> usize {
    (0..i)
        .rev()
        .find(|&k| blocked(toks[k].start))
        .map_or(0, |k| k + 1)
}

/// Sentence content end: drop closing punctuation but keep closing quotation marks.
fn content_end(text: &str, lo: usize, hi: usize) -> usize {
    let piece = &text[lo..hi];
    lo + piece
        .trim_end_matches(|c: char| c.is_whitespace() || ".,;:!?".contains(c))
        .len()
}

/// Words after a cue that start an adjunct rather than the reported clause.
const NOT_CLAUSE: &[&str] = &[
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
    "about",
    "during",
    "after",
    "before",
    "over",
    "under",
    "through",
    "and",
    "but",
    "or",
    "so",
    "as",
    "while",
    "since",
    "than",
    "then",
    "also",
    "later",
    "not",
    "nothing",
    "little",
    "much",
    "more",
    "so",
    "yes",
    "goodbye",
    "hello",
    "thanks",
    "sorry",
    "again",
    "once",
    "repeatedly",
    "publicly",
    "privately",
    "recently",
    "earlier",
    "previously",
    "separately",
    "too",
];

type Found = Option<((usize, usize), Option<Np>)>;

#[allow(clippy::too_many_arguments)]
fn verb(
    attributed_before: bool,
    text: &str,
    toks: &[Tok],
    (frame, inf): (Frame, bool),
    lo: usize,
    i: usize,
    n: usize,
    hi: usize,
) -> Found {
    let participle = crate::tok::participle_after_comma(text, toks, i);
    // A participle after a comma has no subject of its own before it.
    let subject = subject_before(text, toks, lo, i)
        .filter(|np| np.phrase_start >= toks[lo].start && !participle);
    // `what Borduria called an exercise`: a relative clause names no claim.
    let relative = subject.is_some_and(|np| {
        let k = toks.partition_point(|t| t.start < np.phrase_start);
        k > 0 && in_list(toks[k - 1].text(text), &["what", "which", "whatever"])
    });
    if relative {
        return None;
    }
    // `..., adding that ...` speaks for the subject of an attribution earlier in the sentence,
    // or else for the sentence's own subject (`He spoke about the wall, saying it will ...`).
    let speaks = in_list(toks[i].text(text), SPEECH_PARTICIPLES);
    let subject = match subject {
        None if participle && speaks && !attributed_before => sentence_subject(text, toks, lo, i),
        found => found,
    };
    // `..., but argues that ...`: a second verb of the same speaker.
    let coordinated = attributed_before && i > 0 && in_list(toks[i - 1].text(text), COORDINATORS);
    if subject.is_some() || (participle && attributed_before) || coordinated {
        if let Some(start) = complement(text, toks, frame, inf, i + n) {
            let end = content_end(text, start, hi);
            return Some(((start, end), subject));
        }
    }
    // `..., Kirby said.` and `..., said Kirby.`: the content comes first.
    if !matches!(frame, Frame::Say | Frame::Tell | Frame::Quote) {
        return None;
    }
    let finite = !toks[i].text(text).ends_with("ing");
    let inverted = (subject.is_none()
        && finite
        && frame != Frame::Tell
        && i > lo
        && toks[i - 1].text(text) == ",")
        .then(|| phrase_after(text, toks, i + n, toks.len()))
        .flatten();
    let (speaker, comma) = match (subject, inverted) {
        (_, Some(np)) => (np, i - 1),
        (Some(np), None) => {
            let k = toks.iter().position(|t| t.start == np.phrase_start)?;
            (np, comma_before_title(text, toks, lo, k)?)
        }
        (None, None) => return None,
    };
    if comma <= lo || toks[comma].text(text) != "," {
        return None;
    }
    let words = toks[lo..comma].iter().filter(|t| t.word).count();
    if let Some(whole) = (words < 3)
        .then(|| parenthetical(text, toks, lo, i + n, hi))
        .flatten()
    {
        return Some((whole, Some(speaker)));
    }
    (words >= 3).then(|| {
        (
            (
                toks[lo].start,
                content_end(text, toks[lo].start, toks[comma].start),
            ),
            Some(speaker),
        )
    })
}

/// Conjunctions joining a second verb of the same speaker (`said ... but argues that`).
const COORDINATORS: &[&str] = &["but", "and"];

/// Participles that only people use to speak: a sentence's subject is their speaker even
/// when no other cue came first (`suggesting`, `showing` also follow figures and things).
const SPEECH_PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "arguing",
    "insisting",
    "claiming",
    "declaring",
    "stressing",
    "explaining",
    "asserting",
    "vowing",
    "promising",
    "telling",
    "calling",
];

/// A name or pronoun opening the sentence and followed by its verb: the one a trailing
/// `, saying ...` speaks for.
fn sentence_subject(text: &str, toks: &[Tok], lo: usize, i: usize) -> Option<Np> {
    let np = phrase_after(text, toks, lo, i)?;
    let named = np.pronoun || crate::tok::is_cap(&text[np.start..np.end]);
    let mut k = toks.partition_point(|t| t.start < np.end);
    while toks
        .get(k)
        .is_some_and(|t| in_list(t.text(text), crate::tok::BETWEEN))
    {
        k += 1;
    }
    let verb = toks
        .get(k)
        .is_some_and(|t| t.word && is_lower(t.text(text)) && !in_list(t.text(text), NOT_CLAUSE));
    (named && verb && np.phrase_start == toks[lo].start).then_some(np)
}

/// `Trump, Sexton said, has created ...`: an attribution set off by commas inside the
/// clause it reports (after at most two words), which is then the whole sentence.
fn parenthetical(
    text: &str,
    toks: &[Tok],
    lo: usize,
    k: usize,
    hi: usize,
) -> Option<(usize, usize)> {
    let comma = toks.get(k).filter(|t| t.text(text) == ",")?;
    let words_after = toks[k + 1..].iter().take_while(|t| t.word).count();
    // `, and the talks are over` or `, adding ...` starts a clause of the narrator's.
    let goes_on = toks.get(k + 1).is_some_and(|t| {
        let w = t.text(text);
        !in_list(w, NOT_CLAUSE) && !w.ends_with("ing")
    });
    (words_after >= 3 && goes_on).then(|| {
        (
            toks[lo].start,
            content_end(text, toks[lo].start, hi.max(comma.end)),
        )
    })
}

/// The comma before the speaker starting at token `k`, over up to four title words
/// (`..., Republican candidate Ben Carson said`).
fn comma_before_title(text: &str, toks: &[Tok], lo: usize, k: usize) -> Option<usize> {
    let titles = toks[lo..k]
        .iter()
        .rev()
        .take_while(|t| t.word && !in_list(t.text(text), crate::tok::STOP))
        .count();
    k.checked_sub(titles.min(4) + 1)
}

/// Where the reported content starts after a cue ending before token `k`.
pub(crate) fn complement(
    text: &str,
    toks: &[Tok],
    frame: Frame,
    inf: bool,
    k: usize,
) -> Option<usize> {
    let next = toks.get(k)?;
    let w = next.text(text);
    if w == ":" {
        return toks.get(k + 1).map(|t| t.start);
    }
    // `said on Tuesday that`, `told the council that`.
    for j in k..toks.len().min(k + 8) {
        let tw = toks[j].text(text);
        if matches!(tw, "." | ";" | "“" | "\"" | "?" | "!") {
            break;
        }
        // `said, adding that`: that `that` belongs to the participle.
        let participle_next = toks
            .get(j + 1)
            .is_some_and(|t| is_lower(t.text(text)) && t.text(text).ends_with("ing"));
        // `said the talks failed and warned that`: that `that` belongs to the second verb.
        if (tw == "," && participle_next) || in_list(tw, &["and", "but", "or"]) {
            break;
        }
        // `stressed her support of the raid that killed ...`: a saying verb with an object
        // before `that` makes it a relative pronoun.
        let object = frame == Frame::Say && in_list(tw, crate::tok::DETERMINERS) && j == k;
        if object {
            break;
        }
        if tw.eq_ignore_ascii_case("that") && j + 1 < toks.len() {
            return Some(toks[j + 1].start);
        }
    }
    let infinitive = inf
        && w == "to"
        && toks
            .get(k + 1)
            .is_some_and(|t| t.word && is_lower(t.text(text)));
    if frame == Frame::Tell {
        // `told them Clinton has ...`: after a pronoun object, a clause opening with a name.
        let object = in_list(w, &["them", "him", "her", "us", "me", "you", "reporters"]);
        let after = toks.get(k + 1).filter(|t| {
            t.word
                && (crate::tok::is_cap(t.text(text)) || in_list(t.text(text), crate::tok::PRONOUNS))
                && !in_list(t.text(text), TIME_WORDS)
        });
        if let Some(clause) = after.filter(|_| object) {
            return Some(clause.start);
        }
        // `told a gathering in Washington she will ...`: the clause opens at its pronoun.
        return toks[k..toks.len().min(k + 9)]
            .iter()
            .take_while(|t| t.word)
            .skip(1)
            .find(|t| in_list(t.text(text), &["he", "she", "they", "we", "i", "it"]))
            .map(|t| t.start);
    }
    match frame {
        _ if infinitive => Some(next.start),
        Frame::Say if in_list(w, TIME_WORDS) || w == "in" => after_adjunct(text, toks, k),
        Frame::Say => (next.word && !in_list(w, NOT_CLAUSE)).then_some(next.start),
        Frame::Obj => {
            (next.word && !in_list(w, TIME_WORDS) || matches!(w, "“" | "\"")).then_some(next.start)
        }
        _ => None,
    }
}

/// `said on Monday it plans ...`, `said in a statement the talks ...`: the clause after a
/// short time or statement adjunct, when it opens with a subject.
fn after_adjunct(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    let adjunct = [
        "on",
        "in",
        "late",
        "early",
        "a",
        "an",
        "statement",
        "interview",
        "its",
        "his",
        "her",
        "their",
        "last",
        "this",
        "week",
        "night",
    ];
    let skipped = toks[k..]
        .iter()
        .take(5)
        .take_while(|t| {
            t.word && (in_list(t.text(text), TIME_WORDS) || in_list(t.text(text), &adjunct))
        })
        .count();
    let next = toks.get(k + skipped).filter(|t| t.word)?;
    let w = next.text(text);
    let subject = in_list(w, crate::tok::PRONOUNS)
        || in_list(w, crate::tok::DETERMINERS)
        || crate::tok::is_cap(w);
    (skipped > 0 && subject).then_some(next.start)
}

fn according(text: &str, toks: &[Tok], lo: usize, i: usize, n: usize, hi: usize) -> Found {
    let source = phrase_after(text, toks, i + n, toks.len())?;
    let words_before = toks[lo..i].iter().filter(|t| t.word).count();
    if words_before >= 3 {
        let end = content_end(text, toks[lo].start, toks[i].start);
        return Some(((toks[lo].start, end), Some(source)));
    }
    let comma = toks[i + n..].iter().position(|t| t.text(text) == ",")? + i + n;
    let start = toks.get(comma + 1)?.start;
    Some(((start, content_end(text, start, hi)), Some(source)))
}
