//! `plover`: PLOVER event-type accuracy on the CAMEO-manual example sentences coded in
//! PLOVER (`PLOVER_GSR_CAMEO.json`), with sitrep's own verb lexicon.
//!
//! The gold actor phrases and codes (country plus sector) stand in for the actor stage, so
//! the figure measures the verb lexicon. The gold set uses PLOVER 2016 type names; they are mapped to the 2021 names our
//! code table carries (DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT). A
//! planned act counts as an intent (AGREE for cooperation, THREATEN for conflict), as CAMEO
//! codes it; the coder itself keeps the act with modality `planned`.

use crate::{EvalError, Report};
use sitrep_code::Coder;
use sitrep_model::{Actor, ActorKind, Document, Entity, Event, Mention, Modality, Span, Stage};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Runs the suite on the folder's `PLOVER_GSR_CAMEO.json`.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let path = if data.is_file() {
        data.to_path_buf()
    } else {
        data.join("PLOVER_GSR_CAMEO.json")
    };
    let records: Vec<serde_json::Value> = serde_json::from_slice(&crate::gold::read_bytes(&path)?)
        .map_err(|e| EvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
    let coder = Coder::new().map_err(|e| EvalError::Stage(e.to_string()))?;
    let (mut total, mut coded, mut right, mut secs) = (0u64, 0u64, 0u64, 0.0);
    let mut per_type: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    // SITREP_EVAL_ERRORS=1 lists the sentences typed wrongly on stderr.
    let dump = std::env::var_os("SITREP_EVAL_ERRORS").is_some();
    for r in &records {
        let (Some(text), Some(gold)) = (r["text"].as_str(), r["event"].as_str()) else {
            continue;
        };
        let gold = plover_2021(gold).to_string();
        let mut doc = gold_document(r, text);
        let start = Instant::now();
        if coder.run(&mut doc).is_err() {
            continue;
        }
        secs += start.elapsed().as_secs_f64();
        total += 1;
        let entry = per_type.entry(gold.clone()).or_default();
        entry.0 += 1;
        let found = main_event(&doc, r);
        if let Some(e) = found {
            coded += 1;
            if as_intent(e) == gold {
                right += 1;
                entry.1 += 1;
            }
        }
        if dump && found.is_none_or(|e| as_intent(e) != gold) {
            let got = found.map_or("-".to_string(), |e| {
                format!("{} {} {}", as_intent(e), e.cameo, e.rule)
            });
            let id = r["id"].as_str().unwrap_or("");
            eprintln!("{id}\tgold {gold}\tgot {got}\t{text}");
            for e in &doc.events {
                let code = |a: &Option<sitrep_model::ActorRef>| {
                    a.as_ref().map_or("-".to_string(), |a| a.code.clone())
                };
                eprintln!(
                    "    {} {} -> {} {:?} {}",
                    e.cameo,
                    code(&e.source),
                    code(&e.target),
                    e.modality,
                    e.rule
                );
            }
        }
    }
    let accuracy = crate::ratio(right, total);
    let mut report = Report::new("plover");
    report.lines.push(format!(
        "{total} sentences, {coded} with an event; type accuracy {:.1}%",
        100.0 * accuracy
    ));
    for (t, (n, ok)) in &per_type {
        report.lines.push(format!("  {t:<10} {ok:>3}/{n:<3}"));
    }
    report.figure("sentences", total);
    report.figure("accuracy", accuracy);
    report.figure("sentences_per_s", total as f64 / secs.max(1e-9));
    Ok(report)
}

fn plover_2021(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

fn as_intent(e: &Event) -> &str {
    if e.modality != Modality::Planned {
        return &e.plover;
    }
    match e.root.as_str() {
        "04" | "05" | "06" | "07" | "08" => "AGREE",
        "14" | "15" | "16" | "17" | "18" | "19" | "20" => "THREATEN",
        _ => &e.plover,
    }
}

/// The gold actor's code as a CAMEO actor code: country plus sector when the gold gives one
/// (`SDNGOV`), so government and rebels of one country stay two actors.
fn actor_code(a: &serde_json::Value) -> String {
    let code = a["code"].as_str().unwrap_or("---");
    format!("{code}{}", a["sector"].as_str().unwrap_or(""))
}

/// The sentence with the gold actor phrases as its only mentions.
fn gold_document(r: &serde_json::Value, text: &str) -> Document {
    let mut doc = Document::new("plover", text);
    doc.sentences = sitrep_text::split_sentences(text);
    for role in ["source", "target"] {
        for a in r[role].as_array().into_iter().flatten() {
            let phrase = a["actorText"].as_str().unwrap_or("");
            let code = actor_code(a);
            let code = code.as_str();
            let Some(at) = text.find(phrase).filter(|_| !phrase.is_empty()) else {
                continue;
            };
            doc.entities.push(Entity {
                actor: Actor {
                    name: phrase.into(),
                    kind: ActorKind::Country,
                    country: None,
                    role: None,
                    code: code.into(),
                },
                rule: "gold".into(),
                flags: vec![],
            });
            doc.mentions.push(Mention {
                span: Span::new(at, at + phrase.len()),
                text: phrase.into(),
                entity: doc.entities.len() as u32 - 1,
                rule: "gold".into(),
            });
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start);
    doc
}

/// The event of the gold source if there is one, else the first typed event: the main clause.
fn main_event<'d>(doc: &'d Document, r: &serde_json::Value) -> Option<&'d Event> {
    let sources: Vec<String> = r["source"]
        .as_array()
        .into_iter()
        .flatten()
        .map(actor_code)
        .collect();
    let mut typed = doc.events.iter().filter(|e| e.plover != "-");
    let first = typed.clone().next();
    typed
        .find(|e| e.source.as_ref().is_some_and(|s| sources.contains(&s.code)))
        .or(first)
}
