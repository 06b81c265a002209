//! Unit tests on hand-written sentences.

use super::*;
use sitrep_model::{
    Actor, ActorKind, DateValue, Entity, Event, Mention, Modality, Precision, PublishedDate, Quote,
    QuoteKind, Span, Timex,
};

/// Builds a document whose actors are found by exact surface match.
fn doc_with(text: &str, actors: &[(&str, &str, &str)]) -> Document {
    let mut doc = Document::new("test", text);
    doc.sentences = sitrep_text::split_sentences(text);
    for (surface, code, name) in actors {
        let entity = doc
            .entities
            .iter()
            .position(|e| e.actor.name == *name)
            .unwrap_or_else(|| {
                doc.entities.push(Entity {
                    actor: Actor {
                        name: name.to_string(),
                        kind: ActorKind::Country,
                        country: None,
                        role: None,
                        code: code.to_string(),
                    },
                    rule: "test".into(),
                    flags: vec![],
                });
                doc.entities.len() - 1
            });
        for (at, _) in text.match_indices(surface) {
            let boundary = |i: usize| {
                text[i..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            };
            let before_ok =
                at == 0 || !text[..at].chars().last().is_some_and(char::is_alphanumeric);
            if before_ok && boundary(at + surface.len()) {
                doc.mentions.push(Mention {
                    span: Span::new(at, at + surface.len()),
                    text: surface.to_string(),
                    entity: entity as u32,
                    rule: "test".into(),
                });
            }
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start);
    doc
}

const ACTORS: &[(&str, &str, &str)] = &[
    ("North Korea", "PRK", "North Korea"),
    ("Pyongyang", "PRK", "North Korea"),
    ("the North", "PRK", "North Korea"),
    ("Russia", "RUS", "Russia"),
    ("Moscow", "RUS", "Russia"),
    ("Iran", "IRN", "Iran"),
    ("Ukraine", "UKR", "Ukraine"),
    ("Japan", "JPN", "Japan"),
    ("the Kremlin", "RUSGOV", "Kremlin"),
    ("Smith", "USAGOV", "Jane Smith"),
    ("Petrov", "RUSGOV", "Ivan Petrov"),
    ("Washington", "USA", "United States"),
];

fn code(text: &str) -> Vec<Event> {
    let mut doc = doc_with(text, ACTORS);
    Coder::new().unwrap().run(&mut doc).unwrap();
    doc.events
}

fn triple(e: &Event) -> (String, String, String) {
    let c =
        |a: &Option<sitrep_model::ActorRef>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
    (c(&e.source), c(&e.target), e.cameo.clone())
}

fn has(events: &[Event], s: &str, t: &str, cameo: &str) -> bool {
    events
        .iter()
        .any(|e| triple(e) == (s.into(), t.into(), cameo.into()))
}

#[test]
fn loads_embedded_tables() {
    let c = Coder::new().unwrap();
    assert!(c.codes().len() > 280);
    assert!(c.lexicon().patterns.len() > 200);
    assert_eq!(c.codes().get("072").unwrap().plover, "AID");
}

#[test]
fn provide_object_to_target() {
    let ev = code("Pyongyang has provided artillery shells to Moscow.");
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(triple(&ev[0]), ("PRK".into(), "RUS".into(), "072".into()));
    assert_eq!(ev[0].object.as_deref(), Some("artillery shells"));
    assert_eq!(ev[0].modality, Modality::Asserted);
    assert!(ev[0].rule.starts_with("verbs/aid.tsv:"), "{}", ev[0].rule);
    assert_eq!(ev[0].plover, "AID");
}

#[test]
fn provide_target_with_object() {
    let ev = code("Iran keeps supplying Russia with drones for its war.");
    assert!(has(&ev, "IRN", "RUS", "072"), "{ev:#?}");
    assert_eq!(ev[0].object.as_deref(), Some("drones"));
}

#[test]
fn receive_from_makes_the_giver_the_source() {
    let ev = code("Moscow received rockets and launchers from North Korea last year.");
    assert!(has(&ev, "PRK", "RUS", "072"), "{ev:#?}");
}

#[test]
fn passive_with_by_phrase() {
    let ev = code("Russia was supplied with shells by North Korea.");
    assert!(has(&ev, "PRK", "RUS", "072"), "{ev:#?}");
    let ev = code("The rockets were shipped to Russia by North Korea in March.");
    assert!(has(&ev, "PRK", "RUS", "072"), "{ev:#?}");
    // The agent never comes from the next clause.
    // Modifiers, participles included, may stand before the agent.
    let ev = code("The convoy was attacked by heavily armed Russia units.");
    assert!(
        ev.iter().any(
            |e| e.cameo.starts_with("19") && e.source.as_ref().is_some_and(|s| s.code == "RUS")
        ),
        "{ev:#?}"
    );
    let ev = code("The convoy was attacked by gunmen and Russia condemned the raid.");
    assert!(has(&ev, "RUS", "-", "111"), "{ev:#?}");
    assert!(!ev.iter().any(|e| e.cameo.starts_with("19")), "{ev:#?}");
}

#[test]
fn compound_source_gives_one_event_each() {
    let ev = code("Iran and North Korea are sending Russia drones and shells.");
    assert!(has(&ev, "IRN", "RUS", "072"), "{ev:#?}");
    assert!(has(&ev, "PRK", "RUS", "072"), "{ev:#?}");
}

#[test]
fn claimed_by_speaker_via_cue() {
    let ev = code("Smith said on Monday that Pyongyang sent missiles to Moscow.");
    let e = ev.iter().find(|e| e.cameo == "072").expect("aid event");
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(e.claimant.as_ref().unwrap().code, "USAGOV");
}

#[test]
fn a_claim_of_arms_supply_is_also_an_accusation() {
    let ev = code("Smith said on Monday that Pyongyang sent missiles to Moscow.");
    let act = ev.iter().find(|e| e.cameo == "112").expect("speech act");
    assert_eq!(triple(act), ("USAGOV".into(), "PRK".into(), "112".into()));
    assert_eq!(act.modality, Modality::Asserted);
    assert!(act.rule.starts_with("verbs/speech.tsv:"));
    // A claimant of the source's own country does not accuse it.
    let ev = code("Petrov said Russia sent missiles to Iran.");
    assert!(!ev.iter().any(|e| e.cameo == "112"), "{ev:#?}");
}

#[test]
fn claimed_by_speaker_via_quote_layer() {
    let text = "\"North Korea is shipping shells to Russia,\" the official told reporters.";
    let mut doc = doc_with(text, ACTORS);
    let start = 1;
    let end = text.find(',').unwrap();
    doc.entities.push(Entity {
        actor: Actor {
            name: "Jane Smith".into(),
            kind: ActorKind::Person,
            country: Some("USA".into()),
            role: None,
            code: "USAGOV".into(),
        },
        rule: "test".into(),
        flags: vec![],
    });
    doc.quotes.push(Quote {
        span: Span::new(start, end),
        text: text[start..end].to_string(),
        kind: QuoteKind::Direct,
        speaker: Some(doc.entities.len() as u32 - 1),
        speaker_name: Some("Jane Smith".into()),
        cue: None,
    });
    Coder::new().unwrap().run(&mut doc).unwrap();
    let e = doc
        .events
        .iter()
        .find(|e| e.root == "07")
        .expect("aid event");
    assert_eq!(triple(e), ("PRK".into(), "RUS".into(), "072".into()));
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(e.claimant.as_ref().unwrap().name, "Jane Smith");
}

#[test]
fn hedged() {
    let ev = code("Russia has likely handed technology assistance to Iran and North Korea.");
    assert!(has(&ev, "RUS", "PRK", "070"), "{ev:#?}");
    assert!(has(&ev, "RUS", "IRN", "070"), "{ev:#?}");
    assert!(ev.iter().all(|e| e.modality == Modality::Hedged));
    assert_eq!(ev[0].object.as_deref(), Some("technology assistance"));
}

#[test]
fn denied_links_to_the_asserted_event() {
    let text = "Pyongyang shipped shells to Moscow. Later the Kremlin denied that Pyongyang had sent any weapons to Russia.";
    let ev = code(text);
    let asserted = ev
        .iter()
        .position(|e| e.modality == Modality::Asserted && e.root == "07")
        .expect("asserted");
    let denied = ev
        .iter()
        .find(|e| e.modality == Modality::Denied)
        .expect("denied");
    assert_eq!(triple(denied), ("PRK".into(), "RUS".into(), "072".into()));
    assert_eq!(denied.claimant.as_ref().unwrap().code, "RUSGOV");
    assert_eq!(denied.denies, Some(asserted as u32));
    assert!(has(&ev, "RUSGOV", "-", "016"), "{ev:#?}");
}

#[test]
fn rejected_allegation_is_denied() {
    let ev = code("Petrov rejected as baseless a Japanese allegation that Russia plans to share satellite technology with Pyongyang.");
    let inner = ev
        .iter()
        .find(|e| e.root == "06" || e.root == "07")
        .expect("inner event");
    assert_eq!(inner.modality, Modality::Denied);
    assert_eq!(inner.source.as_ref().unwrap().code, "RUS");
    assert_eq!(inner.target.as_ref().unwrap().code, "PRK");
    assert_eq!(inner.claimant.as_ref().unwrap().code, "RUSGOV");
}

#[test]
fn planned_visit() {
    let ev = code("Smith is scheduled to visit Japan next week.");
    assert!(has(&ev, "USAGOV", "JPN", "042"), "{ev:#?}");
    assert_eq!(ev[0].modality, Modality::Planned);
}

#[test]
fn negated() {
    let ev = code("Iran did not provide missiles to Russia.");
    assert!(has(&ev, "IRN", "RUS", "072"), "{ev:#?}");
    assert_eq!(ev[0].modality, Modality::Negated);
    let ev = code("Iran didn't provide missiles to Russia.");
    assert_eq!(ev[0].modality, Modality::Negated, "{ev:#?}");
}

#[test]
fn hypothetical() {
    let ev = code("If Russia attacked Japan, Washington would respond.");
    let e = ev.iter().find(|e| e.cameo == "190").expect("attack");
    assert_eq!(e.modality, Modality::Hypothetical);
}

#[test]
fn nominal_events() {
    let ev = code("The summit between North Korea and Russia drew attention.");
    assert!(has(&ev, "PRK", "RUS", "040"), "{ev:#?}");
    assert!(has(&ev, "RUS", "PRK", "040"), "{ev:#?}");
    let ev = code("Officials worry about defense cooperation between the North and Russia.");
    assert!(has(&ev, "RUS", "PRK", "062"), "{ev:#?}");
    let ev = code("They traded technology for Iran's arms transfers to Moscow.");
    assert!(has(&ev, "IRN", "RUS", "072"), "{ev:#?}");
}

#[test]
fn verbal_conflict_and_cooperation() {
    assert!(has(
        &code("Japan condemned North Korea on Monday."),
        "JPN",
        "PRK",
        "111"
    ));
    assert!(has(
        &code("Smith accused Moscow of lying."),
        "USAGOV",
        "RUS",
        "112"
    ));
    assert!(has(
        &code("Smith urged Japan to act."),
        "USAGOV",
        "JPN",
        "020"
    ));
    assert!(has(
        &code("Smith praised Japan for its help."),
        "USAGOV",
        "JPN",
        "051"
    ));
    assert!(has(
        &code("Russia invaded Ukraine in 2022."),
        "RUS",
        "UKR",
        "192"
    ));
    assert!(has(
        &code("Washington sanctioned Iran."),
        "USA",
        "IRN",
        "163"
    ));
    assert!(has(
        &code("Smith met with Petrov in Geneva."),
        "USAGOV",
        "RUSGOV",
        "040"
    ));
}

#[test]
fn determiner_makes_a_noun_not_a_verb() {
    let ev = code("A test of the new system was held in Iran.");
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn dates_from_clause_else_document() {
    let text = "Smith said Tuesday that Pyongyang shipped shells to Moscow in March.";
    let mut doc = doc_with(text, ACTORS);
    let dv = |v: &str, p| DateValue {
        value: v.into(),
        precision: p,
    };
    for (w, v, p) in [
        ("Tuesday", "2024-05-21", Precision::Day),
        ("March", "2024-03", Precision::Month),
    ] {
        let at = text.find(w).unwrap();
        doc.timexes.push(Timex {
            span: Span::new(at, at + w.len()),
            text: w.into(),
            value: Some(dv(v, p)),
            anchor: "test".into(),
        });
    }
    doc.published = Some(PublishedDate {
        date: dv("2024-05-22", Precision::Day),
        origin: "test".into(),
    });
    Coder::new().unwrap().run(&mut doc).unwrap();
    let e = &doc.events[0];
    assert_eq!(e.date.as_ref().unwrap().date.value, "2024-03");
    assert_eq!(e.date.as_ref().unwrap().from, "clause");
    let mut doc2 = doc_with("Pyongyang shipped shells to Moscow.", ACTORS);
    doc2.published = doc.published.clone();
    Coder::new().unwrap().run(&mut doc2).unwrap();
    assert_eq!(doc2.events[0].date.as_ref().unwrap().from, "document");
    // The period of "Sept." closes no clause: the date after it is the event's own.
    let text3 = "Pyongyang shipped shells to Moscow on Sept. 14, 2023.";
    let mut doc3 = doc_with(text3, ACTORS);
    let at = text3.find("Sept.").unwrap();
    doc3.timexes.push(Timex {
        span: Span::new(at, at + "Sept. 14, 2023".len()),
        text: "Sept. 14, 2023".into(),
        value: Some(dv("2023-09-14", Precision::Day)),
        anchor: "test".into(),
    });
    doc3.published = doc.published.clone();
    Coder::new().unwrap().run(&mut doc3).unwrap();
    let date = doc3.events[0].date.as_ref().unwrap();
    assert_eq!(
        (date.date.value.as_str(), date.from.as_str()),
        ("2023-09-14", "clause")
    );
}

#[test]
fn provenance_spans() {
    let text = "Quiet day. Pyongyang sent shells to Moscow.";
    let mut doc = doc_with(text, ACTORS);
    Coder::new().unwrap().run(&mut doc).unwrap();
    let e = &doc.events[0];
    assert_eq!(e.sentence, 1);
    assert_eq!(e.trigger.of(text), "sent");
    assert_eq!(e.evidence_text, "Pyongyang sent shells to Moscow.");
    assert!(e.confidence > 0.5 && e.confidence <= 1.0);
}

#[test]
#[ignore]
fn debug_print() {
    let text = std::env::var("SENT").unwrap_or_default();
    for e in code(&text) {
        println!(
            "{:?} {:?} {} {:?} {:?} {:?} {}",
            triple(&e),
            e.object,
            e.rule,
            e.modality,
            e.claimant.map(|c| c.code),
            e.denies,
            e.trigger.of(&text)
        );
    }
}

#[test]
fn origin_inside_the_object_is_the_source() {
    let mut doc = doc_with("Iran is receiving Russian fighter jets.", ACTORS);
    // "Russian" as a demonym mention of Russia.
    let at = doc.text.find("Russian").unwrap();
    doc.mentions.push(Mention {
        span: Span::new(at, at + 7),
        text: "Russian".into(),
        entity: doc
            .entities
            .iter()
            .position(|e| e.actor.code == "RUS")
            .unwrap() as u32,
        rule: "test".into(),
    });
    doc.mentions.sort_by_key(|m| m.span.start);
    Coder::new().unwrap().run(&mut doc).unwrap();
    assert!(has(&doc.events, "RUS", "IRN", "072"), "{:#?}", doc.events);
}

proptest::proptest! {
    /// Messy text and odd mention spans never panic, and every event's spans fit the text.
    #[test]
    fn never_panics_on_messy_text(text in "\\PC{0,200}", cuts in proptest::collection::vec((0usize..220, 0usize..12), 0..6)) {
        let mut doc = Document::new("prop", text.clone());
        doc.sentences = sitrep_text::split_sentences(&text);
        for (i, (at, len)) in cuts.into_iter().enumerate() {
            let start = (0..=at.min(text.len())).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
            let end = (start + len).min(text.len());
            let end = (end..=text.len()).find(|&k| text.is_char_boundary(k)).unwrap_or(text.len());
            doc.entities.push(Entity {
                actor: Actor { name: format!("A{i}"), kind: ActorKind::Country, country: None, role: None, code: format!("C{i}") },
                rule: "prop".into(),
                flags: vec![],
            });
            doc.mentions.push(Mention { span: Span::new(start, end), text: text[start..end].to_string(), entity: i as u32, rule: "prop".into() });
        }
        doc.mentions.sort_by_key(|m| m.span.start);
        Coder::new().unwrap().run(&mut doc).unwrap();
        for e in &doc.events {
            proptest::prop_assert!(e.trigger.end() <= text.len() && e.evidence.end() <= text.len());
        }
    }

    /// Random sentences built from lexicon words and actors never panic either.
    #[test]
    fn never_panics_on_word_salad(words in proptest::collection::vec(proptest::sample::select(vec![
        "Russia", "Iran", "provided", "to", "with", "by", "was", "supplied", "and", "the", "not", "said",
        "that", "denied", "likely", "will", "missiles", ",", ".", "'s", "Moscow", "from", "received", "if",
    ]), 0..30)) {
        let text = words.join(" ");
        let _ = code(&text);
    }
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let ev = code("Moscow received missiles from Iran and fired the missiles at Ukraine.");
    assert!(has(&ev, "IRN", "RUS", "072"), "{ev:#?}");
    assert!(has(&ev, "RUS", "UKR", "195"), "{ev:#?}");
}

#[test]
fn infinitive_delivery_takes_the_goods_origin_as_source() {
    let text = "Smith saw trains travelling to deliver Iranian drones to Russia.";
    let mut doc = doc_with(text, ACTORS);
    let at = text.find("Iranian").unwrap();
    doc.mentions.push(Mention {
        span: Span::new(at, at + 7),
        text: "Iranian".into(),
        entity: doc
            .entities
            .iter()
            .position(|e| e.actor.code == "IRN")
            .unwrap() as u32,
        rule: "test".into(),
    });
    doc.mentions.sort_by_key(|m| m.span.start);
    Coder::new().unwrap().run(&mut doc).unwrap();
    assert!(has(&doc.events, "IRN", "RUS", "072"), "{:#?}", doc.events);
    assert!(
        !has(&doc.events, "USAGOV", "RUS", "072"),
        "{:#?}",
        doc.events
    );
}

/// Asserts that `text` yields an event `src -> tgt` with a code of PLOVER type `plover`.
fn has_type(text: &str, src: &str, tgt: &str, plover: &str) {
    let ev = code(text);
    let found = ev.iter().any(|e| {
        let (s, t, _) = triple(e);
        s == src && t == tgt && e.plover == plover
    });
    assert!(
        found,
        "{text}: {:#?}",
        ev.iter().map(triple).collect::<Vec<_>>()
    );
}

#[test]
fn general_pattern_families() {
    has_type(
        "Japan and Iran agreed on a new fisheries pact.",
        "JPN",
        "IRN",
        "AGREE",
    );
    has_type(
        "Smith insisted that Pyongyang must close the site.",
        "USAGOV",
        "PRK",
        "REQUEST",
    );
    has_type(
        "Japan flatly rejected the latest proposal from Iran.",
        "JPN",
        "IRN",
        "REJECT",
    );
    has_type(
        "Petrov threatened Japan with tough countermeasures.",
        "RUSGOV",
        "JPN",
        "THREATEN",
    );
    has_type(
        "Washington recalled its ambassador and cut ties with Iran.",
        "USA",
        "IRN",
        "SANCTION",
    );
    has_type(
        "Ukraine released twelve prisoners of war to Russia.",
        "UKR",
        "-",
        "RETREAT",
    );
    has_type(
        "Japan held a second round of talks with Iran.",
        "JPN",
        "IRN",
        "CONSULT",
    );
    has_type(
        "Smith voiced strong support for Ukraine.",
        "USAGOV",
        "UKR",
        "SUPPORT",
    );
    has_type(
        "Moscow's artillery shelled Ukraine overnight.",
        "RUS",
        "UKR",
        "ASSAULT",
    );
    has_type(
        "Japan staged mass demonstrations against Iran.",
        "JPN",
        "IRN",
        "PROTEST",
    );
}

#[test]
fn quantities_before_a_target_are_skipped() {
    let ev = code("Iran has arrested at least twenty Russia nationals this year.");
    assert!(has(&ev, "IRN", "RUS", "173"), "{ev:#?}");
}

#[test]
fn pronoun_after_speech_stands_for_the_speaker() {
    let ev = code("Japan said on Monday it would meet Iran soon.");
    let e = ev.iter().find(|e| e.cameo == "040").expect("a meeting");
    assert_eq!(triple(e), ("JPN".into(), "IRN".into(), "040".into()));
    // Reported "would" is the reported "will": a plan, not a condition.
    assert_eq!(e.modality, Modality::Planned);
    let ev = code("Japan said it would meet Iran if the talks resume.");
    let e = ev.iter().find(|e| e.cameo == "040").expect("a meeting");
    assert_eq!(e.modality, Modality::Hypothetical);
}

#[test]
fn adjectival_actor_heads_a_subject_without_another_actor() {
    let mut actors = ACTORS.to_vec();
    actors.push(("Russian", "RUS", "Russia"));
    let mut doc = doc_with("Russian tanks fired on Ukraine.", &actors);
    Coder::new().unwrap().run(&mut doc).unwrap();
    let ev = doc.events;
    assert!(has(&ev, "RUS", "UKR", "193"), "{ev:#?}");
}

#[test]
fn a_subject_that_is_no_actor_still_gives_the_target() {
    let ev = code("A roadside bomb killed two Japan soldiers on Sunday.");
    assert!(has(&ev, "-", "JPN", "1823"), "{ev:#?}");
}

#[test]
fn an_intent_to_use_force_is_no_cooperation() {
    let ev = code("Petrov vowed to attack Ukraine.");
    assert!(!ev.iter().any(|e| e.root == "03"), "{ev:#?}");
    let e = ev.iter().find(|e| e.root == "19").expect("the attack");
    assert_eq!(e.modality, Modality::Planned);
}

#[test]
fn purpose_infinitive_without_target_is_no_event() {
    let ev = code("Pyongyang shipped shells to Moscow to support its war.");
    assert!(has(&ev, "PRK", "RUS", "072"), "{ev:#?}");
    assert!(!ev.iter().any(|e| e.root == "05"), "{ev:#?}");
}

#[test]
fn gaps_do_not_cross_partner_prepositions() {
    let ev = code("North Korea is fighting alongside Russia.");
    assert!(!has(&ev, "PRK", "RUS", "190"), "{ev:#?}");
}

#[test]
fn plural_noun_before_a_past_form_makes_it_a_verb() {
    let ev = code("Washington and its allies condemned Iran.");
    assert!(has(&ev, "USA", "IRN", "111"), "{ev:#?}");
}

#[test]
fn passive_of_a_gapped_pattern_takes_the_by_phrase() {
    let ev = code("Ukraine was heavily shelled overnight by Russia.");
    assert!(has(&ev, "RUS", "UKR", "194"), "{ev:#?}");
    let ev = code("Ukraine was shelled near Japan.");
    assert!(!has(&ev, "UKR", "JPN", "194"), "{ev:#?}");
}

#[test]
fn a_refused_cooperative_act_is_a_rejection() {
    let ev = code("Japan will not negotiate with Iran.");
    let e = ev.iter().find(|e| e.root == "12").expect("a rejection");
    assert_eq!(triple(e), ("JPN".into(), "IRN".into(), "125".into()));
    assert_eq!(e.modality, Modality::Asserted);
    // A demonstration of capability is no protest.
    let ev = code("North Korea demonstrated its new capabilities.");
    assert!(!ev.iter().any(|e| e.root == "14"), "{ev:#?}");
}

#[test]
fn the_actor_after_a_head_noun_of_is_the_target() {
    let ev = code("Iran killed the deputy commander of Japan in a raid.");
    assert!(has(&ev, "IRN", "JPN", "1823"), "{ev:#?}");
}

/// True when some event with this code has this source.
fn coded_by(events: &[Event], cameo: &str, source: &str) -> bool {
    events
        .iter()
        .any(|e| e.cameo == cameo && e.source.as_ref().is_some_and(|s| s.code == source))
}

#[test]
fn participle_with_a_complement_after_a_noun_is_a_verb() {
    let ev = code("Japan issued a statement demanding that Russia leave.");
    assert!(has(&ev, "JPN", "RUS", "100"), "{ev:#?}");
}

#[test]
fn title_words_before_a_named_target() {
    let ev = code("Japan ordered former minister Petrov to testify.");
    assert!(ev
        .iter()
        .any(|e| e.cameo == "100" && e.target.as_ref().is_some_and(|t| t.code == "RUSGOV")));
}

#[test]
fn an_infinitive_does_not_outrank_its_clause_verb() {
    // The rejection, not the disarmament it was asked for.
    let ev = code("Iran dismissed an appeal from Japan to lay down its arms.");
    assert!(ev.iter().any(|e| e.cameo == "120"), "{ev:#?}");
    assert!(!ev.iter().any(|e| e.cameo == "0873"), "{ev:#?}");
}

#[test]
fn the_actor_of_a_collective_is_the_subject() {
    let ev = code("A group of Iran students staged a hunger strike against Japan.");
    assert!(coded_by(&ev, "142", "IRN"), "{ev:#?}");
}

#[test]
fn passive_target_inside_the_subject_phrase() {
    let ev = code("A camp for Ukraine refugees was attacked by Russia on Monday.");
    assert!(has(&ev, "RUS", "UKR", "190"), "{ev:#?}");
}

#[test]
fn withdrawn_peacekeepers_and_inspectors_are_sanctions() {
    let ev = code("Japan withdrew its peacekeeping force from Ukraine.");
    assert!(has(&ev, "JPN", "UKR", "1661"), "{ev:#?}");
    let ev = code("Japan withdrew weapons inspectors from Iran.");
    assert!(has(&ev, "JPN", "IRN", "1662"), "{ev:#?}");
    let ev = code("Japan withdrew its troops from Ukraine.");
    assert!(has(&ev, "JPN", "UKR", "087"), "{ev:#?}");
}

#[test]
fn sworn_intent_is_planned() {
    let ev = code("Iran has sworn to attack Japan.");
    let e = ev.iter().find(|e| e.root == "19").expect("attack");
    assert_eq!(e.modality, Modality::Planned, "{ev:#?}");
}

#[test]
fn lexicon_rows_for_news_english() {
    for (text, s, t, cameo) in [
        ("Russia wounded two Ukraine soldiers.", "RUS", "UKR", "180"),
        (
            "Iran opened its border crossings on Monday to Ukraine refugees.",
            "IRN",
            "UKR",
            "075",
        ),
        (
            "Japan banned Petrov from travelling.",
            "JPN",
            "RUSGOV",
            "172",
        ),
        (
            "Japan suspended air links with Russia.",
            "JPN",
            "RUS",
            "161",
        ),
        (
            "Russia sent experts to Iran on Friday to investigate the blast.",
            "RUS",
            "IRN",
            "090",
        ),
        (
            "Japan lodged a formal protest with Russia.",
            "JPN",
            "RUS",
            "114",
        ),
        (
            "Japan pulled its troops out of Ukraine.",
            "JPN",
            "UKR",
            "087",
        ),
        ("Japan closed its border with Russia.", "JPN", "RUS", "191"),
        ("Japan accepted Russia's demands.", "JPN", "RUS", "083"),
        ("Japan let aid convoys into Ukraine.", "JPN", "UKR", "0863"),
        ("Japan has retaken Ukraine.", "JPN", "UKR", "190"),
        (
            "Japan pledged humanitarian aid to Ukraine.",
            "JPN",
            "UKR",
            "0333",
        ),
    ] {
        let ev = code(text);
        assert!(has(&ev, s, t, cameo), "{text}: {ev:#?}");
    }
    for (text, cameo) in [
        ("Japan repealed the ban on rallies.", "081"),
        ("Iran said it would not accept more refugees.", "122"),
    ] {
        let ev = code(text);
        assert!(ev.iter().any(|e| e.cameo == cameo), "{text}: {ev:#?}");
    }
}

#[test]
fn an_adjectival_actor_heads_a_slot_with_no_actor_proper() {
    let mut doc = doc_with(
        "Japan granted asylum to the Iranian dissident.",
        &[("Japan", "JPN", "Japan"), ("Iranian", "IRN", "Iran")],
    );
    Coder::new().unwrap().run(&mut doc).unwrap();
    // A literal word ("asylum") beats an object slot of the same length, too.
    assert!(has(&doc.events, "JPN", "IRN", "075"), "{:#?}", doc.events);
}

#[test]
fn a_verb_after_but_and_an_auxiliary_shares_the_subject() {
    let ev = code("Japan reopened its ports, but was still refusing entry to Iran refugees.");
    assert!(coded_by(&ev, "120", "JPN"), "{ev:#?}");
}

/// Groups wire copy names as actors (`surface=code;`), added to `ACTORS` for the breadth
/// fixtures.
const GROUPS: &str = "protesters=OPP;police=COP;rebels=REB;students=EDU;workers=LAB;\
                      journalists=JRN;civilians=CVL;the opposition=OPN";

fn with_groups(text: &str) -> Document {
    let groups = GROUPS
        .split(';')
        .filter_map(|g| g.split_once('='))
        .map(|(surface, code)| (surface, code, surface));
    let actors: Vec<_> = ACTORS.iter().copied().chain(groups).collect();
    doc_with(text, &actors)
}

/// Whether an event is of the wanted kind: a CAMEO code, or a PLOVER type where a planned
/// cooperative act (roots 04-08) is AGREE and a planned conflictual one (14-20) THREATEN.
fn of_kind(e: &Event, want: &str) -> bool {
    if want.starts_with(|c: char| c.is_ascii_digit()) {
        return e.cameo == want;
    }
    if e.modality != Modality::Planned {
        return e.plover == want;
    }
    let root = e.root.as_str();
    match want {
        "AGREE" => ("04".."09").contains(&root) || e.plover == want,
        "THREATEN" => root >= "14" || e.plover == want,
        _ => e.plover == want && !("04".."09").contains(&root) && root < "14",
    }
}

/// Sentences a wire reporter writes for each CAMEO category (fixtures/breadth.tsv).
#[test]
fn lexicon_breadth_fixtures() {
    let coder = Coder::new().unwrap();
    let (mut failures, mut checked) = (vec![], 0);
    let fixtures = include_str!("../fixtures/breadth.tsv");
    for line in fixtures
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, s, t, want] = cols[..] else {
            panic!("bad fixture line {line:?}");
        };
        checked += 1;
        let mut doc = with_groups(text);
        coder.run(&mut doc).unwrap();
        let found = doc.events.iter().any(|e| {
            let (src, tgt, _) = triple(e);
            src == s && tgt == t && of_kind(e, want)
        });
        if !found {
            let got: Vec<String> = doc
                .events
                .iter()
                .map(|e| format!("{:?} {:?} {}", triple(e), e.modality, e.rule))
                .collect();
            failures.push(format!("{line}\n    got {got:?}"));
        }
    }
    assert!(checked > 150, "only {checked} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn protests_a_deed_sparks_are_not_the_doers() {
    let mut doc = with_groups("Russia's decision sparked protests.");
    Coder::new().unwrap().run(&mut doc).unwrap();
    assert!(
        doc.events.iter().all(|e| e.root != "14"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn an_option_under_consideration_is_hypothetical() {
    let ev = code("Japan is considering lifting sanctions on Russia.");
    let e = ev.iter().find(|e| e.cameo == "085").expect("easing");
    assert_eq!(e.modality, Modality::Hypothetical, "{ev:#?}");
    let ev = code("Japan signalled it would lift sanctions on Russia.");
    let e = ev.iter().find(|e| e.cameo == "085").expect("easing");
    assert_eq!(e.modality, Modality::Planned, "{ev:#?}");
}

/// Iranian groups with agent codes, as the actor stage gives them.
const IRANIAN_GROUPS: &[(&str, &str, &str)] = &[
    ("protesters", "IRNOPP", "Iranian protesters"),
    ("police", "IRNCOP", "Iranian police"),
    ("rebels", "IRNREB", "Iranian rebels"),
];

/// Whether the sentence, with the Iranian groups as actors, codes `cameo` from `source`.
fn groups_code(text: &str, source: &str, cameo: &str) -> Result<(), String> {
    let mut doc = doc_with(text, IRANIAN_GROUPS);
    Coder::new().unwrap().run(&mut doc).unwrap();
    let found = doc
        .events
        .iter()
        .any(|e| e.cameo == cameo && e.source.as_ref().is_some_and(|s| s.code == source));
    if found {
        Ok(())
    } else {
        Err(format!("{text}: {:#?}", doc.events))
    }
}

#[test]
fn violence_by_a_crowd_is_a_violent_protest() {
    for (text, source, cameo) in [
        ("Angry protesters clashed with police.", "IRNOPP", "145"),
        (
            "Angry protesters set fire to the town hall.",
            "IRNOPP",
            "145",
        ),
        ("The rebels clashed with police.", "IRNREB", "190"),
    ] {
        groups_code(text, source, cameo).unwrap();
    }
}

#[test]
fn a_sentence_initial_word_before_an_actor_modifies_it() {
    for (text, source, cameo) in [
        ("Armed rebels attacked the police.", "IRNREB", "190"),
        ("Riot police dispersed protesters.", "IRNCOP", "175"),
        ("Striking protesters blocked the road.", "IRNOPP", "144"),
    ] {
        groups_code(text, source, cameo).unwrap();
    }
}

#[test]
fn no_intention_negates_the_act() {
    let ev = code("Japan said it had no intention of attacking Russia.");
    assert!(
        ev.iter()
            .all(|e| e.root != "19" || e.modality == Modality::Negated),
        "{ev:#?}"
    );
}

#[test]
fn compounds_with_titles_and_caption_notes() {
    // A two-word demonym and a title before the first member of a compound.
    let ev = code("A summit between Russian deputy minister Petrov and envoy Smith took place.");
    assert!(has(&ev, "RUSGOV", "USAGOV", "040"), "{ev:#?}");
    assert!(has(&ev, "USAGOV", "RUSGOV", "040"), "{ev:#?}");
    // A photo caption's position note stands between the members.
    let ev = code("Petrov (left) and Smith hold talks in a hotel.");
    assert!(has(&ev, "RUSGOV", "USAGOV", "040"), "{ev:#?}");
}

#[test]
fn being_under_sanctions_names_the_sanctioner_and_the_target() {
    let ev = code("Iran has long been under Washington sanctions.");
    assert!(has(&ev, "USA", "IRN", "163"), "{ev:#?}");
    assert!(code("Japan was under pressure at the talks.")
        .iter()
        .all(|e| e.cameo != "163"));
}

#[test]
fn insisting_is_a_demand_only_before_a_bare_verb() {
    let ev = code("Japan insisted Russia withdraw its troops.");
    assert!(has(&ev, "JPN", "RUS", "100"), "{ev:#?}");
    let ev = code("Japan insisted Iran was not involved in the attack.");
    assert!(!ev.iter().any(|e| e.cameo == "100"), "{ev:#?}");
}
