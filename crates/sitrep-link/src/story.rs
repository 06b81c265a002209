//! Stories: reports about the same real-world incident.
//!
//! Two reports of one incident share rare content words, the same names and the same
//! dates; a new incident of the same kind (another missile test, another summit) shares
//! the vocabulary of its kind but usually not its names, numbers or dates. A
//! [`StoryDoc`] keeps three sparse vectors per document, each L2-normalised with
//! sublinear tf × idf weights from an [`Idf`] table:
//! - content words (lower case, stopwords dropped),
//! - names: capitalised words that do not open a sentence, plus actor names and codes the
//!   pipeline resolved,
//! - years written in the text,
//! - other numbers written in digits (tolls, ages, magnitudes, distances: two incidents of
//!   one kind rarely share them),
//! - the content words of the lead (headline and first sentence, where a report says
//!   what happened, before background that other incidents of the kind share);
//!
//! plus the publication date's day interval. [`story_similarity`] mixes their cosines and
//! a date-distance term. [`Stories`] clusters incrementally with an inverted index.

use crate::dates::interval;
use sitrep_model::{DateValue, Document};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

const STOPWORDS_TSV: &str = include_str!("../../../data/link/stopwords.tsv");

fn stopwords() -> &'static HashSet<String> {
    static T: OnceLock<HashSet<String>> = OnceLock::new();
    T.get_or_init(|| {
        // Embedded and tested: a parse failure only means no stopwords.
        sitrep_data::parse("link/stopwords.tsv", STOPWORDS_TSV)
            .map(|d| {
                d.entries
                    .iter()
                    .filter_map(|e| e.fields.first().cloned())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Features of one document as raw term counts (hashed terms).
#[derive(Default)]
struct Counts {
    words: HashMap<u64, f32>,
    names: HashMap<u64, f32>,
    years: HashMap<u64, f32>,
    numbers: HashMap<u64, f32>,
    lead: HashMap<u64, f32>,
}

fn term(kind: u8, s: &str) -> u64 {
    xxh3_64(s.as_bytes()) ^ (kind as u64) << 56
}

fn counts(text: &str, actors: &[&str]) -> Counts {
    let mut c = Counts::default();
    let stop = stopwords();
    let mut openers: Vec<String> = Vec::new();
    let mut sentence_start = true;
    let mut last_end = 0;
    let mut prev: Option<u64> = None;
    let toks: Vec<(usize, &str)> = tokens(text).collect();
    for (position, &(start, word)) in toks.iter().enumerate() {
        let gap = text.get(last_end..start).unwrap_or("");
        if gap.contains(['.', '!', '?', '\n', '"', '“']) {
            sentence_start = true;
        }
        last_end = start + word.len();
        let lower = word.to_lowercase();
        let first_upper = word.chars().next().is_some_and(char::is_uppercase);
        if is_year(word) {
            *c.years.entry(term(2, word)).or_default() += 1.0;
        } else if word.bytes().all(|b| b.is_ascii_digit()) && !is_day_of_month(&toks, position) {
            *c.numbers.entry(term(3, word)).or_default() += 1.0;
        }
        if sentence_start {
            prev = None;
        }
        if !stop.contains(&lower) && word.chars().count() > 1 {
            let t = term(0, &lower);
            *c.words.entry(t).or_default() += 1.0;
            if position < LEAD_WORDS {
                *c.lead.entry(t).or_default() += 1.0;
            }
            if let Some(p) = prev {
                *c.words
                    .entry(crate::dedup::splitmix(p ^ t.rotate_left(17)))
                    .or_default() += 1.0;
            }
            prev = Some(t);
            if first_upper && !sentence_start {
                *c.names.entry(term(1, &lower)).or_default() += 1.0;
            } else if first_upper {
                openers.push(lower);
            }
        } else {
            prev = None;
        }
        sentence_start = false;
    }
    // A capitalised sentence opener is a name when the text also capitalises it elsewhere.
    for w in openers {
        if let Some(n) = c.names.get_mut(&term(1, &w)) {
            *n += 1.0;
        }
    }
    for a in actors {
        for w in crate::normalize::words(a) {
            if !stop.contains(&w) {
                *c.names.entry(term(1, &w)).or_default() += 1.0;
            }
        }
    }
    c
}

fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Month names; an abbreviation is any start of one of at least three letters ("Sept").
#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// "3 March", "March 3": a day of the month is a date, which says little about which
/// incident a report is about unless month and year agree too (dates are weighed apart).
fn is_day_of_month(toks: &[(usize, &str)], i: usize) -> bool {
    let month = |j: Option<usize>| {
        j.and_then(|j| toks.get(j)).is_some_and(|(_, w)| {
            let lower = w.to_lowercase();
            w.starts_with(char::is_uppercase)
                && lower.len() >= 3
                && MONTHS.iter().any(|m| m.starts_with(&lower))
        })
    };
    toks[i].1.len() <= 2 && (month(i.checked_sub(1)) || month(Some(i + 1)))
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

/// Words from the start of the text that make its lead: a headline and a first sentence.
const LEAD_WORDS: usize = 60;

/// Share of the collection above which a name is left out of story vectors. (Content
/// words keep every term: cutting common ones lowers ECB+ pair F1, as their idf already
/// weighs them down in longer vectors.)
const NAME_MAX_SHARE: f32 = 0.2;
/// ... unless it is in at most this many documents: small collections keep every name.
const COMMON_DF_FLOOR: u32 = 50;

/// Document frequencies of terms, for idf weights; feed it the collection (or a sample of
/// recent documents) before building [`StoryDoc`]s.
#[derive(Default, Clone)]
pub struct Idf {
    df: HashMap<u64, u32>,
    docs: u32,
}

impl Idf {
    /// An empty table.
    pub fn new() -> Idf {
        Idf::default()
    }

    /// Counts the terms of one document.
    pub fn add(&mut self, text: &str) {
        let c = counts(text, &[]);
        // Lead words are content words: their weights come from the words' counts.
        let keys =
            (c.words.keys().chain(c.names.keys())).chain(c.years.keys().chain(c.numbers.keys()));
        for k in keys {
            *self.df.entry(*k).or_default() += 1;
        }
        self.docs += 1;
    }

    fn weight(&self, term: u64) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        ((self.docs as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// True for a term in so many documents that it names a template or a beat, not an
    /// incident ("Shr", "Revs", "Feb" in a wire feed of earnings tables): its idf is low
    /// but, in a short vector, normalisation would still let it decide the cosine.
    fn too_common(&self, term: u64, share: f32) -> bool {
        let df = self.df.get(&term).copied().unwrap_or(0);
        df > COMMON_DF_FLOOR && df as f32 > self.docs as f32 * share
    }

    /// Normalised tf-idf weights; with `max_share`, terms in more of the collection are
    /// left out.
    fn vector(&self, counts: HashMap<u64, f32>, max_share: Option<f32>) -> Vec<(u64, f32)> {
        let mut v: Vec<(u64, f32)> = counts
            .into_iter()
            .filter(|&(t, _)| max_share.is_none_or(|share| !self.too_common(t, share)))
            .map(|(t, n)| (t, (1.0 + n.ln()) * self.weight(t)))
            .collect();
        // Sorted before summing: a hash map's order would make the float sum, and so the
        // similarity, differ in its last bits from run to run.
        v.sort_unstable_by_key(|x| x.0);
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v
    }
}

/// What story comparison knows about one document.
#[derive(Clone, Debug, Default)]
pub struct StoryDoc {
    words: Vec<(u64, f32)>,
    names: Vec<(u64, f32)>,
    years: Vec<(u64, f32)>,
    numbers: Vec<(u64, f32)>,
    lead: Vec<(u64, f32)>,
    days: Option<(i64, i64)>,
}

impl StoryDoc {
    /// Features of `text`, with the names of actors resolved in it and its publication date.
    pub fn new(idf: &Idf, text: &str, actors: &[&str], published: Option<&DateValue>) -> StoryDoc {
        let c = counts(text, actors);
        StoryDoc {
            words: idf.vector(c.words, None),
            names: idf.vector(c.names, Some(NAME_MAX_SHARE)),
            years: idf.vector(c.years, None),
            numbers: idf.vector(c.numbers, Some(NAME_MAX_SHARE)),
            lead: idf.vector(c.lead, None),
            days: published.and_then(interval),
        }
    }

    /// Features of an annotated document: its body, the names of its resolved entities
    /// and its publication date.
    pub fn from_document(idf: &Idf, doc: &Document) -> StoryDoc {
        let names: Vec<&str> = doc.entities.iter().map(|e| e.actor.name.as_str()).collect();
        let published = doc.published.as_ref().map(|p| &p.date);
        StoryDoc::new(idf, &doc.text, &names, published)
    }

    /// The `n` heaviest content words and names, for candidate lookup.
    fn top_terms(&self, n: usize) -> Vec<u64> {
        let mut all: Vec<&(u64, f32)> = self.words.iter().chain(&self.names).collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1));
        all.into_iter().take(n).map(|x| x.0).collect()
    }
}

fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += (a[i].1 * b[j].1) as f64;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Weights of [`story_similarity`]'s parts.
#[derive(Clone, Debug)]
pub struct StoryWeights {
    /// Content-word cosine.
    pub words: f64,
    /// Name cosine.
    pub names: f64,
    /// Year cosine (years written in the text).
    pub years: f64,
    /// Cosine of the other numbers written in digits.
    pub numbers: f64,
    /// Cosine of the leads' content words.
    pub lead: f64,
    /// Days between publication dates at which the similarity is halved. The date only
    /// ever lowers the text's similarity: two reports of the same day are not more alike
    /// for it, or every templated item of a busy day (earnings tables, notices) would
    /// join one story.
    pub half_life_days: f64,
}

impl Default for StoryWeights {
    fn default() -> Self {
        StoryWeights {
            words: 0.5,
            names: 0.35,
            years: 0.15,
            numbers: 0.2,
            lead: 0.2,
            half_life_days: 30.0,
        }
    }
}

/// How likely two documents report the same incident, in 0–1, with default weights.
pub fn story_similarity(a: &StoryDoc, b: &StoryDoc) -> f64 {
    story_similarity_with(a, b, &StoryWeights::default())
}

/// [`story_similarity`] with explicit weights. A part that one of the documents lacks
/// (no names, no year) drops out of the mix instead of counting as a mismatch; without
/// both dates the text alone decides.
pub fn story_similarity_with(a: &StoryDoc, b: &StoryDoc, w: &StoryWeights) -> f64 {
    // Runs for every candidate pair: two running sums, no allocation.
    let (mut weighted, mut total) = (w.words * cosine(&a.words, &b.words), w.words);
    for (weight, x, y) in [
        (w.names, &a.names, &b.names),
        (w.years, &a.years, &b.years),
        (w.numbers, &a.numbers, &b.numbers),
        (w.lead, &a.lead, &b.lead),
    ] {
        if !x.is_empty() && !y.is_empty() {
            weighted += weight * cosine(x, y);
            total += weight;
        }
    }
    if total <= 0.0 {
        return 0.0;
    }
    let text = weighted / total;
    match (a.days, b.days) {
        (Some((a0, a1)), Some((b0, b1))) => {
            let gap = (a0 - b1).max(b0 - a1).max(0) as f64;
            text / (1.0 + gap / w.half_life_days.max(1e-9))
        }
        _ => text,
    }
}

/// A [`story_similarity`] threshold for "same incident", from two-fold cross-validation over
/// ECB+ topics (`sitrep eval stories`, crates/sitrep-eval/src/stories.rs); with the number and
/// lead features the best threshold over all pairs moved to about 0.21, inside the plateau
/// 0.22 sits on.
pub const DEFAULT_STORY_THRESHOLD: f64 = 0.22;

/// Documents a new one is compared with when looking for its story.
pub const DEFAULT_STORY_WINDOW: usize = 10_000;

/// Share of the joining threshold a newcomer must reach against a story's first document.
const SEED_SHARE: f64 = 0.6;

/// How many of the latest documents sharing a heavy term are compared with a new one.
const CANDIDATES_PER_TERM: usize = 64;

/// Incremental story clustering: each document joins the story of its most similar
/// earlier document when the similarity reaches the threshold, else starts a new story.
/// Candidates come from an inverted index over each document's heaviest terms, and only
/// the last `window` documents are remembered.
pub struct Stories {
    threshold: f64,
    window: usize,
    docs: Vec<(u32, StoryDoc)>,
    first: usize,
    index: HashMap<u64, Vec<u32>>,
    next_story: u32,
    /// The first document of each story: a newcomer must also resemble it, so stories
    /// cannot drift through chains of pairwise-similar items.
    seeds: HashMap<u32, u32>,
}

impl Stories {
    /// A clusterer joining documents at `threshold` and remembering `window` documents.
    pub fn new(threshold: f64, window: usize) -> Stories {
        Stories {
            threshold,
            window: window.max(1),
            docs: Vec::new(),
            first: 0,
            index: HashMap::new(),
            next_story: 0,
            seeds: HashMap::new(),
        }
    }

    /// Adds one document and returns its story number.
    pub fn add(&mut self, doc: StoryDoc) -> u32 {
        let seq = (self.first + self.docs.len()) as u32;
        let terms = doc.top_terms(12);
        // Only the latest documents of each term's list: a corpus of near-identical items
        // (earnings tables, templated notices) must not make every addition quadratic.
        let mut candidates: Vec<u32> = terms
            .iter()
            .filter_map(|t| self.index.get(t))
            .flat_map(|list| &list[list.len().saturating_sub(CANDIDATES_PER_TERM)..])
            .copied()
            .filter(|&s| s as usize >= self.first)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut scored: Vec<(u32, f64)> = candidates
            .iter()
            .filter_map(|&s| self.docs.get(s as usize - self.first))
            .map(|(story, other)| (*story, story_similarity(&doc, other)))
            .filter(|x| x.1 >= self.threshold)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let best = scored
            .into_iter()
            .find(|&(story, _)| self.resembles_seed(story, &doc));
        let story = best.map(|b| b.0).unwrap_or_else(|| {
            self.next_story += 1;
            self.seeds.insert(self.next_story - 1, seq);
            self.next_story - 1
        });
        for t in terms {
            self.index.entry(t).or_default().push(seq);
        }
        self.docs.push((story, doc));
        self.forget();
        story
    }

    /// How many stories there are: every story number below it has a document.
    pub fn count(&self) -> usize {
        self.next_story as usize
    }

    /// True when `doc` is close enough to the first document of `story` (or that document
    /// has left the window).
    fn resembles_seed(&self, story: u32, doc: &StoryDoc) -> bool {
        let Some(&seed) = self.seeds.get(&story) else {
            return true;
        };
        match (seed as usize)
            .checked_sub(self.first)
            .and_then(|i| self.docs.get(i))
        {
            Some((_, first)) => story_similarity(doc, first) >= self.threshold * SEED_SHARE,
            None => true,
        }
    }

    fn forget(&mut self) {
        if self.docs.len() <= self.window * 2 {
            return;
        }
        let drop = self.docs.len() - self.window;
        self.docs.drain(..drop);
        self.first += drop;
        let first = self.first as u32;
        self.index.retain(|_, v| {
            v.retain(|&s| s >= first);
            !v.is_empty()
        });
        // A seed that has left the window no longer constrains its story.
        self.seeds.retain(|_, &mut seed| seed >= first);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "North Korea fired a ballistic missile into the sea off its east coast on \
        Tuesday, the South Korean military said. The launch from Sinpo came days after Kim Jong Un \
        inspected a submarine base, officials in Seoul added.";
    const A2: &str = "Officials in Seoul said a ballistic missile launched from Sinpo on Tuesday \
        flew east before falling into the sea. It followed a visit by Kim Jong Un to a submarine \
        base, South Korea's military said.";
    const B: &str = "Iran tested a ballistic missile on Sunday from a desert site near Semnan, \
        state television reported. The Revolutionary Guards said the launch was part of a \
        planned exercise, and Washington condemned it.";

    fn docs() -> (StoryDoc, StoryDoc, StoryDoc) {
        let mut idf = Idf::new();
        for t in [
            A,
            A2,
            B,
            "The weather was mild and the harvest good in the valley.",
        ] {
            idf.add(t);
        }
        let d = |t| StoryDoc::new(&idf, t, &[], None);
        (d(A), d(A2), d(B))
    }

    #[test]
    fn a_shared_day_of_the_month_joins_no_stories() {
        let floods = "Floods hit the southern province on 3 March, officials said.";
        let budget = "Parliament passed the annual budget on 3 March after a long debate.";
        let mut idf = Idf::new();
        for t in [floods, budget, A, A2, B, "Markets were calm on Friday."] {
            idf.add(t);
        }
        let d = |t: &str| StoryDoc::new(&idf, t, &[], None);
        assert!(
            d(floods).numbers.is_empty(),
            "a day of the month is no number"
        );
        let toll = d("Floods killed 37 people in the south.");
        assert!(!toll.numbers.is_empty(), "a toll is");
        // The shared day adds nothing over the shared month.
        let month = |t: &str| d(&t.replace("on 3 March", "in March"));
        assert_eq!(
            story_similarity(&d(floods), &d(budget)),
            story_similarity(&month(floods), &month(budget))
        );
    }

    #[test]
    fn same_incident_beats_same_kind() {
        let (a, a2, b) = docs();
        let same = story_similarity(&a, &a2);
        let other = story_similarity(&a, &b);
        assert!(same > other + 0.2, "same {same} other {other}");
    }

    #[test]
    fn far_apart_dates_lower_similarity() {
        let mut idf = Idf::new();
        idf.add(A);
        idf.add(A2);
        let near = DateValue {
            value: "2024-05-21".into(),
            precision: sitrep_model::Precision::Day,
        };
        let far = DateValue {
            value: "2025-01-02".into(),
            precision: sitrep_model::Precision::Day,
        };
        let a = StoryDoc::new(&idf, A, &[], Some(&near));
        let close = story_similarity(&a, &StoryDoc::new(&idf, A2, &[], Some(&near)));
        let distant = story_similarity(&a, &StoryDoc::new(&idf, A2, &[], Some(&far)));
        assert!(close > distant);
        // The same day never raises the text's own similarity.
        let undated = story_similarity(
            &StoryDoc::new(&idf, A, &[], None),
            &StoryDoc::new(&idf, A2, &[], None),
        );
        assert!((close - undated).abs() < 1e-9, "{close} vs {undated}");
    }

    #[test]
    fn same_day_does_not_join_unrelated_items_of_one_template() {
        let mut idf = Idf::new();
        let table = |company: &str, a: u32, b: u32| {
            format!("{company} Inc quarterly results. Shr {a} cts vs {b} cts. Net {a} mln vs {b} mln. Revs {b} mln.")
        };
        let (x, y) = (table("Acme Tools", 12, 9), table("Borealis Mining", 31, 44));
        for i in 0..50 {
            idf.add(&table(&format!("Company{i}"), i, i + 3));
        }
        let day = DateValue {
            value: "1987-03-02".into(),
            precision: sitrep_model::Precision::Day,
        };
        let a = StoryDoc::new(&idf, &x, &[], Some(&day));
        let b = StoryDoc::new(&idf, &y, &[], Some(&day));
        assert!(
            story_similarity(&a, &b) < DEFAULT_STORY_THRESHOLD,
            "{}",
            story_similarity(&a, &b)
        );
    }

    #[test]
    fn names_in_a_large_share_of_the_collection_are_left_out() {
        let mut idf = Idf::new();
        for i in 0..100 {
            idf.add(&format!(
                "Results from Wire Desk today: item {i} for Company{i}."
            ));
        }
        let doc = StoryDoc::new(&idf, "Shares rose, Wire Desk said of Borealis.", &[], None);
        let named = |w: &str| doc.names.iter().any(|x| x.0 == term(1, w));
        assert!(named("borealis"));
        assert!(!named("wire") && !named("desk"));
        // A small collection keeps every name.
        let mut small = Idf::new();
        small.add("Wire Desk reported it.");
        let doc = StoryDoc::new(&small, "Shares rose, Wire Desk said.", &[], None);
        assert_eq!(doc.names.len(), 2);
    }

    #[test]
    fn clusterer_groups_reports_of_one_incident() {
        let (a, a2, b) = docs();
        let mut s = Stories::new(0.3, 100);
        let (x, y, z) = (s.add(a), s.add(a2), s.add(b));
        assert_eq!(x, y);
        assert_ne!(x, z);
    }

    #[test]
    fn document_entities_and_date_are_used() {
        use sitrep_model::{Actor, ActorKind, Entity, Precision, PublishedDate};
        let mut doc = Document::new("test", "officials said the launch failed.");
        doc.entities.push(Entity {
            actor: Actor {
                name: "North Korea".into(),
                kind: ActorKind::Country,
                country: Some("PRK".into()),
                role: None,
                code: "PRK".into(),
            },
            rule: "test".into(),
            flags: Vec::new(),
        });
        doc.published = Some(PublishedDate {
            date: DateValue {
                value: "2024-05-21".into(),
                precision: Precision::Day,
            },
            origin: "test".into(),
        });
        let s = StoryDoc::from_document(&Idf::new(), &doc);
        assert_eq!(s.names.len(), 2);
        assert!(s.days.is_some());
    }

    #[test]
    fn stopword_file_parses() {
        assert!(sitrep_data::parse("link/stopwords.tsv", STOPWORDS_TSV).is_ok());
        assert!(stopwords().contains("the"));
    }
}
