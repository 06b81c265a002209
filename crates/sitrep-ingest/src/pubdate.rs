//! The publication date of an HTML page, read straight from the raw markup in one pass
//! (no DOM): prioritised sources after htmldate — the URL path, metadata (JSON-LD, meta
//! tags, microdata, `<time>`), date stamps in elements whose class says "date", dates
//! after a "Published" label, and last the first stamp below the title or the most
//! frequent date in the page text.
//! Publication dates beat update dates, unless the page text only ever shows the update
//! (or, for a UTC timestamp, only the neighbouring local day). Only days from 1995 to
//! 2030 count: no clock is read, and pages also name birthdays and historic dates.
//! The rule tables are `data/ingest/date_sources.tsv`.

use crate::dates::parse_date;
use regex::Regex;
use sitrep_model::{DateValue, Precision, PublishedDate};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

const DATE_SOURCES: &str = include_str!("../../../data/ingest/date_sources.tsv");

/// Plausible years for a news page: no clock is read, so "not in the future" is a range.
/// A date this close to the start of its line, after a place and a comma or bracket,
/// opens a dateline ("Bonn, 3.5.2021. The minister ..."), whatever follows.
const DATELINE: usize = 30;
/// A line of at most this many words around a date is a stamp, not a sentence.
const STAMP_WORDS: usize = 12;
const YEARS: std::ops::RangeInclusive<i32> = 1995..=2030;

/// Ranks, lower is stronger. Metadata, JSON and class-hint ranks come from the data
/// file; these are the fixed ones. Anything at `MODIFIED` or weaker only counts when
/// nothing better exists.
mod rank {
    pub const ITEMPROP: u8 = 1;
    pub const TIME_STRONG: u8 = 1;
    pub const URL: u8 = 0;
    /// Generic metadata dates (`date`, `dc.date`) and anything weaker.
    pub const GENERIC: u8 = 2;
    pub const TIME: u8 = 4;
    pub const LABEL: u8 = 8;
    pub const JSON: u8 = 9;
    pub const MODIFIED: u8 = 20;
    pub const FREQUENT: u8 = 30;
}

/// Substrings of class names or meta keys that mark a date, each with its rank. Every
/// element's class is checked, so all of them are found in one automaton pass.
#[derive(Default)]
struct Hints {
    keys: Vec<String>,
    ranks: Vec<u8>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl Hints {
    fn add(&mut self, key: String, rank: u8) {
        self.keys.push(key);
        self.ranks.push(rank);
    }

    fn build(&mut self) {
        self.automaton = aho_corasick::AhoCorasick::new(&self.keys).ok();
    }

    /// The best (lowest) rank of the hints `text` contains.
    fn best(&self, text: &str) -> Option<u8> {
        let automaton = self.automaton.as_ref()?;
        automaton
            .find_overlapping_iter(text)
            .filter_map(|m| self.ranks.get(m.pattern().as_usize()).copied())
            .min()
    }
}

/// The tables of `data/ingest/date_sources.tsv` and the text patterns built from them.
struct Sources {
    meta: HashMap<String, u8>,
    modified: Vec<String>,
    hints: Hints,
    meta_hints: Hints,
    json: HashMap<String, u8>,
    months: HashMap<String, u32>,
    labels: Vec<String>,
    text: Regex,
    label: Regex,
    ld: Regex,
    /// `31.10.23`: only trusted inside a date element.
    short: Regex,
}

fn sources() -> &'static Sources {
    static S: OnceLock<Sources> = OnceLock::new();
    S.get_or_init(|| load(DATE_SOURCES))
}

