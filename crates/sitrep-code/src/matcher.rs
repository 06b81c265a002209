//! Matches lexicon patterns against an analysed sentence.

use crate::lexicon::{Elem, Lexicon, Pattern};
use crate::shallow::{Analysis, DETERMINERS};

/// A pattern that matched at one trigger.
#[derive(Clone, Debug, Default)]
pub struct Match {
    /// Index of the pattern in the lexicon.
    pub pattern: usize,
    /// Item of the trigger.
    pub trigger: usize,
    /// Source actor item.
    pub src: Option<usize>,
    /// Target actor item.
    pub tgt: Option<usize>,
    /// Mutual actors item.
    pub both: Option<usize>,
    /// Object item range (half-open).
    pub obj: Option<(usize, usize)>,
    /// Matched in the passive voice.
    pub passive: bool,
    /// A gap element was used.
    pub gapped: bool,
    /// Pattern weight.
    pub weight: u32,
    /// Last item the pattern consumed.
    pub end: usize,
    /// An adjectival actor inside the object ("North Korean ammunition"): the goods' origin.
    pub origin: Option<usize>,
    /// The pattern's subject slot found no actor.
    pub subjectless: bool,
    /// A default-target pattern found an object that names no actor: source only.
    pub open: bool,
}

const MAX_OBJ: usize = 8;
const MAX_GAP: usize = 4;
const MAX_SKIP: usize = 6;

/// Words a gap never skips: they make the actor after them a partner or beneficiary, not
/// the target ("fighting alongside Russian troops", "attacks for Russia").
const GAP_STOP: &[&str] = &[
    "with",
    "alongside",
    "for",
    "beside",
    "behind",
    "among",
    "from",
    "by",
    "like",
    "without",
    "and",
    "or",
    "but",
    ",",
];

/// Degree adverbs: the trigger form after one is an adjective ("very close", "too late").
const INTENSIFIERS: &[&str] = &[
    "very",
    "too",
    "so",
    "quite",
    "rather",
    "extremely",
    "most",
    "less",
    "least",
];

/// Stops an object phrase that ends a pattern.
const OBJ_STOP: &[&str] = &[
    "to", "from", "for", "in", "on", "at", "with", "by", "against", "into", "toward", "towards",
    "after", "before", "during", "since", "as", "amid", "while", "despite", "under", "over",
    "near", "along", "than", "through", "and", "or", "but", "because", "who", "which", "that",
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "could",
];

/// The best pattern at trigger item `t`, if any.
pub fn best_at(a: &Analysis, lex: &Lexicon, t: usize) -> Option<Match> {
    let form = &a.items[t].lower;
    let candidates = lex.by_form.get(form)?;
    if discarded(a, lex, t) {
        return None;
    }
    let mut best: Option<Match> = None;
    let mut verb_blocked: Option<bool> = None;
    // The items after the trigger, shared by every pattern of it.
    let view: Vec<usize> = (t + 1..a.items.len()).collect();
    for &pi in candidates {
        let p = &lex.patterns[pi];
        let found = if p.nominal {
            match_nominal(a, lex, p, t, &view)
        } else if *verb_blocked.get_or_insert_with(|| not_a_verb(a, lex, t)) {
            None
        } else {
            match_verb(a, p, t, &view)
        };
        if let Some(mut m) = found {
            m.pattern = pi;
            m.weight = p.weight;
            let better = best
                .as_ref()
                .is_none_or(|b| rank(&m, lex, form) > rank(b, lex, form));
            if better {
                best = Some(m);
            }
        }
    }
    best
}

/// Matches with their subject (and target, for default-target patterns) first, then
/// specific patterns (more elements, then more literal words), then those that found more
/// actors, then a trigger written exactly as the surface form ("left" as its own verb
/// rather than a form of "leave").
fn rank(m: &Match, lex: &Lexicon, form: &str) -> (bool, u32, usize, u8, bool) {
    // A mutual slot names both sides of the event.
    let actors =
        u8::from(m.src.is_some()) + u8::from(m.tgt.is_some()) + 2 * u8::from(m.both.is_some());
    let p = &lex.patterns[m.pattern];
    let exact = p.trigger == form;
    let weight = m.weight.saturating_sub(u32::from(m.gapped));
    // "grant asylum to X" is more specific than "grant [obj] to X".
    let literal = p
        .pre
        .iter()
        .chain(&p.post)
        .filter(|e| matches!(e, Elem::Word(_)))
        .count();
    (!m.subjectless && !m.open, weight, literal, actors, exact)
}

