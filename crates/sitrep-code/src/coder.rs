//! Turns pattern matches into events of a document.

use crate::matcher::{best_at, Match};
use crate::modality::{modality_at, Claimant};
use crate::shallow::{ActorSpan, Analysis};
use crate::Coder;
use sitrep_model::{ActorRef, Document, Event, EventDate, Modality, Quote, Span};

/// Codes every sentence of `doc` with the actors of its mention layer.
pub fn code_document(coder: &Coder, doc: &mut Document) {
    let mut actors: Vec<ActorSpan> = doc
        .mentions
        .iter()
        .filter_map(|m| {
            let e = doc.entities.get(m.entity as usize)?;
            Some(ActorSpan {
                span: m.span,
                code: e.actor.code.clone(),
                name: e.actor.name.clone(),
                entity: Some(m.entity),
            })
        })
        .filter(|a| !a.code.is_empty())
        .collect();
    actors.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end)));
    actors.dedup_by(|b, a| a.span.contains(b.span));
    code_with_actors(coder, doc, &actors);
}

/// Codes every sentence of `doc` with the given actors (sorted by start).
pub fn code_with_actors(coder: &Coder, doc: &mut Document, actors: &[ActorSpan]) {
    let mut events = Vec::new();
    let games = coder.games.game_sentences(doc);
    for (si, sentence) in doc.sentences.iter().enumerate() {
        if games.get(si).copied().unwrap_or(false) {
            continue;
        }
        let a = Analysis::new(&doc.text, sentence.span, actors, coder.lexicon());
        let ctx = Ctx {
            coder,
            doc,
            actors,
            a: &a,
            sentence: si,
            span: sentence.span,
        };
        let mut consumed = 0;
        let mut matches: Vec<Match> = Vec::new();
        for t in 0..a.items.len() {
            if a.items[t].is_actor() || (t > 0 && t <= consumed) {
                continue;
            }
            if let Some(m) = best_at(&a, coder.lexicon(), t) {
                consumed = consumed
                    .max(m.end)
                    .max(m.obj.map_or(0, |o| o.1.saturating_sub(1)));
                matches.push(m);
            }
        }
        let kept = one_per_clause(coder, &a, &matches);
        let own_event = |m: &&&Match| {
            !intent_of_conflict(coder, m, &kept)
                && !purpose_without_target(coder, &a, m, &kept)
                && !open_in_subordinate(&a, m, &kept)
        };
        for m in kept.iter().filter(own_event) {
            let planned = kept.iter().any(|g| governs(coder, g, m));
            ctx.events(m, planned, &mut events);
        }
    }
    add_speech_acts(coder, doc, &mut events);
    link_denials(&mut events);
    doc.events = events;
}

/// "Kirby said Pyongyang sent shells": the claim is itself an accusation of Pyongyang by
/// Kirby, when `speech.tsv` says so and the claimant is not of the source's own country.
fn add_speech_acts(coder: &Coder, doc: &Document, events: &mut Vec<Event>) {
    let mut acts: Vec<Event> = Vec::new();
    for e in events.iter() {
        let (Some(who), Some(src)) = (e.claimant.as_ref(), e.source.as_ref()) else {
            continue;
        };
        let country = |c: &str| c.chars().take(3).collect::<String>();
        // An unknown-country claimant (`---GOV`) accuses nobody in particular.
        if who.code.is_empty()
            || who.code.starts_with("---")
            || country(&who.code) == country(&src.code)
            || e.modality == Modality::Denied
        {
            continue;
        }
        let Some(rule) = coder
            .lexicon()
            .speech_acts
            .iter()
            .find(|s| s.applies(&e.cameo, e.quad_class))
        else {
            continue;
        };
        let dup = acts.iter().any(|a| {
            a.sentence == e.sentence
                && a.target.as_ref().map(|t| &t.code) == Some(&src.code)
                && a.source.as_ref().map(|s| &s.code) == Some(&who.code)
        });
        let Some(info) = coder.codes().get(&rule.act) else {
            continue;
        };
        if dup {
            continue;
        }
        acts.push(Event {
            source: Some(who.clone()),
            target: Some(src.clone()),
            cameo: rule.act.clone(),
            root: info.root.clone(),
            quad_class: info.quad,
            goldstein: info.goldstein,
            plover: info.plover.clone(),
            object: None,
            modality: Modality::Asserted,
            claimant: None,
            date: doc.published.as_ref().map(|p| EventDate {
                date: p.date.clone(),
                from: "document".into(),
            }),
            place: None,
            sentence: e.sentence,
            trigger: who.span,
            evidence: e.evidence,
            evidence_text: e.evidence_text.clone(),
            rule: rule.rule.clone(),
            confidence: (e.confidence - 0.15).max(0.1),
            denies: None,
        });
    }
    events.extend(acts);
}

