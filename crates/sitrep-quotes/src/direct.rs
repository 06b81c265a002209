//! Direct quotations: pairing quote marks within and across paragraphs, then finding the
//! cue and speaker next to each quotation.

use crate::cues::{CueTable, Frame};
use crate::np::{phrase_after, subject_before, Np};
use crate::tok::{tokenize, Tok};

/// One stretch between an opening and a closing mark, inside one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Byte of the opening mark.
    pub open: usize,
    /// Its length (0 when the opening mark is missing).
    pub open_len: usize,
    /// Byte of the closing mark (or the content end when it is missing).
    pub close: usize,
    /// Its length (0 when missing).
    pub close_len: usize,
    /// Paragraph index.
    pub para: usize,
}

impl Piece {
    pub fn content(&self) -> (usize, usize) {
        (self.open + self.open_len, self.close)
    }
    pub fn outer_end(&self) -> usize {
        self.close + self.close_len
    }
}

/// A cue and its speaker.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr {
    pub cue: (usize, usize),
    pub speaker: Option<Np>,
}

/// A direct quotation: one piece, or several when it runs over paragraphs.
#[derive(Clone, Debug)]
pub(crate) struct Direct {
    pub pieces: Vec<Piece>,
    pub attr: Option<Attr>,
    /// Start of the mixed content when reported words lead into the quotation.
    pub mixed_start: Option<usize>,
    /// End of the mixed content when the clause runs on after the quotation.
    pub mixed_end: Option<usize>,
    /// True when the quotation opens its clause and closes it.
    pub whole_clause: bool,
}

/// Paragraphs as `split_sentences` numbers them: non-blank lines.
pub(crate) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            out.push((at, at + body.len()));
        }
        at += line.len();
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

fn opens_ctx(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p) || is_format_char(p))
        && next.is_some_and(|n| !n.is_whitespace())
}

/// Invisible direction and joining marks (`U+202A`, `U+200B`, `U+FEFF`...) that scraped
/// text carries before a quotation mark: they count as space.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

fn closes_ctx(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| !n.is_alphanumeric())
}

/// Double quotation marks of a line with their role.
fn double_marks(line: &str) -> Vec<(usize, usize, Role)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let (o, cl) = (opens_ctx(prev, next), closes_ctx(prev, next));
        let role = match c {
            '"' if o && !cl => Some(Role::Open),
            '"' if cl && !o => Some(Role::Close),
            '"' => Some(Role::Either),
            '“' | '„' | '«' if cl && !o => Some(Role::Either),
            '“' | '„' | '«' => Some(Role::Open),
            '”' | '»' if o && !cl => Some(Role::Either),
            '”' | '»' => Some(Role::Close),
            _ => None,
        };
        if let Some(role) = role {
            out.push((i, c.len_utf8(), role));
        }
        prev = Some(c);
    }
    out
}

/// Single quotation marks used as top-level quotes, paired greedily; apostrophes never
/// open (they sit between letters) and rarely close.
fn single_pieces(line: &str, base: usize, para: usize, out: &mut Vec<Piece>) {
    let mut prev: Option<char> = None;
    let mut open: Option<(usize, usize)> = None;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        if matches!(c, '‘' | '\'' | '’') {
            let opener = matches!(c, '‘' | '\'')
                && prev.is_none_or(|p| p.is_whitespace() || "([—\"“".contains(p))
                && next.is_some_and(char::is_alphanumeric);
            let closer = matches!(c, '’' | '\'')
                && prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            match open {
                None if opener => open = Some((i, c.len_utf8())),
                Some((o, ol)) if closer && i > o + ol => {
                    out.push(Piece {
                        open: base + o,
                        open_len: ol,
                        close: base + i,
                        close_len: c.len_utf8(),
                        para,
                    });
                    open = None;
                }
                _ => {}
            }
        }
        prev = Some(c);
    }
}

