//! A provisional gazetteer standing in for the actor stage in the examples (testing only:
//! the real actors come from `sitrep-actors`).

use sitrep_model::{Actor, ActorKind, Document, Entity, Mention, Span};

/// (surface, code, canonical name, is a person).
const GAZETTEER: &[(&str, &str, &str, bool)] = &[
    ("North Korea", "PRK", "North Korea", false),
    ("N. Korea", "PRK", "North Korea", false),
    ("North Koreans", "PRK", "North Korea", false),
    ("North Korean", "PRK", "North Korea", false),
    ("Pyongyang", "PRK", "North Korea", false),
    ("DPRK", "PRK", "North Korea", false),
    ("the North", "PRK", "North Korea", false),
    ("Kim Jong-un", "PRKGOV", "Kim Jong-un", true),
    ("Kim Song", "PRKGOV", "Kim Song", true),
    ("Russia", "RUS", "Russia", false),
    ("Russian", "RUS", "Russia", false),
    ("Moscow", "RUS", "Russia", false),
    ("Kremlin", "RUSGOV", "Kremlin", false),
    ("Vladimir Putin", "RUSGOV", "Vladimir Putin", true),
    ("Putin", "RUSGOV", "Vladimir Putin", true),
    ("Vassily Nebenzia", "RUSGOV", "Vassily Nebenzia", true),
    ("Nebenzia", "RUSGOV", "Vassily Nebenzia", true),
    ("Wagner Group", "RUSMIL", "Wagner Group", false),
    ("John Kirby", "USAGOV", "John Kirby", true),
    ("Kirby", "USAGOV", "John Kirby", true),
    ("Antony Blinken", "USAGOV", "Antony Blinken", true),
    ("Blinken", "USAGOV", "Antony Blinken", true),
    ("John Hill", "USAMIL", "John Hill", true),
    ("Hill", "USAMIL", "John Hill", true),
    ("Shea", "USAGOV", "Dorothy Shea", true),
    ("Lloyd Austin", "USAMIL", "Lloyd Austin", true),
    ("Pentagon", "USAMIL", "Pentagon", false),
    ("White House", "USAGOV", "White House", false),
    ("United States", "USA", "United States", false),
    ("U.S.", "USA", "United States", false),
    ("US", "USA", "United States", false),
    ("Washington", "USA", "United States", false),
    ("Iran", "IRN", "Iran", false),
    ("Tehran", "IRN", "Iran", false),
    ("Ukraine", "UKR", "Ukraine", false),
    ("China", "CHN", "China", false),
    ("South Korea", "KOR", "South Korea", false),
    ("Seoul", "KOR", "South Korea", false),
    ("Yoon Suk Yeol", "KORGOV", "Yoon Suk Yeol", true),
    ("Japan", "JPN", "Japan", false),
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Longest gazetteer match at each position, plus `he`/`He` bound to the last person.
pub fn provisional_mentions(doc: &mut Document) {
    let text = doc.text.clone();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, (surface, ..)) in GAZETTEER.iter().enumerate() {
        for (at, _) in text.match_indices(surface) {
            let end = at + surface.len();
            let ok_before = !text[..at].chars().next_back().is_some_and(is_word_char);
            let ok_after = !text[end..].chars().next().is_some_and(is_word_char);
            if ok_before && ok_after {
                found.push((at, end, gi));
            }
        }
    }
    for word in ["He ", "he "] {
        for (at, _) in text.match_indices(word) {
            if !text[..at].chars().next_back().is_some_and(is_word_char) {
                found.push((at, at + 2, usize::MAX));
            }
        }
    }
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut last_end = 0;
    let mut last_person: Option<u32> = None;
    for (s, e, gi) in found {
        if s < last_end {
            continue;
        }
        last_end = e;
        let entity = if gi == usize::MAX {
            match last_person {
                Some(p) => p,
                None => continue,
            }
        } else {
            let (_, code, name, person) = GAZETTEER[gi];
            let idx = entity_index(doc, code, name, person);
            if person {
                last_person = Some(idx);
            }
            idx
        };
        doc.mentions.push(Mention {
            span: Span::new(s, e),
            text: text[s..e].to_string(),
            entity,
            rule: "examples/seeds.rs gazetteer".into(),
        });
    }
}

fn entity_index(doc: &mut Document, code: &str, name: &str, person: bool) -> u32 {
    if let Some(i) = doc.entities.iter().position(|e| e.actor.name == name) {
        return i as u32;
    }
    doc.entities.push(Entity {
        actor: Actor {
            name: name.into(),
            kind: if person {
                ActorKind::Person
            } else {
                ActorKind::Country
            },
            country: Some(code[..3].to_string()),
            role: None,
            code: code.into(),
        },
        rule: "examples/seeds.rs".into(),
        flags: vec![],
    });
    doc.entities.len() as u32 - 1
}
