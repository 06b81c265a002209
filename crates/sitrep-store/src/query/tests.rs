use super::*;
use sitrep_model::{
    Actor, ActorKind, ActorRef, DateValue, Document, Entity, EventDate, EventRef, Precision,
    PublishedDate, Quote, QuoteKind, Span,
};

fn actor(code: &str, name: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        name: name.into(),
        entity: None,
        span: Span::new(0, 3),
    }
}

fn entity(code: &str, name: &str, kind: ActorKind) -> Entity {
    Entity {
        actor: Actor {
            name: name.into(),
            kind,
            country: None,
            role: None,
            code: code.into(),
        },
        rule: "test:1".into(),
        flags: vec![],
    }
}

struct Ev<'a> {
    source: (&'a str, &'a str),
    target: (&'a str, &'a str),
    cameo: &'a str,
    plover: &'a str,
    quad: u8,
    modality: Modality,
    claimant: Option<(&'a str, &'a str)>,
    date: Option<&'a str>,
}

fn event(e: Ev<'_>, text: &str) -> Event {
    Event {
        source: Some(actor(e.source.0, e.source.1)),
        target: Some(actor(e.target.0, e.target.1)),
        cameo: e.cameo.into(),
        root: e.cameo[..2].into(),
        quad_class: e.quad,
        goldstein: 1.0,
        plover: e.plover.into(),
        object: None,
        modality: e.modality,
        claimant: e.claimant.map(|(c, n)| actor(c, n)),
        date: e.date.map(|d| EventDate {
            date: DateValue {
                value: d.into(),
                precision: Precision::Day,
            },
            from: "clause".into(),
        }),
        place: None,
        sentence: 0,
        trigger: Span::new(0, 1),
        evidence: Span::new(0, text.len()),
        evidence_text: text.into(),
        rule: "verbs.tsv:7".into(),
        confidence: 0.9,
        denies: None,
    }
}

fn doc(id: &str, outlet: Option<&str>, published: Option<&str>, text: &str) -> Document {
    let mut d = Document::new(format!("{id}.txt"), text);
    d.id = id.into();
    d.title = Some(format!("Headline {id}"));
    d.outlet = outlet.map(str::to_string);
    d.published = published.map(|p| PublishedDate {
        date: DateValue {
            value: p.into(),
            precision: Precision::Day,
        },
        origin: "test".into(),
    });
    d
}

fn fact(id: &str, ev: &Event, events: &[(&str, u32)], contested: bool, seen: &str) -> Fact {
    let (s, t) = (ev.source.clone().unwrap(), ev.target.clone().unwrap());
    Fact {
        id: id.into(),
        source: s.code,
        source_name: s.name,
        target: t.code,
        target_name: t.name,
        root: ev.root.clone(),
        cameo: ev.cameo.clone(),
        plover: ev.plover.clone(),
        quad_class: ev.quad_class,
        label: "label".into(),
        objects: vec![],
        mentions: events.len() as u32,
        documents: 1,
        outlets: 1,
        origins: 1,
        asserted_by: vec![],
        hedged_by: vec![],
        denied_by: vec![],
        contested,
        first_seen: Some(seen.into()),
        last_seen: Some(seen.into()),
        events: events
            .iter()
            .map(|(d, i)| EventRef {
                doc: d.to_string(),
                event: *i,
            })
            .collect(),
    }
}

/// Three hand-written articles: a claimed supply and its denial, an accusation with a
/// quote, and an undated hedged agreement from an unnamed outlet.
fn store() -> Store {
    let mut store = Store::in_memory().unwrap();
    fill(&mut store);
    store
}

