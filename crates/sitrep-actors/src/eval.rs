//! CoNLL-2003 style views of the actor layer (PER, ORG, LOC), for `sitrep eval ner`, which
//! does the scoring.
//!
//! Our kinds map to CoNLL: person → PER, organisation → ORG, country and place → LOC.
//! Only names and resolved surnames count: CoNLL tags demonyms ("German") as MISC and has
//! no tag for descriptions or composites, and its spans never include a leading "the".

use crate::{ActorTagger, Category, MentionClass};
use sitrep_model::{ActorKind, Document, Span};

/// The three scored labels.
pub const LABELS: [&str; 3] = ["PER", "ORG", "LOC"];

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
    fn renders_bio_spans_and_predicts_the_same_names() {
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
        let mut doc = Document::new("conll", text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        assert_eq!(predicted(&tagger, &doc), gold);
    }
}