fn discarded(a: &Analysis, lex: &Lexicon, t: usize) -> bool {
    let Some(phrases) = lex.discards.get(&a.items[t].lower) else {
        return false;
    };
    phrases.iter().any(|words| {
        let Some(k) = words.iter().position(|w| *w == a.items[t].lower) else {
            return false;
        };
        let Some(start) = t.checked_sub(k) else {
            return false;
        };
        words
            .iter()
            .enumerate()
            .all(|(j, w)| a.items.get(start + j).is_some_and(|it| &it.lower == w))
    })
}

fn is_word(a: &Analysis, i: usize, alts: &[String]) -> bool {
    let it = &a.items[i];
    !it.is_actor() && alts.contains(&it.lower)
}

/// How many items of `view` from `pos` one of the alternatives covers; alternatives may be
/// several words ("really did not"). The longest wins.
fn words_at(a: &Analysis, view: &[usize], pos: usize, alts: &[String]) -> Option<usize> {
    alts.iter()
        .filter_map(|alt| {
            let mut n = 0;
            for w in alt.split(' ') {
                let &i = view.get(pos + n)?;
                if a.items[i].is_actor() || a.items[i].lower != w {
                    return None;
                }
                n += 1;
            }
            Some(n)
        })
        .max()
}

/// Like [`words_at`] but for the phrase that ends right before item `end`; returns its start.
fn words_ending_at(a: &Analysis, end: usize, alts: &[String]) -> Option<usize> {
    alts.iter()
        .filter_map(|alt| {
            // Right to left from `end`, without collecting the words.
            let mut start = end;
            for w in alt.rsplit(' ') {
                start = start.checked_sub(1)?;
                let it = &a.items[start];
                if it.is_actor() || it.lower != w {
                    return None;
                }
            }
            Some(start)
        })
        .min()
}

/// "a brief private visit": a determiner two or three words back with only plain
/// lower-case words between makes the trigger a noun.
fn determiner_across_adjectives(a: &Analysis, t: usize) -> bool {
    // "its allies demanded": a past form after a plural noun is that noun's verb.
    let prev = t.checked_sub(1).map_or("", |p| a.items[p].lower.as_str());
    let plural = prev.len() > 3 && prev.ends_with('s') && !prev.ends_with("ss");
    if plural && (a.items[t].lower.ends_with("ed") || a.items[t].participle) {
        return false;
    }
    // "a declaration demanding that …", "a letter urging Gondor to": a participle with
    // its own complement after a noun is a verb.
    let complement = a
        .items
        .get(t + 1)
        .is_some_and(|n| n.is_actor() || matches!(n.lower.as_str(), "that" | "the" | "a" | "an"));
    if a.items[t].lower.ends_with("ing") && complement {
        return false;
    }
    for k in 2..=3 {
        let Some(j) = t.checked_sub(k) else {
            return false;
        };
        let between_plain = (j + 1..t).all(|m| {
            let it = &a.items[m];
            !it.is_actor()
                && !it.punct
                && !it.trigger_form
                && !a.is_boundary(m)
                && !a.is_preposition(m)
                && !a.cues.iter().any(|&(at, n, _)| at <= m && m < at + n)
                && !matches!(
                    it.lower.as_str(),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "be"
                        | "been"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "to"
                        | "and"
                        | "or"
                        | "also"
                        | "not"
                )
                && !it.lower.ends_with("ly")
        });
        if !between_plain {
            return false;
        }
        let w = a.items[j].lower.as_str();
        if DETERMINERS.contains(&w) && w != "that" {
            return true;
        }
    }
    false
}