fn load(text: &str) -> Sources {
    let mut s = Sources {
        meta: HashMap::new(),
        modified: Vec::new(),
        hints: Hints::default(),
        meta_hints: Hints::default(),
        json: HashMap::new(),
        months: HashMap::new(),
        labels: Vec::new(),
        text: Regex::new("$^").expect("constant regex"),
        label: Regex::new("$^").expect("constant regex"),
        ld: Regex::new("$^").expect("constant regex"),
        short: Regex::new(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(\d{2})(?:[^\d.]|$)")
            .expect("constant regex"),
    };
    if let Ok(d) = sitrep_data::parse("ingest/date_sources.tsv", text) {
        for e in &d.entries {
            let (Some(key), Some(kind)) = (e.get(&d, "key"), e.get(&d, "kind")) else {
                continue;
            };
            let value: u32 = e.get(&d, "value").and_then(|v| v.parse().ok()).unwrap_or(0);
            if kind == "json" {
                s.json.insert(key.to_string(), value.min(19) as u8);
                continue;
            }
            let key = key.to_lowercase();
            match kind {
                "meta" => drop(s.meta.insert(key, value.min(19) as u8)),
                "modified" => s.modified.push(key),
                "hint" => s.hints.add(key, value.min(19) as u8),
                "meta-hint" => s.meta_hints.add(key, value.min(19) as u8),
                "month" => drop(s.months.insert(key, value)),
                "label" => s.labels.push(regex::escape(&key)),
                _ => {}
            }
        }
    }
    s.hints.build();
    s.meta_hints.build();
    let mut names: Vec<&str> = s.months.keys().map(String::as_str).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let months = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let y = r"((?:19|20)\d{2})";
    let pattern = format!(
        r"(?i)(?-u:\b)(?:{y}[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?:[^\d]|$)|(\d{{1,2}})([./-]|\.\s)(\d{{1,2}})(?:[./-]|\.\s){y}(?-u:\b)|({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{y}(?-u:\b)|(\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s*(?:de\s+)?({months})\.?,?\s+(?:de\s+)?{y}(?-u:\b))"
    );
    if let Ok(re) = Regex::new(&pattern) {
        s.text = re;
    }
    let label = format!(r"(?i)(?:{})(?-u:\b)[^\n\d]{{0,12}}$", s.labels.join("|"));
    if let Ok(re) = Regex::new(&label) {
        s.label = re;
    }
    let keys: Vec<String> = s.json.keys().map(|k| regex::escape(k)).collect();
    let ld = format!(
        r#""({}|dateModified)"\s*:\s*"([^"]{{4,40}})""#,
        keys.join("|")
    );
    if let Ok(re) = Regex::new(&ld) {
        s.ld = re;
    }
    s
}

/// A calendar day, checked.
type Day = (i32, u32, u32);

fn day(y: i32, m: u32, d: u32) -> Option<Day> {
    (YEARS.contains(&y) && chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()).then_some((y, m, d))
}

/// Every date written in `text`, with its byte offset.
fn text_dates<'t>(text: &'t str) -> impl Iterator<Item = (usize, Day)> + 't {
    let s = sources();
    s.text.captures_iter(text).filter_map(move |c| {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let month = |i: usize| {
            let name = c.get(i)?.as_str().to_lowercase();
            s.months.get(&name).copied()
        };
        let at = c.get(0)?.start();
        let found = if let Some(y) = n(1) {
            day(y as i32, n(2)?, n(3)?)
        } else if let Some(y) = n(7) {
            let (a, b) = (n(4)?, n(6)?);
            let (d, m) = match c.get(5)?.as_str() {
                "/" if a <= 12 && b > 12 => (b, a),
                "/" if a <= 12 => return None,
                _ => (a, b),
            };
            day(y as i32, m, d)
        } else if let Some(y) = n(10) {
            day(y as i32, month(8)?, n(9)?)
        } else {
            day(n(13)? as i32, month(12)?, n(11)?)
        };
        Some((at, found?))
    })
}

/// A `d.m.yy` date, read as 20yy.
fn short_date(text: &str) -> Option<Day> {
    let c = sources().short.captures(text)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    day(2000 + n(3)? as i32, n(2)?, n(1)?)
}

/// The day of a metadata value (`2024-05-22T09:02:11+09:00`, `Tue, 21 May 2024`, ...).
fn value_day(value: &str) -> Option<Day> {
    let value = value.trim();
    if let Some(v) = parse_date(value).filter(|v| v.precision >= Precision::Day) {
        let d = v.day()?;
        let n = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u32>().ok());
        let found = day(n(0..4)? as i32, n(5..7)?, n(8..10)?);
        if found.is_some() {
            return found;
        }
    }
    text_dates(value).next().map(|(_, d)| d)
}

