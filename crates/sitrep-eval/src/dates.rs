//! `dates`: publication dates of HTML pages on the htmldate evaluation layout
//! (`eval_*.json` `{url: {file, date}}` beside `eval_*-html.tar.zst`).
//!
//! The metric is htmldate's: a page is right when the found day (`YYYY-MM-DD`) equals the
//! gold day, or when the gold has no date (`NaN`) and nothing was found. Pages are split
//! in two halves by a hash of the URL: rules were developed on the `dev` half only, so
//! a gap between the halves shows overfitting. Only the date extraction is timed.
//! Set `SITREP_DATES_MISSES=1` to list the misses.

use crate::clock::Stopwatch;
use crate::{ratio, EvalError, Report};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One gold page.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Case {
    /// The gold set it comes from (`eval_default`).
    set: String,
    url: String,
    /// The member's file name inside the archive.
    file: String,
    /// `None` when the gold says the page has no date.
    date: Option<String>,
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    date: Option<String>,
}

/// Counts for one group of pages.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: u64,
    wrong: u64,
    none: u64,
}

impl Tally {
    fn pages(&self) -> u64 {
        self.right + self.wrong + self.none
    }
    fn accuracy(&self) -> f64 {
        ratio(self.right, self.pages())
    }
}

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let sets = gold_sets(data)?;
    let mut pages = Vec::new();
    for (set, json) in &sets {
        let cases = read_gold(set, json)?;
        let archive = data.join(format!("{set}-html.tar.zst"));
        let members = read_archive(&archive, &cases)?;
        let (found, missing) = match_members(cases, members);
        if let Some(file) = missing.first() {
            return Err(EvalError::Format {
                path: archive,
                message: format!(
                    "{} gold files not in the archive, e.g. {file}",
                    missing.len()
                ),
            });
        }
        pages.extend(found);
    }
    Ok(score(&pages))
}

/// The `eval_*.json` files under `data`, by set name.
fn gold_sets(data: &Path) -> Result<BTreeMap<String, PathBuf>, EvalError> {
    let dir = std::fs::read_dir(data).map_err(|source| EvalError::Io {
        path: data.to_path_buf(),
        source,
    })?;
    let sets: BTreeMap<String, PathBuf> = dir
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let set = name.strip_suffix(".json")?.to_string();
            set.starts_with("eval_").then(|| (set, e.path()))
        })
        .collect();
    if sets.is_empty() {
        return Err(EvalError::Format {
            path: data.to_path_buf(),
            message: "no eval_*.json gold files here (expected the htmldate layout)".into(),
        });
    }
    Ok(sets)
}

fn read_gold(set: &str, path: &Path) -> Result<Vec<Case>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_gold(set, &text).map_err(|message| EvalError::Format {
        path: path.to_path_buf(),
        message,
    })
}

/// Parses `{url: {file, date}}`; htmldate writes a missing date as a bare `NaN`.
fn parse_gold(set: &str, text: &str) -> Result<Vec<Case>, String> {
    let text = text.replace(": NaN", ": null");
    let map: BTreeMap<String, Entry> = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(map
        .into_iter()
        .map(|(url, e)| Case {
            set: set.to_string(),
            url,
            file: e.file,
            date: e.date.filter(|d| !d.trim().is_empty()),
        })
        .collect())
}

fn read_archive(path: &Path, cases: &[Case]) -> Result<HashMap<String, Vec<u8>>, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let zst = zstd::stream::read::Decoder::new(file).map_err(io)?;
    let wanted: HashSet<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    tar_members(zst, &wanted).map_err(io)
}

/// The regular members of a tar stream whose file name (the last path component) is
/// wanted, keyed by that name.
fn tar_members(
    reader: impl Read,
    wanted: &HashSet<&str>,
) -> std::io::Result<HashMap<String, Vec<u8>>> {
    let mut archive = tar::Archive::new(reader);
    let mut out = HashMap::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path()?;
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if !wanted.contains(name.as_str()) {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        out.insert(name, bytes);
    }
    Ok(out)
}

/// Pairs each case with its page; the second list names the files not found.
fn match_members(
    cases: Vec<Case>,
    members: HashMap<String, Vec<u8>>,
) -> (Vec<(Case, Vec<u8>)>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for case in cases {
        // Two gold URLs may share one file: clone rather than take.
        match members.get(&case.file) {
            Some(bytes) => found.push((case, bytes.clone())),
            None => missing.push(case.file),
        }
    }
    (found, missing)
}

/// FNV-1a: a stable hash, so the halves never change between runs or Rust versions.
fn half(url: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 32) as usize & 1
}

const HALVES: [&str; 2] = ["dev", "held-out"];

/// Counts by gold set, by half and by the origin of the found date.
#[derive(Default)]
struct Tallies<'a> {
    total: Tally,
    halves: [Tally; 2],
    sets: BTreeMap<&'a str, Tally>,
    origins: BTreeMap<String, Tally>,
}

