//! `stories`: same-story versus different-incident document pairs on ECB+ (`docs.jsonl`
//! with id and text, `pairs.jsonl` with a, b, topic, same_story).
//!
//! Reports ROC-AUC of the story similarity, the best F1 over all thresholds (optimistic,
//! comparable with the published peer figures), the honest two-fold figure (threshold
//! learnt on odd topics and scored on even ones, then the reverse, pooled), and the pair
//! F1 of the incremental clusterer at its default threshold.

use crate::{gold, EvalError, Report};
use sitrep_link::story::{
    story_similarity, Idf, Stories, StoryDoc, DEFAULT_STORY_THRESHOLD, DEFAULT_STORY_WINDOW,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
    /// The gold story (incident) the document reports, when the set gives it.
    #[serde(default)]
    story: Option<String>,
}

#[derive(serde::Deserialize)]
struct Pair {
    a: String,
    b: String,
    #[serde(default)]
    topic: i64,
    same_story: bool,
}

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let docs: Vec<Doc> = gold::read_jsonl(&data.join("docs.jsonl"))?;
    let pairs: Vec<Pair> = gold::read_jsonl(&data.join("pairs.jsonl"))?;
    let start = Instant::now();
    let mut idf = Idf::new();
    for d in &docs {
        idf.add(&d.text);
    }
    let profiles: HashMap<&str, StoryDoc> = docs
        .iter()
        .map(|d| (d.id.as_str(), StoryDoc::new(&idf, &d.text, &[], None)))
        .collect();
    let scored: Vec<(f64, bool, i64)> = pairs
        .iter()
        .filter_map(|p| {
            let (a, b) = (profiles.get(p.a.as_str())?, profiles.get(p.b.as_str())?);
            Some((story_similarity(a, b), p.same_story, p.topic))
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let all: Vec<(f64, bool)> = scored.iter().map(|x| (x.0, x.1)).collect();
    let auc = roc_auc(&all);
    let (t_best, f_best) = best_threshold(&all);
    let (p, r, f) = cross_fold(&scored);
    let (clusters, cluster_f1, b3) = cluster_pairs(&docs, &idf, &pairs);
    let mut report = Report::new("stories");
    report.lines.push(format!(
        "{} documents, {} pairs ({} scored)",
        docs.len(),
        pairs.len(),
        scored.len()
    ));
    report.lines.push(format!(
        "ROC-AUC {auc:.3}; best F1 {f_best:.3} at threshold {t_best:.3} (all pairs)"
    ));
    report
        .lines
        .push(format!("two-fold over topics: P {p:.3} R {r:.3} F1 {f:.3}"));
    report.lines.push(format!(
        "clusterer at {DEFAULT_STORY_THRESHOLD}: {clusters} stories, pair F1 {cluster_f1:.3}"
    ));
    if let Some((bp, br, bf)) = b3 {
        report.lines.push(format!(
            "clusterer against the gold stories: B³ P {bp:.3} R {br:.3} F1 {bf:.3}"
        ));
        report.figure("b3_precision", bp);
        report.figure("b3_recall", br);
        report.figure("b3_f1", bf);
    }
    report.lines.push(
        "peers (measured here): TF-IDF cosine best F1 0.809 (ROC-AUC 0.893); MinHash best F1 0.714"
            .into(),
    );
    report.figure("roc_auc", auc);
    report.figure("best_f1", f_best);
    report.figure("precision", p);
    report.figure("recall", r);
    report.figure("f1", f);
    report.figure("cluster_f1", cluster_f1);
    report.figure("docs_per_s", docs.len() as f64 / secs.max(1e-9));
    Ok(report)
}

fn roc_auc(scored: &[(f64, bool)]) -> f64 {
    let mut v = scored.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut pos, mut i) = (0.0, 0.0, 0);
    while i < v.len() {
        let j = i + v[i..].iter().take_while(|x| x.0 == v[i].0).count();
        let avg_rank = (i + j + 1) as f64 / 2.0;
        pos += v[i..j].iter().filter(|x| x.1).count() as f64;
        rank_sum += avg_rank * v[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let neg = v.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.0;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// (precision, recall, F1) when predicting "same" at score ≥ t.
fn prf(scored: &[(f64, bool)], t: f64) -> (f64, f64, f64) {
    let count = |f: &dyn Fn(&(f64, bool)) -> bool| scored.iter().filter(|x| f(x)).count() as u64;
    let s = crate::Prf {
        tp: count(&|x| x.0 >= t && x.1),
        fp: count(&|x| x.0 >= t && !x.1),
        fn_: count(&|x| x.0 < t && x.1),
    };
    (s.p(), s.r(), s.f1())
}

fn best_threshold(scored: &[(f64, bool)]) -> (f64, f64) {
    let mut ts: Vec<f64> = scored.iter().map(|x| x.0).collect();
    ts.sort_by(f64::total_cmp);
    ts.dedup();
    ts.iter()
        .map(|&t| (t, prf(scored, t).2))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0.5, 0.0))
}

fn cross_fold(scored: &[(f64, bool, i64)]) -> (f64, f64, f64) {
    let fold = |odd: bool| -> Vec<(f64, bool)> {
        scored
            .iter()
            .filter(|x| (x.2 % 2 == 1) == odd)
            .map(|x| (x.0, x.1))
            .collect()
    };
    let (odd, even) = (fold(true), fold(false));
    let (t_odd, t_even) = (best_threshold(&odd).0, best_threshold(&even).0);
    let held: Vec<(f64, bool)> = even
        .iter()
        .map(|x| (x.0 - t_odd, x.1))
        .chain(odd.iter().map(|x| (x.0 - t_even, x.1)))
        .collect();
    prf(&held, 0.0)
}

/// The incremental clusterer over all documents: its number of stories, its pair F1 and,
/// when every document names its gold story, B³ precision, recall and F1.
fn cluster_pairs(docs: &[Doc], idf: &Idf, pairs: &[Pair]) -> (usize, f64, Option<(f64, f64, f64)>) {
    let mut stories = Stories::new(DEFAULT_STORY_THRESHOLD, DEFAULT_STORY_WINDOW);
    let story: HashMap<&str, u32> = docs
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                stories.add(StoryDoc::new(idf, &d.text, &[], None)),
            )
        })
        .collect();
    let scored: Vec<(f64, bool)> = pairs
        .iter()
        .filter_map(|p| {
            let same = story.get(p.a.as_str())? == story.get(p.b.as_str())?;
            Some((f64::from(u8::from(same)), p.same_story))
        })
        .collect();
    let distinct = story.values().collect::<HashSet<_>>().len();
    let labelled: Option<Vec<(u32, &str)>> = docs
        .iter()
        .map(|d| Some((*story.get(d.id.as_str())?, d.story.as_deref()?)))
        .collect();
    let b3 = labelled.filter(|l| !l.is_empty()).map(|l| b_cubed(&l));
    (distinct, prf(&scored, 0.5).2, b3)
}

