//! Entity-level scoring against CoNLL-2003 style gold data (PER, ORG, LOC).
//!
//! Our kinds map to CoNLL: person → PER, organisation → ORG, country and place → LOC.
//! Only names and resolved surnames count: CoNLL tags demonyms ("German") as MISC and has
//! no tag for descriptions or composites, and its spans never include a leading "the".

use crate::{ActorTagger, Category, MentionClass};
use sitrep_model::{ActorKind, Document, Span};
use std::collections::HashSet;

/// The three scored labels.
pub const LABELS: [&str; 3] = ["PER", "ORG", "LOC"];

/// Counts for precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    pub fn_: u64,
}

impl Prf {
    /// Precision.
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One gold sentence: tokens and BIO tags.
#[derive(Clone, Debug, Default)]
pub struct GoldSentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// `B-PER`, `I-LOC`, `O`, ...
    pub tags: Vec<String>,
}

/// A labelled byte span.
pub type Labelled = (&'static str, usize, usize);

fn label_of(tag: &str) -> Option<&'static str> {
    LABELS.into_iter().find(|l| tag.ends_with(l))
}

/// Text (tokens joined by spaces, one sentence per line) and gold PER/ORG/LOC spans.
pub fn render(sentences: &[GoldSentence]) -> (String, Vec<Labelled>) {
    let mut text = String::new();
    let mut gold: Vec<Labelled> = Vec::new();
    for s in sentences {
        let mut open: Option<Labelled> = None;
        for (i, (tok, tag)) in s.tokens.iter().zip(&s.tags).enumerate() {
            if i > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(tok);
            let label = label_of(tag);
            match (open.as_mut(), label) {
                (Some(o), Some(l)) if tag.starts_with("I-") && o.0 == l => o.2 = text.len(),
                _ => {
                    gold.extend(open.take());
                    open = label.map(|l| (l, start, text.len()));
                }
            }
        }
        gold.extend(open.take());
        text.push('\n');
    }
    (text, gold)
}

/// Our mentions as CoNLL spans: names and surnames, plus the names inside composites and
/// descriptions ("U.S." in "U.S. officials"), without a leading "the ".
pub fn predicted(tagger: &ActorTagger, doc: &Document) -> Vec<Labelled> {
    let found = tagger.annotate(doc);
    let mut out = Vec::new();
    for (m, class) in found.mentions.iter().zip(&found.classes) {
        match class {
            MentionClass::Name | MentionClass::Surname => {
                let Some(e) = found.entities.get(m.entity as usize) else {
                    continue;
                };
                let span = strip_article(&doc.text, m.span);
                out.push((label(e.actor.kind), span.start(), span.end()));
            }
            MentionClass::Composite | MentionClass::Description => {
                out.extend(inner_names(tagger, &doc.text, m.span));
            }
            MentionClass::Adjective => {}
        }
    }
    out
}

fn label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "PER",
        ActorKind::Organisation => "ORG",
        ActorKind::Country | ActorKind::Place => "LOC",
    }
}

/// Country, capital, seat and IGO names inside a longer mention.
fn inner_names(tagger: &ActorTagger, text: &str, span: Span) -> Vec<Labelled> {
    let lex = tagger.lexicon();
    let piece = span.of(text);
    lex.matcher
        .find(piece)
        .into_iter()
        .filter_map(|h| {
            let kind = match lex.entry(h.entry).category {
                Category::Country | Category::Capital | Category::Place => ActorKind::Country,
                Category::Seat | Category::Igo => ActorKind::Organisation,
                _ => return None,
            };
            let inner = Span::new(span.start() + h.start, span.start() + h.end);
            let inner = strip_article(text, inner);
            Some((label(kind), inner.start(), inner.end()))
        })
        .collect()
}

fn strip_article(text: &str, span: Span) -> Span {
    let s = span.of(text);
    match s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")) {
        Some(rest) => Span::new(span.end() - rest.len(), span.end()),
        None => span,
    }
}

/// Scores of one run: per label and micro-averaged, plus words and tagging seconds.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// PER, ORG, LOC in [`LABELS`] order.
    pub labels: [Prf; 3],
    /// Words (gold tokens) read.
    pub words: usize,
    /// Seconds spent splitting sentences and tagging.
    pub seconds: f64,
}

impl Scores {
    /// Micro average over the three labels.
    pub fn micro(&self) -> Prf {
        let mut m = Prf::default();
        for s in &self.labels {
            m.add(*s);
        }
        m
    }

    /// Adds one document's gold and predicted spans.
    pub fn add(&mut self, gold: &[Labelled], predicted: &[Labelled]) {
        for (k, label) in LABELS.iter().enumerate() {
            let g: HashSet<_> = gold.iter().filter(|x| x.0 == *label).collect();
            let p: HashSet<_> = predicted.iter().filter(|x| x.0 == *label).collect();
            let tp = g.intersection(&p).count() as u64;
            self.labels[k].add(Prf {
                tp,
                fp: p.len() as u64 - tp,
                fn_: g.len() as u64 - tp,
            });
        }
    }
}

/// Tags every document and scores it.
pub fn evaluate(tagger: &ActorTagger, docs: &[Vec<GoldSentence>]) -> Scores {
    let mut scores = Scores::default();
    for sentences in docs {
        let (text, gold) = render(sentences);
        scores.words += sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
        let start = std::time::Instant::now();
        let mut doc = Document::new("conll", text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        let pred = predicted(tagger, &doc);
        scores.seconds += start.elapsed().as_secs_f64();
        scores.add(&gold, &pred);
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(tokens: &[&str], tags: &[&str]) -> GoldSentence {
        GoldSentence {
            tokens: tokens.iter().map(|s| s.to_string()).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn renders_bio_spans_and_scores_a_tiny_document() {
        let s = sentence(
            &[
                "Russian", "troops", "left", "North", "Korea", "for", "Moscow", ".",
            ],
            &["B-MISC", "O", "O", "B-LOC", "I-LOC", "O", "B-LOC", "O"],
        );
        let (text, gold) = render(std::slice::from_ref(&s));
        assert_eq!(gold, vec![("LOC", 20, 31), ("LOC", 36, 42)]);
        assert!(text.starts_with("Russian troops"));
        let tagger = ActorTagger::new().unwrap();
        let scores = evaluate(&tagger, &[vec![s]]);
        assert_eq!(
            scores.labels[2],
            Prf {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(scores.micro().fp, 0);
    }
}
