//! Property tests: any text, however messy, yields valid spans and indices.

use proptest::prelude::*;
use sitrep_actors::ActorTagger;
use sitrep_model::{Document, Stage};

const PIECES: &[&str] = &[
    "Kim",
    "Jong-un",
    "North",
    "Korea",
    "’s",
    "'s",
    "the",
    "The",
    "Kremlin",
    "US",
    "us",
    "U.S.",
    "President",
    "Coordinator",
    "Kirby",
    ",",
    ".",
    "(",
    ")",
    "NSC",
    "said",
    "official",
    "Россия",
    "北朝鮮",
    "é",
    "—",
    "\n",
    "  ",
    "Deputy",
    "of",
    "Defense",
    "John",
    "Hill",
    "a",
    "senior",
    "Pentagon",
    "troops",
    "Russian",
    "Mr.",
    "S",
    "…",
    "“",
    "”",
    "-",
];

fn assemble(picks: Vec<usize>) -> String {
    picks
        .into_iter()
        .map(|i| PIECES[i % PIECES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn the_tagger_is_shareable() {
    assert_send_sync::<ActorTagger>();
}

proptest! {
    #[test]
    fn spans_and_indices_are_valid(picks in proptest::collection::vec(0usize..64, 0..60)) {
        let text = assemble(picks);
        let mut doc = Document::new("p", text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        ActorTagger::new().unwrap().run(&mut doc).unwrap();
        for m in &doc.mentions {
            prop_assert!(doc.text.get(m.span.start()..m.span.end()).is_some());
            prop_assert_eq!(m.span.of(&doc.text), m.text.as_str());
            prop_assert!((m.entity as usize) < doc.entities.len());
        }
        for w in doc.mentions.windows(2) {
            prop_assert!(w[0].span.start <= w[1].span.start);
        }
    }
}
