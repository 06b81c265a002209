use super::*;
use sitrep_model::{ActorRef, EventDate, Modality, PublishedDate, Span};

pub(crate) fn doc_with_event(id: &str, text: &str) -> Document {
    let mut doc = Document::new("test", text);
    doc.id = id.to_string();
    doc.outlet = Some("Test Wire".into());
    doc.published = Some(PublishedDate {
        date: DateValue {
            value: "2025-03-04".into(),
            precision: Precision::Day,
        },
        origin: "test".into(),
    });
    let actor = |code: &str, name: &str| ActorRef {
        code: code.into(),
        name: name.into(),
        entity: None,
        span: Span::new(0, 4),
    };
    doc.events.push(Event {
        source: Some(actor("PRK", "North Korea")),
        target: Some(actor("RUS", "Russia")),
        cameo: "072".into(),
        root: "07".into(),
        quad_class: 2,
        goldstein: 8.3,
        plover: "AID".into(),
        object: Some("shells".into()),
        modality: Modality::Claimed,
        claimant: Some(actor("USAGOV", "a U.S. official")),
        date: None,
        place: None,
        sentence: 0,
        trigger: Span::new(5, 10),
        evidence: Span::new(0, text.len()),
        evidence_text: text.into(),
        rule: "verbs/aid.tsv:3".into(),
        confidence: 0.8,
        denies: None,
    });
    doc
}

/// Runs `query` while another thread interrupts it every `every` until it returns: an
/// interrupt sent before the query starts is lost, so one timed interrupt could miss.
pub(crate) fn interrupted<T>(
    handle: crate::query::Interrupt,
    every: std::time::Duration,
    query: impl FnOnce() -> T,
) -> T {
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(every);
                handle.interrupt();
            }
        });
        let result = query();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    })
}

/// `doc` naming North Korea (PRK), the source of [`doc_with_event`]'s event.
pub(crate) fn with_entity(mut doc: Document) -> Document {
    doc.entities.push(sitrep_model::Entity {
        actor: sitrep_model::Actor {
            name: "North Korea".into(),
            kind: sitrep_model::ActorKind::Country,
            country: None,
            role: None,
            code: "PRK".into(),
        },
        rule: "test:1".into(),
        flags: vec![],
    });
    doc
}

#[test]
fn inserting_twice_adds_nothing() {
    let mut store = Store::in_memory().unwrap();
    let doc = doc_with_event("a1", "Pyongyang sent shells to Moscow.");
    assert_eq!(
        store.insert_documents(std::slice::from_ref(&doc)).unwrap(),
        1
    );
    assert_eq!(store.insert_documents(&[doc]).unwrap(), 0);
    let totals = store.totals().unwrap();
    assert_eq!((totals.documents, totals.events), (1, 1));
    assert_eq!(totals.first_published.as_deref(), Some("2025-03-04"));
}

#[test]
fn events_and_documents_round_trip() {
    let mut store = Store::in_memory().unwrap();
    let doc = doc_with_event("b2", "Pyongyang sent shells to Moscow.");
    store.insert_documents(std::slice::from_ref(&doc)).unwrap();
    let events = store.events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event, doc.events[0]);
    let back = store.document("b2").unwrap().unwrap();
    assert_eq!(back.text, doc.text);
    let rows = store.documents().unwrap();
    assert_eq!(
        rows[0].published.as_ref().unwrap().precision,
        Precision::Day
    );
}

#[test]
fn reopening_keeps_schema_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_documents(&[doc_with_event("c3", "Text here.")])
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.totals().unwrap().documents, 1);
}

/// A run creating a database while another process opens it: every opener must see one
/// migration, not apply it a second time ("table documents already exists").
#[test]
fn openers_racing_on_a_new_database_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let openers: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|_| ()))
        })
        .collect();
    for opener in openers {
        let opened = opener.join().unwrap();
        assert!(opened.is_ok(), "{:?}", opened.err());
    }
    let totals = Store::open(&path).unwrap().totals().unwrap();
    assert_eq!(totals.documents, 0);
}

#[test]
fn an_undated_document_takes_the_date_of_its_later_copy() {
    let mut store = Store::in_memory().unwrap();
    let text = "Pyongyang sent shells to Moscow on Tuesday.";
    let mut undated = with_entity(doc_with_event("d1", text));
    undated.published = None;
    store.insert_documents(&[undated.clone()]).unwrap();
    store.mark_copy("d1", "d0", "near", 0.9).unwrap();
    // An undated arrival, or a dated one with nothing stored under its id, changes nothing.
    assert!(!store.date_document(&undated).unwrap());
    let mut dated = with_entity(doc_with_event("d1", text));
    let mut elsewhere = dated.clone();
    elsewhere.id = "nothing-stored".into();
    assert!(!store.date_document(&elsewhere).unwrap());
    dated.events[0].date = Some(EventDate {
        date: DateValue {
            value: "2025-03-04".into(),
            precision: Precision::Day,
        },
        from: "clause".into(),
    });
    assert!(store.date_document(&dated).unwrap());
    // Once dated, a document keeps its date.
    assert!(!store.date_document(&dated).unwrap());
    let events = store.events().unwrap();
    assert_eq!(events.len(), 1);
    let date = events[0].event.date.as_ref().unwrap();
    assert_eq!(
        (date.date.value.as_str(), date.from.as_str()),
        ("2025-03-04", "clause")
    );
    let rows = store.documents().unwrap();
    assert_eq!(rows[0].published.as_ref().unwrap().value, "2025-03-04");
    assert_eq!(rows[0].copy_of.as_deref(), Some("d0"));
    let totals = store.totals().unwrap();
    assert_eq!((totals.documents, totals.events), (1, 1));
    // The actor counts see one document and one event, not the replaced layers as well.
    let actors = store.query_actors(&Default::default()).unwrap();
    let prk = actors.items.iter().find(|a| a.code == "PRK").unwrap();
    assert_eq!((prk.documents, prk.mentions, prk.as_source), (1, 0, 1));
}