struct Ctx<'a> {
    coder: &'a Coder,
    doc: &'a Document,
    actors: &'a [ActorSpan],
    a: &'a Analysis,
    sentence: usize,
    span: Span,
}

impl Ctx<'_> {
    fn actor_ref(&self, i: usize) -> Option<ActorRef> {
        let a = self.actors.get(i)?;
        Some(ActorRef {
            code: a.code.clone(),
            name: a.name.clone(),
            entity: a.entity,
            span: a.span,
        })
    }

    fn group(&self, item: Option<usize>) -> Vec<Option<ActorRef>> {
        match item {
            Some(i) => self.a.items[i]
                .actors
                .iter()
                .map(|&x| self.actor_ref(x))
                .collect(),
            None => vec![None],
        }
    }

    /// Source × target pairs of the match; every ordered pair for a mutual slot.
    fn pairs(&self, m: &Match) -> Vec<(Option<ActorRef>, Option<ActorRef>)> {
        if let Some(b) = m.both {
            let all = self.group(Some(b));
            let mut out = Vec::new();
            for (i, s) in all.iter().enumerate() {
                for (j, t) in all.iter().enumerate() {
                    if i != j {
                        out.push((s.clone(), t.clone()));
                    }
                }
            }
            return out;
        }
        let mut out = Vec::new();
        // "receiving Russian military equipment": the goods' origin gives the source when
        // the pattern names none.
        let p = &self.coder.lexicon().patterns[m.pattern];
        let no_src_slot = !p.pre.iter().chain(&p.post).any(|e| *e == crate::Elem::Src);
        // "... to ship Bordurian rifles to": an infinitive's subject is a guess,
        // the origin of goods that change hands is not.
        let infinitive =
            m.trigger > 0 && self.a.items[m.trigger - 1].lower == "to" && p.code.starts_with("07");
        let src = if (m.src.is_none() && no_src_slot) || (infinitive && m.origin.is_some()) {
            m.origin
        } else {
            m.src
        };
        // "receiving benefits": a receiving pattern with no giver says nothing about who acts.
        if src.is_none() && no_src_slot {
            return Vec::new();
        }
        for s in self.group(src) {
            for t in self.group(m.tgt) {
                out.push((s.clone(), t));
            }
        }
        out
    }

    fn events(&self, m: &Match, planned: bool, out: &mut Vec<Event>) {
        let lex = self.coder.lexicon();
        let p = &lex.patterns[m.pattern];
        let object = m.obj.map(|(s, e)| {
            // The origin ("North Korean ammunition") is an actor, not part of the goods.
            let s = (s..e).find(|&i| !self.a.items[i].modifier).unwrap_or(s);
            // "missiles in the battlefield": a prepositional phrase is not part of the goods.
            let e = (s + 1..e)
                .find(|&i| self.a.is_preposition(i) && self.a.items[i].lower != "of")
                .unwrap_or(e);
            let span = Span::new(self.a.items[s].span.start(), self.a.items[e - 1].span.end());
            self.doc.span_text(span).to_string()
        });
        if p.code == "---" {
            return;
        }
        let mut code = lex.refine_code(&p.code, object.as_deref());
        let trigger = self.a.items[m.trigger].span;
        let (mut modality, claimant) = self.modality(m.trigger);
        if planned && matches!(modality, Modality::Asserted | Modality::Claimed) {
            modality = Modality::Planned;
        }
        // A pattern that spells out its own negation ("- NOT * ...") has its code already.
        let own_negation = p.pre.iter().any(
            |e| matches!(e, crate::Elem::Word(w) if w.iter().any(|x| x == "not" || x == "n't")),
        );
        if let Some(reject) = self.refusal(m.trigger, &code).filter(|_| !own_negation) {
            code = reject.to_string();
            modality = if claimant.is_some() {
                Modality::Claimed
            } else {
                Modality::Asserted
            };
        }
        let date = self.date(m.trigger);
        let evidence_text = self.doc.span_text(self.span).to_string();
        let mut pairs: Vec<_> = self
            .pairs(m)
            .into_iter()
            .map(|(s, t)| (s, t, code.clone()))
            .collect();
        if let Some(r) = &p.reciprocal {
            let back: Vec<_> = pairs
                .iter()
                .filter(|(s, t, _)| s.is_some() && t.is_some())
                .map(|(s, t, _)| (t.clone(), s.clone(), r.clone()))
                .collect();
            pairs.extend(back);
        }
        for (source, target, code) in pairs {
            let code = lex
                .refine_by_role(&code, source.as_ref().map(|s| s.code.as_str()))
                .to_string();
            let info = self
                .coder
                .codes()
                .get(&code)
                .cloned()
                .unwrap_or_else(|| foreign_code(&code));
            if same_actor(source.as_ref(), target.as_ref())
                || (source.is_none() && target.is_none())
            {
                continue;
            }
            out.push(Event {
                confidence: confidence(m, source.is_some(), target.is_some(), p.nominal),
                source,
                target,
                cameo: code.clone(),
                root: info.root.clone(),
                quad_class: info.quad,
                goldstein: info.goldstein,
                plover: info.plover.clone(),
                object: object.clone(),
                modality,
                claimant: claimant.clone(),
                date: date.clone(),
                place: None,
                sentence: self.sentence as u32,
                trigger,
                evidence: self.span,
                evidence_text: evidence_text.clone(),
                rule: p.rule.clone(),
                denies: None,
            });
        }
    }

    /// "X will not negotiate with Y", "X refused to hand the suspects over to Y": a refused
    /// cooperative act is a rejection (CAMEO 12), coded as asserted; the reject code follows
    /// the refused act's code.
    fn refusal(&self, t: usize, code: &str) -> Option<&'static str> {
        let word = |k: usize| {
            t.checked_sub(k)
                .map_or("", |i| self.a.items[i].lower.as_str())
        };
        let refused = (matches!(word(1), "not" | "n't" | "never")
            && matches!(
                word(2),
                "will" | "would" | "shall" | "wo" | "can" | "ca" | "could"
            ))
            || (word(1) == "to"
                && matches!(
                    word(2),
                    "refuse"
                        | "refuses"
                        | "refused"
                        | "refusing"
                        | "decline"
                        | "declines"
                        | "declined"
                        | "declining"
                ));
        if !refused {
            return None;
        }
        reject_code(code)
    }

    /// Modality from the cues; the quote layer's speaker wins over the coder's own guess.
    fn modality(&self, t: usize) -> (Modality, Option<ActorRef>) {
        let (modality, who) = modality_at(self.a, t);
        let from_cues = match who {
            Claimant::Item(i) => self.a.items[i]
                .actors
                .first()
                .and_then(|&x| self.actor_ref(x)),
            Claimant::None => None,
        };
        let trigger = self.a.items[t].span;
        let quoted = self.doc.quotes.iter().find(|q| q.span.contains(trigger));
        let from_quote = quoted.and_then(|q| self.quote_speaker(q));
        match (modality, from_quote) {
            (Modality::Denied, q) => (modality, from_cues.or(q)),
            (Modality::Asserted, Some(q)) => (Modality::Claimed, Some(q)),
            (_, Some(q)) => (modality, Some(q)),
            (_, None) => (modality, from_cues),
        }
    }

    fn quote_speaker(&self, q: &Quote) -> Option<ActorRef> {
        let name = q.speaker_name.clone();
        let Some(e) = q.speaker else {
            return name.map(|name| ActorRef {
                code: String::new(),
                name,
                entity: None,
                span: q.cue.unwrap_or(q.span),
            });
        };
        let entity = self.doc.entities.get(e as usize)?;
        let span = self
            .doc
            .mentions
            .iter()
            .filter(|m| m.entity == e)
            .min_by_key(|m| m.span.start.abs_diff(q.span.start))
            .map_or(q.cue.unwrap_or(q.span), |m| m.span);
        Some(ActorRef {
            code: entity.actor.code.clone(),
            name: entity.actor.name.clone(),
            entity: Some(e),
            span,
        })
    }

    /// The resolved time expression of the trigger's clause, not the one that dates a
    /// speech verb ("said Tuesday"); else the publication date.
    fn date(&self, t: usize) -> Option<EventDate> {
        let (s, e) = self.a.clause(t);
        let from = self.a.items[s].span.start;
        let to = self.a.items[e.saturating_sub(1).max(s)].span.end;
        let trigger = self.a.items[t].span.start;
        let speech_time = |x: &sitrep_model::Timex| {
            let before = self.doc.text.get(..x.span.start()).unwrap_or("");
            let last = before
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            matches!(
                last.as_str(),
                "said" | "says" | "told" | "noted" | "added" | "announced" | "stated"
            )
        };
        let clause = self
            .doc
            .timexes
            .iter()
            .filter(|x| {
                x.span.start >= from && x.span.end <= to && x.value.is_some() && !speech_time(x)
            })
            .min_by_key(|x| x.span.start.abs_diff(trigger));
        if let Some(v) = clause.and_then(|x| x.value.clone()) {
            return Some(EventDate {
                date: v,
                from: "clause".into(),
            });
        }
        self.doc.published.as_ref().map(|p| EventDate {
            date: p.date.clone(),
            from: "document".into(),
        })
    }
}

