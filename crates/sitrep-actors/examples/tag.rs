//! Tags the text given as arguments (or stdin) and prints mentions and entities.
//!
//! `cargo run -p sitrep-actors --example tag -- "The Kremlin denied it."`

use sitrep_actors::ActorTagger;
use sitrep_model::Document;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        std::io::stdin().read_to_string(&mut text)?;
    }
    let tagger = ActorTagger::new()?;
    let mut doc = Document::new("arg", text);
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    let found = tagger.annotate(&doc);
    for (m, class) in found.mentions.iter().zip(&found.classes) {
        println!(
            "{:?} {:?} -> {} {:?} {}",
            m.span, m.text, m.entity, class, m.rule
        );
    }
    for (i, e) in found.entities.iter().enumerate() {
        println!(
            "{i}: {:?} {} {:?} country={:?} role={:?} flags={:?}",
            e.actor.kind, e.actor.code, e.actor.name, e.actor.country, e.actor.role, e.flags
        );
    }
    Ok(())
}
