//! TempEval-3 evaluation of the time stage.
//!
//! `cargo run --release -p sitrep-time --example eval_timex -- [DIR] [--errors]`
//! where DIR holds `docs.jsonl` and `timex.jsonl` (default
//! `../shared/eval/temporal/tempeval3` from the workspace root). Reports (a) value
//! accuracy of [`sitrep_time::normalise`] on the gold spans, anchored on each document's
//! creation date, and (b) end-to-end strict and relaxed span F1 and value F1 of the
//! [`sitrep_time::TimeTagger`] stage, with its speed — for all documents and for each
//! half of a split by a hash of the document id (`--half 0|1` shows one half only;
//! `--errors` lists its errors).

use serde_json::Value;
use sitrep_model::{DateValue, Document, Precision, PublishedDate, Span, Stage};
use std::collections::HashMap;
use std::time::Instant;

struct Gold {
    span: Span,
    kind: String,
    value: String,
    text: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--half"))
        .map(|(_, a)| a)
        .cloned()
        .unwrap_or_else(|| "../shared/eval/temporal/tempeval3".to_string());
    let (Ok(docs), Ok(timex)) = (
        std::fs::read_to_string(format!("{dir}/docs.jsonl")),
        std::fs::read_to_string(format!("{dir}/timex.jsonl")),
    ) else {
        eprintln!("skipping: {dir}/docs.jsonl or timex.jsonl not found");
        return;
    };
    let docs = read_docs(&docs);
    let gold = read_gold(&timex, &docs);
    // `--half 0` or `--half 1` restricts everything to one half of the documents.
    let only: Option<u64> = args
        .iter()
        .position(|a| a == "--half")
        .and_then(|i| args.get(i + 1))
        .and_then(|h| h.parse().ok());
    for (label, half) in [
        ("all documents", None),
        ("dev half (0)", Some(0)),
        ("held half (1)", Some(1)),
    ] {
        if only.is_some() && half != only {
            continue;
        }
        let part: Vec<Document> = docs
            .iter()
            .filter(|d| half.is_none_or(|h| half_of(&d.id) == h))
            .cloned()
            .collect();
        println!("== {label}: {} documents", part.len());
        gold_span_accuracy(&part, &gold, show_errors && only.is_some());
        end_to_end(&part, &gold, show_errors && only.is_some());
    }
}

/// The half a document belongs to: FNV-1a of its id, so the split is stable and blind to
/// content. Rules are developed on half 0; half 1 shows whether they generalise.
fn half_of(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h % 2
}

fn read_docs(text: &str) -> Vec<Document> {
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            let mut doc = Document::new(
                v["id"].as_str().unwrap_or(""),
                v["text"].as_str().unwrap_or(""),
            );
            doc.id = doc.source.clone();
            let dct = v["dct"].as_str().unwrap_or("");
            doc.published = dct.get(..10).map(|day| PublishedDate {
                date: DateValue {
                    value: day.to_string(),
                    precision: Precision::Day,
                },
                origin: "dct".to_string(),
            });
            doc.sentences = sitrep_text::split_sentences(&doc.text);
            doc
        })
        .collect()
}

/// Character offsets in the gold file become byte offsets into the text.
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

fn read_gold(text: &str, docs: &[Document]) -> HashMap<String, Vec<Gold>> {
    let texts: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    let mut out: HashMap<String, Vec<Gold>> = HashMap::new();
    for v in text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
    {
        let id = v["doc"].as_str().unwrap_or("");
        let Some(body) = texts.get(id) else { continue };
        let (s, e) = (
            v["start"].as_u64().unwrap_or(0),
            v["end"].as_u64().unwrap_or(0),
        );
        let span = Span::new(byte_offset(body, s as usize), byte_offset(body, e as usize));
        out.entry(id.to_string()).or_default().push(Gold {
            span,
            kind: v["type"].as_str().unwrap_or("").to_string(),
            value: v["value"].as_str().unwrap_or("").to_string(),
            text: v["text"].as_str().unwrap_or("").to_string(),
        });
    }
    out
}

