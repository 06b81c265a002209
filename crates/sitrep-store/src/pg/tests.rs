//! Tests against a real PostgreSQL server named by `SITREP_TEST_POSTGRES` (see
//! `.ci/postgres`); each test works in a fresh schema of its own. Without the variable
//! they print a note and pass.

use crate::query::{Filter, FilterInput, QueryError};
use crate::tests::{doc_with_event, with_entity};
use crate::{Backend, Store, SCHEMA_VERSION};
use std::path::PathBuf;

fn server() -> Option<String> {
    match std::env::var("SITREP_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!("skipping: SITREP_TEST_POSTGRES not set");
            None
        }
    }
}

/// A database URL whose connections work in a fresh, empty schema for test `name`.
fn fresh(name: &str) -> Option<PathBuf> {
    let url = server()?;
    let schema = format!("sitrep_test_{name}");
    Some(PathBuf::from(
        crate::reset_postgres_schema(&url, &schema).unwrap(),
    ))
}

fn filter(set: impl FnOnce(&mut FilterInput)) -> Filter {
    let mut input = FilterInput::default();
    set(&mut input);
    input.parse().unwrap()
}

#[test]
fn migrates_an_empty_database_once() {
    let Some(url) = fresh("migrate") else { return };
    assert!(matches!(
        Store::open_read_only(&url),
        Err(QueryError::Outdated { found: 0, .. })
    ));
    drop(Store::open(&url).unwrap());
    // A second open finds the current version and changes nothing.
    let store = Store::open(&url).unwrap();
    let Backend::Postgres(pg) = &store.backend else {
        panic!("a postgres URL must open the PostgreSQL backend")
    };
    let rows = pg
        .query(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            &[],
            "test",
        )
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<_, String>(0), SCHEMA_VERSION.to_string());
    let ro = Store::open_read_only(&url).unwrap();
    assert_eq!(ro.totals().unwrap().documents, 0);
    assert!(ro.writes_fail());
    assert!(matches!(
        crate::reset_postgres_schema("postgres://x@127.0.0.1:1/db", "a;b"),
        Err(crate::StoreError::BadSchemaName(_))
    ));
}

impl Store {
    /// True when a write through this (read-only) store fails.
    fn writes_fail(&self) -> bool {
        let Backend::Postgres(pg) = &self.backend else {
            return false;
        };
        pg.client
            .borrow_mut()
            .execute("DELETE FROM facts", &[])
            .is_err()
    }
}

#[test]
fn inserting_twice_adds_nothing() {
    let Some(url) = fresh("twice") else { return };
    let mut store = Store::open(&url).unwrap();
    let doc = doc_with_event("a1", "Pyongyang sent shells to Moscow.");
    let docs = [doc.clone(), doc];
    // The same document twice in one batch, then again in a later run.
    assert_eq!(store.insert_documents(&docs).unwrap(), 1);
    assert_eq!(store.insert_documents(&docs[..1]).unwrap(), 0);
    let totals = store.totals().unwrap();
    assert_eq!((totals.documents, totals.events), (1, 1));
    assert_eq!(totals.first_published.as_deref(), Some("2025-03-04"));
    assert!(store.contains("a1").unwrap());
    assert!(!store.contains("zz").unwrap());
}

#[test]
fn documents_events_and_facts_round_trip() {
    let Some(url) = fresh("round_trip") else {
        return;
    };
    let mut pg = Store::open(&url).unwrap();
    let mut lite = Store::in_memory().unwrap();
    crate::query::tests::fill(&mut pg);
    crate::query::tests::fill(&mut lite);
    let json = |v: &dyn erased::Json| v.json();
    assert_eq!(
        json(&pg.document("a").unwrap()),
        json(&lite.document("a").unwrap())
    );
    assert_eq!(json(&pg.facts().unwrap()), json(&lite.facts().unwrap()));
    let events = |s: &Store| {
        s.events()
            .unwrap()
            .into_iter()
            .map(|r| (r.doc, r.index, r.event))
            .collect::<Vec<_>>()
    };
    assert_eq!(events(&pg), events(&lite));
    let ids = |s: &Store| {
        s.documents()
            .unwrap()
            .into_iter()
            .map(|d| (d.id, d.outlet, d.published.map(|p| p.value)))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&pg), ids(&lite));
    let mut texts = Vec::new();
    pg.for_each_text(|id, text| texts.push((id.to_string(), text.len())))
        .unwrap();
    assert_eq!(texts.len(), 3);
    assert_eq!(json(&pg.totals().unwrap()), json(&lite.totals().unwrap()));
    assert_eq!(
        json(&pg.top_actors(10).unwrap()),
        json(&lite.top_actors(10).unwrap())
    );
    pg.mark_copy("c", "a", "near", 0.9).unwrap();
    assert_eq!(pg.totals().unwrap().duplicates, 1);
}

