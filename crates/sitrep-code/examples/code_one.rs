//! Codes one sentence given actor phrases, for debugging patterns:
//! `cargo run -p sitrep-code --example code_one -- "TEXT" "Actor one" "Actor two"`.

use sitrep_code::{ActorSpan, Coder};
use sitrep_model::Span;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(text) = args.first() else {
        eprintln!("usage: code_one TEXT [ACTOR...]");
        return;
    };
    let mut actors: Vec<ActorSpan> = args[1..]
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let at = text.find(a.as_str())?;
            Some(ActorSpan {
                span: Span::new(at, at + a.len()),
                code: format!("A{i}"),
                name: a.clone(),
                entity: Some(i as u32),
            })
        })
        .collect();
    actors.sort_by_key(|a| a.span.start);
    let Ok(coder) = Coder::new() else {
        eprintln!("lexicon failed to load");
        return;
    };
    for e in coder.code_sentence(text, &actors) {
        println!(
            "{:?} -> {:?} {} {} obj={:?} {:?} «{}» {}",
            e.source.map(|s| s.name),
            e.target.map(|s| s.name),
            e.cameo,
            e.plover,
            e.object,
            e.modality,
            e.trigger.of(text),
            e.rule
        );
    }
}
