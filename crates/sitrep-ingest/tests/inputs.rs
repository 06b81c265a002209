//! Readers end to end: files, directories, compression, JSONL, WARC, limits, encodings.

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_ingest::{inputs, to_document, Format, IngestOptions, RawArticle};
use sitrep_model::Skipped;
use std::io::Write;
use std::path::{Path, PathBuf};

type Item = Result<RawArticle, Skipped>;

fn read_all(paths: &[PathBuf], opts: &IngestOptions) -> Vec<Item> {
    inputs(paths, opts).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn jsonl_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"title\":\"Item {i}\",\"text\":\"The council approved plan number {i} after a short debate on Monday.\"}}\n"))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn sources(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Ok(r) => r.source.clone(),
            Err(s) => format!("skip {}", s.source),
        })
        .collect()
}

#[test]
fn directories_walk_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", b"Second file body with some words.");
    write(dir.path(), "a/c.txt", b"Nested file body with some words.");
    write(dir.path(), "a.html", b"<p>A page.</p>");
    let items = read_all(&[dir.path().to_path_buf()], &IngestOptions::default());
    let names: Vec<String> = sources(&items)
        .iter()
        .map(|s| {
            s.trim_start_matches(&dir.path().display().to_string())
                .to_string()
        })
        .collect();
    assert_eq!(names, ["/a/c.txt", "/a.html", "/b.txt"]);
    let html = items[1].as_ref().unwrap();
    assert_eq!(html.format, Format::Html);
}

#[test]
fn jsonl_lines_become_articles_or_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let text = concat!(
        "{\"headline\":\"Dam opens\",\"body\":\"The new dam opened on Friday.\",\"published\":\"2020-02-03\",\"outlet\":\"Valley Post\",\"url\":\"http://v.example/1\"}\n",
        "not json at all\n",
        "\n",
        "[1, 2]\n",
        "{\"title\":\"no body here\"}\n",
        "{\"content\":\"Third form of body field.\"}\n",
    );
    let p = write(dir.path(), "feed.jsonl", text.as_bytes());
    let items = read_all(std::slice::from_ref(&p), &IngestOptions::default());
    assert_eq!(items.len(), 5, "{items:?}");
    let first = items[0].as_ref().unwrap();
    assert_eq!(first.source, format!("{}:1", p.display()));
    assert_eq!(first.title.as_deref(), Some("Dam opens"));
    assert_eq!(first.date.as_deref(), Some("2020-02-03"));
    assert_eq!(first.outlet.as_deref(), Some("Valley Post"));
    assert_eq!(first.url.as_deref(), Some("http://v.example/1"));
    assert_eq!(first.body, b"The new dam opened on Friday.");
    let bad = items[1].as_ref().unwrap_err();
    assert!(bad.reason.starts_with("invalid JSON"), "{bad}");
    assert!(bad.source.ends_with(":2"));
    assert!(items[2]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("not an object"));
    assert!(items[3]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("no text field"));
    assert!(items[4].as_ref().unwrap().source.ends_with(":6"));
}

#[test]
fn jsonl_field_names_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "x.ndjson",
        b"{\"story\":\"Words of the story.\",\"when\":\"2019-01-02\"}\n",
    );
    let opts = IngestOptions {
        text_fields: vec!["story".into()],
        date_fields: vec!["when".into()],
        ..IngestOptions::default()
    };
    let items = read_all(&[p], &opts);
    let raw = items[0].as_ref().unwrap();
    assert_eq!(raw.body, b"Words of the story.");
    assert_eq!(raw.date.as_deref(), Some("2019-01-02"));
}

#[test]
fn compressed_inputs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let lines = jsonl_lines(3);
    let gz = write(dir.path(), "a.jsonl.gz", &gzip(lines.as_bytes()));
    let zst = write(
        dir.path(),
        "b.jsonl.zst",
        &zstd::encode_all(lines.as_bytes(), 3).unwrap(),
    );
    let txt = write(
        dir.path(),
        "c.txt.gz",
        &gzip(b"A compressed plain text article."),
    );
    let items = read_all(&[gz, zst, txt], &IngestOptions::default());
    assert_eq!(items.len(), 7);
    assert!(items.iter().all(Result::is_ok), "{items:?}");
    assert_eq!(
        items[6].as_ref().unwrap().body,
        b"A compressed plain text article."
    );
}

#[test]
fn truncated_streams_report_items_then_the_truncation() {
    let dir = tempfile::tempdir().unwrap();
    // zstd decodes whole blocks (up to 128 KiB), so it needs a longer input to yield
    // anything before the cut.
    let lines = jsonl_lines(4000);
    let gz = gzip(lines.as_bytes());
    let zs = zstd::encode_all(lines.as_bytes(), 3).unwrap();
    let gz_path = write(dir.path(), "t.jsonl.gz", &gz[..gz.len() * 6 / 10]);
    let zst_path = write(dir.path(), "t.jsonl.zst", &zs[..zs.len() * 6 / 10]);
    for path in [gz_path, zst_path] {
        let items = read_all(std::slice::from_ref(&path), &IngestOptions::default());
        let ok = items.iter().filter(|i| i.is_ok()).count();
        assert!(ok > 10 && ok < 4000, "{path:?}: {ok} lines read");
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert!(
            last.reason.contains("truncated or corrupt"),
            "{path:?}: {last}"
        );
        assert_eq!(items.iter().filter(|i| i.is_err()).count(), 1);
    }
    let txt = write(dir.path(), "t.txt.gz", &gzip(lines.as_bytes())[..200]);
    let items = read_all(&[txt], &IngestOptions::default());
    assert!(items[0]
        .as_ref()
        .is_err_and(|s| s.reason.contains("truncated")));
}

