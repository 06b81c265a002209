//! Facts merged from hand-built documents and events.

use sitrep_link::{merge_facts, DocInfo};
use sitrep_model::{ActorRef, DateValue, Event, EventDate, EventPlace, Modality, Precision, Span};

fn actor(code: &str, name: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        name: name.into(),
        entity: None,
        span: Span::default(),
    }
}

fn day(value: &str) -> DateValue {
    let precision = match value.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        _ => Precision::Day,
    };
    DateValue {
        value: value.into(),
        precision,
    }
}

fn doc(id: &str, outlet: &str, published: &str, copy_of: Option<&str>) -> DocInfo {
    DocInfo {
        id: id.into(),
        outlet: Some(outlet.into()),
        published: Some(day(published)),
        copy_of: copy_of.map(str::to_string),
    }
}

/// An aid event from `source` to `target`, said by `claimant` with `modality`.
fn supply(
    source: (&str, &str),
    target: (&str, &str),
    claimant: Option<&str>,
    modality: Modality,
    date: Option<&str>,
) -> Event {
    Event {
        source: Some(actor(source.0, source.1)),
        target: Some(actor(target.0, target.1)),
        cameo: "0713".into(),
        root: "07".into(),
        quad_class: 2,
        goldstein: 7.4,
        plover: "AID".into(),
        object: Some("artillery shells".into()),
        modality,
        claimant: claimant.map(|c| actor("USAGOV", c)),
        date: date.map(|d| EventDate {
            date: day(d),
            from: "clause".into(),
        }),
        place: None,
        sentence: 0,
        trigger: Span::default(),
        evidence: Span::default(),
        evidence_text: "Pyongyang shipped shells to Moscow.".into(),
        rule: "test".into(),
        confidence: 0.9,
        denies: None,
    }
}

const PRK: (&str, &str) = ("PRK", "North Korea");
const PRKGOV: (&str, &str) = ("PRKGOV", "North Korean government");
const PRKMIL: (&str, &str) = ("PRKMIL", "Korean People's Army");
const RUS: (&str, &str) = ("RUS", "Russia");

#[test]
fn claimants_and_a_denial_make_one_contested_fact() {
    let docs = vec![
        doc("d1", "Wire A", "2024-03-04", None),
        doc("d2", "Paper B", "2024-03-05", None),
        doc("d3", "Paper C", "2024-03-06", None),
        doc("d4", "Radio D", "2024-03-07", None),
        doc("d5", "Agency E", "2024-03-20", None),
    ];
    let evs = [
        supply(
            PRK,
            RUS,
            Some("John Kirby"),
            Modality::Claimed,
            Some("2024-03-01"),
        ),
        supply(
            PRKGOV,
            RUS,
            Some("Shin Won-sik"),
            Modality::Claimed,
            Some("2024-03-02"),
        ),
        supply(PRKMIL, RUS, None, Modality::Asserted, None),
        supply(
            PRK,
            RUS,
            Some("analysts"),
            Modality::Hedged,
            Some("2024-03"),
        ),
        supply(
            PRK,
            RUS,
            Some("Dmitry Peskov"),
            Modality::Denied,
            Some("2024-03-20"),
        ),
    ];
    let events: Vec<(usize, u32, &Event)> =
        evs.iter().enumerate().map(|(i, e)| (i, 0, e)).collect();
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 1, "{facts:#?}");
    let f = &facts[0];
    assert_eq!(
        (f.source.as_str(), f.source_name.as_str()),
        ("PRK", "North Korea")
    );
    assert_eq!(
        (f.target.as_str(), f.target_name.as_str()),
        ("RUS", "Russia")
    );
    assert_eq!(
        (f.documents, f.mentions, f.outlets, f.origins),
        (4, 4, 4, 4)
    );
    assert_eq!(f.asserted_by, ["John Kirby", "Shin Won-sik", "Paper C"]);
    assert_eq!(f.hedged_by, ["analysts"]);
    assert_eq!(f.denied_by, ["Dmitry Peskov"]);
    assert!(f.contested);
    assert_eq!(f.label, "provide aid");
    assert_eq!(f.objects, ["artillery shells"]);
    assert_eq!(f.events.len(), 5);
    assert_eq!(f.first_seen.as_deref(), Some("2024-03-04"));
    assert_eq!(f.last_seen.as_deref(), Some("2024-03-20"));
}