/// Writes the three articles of [`store`] and their facts into `store`.
pub(crate) fn fill(store: &mut Store) {
    let mut a = doc(
        "a",
        Some("Meridian Times"),
        Some("2024-03-05"),
        "Officials said Pyongyang shipped shells to Moscow. The Kremlin denied receiving shells.",
    );
    a.entities = vec![
        entity("PRK", "North Korea", ActorKind::Country),
        entity("RUS", "Russia", ActorKind::Country),
        entity("RUSGOV", "Kremlin", ActorKind::Organisation),
        entity("USAGOV", "John Kirby", ActorKind::Person),
    ];
    let supply = Ev {
        source: ("PRK", "North Korea"),
        target: ("RUS", "Russia"),
        cameo: "072",
        plover: "AID",
        quad: 2,
        modality: Modality::Claimed,
        claimant: Some(("USAGOV", "John Kirby")),
        date: Some("2024-02-10"),
    };
    a.events.push(event(
        supply,
        "Officials said Pyongyang shipped shells to Moscow.",
    ));
    let denial = Ev {
        modality: Modality::Denied,
        claimant: Some(("RUSGOV", "Kremlin")),
        date: None,
        ..supply_like()
    };
    a.events
        .push(event(denial, "The Kremlin denied receiving shells."));

    let mut b = doc(
        "b",
        Some("Harbor Post"),
        Some("2024-06-01"),
        "Washington accused Pyongyang. \"We will not tolerate these transfers,\" Kirby said.",
    );
    b.entities = vec![
        entity("USA", "United States", ActorKind::Country),
        entity("PRK", "North Korea", ActorKind::Country),
        entity("USAGOV", "John Kirby", ActorKind::Person),
    ];
    b.quotes.push(Quote {
        span: Span::new(31, 70),
        text: "We will not tolerate these transfers,".into(),
        kind: QuoteKind::Direct,
        speaker: Some(2),
        speaker_name: Some("Kirby".into()),
        cue: None,
    });
    let accuse = Ev {
        source: ("USA", "United States"),
        target: ("PRK", "North Korea"),
        cameo: "112",
        plover: "ACCUSE",
        quad: 3,
        modality: Modality::Asserted,
        claimant: None,
        date: Some("2024-05-30"),
    };
    b.events
        .push(event(accuse, "Washington accused Pyongyang."));

    let mut c = doc("c", None, None, "Tehran may sign a pact with Moscow.");
    c.entities = vec![entity("IRN", "Iran", ActorKind::Country)];
    let agree = Ev {
        source: ("IRN", "Iran"),
        target: ("RUS", "Russia"),
        cameo: "057",
        plover: "AGREE",
        quad: 1,
        modality: Modality::Hedged,
        claimant: None,
        date: None,
    };
    c.events
        .push(event(agree, "Tehran may sign a pact with Moscow."));

    store
        .insert_documents(&[a.clone(), b.clone(), c.clone()])
        .unwrap();
    let facts = vec![
        fact(
            "f1",
            &a.events[0],
            &[("a", 0), ("a", 1)],
            true,
            "2024-02-10",
        ),
        fact("f2", &b.events[0], &[("b", 0)], false, "2024-05-30"),
        fact("f3", &c.events[0], &[("c", 0)], false, "2023-01-01"),
    ];
    store.replace_facts(&facts).unwrap();
}

fn supply_like() -> Ev<'static> {
    Ev {
        source: ("PRK", "North Korea"),
        target: ("RUS", "Russia"),
        cameo: "072",
        plover: "AID",
        quad: 2,
        modality: Modality::Asserted,
        claimant: None,
        date: None,
    }
}

fn filter(input: FilterInput) -> Filter {
    input.parse().unwrap()
}

fn input() -> FilterInput {
    FilterInput::default()
}

fn event_keys(store: &Store, f: &Filter) -> Vec<String> {
    let page = store.query_events(f).unwrap();
    page.items
        .iter()
        .map(|h| format!("{}{}", h.doc, h.index))
        .collect()
}

fn fact_ids(store: &Store, f: &Filter) -> Vec<String> {
    store
        .query_facts(f)
        .unwrap()
        .items
        .into_iter()
        .map(|f| f.id)
        .collect()
}

