//! Tags the five seed articles and prints their entities.
//!
//! `cargo run -p sitrep-actors --example actors_seeds [DIR]` (default `../shared/seeds`).

use sitrep_actors::ActorTagger;
use sitrep_model::{Document, Stage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/seeds".to_string());
    let Ok(read) = std::fs::read_dir(&dir) else {
        eprintln!("no seeds at {dir}: skipping");
        return Ok(());
    };
    let mut paths: Vec<_> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let tagger = ActorTagger::new()?;
    for path in paths {
        let text = std::fs::read_to_string(&path)?;
        let mut doc = Document::new(path.display().to_string(), text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        tagger.run(&mut doc)?;
        println!("== {}", path.display());
        for (i, e) in doc.entities.iter().enumerate() {
            let surfaces: Vec<&str> = doc
                .mentions
                .iter()
                .filter(|m| m.entity as usize == i)
                .map(|m| m.text.as_str())
                .collect();
            println!(
                "{:>2} {:<7} {:<9} {:<34} role={:<40} n={} {:?}{}",
                i,
                format!("{:?}", e.actor.kind)
                    .chars()
                    .take(7)
                    .collect::<String>(),
                e.actor.code,
                e.actor.name,
                e.actor
                    .role
                    .as_deref()
                    .unwrap_or("-")
                    .chars()
                    .take(40)
                    .collect::<String>(),
                surfaces.len(),
                surfaces.iter().take(4).collect::<Vec<_>>(),
                if e.flags.is_empty() {
                    String::new()
                } else {
                    format!(" FLAGS {:?}", e.flags)
                }
            );
        }
    }
    Ok(())
}
