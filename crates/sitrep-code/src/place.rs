//! Where an event happened: a named place or country in the event's sentence, introduced by
//! a locative preposition ("in Kyiv", "near the border town of Sudzha", "at the Vostochny
//! cosmodrome"), that is not one of the event's own actors.
//!
//! News sentences put the place right after the verb phrase ("met in Pyongyang", "shelled
//! positions near Kharkiv") or open with it ("In Kyiv, officials said ..."). So the first
//! such mention after the verb and its actors wins when at most [`MAX_GAP_WORDS`] words
//! stand between them and no clause boundary does ("providing missiles to support its
//! operations in Ukraine" places the operations, not the providing); else one that opens
//! the sentence. Mentions before the trigger count only when they open the sentence.

use sitrep_model::{ActorKind, Document, EventPlace, Span};

/// Prepositions that introduce where something happens.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "off",
    "throughout",
];
/// Words that may stand between the preposition and the name ("in the city of Sumy",
/// "near the border town of Sudzha").
const FILLERS: &[&str] = &[
    "the", "city", "town", "village", "region", "province", "port", "capital", "border", "of",
    "eastern", "western", "northern", "southern", "central", "occupied",
];
/// Words allowed between the verb phrase (trigger and the actors after it) and the
/// locative preposition: an object ("attacked positions near X", "signed a deal in X").
const MAX_GAP_WORDS: usize = 3;
/// Words in that gap that start another clause or phrase the place would belong to.
const GAP_BREAKS: &[&str] = &[
    "to", "that", "which", "who", "while", "and", "but", "after", "before", "for", "of",
];

/// Fills `place` on events that have none from the mentions of their sentence.
pub fn place_events(doc: &mut Document) {
    let mut places = Vec::with_capacity(doc.events.len());
    for event in &doc.events {
        if event.place.is_some() {
            places.push(event.place.clone());
            continue;
        }
        let own: Vec<Span> = [&event.source, &event.target]
            .into_iter()
            .flatten()
            .map(|a| a.span)
            .collect();
        let sentence = doc
            .sentences
            .get(event.sentence as usize)
            .map_or(event.evidence, |s| s.span);
        // The verb phrase ends after the trigger and the actors that follow it.
        let phrase_end = own
            .iter()
            .filter(|s| s.start() >= event.trigger.end())
            .map(|s| s.end())
            .fold(event.trigger.end(), usize::max);
        places.push(place_in(doc, sentence, event.trigger, phrase_end, &own));
    }
    for (event, place) in doc.events.iter_mut().zip(places) {
        event.place = place;
    }
}

fn place_in(
    doc: &Document,
    sentence: Span,
    trigger: Span,
    phrase_end: usize,
    own: &[Span],
) -> Option<EventPlace> {
    let candidates = doc.mentions.iter().filter(|m| {
        sentence.contains(m.span)
            && !own.iter().any(|o| o.overlaps(m.span))
            && doc
                .entities
                .get(m.entity as usize)
                .is_some_and(|e| matches!(e.actor.kind, ActorKind::Place | ActorKind::Country))
            && after_locative(&doc.text, sentence.start(), m.span.start())
    });
    let mut after = None;
    let mut opening = None;
    for m in candidates {
        if m.span.start() >= phrase_end && close_after(&doc.text, phrase_end, m.span.start()) {
            if after.is_none_or(|a: &sitrep_model::Mention| m.span.start < a.span.start) {
                after = Some(m);
            }
        } else if m.span.end() <= trigger.start() && opens_sentence(&doc.text, sentence, m.span) {
            opening = opening.or(Some(m));
        }
    }
    let m = after.or(opening)?;
    let actor = &doc.entities.get(m.entity as usize)?.actor;
    Some(EventPlace {
        name: actor.name.clone(),
        country: actor.country.clone(),
        entity: m.entity,
        span: m.span,
    })
}

/// Whether the words from `from` to the mention at `at` are a locative phrase after at
/// most [`MAX_GAP_WORDS`] other words, none of them a clause break or a comma.
fn close_after(text: &str, from: usize, at: usize) -> bool {
    let Some(between) = text.get(from..at) else {
        return false;
    };
    if between.contains([',', ';', ':', '(']) {
        return false;
    }
    let words: Vec<String> = between
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let Some(prep) = words.iter().rposition(|w| LOCATIVE.contains(&w.as_str())) else {
        return false;
    };
    let gap = &words[..prep];
    gap.len() <= MAX_GAP_WORDS && !gap.iter().any(|w| GAP_BREAKS.contains(&w.as_str()))
}

/// Whether the words before `at` (back to the sentence start) end with a locative
/// preposition, possibly followed by filler words.
fn after_locative(text: &str, from: usize, at: usize) -> bool {
    let Some(before) = text.get(from..at) else {
        return false;
    };
    for word in before.split_whitespace().rev().take(6) {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if LOCATIVE.contains(&word.as_str()) {
            return true;
        }
        if !FILLERS.contains(&word.as_str()) {
            return false;
        }
    }
    false
}

