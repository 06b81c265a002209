//! `quotes`: attribution on PolNeAR (`*.jsonl`, one article × annotator per line, with
//! `attributions` holding source, cue and content character spans). Scores the `dev` split
//! with the primary annotator.
//!
//! Quotes that share a cue are one attribution (a quotation split by `, he said,`), with the
//! union of their spans; direct quotes are compared with their quotation marks, as PolNeAR
//! annotates them. Two gold sets: `direct` (attributions PolNeAR marks direct, against our
//! direct and mixed quotes: comparable with quote extractors such as textacy) and `all`
//! (every attribution, including beliefs and perceptions, against every quote we find).
//! Reports content F1 at IoU ≥ 0.3 and ≥ 0.8, speaker accuracy on matched quotes (our
//! speaker words overlap the gold source) and quote + speaker F1.

use crate::{gold, EvalError, Prf, Report};
use sitrep_model::{Document, QuoteKind, Span, Stage};
use std::path::Path;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Article {
    split: String,
    primary: bool,
    text: String,
    attributions: serde_json::Value,
}

type Spans = Vec<(usize, usize)>;

struct Attribution {
    source: Spans,
    content: Spans,
    direct: bool,
}

struct Predicted {
    content: Spans,
    speaker: Option<Span>,
    direct: bool,
}

/// Runs the suite on the `dev` split.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    run_split(data, "dev")
}

/// Runs the suite on one split (`train`, `dev`, `test`).
pub fn run_split(data: &Path, split: &str) -> Result<Report, EvalError> {
    let articles = load(data, split)?;
    let splitter = sitrep_text::SentenceSplitter;
    let actors = sitrep_actors::ActorTagger::new().map_err(|e| EvalError::Stage(e.to_string()))?;
    let (mut words, mut secs) = (0usize, 0.0);
    let mut scored = Vec::with_capacity(articles.len());
    for a in &articles {
        let mut doc = Document::new("polnear", a.text.clone());
        words += doc.word_count();
        let start = Instant::now();
        let _ = splitter.run(&mut doc);
        let _ = actors.run(&mut doc);
        let predicted = predict(&doc);
        secs += start.elapsed().as_secs_f64();
        scored.push((attributions(a), predicted));
    }
    let mut report = Report::new("quotes");
    report.lines.push(format!(
        "{} {split} articles (primary annotator), {words} words",
        articles.len()
    ));
    report.lines.push(format!(
        "{:<8} {:<18} {:>6} {:>6} {:>6}",
        "gold", "", "P", "R", "F1"
    ));
    for (label, only_direct) in [("direct", true), ("all", false)] {
        let s = score(&scored, only_direct);
        for (name, prf) in [
            ("content IoU≥0.3", s.loose),
            ("content IoU≥0.8", s.tight),
            ("quote + speaker", s.speaker),
        ] {
            report.lines.push(format!(
                "{label:<8} {name:<18} {:>6.3} {:>6.3} {:>6.3}",
                prf.p(),
                prf.r(),
                prf.f1()
            ));
        }
        report.lines.push(format!(
            "{label:<8} speaker accuracy on matched quotes {:.3}",
            s.accuracy
        ));
        let prefix = if only_direct {
            String::new()
        } else {
            "all_".to_string()
        };
        report.figure(&format!("{prefix}content_f1"), s.loose.f1());
        report.figure(&format!("{prefix}content_f1_08"), s.tight.f1());
        report.figure(&format!("{prefix}speaker_accuracy"), s.accuracy);
        report.figure(&format!("{prefix}f1"), s.speaker.f1());
    }
    let words_per_s = words as f64 / secs.max(1e-9);
    report.lines.push(format!(
        "{words_per_s:.0} words/s (sentences + actors + quotes, one core)"
    ));
    report.lines.push("peer textacy + spaCy (test split): content F1 0.638, quote + speaker F1 0.557 at 2,145 words/s".into());
    report.figure("words_per_s", words_per_s);
    Ok(report)
}

fn load(data: &Path, split: &str) -> Result<Vec<Article>, EvalError> {
    let mut articles = Vec::new();
    for f in gold::jsonl_files(data)? {
        let all: Vec<Article> = gold::read_jsonl(&f)?;
        articles.extend(all.into_iter().filter(|a| a.primary && a.split == split));
    }
    Ok(articles)
}

/// Our quotes grouped by cue.
fn predict(doc: &Document) -> Vec<Predicted> {
    let mut out: Vec<(Option<Span>, Predicted)> = Vec::new();
    for q in sitrep_quotes::find_quotes(doc) {
        let span = (q.outer.start(), q.outer.end());
        let direct = q.kind != QuoteKind::Indirect;
        if let Some((_, p)) = out.iter_mut().find(|(c, _)| q.cue.is_some() && *c == q.cue) {
            p.content.push(span);
            p.direct |= direct;
            continue;
        }
        let predicted = Predicted {
            content: vec![span],
            speaker: q.speaker.or(q.antecedent),
            direct,
        };
        out.push((q.cue, predicted));
    }
    out.into_iter().map(|(_, p)| p).collect()
}

struct Scores {
    loose: Prf,
    tight: Prf,
    speaker: Prf,
    accuracy: f64,
}

