//! `quotes`: attribution on PolNeAR (`*.jsonl`, one article × annotator per line, with
//! `attributions` holding source, cue and content character spans). Scores the `dev` split
//! with the primary annotator.
//!
//! Content F1 at IoU ≥ 0.3 and ≥ 0.8; speaker accuracy on matched quotes (a mention of the
//! predicted speaker, or its name, overlaps the gold source span); quote + speaker F1 (a
//! match at IoU ≥ 0.3 whose speaker is right).

use crate::{gold, EvalError, Prf, Report};
use sitrep_model::{Document, Quote};
use std::path::Path;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Article {
    split: String,
    primary: bool,
    text: String,
    attributions: serde_json::Value,
}

struct Attribution {
    source: Option<(usize, usize)>,
    content: (usize, usize),
}

/// Runs the suite on the `dev` split.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    run_split(data, "dev")
}

/// Runs the suite on one split (`train`, `dev`, `test`).
pub fn run_split(data: &Path, split: &str) -> Result<Report, EvalError> {
    let mut articles = Vec::new();
    let entries = std::fs::read_dir(data).map_err(|source| EvalError::Io {
        path: data.to_path_buf(),
        source,
    })?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in &files {
        let all: Vec<Article> = gold::read_jsonl(f)?;
        articles.extend(all.into_iter().filter(|a| a.primary && a.split == split));
    }
    let annotator = sitrep_annotate::Annotator::new().map_err(|e| EvalError::Stage(e.to_string()))?;
    let [sentences, actors, _, quotes] = annotator.stages();
    let (mut loose, mut tight, mut with_speaker) = (Prf::default(), Prf::default(), Prf::default());
    let (mut matched, mut speaker_right, mut words, mut secs) = (0u64, 0u64, 0usize, 0.0);
    for a in &articles {
        let gold_attr = attributions(a);
        let mut doc = Document::new("polnear", a.text.clone());
        words += doc.word_count();
        let start = Instant::now();
        for stage in [sentences, actors, quotes] {
            let _ = stage.run(&mut doc);
        }
        secs += start.elapsed().as_secs_f64();
        let pred: Vec<(usize, usize)> = doc.quotes.iter().map(|q| (q.span.start(), q.span.end())).collect();
        let gold_content: Vec<(usize, usize)> = gold_attr.iter().map(|g| g.content).collect();
        let pairs = gold::match_spans(&pred, &gold_content, 0.3);
        add(&mut loose, pairs.len(), pred.len(), gold_content.len());
        let strict_pairs = gold::match_spans(&pred, &gold_content, 0.8);
        add(&mut tight, strict_pairs.len(), pred.len(), gold_content.len());
        let right = pairs
            .iter()
            .filter(|(p, g)| speaker_matches(&doc, &doc.quotes[*p], gold_attr[*g].source))
            .count();
        matched += pairs.len() as u64;
        speaker_right += right as u64;
        add(&mut with_speaker, right, pred.len(), gold_content.len());
    }
    let mut report = Report::new("quotes");
    report.lines.push(format!("{} {split} articles (primary annotator), {words} words", articles.len()));
    report.lines.push(format!("{:<22} {:>6} {:>6} {:>6}", "", "P", "R", "F1"));
    for (name, s) in [("content IoU≥0.3", loose), ("content IoU≥0.8", tight), ("quote + speaker", with_speaker)] {
        report.lines.push(format!("{name:<22} {:>6.3} {:>6.3} {:>6.3}", s.p(), s.r(), s.f1()));
    }
    let accuracy = crate::ratio(speaker_right, matched);
    let words_per_s = words as f64 / secs.max(1e-9);
    report.lines.push(format!("speaker accuracy on matched quotes {accuracy:.3}; {words_per_s:.0} words/s (sentences + actors + quotes, one core)"));
    report.lines.push("peer textacy + spaCy (test split): content F1 0.638, quote + speaker F1 0.557 at 2,145 words/s".into());
    report.figure("content_f1", loose.f1());
    report.figure("content_f1_08", tight.f1());
    report.figure("speaker_accuracy", accuracy);
    report.figure("f1", with_speaker.f1());
    report.figure("words_per_s", words_per_s);
    Ok(report)
}

fn add(s: &mut Prf, tp: usize, pred: usize, gold: usize) {
    s.tp += tp as u64;
    s.fp += (pred - tp) as u64;
    s.fn_ += (gold - tp) as u64;
}

/// Reads the attributions (a JSON list, or a string holding a Python-style list).
fn attributions(a: &Article) -> Vec<Attribution> {
    let value = match &a.attributions {
        serde_json::Value::String(s) => serde_json::from_str(&pythonish_to_json(s)).unwrap_or_default(),
        v => v.clone(),
    };
    let map = gold::char_to_byte(&a.text);
    let hull = |v: &serde_json::Value| -> Option<(usize, usize)> {
        let spans = v.as_array()?;
        let starts = spans.iter().filter_map(|s| s.get(0)?.as_u64());
        let ends = spans.iter().filter_map(|s| s.get(1)?.as_u64());
        let (s, e) = (starts.min()? as usize, ends.max()? as usize);
        Some(gold::byte_range(&map, s, e))
    };
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|attr| {
                    Some(Attribution {
                        source: attr.get("source").and_then(hull),
                        content: attr.get("content").and_then(hull)?,
                    })
                })
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

fn speaker_matches(doc: &Document, quote: &Quote, gold_source: Option<(usize, usize)>) -> bool {
    let Some(source) = gold_source else {
        return false;
    };
    let overlaps = |s: usize, e: usize| s < source.1 && source.0 < e;
    if let Some(entity) = quote.speaker {
        let hit = doc
            .mentions
            .iter()
            .filter(|m| m.entity == entity)
            .any(|m| overlaps(m.span.start(), m.span.end()));
        if hit {
            return true;
        }
    }
    let gold_text = doc.text.get(source.0..source.1).unwrap_or("");
    quote.speaker_name.as_deref().is_some_and(|name| {
        !name.is_empty() && (gold_text.contains(name) || name.contains(gold_text.trim()))
            && !gold_text.trim().is_empty()
    })
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