/// `09:30` or the French `09h30`.
fn has_time(value: &str) -> bool {
    value.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

/// One candidate date: lower rank wins, then the earlier one in the page.
#[derive(Clone, Debug)]
struct Found {
    rank: u8,
    at: usize,
    day: Day,
    origin: &'static str,
    /// The value had a time of day, so its day may be another time zone's.
    timed: bool,
}

/// What one pass over the markup collects.
#[derive(Default)]
struct Scan {
    found: Vec<Found>,
    /// The visible text, whitespace squashed, blocks on their own lines.
    text: String,
    /// Offsets in `text` where an element whose class names a date stamp starts.
    hinted: Vec<(usize, u8)>,
    /// Every date of `text` with its offset, read once after the pass.
    visible: Vec<(usize, Day)>,
    canonical: Option<String>,
    /// Offset in `text` of the first `<h1>`, the page's title.
    title: Option<usize>,
}

impl Scan {
    fn add(&mut self, rank: u8, value: &str, origin: &'static str) {
        if let Some(day) = value_day(value) {
            self.found.push(Found {
                rank,
                at: self.text.len(),
                day,
                origin,
                timed: has_time(value),
            });
        }
    }
}

/// The publication date of an HTML page given as undecoded bytes; `url` is the page's
/// address when known (a date in its path counts).
///
/// ```
/// let page = br#"<html><head><meta property="article:published_time" content="2021-06-03T08:00:00Z">
///   </head><body><p>Updated 5 July 2021</p></body></html>"#;
/// let d = sitrep_ingest::publication_date(page, None).unwrap();
/// assert_eq!(d.date.value, "2021-06-03");
/// assert!(sitrep_ingest::publication_date(b"<p>No date.</p>", None).is_none());
/// ```
pub fn publication_date(html: &[u8], url: Option<&str>) -> Option<PublishedDate> {
    let text: Cow<str> = match std::str::from_utf8(html) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let declared = crate::decode::html_charset(html);
            Cow::Owned(crate::decode::decode(html, declared.as_deref()).text)
        }
    };
    publication_date_str(&text, url)
}

/// [`publication_date`] for decoded markup.
pub fn publication_date_str(html: &str, url: Option<&str>) -> Option<PublishedDate> {
    let mut scan = Scan::default();
    scan_markup(html, &mut scan);
    let page_url = url.map(str::to_string).or(scan.canonical.take());
    if let Some(d) = page_url.as_deref().and_then(crate::dates::url_date) {
        if d.precision == Precision::Day {
            // A path is fixed when the page is first published, so it also wins ties
            // with metadata, which sites rewrite on every update.
            let before = scan.found.len();
            scan.add(rank::URL, &d.value, "url");
            scan.found[before..].iter_mut().for_each(|f| f.at = 0);
        }
    }
    text_candidates(&mut scan);
    let best = scan.found.iter().min_by_key(|f| (f.rank, f.at)).cloned();
    let best = match best {
        Some(b) if b.rank < rank::MODIFIED => shown(b, &scan),
        other => frequent(&scan, html).or(other)?,
    };
    let (y, m, d) = best.day;
    Some(PublishedDate {
        date: DateValue {
            value: format!("{y:04}-{m:02}-{d:02}"),
            precision: Precision::Day,
        },
        origin: best.origin.to_string(),
    })
}

/// Dates in hinted elements and after labels in the visible text.
fn text_candidates(scan: &mut Scan) {
    let s = sources();
    let text = std::mem::take(&mut scan.text);
    for &(offset, rank) in &scan.hinted {
        let end = floor_boundary(&text, offset + 160);
        let Some(window) = text.get(offset..end) else {
            continue;
        };
        if let Some(day) = text_dates(window)
            .next()
            .map(|(_, d)| d)
            .or_else(|| short_date(window))
        {
            scan.found.push(Found {
                rank,
                at: offset,
                day,
                origin: "html:date element",
                timed: false,
            });
        }
    }
    scan.visible = text_dates(&text).collect();
    for &(at, day) in &scan.visible {
        let before = text.get(floor_boundary(&text, at.saturating_sub(40))..at);
        if before.is_some_and(|b| s.label.is_match(b)) {
            scan.found.push(Found {
                rank: rank::LABEL,
                at,
                day,
                origin: "html:text",
                timed: false,
            });
        }
    }
    scan.text = text;
}