#[test]
fn syndicated_copy_counts_once_in_origins() {
    let docs = vec![
        doc("wire", "Wire A", "2024-03-04", None),
        doc("copy1", "Paper B", "2024-03-04", Some("wire")),
        doc("copy2", "Paper C", "2024-03-05", Some("copy1")),
        doc("own", "Paper D", "2024-03-06", None),
    ];
    let e = supply(
        PRK,
        RUS,
        Some("John Kirby"),
        Modality::Claimed,
        Some("2024-03-01"),
    );
    let events: Vec<(usize, u32, &Event)> = (0..4).map(|i| (i, 0, &e)).collect();
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 1);
    assert_eq!(
        (facts[0].documents, facts[0].origins, facts[0].outlets),
        (4, 2, 4)
    );
}

#[test]
fn same_kind_months_apart_is_another_fact_and_specific_code_is_kept() {
    let docs = vec![
        doc("a", "Wire A", "2024-01-10", None),
        doc("b", "Wire A", "2024-01-12", None),
        doc("c", "Wire A", "2024-06-01", None),
    ];
    let evs = [
        supply(PRKMIL, RUS, None, Modality::Asserted, Some("2024-01-09")),
        supply(PRKMIL, RUS, None, Modality::Asserted, Some("2024-01-11")),
        supply(PRKMIL, RUS, None, Modality::Asserted, Some("2024-05-30")),
    ];
    let events: Vec<(usize, u32, &Event)> =
        evs.iter().enumerate().map(|(i, e)| (i, 0, e)).collect();
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 2);
    assert_eq!(facts[0].documents, 2, "strongest first");
    assert_eq!(facts[0].source, "PRKMIL");
    assert_eq!(facts[0].source_name, "Korean People's Army");
    assert_eq!(facts[0].outlets, 1);
    assert_ne!(facts[0].id, facts[1].id);
}

#[test]
fn other_action_or_actor_stays_apart_and_ids_are_stable() {
    let docs = vec![doc("a", "Wire A", "2024-01-10", None)];
    let aid = supply(PRK, RUS, None, Modality::Asserted, None);
    let mut visit = aid.clone();
    visit.root = "04".into();
    visit.cameo = "042".into();
    let mut other = aid.clone();
    other.target = Some(actor("CHN", "China"));
    let mut maybe = aid.clone();
    maybe.modality = Modality::Hypothetical;
    let events = [(0, 0, &aid), (0, 1, &visit), (0, 2, &other), (0, 3, &maybe)];
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 3);
    let again = merge_facts(&docs, &events);
    let ids = |f: &[sitrep_model::Fact]| f.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&facts), ids(&again));
    assert!(facts.iter().any(|f| f.label == "consult"));
    assert!(facts.iter().all(|f| !f.contested));
}

#[test]
fn denial_alone_is_a_contested_fact_and_bad_indexes_are_skipped() {
    let docs = vec![doc("a", "Wire A", "2024-01-10", None)];
    let denial = supply(PRK, RUS, None, Modality::Negated, None);
    let events = [(0, 0, &denial), (7, 0, &denial)];
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 1);
    assert!(facts[0].contested);
    assert_eq!(facts[0].denied_by, ["Wire A"]);
    assert!(facts[0].asserted_by.is_empty());
}

#[test]
fn denial_joins_the_fact_it_points_at_and_month_dates_join_their_window() {
    let docs = vec![
        doc("jan", "Wire A", "2024-01-10", None),
        doc("jun", "Wire B", "2024-06-03", None),
        doc("dec", "Wire C", "2024-12-01", None),
        doc("month", "Wire D", "2024-02-20", None),
    ];
    let jan = supply(PRK, RUS, None, Modality::Asserted, Some("2024-01-08"));
    let jun = supply(PRK, RUS, None, Modality::Asserted, Some("2024-06-01"));
    let recalled = supply(
        PRK,
        RUS,
        Some("John Kirby"),
        Modality::Claimed,
        Some("2024-01-09"),
    );
    let mut denial = supply(
        PRK,
        RUS,
        Some("Kim Yo Jong"),
        Modality::Denied,
        Some("2024-11-30"),
    );
    denial.denies = Some(0);
    // A whole month (February) overlaps the January window, which runs to 7 February.
    let vague = supply(PRK, RUS, None, Modality::Asserted, Some("2024-02"));
    let events = [
        (0, 0, &jan),
        (1, 0, &jun),
        (2, 0, &recalled),
        (2, 1, &denial),
        (3, 0, &vague),
    ];
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 2, "{facts:#?}");
    let january = facts.iter().find(|f| f.documents == 3).unwrap();
    assert_eq!(january.denied_by, ["Kim Yo Jong"]);
    assert!(january.contested);
    let june = facts.iter().find(|f| f.documents == 1).unwrap();
    assert!(!june.contested);
}