/// Serialising to JSON for comparisons of values without `PartialEq`.
mod erased {
    pub(super) trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

#[test]
fn filtered_queries_answer_as_on_sqlite() {
    use erased::Json;
    let Some(url) = fresh("filters") else { return };
    let mut pg = Store::open(&url).unwrap();
    let mut lite = Store::in_memory().unwrap();
    crate::query::tests::fill(&mut pg);
    crate::query::tests::fill(&mut lite);
    let filters = [
        filter(|_| {}),
        filter(|i| i.actor = Some("North Korea".into())),
        filter(|i| i.actor = Some("prk".into())),
        filter(|i| i.actor = Some("kirby".into())),
        filter(|i| i.category = Some("07".into())),
        filter(|i| i.category = Some("aid".into())),
        filter(|i| i.modality = Some("denied".into())),
        filter(|i| {
            i.from = Some("2024-03".into());
            i.to = Some("2024-06".into());
        }),
        filter(|i| i.outlet = Some("harbor".into())),
        filter(|i| i.contested = Some("true".into())),
        filter(|i| i.contested = Some("false".into())),
        filter(|i| i.sort = Some("date".into())),
        filter(|i| {
            i.limit = Some("1".into());
            i.offset = Some("1".into());
        }),
        filter(|i| i.offset = Some("10".into())),
        filter(|i| {
            i.actor = Some("RUS".into());
            i.modality = Some("claimed".into());
            i.from = Some("2024".into());
        }),
    ];
    let ro = Store::open_read_only(&url).unwrap();
    for f in &filters {
        for pg in [&pg, &ro] {
            assert_eq!(
                pg.query_events(f).unwrap().json(),
                lite.query_events(f).unwrap().json(),
                "events {f:?}"
            );
            assert_eq!(
                pg.query_facts(f).unwrap().json(),
                lite.query_facts(f).unwrap().json(),
                "facts {f:?}"
            );
            assert_eq!(
                pg.query_actors(f).unwrap().json(),
                lite.query_actors(f).unwrap().json(),
                "actors {f:?}"
            );
            assert_eq!(
                pg.network(f).unwrap().json(),
                lite.network(f).unwrap().json(),
                "network {f:?}"
            );
        }
    }
    assert_eq!(
        pg.fact_detail("f1").unwrap().json(),
        lite.fact_detail("f1").unwrap().json()
    );
    assert!(pg.fact_detail("nope").unwrap().is_none());
    let mut seen = Vec::new();
    pg.for_each_event_hit(|h| -> Result<(), QueryError> {
        seen.push(format!("{}{}", h.doc, h.index));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, ["a0", "a1", "b0", "c0"]);
    assert_eq!(
        pg.document_text("c").unwrap().as_deref(),
        Some("Tehran may sign a pact with Moscow.")
    );
}

#[test]
fn search_needs_every_word_and_takes_phrases_and_or() {
    let Some(url) = fresh("search") else { return };
    let mut pg = Store::open(&url).unwrap();
    let mut lite = Store::in_memory().unwrap();
    crate::query::tests::fill(&mut pg);
    crate::query::tests::fill(&mut lite);
    let keys = |s: &Store, q: &str, f: &Filter| {
        let page = s.search(q, f).unwrap();
        let mut keys: Vec<String> = page
            .items
            .iter()
            .map(|h| format!("{}:{}:{:?}", h.kind, h.doc, h.quote))
            .collect();
        keys.sort();
        (page.total, keys)
    };
    let all = Filter::default();
    let cases: [(&str, &Filter, &[&str]); 7] = [
        ("kremlin denied", &all, &["document:a:None"]),
        ("kremlin tehran", &all, &[]),
        (
            "tehran OR washington",
            &all,
            &["document:b:None", "document:c:None"],
        ),
        (
            "\"tolerate these transfers\"",
            &all,
            &["document:b:None", "quote:b:Some(0)"],
        ),
        ("\"transfers tolerate\"", &all, &[]),
        ("pyong*", &all, &["document:a:None", "document:b:None"]),
        (
            "moscow",
            &filter(|i| i.outlet = Some("meridian".into())),
            &["document:a:None"],
        ),
    ];
    for (q, f, want) in cases {
        let got = keys(&pg, q, f);
        assert_eq!(got.1, want, "{q}");
        assert_eq!(got.0 as usize, want.len(), "{q}");
        assert_eq!(got, keys(&lite, q, f), "{q} differs from SQLite");
    }
    let hit = &pg.search("tolerate", &all).unwrap().items;
    let quote = hit.iter().find(|h| h.kind == "quote").unwrap();
    assert!(quote.snippet.contains("[[tolerate]]"), "{}", quote.snippet);
    assert_eq!(quote.speaker.as_deref(), Some("John Kirby"));
    assert!(matches!(
        pg.search(" ** ", &all),
        Err(QueryError::Filter(_))
    ));
}

#[test]
fn readers_never_see_a_partial_document_while_a_run_writes() {
    let Some(url) = fresh("concurrent") else {
        return;
    };
    drop(Store::open(&url).unwrap());
    let writer_url = url.clone();
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&writer_url).unwrap();
        for batch in 0..20 {
            let docs: Vec<_> = (0..10)
                .map(|i| doc_with_event(&format!("d{batch}-{i}"), "Seoul sent envoys to Tokyo."))
                .collect();
            assert_eq!(store.insert_documents(&docs).unwrap(), 10);
        }
    });
    let reader = Store::open_read_only(&url).unwrap();
    let mut last = 0;
    let mut reads = 0;
    while !writer.is_finished() || reads == 0 {
        let totals = reader.totals().unwrap();
        // Every document carries one event: a half-written one would break the pairing.
        assert_eq!(totals.documents, totals.events);
        assert_eq!(totals.documents % 10, 0, "batches are atomic");
        assert!(totals.documents >= last);
        last = totals.documents;
        reads += 1;
    }
    writer.join().unwrap();
    assert_eq!(reader.totals().unwrap().documents, 200);
    let page = reader.query_events(&Filter::default()).unwrap();
    assert_eq!(page.total, 200);
}

