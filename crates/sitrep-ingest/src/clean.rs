//! From a raw article to a clean [`Document`]: decoding, HTML extraction, the
//! line-level cleaner for scraped text, and metadata.
//!
//! The cleaner is conservative by construction: it only removes whole lines, and only
//! lines that a rule recognises as non-article (widgets, labels, credits, bios, stamps,
//! repeats). A long line with several sentences never matches a rule, so it stays.

use crate::dates::{date_line, parse_date, url_date};
use crate::decode::{decode, html_charset, is_binary};
use crate::dicts::{self, Matcher, Region};
use crate::read::skipped;
use crate::warc::looks_html;
use crate::{Format, IngestOptions, RawArticle};
use regex::Regex;
use sitrep_model::{DateValue, Document, PublishedDate, Removed, Skipped};
use std::sync::OnceLock;

/// Lines at the top where stamps, bylines and labels may appear.
const HEAD: usize = 12;
/// Lines at the bottom where bios and credits may appear.
const TAIL: usize = 6;

/// One non-empty input line and what became of it.
struct Line {
    text: String,
    blank_before: bool,
    removed: Option<String>,
}

/// What the cleaner found besides the body.
#[derive(Default)]
pub(crate) struct Found {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub update_date: Option<DateValue>,
    pub outlets: Vec<(u8, String)>,
    pub byline: Option<String>,
}

struct Patterns {
    byline: Regex,
    source: Regex,
    dateline_credit: Regex,
    wire_end: Regex,
    wire_start: Regex,
    sentence_break: Regex,
    copyright: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("constant regex");
        Patterns {
            byline: re(r"^(?i:by)\s+([\p{L}][\p{L}\p{M} .,'&-]{1,80})$"),
            source: re(r"^(?i:source|sources|via|출처)\s*[:：]\s*([^\d;:]{2,40})$"),
            dateline_credit: re(r"^\[([^\]=]{1,20})=([^\]]{1,20})\]$"),
            wire_end: re(r"\(([\p{L}][\p{L} .&-]{1,40})\)\s*$"),
            wire_start: re(r"^[\p{Lu}][\p{L}\d .,'-]{1,40}\(([\p{L}][\p{L} .&-]{1,40})\)\s*[-—–]"),
            sentence_break: re(r#"\p{Ll}{2}[.!?]["”’)]?\s+["“‘(]?\p{Lu}"#),
            copyright: re(r"^(?i:copyright\s*)?(?:©|\((?i:c)\))\s*(?:\d{4}\s*)?([\p{Lu}][\p{L}&' .-]{1,40}?)\.?(?:\s+(?i:all rights reserved|reproduction|do not)\b.*)?$"),
        }
    })
}

/// Outlet sources, strongest first.
const OUTLET_MASTHEAD: u8 = 1;
const OUTLET_SOURCE_LINE: u8 = 2;
const OUTLET_DATELINE: u8 = 3;
const OUTLET_WIRE: u8 = 4;
const OUTLET_GUESSED_MASTHEAD: u8 = 5;
const OUTLET_COPYRIGHT: u8 = 6;

pub(crate) fn to_document(raw: RawArticle, _opts: &IngestOptions) -> Result<Document, Skipped> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Err(skipped(raw.source, "empty article"));
    }
    if is_binary(&raw.body) {
        return Err(skipped(raw.source, "binary data, not text"));
    }
    let html = raw.format == Format::Html || looks_html(&raw.body);
    let declared = if html { html_charset(&raw.body) } else { None };
    let decoded = decode(&raw.body, declared.as_deref());
    let mut doc = Document::new(raw.source.clone(), String::new());
    doc.diagnostics = decoded.notes;
    let mut found = Found::default();
    let mut date_origin = String::from("text line");
    let mut extracted_removed = Vec::new();
    let body = if html {
        let ex = crate::html::extract_html(&decoded.text);
        found.title = ex.title.clone();
        if let Some(o) = ex.outlet.clone() {
            found.outlets.push((0, o));
        }
        found.byline = ex.byline.clone();
        if let Some(d) = page_date(ex.date.clone(), &decoded.text, raw.url.as_deref()) {
            found.date = Some(d.date);
            date_origin = d.origin;
        }
        doc.url = ex.url.clone();
        extracted_removed = ex.removed;
        ex.text
    } else {
        decoded.text
    };
    let (text, removed, from_text) = if html {
        (body, extracted_removed, Found::default())
    } else {
        clean_text(&body, raw.title.as_deref())
    };
    doc.text = text;
    doc.removed = removed;
    if doc.text.trim().is_empty() {
        let n = doc.removed.len();
        return Err(skipped(
            raw.source,
            format!("empty after cleaning ({n} lines removed as boilerplate)"),
        ));
    }
    merge(&mut doc, raw, found, from_text, &date_origin);
    finish(&mut doc);
    Ok(doc)
}

