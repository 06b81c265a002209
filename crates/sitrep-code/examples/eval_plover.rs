//! PLOVER event-type accuracy on the CAMEO-manual example sentences coded in PLOVER.
//!
//! `cargo run -p sitrep-code --example eval_plover [FILE]` (default
//! `../shared/eval/events/plover/PLOVER_GSR_CAMEO.json`; skipped when absent). The gold
//! actor phrases stand in for the actor stage, so the figure measures the verb lexicon.
//! The gold set uses PLOVER 2016 type names; they are mapped to the 2021 names our code
//! table carries (DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→ACCUSE, FIGHT→ASSAULT).

use sitrep_code::Coder;
use sitrep_model::{Actor, ActorKind, Document, Entity, Mention, Span, Stage};
use std::collections::BTreeMap;

fn plover_2021(t: &str) -> &str {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// sitrep keeps a planned act as the act with modality `planned`; CAMEO and PLOVER code
/// it as an intent: cooperation as AGREE, conflict as THREATEN.
fn cameo_intent(e: &sitrep_model::Event) -> &str {
    if e.modality != sitrep_model::Modality::Planned {
        return &e.plover;
    }
    match e.root.as_str() {
        "04" | "05" | "06" | "07" | "08" => "AGREE",
        "14" | "15" | "16" | "17" | "18" | "19" | "20" => "THREATEN",
        _ => &e.plover,
    }
}

/// Which half of the set a record falls in: FNV-1a of its id, so the split is stable.
/// Half A is the development half (misses are looked at), half B is held out.
fn half_of(id: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % 2) as usize
}

/// The gold actor's code: its country, or with `SECTOR=1` country and sector as a CAMEO actor
/// code has them (`SDNGOV`), so that domestic pairs (government and rebels of one
/// country) are not taken for one actor acting on itself.
fn actor_code(a: &serde_json::Value) -> String {
    let code = a["code"].as_str().unwrap_or("---");
    if std::env::var("SECTOR").is_ok() {
        format!("{code}{}", a["sector"].as_str().unwrap_or(""))
    } else {
        code.to_string()
    }
}

fn add_actor(doc: &mut Document, text: &str, code: &str) {
    let Some(at) = doc.text.find(text).filter(|_| !text.is_empty()) else {
        return;
    };
    doc.entities.push(Entity {
        actor: Actor {
            name: text.into(),
            kind: ActorKind::Country,
            country: None,
            role: None,
            code: code.into(),
        },
        rule: "gold".into(),
        flags: vec![],
    });
    doc.mentions.push(Mention {
        span: Span::new(at, at + text.len()),
        text: text.into(),
        entity: doc.entities.len() as u32 - 1,
        rule: "gold".into(),
    });
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/events/plover/PLOVER_GSR_CAMEO.json".into());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("eval_plover: {path} not found, skipping");
        return;
    };
    let Ok(serde_json::Value::Array(records)) = serde_json::from_str(&raw) else {
        eprintln!("eval_plover: {path} is not a JSON array");
        std::process::exit(1);
    };
    let Ok(coder) = Coder::new() else {
        eprintln!("lexicon failed to load");
        std::process::exit(1);
    };
    let (mut total, mut coded, mut right) = (0, 0, 0);
    let mut halves = [(0u32, 0u32); 2];
    // VERBOSE prints misses of the development half only (HALF=B to see the other).
    let show_half = usize::from(std::env::var("HALF").is_ok_and(|h| h == "B"));
    let mut per_type: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    for r in &records {
        let (Some(text), Some(gold)) = (r["text"].as_str(), r["event"].as_str()) else {
            continue;
        };
        let gold = plover_2021(gold).to_string();
        let half = half_of(r["id"].as_str().unwrap_or(""));
        let mut doc = Document::new("plover", text);
        doc.sentences = sitrep_text::split_sentences(text);
        for role in ["source", "target"] {
            for a in r[role].as_array().into_iter().flatten() {
                add_actor(
                    &mut doc,
                    a["actorText"].as_str().unwrap_or(""),
                    &actor_code(a),
                );
            }
        }
        doc.mentions.sort_by_key(|m| m.span.start);
        if coder.run(&mut doc).is_err() {
            continue;
        }
        total += 1;
        // The event of the gold source if there is one, else the first: the main clause.
        let sources: Vec<String> = r["source"]
            .as_array()
            .into_iter()
            .flatten()
            .map(actor_code)
            .collect();
        let typed = || doc.events.iter().filter(|e| e.plover != "-");
        let best = typed()
            .find(|e| e.source.as_ref().is_some_and(|s| sources.contains(&s.code)))
            .or_else(|| typed().next());
        let miss = best.is_none_or(|e| cameo_intent(e) != gold);
        if std::env::var("VERBOSE").is_ok() && half == show_half && miss {
            let actors: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
            println!(
                "{gold} | {} | got {:?}\n    {text}\n    actors {actors:?}",
                r["eventText"].as_str().unwrap_or(""),
                best.map(|e| (&e.plover, &e.cameo, e.trigger.of(text), &e.modality))
            );
        }
        let entry = per_type.entry(gold.clone()).or_default();
        entry[2 * half] += 1;
        entry[2 * half + 1] += u32::from(!miss);
        halves[half].0 += 1;
        halves[half].1 += u32::from(!miss);
        if let Some(e) = best {
            let predicted = cameo_intent(e);
            coded += 1;
            if predicted == gold {
                right += 1;
            }
        }
    }
    println!(
        "PLOVER type accuracy: {right}/{total} = {:.1}% (sentences with an event: {coded})",
        100.0 * right as f64 / total.max(1) as f64
    );
    for (name, (n, ok)) in ["A (dev)", "B (held out)"].iter().zip(halves) {
        println!(
            "  half {name}: {ok}/{n} = {:.1}%",
            100.0 * f64::from(ok) / f64::from(n.max(1))
        );
    }
    println!("  type       A     B");
    for (t, [na, oka, nb, okb]) in per_type {
        println!("  {t:<10} {oka}/{na}  {okb}/{nb}");
    }
}