/// "In Kyiv, ..." : the mention is in the sentence's first few words and a comma follows
/// its phrase.
fn opens_sentence(text: &str, sentence: Span, mention: Span) -> bool {
    let head = text.get(sentence.start()..mention.start()).unwrap_or("");
    let rest = text.get(mention.end()..sentence.end()).unwrap_or("");
    head.split_whitespace().count() <= 4 && rest.trim_start().starts_with(',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{Actor, ActorRef, Entity, Event, Mention, Modality, Sentence};

    fn entity(name: &str, kind: ActorKind, country: &str) -> Entity {
        Entity {
            actor: Actor {
                name: name.into(),
                kind,
                country: Some(country.into()),
                role: None,
                code: country.into(),
            },
            rule: "test".into(),
            flags: Vec::new(),
        }
    }

    /// A document with one sentence, one event triggered by `verb` whose source and target
    /// are the first two names, and every name a mention.
    fn doc(text: &str, verb: &str, names: &[(&str, ActorKind, &str)]) -> Document {
        let mut doc = Document::new("t", text);
        doc.sentences.push(Sentence {
            span: Span::new(0, text.len()),
            paragraph: 0,
        });
        for (i, (name, kind, country)) in names.iter().enumerate() {
            let start = text.find(name).expect("name in text");
            doc.entities.push(entity(name, *kind, country));
            doc.mentions.push(Mention {
                span: Span::new(start, start + name.len()),
                text: name.to_string(),
                entity: i as u32,
                rule: "test".into(),
            });
        }
        let actor = |i: usize| {
            let m = &doc.mentions[i];
            ActorRef {
                code: names[i].2.into(),
                name: names[i].0.into(),
                entity: Some(i as u32),
                span: m.span,
            }
        };
        let at = text.find(verb).expect("verb in text");
        let event = Event {
            source: Some(actor(0)),
            target: Some(actor(1)),
            cameo: "042".into(),
            root: "04".into(),
            quad_class: 1,
            goldstein: 1.9,
            plover: "CONSULT".into(),
            object: None,
            modality: Modality::Asserted,
            claimant: None,
            date: None,
            place: None,
            sentence: 0,
            trigger: Span::new(at, at + verb.len()),
            evidence: Span::new(0, text.len()),
            evidence_text: text.into(),
            rule: "test".into(),
            confidence: 1.0,
            denies: None,
        };
        doc.events.push(event);
        doc
    }

    /// Source, target and a place in the target's country.
    const THREE: [(&str, ActorKind, &str); 3] = [
        ("Ruritania", ActorKind::Country, "RUR"),
        ("Borduria", ActorKind::Country, "BOR"),
        ("Szohod", ActorKind::Place, "BOR"),
    ];

    fn place(d: &mut Document) -> Option<String> {
        place_events(d);
        d.events[0].place.as_ref().map(|p| p.name.clone())
    }

    #[test]
    fn a_place_after_the_verb_is_taken() {
        let names = THREE;
        let mut d = doc(
            "Ruritania met Borduria in the capital of Szohod on Monday.",
            "met",
            &names,
        );
        assert_eq!(place(&mut d).as_deref(), Some("Szohod"));
        assert_eq!(
            d.events[0]
                .place
                .as_ref()
                .and_then(|p| p.country.as_deref()),
            Some("BOR")
        );
    }

    #[test]
    fn the_event_actors_and_non_locative_names_are_not_places() {
        let names = THREE;
        let mut d = doc("Ruritania met Borduria and praised Szohod.", "met", &names);
        assert_eq!(place(&mut d), None);
        let names = [
            ("Ruritania", ActorKind::Country, "RUR"),
            ("Borduria", ActorKind::Country, "BOR"),
        ];
        let mut d = doc("Ruritania attacked troops in Borduria.", "attacked", &names);
        assert_eq!(place(&mut d), None, "the target is not its own place");
    }

    #[test]
    fn a_place_of_a_later_phrase_is_not_the_event_place() {
        let names = THREE;
        let mut d = doc(
            "Ruritania sent rifles to Borduria to support its operations in Szohod.",
            "sent",
            &names,
        );
        assert_eq!(place(&mut d), None);
        let mut d = doc(
            "Ruritania shelled Borduria positions near Szohod.",
            "shelled",
            &names,
        );
        assert_eq!(place(&mut d).as_deref(), Some("Szohod"));
    }

    #[test]
    fn an_opening_place_counts_but_not_one_from_another_clause() {
        let names = THREE;
        let mut d = doc("In Szohod, Ruritania met Borduria.", "met", &names);
        assert_eq!(place(&mut d).as_deref(), Some("Szohod"));
        let mut d = doc(
            "Officials in Szohod said that Ruritania met Borduria.",
            "met",
            &names,
        );
        assert_eq!(place(&mut d), None);
    }
}
