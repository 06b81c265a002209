//! Measures splitter and tokenizer throughput on a plain-text file:
//! `cargo run --release -p sitrep-text --example text_speed -- FILE`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: text_speed FILE");
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return;
        }
    };
    let started = Instant::now();
    let sentences = sitrep_text::split_sentences(&text);
    let split = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let words: usize = sentences
        .iter()
        .map(|s| sitrep_text::tokens(&text, s.span).len())
        .sum();
    let tok = started.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB, {} sentences, {words} tokens; split {:.0} MB/s, tokens {:.0} MB/s",
        sentences.len(),
        mb / split,
        mb / tok
    );
}
