//! A near-duplicate trial on real articles: syndicated copies are generated with the edits
//! republishers make (an outlet header, a footer, substituted words, a dropped chunk, a
//! truncated end) and fed to a [`Dedup`] together with unrelated articles, which gives
//! precision and recall without a hand-labelled set.
//!
//! The first half of the sample are originals, each followed later by its copy; the second
//! half are negatives. A copy counts as found when it is reported as a copy of its own
//! original; a report on a negative is a false positive unless the pair's true shingle
//! Jaccard reaches 0.5 (a natural near duplicate in the corpus).

use crate::{normalize, Dedup, SHINGLE};
use std::collections::{HashMap, HashSet};

const HEADERS: &[&str] = &[
    "Daily Courier | Business | World news",
    "Posted by the newsroom staff. Read time 3 minutes.",
    "ADVERTISEMENT Continue reading below",
    "From our partners at the wire desk",
];
const FOOTERS: &[&str] = &[
    "Copyright the Daily Courier. All rights reserved. Sign up for our morning newsletter.",
    "Share this article on social media. Follow us for more updates.",
    "Reporting by staff writers; editing by the night desk.",
];

/// Shortest article (in words) taken into the trial.
pub const MIN_WORDS: usize = 40;

/// The outcome of a [`run`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrialScore {
    /// Originals, each with one generated copy.
    pub originals: usize,
    /// Unrelated articles added after the copies.
    pub negatives: usize,
    /// Copies reported as copies of their own original.
    pub found: usize,
    /// Copies reported as copies of another document.
    pub misattributed: usize,
    /// Copies not reported.
    pub missed: usize,
    /// Copies whose true shingle Jaccard with the original is at least 0.5.
    pub reachable: usize,
    /// Of those, the ones not reported.
    pub reachable_missed: usize,
    /// Of those, the ones reported as copies of their own original.
    pub reachable_found: usize,
    /// Negatives reported although their true Jaccard is below 0.5.
    pub false_positives: usize,
    /// Negatives reported that are natural near duplicates (true Jaccard ≥ 0.5).
    pub natural: usize,
}

impl TrialScore {
    /// Correct reports over all reports.
    pub fn precision(&self) -> f64 {
        let reports = self.found + self.misattributed + self.false_positives;
        self.found as f64 / reports.max(1) as f64
    }

    /// Copies found over copies made.
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.originals.max(1) as f64
    }

    /// Recall over copies that really are near duplicates (true Jaccard ≥ 0.5): found as
    /// copies of their own original, like [`TrialScore::recall`].
    pub fn reachable_recall(&self) -> f64 {
        self.reachable_found as f64 / self.reachable.max(1) as f64
    }
}

/// Runs the trial on `(id, text)` articles: the first `originals` distinct ones of at least
/// [`MIN_WORDS`] words get copies, the next `originals` are negatives.
pub fn run<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a str)>,
    originals: usize,
) -> TrialScore {
    let texts = sample(articles, originals);
    let split = originals.min(texts.len());
    let (first, negatives) = texts.split_at(split);
    let mut dedup = Dedup::new();
    for (id, text) in first {
        dedup.add(id, text);
    }
    let mut score = TrialScore {
        originals: first.len(),
        negatives: negatives.len(),
        ..TrialScore::default()
    };
    let mut rng = Rng(42);
    for (id, text) in first {
        let copy = syndicate(text, &mut rng);
        let reachable = jaccard(text, &copy) >= 0.5;
        score.reachable += usize::from(reachable);
        match dedup.add(&format!("{id}\u{1}copy"), &copy) {
            Some(d) if d.of == *id => {
                score.found += 1;
                score.reachable_found += usize::from(reachable);
            }
            Some(_) => score.misattributed += 1,
            None => {
                score.missed += 1;
                score.reachable_missed += usize::from(reachable);
            }
        }
    }
    let by_id: HashMap<&str, &str> = texts.iter().map(|&(i, t)| (i, t)).collect();
    for (id, text) in negatives {
        if let Some(d) = dedup.add(id, text) {
            let original = d.of.split('\u{1}').next().unwrap_or_default();
            let other = by_id.get(original).copied().unwrap_or_default();
            if jaccard(text, other) >= 0.5 {
                score.natural += 1;
            } else {
                score.false_positives += 1;
            }
        }
    }
    score
}

/// Distinct articles long enough for the trial. Only exact copies are left out: natural near
/// duplicates stay, and a report on them is judged by their true Jaccard.
fn sample<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a str)>,
    originals: usize,
) -> Vec<(&'a str, &'a str)> {
    let mut seen = HashSet::new();
    articles
        .into_iter()
        .filter(|(_, text)| text.split_whitespace().count() >= MIN_WORDS)
        .filter(|(_, text)| seen.insert(normalize::normalize(text)))
        .take(2 * originals)
        .collect()
}

/// A republished copy of `text` with a random mix of edits.
pub fn syndicate(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if rng.chance(0.5) {
        for _ in 0..words.len() / 25 {
            let i = rng.below(words.len());
            words[i] = "edited";
        }
    }
    if rng.chance(0.3) && words.len() > 60 {
        let start = rng.below(words.len() - 20);
        words.drain(start..start + 15);
    }
    if rng.chance(0.3) {
        words.truncate(words.len() * 8 / 10);
    }
    let mut out = String::new();
    if rng.chance(0.7) {
        out.push_str(HEADERS[rng.below(HEADERS.len())]);
        out.push('\n');
    }
    out.push_str(&words.join(" "));
    if rng.chance(0.7) {
        out.push('\n');
        out.push_str(FOOTERS[rng.below(FOOTERS.len())]);
    }
    out
}

/// True Jaccard similarity of the two texts' shingle sets.
pub fn jaccard(a: &str, b: &str) -> f64 {
    let shingles = |t: &str| -> HashSet<String> {
        let w = normalize::words(t);
        w.windows(SHINGLE).map(|s| s.join(" ")).collect()
    };
    let (a, b) = (shingles(a), shingles(b));
    let shared = a.intersection(&b).count() as f64;
    let union = (a.len() + b.len()) as f64 - shared;
    if union == 0.0 {
        0.0
    } else {
        shared / union
    }
}

/// A small deterministic generator (splitmix64), so a trial is repeatable.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::dedup::splitmix(self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1000) as f64 / 1000.0 < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(i: usize) -> String {
        // Each article has its own vocabulary, so none is a near copy of another.
        (0..80)
            .map(|w| format!("w{}x{}", i, (w * 7 + i) % 97))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn copies_are_found_and_distinct_articles_are_not_reported() {
        let texts: Vec<(String, String)> = (0..40).map(|i| (format!("a{i}"), article(i))).collect();
        let score = run(texts.iter().map(|(i, t)| (i.as_str(), t.as_str())), 20);
        assert_eq!((score.originals, score.negatives), (20, 20));
        assert_eq!(score.false_positives + score.natural, 0, "{score:?}");
        assert!(score.recall() >= 0.7, "{score:?}");
        assert_eq!(score.reachable_recall(), 1.0, "{score:?}");
        assert!(score.precision() > 0.99, "{score:?}");
        assert!(score.reachable_recall() >= score.recall());
    }

    #[test]
    fn syndicated_copy_keeps_most_shingles_and_is_repeatable() {
        let text = article(3);
        let a = syndicate(&text, &mut Rng(7));
        assert_eq!(a, syndicate(&text, &mut Rng(7)));
        assert!(jaccard(&text, &text) == 1.0);
        assert!(jaccard(&text, &article(4)) == 0.0);
    }
}
