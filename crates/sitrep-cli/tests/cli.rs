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