/// Pairs the marks of every paragraph. Returns quotations (multi-paragraph ones joined)
/// in text order and notes unbalanced marks in `diags`.
pub(crate) fn find_pieces(
    text: &str,
    paras: &[(usize, usize)],
    table: &CueTable,
    diags: &mut Vec<String>,
) -> Vec<Vec<Piece>> {
    let mut quotes: Vec<Vec<Piece>> = Vec::new();
    let mut pending: Vec<Piece> = Vec::new();
    for (p, &(ps, pe)) in paras.iter().enumerate() {
        let line = &text[ps..pe];
        let mut doubles = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        let marks = double_marks(line);
        for (k, &(i, len, role)) in marks.iter().enumerate() {
            match (open, role) {
                (None, Role::Open | Role::Either) => open = Some((i, len)),
                (None, Role::Close) => {
                    if k == 0
                        && pending.is_empty()
                        && attribution_after(text, table, ps + i + len, pe).is_some()
                    {
                        // The opening mark was lost: the quotation starts the paragraph.
                        doubles.push(Piece {
                            open: ps,
                            open_len: 0,
                            close: ps + i,
                            close_len: len,
                            para: p,
                        });
                    }
                    diags.push(format!(
                        "quotes: unbalanced closing quote mark at byte {}",
                        ps + i
                    ));
                }
                (Some((o, ol)), Role::Close | Role::Either) => {
                    doubles.push(Piece {
                        open: ps + o,
                        open_len: ol,
                        close: ps + i,
                        close_len: len,
                        para: p,
                    });
                    open = None;
                }
                (Some((o, _)), Role::Open) => {
                    diags.push(format!(
                        "quotes: unbalanced opening quote mark at byte {}",
                        ps + o
                    ));
                    open = Some((i, len));
                }
            }
        }
        let incoming = std::mem::take(&mut pending);
        let mut carry = None;
        if let Some((o, ol)) = open {
            let next_opens = paras.get(p + 1).is_some_and(|&(ns, ne)| {
                text[ns..ne].trim_start().starts_with(['"', '“', '„', '«'])
            });
            if next_opens {
                carry = Some(Piece {
                    open: ps + o,
                    open_len: ol,
                    close: pe,
                    close_len: 0,
                    para: p,
                });
            } else {
                diags.push(format!(
                    "quotes: unbalanced opening quote mark at byte {}",
                    ps + o
                ));
                let close = cut_unclosed(text, table, ps + o + ol, pe);
                doubles.push(Piece {
                    open: ps + o,
                    open_len: ol,
                    close,
                    close_len: 0,
                    para: p,
                });
            }
        }
        let mut singles = Vec::new();
        single_pieces(line, ps, p, &mut singles);
        let mut pieces = merge_levels(doubles, singles);
        let starts_para = |pc: &Piece| text[ps..pc.open].trim().is_empty();
        let mut chain = incoming;
        if !chain.is_empty() {
            if pieces.first().is_some_and(starts_para) {
                chain.push(pieces.remove(0));
                quotes.push(std::mem::take(&mut chain));
            } else if pieces.is_empty() && carry.as_ref().is_some_and(starts_para) {
                // The quotation runs on through this paragraph too.
            } else {
                quotes.push(std::mem::take(&mut chain));
            }
        }
        if let Some(c) = carry {
            chain.push(c);
            pending = chain;
        }
        quotes.extend(pieces.into_iter().map(|pc| vec![pc]));
    }
    if !pending.is_empty() {
        quotes.push(pending);
    }
    quotes.sort_by_key(|q| q[0].open);
    quotes
}

/// Keeps top-level pieces: a piece inside another is part of its content.
fn merge_levels(doubles: Vec<Piece>, singles: Vec<Piece>) -> Vec<Piece> {
    let inside =
        |a: &Piece, b: &Piece| b.open <= a.open && a.outer_end() <= b.outer_end() && a != b;
    let overlaps = |a: &Piece, b: &Piece| a.open < b.outer_end() && b.open < a.outer_end();
    let mut out: Vec<Piece> = doubles
        .iter()
        .filter(|d| !singles.iter().any(|s| inside(d, s)))
        .copied()
        .collect();
    for s in &singles {
        if !doubles.iter().any(|d| overlaps(s, d) && !inside(d, s)) {
            out.push(*s);
        }
    }
    out.sort_by_key(|p| p.open);
    out
}

/// Where an unclosed quotation most likely ends: before a trailing `, he said`, else at
/// the paragraph end.
fn cut_unclosed(text: &str, table: &CueTable, from: usize, pe: usize) -> usize {
    let line = &text[from..pe];
    for (i, c) in line.char_indices() {
        if matches!(c, ',' | '.' | '?' | '!') {
            let after = from + i + 1;
            if attribution_after(text, table, after, pe).is_some_and(|a| a.speaker.is_some()) {
                return if c == ',' { from + i } else { after };
            }
        }
    }
    pe
}

