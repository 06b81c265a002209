//! Prints the sentences of a plain-text file, one per line with its paragraph:
//! `cargo run -p sitrep-text --example sentences -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sentences FILE");
        return;
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            for s in sitrep_text::split_sentences(&text) {
                println!("{}\t{}", s.paragraph, s.span.of(&text));
            }
        }
        Err(e) => eprintln!("cannot read {path}: {e}"),
    }
}