/// Container metadata beats page metadata beats text lines beats the URL.
/// The publication date of a page: the prioritised scan of [`crate::pubdate`] decides
/// the day; the DOM walk's date is kept when it names the same day, since it may carry
/// the time of day too.
fn page_date(dom: Option<PublishedDate>, html: &str, url: Option<&str>) -> Option<PublishedDate> {
    let scanned = crate::pubdate::publication_date_str(html, url);
    match (dom, scanned) {
        (Some(d), Some(s)) if d.date.day() == s.date.day() => Some(d),
        (d, s) => s.or(d),
    }
}

fn merge(doc: &mut Document, raw: RawArticle, page: Found, text: Found, date_origin: &str) {
    doc.url = raw.url.or(doc.url.take());
    doc.title = raw.title.or(page.title).or(text.title);
    doc.byline = page.byline.or(text.byline);
    let mut outlets: Vec<(u8, String)> = page.outlets.into_iter().chain(text.outlets).collect();
    outlets.sort_by_key(|(rank, _)| *rank);
    let container = raw.outlet.map(|o| canonical_outlet(&o));
    doc.outlet = container.or(outlets.first().map(|(_, o)| o.clone()));
    for (_, other) in &outlets {
        if doc.outlet.as_deref() != Some(other)
            && !doc.diagnostics.iter().any(|d| d.ends_with(other.as_str()))
        {
            doc.diagnostics.push(format!("also credited: {other}"));
        }
    }
    doc.published = published(
        doc,
        raw.date,
        page.date,
        date_origin,
        text.date,
        text.update_date,
    );
}

fn published(
    doc: &mut Document,
    container: Option<String>,
    page: Option<DateValue>,
    page_origin: &str,
    text_date: Option<DateValue>,
    update_date: Option<DateValue>,
) -> Option<PublishedDate> {
    let at = |date: DateValue, origin: &str| PublishedDate {
        date,
        origin: origin.to_string(),
    };
    if let Some(s) = container {
        match parse_date(&s) {
            Some(d) => return Some(at(d, "container")),
            None => doc
                .diagnostics
                .push(format!("unparseable date field {s:?}")),
        }
    }
    let found = page
        .map(|d| at(d, page_origin))
        .or_else(|| text_date.map(|d| at(d, "text line")))
        .or_else(|| doc.url.as_deref().and_then(url_date).map(|d| at(d, "url")))
        .or_else(|| update_date.map(|d| at(d, "text line (updated)")));
    if found.is_none() {
        doc.diagnostics.push("no publication date found".into());
    }
    found
}

/// `THE BALTIC COURIER` → `The Baltic Courier`; names in mixed case stay as written.
fn calm_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn canonical_outlet(name: &str) -> String {
    dicts::get()
        .outlet(name)
        .map_or_else(|| name.trim().to_string(), |o| o.name.clone())
}

