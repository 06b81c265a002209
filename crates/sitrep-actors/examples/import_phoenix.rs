//! Imports the Phoenix/PETRARCH dictionaries and reports entry and error counts, then tags
//! a sentence with the embedded entries plus the imported ones.
//!
//! `cargo run -p sitrep-actors --example import_phoenix [DIR]`
//! (default `/work/shared/dictionaries/phoenix`; skips when absent).

use sitrep_actors::{
    import_petrarch_actors_named, import_petrarch_agents_named, ActorTagger, Dictionaries,
};
use sitrep_model::{Document, Stage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/dictionaries/phoenix".into());
    let (mut entries, names) = Dictionaries::embedded()?.entries()?;
    let own = entries.len();
    let files = [
        ("Phoenix.Countries.actors.txt", false),
        ("Phoenix.International.actors.txt", false),
        ("Phoenix.MilNonState.actors.txt", false),
        ("Phoenix.agents.txt", true),
    ];
    for (file, agents) in files {
        let path = format!("{dir}/{file}");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("no {path}: skipping");
            continue;
        };
        // Phoenix.Countries.actors.txt is not valid UTF-8 in places.
        let text = String::from_utf8_lossy(&bytes);
        let import = if agents {
            import_petrarch_agents_named(file, &text)
        } else {
            import_petrarch_actors_named(file, &text)
        };
        let patterns: usize = import.entries.iter().map(|e| e.patterns.len()).sum();
        println!(
            "{file}: {} entries, {patterns} phrases, {} errors",
            import.entries.len(),
            import.errors.len()
        );
        for e in import.errors.iter().take(5) {
            println!("  {e}");
        }
        entries.extend(import.entries);
    }
    let start = std::time::Instant::now();
    let tagger = ActorTagger::from_entries(entries, names)?;
    println!(
        "compiled {} entries ({own} own) into {} patterns in {:.2}s",
        tagger.lexicon().entries.len(),
        tagger.lexicon().matcher.len(),
        start.elapsed().as_secs_f64()
    );
    let mut doc = Document::new(
        "demo",
        "Egyptian police arrested protesters near Tahrir Square.",
    );
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    tagger.run(&mut doc)?;
    for m in &doc.mentions {
        let e = &doc.entities[m.entity as usize];
        println!("{:?} {:?} -> {} {}", m.span, m.text, e.actor.code, m.rule);
    }
    Ok(())
}
