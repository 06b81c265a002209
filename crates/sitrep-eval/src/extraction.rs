//! `extraction`: HTML main-text extraction on the article-extraction-benchmark layout
//! (`ground-truth.json` `{id: {articleBody, url}}` and `html/<id>.html.gz`).
//!
//! The benchmark's own metric: lower-cased word tokens, 4-token shingles, precision and
//! recall per document averaged over documents, F1 of the two averages.

use crate::clock::Stopwatch;
use crate::{gold, EvalError, Report};
use sitrep_ingest::{Format, IngestOptions, RawArticle};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

#[derive(serde::Deserialize)]
struct Truth {
    #[serde(rename = "articleBody")]
    article_body: String,
}

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let truth_path = data.join("ground-truth.json");
    let truth: BTreeMap<String, Truth> = serde_json::from_slice(&gold::read_bytes(&truth_path)?)
        .map_err(|e| EvalError::Format {
            path: truth_path.clone(),
            message: e.to_string(),
        })?;
    let options = IngestOptions::default();
    // Dictionaries and patterns load on first use; that start-up is not throughput.
    let _ = sitrep_ingest::to_document(
        RawArticle::new("warm-up", Format::Html, b"<p>Warm up.</p>".to_vec()),
        &options,
    );
    let (mut sum_p, mut sum_r, mut n, mut bytes) = (0.0, 0.0, 0usize, 0usize);
    let mut clock = Stopwatch::new();
    for (id, t) in &truth {
        let html = gold::read_bytes(&data.join("html").join(format!("{id}.html.gz")))?;
        bytes += html.len();
        let raw = RawArticle::new(id.clone(), Format::Html, html);
        let text = clock.time(|| {
            sitrep_ingest::to_document(raw, &options)
                .map(|d| d.text)
                .unwrap_or_default()
        });
        let (p, r) = precision_recall(&text, &t.article_body);
        sum_p += p;
        sum_r += r;
        n += 1;
    }
    let (p, r) = (sum_p / n.max(1) as f64, sum_r / n.max(1) as f64);
    let f1 = crate::f1(p, r);
    let secs = clock.core();
    let docs_per_s = n as f64 / secs.max(1e-9);
    let wall_docs_per_s = n as f64 / clock.wall().max(1e-9);
    let mut report = Report::new("extraction");
    report.lines.push(format!(
        "{n} pages, 4-token shingles, one core ({}; {wall_docs_per_s:.0} docs/s by the wall clock)",
        clock.core_label()
    ));
    report.lines.push(format!(
        "{:<10} {:>6} {:>6} {:>6} {:>9}",
        "", "P", "R", "F1", "docs/s"
    ));
    report.lines.push(format!(
        "{:<10} {p:>6.3} {r:>6.3} {f1:>6.3} {docs_per_s:>9.0}",
        "sitrep"
    ));
    report.lines.push("peers (measured here): trafilatura 2.3.1 F1 0.960 at 49 docs/s; dom_smoothie 0.951 at 386 docs/s".into());
    report.figure("docs", n);
    report.figure("precision", p);
    report.figure("recall", r);
    report.figure("f1", f1);
    report.figure("docs_per_s", docs_per_s);
    report.figure("wall_docs_per_s", wall_docs_per_s);
    report.figure("mb_per_s", bytes as f64 / 1e6 / secs.max(1e-9));
    Ok(report)
}

fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 4 {
        return std::iter::once(words).filter(|w| !w.is_empty()).collect();
    }
    words.windows(4).map(<[String]>::to_vec).collect()
}

/// Per-document shingle precision and recall; two empty texts agree perfectly.
fn precision_recall(predicted: &str, expected: &str) -> (f64, f64) {
    let (pred, gold) = (shingles(predicted), shingles(expected));
    if pred.is_empty() && gold.is_empty() {
        return (1.0, 1.0);
    }
    let common = pred.intersection(&gold).count() as f64;
    let p = if pred.is_empty() {
        0.0
    } else {
        common / pred.len() as f64
    };
    let r = if gold.is_empty() {
        0.0
    } else {
        common / gold.len() as f64
    };
    (p, r)
}

#[cfg(test)]
mod tests {
    use super::precision_recall;

    #[test]
    fn extra_text_costs_precision_missing_text_costs_recall() {
        let gold = "one two three four five six";
        assert_eq!(precision_recall(gold, gold), (1.0, 1.0));
        let (p, r) = precision_recall("menu home login one two three four five six", gold);
        assert!(p < 1.0 && r == 1.0);
        let (p, r) = precision_recall("one two three four", gold);
        assert!(p == 1.0 && r < 1.0);
    }
}