/// Id, language.
fn finish(doc: &mut Document) {
    let normal: Vec<&str> = doc.text.split_whitespace().collect();
    let hash = xxhash_rust::xxh3::xxh3_128(normal.join(" ").as_bytes());
    doc.id = format!("{hash:032x}");
    // whatlang is half of the cost of a plain-text article; 1,200 characters decide.
    let sample: String = doc.text.chars().take(1200).collect();
    // Running English is recognised far cheaper by its function words.
    if plainly_english(&sample) {
        doc.language = Some("en".into());
        return;
    }
    match whatlang::detect(&sample) {
        // An unreliable guess (short texts, tables of figures, all-caps wires) must not get
        // a document skipped as foreign: record the guess and leave the language unknown.
        Some(info) if !info.is_reliable() => {
            let code = dicts::get().iso639_1(info.lang().code());
            doc.diagnostics
                .push(format!("language uncertain (best guess {code})"));
        }
        Some(info) => {
            let code = dicts::get().iso639_1(info.lang().code());
            if code != "en" {
                doc.diagnostics
                    .push(format!("language is {code} (not English)"));
            }
            doc.language = Some(code);
        }
        None => doc.diagnostics.push("language not detected".into()),
    }
}

/// Common English function words: a tenth or more of any stretch of running English, rare
/// in other languages.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "said", "by", "it",
    "as", "at", "from", "has", "have", "be", "are", "were", "which", "this", "will",
];

/// `(words, English function words)` in a text, counting words of two or more letters.
pub fn english_share(text: &str) -> (usize, usize) {
    let (mut words, mut english) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(1).is_some())
    {
        words += 1;
        // No allocation per word: only an ASCII word can lower-case to a function word
        // (the one non-ASCII letter that lower-cases to ASCII, the Kelvin sign, gives a
        // `k`, which none of them has).
        english += usize::from(
            word.is_ascii()
                && ENGLISH_FUNCTION_WORDS
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(word)),
        );
    }
    (words, english)
}

/// True for a sample of at least 20 words of which a tenth or more are English function
/// words: no other language reaches that share.
fn plainly_english(sample: &str) -> bool {
    let (words, english) = english_share(sample);
    words >= 20 && english * 10 >= words
}

/// Whether the character at `i`, whose first byte is `b`, is whitespace, and how many
/// bytes to step: only the lead bytes of non-ASCII whitespace are decoded.
#[inline]
pub(crate) fn space_at(text: &str, b: u8, i: usize) -> (bool, usize) {
    match b {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => (true, 1),
        0xC2 | 0xE1..=0xE3 => match text.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (c.is_whitespace(), c.len_utf8()),
            None => (false, 1),
        },
        _ => (false, 1),
    }
}

/// Collapses runs of whitespace inside a line.
pub(crate) fn squash(line: &str) -> String {
    // `split_whitespace` decodes every character; this reads bytes and decodes only the
    // lead bytes of the non-ASCII whitespace characters (no-break space, em space, ...).
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, width) = space_at(line, b, i);
        if !space {
            word.get_or_insert(i);
        } else if let Some(start) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&line[start..i]);
        }
        i += width;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&line[start..]);
    }
    out
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank = false;
    for raw in text.lines() {
        let t = squash(raw);
        if t.is_empty() {
            blank = true;
            continue;
        }
        lines.push(Line {
            text: t,
            blank_before: blank,
            removed: None,
        });
        blank = false;
    }
    lines
}

