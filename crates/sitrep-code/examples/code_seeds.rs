//! Codes the seed articles with a provisional gazetteer standing in for the actor stage.
//!
//! `cargo run -p sitrep-code --example code_seeds [DIR]` (default `../shared/seeds`, skipped with a
//! message when absent). The gazetteer below is for this smoke check only: the real actors
//! come from `sitrep-actors`.

use sitrep_code::Coder;
use sitrep_model::{Document, Stage};

mod common;
use common::provisional_mentions;
use std::path::Path;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/seeds".into());
    let dir = Path::new(&dir);
    let Ok(read) = std::fs::read_dir(dir) else {
        eprintln!("seeds: {} not found, skipping", dir.display());
        return;
    };
    let coder = match Coder::new() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut paths: Vec<_> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut doc = Document::new(path.display().to_string(), text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        provisional_mentions(&mut doc);
        if let Err(e) = coder.run(&mut doc) {
            eprintln!("{e}");
            continue;
        }
        println!(
            "== {}",
            path.file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
        );
        for (i, e) in doc.events.iter().enumerate() {
            let name = |a: &Option<sitrep_model::ActorRef>| {
                a.as_ref().map_or("-".to_string(), |a| a.code.clone())
            };
            println!(
                "  [{i}] s{} {} -> {} {} {} obj={:?} {} by={} denies={:?} «{}» {}",
                e.sentence,
                name(&e.source),
                name(&e.target),
                e.cameo,
                e.plover,
                e.object.as_deref().unwrap_or(""),
                e.modality.as_str(),
                e.claimant
                    .as_ref()
                    .map_or("-".to_string(), |c| c.name.clone()),
                e.denies,
                e.trigger.of(&doc.text),
                e.rule
            );
        }
    }
}