pub(crate) fn cue_at(
    text: &str,
    table: &CueTable,
    toks: &[Tok],
    i: usize,
) -> Option<(Frame, usize, usize, bool)> {
    let t = toks.get(i)?;
    let w = t.text(text);
    if !t.word {
        return None;
    }
    // Cues are lower-case words; only `According to` also opens sentences.
    let w = if w.starts_with(|c: char| c.is_ascii_lowercase()) {
        w
    } else if w == "According" {
        "according"
    } else {
        return None;
    };
    let next = |k: usize| toks.get(i + 1 + k).filter(|t| t.word).map(|t| t.text(text));
    let (cue, n) = table.lookup(w, next)?;
    Some((cue.frame, n, toks[i + n - 1].end, cue.infinitive))
}

fn is_sentence_end(w: &str) -> bool {
    matches!(w, "." | "!" | "?")
}

/// A cue and speaker right after a closing mark: `, said Kirby`, `, he added`,
/// `Shea told the council`.
pub(crate) fn attribution_after(
    text: &str,
    table: &CueTable,
    from: usize,
    pe: usize,
) -> Option<Attr> {
    let mut toks = Vec::new();
    let hi = floor_boundary(text, (from + 400).min(pe));
    tokenize(text, from, hi, &mut toks);
    let mut i = 0;
    while i < toks.len().min(2) && matches!(toks[i].text(text), "," | "—" | "–" | "-") {
        i += 1;
    }
    if let Some(signed) = signed_by_dash(text, &toks) {
        return Some(signed);
    }
    let first = toks.get(i)?;
    if !first.word {
        return None;
    }
    let ends_sentence = text[..from]
        .trim_end_matches(['"', '”', '’', '\'', '»', ' '])
        .ends_with('.');
    if let Some((frame, n, cue_end, _)) = cue_at(text, table, &toks, i) {
        if matches!(frame, Frame::Say | Frame::Quote | Frame::According) {
            let speaker = phrase_after(text, &toks, i + n, toks.len());
            return Some(Attr {
                cue: (first.start, cue_end),
                speaker,
            });
        }
    }
    let limit = toks.len().min(i + 16);
    for j in i..limit {
        let t = toks[j];
        if !t.word {
            if matches!(t.text(text), "." | "!" | "?" | ";" | "“" | "”" | "\"" | ":") {
                break;
            }
            continue;
        }
        let Some((frame, n, cue_end, _)) = cue_at(text, table, &toks, j) else {
            continue;
        };
        if frame == Frame::According {
            break;
        }
        let mut np = subject_before(text, &toks, i, j)?;
        // Title words may lead the name: `Senate minority leader Harry Reid told`.
        let lead = toks[i..j]
            .iter()
            .take_while(|t| t.start < np.phrase_start)
            .count();
        if lead > 5 || toks[i..i + lead].iter().any(|t| !t.word) {
            return None;
        }
        np.phrase_start = first.start;
        if ends_sentence && !ends_soon(text, &toks, j + n) {
            return None;
        }
        // `“Title,” Issa said Clinton's ...`: the cue reports its own clause.
        if reports_own_clause(text, &toks, frame, j + n) {
            return None;
        }
        return Some(Attr {
            cue: (toks[j].start, cue_end),
            speaker: Some(np),
        });
    }
    unlisted_verb(text, &toks, i, ends_sentence)
}

/// `“...” ― Sonya Herridge`: a dash and a bare name closing the paragraph (or running into
/// `, 34, of Texas`) sign the quotation before them.
fn signed_by_dash(text: &str, toks: &[Tok]) -> Option<Attr> {
    let dash = toks.first().filter(|t| crate::tok::is_dash(t.text(text)))?;
    let words = toks[1..].iter().take_while(|t| t.word).count();
    let name = &toks[1..1 + words];
    let closes = toks
        .get(1 + words)
        .is_none_or(|t| matches!(t.text(text), "." | ","));
    let named = (1..=5).contains(&words)
        && name.iter().all(|t| crate::tok::is_cap(t.text(text)))
        && !name
            .iter()
            .any(|t| crate::tok::in_list(t.text(text), crate::tok::TIME_WORDS));
    let (first, last) = (name.first()?, name.last()?);
    (named && closes).then_some(Attr {
        cue: (dash.start, dash.end),
        speaker: Some(Np {
            start: first.start,
            end: last.end,
            phrase_start: first.start,
            pronoun: false,
        }),
    })
}