#[test]
fn events_the_text_does_not_date_merge_across_reports_months_apart() {
    let docs = vec![
        doc("may", "Paper B", "2024-05-22", None),
        doc("october", "Paper C", "2024-10-30", None),
    ];
    let mut undated = supply(PRK, RUS, Some("John Hill"), Modality::Claimed, None);
    undated.date = Some(EventDate {
        date: day("2024-05-22"),
        from: "document".into(),
    });
    let mut later = supply(PRK, RUS, Some("Antony Blinken"), Modality::Claimed, None);
    later.date = Some(EventDate {
        date: day("2024-10-30"),
        from: "document".into(),
    });
    let facts = merge_facts(&docs, &[(0, 0, &undated), (1, 0, &later)]);
    assert_eq!(facts.len(), 1, "{facts:#?}");
    assert_eq!(facts[0].documents, 2);
    assert_eq!(facts[0].first_seen.as_deref(), Some("2024-05-22"));
    assert_eq!(facts[0].last_seen.as_deref(), Some("2024-10-30"));
}

#[test]
fn incidents_the_text_dates_months_apart_stay_apart() {
    let docs = vec![
        doc("a", "Paper B", "2024-06-25", None),
        doc("b", "Paper C", "2024-06-26", None),
    ];
    let january = supply(PRK, RUS, None, Modality::Asserted, Some("2024-01-05"));
    let june = supply(PRK, RUS, None, Modality::Asserted, Some("2024-06-20"));
    let facts = merge_facts(&docs, &[(0, 0, &january), (1, 0, &june)]);
    assert_eq!(facts.len(), 2, "{facts:#?}");
}

#[test]
fn different_people_of_one_country_are_named_by_the_country() {
    let docs = vec![
        doc("a", "Paper B", "2024-06-25", None),
        doc("b", "Paper C", "2024-06-26", None),
    ];
    let kirby = supply(
        ("USAGOV", "John Kirby"),
        PRK,
        None,
        Modality::Asserted,
        None,
    );
    let blinken = supply(
        ("USAGOV", "Antony Blinken"),
        PRK,
        None,
        Modality::Asserted,
        None,
    );
    let facts = merge_facts(&docs, &[(0, 0, &kirby), (1, 0, &blinken)]);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].source_name, "United States");
    let alone = merge_facts(&docs[..1], &[(0, 0, &kirby)]);
    assert_eq!(alone[0].source_name, "John Kirby");
}

#[test]
fn the_same_act_in_two_places_is_two_facts_and_unplaced_reports_join_the_larger() {
    let docs = [
        doc("a", "Wire A", "2031-03-02", None),
        doc("b", "Wire B", "2031-03-02", None),
        doc("c", "Wire C", "2031-03-03", None),
        doc("d", "Wire D", "2031-03-03", None),
    ];
    let at = |place: &str, country: &str| {
        let mut e = supply(PRK, RUS, None, Modality::Asserted, Some("2031-03-01"));
        e.place = Some(EventPlace {
            name: place.into(),
            country: Some(country.into()),
            entity: 0,
            span: Span::default(),
        });
        e
    };
    let (port, port_again, border) = (
        at("Rajin", "PRK"),
        at("Chongjin", "PRK"),
        at("Khasan", "RUS"),
    );
    let unplaced = supply(PRK, RUS, None, Modality::Asserted, Some("2031-03-01"));
    let events = [
        (0, 0, &port),
        (1, 0, &port_again),
        (2, 0, &border),
        (3, 0, &unplaced),
    ];
    let facts = merge_facts(&docs, &events);
    assert_eq!(facts.len(), 2, "{facts:#?}");
    // Two North Korean ports are one country's place; the unplaced report joins them.
    assert_eq!(facts[0].documents, 3);
    assert_eq!(facts[1].documents, 1);
    assert_ne!(facts[0].id, facts[1].id);
    // The larger fact keeps the id it had before the other place was reported.
    let before = merge_facts(&docs[..2], &events[..2]);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].id, facts[0].id);
}