fn score(articles: &[(Vec<Attribution>, Vec<Predicted>)], only_direct: bool) -> Scores {
    let (mut loose, mut tight, mut speaker) = (Prf::default(), Prf::default(), Prf::default());
    for (gold, predicted) in articles {
        let g: Vec<&Attribution> = gold.iter().filter(|g| g.direct || !only_direct).collect();
        let p: Vec<&Predicted> = predicted
            .iter()
            .filter(|p| p.direct || !only_direct)
            .collect();
        let (matched, right) = matches(&p, &g, 0.3);
        add(&mut loose, matched, p.len(), g.len());
        add(&mut speaker, right, p.len(), g.len());
        add(&mut tight, matches(&p, &g, 0.8).0, p.len(), g.len());
    }
    Scores {
        accuracy: crate::ratio(speaker.tp, loose.tp),
        loose,
        tight,
        speaker,
    }
}

fn add(s: &mut Prf, tp: usize, pred: usize, gold: usize) {
    s.tp += tp as u64;
    s.fp += (pred - tp) as u64;
    s.fn_ += (gold - tp) as u64;
}

/// Greedy one-to-one matching by IoU: (matched, matched with the right speaker).
fn matches(pred: &[&Predicted], gold: &[&Attribution], threshold: f64) -> (usize, usize) {
    let mut pairs = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let x = iou(&p.content, &g.content);
            if x >= threshold && x > 0.0 {
                pairs.push((x, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_p, mut used_g) = (vec![false; pred.len()], vec![false; gold.len()]);
    let (mut matched, mut right) = (0, 0);
    for (_, i, j) in pairs {
        if used_p[i] || used_g[j] {
            continue;
        }
        used_p[i] = true;
        used_g[j] = true;
        matched += 1;
        right += usize::from(speaker_ok(pred[i], gold[j]));
    }
    (matched, right)
}

fn speaker_ok(p: &Predicted, g: &Attribution) -> bool {
    match p.speaker {
        None => g.source.is_empty(),
        Some(s) => g.source.iter().any(|&(a, b)| s.start() < b && a < s.end()),
    }
}

/// IoU of two sets of ranges, each merged first.
fn iou(a: &Spans, b: &Spans) -> f64 {
    let (a, b) = (merged(a), merged(b));
    let len = |v: &[(usize, usize)]| v.iter().map(|(s, e)| e - s).sum::<usize>();
    let inter: usize = a
        .iter()
        .flat_map(|&(s, e)| {
            b.iter()
                .map(move |&(t, f)| e.min(f).saturating_sub(s.max(t)))
        })
        .sum();
    let union = len(&a) + len(&b) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn merged(spans: &Spans) -> Spans {
    let mut v = spans.clone();
    v.sort_unstable();
    let mut out: Spans = Vec::new();
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Reads the attributions (a JSON list, or a string holding a Python-style list).
fn attributions(a: &Article) -> Vec<Attribution> {
    let value = match &a.attributions {
        serde_json::Value::String(s) => {
            serde_json::from_str(&pythonish_to_json(s)).unwrap_or_default()
        }
        v => v.clone(),
    };
    let map = gold::char_to_byte(&a.text);
    let spans = |v: Option<&serde_json::Value>| -> Spans {
        v.and_then(|v| v.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|s| {
                        let (start, end) = (s.get(0)?.as_u64()?, s.get(1)?.as_u64()?);
                        Some(gold::byte_range(&map, start as usize, end as usize))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    value
        .as_array()
        .map(|list| {
            list.iter()
                .map(|attr| Attribution {
                    source: spans(attr.get("source")),
                    content: spans(attr.get("content")),
                    direct: attr.get("direct").and_then(|d| d.as_bool()) == Some(true),
                })
                .filter(|a| !a.content.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// PolNeAR ships attributions as Python literals: single quotes, True/False/None.
fn pythonish_to_json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        if n == '\'' {
                            out.push('\'');
                        } else {
                            out.push('\\');
                            out.push(n);
                        }
                    }
                }
                '"' if q == '\'' => out.push_str("\\\""),
                c if c == q => {
                    out.push('"');
                    quote = None;
                }
                c => out.push(c),
            },
            None => match c {
                '\'' | '"' => {
                    out.push('"');
                    quote = Some(c);
                }
                'T' if rest_is(&mut chars, "rue") => out.push_str("true"),
                'F' if rest_is(&mut chars, "alse") => out.push_str("false"),
                'N' if rest_is(&mut chars, "one") => out.push_str("null"),
                c => out.push(c),
            },
        }
    }
    out
}

fn rest_is(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, rest: &str) -> bool {
    let ahead: String = chars.clone().take(rest.len()).collect();
    if ahead == rest {
        for _ in 0..rest.len() {
            chars.next();
        }
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::pythonish_to_json;

    #[test]
    fn python_literals_become_json() {
        let s = "[{'id': 'E1', 'source_text': \"Kim's\", 'direct': False, 'x': None, 'q': 'say \"hi\"'}]";
        let v: serde_json::Value = serde_json::from_str(&pythonish_to_json(s)).unwrap();
        assert_eq!(v[0]["source_text"], "Kim's");
        assert_eq!(v[0]["direct"], false);
        assert_eq!(v[0]["q"], "say \"hi\"");
    }
}