#[test]
fn interrupt_cancels_a_running_query() {
    let Some(url) = fresh("cancel") else { return };
    let store = Store::open(&url).unwrap();
    let Backend::Postgres(pg) = &store.backend else {
        panic!("a postgres URL must open the PostgreSQL backend")
    };
    let started = std::time::Instant::now();
    let result = crate::tests::interrupted(
        store.interrupt_handle(),
        std::time::Duration::from_millis(200),
        || pg.rows("SELECT pg_sleep(30)", &[], "sleeping"),
    );
    assert!(matches!(result, Err(QueryError::Interrupted)));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn an_undated_document_takes_the_date_of_its_later_copy() {
    let Some(url) = fresh("dating") else { return };
    let mut store = Store::open(&url).unwrap();
    let text = "Pyongyang sent shells to Moscow on Tuesday.";
    let mut undated = with_entity(doc_with_event("d1", text));
    undated.published = None;
    store.insert_documents(&[undated]).unwrap();
    let dated = with_entity(doc_with_event("d1", text));
    assert!(store.date_document(&dated).unwrap());
    assert!(!store.date_document(&dated).unwrap());
    let rows = store.documents().unwrap();
    assert_eq!(rows[0].published.as_ref().unwrap().value, "2025-03-04");
    let totals = store.totals().unwrap();
    assert_eq!((totals.documents, totals.events), (1, 1));
    let actors = store.query_actors(&Default::default()).unwrap();
    let prk = actors.items.iter().find(|a| a.code == "PRK").unwrap();
    assert_eq!((prk.documents, prk.as_source), (1, 1));
}
