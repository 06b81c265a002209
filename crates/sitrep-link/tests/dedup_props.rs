//! Properties of duplicate detection on generated texts.

use proptest::prelude::*;
use sitrep_link::{Dedup, DuplicateKind};

/// Words whose upper case lower-cases back to them (not `ß`, which becomes `SS`).
fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-zA-Z0-9éüж]{1,9}", 1..80)
}

proptest! {
    #[test]
    fn layout_case_and_punctuation_never_hide_an_exact_copy(ws in words(), sep in "[ ,.;:!?\n\t\"-]{1,3}") {
        let plain = ws.join(" ");
        let noisy = ws.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join(&sep);
        let mut d = Dedup::new();
        prop_assert!(d.add("a", &plain).is_none());
        let dup = d.add("b", &noisy);
        prop_assert_eq!(dup.map(|x| (x.of, x.kind)), Some(("a".to_string(), DuplicateKind::Exact)));
    }

    #[test]
    fn similarity_is_symmetric_and_one_with_itself(a in words(), b in words()) {
        let (x, y) = (Dedup::signature(&a.join(" ")).unwrap(), Dedup::signature(&b.join(" ")).unwrap());
        prop_assert_eq!(x.similarity(&y), y.similarity(&x));
        prop_assert_eq!(x.similarity(&x), 1.0);
    }
}