#[test]
fn filters_reject_bad_input_with_reasons() {
    let bad = |i: FilterInput| i.parse().unwrap_err();
    assert!(matches!(
        bad(FilterInput {
            from: Some("2024-13".into()),
            ..input()
        }),
        FilterError::BadDate(_)
    ));
    assert!(matches!(
        bad(FilterInput {
            to: Some("2023-02-29".into()),
            ..input()
        }),
        FilterError::BadDate(_)
    ));
    assert!(matches!(
        bad(FilterInput {
            limit: Some("501".into()),
            ..input()
        }),
        FilterError::LimitTooLarge(501)
    ));
    assert!(matches!(
        bad(FilterInput {
            modality: Some("maybe".into()),
            ..input()
        }),
        FilterError::UnknownModality(_)
    ));
    assert!(matches!(
        bad(FilterInput {
            category: Some("25".into()),
            ..input()
        }),
        FilterError::BadCategory(_)
    ));
    assert!(matches!(
        bad(FilterInput {
            from: Some("2024-05".into()),
            to: Some("2024-04-30".into()),
            ..input()
        }),
        FilterError::EmptyRange { .. }
    ));
    let ok = filter(FilterInput {
        from: Some("2024-02-29".into()),
        to: Some("2024-02".into()),
        category: Some("7".into()),
        modality: Some("Denied".into()),
        ..input()
    });
    assert_eq!(ok.category, Some(Category::Cameo("07".into())));
    assert_eq!(ok.modality, Some(Modality::Denied));
}

#[test]
fn actor_matches_source_target_claimant_and_aliases() {
    let s = store();
    let by = |a: &str| {
        event_keys(
            &s,
            &filter(FilterInput {
                actor: Some(a.into()),
                ..input()
            }),
        )
    };
    assert_eq!(by("north korea"), ["a0", "a1", "b0"]);
    assert_eq!(by("PRK"), by("North Korea"));
    assert_eq!(by("john kirby"), ["a0"]);
    assert_eq!(by("kremlin"), ["a1"]);
    // A country code takes in the country's agents: RUSGOV claims the denial.
    assert_eq!(by("rus"), ["a0", "a1", "c0"]);
    assert!(by("atlantis").is_empty());
}

#[test]
fn a_person_does_not_stand_for_everyone_with_the_same_code() {
    let mut s = Store::in_memory().unwrap();
    let mut d = doc(
        "p",
        Some("Harbor Post"),
        Some("2024-06-01"),
        "Officials met.",
    );
    d.entities = vec![
        entity("USAGOV", "John Kirby", ActorKind::Person),
        entity("USAGOV", "White House", ActorKind::Organisation),
        entity("PRK", "North Korea", ActorKind::Country),
    ];
    for who in ["John Kirby", "White House"] {
        let e = Ev {
            source: ("USAGOV", who),
            target: ("PRK", "North Korea"),
            cameo: "112",
            plover: "ACCUSE",
            quad: 3,
            modality: Modality::Asserted,
            claimant: None,
            date: None,
        };
        d.events.push(event(e, "Officials met."));
    }
    s.insert_documents(&[d]).unwrap();
    let by = |a: &str| {
        event_keys(
            &s,
            &filter(FilterInput {
                actor: Some(a.into()),
                ..input()
            }),
        )
    };
    assert_eq!(by("john kirby"), ["p0"]);
    assert_eq!(by("white house"), ["p0", "p1"]);
    assert_eq!(by("usagov"), ["p0", "p1"]);
}

#[test]
fn category_modality_outlet_and_contested_filter_events() {
    let s = store();
    let by = |i: FilterInput| event_keys(&s, &filter(i));
    assert_eq!(
        by(FilterInput {
            category: Some("07".into()),
            ..input()
        }),
        ["a0", "a1"]
    );
    assert_eq!(
        by(FilterInput {
            category: Some("aid".into()),
            ..input()
        }),
        ["a0", "a1"]
    );
    assert_eq!(
        by(FilterInput {
            category: Some("112".into()),
            ..input()
        }),
        ["b0"]
    );
    assert_eq!(
        by(FilterInput {
            modality: Some("denied".into()),
            ..input()
        }),
        ["a1"]
    );
    assert_eq!(
        by(FilterInput {
            outlet: Some("HARBOR".into()),
            ..input()
        }),
        ["b0"]
    );
    assert_eq!(
        by(FilterInput {
            contested: Some("true".into()),
            ..input()
        }),
        ["a0", "a1"]
    );
    assert_eq!(
        by(FilterInput {
            contested: Some("no".into()),
            ..input()
        }),
        ["b0", "c0"]
    );
}

