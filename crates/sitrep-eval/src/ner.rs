//! `ner`: entity-level exact-span precision, recall and F1 for PER, ORG and LOC on a
//! CoNLL-2003 JSONL file (documents of sentences with tokens and BIO tags).
//!
//! Each document's text is its sentences, tokens joined by single spaces, one sentence per
//! line. Our kinds map to CoNLL's: person → PER, organisation → ORG, country and place →
//! LOC; only named mentions count (CoNLL tags nationality adjectives such as "German" as
//! MISC, and descriptions such as "North Korean troops" are no named entity).

use crate::{gold, EvalError, Prf, Report};
use sitrep_model::{Document, Stage};
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

#[derive(serde::Deserialize)]
struct GoldDoc {
    sentences: Vec<GoldSentence>,
}

#[derive(serde::Deserialize)]
struct GoldSentence {
    tokens: Vec<String>,
    tags: Vec<String>,
}

const LABELS: [&str; 3] = ["PER", "ORG", "LOC"];

/// Runs the suite on a `.jsonl` file (or a folder holding one).
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    for path in gold::jsonl_files(data)? {
        docs.extend(gold::read_jsonl::<GoldDoc>(&path)?);
    }
    let splitter = sitrep_text::SentenceSplitter;
    let actors = sitrep_actors::ActorTagger::new().map_err(|e| EvalError::Stage(e.to_string()))?;
    let mut scores = [Prf::default(); 3];
    let (mut words, mut secs) = (0usize, 0.0);
    for gold_doc in &docs {
        let (text, gold) = render(gold_doc);
        words += gold_doc
            .sentences
            .iter()
            .map(|s| s.tokens.len())
            .sum::<usize>();
        let mut doc = Document::new("conll", text);
        let start = Instant::now();
        let _ = splitter.run(&mut doc);
        let _ = actors.run(&mut doc);
        secs += start.elapsed().as_secs_f64();
        let predicted = predicted(&actors, &doc);
        for (k, label) in LABELS.iter().enumerate() {
            let g: HashSet<_> = gold.iter().filter(|(l, _, _)| l == label).collect();
            let p: HashSet<_> = predicted.iter().filter(|(l, _, _)| l == label).collect();
            let tp = g.intersection(&p).count() as u64;
            scores[k].tp += tp;
            scores[k].fp += p.len() as u64 - tp;
            scores[k].fn_ += g.len() as u64 - tp;
        }
    }
    let micro = scores.iter().fold(Prf::default(), |a, s| Prf {
        tp: a.tp + s.tp,
        fp: a.fp + s.fp,
        fn_: a.fn_ + s.fn_,
    });
    let mut report = Report::new("ner");
    report
        .lines
        .push(format!("{} documents, {words} words", docs.len()));
    report.lines.push(format!(
        "{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "label", "P", "R", "F1", "tp", "fp", "fn"
    ));
    for (label, s) in LABELS.iter().zip(&scores).chain([(&"micro", &micro)]) {
        report.lines.push(format!(
            "{label:<6} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}",
            s.p(),
            s.r(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        ));
        if *label != "micro" {
            report.figure(&format!("{}_f1", label.to_lowercase()), s.f1());
        }
    }
    let words_per_s = words as f64 / secs.max(1e-9);
    report.lines.push(format!("{words_per_s:.0} words/s (sentences + actors, one core); peer spaCy en_core_web_sm: micro F1 0.605 at 4,310 words/s"));
    report.figure("f1", micro.f1());
    report.figure("precision", micro.p());
    report.figure("recall", micro.r());
    report.figure("words_per_s", words_per_s);
    Ok(report)
}

/// The document text and its gold entities as `(label, start byte, end byte)`.
fn render(doc: &GoldDoc) -> (String, Vec<(String, usize, usize)>) {
    let mut text = String::new();
    let mut entities = Vec::new();
    for sentence in &doc.sentences {
        let mut open: Option<(String, usize, usize)> = None;
        for (i, (token, tag)) in sentence.tokens.iter().zip(&sentence.tags).enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            let end = text.len();
            let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
            let continues = prefix == "I" && open.as_ref().is_some_and(|(l, _, _)| l == label);
            if continues {
                if let Some(o) = open.as_mut() {
                    o.2 = end;
                }
                continue;
            }
            entities.extend(open.take());
            if prefix == "B" || prefix == "I" {
                open = Some((label.to_string(), start, end));
            }
        }
        entities.extend(open.take());
        text.push('\n');
    }
    entities.retain(|(l, _, _)| LABELS.contains(&l.as_str()));
    (text, entities)
}

/// Named mentions as CoNLL labels; the actor crate knows which of its mentions are names
/// (not composites, descriptions or demonyms).
fn predicted(tagger: &sitrep_actors::ActorTagger, doc: &Document) -> Vec<(String, usize, usize)> {
    sitrep_actors::eval::predicted(tagger, doc)
        .into_iter()
        .map(|(label, start, end)| (label.to_string(), start, end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_tags_become_byte_spans() {
        let doc = GoldDoc {
            sentences: vec![GoldSentence {
                tokens: ["Phil", "Simmons", "left", "New", "York"]
                    .map(String::from)
                    .to_vec(),
                tags: ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]
                    .map(String::from)
                    .to_vec(),
            }],
        };
        let (text, entities) = render(&doc);
        assert_eq!(text, "Phil Simmons left New York\n");
        assert_eq!(
            entities,
            vec![("PER".into(), 0, 12), ("LOC".into(), 18, 26)]
        );
    }
}