/// A word the pattern needs right after its trigger (or after a leading gap) must be
/// there: checked before the costlier subject search. Only a necessary condition; such a
/// pattern never takes the passive path (that needs a slot first).
fn post_word_can_start(a: &Analysis, post: &[Elem], t: usize) -> bool {
    let starts = |i: usize, alts: &[String]| {
        a.items.get(i).is_some_and(|it| {
            !it.is_actor()
                && alts.iter().any(|alt| {
                    alt.strip_prefix(it.lower.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                })
        })
    };
    match post {
        [Elem::Word(alts), ..] => starts(t + 1, alts),
        [Elem::Gap, Elem::Word(alts), ..] => (0..=MAX_GAP).any(|k| starts(t + 1 + k, alts)),
        _ => true,
    }
}

/// Whether the trigger form at `t` is a noun or adjective there, so no verb pattern applies.
/// It depends on the position only, so [`best_at`] asks once for all patterns of a trigger.
fn not_a_verb(a: &Analysis, lex: &Lexicon, t: usize) -> bool {
    // A determiner right before the trigger makes it a noun ("a missile test"), and so
    // does a preposition unless the trigger is a gerund ("for use" but "by providing").
    if t == 0 {
        return a.opens_with_modifier();
    }
    let prev = a.items[t - 1].lower.as_str();
    let det = DETERMINERS.contains(&prev) && prev != "that";
    let prep = a.is_preposition(t - 1) && prev != "to" && !a.items[t].lower.ends_with("ing");
    // "technology aid", "missile test": a noun compound, not a verb.
    let past = a.items[t].lower.ends_with("ed") || lex.is_irregular_form(&a.items[t].lower);
    let compound = lex.sectors.contains_key(prev) && !past;
    // "drove very near the frontier": a degree adverb makes it an adjective.
    let degree = INTENSIFIERS.contains(&prev);
    det || prep || compound || degree || determiner_across_adjectives(a, t)
}

fn match_verb(a: &Analysis, p: &Pattern, t: usize, view: &[usize]) -> Option<Match> {
    // Words the pattern needs before its trigger hold in either voice.
    if !pre_words_present(a, &p.pre, t) {
        return None;
    }
    if !post_word_can_start(a, &p.post, t) {
        return None;
    }
    // "was killed ... by": a gap before the first slot does not hide the passive.
    let post = match p.post.iter().position(|e| *e != Elem::Gap) {
        Some(k) => &p.post[k..],
        None => &p.post[..0],
    };
    let slot_first = post
        .first()
        .is_some_and(|e| matches!(e, Elem::Tgt | Elem::Obj | Elem::AnyTgt));
    if a.is_passive(t) && slot_first && p.pre.first() == Some(&Elem::Src) {
        let found = match_passive(a, post, t);
        // TABARI's default target (an imported dictionary) with no `by` agent: the
        // dictionary codes the subject as the source ("X was criticized over Y").
        let default_target = post.first() == Some(&Elem::AnyTgt);
        let agentless = found.as_ref().is_some_and(|m| m.src.is_none());
        // "Gondor was attacked in Ithilen": the passive subject of a gapped pattern is
        // never its agent (gap-free patterns keep their older active fallback).
        if (found.is_some() || post.len() != p.post.len()) && !(default_target && agentless) {
            return found;
        }
    }
    let mut m = Match {
        trigger: t,
        ..Match::default()
    };
    let ordered = crate::lexicon::slots_among_words(&p.pre);
    let subject_slot = p.pre.iter().find(|e| e.is_actor());
    if ordered {
        m = match_pre_ordered(a, p, t, m)?;
    } else if let Some(slot) = subject_slot {
        match a.subject(t) {
            Some(s) => {
                if !fill(a, &mut m, slot, s) {
                    return None;
                }
            }
            // "A roadside bomb killed a U.S. soldier": the subject is no actor, but the
            // target still makes an event (ranked below any match with its subject).
            None if *slot == Elem::Src => m.subjectless = true,
            None => return None,
        }
    }
    if p.post.contains(&Elem::AnyTgt)
        && !p
            .post
            .iter()
            .any(|e| matches!(e, Elem::Src | Elem::Tgt | Elem::Both))
    {
        return match_any_target(a, p, t, m);
    }
    let m = match_post(a, &p.post, view, 0, m)?;
    (!m.subjectless || m.tgt.is_some() || m.both.is_some()).then_some(m)
}

/// Slots and words before the trigger ("NOTED + *", "+ HOSTING *"), right to left: a
/// slot is the nearest actor left of what follows it in the pattern (the subject, when it
/// opens the pattern), a word must be found there (further left after a gap). A pattern
/// without a source slot takes the subject of its first element as the source.
fn match_pre_ordered(a: &Analysis, p: &Pattern, t: usize, mut m: Match) -> Option<Match> {
    let from = t.saturating_sub(16);
    let mut i = t;
    let mut gap = false;
    for (k, e) in p.pre.iter().enumerate().rev() {
        match e {
            Elem::Word(alts) => {
                i = word_left_of(a, i, from, gap, alts)?;
                gap = false;
            }
            // The pattern's first slot is the subject of what follows it.
            slot if slot.is_actor() && k == 0 => match a.subject(i) {
                Some(j) => {
                    if !fill(a, &mut m, slot, j) {
                        return None;
                    }
                    i = j;
                }
                None if *slot == Elem::Src => m.subjectless = true,
                None => return None,
            },
            slot if slot.is_actor() => {
                let j = (from..i)
                    .rev()
                    .take_while(|&j| a.items[j].lower != ".")
                    .find(|&j| a.items[j].is_actor() && !a.items[j].modifier)?;
                if !fill(a, &mut m, slot, j) {
                    return None;
                }
                i = j;
                gap = false;
            }
            _ => gap = true,
        }
    }
    let has_src = p.pre.iter().chain(&p.post).any(|e| *e == Elem::Src);
    if !has_src && !m.subjectless {
        match a.subject(i) {
            Some(s) if Some(s) != m.tgt && Some(s) != m.both => m.src = Some(s),
            _ => m.subjectless = true,
        }
    }
    Some(m)
}

/// TABARI semantics for patterns without a target slot: the words match with actors left
/// out, and the target is the first actor after the verb wherever it sits.
fn match_any_target(a: &Analysis, p: &Pattern, t: usize, m: Match) -> Option<Match> {
    let words: Vec<Elem> = p
        .post
        .iter()
        .filter(|e| **e != Elem::AnyTgt)
        .cloned()
        .collect();
    let view: Vec<usize> = (t + 1..a.items.len())
        .filter(|&i| !a.items[i].is_actor())
        .collect();
    let mut m = match_post(a, &words, &view, 0, m)?;
    // A complement clause ("allowed that Mordor ...") still holds the target; other
    // clause boundaries ("after", "which") end the search.
    // A comma before a new noun phrase ends it too: ", a senior official said" is another
    // clause, while "complete, full ties with" goes on.
    let comma_clause = |i: usize| {
        a.items[i].lower == ","
            && a.items.get(i + 1).is_some_and(|n| {
                n.is_actor() || matches!(n.lower.as_str(), "a" | "an" | "the" | "this" | "these")
            })
    };
    let target = (t + 1..a.items.len())
        .take_while(|&i| a.items[i].lower == "that" || !(a.is_boundary(i) || comma_clause(i)))
        .find(|&i| a.items[i].is_actor() && !a.items[i].modifier);
    match target {
        Some(target) => m.tgt = Some(target),
        // "said on Saturday", "looted the consulate": the verb has an object that
        // names no actor; the event has a source only.
        None if m.src.is_some() && object_follows(a, m.end.max(t) + 1) => m.open = true,
        None => return None,
    }
    Some(m)
}

/// True when a noun phrase (or a prepositional phrase) starts at item `i`, past adverbs:
/// "on Saturday", "its embassy", but not "today" or the end of the clause.
fn object_follows(a: &Analysis, i: usize) -> bool {
    let next = (i..a.items.len()).find(|&j| {
        let w = a.items[j].lower.as_str();
        !(TIME_WORDS.contains(&w) || (w.ends_with("ly") && w.len() > 3))
    });
    next.is_some_and(|j| {
        let it = &a.items[j];
        !it.punct && !a.is_boundary(j) && !it.is_actor()
    })
}

/// Where one of `alts` starts when it ends right before item `i` or, after a gap,
/// anywhere further left down to `from`.
fn word_left_of(a: &Analysis, i: usize, from: usize, gap: bool, alts: &[String]) -> Option<usize> {
    let found = if gap {
        (from..=i)
            .rev()
            .find_map(|end| words_ending_at(a, end, alts))
    } else {
        words_ending_at(a, i, alts)
    };
    found.filter(|&s| s >= from)
}

/// Words a verb pattern requires before its trigger, in order, within eight items.
fn pre_words_present(a: &Analysis, pre: &[Elem], t: usize) -> bool {
    // Right to left from the trigger: words must touch what follows them unless a gap
    // element sits between.
    let mut i = t;
    let mut gap = false;
    let from = t.saturating_sub(10);
    for e in pre.iter().rev() {
        match e {
            Elem::Gap => gap = true,
            Elem::Word(alts) => {
                match word_left_of(a, i, from, gap, alts) {
                    Some(start) => i = start,
                    None => return false,
                }
                gap = false;
            }
            _ => gap = true,
        }
    }
    true
}

/// "Russia was supplied with shells by the North": the subject fills the first slot after
/// the trigger and the `by` phrase gives the source.
fn match_passive(a: &Analysis, post: &[Elem], t: usize) -> Option<Match> {
    let (_, end) = a.clause(t);
    // Without a `by` phrase the agent is unknown ("two envoys were expelled"). The agent may
    // follow a determiner or modifiers ("by the police", "by heavily armed fighters"),
    // never a conjunction ("by gunmen and Russia condemned": Russia is no agent).
    let agent = |b: usize| {
        (b + 1..(b + 4).min(end))
            .find(|&j| a.items[j].is_actor())
            .filter(|&j| {
                (b + 1..j).all(|k| {
                    let it = &a.items[k];
                    !it.punct
                        && !a.is_boundary(k)
                        && !a.is_preposition(k)
                        && !matches!(it.lower.as_str(), "and" | "or" | "but" | "nor")
                })
            })
    };
    let by = (t + 1..end.min(t + 10))
        .filter(|&i| a.items[i].lower == "by")
        .find_map(|b| agent(b).map(|s| (b, s)));
    let mut m = Match {
        trigger: t,
        passive: true,
        src: by.map(|(_, s)| s),
        ..Match::default()
    };
    let first = post.first()?;
    match first {
        Elem::Tgt | Elem::AnyTgt => {
            // "A clinic for Ruritanian migrants was shelled by X": with a `by` agent, the
            // actor inside the subject phrase is what was acted on.
            let inside = || {
                by?;
                let (start, _) = a.clause(t);
                (start..t)
                    .rev()
                    .find(|&i| a.items[i].is_actor() && !a.items[i].possessive)
            };
            let s = a.subject(t).or_else(inside)?;
            m.tgt = Some(s);
        }
        Elem::Obj => m.obj = Some(object_left_of_aux(a, t)?),
        _ => return None,
    }
    let view: Vec<usize> = (t + 1..a.items.len())
        .filter(|&i| by.is_none_or(|(b, s)| i < b || i > s))
        .collect();
    match_post(a, &post[1..], &view, 0, m)
}

/// The noun phrase before the auxiliary of a passive verb ("Missiles were supplied").
fn object_left_of_aux(a: &Analysis, t: usize) -> Option<(usize, usize)> {
    let mut end = t;
    while end > 0
        && !a.items[end - 1].is_actor()
        && a.items[end - 1].lower.len() > 1
        && !is_np_word(a, end - 1)
    {
        end -= 1;
        if t - end > 3 {
            return None;
        }
    }
    let mut start = end;
    while start > 0 && is_np_word(a, start - 1) && end - start < 5 {
        start -= 1;
    }
    (start < end).then_some((start, end))
}

fn is_np_word(a: &Analysis, i: usize) -> bool {
    let it = &a.items[i];
    !it.is_actor()
        && !it.punct
        && !a.is_boundary(i)
        && !a.is_preposition(i)
        && !OBJ_STOP.contains(&it.lower.as_str())
        && !matches!(
            it.lower.as_str(),
            "is" | "are" | "was" | "were" | "been" | "be" | "being"
        )
}

fn fill(a: &Analysis, m: &mut Match, slot: &Elem, item: usize) -> bool {
    match slot {
        Elem::Src => m.src = Some(item),
        Elem::Tgt | Elem::AnyTgt => m.tgt = Some(item),
        Elem::Both if a.items[item].actors.len() >= 2 => m.both = Some(item),
        _ => return false,
    }
    true
}

fn match_post(a: &Analysis, elems: &[Elem], view: &[usize], pos: usize, m: Match) -> Option<Match> {
    let Some(elem) = elems.first() else {
        let mut m = m;
        m.end = if pos > 0 { view[pos - 1] } else { m.trigger };
        return Some(m);
    };
    let rest = &elems[1..];
    match elem {
        Elem::Word(alts) => {
            let n = words_at(a, view, pos, alts)?;
            match_post(a, rest, view, pos + n, m)
        }
        Elem::Opt(alts) => {
            if view.get(pos).is_some_and(|&i| is_word(a, i, alts)) {
                if let Some(found) = match_post(a, rest, view, pos + 1, m.clone()) {
                    return Some(found);
                }
            }
            match_post(a, rest, view, pos, m)
        }
        Elem::Skip | Elem::Phrase => {
            (usize::from(*elem == Elem::Phrase)..=MAX_SKIP).find_map(|k| {
                let skipped_ok =
                    (pos..pos + k).all(|j| view.get(j).is_some_and(|&i| a.items[i].lower != "."));
                // TABARI's `^` skips a whole phrase: up to its actor ("the Gondor",
                // "with X") or its last word before a preposition ("populations about").
                let phrase_ends = *elem != Elem::Phrase
                    || view
                        .get(pos + k - 1)
                        .is_some_and(|&i| a.items[i].is_actor())
                    || view.get(pos + k).is_none_or(|&i| {
                        a.is_preposition(i) || a.items[i].punct || a.is_boundary(i)
                    });
                if !skipped_ok || !phrase_ends {
                    return None;
                }
                match_post(a, rest, view, pos + k, m.clone())
            })
        }
        Elem::Gap => (0..=MAX_GAP).find_map(|k| {
            let skipped_ok = (pos..pos + k).all(|j| {
                view.get(j).is_some_and(|&i| {
                    !a.items[i].is_actor()
                        && !a.is_boundary(i)
                        && !GAP_STOP.contains(&a.items[i].lower.as_str())
                })
            });
            if !skipped_ok {
                return None;
            }
            let mut m = m.clone();
            m.gapped |= k > 0;
            match_post(a, rest, view, pos + k, m)
        }),
        Elem::Src | Elem::Tgt | Elem::Both => {
            if let Some(p) = rest.is_empty().then(|| of_head(a, view, pos)).flatten() {
                let mut m = m.clone();
                if fill(a, &mut m, elem, view[p]) {
                    return match_post(a, rest, view, p + 1, m);
                }
            }
            let mut p = pos;
            let mut skipped = 0;
            // "a summit between North Korean leader Kim and ...": a compound's first member
            // may carry a two-word demonym and a title.
            let max_titles = if *elem == Elem::Both { 3 } else { 2 };
            let after_literal = pos > 0 && !a.items[view[pos - 1]].is_actor();
            // "granted asylum to the Arcadian dissident": when no actor proper follows, an
            // adjectival actor heading the noun phrase names the slot's actor.
            let mut origin: Option<usize> = None;
            let by_origin = |origin: Option<usize>, p: usize| {
                let o = origin.filter(|&o| p > o)?;
                let mut m = m.clone();
                if !fill(a, &mut m, elem, view[o]) {
                    return None;
                }
                let mut end = p;
                while end < p + 3
                    && view.get(end).is_some_and(|&i| {
                        is_np_word(a, i) && !a.items[i].trigger_form && !a.items[i].is_actor()
                    })
                {
                    end += 1;
                }
                // "Russian fighter jets" are goods of that origin, not the actor.
                if (o + 1..end).any(|k| a.items[view[k]].material) {
                    return None;
                }
                match_post(a, rest, view, end, m)
            };
            while let Some(&i) = view.get(p) {
                let modifier = a.items[i].modifier && !(after_literal && skipped == 0);
                if modifier && origin.is_none() {
                    origin = Some(p);
                }
                if a.items[i].is_actor() && !modifier {
                    let mut m = m.clone();
                    if !fill(a, &mut m, elem, i) {
                        return None;
                    }
                    return match_post(a, rest, view, p + 1, m);
                }
                // "killed at least eight al-Qaeda leaders": quantities before a slot.
                let quantity = is_quantity(&a.items[i].lower);
                // "ordered former president Menem to": title words before a name.
                let title = is_np_word(a, i) && !a.items[i].trigger_form && {
                    let w = a.items[i].lower.as_str();
                    !w.ends_with("ing") && !w.ends_with("ed")
                };
                let skippable = modifier
                    || quantity
                    || DETERMINERS.contains(&a.items[i].lower.as_str())
                    || (skipped < 1 && is_np_word(a, i) && rest.is_empty())
                    || (skipped < max_titles && title);
                if !skippable || skipped >= if quantity { 5 } else { max_titles } {
                    return by_origin(origin, p);
                }
                skipped += 1;
                p += 1;
            }
            by_origin(origin, p)
        }
        Elem::Obj => match_obj(a, rest, view, pos, m),
        Elem::AnyTgt => {
            let found = (pos..view.len())
                .take_while(|&p| !a.is_boundary(view[p]))
                .find(|&p| a.items[view[p]].is_actor() && !a.items[view[p]].modifier)?;
            let mut m = m;
            m.tgt = Some(view[found]);
            match_post(a, rest, view, found + 1, m)
        }
    }
}

fn match_obj(a: &Analysis, rest: &[Elem], view: &[usize], pos: usize, m: Match) -> Option<Match> {
    let usable = |j: usize| {
        view.get(j).is_some_and(|&i| {
            let it = &a.items[i];
            (!it.is_actor() || it.modifier)
                && !a.is_boundary(i)
                && !matches!(it.lower.as_str(), "." | ";" | ":" | "?" | "!")
        })
    };
    if rest.is_empty() {
        let mut end = pos;
        while end - pos < MAX_OBJ
            && usable(end)
            && !OBJ_STOP.contains(&a.items[view[end]].lower.as_str())
            // "gave Ruritania $50 million": a currency sign opens an amount.
            && (!a.items[view[end]].punct
                || matches!(a.items[view[end]].lower.as_str(), "$" | "€" | "£" | "¥"))
        {
            end += 1;
        }
        let range = trim_obj(a, view, pos, end)?;
        let mut m = m;
        m.obj = Some(range);
        m.origin = origin_in(a, range);
        m.end = view[end - 1];
        return Some(m);
    }
    let mut end = pos + 1;
    while end - pos <= MAX_OBJ && usable(end - 1) {
        if let Some(range) = trim_obj(a, view, pos, end) {
            let mut mm = m.clone();
            mm.obj = Some(range);
            mm.origin = origin_in(a, range);
            if let Some(found) = match_post(a, rest, view, end, mm) {
                return Some(found);
            }
        }
        end += 1;
    }
    None
}

/// "wounded the deputy head of the Arcadian guard": the actor after the `of` of a short head noun
/// phrase is the slot's actor. Returns its position in `view`.
fn of_head(a: &Analysis, view: &[usize], pos: usize) -> Option<usize> {
    for j in pos..(pos + 6).min(view.len()) {
        let it = &a.items[view[j]];
        if it.lower == "of" {
            let next = view.get(j + 1).map(|&n| &a.items[n])?;
            return (j > pos && next.is_actor() && !next.modifier).then_some(j + 1);
        }
        let head_word = !it.is_actor()
            && (is_np_word(a, view[j])
                || DETERMINERS.contains(&it.lower.as_str())
                || is_quantity(&it.lower));
        if !head_word {
            return None;
        }
    }
    None
}

/// Numbers and the words that hedge them ("at least", "more than", "dozens of").
fn is_quantity(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "at" | "least"
                | "than"
                | "nearly"
                | "almost"
                | "about"
                | "around"
                | "some"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozen"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "of"
                | "top"
                | "senior"
                | "several"
                | "many"
        )
}