/// One event per clause and actor pair, as TABARI codes one verb phrase: among matches of
/// one clause with the same source and target, the most specific wins (ties: the first).
/// An intent or threat and its infinitive ("threatened to impose") are two events.
fn one_per_clause<'m>(coder: &Coder, a: &Analysis, matches: &'m [Match]) -> Vec<&'m Match> {
    // Keys once per match: `clause` walks the sentence.
    let keys: Vec<_> = matches
        .iter()
        .map(|m| (a.clause(m.trigger), m.src, m.tgt, m.both))
        .collect();
    // "rejected a call to give up their weapons": an infinitive after the clause's
    // verb is its complement and never outranks it.
    let infinitive = |m: &Match| m.trigger > 0 && a.items[m.trigger - 1].lower == "to";
    let complement_of =
        |x: &Match, verb: &Match| infinitive(x) && !infinitive(verb) && verb.trigger < x.trigger;
    matches
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            !matches.iter().enumerate().any(|(j, o)| {
                j != *i
                    && keys[j] == keys[*i]
                    && !governs(coder, o, m)
                    && !governs(coder, m, o)
                    && !complement_of(o, m)
                    && (complement_of(m, o)
                        || o.weight > m.weight
                        || (o.weight == m.weight && j < *i))
            })
        })
        .map(|(_, m)| m)
        .collect()
}