/// `“Is that fair?” he wondered.`: a pronoun or short name and a past-tense verb the cue
/// table does not list, closing the sentence right after a quotation.
fn unlisted_verb(text: &str, toks: &[Tok], i: usize, ends_sentence: bool) -> Option<Attr> {
    if ends_sentence {
        return None;
    }
    let first = toks.get(i)?;
    let fw = first.text(text);
    if crate::tok::is_lower(fw) && fw.ends_with("ed") && fw.len() > 4 {
        // `“...,” beamed Donald Hartley`.
        let np = phrase_after(text, toks, i + 1, toks.len().min(i + 8))
            .filter(|np| !np.pronoun && crate::tok::is_cap(&text[np.start..np.end]))?;
        return Some(Attr {
            cue: (first.start, first.end),
            speaker: Some(np),
        });
    }
    let np = phrase_after(text, toks, i, toks.len().min(i + 4))?;
    let k = toks.partition_point(|t| t.start < np.end);
    let verb = toks.get(k).filter(|t| t.word)?;
    let w = verb.text(text);
    let closes = toks
        .get(k + 1)
        .is_none_or(|t| matches!(t.text(text), "." | "," | "!" | "?" | ";"));
    let named = np.pronoun || crate::tok::is_cap(&text[np.start..np.end]);
    let verbish = w.ends_with("ed") || (np.pronoun && w.ends_with('s') && !w.ends_with("ss"));
    (named && closes && crate::tok::is_lower(w) && verbish && w.len() > 4).then_some(Attr {
        cue: (verb.start, verb.end),
        speaker: Some(np),
    })
}

/// True when the cue ending before token `k` plainly takes a clause of its own (`said that`,
/// `said Clinton's ...`, `said the report ...`), so it cannot attribute the quotation before it.
fn reports_own_clause(text: &str, toks: &[Tok], frame: Frame, k: usize) -> bool {
    let Some(next) = toks.get(k).filter(|t| t.word) else {
        return false;
    };
    let w = next.text(text);
    if w.eq_ignore_ascii_case("that") {
        return true;
    }
    let opens_np = crate::tok::is_cap(w)
        || crate::tok::in_list(w, crate::tok::PRONOUNS)
        || crate::tok::in_list(w, crate::tok::DETERMINERS);
    frame == Frame::Say
        && opens_np
        && !crate::tok::in_list(w, crate::tok::TIME_WORDS)
        && !counts_time(text, toks, k)
}

/// `said several months after`, `said two days later`: a span of time, not a subject.
fn counts_time(text: &str, toks: &[Tok], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|t| t.word && crate::tok::in_list(t.text(text), crate::tok::TIME_UNITS))
}