fn origin_in(a: &Analysis, (s, e): (usize, usize)) -> Option<usize> {
    (s..e).find(|&i| a.items[i].modifier)
}

/// Words that cannot start a material object.
const PRONOUNS: &[&str] = &[
    "it",
    "them",
    "they",
    "him",
    "her",
    "us",
    "you",
    "we",
    "this",
    "which",
    "what",
    "who",
    "me",
    "itself",
    "themselves",
    "power",
    "way",
    "place",
    "part",
];

/// Words of time that start an adverbial, not an object ("threatened today to").
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "again",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "next",
    "earlier",
    "later",
];

/// Strips determiners and trailing punctuation; `None` when nothing contentful is left.
fn trim_obj(a: &Analysis, view: &[usize], mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    while s < e
        && (DETERMINERS.contains(&a.items[view[s]].lower.as_str()) || a.items[view[s]].punct)
    {
        s += 1;
    }
    while e > s
        && (a.items[view[e - 1]].punct
            || matches!(a.items[view[e - 1]].lower.as_str(), "and" | "or"))
    {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let first = a.items[view[s]].lower.as_str();
    if matches!(first, "to" | "that" | "with" | "from")
        || PRONOUNS.contains(&first)
        || TIME_WORDS.contains(&first)
    {
        return None;
    }
    Some((view[s], view[e - 1] + 1))
}

/// A word that can modify a noun inside its phrase: not a determiner, cue or verb form.
fn is_modifier(a: &Analysis, lex: &Lexicon, i: usize) -> bool {
    let w = a.items[i].lower.as_str();
    let verbish = (w.ends_with("ed") || w.ends_with("en") || w.ends_with("ing"))
        && lex.by_form.contains_key(w);
    is_np_word(a, i)
        && !DETERMINERS.contains(&w)
        && !verbish
        && !a.cues.iter().any(|&(at, n, _)| at <= i && i < at + n)
}

fn match_nominal(
    a: &Analysis,
    lex: &Lexicon,
    p: &Pattern,
    t: usize,
    view: &[usize],
) -> Option<Match> {
    let mut m = Match {
        trigger: t,
        ..Match::default()
    };
    let mut i = t;
    for elem in p.pre.iter().rev() {
        match elem {
            Elem::Obj => {
                let end = i;
                while i > 0 && end - i < 3 && is_modifier(a, lex, i - 1) {
                    i -= 1;
                }
                let first_sector = (i..end).find(|&k| lex.sectors.contains_key(&a.items[k].lower));
                if let Some(k) = first_sector {
                    m.obj = Some((k, end));
                }
            }
            Elem::Src | Elem::Tgt | Elem::Both | Elem::AnyTgt => {
                let mut j = i;
                while j > 0
                    && i - j < 2
                    && !a.items[j - 1].is_actor()
                    && (is_modifier(a, lex, j - 1)
                        || DETERMINERS.contains(&a.items[j - 1].lower.as_str()))
                {
                    j -= 1;
                }
                if j > 0 && a.items[j - 1].is_actor() && fill(a, &mut m, elem, j - 1) {
                    i = j - 1;
                }
            }
            Elem::Word(alts) => {
                if i == 0 || !is_word(a, i - 1, alts) {
                    return None;
                }
                i -= 1;
            }
            Elem::Opt(alts) => {
                if i > 0 && is_word(a, i - 1, alts) {
                    i -= 1;
                }
            }
            Elem::Gap | Elem::Skip | Elem::Phrase => {}
        }
    }
    let m = match_post(a, &p.post, view, 0, m)?;
    (m.tgt.is_some() || m.both.is_some() || m.src.is_some()).then_some(m)
}