/// "vowed to attack", "offered to retaliate": an intent to cooperate (03) whose infinitive is
/// itself coded as conflict is no cooperation; the planned conflict event carries the intent.
fn intent_of_conflict(coder: &Coder, m: &Match, kept: &[&Match]) -> bool {
    let lex = coder.lexicon();
    if !lex.patterns[m.pattern].code.starts_with("03") {
        return false;
    }
    kept.iter().any(|n| {
        governs(coder, m, n)
            && coder
                .codes()
                .get(&lex.patterns[n.pattern].code)
                .is_some_and(|c| c.quad >= 3)
    })
}

/// `g` is an intent (03) or threat (13) pattern ending in `to` and `n` its infinitive.
fn governs(coder: &Coder, g: &Match, n: &Match) -> bool {
    let p = &coder.lexicon().patterns[g.pattern];
    let ends_in_to =
        matches!(p.post.last(), Some(crate::Elem::Word(w)) if w.iter().any(|x| x == "to"));
    ends_in_to
        && (p.code.starts_with("03") || p.code.starts_with("13"))
        && n.trigger > g.end
        && n.trigger <= g.end + 2
}

/// "sending rifles to Borduria to back its offensive": an infinitive of purpose after
/// a coded verb phrase of the same clause, naming no target, is part of that event.
fn purpose_without_target(coder: &Coder, a: &Analysis, m: &Match, kept: &[&Match]) -> bool {
    let infinitive = m.trigger > 0 && a.items[m.trigger - 1].lower == "to";
    if !infinitive || m.tgt.is_some() || m.both.is_some() {
        return false;
    }
    let clause = a.clause(m.trigger);
    if kept.iter().any(|g| governs(coder, g, m)) {
        return false;
    }
    kept.iter()
        .any(|n| n.end < m.trigger && a.clause(n.trigger) == clause && n.src.is_some())
}