/// When the chosen day never shows in the page text, a shown day wins: the day after or
/// before (a UTC timestamp whose local day the page prints), a shown stamp in the body
/// when the chosen one was a body stamp too, else a later update stamp (the page
/// presents its latest version). The stamp a reader sees is the one the page stands by.
fn shown(best: Found, scan: &Scan) -> Found {
    let visible: Vec<Day> = scan.visible.iter().map(|(_, d)| *d).collect();
    if visible.contains(&best.day) {
        return best;
    }
    let local = scan
        .found
        .iter()
        .filter(|f| best.timed && f.rank > best.rank && f.rank < rank::MODIFIED)
        .filter(|f| adjacent(f.day, best.day) && visible.contains(&f.day))
        .min_by_key(|f| (f.rank, f.at));
    if let Some(f) = local {
        return Found {
            origin: "html:shown",
            ..f.clone()
        };
    }
    if best.rank >= rank::GENERIC {
        // A generic `date` meta or a stamp in the body (a `<time>` attribute, a
        // class-named element) whose day is never shown is often a teaser's or the
        // crawl's: a shown stamp is the page's own.
        let body = scan
            .found
            .iter()
            .filter(|f| f.rank >= best.rank && f.rank < rank::MODIFIED)
            .filter(|f| visible.contains(&f.day))
            .min_by_key(|f| (f.rank, f.at));
        if let Some(f) = body {
            return Found {
                origin: "html:shown",
                ..f.clone()
            };
        }
    }
    let update = scan
        .found
        .iter()
        .filter(|f| f.rank == rank::MODIFIED && f.day > best.day)
        .find(|f| visible.contains(&f.day));
    match update {
        Some(f) => Found {
            origin: "html:shown update",
            ..f.clone()
        },
        None => best,
    }
}

/// True when the two days are one day apart.
fn adjacent(a: Day, b: Day) -> bool {
    let date = |x: Day| chrono::NaiveDate::from_ymd_opt(x.0, x.1, x.2);
    match (date(a), date(b)) {
        (Some(a), Some(b)) => (a - b).num_days().abs() == 1,
        _ => false,
    }
}

/// The last resort for pages without metadata: the first stamp after the title (a
/// date opening its line or alone on a short line below the `<h1>`: the page's own
/// dateline comes before its comments and teasers), else the most frequent date of the
/// visible text, else of the whole markup (attributes, URLs, scripts).
fn frequent(scan: &Scan, html: &str) -> Option<Found> {
    if let Some(title) = scan.title {
        let stamp = scan
            .visible
            .iter()
            .find(|(at, _)| *at >= title && stamp_line(&scan.text, *at));
        if let Some(&(at, day)) = stamp {
            return Some(Found {
                rank: rank::FREQUENT,
                at,
                day,
                origin: "html:after title",
                timed: false,
            });
        }
    }
    let mut counts: HashMap<Day, (usize, usize)> = HashMap::new();
    for &(at, day) in &scan.visible {
        counts.entry(day).or_insert((0, at)).0 += 1;
    }
    let mut origin = "html:frequent";
    if counts.is_empty() {
        origin = "html:frequent markup";
        for (at, day) in text_dates(html) {
            counts.entry(day).or_insert((0, at)).0 += 1;
        }
    }
    // On a tie the later day: pages cite earlier events more than later ones.
    let (day, (_, at)) = counts.into_iter().max_by_key(|(day, (n, _))| (*n, *day))?;
    Some(Found {
        rank: rank::FREQUENT,
        at,
        day,
        origin,
        timed: false,
    })
}

/// True when the date at `at` opens its line of text (a dateline: "Bonn, 3.5.2021. The
/// ...") or its line is a short stamp line, not a sentence that mentions a date.
fn stamp_line(text: &str, at: usize) -> bool {
    let start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let opens = text.get(start..at).is_some_and(|p| {
        let p = p.trim_end();
        p.len() <= DATELINE && (p.is_empty() || p.ends_with([',', '(', '-', '–', '|', ':']))
    });
    if opens {
        return true;
    }
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    text.get(start..end)
        .is_some_and(|l| l.split_whitespace().count() <= STAMP_WORDS)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Tags whose start or end breaks a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "article"
            | "section"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "table"
            | "dd"
            | "dt"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "time"
            | "address"
    )
}

/// One pass over the markup: tags feed [`open_tag`], raw text goes to `scan.text`.
fn scan_markup(html: &str, scan: &mut Scan) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|r| r.find('<')) {
        let lt = i + off;
        push_text(&mut scan.text, &html[i..lt]);
        i = match b.get(lt + 1) {
            Some(b'!') | Some(b'?') => skip_comment(html, lt),
            Some(b'/') => {
                let (name, end) = tag_name(html, lt + 2);
                if is_block(&name) {
                    scan.text.push('\n');
                }
                skip_to_gt(html, end)
            }
            Some(c) if c.is_ascii_alphabetic() => open_tag(html, lt, scan),
            _ => {
                scan.text.push('<');
                lt + 1
            }
        };
    }
    if let Some(rest) = html.get(i..) {
        push_text(&mut scan.text, rest);
    }
}