/// The cleaner for scraped text. Returns the body, the removed lines and the metadata
/// the removed lines carried.
pub(crate) fn clean_text(text: &str, known_title: Option<&str>) -> (String, Vec<Removed>, Found) {
    let mut lines = split_lines(text);
    let mut found = Found::default();
    let latin_doc = mostly_latin(text);
    let n = lines.len();
    let mut second_copies = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        // A line scraped twice keeps one copy: the copy is the scraper's, the line may be
        // news. A paragraph is article text, and an unlabelled caption cannot be told from
        // one and often states what happened ("Kim and Putin hold a summit at Vostochny on
        // Sept. 14, 2023"). A line the page itself labels a caption ("Photo: ...") goes,
        // doubled or not (`photo_label`).
        if let Some(at) = doubled_at(&line.text) {
            let what = if line.text.len() > DOUBLED_PARAGRAPH {
                "paragraph"
            } else {
                "caption"
            };
            second_copies.push(Removed {
                text: line.text[at + 1..].to_string(),
                reason: format!("second copy of a {what} scraped twice"),
            });
            line.text.truncate(at);
        }
        let region = (i < HEAD, i + TAIL >= n);
        line.removed = classify(&line.text, region, latin_doc, &mut found);
    }
    mark_title(&mut lines, known_title, &mut found);
    mark_repeats(&mut lines);
    wire_credit(&lines, &mut found);
    let mut body = String::new();
    let mut removed = second_copies;
    for line in lines {
        match line.removed {
            Some(reason) => removed.push(Removed {
                text: line.text,
                reason,
            }),
            None => {
                if !body.is_empty() {
                    body.push_str(if line.blank_before { "\n\n" } else { "\n" });
                }
                body.push_str(&line.text);
            }
        }
    }
    (body, removed, found)
}

/// Why a line is not article text, or `None` to keep it. Metadata lines fill `found`.
fn classify(
    line: &str,
    (head, tail): (bool, bool),
    latin_doc: bool,
    found: &mut Found,
) -> Option<String> {
    if !line.chars().any(char::is_alphanumeric) {
        return Some("separator".into());
    }
    if head {
        if let Some(reason) = head_metadata(line, found) {
            return Some(reason);
        }
    }
    if let Some(reason) = credit_line(line, found) {
        return Some(reason);
    }
    if let Some(reason) = rule_match(line, head, tail) {
        return Some(reason);
    }
    if menu_line(line) {
        return Some("navigation menu".into());
    }
    if latin_doc && foreign_fragment(line) {
        return Some("non-article script line".into());
    }
    if photo_label(line) {
        return Some("photo caption".into());
    }
    None
}

/// Date stamps, bylines and mastheads near the top.
fn head_metadata(line: &str, found: &mut Found) -> Option<String> {
    if let Some((date, update)) = date_line(line) {
        let slot = if update {
            &mut found.update_date
        } else {
            &mut found.date
        };
        slot.get_or_insert(date);
        return Some("date line".into());
    }
    // Cheap tests first: the patterns are anchored, and most lines are long sentences.
    let b = line.as_bytes();
    let starts_by = b.len() > 3 && b[..2].eq_ignore_ascii_case(b"by") && b[2].is_ascii_whitespace();
    if let Some(c) = starts_by
        .then(|| patterns().byline.captures(line))
        .flatten()
    {
        let full = c.get(1).map_or("", |m| m.as_str()).trim();
        // "By Jane Roe, Political Correspondent" names Jane Roe.
        let (name, rest) = full.split_once(',').unwrap_or((full, ""));
        let (name, rest) = (name.trim(), rest.trim());
        if is_name(name, 6) && (rest.is_empty() || is_name(rest, 4)) {
            for part in [name, rest] {
                if let Some(o) = dicts::get().outlet(part).filter(|o| o.wire) {
                    found.outlets.push((OUTLET_WIRE, o.name.clone()));
                }
            }
            found.byline.get_or_insert_with(|| name.to_string());
            return Some("byline".into());
        }
    }
    if let Some(o) = dicts::get().outlet(line) {
        found.outlets.push((OUTLET_MASTHEAD, o.name.clone()));
        return Some("outlet masthead".into());
    }
    None
}

