use super::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use sitrep_model::{
    ActorRef, DateValue, Document, Event, EventRef, Fact, Modality, Precision, PublishedDate, Span,
};
use sitrep_store::query::{Filter, QueryError};
use tower::ServiceExt;

fn actor(code: &str, name: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        name: name.into(),
        entity: None,
        span: Span::new(0, 3),
    }
}

fn event(modality: Modality, claimant: Option<ActorRef>, text: &str) -> Event {
    Event {
        source: Some(actor("PRK", "North Korea")),
        target: Some(actor("RUS", "Russia")),
        cameo: "072".into(),
        root: "07".into(),
        quad_class: 2,
        goldstein: 8.3,
        plover: "AID".into(),
        object: Some("shells".into()),
        modality,
        claimant,
        date: None,
        place: None,
        sentence: 0,
        trigger: Span::new(10, 17),
        evidence: Span::new(0, text.len()),
        evidence_text: text.into(),
        rule: "verbs/aid.tsv:3".into(),
        confidence: 0.8,
        denies: None,
    }
}

/// One article with a claim and a denial of the same supply, linked into one fact.
fn database(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("serve.db");
    fill(&path);
    path
}

/// Writes the article and fact of [`database`] into the database at `path`.
fn fill(path: &Path) {
    let claim = "Pyongyang shipped shells to Moscow, a White House spokesman said.";
    let denial = "The Kremlin denied that any shells had arrived.";
    let mut doc = Document::new("a.txt", format!("{claim} {denial}"));
    doc.id = "d1".into();
    doc.title = Some("Shells for Moscow".into());
    doc.outlet = Some("Harbor Post".into());
    doc.published = Some(PublishedDate {
        date: DateValue {
            value: "2024-03-05".into(),
            precision: Precision::Day,
        },
        origin: "test".into(),
    });
    doc.events = vec![
        event(
            Modality::Claimed,
            Some(actor("USAGOV", "White House")),
            claim,
        ),
        event(Modality::Denied, Some(actor("RUSGOV", "Kremlin")), denial),
    ];
    let fact = Fact {
        id: "f1".into(),
        source: "PRK".into(),
        source_name: "North Korea".into(),
        target: "RUS".into(),
        target_name: "Russia".into(),
        root: "07".into(),
        cameo: "072".into(),
        plover: "AID".into(),
        quad_class: 2,
        label: "provide military aid".into(),
        objects: vec!["shells".into()],
        mentions: 2,
        documents: 1,
        outlets: 1,
        origins: 1,
        asserted_by: vec!["White House".into()],
        hedged_by: vec![],
        denied_by: vec!["Kremlin".into()],
        contested: true,
        first_seen: Some("2024-03-05".into()),
        last_seen: Some("2024-03-05".into()),
        events: vec![
            EventRef {
                doc: "d1".into(),
                event: 0,
            },
            EventRef {
                doc: "d1".into(),
                event: 1,
            },
        ],
    };
    let mut store = Store::open(path).unwrap();
    store.insert_documents(&[doc]).unwrap();
    store.replace_facts(&[fact]).unwrap();
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let dir = tempfile::tempdir().unwrap();
    let db = database(&dir);
    let app = router(AppState::new(&db, Options::default()).unwrap());
    let response = app
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
        .await
        .unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json)
}