#[test]
fn date_range_uses_event_date_then_publication_date() {
    let s = store();
    let by = |from: Option<&str>, to: Option<&str>| {
        event_keys(
            &s,
            &filter(FilterInput {
                from: from.map(str::to_string),
                to: to.map(str::to_string),
                ..input()
            }),
        )
    };
    assert_eq!(by(Some("2024-05"), None), ["b0"]);
    assert_eq!(by(None, Some("2024-03")), ["a0", "a1"]);
    assert_eq!(by(Some("2024-02-11"), Some("2024-03-05")), ["a1"]);
}

#[test]
fn pages_are_stable_and_counted() {
    let s = store();
    let all = event_keys(&s, &Filter::default());
    assert_eq!(all, ["a0", "a1", "b0", "c0"]);
    let f = filter(FilterInput {
        limit: Some("2".into()),
        offset: Some("1".into()),
        ..input()
    });
    let page = s.query_events(&f).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].doc, "a");
    assert_eq!(page.items[0].index, 1);
    assert_eq!(page.items[0].fact.as_deref(), Some("f1"));
    assert_eq!(page.items[0].outlet.as_deref(), Some("Meridian Times"));
    for (limit, offset) in [("0", "0"), ("2", "9")] {
        let f = filter(FilterInput {
            limit: Some(limit.into()),
            offset: Some(offset.into()),
            ..input()
        });
        let events = s.query_events(&f).unwrap();
        assert_eq!((events.total, events.items.len()), (4, 0));
        assert_eq!(s.query_facts(&f).unwrap().total, 3);
        assert_eq!(s.search("moscow", &f).unwrap().total, 2);
    }
}

#[test]
fn facts_filter_through_their_support() {
    let s = store();
    let by = |i: FilterInput| fact_ids(&s, &filter(i));
    assert_eq!(by(input()), ["f1", "f2", "f3"]);
    assert_eq!(
        by(FilterInput {
            actor: Some("Kremlin".into()),
            ..input()
        }),
        ["f1"]
    );
    assert_eq!(
        by(FilterInput {
            actor: Some("prk".into()),
            ..input()
        }),
        ["f1", "f2"]
    );
    assert_eq!(
        by(FilterInput {
            modality: Some("denied".into()),
            ..input()
        }),
        ["f1"]
    );
    assert_eq!(
        by(FilterInput {
            outlet: Some("harbor post".into()),
            ..input()
        }),
        ["f2"]
    );
    assert_eq!(
        by(FilterInput {
            contested: Some("1".into()),
            ..input()
        }),
        ["f1"]
    );
    assert_eq!(
        by(FilterInput {
            category: Some("ACCUSE".into()),
            ..input()
        }),
        ["f2"]
    );
    assert_eq!(
        by(FilterInput {
            from: Some("2024".into()),
            ..input()
        }),
        ["f1", "f2"]
    );
    assert_eq!(
        by(FilterInput {
            sort: Some("date".into()),
            ..input()
        }),
        ["f3", "f1", "f2"]
    );
}

#[test]
fn fact_detail_puts_denials_beside_assertions() {
    let s = store();
    let d = s.fact_detail("f1").unwrap().unwrap();
    assert_eq!(d.assertions.len(), 1);
    assert_eq!(d.denials.len(), 1);
    assert_eq!(
        d.denials[0].event.claimant.as_ref().unwrap().name,
        "Kremlin"
    );
    assert_eq!(d.assertions[0].event.rule, "verbs.tsv:7");
    assert!(s.fact_detail("nope").unwrap().is_none());
}

#[test]
fn actors_count_documents_and_roles() {
    let s = store();
    let page = s.query_actors(&Filter::default()).unwrap();
    assert_eq!(page.total, 6);
    let prk = &page.items[0];
    assert_eq!(
        (
            prk.name.as_str(),
            prk.documents,
            prk.as_source,
            prk.as_target
        ),
        ("John Kirby", 2, 0, 0)
    );
    let korea = page.items.iter().find(|a| a.code == "PRK").unwrap();
    assert_eq!(
        (korea.documents, korea.as_source, korea.as_target),
        (2, 2, 1)
    );
    let kirby = filter(FilterInput {
        actor: Some("kirb".into()),
        ..input()
    });
    let page = s.query_actors(&kirby).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].as_claimant, 1);
}