/// Capitalised words (with the usual lowercase particles), as in a name or a title:
/// "By Jane Roe, Staff Writer" is a byline, "By contrast, officials said" is not.
fn is_name(text: &str, max_words: usize) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "van", "von", "der", "den", "la", "le", "al", "bin", "and", "of", "y",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= max_words
        && !text.ends_with(['.', '!', '?'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
}

/// `Source: X`, `[city=agency]` and `© 2025 Outlet` credit lines, anywhere.
fn credit_line(line: &str, found: &mut Found) -> Option<String> {
    let p = patterns();
    let marked = line.contains('©') || line.contains("(c)") || line.contains("(C)");
    if let Some(c) = marked.then(|| p.copyright.captures(line)).flatten() {
        let name = c.get(1).map_or("", |m| m.as_str()).trim();
        if is_name(name, 5) {
            found
                .outlets
                .push((OUTLET_COPYRIGHT, canonical_outlet(name)));
        }
        return Some("site credit".into());
    }
    // The pattern allows at most 8 + 2 + 40 characters of up to 4 bytes.
    let short = line.len() <= 200;
    if let Some(c) = short.then(|| p.source.captures(line)).flatten() {
        let name = c.get(1).map_or("", |m| m.as_str());
        found
            .outlets
            .push((OUTLET_SOURCE_LINE, canonical_outlet(name)));
        return Some("source credit".into());
    }
    let bracketed = line.starts_with('[') && line.ends_with(']');
    if let Some(c) = bracketed
        .then(|| p.dateline_credit.captures(line))
        .flatten()
    {
        let name = c.get(2).map_or("", |m| m.as_str());
        found
            .outlets
            .push((OUTLET_DATELINE, canonical_outlet(name)));
        return Some("dateline credit".into());
    }
    None
}

/// The line as `line` rules see it: lowercased, without bullets, pipes or end colons.
fn normal(line: &str) -> String {
    line.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '(' && c != '©')
        .to_lowercase()
}

fn rule_match(line: &str, head: bool, tail: bool) -> Option<String> {
    let norm = normal(line);
    let words = line.split_whitespace().count();
    dicts::get().rules.iter().find_map(|rule| {
        let in_region = match rule.region {
            Region::Any => true,
            Region::Head => head,
            Region::Tail => tail,
        };
        let hit = in_region
            && match &rule.matcher {
                Matcher::Line(p) => norm == *p,
                Matcher::Prefix(p) => words <= 12 && norm.starts_with(p.as_str()),
                Matcher::Regex(r) => r.is_match(line),
            };
        hit.then(|| format!("{} [{}]", rule.reason, rule.id))
    })
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

fn mostly_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if is_latin_letter(c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin > other * 4
}

/// A short line in another script inside a Latin-script article (`(作者:...)`).
fn foreign_fragment(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let foreign = letters.iter().filter(|c| !is_latin_letter(**c)).count();
    line.chars().count() <= 80 && foreign * 2 > letters.len()
}

/// A row of short links between separators: `Home | World | Politics | Economy`.
fn menu_line(line: &str) -> bool {
    let items: Vec<&str> = line
        .split(['|', '•', '·', '»'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|item| {
            item.split_whitespace().count() <= 4 && !item.ends_with(['.', '!', '?', ','])
        })
}

/// A caption labelled as one: "Photo: Firefighters at the port", "Image: ...".
fn photo_label(line: &str) -> bool {
    const LABELS: &[&str] = &["photo:", "image:", "picture:", "file photo:", "caption:"];
    let head = line.get(..12).unwrap_or(line).to_ascii_lowercase();
    LABELS.iter().any(|l| head.starts_with(l))
}

/// Where the second copy of a line scraped twice (`A A`) starts.
fn doubled_at(line: &str) -> Option<usize> {
    let len = line.len();
    if len < 41 {
        return None;
    }
    let mid = len / 2;
    (mid.saturating_sub(2)..=mid + 2).find(|&i| {
        line.is_char_boundary(i)
            && line[i..].starts_with(' ')
            && line
                .get(..i)
                .zip(line.get(i + 1..))
                .is_some_and(|(a, b)| a == b)
    })
}

/// Lines longer than this that were scraped twice are paragraphs, shorter ones captions.
const DOUBLED_PARAGRAPH: usize = 300;

fn title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=30).contains(&words)
        && line.len() <= 250
        && !line.ends_with(['.', ':', ','])
        && !patterns().sentence_break.is_match(line)
}

fn continues(next: Option<&Line>) -> bool {
    next.and_then(|l| l.text.chars().next())
        .is_some_and(|c| c.is_lowercase())
}

