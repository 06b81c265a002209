//! Boilerplate learnt across a run: a line that many documents of one site carry word for
//! word ("Follow us on Telegram", a newsletter pitch, a section banner, a standing credit)
//! is the site's template, whatever it says.
//!
//! [`SiteRepeats`] counts, per site (the outlet, else the URL's host), how many documents
//! contain each line, after folding case, digits and spacing so view counters and dates
//! inside a template line still match. [`SiteRepeats::strip`] then removes the lines that
//! reached the thresholds from a document. Three guards keep article text:
//! - a line shaped like a sentence (at least [`SENTENCE_WORDS`] words,
//!   ending in sentence punctuation) must be on most of the site's documents, not just on
//!   several: wire stories reuse background paragraphs, templates are on every page;
//! - a document that would keep no sentence keeps every line: it is a copy of another
//!   document (or all template), and its lines repeat because the text does;
//! - only documents with a known site take part, and each distinct text counts once (a page
//!   crawled twice is not a template).
//!
//! Counts grow as a run goes on, so a site's first pages may keep a template line that
//! later pages lose: the line is learnt once [`MIN_DOCUMENTS`] pages carry it (`sitrep run`
//! counts each batch before stripping it, so within a batch the order does not matter).
//!
//! Memory is bounded: when the table passes [`MAX_LINES`] entries, the rarest lines are
//! forgotten until half of it is left.

use sitrep_model::{Document, Removed};
use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Documents of one site that must carry a line before it counts as boilerplate.
pub const MIN_DOCUMENTS: u32 = 3;
/// Lines with at least this many words and sentence punctuation at the end read as article
/// sentences and need [`SENTENCE_SHARE`] of the site's documents.
pub const SENTENCE_WORDS: usize = 4;
/// Share of a site's documents a sentence-shaped line must be on (and at least
/// [`SENTENCE_MIN_DOCUMENTS`] of them).
pub const SENTENCE_SHARE: f64 = 0.5;
/// Documents a sentence-shaped line must be on at least.
pub const SENTENCE_MIN_DOCUMENTS: u32 = 5;
/// Upper bound on remembered (site, line) pairs.
pub const MAX_LINES: usize = 2_000_000;

/// Line counts per site, fed document by document.
#[derive(Default)]
pub struct SiteRepeats {
    /// (site, line) → number of documents of the site carrying the line.
    lines: HashMap<(u64, u64), u32>,
    /// Site → number of documents seen.
    documents: HashMap<u64, u32>,
    /// Texts already counted: a page crawled twice, or fed twice, must not make its own
    /// lines look like a template.
    texts: HashSet<u64>,
}

impl SiteRepeats {
    /// An empty table.
    pub fn new() -> SiteRepeats {
        SiteRepeats::default()
    }

    /// Counts the lines of one document (each line once per document).
    pub fn observe(&mut self, doc: &Document) {
        let Some(site) = site_key(doc) else {
            return;
        };
        if !self.texts.insert(xxh3_64(doc.text.as_bytes())) {
            return;
        }
        *self.documents.entry(site).or_default() += 1;
        let keys: HashSet<u64> = lines(&doc.text).map(|l| l.key).collect();
        for key in keys {
            *self.lines.entry((site, key)).or_default() += 1;
        }
        if self.lines.len() > MAX_LINES {
            self.forget();
        }
        if self.texts.len() > MAX_LINES {
            self.texts.clear();
        }
    }

    /// Forgets the rarest lines until the table is at half its bound: each pass raises the
    /// count a line needs to stay, so the bound holds however the counts are spread.
    fn forget(&mut self) {
        let mut keep_above = 1;
        while self.lines.len() > MAX_LINES / 2 {
            self.lines.retain(|_, n| *n > keep_above);
            keep_above += 1;
        }
    }