impl<'a> Tallies<'a> {
    fn add(&mut self, case: &'a Case, verdict: Verdict, origin: &str) {
        let origin = if origin.is_empty() { "(none)" } else { origin };
        for t in [
            &mut self.total,
            &mut self.halves[half(&case.url)],
            self.sets.entry(&case.set).or_default(),
            self.origins.entry(origin.to_string()).or_default(),
        ] {
            match verdict {
                Verdict::Right => t.right += 1,
                Verdict::None => t.none += 1,
                Verdict::Wrong => t.wrong += 1,
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Right,
    None,
    Wrong,
}

fn score(pages: &[(Case, Vec<u8>)]) -> Report {
    let verbose = std::env::var_os("SITREP_DATES_MISSES").is_some();
    let mut tallies = Tallies::default();
    let mut misses = Vec::new();
    let mut clock = Stopwatch::new();
    for (case, html) in pages {
        let found = clock.time(|| sitrep_ingest::publication_date(html, Some(&case.url)));
        let day = found.as_ref().and_then(|p| p.date.day());
        let verdict = match (day, case.date.as_deref()) {
            (d, g) if d == g => Verdict::Right,
            (None, _) => Verdict::None,
            _ => Verdict::Wrong,
        };
        let origin = found.as_ref().map_or("", |p| p.origin.as_str());
        tallies.add(case, verdict, origin);
        if verbose && verdict != Verdict::Right {
            misses.push(format!(
                "{:<5} [{}] {} gold {} got {} ({origin}) {}",
                format!("{verdict:?}").to_lowercase(),
                HALVES[half(&case.url)],
                case.file,
                case.date.as_deref().unwrap_or("-"),
                day.unwrap_or("-"),
                case.url
            ));
        }
    }
    report(&tallies, &clock, misses)
}

fn report(t: &Tallies, clock: &Stopwatch, misses: Vec<String>) -> Report {
    let pages_per_s = t.total.pages() as f64 / clock.core().max(1e-9);
    let wall_pages_per_s = t.total.pages() as f64 / clock.wall().max(1e-9);
    let mut r = Report::new("dates");
    r.lines = misses;
    r.lines.push(format!(
        "{} pages, day must match, one core",
        t.total.pages()
    ));
    r.lines.push(format!(
        "{:<22} {:>6} {:>6} {:>6} {:>6} {:>9}",
        "", "pages", "right", "none", "wrong", "accuracy"
    ));
    let mut row = |name: &str, t: &Tally| {
        r.lines.push(format!(
            "{name:<22} {:>6} {:>6} {:>6} {:>6} {:>9.3}",
            t.pages(),
            t.right,
            t.none,
            t.wrong,
            t.accuracy()
        ));
    };
    for (origin, tally) in &t.origins {
        row(&format!("from {origin}"), tally);
    }
    for (set, tally) in &t.sets {
        row(set, tally);
    }
    for (name, tally) in HALVES.iter().zip(&t.halves) {
        row(&format!("half: {name}"), tally);
    }
    row("all", &t.total);
    r.lines.push(format!(
        "{pages_per_s:.0} pages/s on one core ({}; {wall_pages_per_s:.0} by the wall clock), date extraction only",
        clock.core_label()
    ));
    r.lines.push(
        "peers (measured here): htmldate 1.11 extensive 0.903 at 167 pages/s; fast 0.863 at 384 pages/s"
            .into(),
    );
    r.figure("pages", t.total.pages());
    r.figure("accuracy", t.total.accuracy());
    r.figure("accuracy_dev", t.halves[0].accuracy());
    r.figure("accuracy_held_out", t.halves[1].accuracy());
    r.figure("none", t.total.none);
    r.figure("wrong", t.total.wrong);
    r.figure("pages_per_s", pages_per_s);
    r.figure("wall_pages_per_s", wall_pages_per_s);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (path, body) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, path, body.as_bytes()).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn gold_files_match_archive_members_by_name() {
        let gold = r#"{"https://a.example/2020/01/02/x": {"file": "a.html", "date": "2020-01-02"},
                      "https://b.example/": {"file": "b.html", "date": NaN},
                      "https://c.example/": {"file": "c.html", "date": "2021-05-06"}}"#;
        let cases = parse_gold("eval_t", gold).unwrap();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[1].date, None);
        let tar = tar_of(&[
            ("html/a.html", "<p>a</p>"),
            ("html/b.html", "<p>b</p>"),
            ("html/unrelated.html", "<p>z</p>"),
        ]);
        let zst = zstd::encode_all(&tar[..], 1).unwrap();
        let wanted: HashSet<&str> = cases.iter().map(|c| c.file.as_str()).collect();
        let members =
            tar_members(zstd::stream::read::Decoder::new(&zst[..]).unwrap(), &wanted).unwrap();
        assert_eq!(members.len(), 2);
        let (found, missing) = match_members(cases, members);
        assert_eq!(missing, vec!["c.html".to_string()]);
        let pairs: Vec<(&str, &[u8])> = found
            .iter()
            .map(|(c, b)| (c.file.as_str(), b.as_slice()))
            .collect();
        assert_eq!(
            pairs,
            vec![("a.html", &b"<p>a</p>"[..]), ("b.html", &b"<p>b</p>"[..])]
        );
    }

    #[test]
    fn scoring_counts_dateless_gold_as_right_when_nothing_is_found() {
        let case = |file: &str, date: Option<&str>| Case {
            set: "eval_t".into(),
            url: format!("https://x.example/{file}"),
            file: file.into(),
            date: date.map(str::to_string),
        };
        let page = b"<html><head><meta property=\"article:published_time\" content=\"2019-03-04T10:00:00Z\"></head></html>".to_vec();
        let pages = vec![
            (case("a", Some("2019-03-04")), page.clone()),
            (case("b", Some("2019-03-05")), page),
            (case("c", None), b"<p>no date</p>".to_vec()),
            (case("d", Some("2019-03-05")), b"<p>no date</p>".to_vec()),
        ];
        let r = score(&pages);
        assert_eq!(r.figures["pages"], 4);
        assert_eq!(r.figures["accuracy"], 0.5);
        assert_eq!(r.figures["wrong"], 1);
        assert_eq!(r.figures["none"], 1);
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        assert!(run(Path::new("/nonexistent/sitrep/dates")).is_err());
    }
}