/// True when the sentence ends within a few words after token `k`.
fn ends_soon(text: &str, toks: &[Tok], k: usize) -> bool {
    toks.iter()
        .skip(k)
        .take(8)
        .any(|t| is_sentence_end(t.text(text)))
        || toks.len() <= k + 8
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A cue and speaker ending right before an opening mark: `Kirby said,`, `He explained:`,
/// `told a press briefing:`, `answered`.
pub(crate) fn attribution_before(
    text: &str,
    table: &CueTable,
    lo: usize,
    open: usize,
) -> Option<Attr> {
    let mut toks = Vec::new();
    tokenize(text, lo, open, &mut toks);
    let mut e = toks.len();
    let mut delim = false;
    while e > 0 && matches!(toks[e - 1].text(text), "," | ":" | "—" | "–" | "-") {
        e -= 1;
        delim = true;
    }
    if e > 0 && toks[e - 1].text(text).eq_ignore_ascii_case("that") {
        e -= 1;
        delim = true;
    }
    for j in (e.saturating_sub(8)..e).rev() {
        let Some((frame, n, cue_end, _)) = cue_at(text, table, &toks, j) else {
            continue;
        };
        if j + n > e || (j + n < e && !delim) {
            continue;
        }
        let participle = crate::tok::participle_after_comma(text, &toks, j);
        let speaker = match frame {
            Frame::According => phrase_after(text, &toks, j + n, e),
            _ if participle => None,
            _ => subject_before(text, &toks, 0, j),
        };
        return Some(Attr {
            cue: (toks[j].start, cue_end),
            speaker,
        });
    }
    colon_intro(text, &toks, e, delim)
}

/// `Hannity interjected: “...”` and `Philip Bump: “...”`: a subject and any verb, or a
/// bare name, before a colon.
fn colon_intro(text: &str, toks: &[Tok], e: usize, delim: bool) -> Option<Attr> {
    if !delim || toks.get(e).is_none_or(|t| t.text(text) != ":") || e == 0 {
        return None;
    }
    if let Some(attr) = statement_intro(text, toks, e) {
        return Some(attr);
    }
    let last = toks[e - 1];
    let w = last.text(text);
    if last.word && crate::tok::is_lower(w) && w.ends_with("ed") {
        let np =
            subject_before(text, toks, 0, e - 1).filter(|np| np.phrase_start == toks[0].start)?;
        return Some(Attr {
            cue: (last.start, last.end),
            speaker: Some(np),
        });
    }
    let np = crate::np::trailing_np(text, toks, 0, e).filter(|np| {
        let k = toks.iter().position(|t| t.start == np.start).unwrap_or(0);
        let titled = k <= 3 && toks[..k].iter().all(|t| t.word);
        !np.pronoun && (titled || matches!(toks[k - 1].text(text), "-" | "—" | "–"))
    })?;
    Some(Attr {
        cue: (toks[e].start, toks[e].end),
        speaker: Some(np),
    })
}

/// `Trump issued the following statement:` and `She posted this message:`: a past-tense
/// verb, a few determiners or adjectives and a noun for what is said, before the colon.
fn statement_intro(text: &str, toks: &[Tok], e: usize) -> Option<Attr> {
    const SAID_THINGS: &[&str] = &[
        "statement",
        "remarks",
        "message",
        "tweet",
        "post",
        "letter",
        "note",
        "response",
        "words",
        "comment",
        "comments",
        "reply",
    ];
    let noun = toks[..e]
        .last()
        .filter(|t| t.word && crate::tok::in_list(t.text(text), SAID_THINGS))?;
    let verb = (e.saturating_sub(5)..e - 1).rev().find(|&k| {
        let w = toks[k].text(text);
        toks[k].word && crate::tok::is_lower(w) && w.ends_with("ed")
    })?;
    // Title words may lead the name (`Republican nominee Donald Trump issued`).
    let np = subject_before(text, toks, 0, verb).filter(|np| {
        let lead = toks
            .iter()
            .take_while(|t| t.start < np.phrase_start)
            .count();
        lead <= 3 && toks[..lead].iter().all(|t| t.word)
    })?;
    Some(Attr {
        cue: (toks[verb].start, noun.end),
        speaker: Some(np),
    })
}

/// Start of the clause holding byte `pos`: the last sentence end, quotation end or the
/// paragraph start before it.
pub(crate) fn clause_start(text: &str, lo: usize, pos: usize) -> usize {
    let piece = &text[lo..pos];
    let mut after: Option<char> = None;
    for (i, c) in piece.char_indices().rev() {
        if matches!(c, '.' | '!' | '?') && after.is_some_and(char::is_whitespace) {
            return lo + i + 1;
        }
        after = Some(c);
    }
    lo
}

/// Finds each quotation's attribution.
pub(crate) fn attribute(
    text: &str,
    table: &CueTable,
    paras: &[(usize, usize)],
    quotes: Vec<Vec<Piece>>,
) -> Vec<Direct> {
    let mut out: Vec<Direct> = Vec::with_capacity(quotes.len());
    let mut prev_end = 0usize;
    for pieces in quotes {
        let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
        let (ps, _) = paras[first.para];
        let (_, pe) = paras[last.para];
        let lo = clause_start(text, ps.max(prev_end.min(first.open)), first.open);
        let lead = text[lo..first.open].chars().any(char::is_alphanumeric);
        let before = attribution_before(text, table, lo, first.open).or_else(|| {
            (!lead).then(|| colon_paragraph(text, table, paras, first.para, prev_end))?
        });
        let after = attribution_after(text, table, last.outer_end(), pe);
        let tail = text[last.outer_end()..pe].trim_start();
        let closes = tail.is_empty()
            || tail.starts_with(['.', '!', '?'])
            || text[..last.close]
                .trim_end()
                .ends_with(['.', '!', '?', '…']);
        // A quotation ending in a comma leads into its cue; otherwise a cue before it wins.
        let leads_on = text[..last.close].trim_end().ends_with(',');
        let before_strong = before.is_some_and(|b| b.speaker.is_some()) && !leads_on;
        let (attr, mixed_start) = match (before, after) {
            (_, Some(a)) if !before_strong && (a.speaker.is_some() || before.is_none()) => {
                let mixed = (lead && before.is_none()).then(|| first_word(text, lo, first.open));
                (Some(a), mixed.flatten())
            }
            (Some(b), _) => (Some(b), None),
            (None, a) => (a, None),
        };
        let attr = attr.or_else(|| continued(text, out.last(), first));
        // `Vell said “it makes me tired” each time ...`: the quotation is part of the clause.
        let adjacent = before.is_some_and(|b| {
            let between = text[b.cue.1..first.open].trim();
            attr.is_some_and(|a| a.cue == b.cue)
                && (between.is_empty() || between.eq_ignore_ascii_case("that"))
        });
        let runs_on = text[last.outer_end()..pe]
            .trim_start()
            .starts_with(char::is_alphanumeric);
        let mixed_end = (adjacent && runs_on).then(|| sentence_end(text, last.outer_end(), pe));
        prev_end = last.outer_end();
        out.push(Direct {
            pieces,
            attr,
            mixed_start: mixed_start.or(mixed_end.map(|_| first.open)),
            mixed_end,
            whole_clause: !lead && closes,
        });
    }
    out
}

/// `He said:` closing the paragraph before one that opens with the quotation.
fn colon_paragraph(
    text: &str,
    table: &CueTable,
    paras: &[(usize, usize)],
    para: usize,
    prev_end: usize,
) -> Option<Attr> {
    let (ps, pe) = paras[para.checked_sub(1)?];
    let end = ps + text[ps..pe].trim_end().len();
    if !text[..end].ends_with(':') || end <= prev_end {
        return None;
    }
    attribution_before(text, table, clause_start(text, ps.max(prev_end), end), end).filter(|a| {
        a.speaker
            .is_some_and(|np| np.pronoun || crate::tok::is_cap(&text[np.start..np.end]))
    })
}

/// `“A,” she said. “B.”`: a quotation with no cue of its own continues the previous one
/// of its paragraph when only that one's attribution stands between them.
fn continued(text: &str, prev: Option<&Direct>, first: Piece) -> Option<Attr> {
    let prev = prev?;
    let last = prev.pieces[prev.pieces.len() - 1];
    let attr = prev.attr?;
    if last.outer_end() > first.open {
        return None;
    }
    let between = &text[last.outer_end()..first.open];
    let bare = !between.chars().any(char::is_alphanumeric);
    if last.para == first.para {
        return (bare || attr.cue.0 >= last.outer_end()).then_some(attr);
    }
    // A paragraph that is all quotation, right after a quotation whose attribution closed
    // the previous paragraph: the same speaker goes on, unless that one was signed
    // (`― Name`), which closes the signer's words.
    let signed = crate::tok::is_dash(&text[attr.cue.0..attr.cue.1]);
    let (_, para_start) = between.rsplit_once('\n').filter(|_| !signed)?;
    let ends = between.matches(['.', '!', '?']).count();
    let short = bare || (attr.cue.0 >= last.outer_end() && between.len() < 160 && ends <= 1);
    (first.para == last.para + 1 && para_start.trim().is_empty() && short).then_some(attr)
}

/// The end of the sentence running from `from`, before its final punctuation.
fn sentence_end(text: &str, from: usize, pe: usize) -> usize {
    let piece = &text[from..pe];
    let b = piece.as_bytes();
    let cut = (0..b.len())
        .find(|&i| matches!(b[i], b'.' | b'!' | b'?') && b.get(i + 1).is_none_or(|c| *c == b' '))
        .unwrap_or(b.len());
    from + piece[..cut].trim_end().len()
}

fn first_word(text: &str, lo: usize, hi: usize) -> Option<usize> {
    text[lo..hi]
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, _)| lo + i)
}
