//! End-to-end tests: the `sitrep` binary on the bundled examples and on broken inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sitrep(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .arg("--db")
        .arg(db)
        .current_dir(repo())
        .output()
        .expect("running the sitrep binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn examples_run_report_and_rerun_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ex.db");
    let out_dir = dir.path().join("out");
    let run = sitrep(
        &[
            "run",
            "examples/articles",
            "--quiet",
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &db,
    );
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.contains("15 documents (15 new"), "summary: {stderr}");
    assert!(stderr.contains(", 0 skipped"), "summary: {stderr}");
    for name in ["documents", "entities", "events", "quotes", "facts"] {
        let path = out_dir.join(format!("{name}.jsonl"));
        let body = std::fs::read_to_string(&path).unwrap();
        assert!(!body.is_empty(), "{name}.jsonl is empty");
    }

    // The syndicated copy shares its original's story; the weather piece has its own.
    let rows = sitrep_store::Store::open(&db).unwrap().documents().unwrap();
    let story_of = |name: &str| {
        rows.iter()
            .find(|r| r.source.contains(name))
            .and_then(|r| r.story)
            .unwrap_or_else(|| panic!("no story for {name}"))
    };
    assert_eq!(story_of("01_meridian"), story_of("02_frontline"));
    let weather = story_of("13_coastal");
    assert!(rows.iter().filter(|r| r.story == Some(weather)).count() == 1);

    let again = sitrep(&["run", "examples/articles", "--quiet"], &db);
    let stderr = text(&again.stderr);
    assert!(
        stderr.contains("(0 new, 15 already stored"),
        "rerun: {stderr}"
    );

    let report = sitrep(&["report", "--format", "md"], &db);
    let md = text(&report.stdout);
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    assert!(md.contains("## Strongest relations"), "{md}");
    assert!(md.contains("Iran →"), "no relation from Iran: {md}");
    assert!(md.contains("contested"), "the denial is not shown: {md}");

    let json = sitrep(&["report", "--format", "json"], &db);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["totals"]["documents"], 15);
    assert!(
        value["totals"]["duplicates"].as_u64().unwrap() >= 1,
        "syndicated copy not found"
    );
}

#[test]
fn broken_inputs_are_skipped_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    let run = sitrep(&["run", "examples/broken", "--quiet"], &db);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "stderr: {stderr}");
    for item in [
        "empty.txt",
        "binary.html",
        "truncated.jsonl.gz",
        "bad.jsonl:2",
        "bad.jsonl:3",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(item)),
            "{item} not reported as skipped: {stderr}"
        );
    }
    let report = sitrep(&["report", "--format", "json"], &db);
    let value: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    // bad.jsonl:1 and latin1.txt survive.
    assert_eq!(value["totals"]["documents"], 2, "{}", text(&report.stdout));
}

#[test]
fn report_without_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(&["report"], &dir.path().join("missing.db"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("run `sitrep run"));
}

