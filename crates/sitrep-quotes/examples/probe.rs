//! Prints the quotes found in the text given as the first argument (a development aid).
//!
//! `cargo run -p sitrep-quotes --example probe -- "Kirby said, \"We know.\""`

use sitrep_model::Document;

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_default()
        .replace("\\n", "\n");
    let mut doc = Document::new("probe", text);
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    for q in sitrep_quotes::find_quotes(&doc) {
        println!(
            "{:?} cue={:?} speaker={:?} name={:?} :: {:?}",
            q.kind,
            q.cue.map(|c| c.of(&doc.text)),
            q.speaker.map(|c| c.of(&doc.text)),
            q.speaker_name,
            q.text
        );
    }
}