fn gold_span_accuracy(docs: &[Document], gold: &HashMap<String, Vec<Gold>>, show: bool) {
    let mut by_kind: HashMap<String, (usize, usize)> = HashMap::new();
    let started = Instant::now();
    for doc in docs {
        let anchor = sitrep_time::anchor_date(doc);
        let mut reference: Option<String> = None;
        for g in gold.get(&doc.id).map_or(&[][..], Vec::as_slice) {
            let sentence = doc
                .sentence_at(g.span.start())
                .map_or(Span::new(0, doc.text.len()), |i| doc.sentences[i].span);
            let tense = sitrep_time::tense_at(&doc.text, sentence, g.span);
            let got = sitrep_time::normalise_after(&g.text, anchor, tense, reference.as_deref());
            if let Some(v) = got.as_ref().filter(|v| sitrep_time::is_reference(v)) {
                reference = Some(v.timeml.clone());
            }
            let ok = got.as_ref().is_some_and(|v| v.timeml == g.value);
            let e = by_kind.entry(g.kind.clone()).or_default();
            e.0 += usize::from(ok);
            e.1 += 1;
            if show && !ok {
                let got = got.map_or("-".to_string(), |v| v.timeml);
                println!(
                    "VALUE\t{}\t{:?}\t{}\tgot {}\t{:?}",
                    g.kind, g.text, g.value, got, tense
                );
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let (mut ok, mut n) = (0, 0);
    let mut kinds: Vec<_> = by_kind.iter().collect();
    kinds.sort();
    println!("(a) value accuracy on gold spans (normalise alone, anchored on the DCT)");
    for (k, (c, t)) in kinds {
        println!("    {k:<9} {c:>5} / {t:<5} {:.1}%", pct(*c, *t));
        ok += c;
        n += t;
    }
    let dt = ["DATE", "TIME"]
        .iter()
        .filter_map(|k| by_kind.get(*k))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "    DATE+TIME {:>5} / {:<5} {:.1}%",
        dt.0,
        dt.1,
        pct(dt.0, dt.1)
    );
    println!(
        "    all       {ok:>5} / {n:<5} {:.1}%   ({:.0} expressions/s)",
        pct(ok, n),
        n as f64 / secs
    );
}

fn end_to_end(docs: &[Document], gold: &HashMap<String, Vec<Gold>>, show: bool) {
    let tagger = sitrep_time::TimeTagger::new();
    let mut docs = docs.to_vec();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Ten passes so the timing is not a few milliseconds of noise.
    const PASSES: usize = 10;
    let started = Instant::now();
    for _ in 0..PASSES {
        for doc in &mut docs {
            if let Err(e) = tagger.run(doc) {
                eprintln!("{}: {e}", doc.id);
            }
        }
    }
    let secs = started.elapsed().as_secs_f64() / PASSES as f64;
    let (mut strict, mut relaxed, mut value, mut sys, mut total) = (0, 0, 0, 0, 0);
    for doc in &docs {
        let golds = gold.get(&doc.id).map_or(&[][..], Vec::as_slice);
        total += golds.len();
        sys += doc.timexes.len();
        let values = sitrep_time::timeml_values(doc);
        for (t, v) in doc.timexes.iter().zip(values) {
            let v = v.map(|v| v.timeml).unwrap_or_default();
            match golds.iter().find(|g| g.span.overlaps(t.span)) {
                Some(g) => {
                    relaxed += 1;
                    strict += usize::from(g.span == t.span);
                    value += usize::from(g.value == v);
                    if show && (g.value != v || g.span != t.span) {
                        println!("E2E\t{:?}\t{}\tgold {:?} {}", t.text, v, g.text, g.value);
                    }
                }
                None if show => println!("FP\t{:?}\t{}", t.text, v),
                None => {}
            }
        }
        if show {
            for g in golds
                .iter()
                .filter(|g| !doc.timexes.iter().any(|t| t.span.overlaps(g.span)))
            {
                println!("FN\t{}\t{:?}\t{}", g.kind, g.text, g.value);
            }
        }
    }
    let f1 = |c: usize| {
        let (p, r) = (pct(c, sys), pct(c, total));
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    println!("(b) end to end: {sys} found, {total} gold");
    for (name, c) in [
        ("strict span", strict),
        ("relaxed span", relaxed),
        ("value", value),
    ] {
        let (p, r, f) = f1(c);
        println!("    {name:<13} P {p:.1}  R {r:.1}  F1 {f:.1}");
    }
    println!(
        "    speed: {:.0} expressions/s, {:.2} MB/s ({} docs, {:.1} MB in {:.3} s)",
        sys as f64 / secs,
        bytes as f64 / 1e6 / secs,
        docs.len(),
        bytes as f64 / 1e6,
        secs
    );
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