#[test]
fn size_limit_skips_without_reading_everything() {
    let dir = tempfile::tempdir().unwrap();
    let big = "word ".repeat(2000);
    let plain = write(dir.path(), "big.txt", big.as_bytes());
    let packed = write(dir.path(), "big.txt.gz", &gzip(big.as_bytes()));
    let lines = format!("{{\"text\":\"{big}\"}}\n{{\"text\":\"short one\"}}\n");
    let jsonl = write(dir.path(), "big.jsonl", lines.as_bytes());
    let opts = IngestOptions {
        max_bytes: 1000,
        ..IngestOptions::default()
    };
    let items = read_all(&[plain, packed, jsonl], &opts);
    assert_eq!(items.len(), 4, "{items:?}");
    for item in &items[..3] {
        assert!(
            item.as_ref().is_err_and(|s| s.reason.contains("max_bytes")),
            "{item:?}"
        );
    }
    assert!(items[3].as_ref().is_ok_and(|r| r.body == b"short one"));
}

#[test]
fn unreadable_binary_and_empty_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let bin = write(
        dir.path(),
        "img.dat",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0x49, 0x48],
    );
    let empty = write(dir.path(), "empty.txt", b"");
    let opts = IngestOptions::default();
    let items = read_all(&[missing, bin, empty], &opts);
    assert!(items[0]
        .as_ref()
        .is_err_and(|s| s.reason.starts_with("cannot read")));
    let results: Vec<_> = items
        .into_iter()
        .skip(1)
        .map(|i| i.and_then(|r| to_document(r, &opts)))
        .collect();
    assert!(results[0]
        .as_ref()
        .is_err_and(|s| s.reason.contains("binary")));
    assert!(results[1]
        .as_ref()
        .is_err_and(|s| s.reason.contains("empty")));
}

#[test]
fn legacy_encodings_decode_to_the_right_text() {
    let dir = tempfile::tempdir().unwrap();
    let opts = IngestOptions::default();
    // windows-1252 bytes: curly quotes, an e acute, an en dash.
    let cp1252 =
        b"Caf\xe9 owners said the \x93new rules\x94 take effect in June \x96 a month late.";
    let sjis = encoding_rs::SHIFT_JIS
        .encode("東京都は月曜日、新しい防災計画を発表した。計画は来年から実施される予定だ。")
        .0;
    let euckr = encoding_rs::EUC_KR
        .encode("정부는 월요일 새로운 교통 정책을 발표했다. 정책은 내년부터 시행될 예정이다.")
        .0;
    let files = [
        write(dir.path(), "a.txt", cp1252),
        write(dir.path(), "b.txt", &sjis),
        write(dir.path(), "c.txt", &euckr),
    ];
    let docs: Vec<_> = read_all(&files, &opts)
        .into_iter()
        .map(|i| i.and_then(|r| to_document(r, &opts)).unwrap())
        .collect();
    assert_eq!(
        docs[0].text,
        "Café owners said the “new rules” take effect in June – a month late."
    );
    assert!(
        docs[0]
            .diagnostics
            .iter()
            .any(|d| d.contains("windows-1252")),
        "{:?}",
        docs[0].diagnostics
    );
    assert!(
        docs[1].text.starts_with("東京都は月曜日"),
        "{}",
        docs[1].text
    );
    assert!(
        docs[1].diagnostics.iter().any(|d| d.contains("Shift_JIS")),
        "{:?}",
        docs[1].diagnostics
    );
    assert!(
        docs[2].text.starts_with("정부는 월요일"),
        "{}",
        docs[2].text
    );
    assert!(
        docs[2].diagnostics.iter().any(|d| d.contains("EUC-KR")),
        "{:?}",
        docs[2].diagnostics
    );
    assert_eq!(docs[2].language.as_deref(), Some("ko"));
}

#[test]
fn warc_gz_records_stream() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><body><article><p>The lighthouse was repainted this spring, volunteers said, after years of neglect.</p></article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let rec = |kind: &str, body: &str| {
        format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://e.example/2021/04/05/light\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len())
    };
    let mut bytes = gzip(rec("request", "GET /light HTTP/1.1\r\n\r\n").as_bytes());
    bytes.extend(gzip(rec("response", &http).as_bytes()));
    let p = write(dir.path(), "crawl.warc.gz", &bytes);
    let opts = IngestOptions::default();
    let items = read_all(&[p], &opts);
    assert_eq!(items.len(), 2);
    assert!(items[0]
        .as_ref()
        .is_err_and(|s| s.reason.contains("request")));
    let raw = items[1].clone().unwrap();
    assert!(raw.source.ends_with("crawl.warc.gz#2"));
    let doc = to_document(raw, &opts).unwrap();
    assert!(doc.text.starts_with("The lighthouse was repainted"));
    let date = doc.published.unwrap();
    assert_eq!(
        (date.date.value.as_str(), date.origin.as_str()),
        ("2021-04-05", "url")
    );
}

#[test]
fn files_without_extension_are_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let j = write(
        dir.path(),
        "feed",
        b"{\"text\":\"From a JSONL file without extension.\"}\n",
    );
    let t = write(dir.path(), "note", b"Just a plain note about the harbour.");
    let items = read_all(&[j, t], &IngestOptions::default());
    assert!(items[0].as_ref().unwrap().source.ends_with("feed:1"));
    assert_eq!(items[1].as_ref().unwrap().format, Format::Text);
}