fn skip_comment(html: &str, lt: usize) -> usize {
    if html.get(lt..lt + 4) == Some("<!--") {
        return html
            .get(lt + 4..)
            .and_then(|r| r.find("-->"))
            .map_or(html.len(), |j| lt + 4 + j + 3);
    }
    skip_to_gt(html, lt + 1)
}

fn skip_to_gt(html: &str, from: usize) -> usize {
    html.get(from..)
        .and_then(|r| r.find('>'))
        .map_or(html.len(), |j| from + j + 1)
}

/// The lower-cased tag name starting at `from` and the offset after it.
fn tag_name(html: &str, from: usize) -> (Cow<'_, str>, usize) {
    let b = html.as_bytes();
    let mut end = from;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b':') {
        end += 1;
    }
    (lower(html.get(from..end).unwrap_or("")), end)
}

/// `s` in ASCII lower case, copied only when it has capitals (markup rarely does).
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Parses `name="value"` pairs up to the closing `>`; returns them and the offset after.
fn attributes(html: &str, from: usize) -> (Vec<(Cow<'_, str>, &str)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len());
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = lower(html.get(start..i).unwrap_or(""));
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            attrs.push((name, ""));
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, next) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = html
                    .get(i + 1..)
                    .and_then(|r| r.find(q as char))
                    .map_or(b.len(), |j| i + 1 + j);
                (html.get(i + 1..end).unwrap_or(""), end + 1)
            }
            _ => {
                let mut end = i;
                while end < b.len() && !b[end].is_ascii_whitespace() && b[end] != b'>' {
                    end += 1;
                }
                (html.get(i..end).unwrap_or(""), end)
            }
        };
        attrs.push((name, value));
        i = next;
    }
}