    /// Removes the document's lines that are its site's boilerplate, recording each in
    /// `doc.removed`; returns how many were removed.
    pub fn strip(&self, doc: &mut Document) -> usize {
        let Some(site) = site_key(doc) else {
            return 0;
        };
        let site_docs = self.documents.get(&site).copied().unwrap_or(0);
        let (dropped, kept): (Vec<Line>, Vec<Line>) = lines(&doc.text).partition(|l| {
            let seen = self.lines.get(&(site, l.key)).copied().unwrap_or(0);
            is_boilerplate(l.sentence, seen, site_docs)
        });
        if dropped.is_empty() || !kept.iter().any(|l| l.sentence) {
            return 0;
        }
        let dropped: Vec<String> = dropped.iter().map(|l| l.text.to_string()).collect();
        doc.text = without_lines(&doc.text, &dropped);
        let count = dropped.len();
        doc.removed.extend(dropped.into_iter().map(|text| Removed {
            text,
            reason: "repeated on the site's pages".into(),
        }));
        count
    }
}

/// `text` without the given lines (in order), keeping every other byte, with the blank
/// lines a removal leaves behind squeezed to one.
fn without_lines(text: &str, dropped: &[impl AsRef<str>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut next = dropped.iter().peekable();
    for segment in text.split_inclusive('\n') {
        if next.peek().is_some_and(|d| segment.trim() == d.as_ref()) {
            next.next();
            continue;
        }
        if segment.trim().is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(segment);
    }
    out.trim_end().to_string()
}

fn is_boilerplate(sentence: bool, seen: u32, site_docs: u32) -> bool {
    if seen < MIN_DOCUMENTS {
        return false;
    }
    !sentence
        || (seen >= SENTENCE_MIN_DOCUMENTS
            && f64::from(seen) >= f64::from(site_docs) * SENTENCE_SHARE)
}

/// A line shaped like running text: enough words and sentence punctuation at the end.
fn is_sentence(line: &str) -> bool {
    line.split_whitespace().count() >= SENTENCE_WORDS
        && line
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?'])
}

/// The outlet, else the URL's host: documents without either are not grouped.
fn site_key(doc: &Document) -> Option<u64> {
    let site = doc
        .outlet
        .as_deref()
        .map(str::to_lowercase)
        .or_else(|| doc.url.as_deref().and_then(host))?;
    Some(xxh3_64(site.as_bytes()))
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// One line of a document as the counts see it.
struct Line<'t> {
    text: &'t str,
    key: u64,
    /// Shaped like running text ([`is_sentence`]).
    sentence: bool,
}

/// The non-empty lines of `text` with their keys: sentences keep their numbers (reports
/// that differ only in figures are different reports), template lines fold them.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.chars().any(char::is_alphabetic))
        .map(|text| {
            let sentence = is_sentence(text);
            let key = match sentence {
                true => xxh3_64(text.to_lowercase().as_bytes()),
                false => xxh3_64(fold(text).as_bytes()),
            };
            Line {
                text,
                key,
                sentence,
            }
        })
}

