//! Prints the time expressions of a plain-text file:
//! `cargo run -p sitrep-time --example timex_file -- FILE [YYYY-MM-DD]`.

use sitrep_model::{DateValue, Document, Precision, PublishedDate, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: timex_file FILE [YYYY-MM-DD]");
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping {path}: {e}");
            return;
        }
    };
    let mut doc = Document::new(path, text);
    doc.published = args.next().map(|d| PublishedDate {
        date: DateValue {
            value: d,
            precision: Precision::Day,
        },
        origin: "argument".to_string(),
    });
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    if let Err(e) = sitrep_time::TimeTagger::new().run(&mut doc) {
        eprintln!("{e}");
        return;
    }
    for t in &doc.timexes {
        let value = t.value.as_ref().map_or("-", |v| v.value.as_str());
        println!("{:?}\t{:?}\t{value}\t{}", t.span, t.text, t.anchor);
    }
    for d in &doc.diagnostics {
        println!("# {d}");
    }
}