/// B³ (Bagga and Baldwin): per item, the share of its predicted cluster that shares its
/// gold cluster (precision) and the share of its gold cluster found in its predicted one
/// (recall), averaged over items.
fn b_cubed(items: &[(u32, &str)]) -> (f64, f64, f64) {
    let mut predicted: HashMap<u32, usize> = HashMap::new();
    let mut gold: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(u32, &str), usize> = HashMap::new();
    for &(p, g) in items {
        *predicted.entry(p).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for &(p, g) in items {
        let shared = both[&(p, g)] as f64;
        precision += shared / predicted[&p] as f64;
        recall += shared / gold[g] as f64;
    }
    let n = items.len().max(1) as f64;
    let (precision, recall) = (precision / n, recall / n);
    (precision, recall, crate::f1(precision, recall))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_rewards_matching_clusters_only() {
        let perfect = [(0, "a"), (0, "a"), (1, "b")];
        assert_eq!(b_cubed(&perfect), (1.0, 1.0, 1.0));
        // Everything in one cluster: full recall, precision (2/3·2 + 1/3) / 3 = 5/9.
        let lumped = [(0, "a"), (0, "a"), (0, "b")];
        let (p, r, _) = b_cubed(&lumped);
        assert!((p - 5.0 / 9.0).abs() < 1e-9 && r == 1.0);
        // All apart: full precision, recall (1/2 + 1/2 + 1) / 3 = 2/3.
        let split = [(0, "a"), (1, "a"), (2, "b")];
        let (p, r, _) = b_cubed(&split);
        assert!(p == 1.0 && (r - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn auc_of_perfect_and_inverted_rankings() {
        let perfect = [(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        assert_eq!(roc_auc(&perfect), 1.0);
        let inverted: Vec<_> = perfect.iter().map(|(s, l)| (-s, *l)).collect();
        assert_eq!(roc_auc(&inverted), 0.0);
        assert_eq!(best_threshold(&perfect).1, 1.0);
    }
}