#[test]
fn network_sums_facts_by_kind() {
    let s = store();
    let edges = s.network(&Filter::default()).unwrap();
    assert_eq!(edges.len(), 3);
    let e = edges.iter().find(|e| e.source == "USA").unwrap();
    assert_eq!((e.kind.as_str(), e.facts), ("conflict", 1));
    let e = edges.iter().find(|e| e.source == "PRK").unwrap();
    assert_eq!((e.kind.as_str(), e.contested), ("cooperation", 1));
}

#[test]
fn search_finds_documents_and_quotes() {
    let s = store();
    let page = s.search("shells", &Filter::default()).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].doc, "a");
    assert!(
        page.items[0].snippet.contains("[[shells]]"),
        "{}",
        page.items[0].snippet
    );
    let page = s.search("tolerate", &Filter::default()).unwrap();
    let kinds: Vec<_> = page.items.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"quote") && kinds.contains(&"document"));
    let quote = page.items.iter().find(|h| h.kind == "quote").unwrap();
    assert_eq!(quote.speaker.as_deref(), Some("John Kirby"));
    let iran = filter(FilterInput {
        actor: Some("iran".into()),
        ..input()
    });
    assert_eq!(s.search("moscow", &iran).unwrap().items.len(), 1);
    assert_eq!(s.search("mosc*", &Filter::default()).unwrap().total, 2);
    assert_eq!(
        s.search("tehran OR washington", &Filter::default())
            .unwrap()
            .total,
        2
    );
}

#[test]
fn search_text_is_never_a_syntax_error() {
    assert_eq!(
        fts_query("shells \"to Moscow").unwrap(),
        "\"shells\" \"to Moscow\""
    );
    assert_eq!(fts_query("OR a OR OR b OR").unwrap(), "\"a\" OR \"b\"");
    assert_eq!(fts_query("NEAR( x:y").unwrap(), "\"NEAR(\" \"x:y\"");
    assert_eq!(fts_query(" \" - ( "), Err(FilterError::EmptySearch));
    let s = store();
    for q in ["a\"b", "col:umn", "^start", "x AND", "shells*", "* NOT"] {
        s.search(q, &Filter::default()).unwrap();
    }
    assert!(matches!(
        s.search("(((", &Filter::default()),
        Err(QueryError::Filter(FilterError::EmptySearch))
    ));
}

#[test]
fn read_only_store_reads_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    {
        let mut rw = Store::open(&path).unwrap();
        rw.insert_documents(&[doc("z", Some("Wire"), Some("2024-01-01"), "Seoul said so.")])
            .unwrap();
    }
    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.search("seoul", &Filter::default()).unwrap().total, 1);
    assert!(ro
        .insert_documents(&[doc("y", None, None, "More.")])
        .is_err());
}

#[test]
fn interrupt_stops_a_long_query() {
    let s = store();
    let conn = s.sqlite_conn().unwrap();
    let result: Result<i64, QueryError> = crate::tests::interrupted(
        s.interrupt_handle(),
        std::time::Duration::from_millis(50),
        || {
            conn.query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                [],
                |r| r.get(0),
            )
            .ctx("counting forever")
        },
    );
    assert!(matches!(result, Err(QueryError::Interrupted)));
}

#[test]
fn actor_totals_kept_on_insert_agree_with_a_recount() {
    let s = store();
    let kept = s.query_actors(&Filter::default()).unwrap();
    // A date filter forces the recount from `entities`; doc c (Iran) has no date.
    let recount = s
        .query_actors(&filter(FilterInput {
            from: Some("2000".into()),
            ..input()
        }))
        .unwrap();
    let key = |a: &ActorHit| {
        (
            a.name.clone(),
            a.code.clone(),
            a.documents,
            a.mentions,
            a.as_source,
            a.as_target,
            a.as_claimant,
        )
    };
    assert_eq!(recount.total, recount.items.len() as u64);
    let kept: Vec<_> = kept
        .items
        .iter()
        .filter(|a| a.code != "IRN")
        .map(key)
        .collect();
    let recount: Vec<_> = recount.items.iter().map(key).collect();
    assert_eq!(kept, recount);
    let harbor = filter(FilterInput {
        outlet: Some("harbor".into()),
        ..input()
    });
    let names: Vec<_> = s
        .query_actors(&harbor)
        .unwrap()
        .items
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["John Kirby", "North Korea", "United States"]);
}