/// Conjunctions that open an adverbial clause.
const SUBORDINATORS: &[&str] = &[
    "after", "before", "because", "since", "while", "when", "although", "though", "whereas", "if",
    "unless", "until", "once",
];

/// "reopened its consulate in Y after rioters looted the old one": a source-only event in an
/// adverbial clause is background to a sentence that codes an event with both sides.
fn open_in_subordinate(a: &Analysis, m: &Match, kept: &[&Match]) -> bool {
    if !m.open {
        return false;
    }
    let (start, _) = a.clause(m.trigger);
    // "after rioters looted the consulate, a spokeswoman said": the comma closes
    // the adverbial clause.
    let adverbial = start
        .checked_sub(1)
        .is_some_and(|b| SUBORDINATORS.contains(&a.items[b].lower.as_str()))
        && !(start..m.trigger).any(|i| a.items[i].lower == ",");
    adverbial
        && kept
            .iter()
            .any(|o| !o.open && (o.tgt.is_some() || o.both.is_some()))
}

/// The rejection (CAMEO 12) of a refused cooperative act (03-08).
fn reject_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "061" => "1211",
        "062" => "1212",
        "063" => "1213",
        "064" => "1214",
        "071" => "1221",
        "072" => "1222",
        "073" => "1223",
        "074" => "1224",
        "081" | "0811" | "0812" | "0813" | "0814" => "1241",
        "082" => "1242",
        "083" | "0831" | "0832" | "0833" | "0834" => "123",
        "084" | "0841" | "0842" => "1243",
        "085" => "1244",
        "086" | "0861" | "0862" | "0863" => "1245",
        "087" | "0871" | "0872" | "0873" | "0874" => "1246",
        _ => match code.get(..2)? {
            "03" | "05" => "120",
            "04" => "125",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    })
}

/// A code outside the CAMEO table (an imported WEIS-style dictionary): root from its
/// first two characters, neutral otherwise.
fn foreign_code(code: &str) -> crate::CodeInfo {
    crate::CodeInfo {
        name: String::new(),
        root: code.chars().take(2).collect(),
        quad: 0,
        goldstein: 0.0,
        plover: "-".into(),
        mode: String::new(),
    }
}

fn same_actor(a: Option<&ActorRef>, b: Option<&ActorRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.code == b.code || (a.entity.is_some() && a.entity == b.entity),
        _ => false,
    }
}

fn confidence(m: &Match, src: bool, tgt: bool, nominal: bool) -> f32 {
    let mut c: f32 = 0.9;
    if nominal {
        c -= 0.15;
    }
    if m.passive {
        c -= 0.1;
    }
    if m.gapped {
        c -= 0.1;
    }
    if !src {
        c -= 0.2;
    }
    if !tgt {
        c -= 0.15;
    }
    c.clamp(0.1, 1.0)
}

/// A denied event points at a matching event it contradicts; a denial speech act (016)
/// points at the denied event of its own sentence.
fn link_denials(events: &mut [Event]) {
    let key = |e: &Event| {
        (
            e.source.as_ref().map(|a| a.code.clone()),
            e.target.as_ref().map(|a| a.code.clone()),
            e.root.clone(),
        )
    };
    for i in 0..events.len() {
        if events[i].modality != Modality::Denied {
            continue;
        }
        let k = key(&events[i]);
        let other = (0..events.len())
            .find(|&j| j != i && events[j].modality != Modality::Denied && key(&events[j]) == k);
        events[i].denies = other.map(|j| j as u32);
    }
    for i in 0..events.len() {
        if events[i].cameo != "016" {
            continue;
        }
        let s = events[i].sentence;
        let denied: Vec<usize> = (0..events.len())
            .filter(|&j| {
                events[j].sentence == s
                    && events[j].modality == Modality::Denied
                    && events[j].trigger.start > events[i].trigger.start
            })
            .collect();
        // The denied act with both its actors named (`Russia shares technology with North
        // Korea`) rather than an intent naming only its source.
        let inner = denied
            .iter()
            .copied()
            .find(|&j| events[j].source.is_some() && events[j].target.is_some())
            .or_else(|| denied.first().copied());
        events[i].denies = inner.map(|j| j as u32);
    }
}
