//! Prints the quotes found in the seed articles (`../shared/seeds/*.txt` by default).
//!
//! `cargo run -p sitrep-quotes --example quotes_seeds [DIR]`

use sitrep_model::Document;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/seeds".to_string());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("no seeds at {dir}: skipped");
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut doc = Document::new(path.display().to_string(), text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        println!("== {}", path.display());
        for q in sitrep_quotes::find_quotes(&doc) {
            let short: String = q.text.chars().take(70).collect();
            let cue = q.cue.map_or("", |c| c.of(&doc.text));
            println!(
                "  {:?} [{}] cue={:?} speaker={:?} :: {}",
                q.kind,
                q.speaker_name.as_deref().unwrap_or("-"),
                cue,
                q.speaker.map(|s| s.of(&doc.text)),
                short.replace('\n', " / ")
            );
        }
    }
}
