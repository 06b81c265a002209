//! How a sentence presents an event at a trigger: modality and claimant.

use crate::lexicon::CueKind;
use crate::shallow::Analysis;
use sitrep_model::Modality;

/// Where the claimant was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claimant {
    /// An actor item of the sentence.
    Item(usize),
    /// Nobody named.
    None,
}

/// The modality of the event at item `t` and the item of whoever asserts, hedges or denies
/// it. Denial beats negation beats condition beats plan beats hedge beats attribution.
pub fn modality_at(a: &Analysis, t: usize) -> (Modality, Claimant) {
    let speaker = speaker_for(a, t);
    if let Some(who) = denial_before(a, t) {
        let who = who.map_or(speaker, Claimant::Item);
        return (Modality::Denied, who);
    }
    let (clause_start, _) = a.clause(t);
    let before = |kind: CueKind, window: usize| {
        let from = t.saturating_sub(window).max(clause_start);
        a.cues
            .iter()
            .any(|&(at, _, k)| k == kind && at >= from && at < t)
    };
    let after = |kind: CueKind| a.cues.iter().any(|&(at, _, k)| k == kind && at == t + 1);
    let negated = a.cues.iter().any(|&(at, _, k)| {
        k == CueKind::Negate
            && at < t
            && at + 3 >= t
            && at >= clause_start
            && a.items.get(at + 1).is_none_or(|n| n.lower != "only")
    });
    if let Some(who) = hedging_belief(a, t) {
        if !negated {
            return (Modality::Hedged, Claimant::Item(who));
        }
    }
    let modality = if negated {
        Modality::Negated
    } else if reported_future(a, t) {
        Modality::Planned
    } else if hypothetical(a, t, clause_start) {
        Modality::Hypothetical
    } else if before(CueKind::Plan, 4) {
        Modality::Planned
    } else if before(CueKind::Hedge, 8) || after(CueKind::Hedge) {
        Modality::Hedged
    } else if speaker != Claimant::None {
        Modality::Claimed
    } else {
        Modality::Asserted
    };
    (modality, speaker)
}

/// A condition or "would" shortly before the trigger; "if" opens its own clause, so a
/// window is used rather than the clause.
fn hypothetical(a: &Analysis, t: usize, clause_start: usize) -> bool {
    let from = t.saturating_sub(10).min(clause_start);
    a.cues
        .iter()
        .any(|&(at, _, k)| k == CueKind::Hypo && at < t && at + 10 >= t && at + 1 >= from)
}

/// "Borduria said it would permit": `would` right after reported speech is the reported
/// `will`, a plan, unless a condition is near.
fn reported_future(a: &Analysis, t: usize) -> bool {
    let from = t.saturating_sub(4);
    let Some(would) = (from..t).rev().find(|&i| a.items[i].lower == "would") else {
        return false;
    };
    let condition = a.cues.iter().any(|&(at, _, k)| {
        k == CueKind::Hypo && a.items[at].lower != "would" && at + 12 >= t && at < t + 12
    });
    let speech = (would.saturating_sub(7)..would).any(|i| a.is_cue(i, CueKind::Speech));
    speech && !condition
}

/// "Washington has suspected that ..." / "is believed that": a hedge verb opening the
/// trigger's clause; the believer is the claimant.
fn hedging_belief(a: &Analysis, t: usize) -> Option<usize> {
    let (start, _) = a.clause(t);
    let at = start.checked_sub(2)?;
    let is_hedge = a.is_cue(at, CueKind::Hedge) && a.items[at + 1].lower == "that";
    if is_hedge {
        a.subject(at)
    } else {
        None
    }
}

/// A denial cue earlier in the sentence and its subject; reported speech between the cue
/// and the trigger ends the denial's scope.
fn denial_before(a: &Analysis, t: usize) -> Option<Option<usize>> {
    let cue = a
        .cues
        .iter()
        .filter(|&&(at, _, k)| {
            k == CueKind::Deny && at < t && (!is_adjective_cue(a, at) || at + 12 >= t)
        })
        .map(|&(at, _, _)| at)
        .next_back()?;
    if a.cues
        .iter()
        .any(|&(at, _, k)| k == CueKind::Speech && at > cue && at < t)
    {
        return None;
    }
    let verb = a
        .cues
        .iter()
        .filter(|&&(at, _, k)| k == CueKind::Deny && at < t && !is_adjective_cue(a, at))
        .map(|&(at, _, _)| at)
        .next_back()
        .unwrap_or(cue);
    Some(a.subject(verb))
}

fn is_adjective_cue(a: &Analysis, i: usize) -> bool {
    matches!(a.items[i].lower.as_str(), "baseless" | "unsubstantiated")
}

/// The speaker of reported speech covering item `t`, from the coder's own speech cues.
pub fn speaker_for(a: &Analysis, t: usize) -> Claimant {
    for &(at, len, k) in &a.cues {
        if k != CueKind::Speech || at == t {
            continue;
        }
        let who = if at < t {
            let according = a.items[at].lower == "according";
            if according {
                (at + len..(at + len + 3).min(a.items.len())).find(|&i| a.items[i].is_actor())
            } else {
                a.subject(at)
            }
        } else {
            speaker_after(a, at, len)
        };
        if let Some(w) = who {
            return Claimant::Item(w);
        }
    }
    Claimant::None
}

/// For `..., said Kirby` or `..., a senior Pentagon official said Tuesday`.
fn speaker_after(a: &Analysis, at: usize, len: usize) -> Option<usize> {
    let right = (at + len..(at + len + 5).min(a.items.len()))
        .take_while(|&i| a.items[i].lower != "," && a.items[i].lower != "that")
        .find(|&i| a.items[i].is_actor());
    right.or_else(|| {
        (at.saturating_sub(5)..at)
            .rev()
            .take_while(|&i| a.items[i].lower != ",")
            .find(|&i| a.items[i].is_actor())
    })
}