/// Finds the headline among the first kept lines, removes it and any duplicates of it,
/// and removes the short section labels above it.
fn mark_title(lines: &mut [Line], known: Option<&str>, found: &mut Found) {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].removed.is_none())
        .take(HEAD)
        .collect();
    let title = match known {
        Some(t) => squash(t),
        None => match guess_title(lines, &kept) {
            Some((at, labels)) => {
                // A name-shaped line opening the page, just above the headline, is the
                // masthead; after a removed widget line it is more likely a section label.
                if let Some(&first) = labels
                    .first()
                    .filter(|&&i| i == 0 && kept.first() == Some(&0))
                {
                    let name = lines[first].text.trim();
                    if is_name(name, 4) && !name.chars().any(|c| c.is_ascii_digit()) {
                        let name = calm_capitals(name);
                        found
                            .outlets
                            .push((OUTLET_GUESSED_MASTHEAD, canonical_outlet(&name)));
                    }
                }
                for i in labels {
                    lines[i].removed = Some("section label".into());
                }
                lines[at].removed = Some("title".into());
                let t = lines[at].text.clone();
                found.title = Some(t.clone());
                t
            }
            None => return,
        },
    };
    let key = title.to_lowercase();
    for &i in kept.iter().take(6) {
        if lines[i].removed.is_none() && lines[i].text.to_lowercase() == key {
            lines[i].removed = Some("duplicate of title".into());
        }
    }
}

/// The headline's index and the label lines above it.
fn guess_title(lines: &[Line], kept: &[usize]) -> Option<(usize, Vec<usize>)> {
    let mut labels = Vec::new();
    for (k, &i) in kept.iter().enumerate() {
        let text = &lines[i].text;
        let next = kept.get(k + 1).map(|&j| &lines[j]);
        let words = text.split_whitespace().count();
        if words <= 3 && !text.ends_with(['.', '!', '?']) && next.is_some() {
            labels.push(i);
            continue;
        }
        // A one-line article is body, not a headline over nothing.
        if title_like(text) && !continues(next) && next.is_some() {
            return Some((i, labels));
        }
        // The body starts here: a short line just above it is the headline.
        let last = labels.pop()?;
        let short_title = lines[last].text.split_whitespace().count() >= 2;
        return short_title.then_some((last, labels));
    }
    None
}

/// Verbatim repeats of a long kept line (captions, pull quotes) go; short repeats can be
/// structure (fixture lists), so they stay.
fn mark_repeats(lines: &mut [Line]) {
    let mut seen = std::collections::HashSet::new();
    let long = |l: &&mut Line| l.removed.is_none() && l.text.split_whitespace().count() >= 8;
    for line in lines.iter_mut().filter(long) {
        if !seen.insert(line.text.to_lowercase()) {
            line.removed = Some("repeated line".into());
        }
    }
}

/// `(Yonhap)` at the end of the last paragraph or `SEOUL, May 3 (Yonhap) --` at the start.
fn wire_credit(lines: &[Line], found: &mut Found) {
    let mut kept = lines.iter().filter(|l| l.removed.is_none());
    let first = kept.next();
    let last = lines.iter().rev().find(|l| l.removed.is_none());
    let p = patterns();
    let credits = [
        last.and_then(|l| p.wire_end.captures(&l.text)),
        first.and_then(|l| p.wire_start.captures(&l.text)),
    ];
    for (i, c) in credits.into_iter().enumerate() {
        let Some(name) = c.and_then(|c| c.get(1)).map(|m| m.as_str().trim()) else {
            continue;
        };
        match dicts::get().outlet(name).filter(|o| o.wire) {
            Some(o) => found.outlets.push((OUTLET_WIRE, o.name.clone())),
            // A dateline credit `CITY, March 4 (Agency) -` names a wire even when we do
            // not know it.
            None if i == 1 && is_name(name, 3) => {
                found.outlets.push((OUTLET_WIRE, name.to_string()));
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests;