/// Lower case, each number as `0`, runs of other non-letters as one space.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut gap = false;
    for c in line.chars() {
        if c.is_alphabetic() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c.is_numeric() {
            // "1,234" and "98" are one number each.
            if !out.ends_with('0') {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                out.push('0');
            }
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(outlet: &str, body: &str) -> Document {
        let mut doc = Document::new("t", body);
        doc.outlet = Some(outlet.into());
        doc
    }

    fn article(i: usize) -> String {
        format!(
            "Harbour Tribune | Live updates\n\
             The council approved plan number {i} for the eastern pier on Monday after a long debate.\n\
             Work on the quay wall is expected to start in the spring, the mayor told reporters.\n\
             Subscribe to our newsletter to get every story first in your inbox each morning.\n\
             Views: {}\n\
             Fishermen asked for a lower speed limit in the bay during the works on section {i}.",
            100 + i * 37
        )
    }

    fn run(docs: &mut [Document]) {
        let mut repeats = SiteRepeats::new();
        for d in docs.iter() {
            repeats.observe(d);
        }
        for d in docs.iter_mut() {
            repeats.strip(d);
        }
    }

    #[test]
    fn template_lines_of_one_site_are_removed_and_articles_kept() {
        let mut docs: Vec<Document> = (0..6)
            .map(|i| page("Harbour Tribune", &article(i)))
            .collect();
        run(&mut docs);
        for d in &docs {
            assert!(!d.text.contains("Live updates"), "{}", d.text);
            assert!(!d.text.contains("Views"), "{}", d.text);
            assert!(!d.text.contains("Subscribe"), "{}", d.text);
            assert!(d.text.contains("The council approved plan"), "{}", d.text);
            assert!(d.removed.iter().all(|r| r.reason.contains("repeated")));
        }
        // The quay sentence is on every page too, but reads as running text: on 6 of 6
        // documents it counts as the template, which is what a constant line is.
        assert_eq!(docs[0].removed.len(), 4);
    }

    #[test]
    fn too_few_documents_or_other_sites_change_nothing() {
        let mut docs: Vec<Document> = (0..2)
            .map(|i| page("Harbour Tribune", &article(i)))
            .collect();
        docs.push(page("Valley Post", &article(2)));
        run(&mut docs);
        assert!(docs.iter().all(|d| d.removed.is_empty()));
    }

    #[test]
    fn background_sentences_on_some_pages_stay() {
        let background =
            "The ministry has denied any role in the shipments, which began last year.";
        let mut docs: Vec<Document> = (0..10)
            .map(|i| {
                let extra = if i < 4 {
                    background
                } else {
                    "Other news followed."
                };
                page(
                    "Harbour Tribune",
                    &format!("Report {i} opens here with a fact about port {i}.\n{extra}"),
                )
            })
            .collect();
        run(&mut docs);
        assert!(docs[0].text.contains("denied any role"), "{}", docs[0].text);
    }

    #[test]
    fn copies_of_one_article_keep_their_sentences() {
        let mut docs: Vec<Document> = (0..4)
            .map(|_| page("Harbour Tribune", &article(1)))
            .collect();
        run(&mut docs);
        for d in &docs {
            assert!(
                d.text.contains("The council approved plan number 1"),
                "{}",
                d.text
            );
            assert!(d.text.contains("Fishermen asked"), "{}", d.text);
        }
        // Copies of a short note repeat all of it: nothing is removed.
        let note = "Port closed today\nMore soon";
        let mut docs: Vec<Document> = (0..4).map(|_| page("Harbour Tribune", note)).collect();
        run(&mut docs);
        assert!(docs.iter().all(|d| d.removed.is_empty() && d.text == note));
    }

    #[test]
    fn the_same_page_fed_three_times_keeps_its_short_lines() {
        let page_text = "Port reopens\nThe attack killed five people.\nShips waited outside the harbour for two days before the order came.";
        let mut docs: Vec<Document> = (0..3).map(|_| page("Harbour Tribune", page_text)).collect();
        run(&mut docs);
        assert!(docs.iter().all(|d| d.text == page_text), "{}", docs[0].text);
    }

    #[test]
    fn short_sentences_need_most_of_the_site_pages() {
        // "Police said nothing more." is on 3 of 10 pages: a sentence, not a template.
        let mut docs: Vec<Document> = (0..10)
            .map(|i| {
                let extra = if i < 3 {
                    "Police said nothing more."
                } else {
                    "More soon."
                };
                page(
                    "Harbour Tribune",
                    &format!("Report {i} says port {i} reopened on Monday morning.\n{extra}"),
                )
            })
            .collect();
        run(&mut docs);
        assert!(
            docs[0].text.contains("Police said nothing more."),
            "{}",
            docs[0].text
        );
    }

    #[test]
    fn removal_keeps_the_other_bytes_and_one_blank_line() {
        assert_eq!(without_lines("A.\n\nB\n\nC.", &["B"]), "A.\n\nC.");
        assert_eq!(without_lines("Top\nA.\nB.", &["Top"]), "A.\nB.");
    }

    #[test]
    fn hosts_group_pages_without_an_outlet() {
        assert_eq!(
            host("https://www.example.org/a/b?x=1").as_deref(),
            Some("example.org")
        );
        assert_eq!(fold("Views: 1,234 — today"), fold("views 98 today"));
    }
}
