//! Prints, for each primary-annotator article of a PolNeAR-style file and split, the quotes
//! sitrep finds, with character offsets as PolNeAR counts them (a development aid for reading
//! the misses of `sitrep eval quotes`).
//!
//! `cargo run -p sitrep-eval --example quotes_dump -- FILE.jsonl [SPLIT] > quotes.jsonl`

use sitrep_model::{Document, Stage};
use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: quotes_dump FILE.jsonl [SPLIT]")?;
    let split = args.next().unwrap_or_else(|| "dev".into());
    let actors = sitrep_actors::ActorTagger::new()?;
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let article: serde_json::Value = serde_json::from_str(&line?)?;
        if article["primary"] != true || article["split"] != split.as_str() {
            continue;
        }
        let text = article["text"].as_str().unwrap_or_default();
        let mut doc = Document::new("polnear", text);
        sitrep_text::SentenceSplitter.run(&mut doc)?;
        actors.run(&mut doc)?;
        let chars = |byte: usize| text[..byte].chars().count();
        let quotes: Vec<_> = sitrep_quotes::find_quotes(&doc)
            .iter()
            .map(|q| {
                let span = |s: sitrep_model::Span| [chars(s.start()), chars(s.end())];
                serde_json::json!({
                    "kind": format!("{:?}", q.kind),
                    "content": span(q.outer),
                    "cue": q.cue.map(span),
                    "speaker": q.speaker.or(q.antecedent).map(span),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"id": article["id"], "quotes": quotes})
        );
    }
    Ok(())
}