/// Many short invented articles, one JSON object per line.
fn write_corpus(path: &Path, articles: usize) {
    let mut out = String::new();
    for i in 0..articles {
        let text = format!(
            "Officials in Ruritania said on Monday that the government had shipped {i} crates \
             of rifles to Borduria. \"We deny this,\" a Bordurian spokesman told reporters. \
             The ministry said talks would continue next week, article number {i}."
        );
        let line = serde_json::json!({"id": i, "title": format!("Report {i}"), "date": "2025-03-04", "text": text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_killed_run_leaves_whole_documents_only() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("many.jsonl");
    write_corpus(&corpus, 20_000);
    let db = dir.path().join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["run", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .spawn()
        .expect("starting sitrep");
    // Kill it once some batches are committed, or give up waiting after a while. The wait
    // ends as soon as a batch is in, so the generous bound only matters on a slow, loaded
    // machine running a debug build.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(600);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let stored = sitrep_store::Store::open(&db)
            .and_then(|s| s.totals())
            .map(|t| t.documents)
            .unwrap_or(0);
        let exited = child.try_wait().expect("polling sitrep");
        assert!(
            exited.is_none(),
            "the run ended before the kill: {exited:?}"
        );
        if stored > 0 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().expect("killing sitrep");
    child.wait().unwrap();

    let store = sitrep_store::Store::open(&db).expect("the database opens after a kill");
    let events = store.events().unwrap();
    let rows = store.documents().unwrap();
    assert!(!rows.is_empty(), "no batch was committed before the kill");
    assert!(
        rows.len() < 20_000,
        "the run finished before it could be killed"
    );
    for row in &rows {
        let doc = store.document(&row.id).unwrap().expect("stored document");
        let stored_events = events.iter().filter(|e| e.doc == row.id).count();
        assert_eq!(
            doc.events.len(),
            stored_events,
            "document {} is partial",
            row.id
        );
    }
    // A second run completes the job without duplicating anything.
    let rerun = sitrep(&["run", "--quiet", corpus.to_str().unwrap()], &db);
    assert_eq!(rerun.status.code(), Some(0), "{}", text(&rerun.stderr));
    let totals = sitrep_store::Store::open(&db).unwrap().totals().unwrap();
    assert_eq!(totals.documents, 20_000);
}

/// `--db postgres://...` against the server `.ci/postgres` starts: the same report as
/// SQLite on the examples, the same query answers, and a rerun adds nothing.
#[test]
fn postgres_database_gives_the_same_report_as_sqlite() {
    let Ok(server) = std::env::var("SITREP_TEST_POSTGRES") else {
        eprintln!("skipping: SITREP_TEST_POSTGRES not set");
        return;
    };
    // The binary has the backend only when this package's own feature is on.
    if !cfg!(feature = "postgres") {
        eprintln!("skipping: sitrep-cli built without the postgres feature");
        return;
    }
    let pg = match sitrep_store::reset_postgres_schema(&server, "sitrep_cli_test") {
        Ok(url) => PathBuf::from(url),
        Err(sitrep_store::StoreError::NoPostgres(_)) => {
            eprintln!("skipping: sitrep-cli built without the postgres feature");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let lite = dir.path().join("ex.db");
    for db in [&pg, &lite] {
        let run = sitrep(&["run", "examples/articles", "--quiet"], db);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    }
    let again = sitrep(&["run", "examples/articles", "--quiet"], &pg);
    let stderr = text(&again.stderr);
    assert!(stderr.contains("(0 new, 15 already stored"), "{stderr}");
    for args in [
        &["report", "--format", "json"][..],
        &[
            "events",
            "--actor",
            "iran",
            "--category",
            "07",
            "--from",
            "2025-03-05",
            "--format",
            "json",
        ],
        &["facts", "--contested", "true", "--format", "json"],
        &[
            "actors", "--from", "2025-03", "--limit", "10", "--format", "json",
        ],
    ] {
        let (a, b) = (sitrep(args, &pg), sitrep(args, &lite));
        assert_eq!(a.status.code(), Some(0), "{args:?}: {}", text(&a.stderr));
        assert!(!a.stdout.is_empty(), "{args:?}");
        assert_eq!(text(&a.stdout), text(&b.stdout), "{args:?}");
    }
    let out = dir.path().join("export");
    let export = sitrep(
        &["export", "--format", "csv", "--out", out.to_str().unwrap()],
        &pg,
    );
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    assert!(std::fs::metadata(out.join("events.csv")).unwrap().len() > 0);
}

#[test]
fn petrarch_actor_dictionaries_can_be_added() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("ruritania.actors.txt");
    std::fs::write(
        &dict,
        "RURITANIA_ [RUR]\n+RURITANIAN_\nGRAND_DUKE_OTTO_ [RURGOV]\nBROKEN LINE WITHOUT CODE [\n",
    )
    .unwrap();
    let article = dir.path().join("ruritania.txt");
    std::fs::write(
        &article,
        "Grand Duke Otto said on Monday that Ruritania would send grain to its neighbours.\n",
    )
    .unwrap();
    let db = dir.path().join("r.db");
    let out_dir = dir.path().join("out");
    let run = sitrep(
        &[
            "run",
            article.to_str().unwrap(),
            "--quiet",
            "--petrarch-actors",
            dict.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &db,
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let entities = std::fs::read_to_string(out_dir.join("entities.jsonl")).unwrap();
    assert!(entities.contains("\"RURGOV\""), "{entities}");
    assert!(
        entities.contains("ruritania.actors.txt"),
        "rule should name the file: {entities}"
    );
}

#[test]
fn bench_reports_throughput_as_a_last_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 40);
    // Plus an exact copy of the first article and an unreadable line.
    let mut body = std::fs::read_to_string(&corpus).unwrap();
    let first = body.lines().next().unwrap().to_string();
    body.push_str(&first);
    body.push('\n');
    body.push_str("\n{not json\n");
    std::fs::write(&corpus, body).unwrap();
    for mode in [&["--dedup"][..], &["--threads", "1"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
            .args(["bench", "--corpus", corpus.to_str().unwrap()])
            .args(mode)
            .output()
            .unwrap();
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        let last: serde_json::Value =
            serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap();
        assert!(last["docs_per_s"].as_f64().unwrap() > 0.0, "{last}");
        if mode[0] == "--dedup" {
            assert_eq!(last["documents"], 41, "{stdout}");
            assert_eq!(last["exact"], 1, "{stdout}");
            assert!(stdout.contains("1 unreadable"), "{stdout}");
        }
    }
}

#[test]
fn lines_a_site_repeats_on_every_page_are_removed_during_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("site.jsonl");
    let mut body = String::new();
    for (i, town) in ["Ardmore", "Belcastle", "Corran", "Dunmore"]
        .iter()
        .enumerate()
    {
        let text = format!(
            "Follow the Harbour Tribune on Telegram for live updates\n\
             The council of {town} approved a new ferry pier on Monday, the mayor said.\n\
             Work on the pier in {town} will start in spring and cost {} million crowns.",
            i + 2
        );
        let line =
            serde_json::json!({"id": format!("t{i}"), "outlet": "Harbour Tribune", "text": text});
        body.push_str(&format!("{line}\n"));
    }
    std::fs::write(&corpus, body).unwrap();
    let db = dir.path().join("site.db");
    let run = sitrep(&["run", corpus.to_str().unwrap(), "--quiet"], &db);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let mut texts = Vec::new();
    sitrep_store::Store::open(&db)
        .unwrap()
        .for_each_text(|_, t| texts.push(t.to_string()))
        .unwrap();
    assert_eq!(texts.len(), 4);
    for t in texts {
        assert!(!t.contains("Telegram"), "{t}");
        assert!(t.contains("approved a new ferry pier"), "{t}");
    }
}

#[test]
fn an_undated_article_is_dated_when_it_comes_again_with_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dating.db");
    let body = "Finland sent grain to Estonia on Tuesday, the ministry said. \
                Estonia thanked Finland for the shipment.";
    let plain = dir.path().join("undated.txt");
    std::fs::write(&plain, format!("Grain for Estonia\n\n{body}\n")).unwrap();
    let first = sitrep(&["run", plain.to_str().unwrap(), "--quiet"], &db);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let dates = |db: &Path| -> Vec<Option<String>> {
        let store = sitrep_store::Store::open(db).unwrap();
        let events = store.events().unwrap();
        assert!(!events.is_empty(), "no events coded");
        events
            .iter()
            .map(|e| e.event.date.as_ref().map(|d| d.date.value.clone()))
            .collect()
    };
    assert!(dates(&db).iter().all(Option::is_none), "{:?}", dates(&db));

    // The same article from a feed that carries its date: Wednesday 12 March 2031.
    let feed = dir.path().join("feed.jsonl");
    let line =
        serde_json::json!({"title": "Grain for Estonia", "date": "2031-03-12", "text": body});
    std::fs::write(&feed, format!("{line}\n")).unwrap();
    let second = sitrep(&["run", feed.to_str().unwrap(), "--quiet"], &db);
    let stderr = text(&second.stderr);
    assert_eq!(second.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("1 already stored, 1 of them dated now"),
        "{stderr}"
    );
    // "on Tuesday" dates the shipment; the thanks take the publication date.
    let now = dates(&db);
    let want = [
        Some("2031-03-11".to_string()),
        Some("2031-03-12".to_string()),
    ];
    assert_eq!(now, want);
}