async fn error_message(uri: &str, status: StatusCode) -> String {
    let (got, body) = get(uri).await;
    assert_eq!(got, status, "{uri}: {body}");
    assert_eq!(body["error"]["status"], status.as_u16());
    body["error"]["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn events_are_filtered_and_paginated() {
    let (status, body) = get("/api/events?actor=north%20korea&limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 2);
    assert_eq!(body["items"].as_array().unwrap().len(), 1);
    assert_eq!(body["items"][0]["outlet"], "Harbor Post");
    assert_eq!(body["items"][0]["fact"], "f1");
    let (_, body) = get("/api/events?modality=denied").await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["event"]["claimant"]["name"], "Kremlin");
    let (_, body) = get("/api/events?from=2025").await;
    assert_eq!(body["total"], 0);
}

#[tokio::test]
async fn fact_view_has_denials_beside_assertions() {
    let (status, body) = get("/api/facts/f1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["fact"]["contested"], true);
    let assertion = &body["assertions"][0];
    assert_eq!(assertion["event"]["claimant"]["name"], "White House");
    assert_eq!(assertion["event"]["rule"], "verbs/aid.tsv:3");
    assert_eq!(assertion["published"], "2024-03-05");
    assert!(assertion["event"]["evidence_text"]
        .as_str()
        .unwrap()
        .starts_with("Pyongyang"));
    assert_eq!(body["denials"][0]["event"]["modality"], "denied");
    let msg = error_message("/api/facts/nope", StatusCode::NOT_FOUND).await;
    assert!(msg.contains("nope"));
}

#[tokio::test]
async fn facts_actors_network_and_search_answer() {
    let (_, body) = get("/api/facts?contested=true&category=aid").await;
    assert_eq!(body["items"][0]["id"], "f1");
    let (_, body) = get("/api/facts?contested=false").await;
    assert_eq!(body["total"], 0);
    let (_, body) = get("/api/network").await;
    assert_eq!(body[0]["kind"], "cooperation");
    assert_eq!(body[0]["contested"], 1);
    let (status, body) = get("/api/actors").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 0);
    let (_, body) = get("/api/search?q=kremlin%20denied").await;
    assert_eq!(body["total"], 1);
    assert!(body["items"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("[[denied]]"));
    let (_, body) = get("/api/stats").await;
    assert_eq!(body["facts"], 1);
}

#[tokio::test]
async fn bad_input_is_a_clear_400() {
    let cases = [
        ("/api/events?from=2024-02-30", "bad date"),
        ("/api/events?limit=501", "limit 501"),
        ("/api/facts?modality=rumoured", "unknown modality"),
        ("/api/events?limit=ten", "bad limit"),
        ("/api/events?actr=x", "unknown parameter \"actr\""),
        ("/api/events?actor=a&actor=b", "given twice"),
        ("/api/search", "missing q"),
        ("/api/search?q=%22%22", "empty search"),
        ("/api/facts?from=2024-05&to=2024-01", "empty date range"),
    ];
    for (uri, needle) in cases {
        let msg = error_message(uri, StatusCode::BAD_REQUEST).await;
        assert!(msg.contains(needle), "{uri}: {msg}");
    }
    error_message("/api/nothing", StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn page_and_openapi_are_served_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(&dir);
    let app = router(AppState::new(&db, Options::default()).unwrap());
    for (uri, kind, needle) in [
        ("/", "text/html", "<script src=\"/app.js\">"),
        ("/app.js", "text/javascript", "/api/network"),
        ("/style.css", "text/css", "#timeline"),
    ] {
        let response = app
            .clone()
            .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let ct = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(ct.starts_with(kind), "{uri}: {ct}");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.contains(needle), "{uri}");
        assert!(
            !text.contains("https://"),
            "{uri} must not load anything from elsewhere"
        );
    }
    let (status, spec) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/events",
        "/api/facts",
        "/api/facts/{id}",
        "/api/actors",
        "/api/search",
    ] {
        assert!(
            spec["paths"][path]["get"].is_object(),
            "{path} undocumented"
        );
    }
}

/// The app over [`database`] with a 50 ms query budget and one query at a time.
fn with_50ms_budget(dir: &tempfile::TempDir) -> AppState {
    let options = Options {
        query_timeout: Duration::from_millis(50),
        max_concurrent: 1,
    };
    AppState::new(&database(dir), options).unwrap()
}

#[tokio::test]
async fn slow_queries_are_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_50ms_budget(&dir);
    let result = api::run(&state, |_| {
        std::thread::sleep(Duration::from_millis(300));
        Ok(())
    })
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.code, "query_too_expensive");
}

/// A query still running statements after its budget is interrupted even when the first
/// interrupt lands while no statement runs (here: during the sleep).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_started_after_the_timeout_are_interrupted_too() {
    let dir = tempfile::tempdir().unwrap();
    let state = with_50ms_budget(&dir);
    let (sender, stopped) = std::sync::mpsc::channel();
    let result = api::run(&state, move |store| {
        std::thread::sleep(Duration::from_millis(200));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let outcome = loop {
            match store.query_events(&Filter::default()) {
                Err(QueryError::Interrupted) => break "interrupted",
                _ if std::time::Instant::now() > deadline => break "ran on",
                _ => {}
            }
        };
        sender.send(outcome).unwrap();
        Ok(())
    })
    .await;
    assert_eq!(result.unwrap_err().code, "query_too_expensive");
    let outcome = tokio::task::spawn_blocking(move || stopped.recv().unwrap())
        .await
        .unwrap();
    assert_eq!(outcome, "interrupted");
}

/// The API over PostgreSQL (`SITREP_TEST_POSTGRES`, see `.ci/postgres`) answers as over
/// SQLite. Plain `#[test]`: the sync PostgreSQL client must not run on async threads.
#[test]
fn postgres_database_answers_as_sqlite() {
    let Ok(server) = std::env::var("SITREP_TEST_POSTGRES") else {
        eprintln!("skipping: SITREP_TEST_POSTGRES not set");
        return;
    };
    let pg = match sitrep_store::reset_postgres_schema(&server, "sitrep_serve_test") {
        Ok(url) => PathBuf::from(url),
        Err(sitrep_store::StoreError::NoPostgres(_)) => {
            eprintln!("skipping: sitrep-store built without the postgres feature");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    fill(&pg);
    let dir = tempfile::tempdir().unwrap();
    let lite = database(&dir);
    // AppState::new migrates, which opens a sync connection: outside the runtime.
    let (pg_state, lite_state) = (
        AppState::new(&pg, Options::default()).unwrap(),
        AppState::new(&lite, Options::default()).unwrap(),
    );
    let (pg_app, lite_app) = (router(pg_state), router(lite_state));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    for uri in [
        "/api/stats",
        "/api/events?actor=north%20korea&limit=1",
        "/api/facts?contested=true",
        "/api/facts/f1",
        "/api/actors?from=2024",
        "/api/network",
        "/api/facts/nope",
    ] {
        let ask = |app: Router| async move {
            let response = app
                .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        };
        let got = runtime.block_on(ask(pg_app.clone()));
        assert_eq!(got, runtime.block_on(ask(lite_app.clone())), "{uri}");
    }
    let (status, body) = runtime.block_on(async {
        let response = pg_app
            .oneshot(
                Request::builder()
                    .uri("/api/search?q=shells%20kremlin")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .unwrap();
        (status, serde_json::from_slice::<Value>(&bytes).unwrap())
    });
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 1, "{body}");
    assert_eq!(body["items"][0]["doc"], "d1");
}