fn is_canonical(attrs: &[(Cow<'_, str>, &str)]) -> bool {
    attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
}

fn attr<'a>(attrs: &[(Cow<'_, str>, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}

/// Handles one opening tag at `lt`; returns the offset to continue from.
fn open_tag(html: &str, lt: usize, scan: &mut Scan) -> usize {
    let (name, after_name) = tag_name(html, lt + 1);
    let (attrs, end) = attributes(html, after_name);
    if is_block(&name) {
        scan.text.push('\n');
    }
    match name.as_ref() {
        "script" | "style" => return raw_text(html, end, &name, &attrs, scan),
        "meta" => meta_tag(&attrs, scan),
        "link" if scan.canonical.is_none() && is_canonical(&attrs) => {
            scan.canonical = attr(&attrs, "href").map(str::to_string);
        }
        "time" => time_tag(&attrs, scan),
        "h1" if scan.title.is_none() => scan.title = Some(scan.text.len()),
        _ => {}
    }
    microdata(&attrs, scan);
    class_hint(&name, &attrs, scan);
    end
}

/// Script and style bodies are not text; JSON in scripts may hold dates.
fn raw_text(
    html: &str,
    from: usize,
    name: &str,
    attrs: &[(Cow<'_, str>, &str)],
    scan: &mut Scan,
) -> usize {
    let close = crate::html::find_close(html, from, name).unwrap_or(html.len());
    let body = html.get(from..close).unwrap_or("");
    if name == "script" {
        let ld = attr(attrs, "type").is_some_and(|t| t.contains("ld+json"));
        json_dates(body, ld, scan);
    }
    skip_to_gt(html, close)
}

/// `datePublished` and friends in JSON-LD (strong) or in other inline JSON (weak).
fn json_dates(body: &str, ld: bool, scan: &mut Scan) {
    let s = sources();
    for c in s.ld.captures_iter(body) {
        let (Some(key), Some(value)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let rank = match (s.json.get(key.as_str()), ld) {
            (None, _) => rank::MODIFIED,
            (Some(&r), true) => r,
            (Some(&r), false) => rank::JSON + r,
        };
        let origin = if ld { "json-ld" } else { "json" };
        scan.add(rank, value.as_str(), origin);
    }
}

fn meta_tag(attrs: &[(Cow<'_, str>, &str)], scan: &mut Scan) {
    let Some(content) = attr(attrs, "content") else {
        return;
    };
    let s = sources();
    for key in ["property", "name", "itemprop", "http-equiv"] {
        let Some(k) = attr(attrs, key) else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        if let Some(&rank) = s.meta.get(&k) {
            scan.add(rank, content, "html:meta");
        } else if s.modified.contains(&k) {
            scan.add(rank::MODIFIED, content, "html:meta modified");
        } else if k == "og:url" && scan.canonical.is_none() {
            scan.canonical = Some(content.to_string());
        } else if k == "parsely-page" {
            json_dates(&content.replace("pub_date", "datePublished"), true, scan);
        } else if let Some(rank) = meta_hint(&k) {
            scan.add(rank, content, "html:meta");
        }
    }
}

/// The rank of a meta key that is not in the table but names a date.
fn meta_hint(key: &str) -> Option<u8> {
    if is_update(key) {
        return None;
    }
    sources().meta_hints.best(key)
}

fn is_update(hint: &str) -> bool {
    hint.contains("updat") || hint.contains("modif") || hint.contains("edited")
}

fn time_tag(attrs: &[(Cow<'_, str>, &str)], scan: &mut Scan) {
    let Some(dt) = attr(attrs, "datetime") else {
        return;
    };
    let class = attr(attrs, "class").unwrap_or("").to_ascii_lowercase();
    let prop = attr(attrs, "itemprop").unwrap_or("").to_ascii_lowercase();
    if is_update(&class) || prop.contains("modified") {
        scan.add(rank::MODIFIED, dt, "html:time modified");
        return;
    }
    let strong = attr(attrs, "pubdate").is_some()
        || prop.contains("datepublished")
        || class.contains("publish")
        || class.contains("entry-date");
    let rank = if strong {
        rank::TIME_STRONG
    } else {
        rank::TIME
    };
    scan.add(rank, dt, "html:time");
}

/// `itemprop="datePublished"` on any element: the value is an attribute or the text.
fn microdata(attrs: &[(Cow<'_, str>, &str)], scan: &mut Scan) {
    let Some(prop) = attr(attrs, "itemprop") else {
        return;
    };
    let prop = prop.to_ascii_lowercase();
    if !prop.contains("datepublished") && !prop.contains("datecreated") {
        return;
    }
    let value = attr(attrs, "content")
        .or(attr(attrs, "datetime"))
        .or(attr(attrs, "title"));
    match value {
        Some(v) => scan.add(rank::ITEMPROP, v, "html:itemprop"),
        None => scan.hinted.push((scan.text.len(), rank::ITEMPROP)),
    }
}

/// Elements whose class or id names a date stamp: their text is read after the pass.
fn class_hint(name: &str, attrs: &[(Cow<'_, str>, &str)], scan: &mut Scan) {
    if matches!(name, "html" | "body" | "meta" | "link" | "time") {
        return;
    }
    let (class, id) = (attr(attrs, "class"), attr(attrs, "id"));
    if class.is_none() && id.is_none() {
        return;
    }
    let mut hint = class.unwrap_or("").to_ascii_lowercase();
    if let Some(id) = id {
        hint.push(' ');
        hint.push_str(&id.to_ascii_lowercase());
    }
    // Most elements name no date: the automaton rules them out before anything else.
    let Some(rank) = sources().hints.best(&hint) else {
        return;
    };
    if is_update(&hint) {
        return;
    }
    for key in ["datetime", "title", "content", "data-date"] {
        if let Some(v) = attr(attrs, key) {
            scan.add(rank, v, "html:date element");
        }
    }
    scan.hinted.push((scan.text.len(), rank));
}

/// `&nbsp;`, `&thinsp;` (also as numbers) and `&amp;` decoded, in one pass: the entity
/// that starts at an `&` is decided there, and no decoded text is read again.
fn space_entities(raw: &str) -> Cow<'_, str> {
    const ENTITIES: [(&str, &str); 5] = [
        ("&nbsp;", " "),
        ("&#160;", " "),
        ("&thinsp;", " "),
        ("&#8201;", " "),
        ("&amp;", "&"),
    ];
    let Some(first) = raw.find('&') else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, to)) => {
                out.push_str(to);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Appends text with whitespace squashed and the common entities decoded. Words go in
/// whole: pushing character by character was a sixth of the scan.
fn push_text(out: &mut String, raw: &str) {
    let raw = space_entities(raw);
    let mut space = out.ends_with([' ', '\n']) || out.is_empty();
    let bytes = raw.as_bytes();
    let mut word: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (white, width) = crate::clean::space_at(&raw, b, i);
        if !white {
            word.get_or_insert(i);
        } else {
            if let Some(start) = word.take() {
                out.push_str(&raw[start..i]);
                space = false;
            }
            if !space {
                out.push(' ');
                space = true;
            }
        }
        i += width;
    }
    if let Some(start) = word {
        out.push_str(&raw[start..]);
    }
}

#[cfg(test)]
mod tests;
