//! Import of PETRARCH/TABARI actor and agent dictionaries into [`ActorEntry`]s.
//!
//! Actor files hold blocks: a phrase line (`VLADIMIR_PUTIN_`), synonym lines starting
//! with `+`, and code lines (`[RUSGOV 991231-080507]`, `[RUSGOV >080508]`, `[IGOUNO]`),
//! possibly on the phrase line itself. `_` separates words; a trailing `_` marks the end of
//! a word (PETRARCH otherwise matches a stem; we always match whole words). Dates are
//! `YYMMDD` or `YYYYMMDD`; `>d` means from d, `<d` until d. `#` starts a comment.
//! Agent files hold `PHRASE [~AGT]` or `PHRASE {PLURALS} [~AGT]` lines and substitution
//! sets `!NAME! = A, B, C` used inside phrases.

use crate::lexicon::{ActorEntry, Category};
use std::collections::HashMap;

/// Entries read from a PETRARCH file and the lines that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// One entry per (block, code line).
    pub entries: Vec<ActorEntry>,
    /// `line N: problem` for every line that was skipped.
    pub errors: Vec<String>,
}

/// A PETRARCH phrase as a pattern: words joined by spaces; short all-capital words keep
/// their case (acronyms like `UN`), longer words are lower-cased to match any case.
fn phrase(raw: &str) -> String {
    raw.trim()
        .trim_matches('_')
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().count() <= 3 {
                w.to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn display(pattern: &str) -> String {
    pattern
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `YYMMDD` or `YYYYMMDD` as `YYYY-MM-DD`; two-digit years up to 30 are 20xx.
fn date(raw: &str) -> Option<String> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = match raw.len() {
        6 => {
            let yy: u32 = raw[..2].parse().ok()?;
            format!("{}{}", if yy <= 30 { 20 } else { 19 }, raw)
        }
        8 => raw.to_string(),
        _ => return None,
    };
    Some(format!("{}-{}-{}", &full[..4], &full[4..6], &full[6..8]))
}

type Code = (String, Option<String>, Option<String>);

/// `CODE`, `CODE d1-d2`, `CODE >d`, `CODE <d`.
fn code(inner: &str) -> Result<Code, String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().ok_or("empty code")?.trim_start_matches('~');
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("bad code {code:?}"));
    }
    let bad = || format!("bad date in [{inner}]");
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(d) if d.starts_with(['>', '<']) => {
            // `> 140608` also occurs, with a space after the sign.
            let rest = if d.len() == 1 {
                parts.next().unwrap_or("")
            } else {
                &d[1..]
            };
            let day = date(rest).ok_or_else(bad)?;
            if d.starts_with('>') {
                (Some(day), None)
            } else {
                (None, Some(day))
            }
        }
        Some(d) => {
            let (a, b) = d.split_once('-').ok_or_else(bad)?;
            (
                Some(date(a).ok_or_else(bad)?),
                Some(date(b).ok_or_else(bad)?),
            )
        }
    };
    Ok((code.to_string(), from, to))
}

/// Every `[...]` group on a line.
fn codes_on(line: &str) -> Vec<&str> {
    line.split('[')
        .skip(1)
        .filter_map(|s| s.split_once(']').map(|(c, _)| c))
        .collect()
}

struct Block {
    line: usize,
    patterns: Vec<String>,
    codes: Vec<Code>,
    /// A code line was read, even a bad one.
    coded: bool,
}

/// Reads a PETRARCH actors file (`Phoenix.Countries.actors.txt` style); rules read
/// `petrarch:LINE`.
pub fn import_petrarch_actors(text: &str) -> Import {
    import_petrarch_actors_named("petrarch", text)
}

/// Reads a PETRARCH agents file (`Phoenix.agents.txt` style); rules read `petrarch:LINE`.
pub fn import_petrarch_agents(text: &str) -> Import {
    import_petrarch_agents_named("petrarch", text)
}

/// [`import_petrarch_actors`] with `name` in the rule references (`name:line`).
pub fn import_petrarch_actors_named(name: &str, text: &str) -> Import {
    let mut out = Import::default();
    let mut block: Option<Block> = None;
    let mut after_blank = true;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.split('#').next().unwrap_or("");
        if line.trim().is_empty() {
            after_blank |= raw.trim().is_empty();
            continue;
        }
        let joined = !std::mem::replace(&mut after_blank, false);
        let starts_code = line.trim_start().starts_with('[');
        if starts_code {
            let Some(b) = block.as_mut() else {
                out.errors
                    .push(format!("line {line_no}: code line before any actor"));
                continue;
            };
            b.coded = true;
            for c in codes_on(line) {
                match code(c) {
                    Ok(c) => b.codes.push(c),
                    Err(e) => out.errors.push(format!("line {line_no}: {e}")),
                }
            }
            continue;
        }
        let (head, synonym) = match line.trim_start().strip_prefix('+') {
            Some(rest) => (rest, true),
            None => (line.trim_start(), false),
        };
        let text_part = head.split('[').next().unwrap_or("");
        let p = phrase(text_part);
        // Consecutive phrase lines with no code between them share the next code block.
        let shares = joined
            && block
                .as_ref()
                .is_some_and(|b| !b.coded && b.codes.is_empty());
        if !synonym && !shares {
            finish_block(name, block.take(), &mut out);
            block = Some(Block {
                line: line_no,
                patterns: Vec::new(),
                codes: Vec::new(),
                coded: false,
            });
        }
        let Some(b) = block.as_mut() else {
            out.errors
                .push(format!("line {line_no}: synonym before any actor"));
            continue;
        };
        if !p.is_empty() {
            b.patterns.push(p);
        }
        for c in codes_on(head) {
            match code(c) {
                Ok(c) => b.codes.push(c),
                Err(e) => out.errors.push(format!("line {line_no}: {e}")),
            }
        }
    }
    finish_block(name, block, &mut out);
    out
}

fn finish_block(name: &str, block: Option<Block>, out: &mut Import) {
    let Some(b) = block else {
        return;
    };
    if b.patterns.is_empty() {
        return;
    }
    if b.codes.is_empty() && !b.coded {
        out.errors.push(format!(
            "line {}: actor {:?} has no code",
            b.line, b.patterns[0]
        ));
        return;
    }
    let dated = b.codes.iter().any(|(_, f, t)| f.is_some() || t.is_some());
    let canonical = display(&b.patterns[0]);
    for (code, from, to) in b.codes {
        let category = if code.starts_with("IGO") && !dated {
            Category::Igo
        } else if dated {
            Category::Person
        } else if code.len() == 3 {
            Category::Country
        } else {
            Category::Seat
        };
        let mut e = ActorEntry::new(category, &code, &canonical, format!("{name}:{}", b.line));
        e.patterns = b.patterns.clone();
        e.from = from;
        e.to = to;
        out.entries.push(e);
    }
}

/// Regular English plural of the last word of a pattern.
fn plural(p: &str) -> String {
    if let Some(stem) = p
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if p.ends_with(['s', 'x']) || p.ends_with("sh") || p.ends_with("ch") {
        format!("{p}es")
    } else if let Some(stem) = p.strip_suffix("man") {
        format!("{stem}men")
    } else {
        format!("{p}s")
    }
}

/// [`import_petrarch_agents`] with `name` in the rule references (`name:line`).
pub fn import_petrarch_agents_named(name: &str, text: &str) -> Import {
    let mut out = Import::default();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some((set, members)) = line
            .split_once('=')
            .filter(|(s, _)| s.trim().starts_with('!'))
        {
            let members = members.split(',').map(|m| m.trim().to_string()).collect();
            sets.insert(set.trim().to_string(), members);
            continue;
        }
        let Some(c) = codes_on(line).first().copied() else {
            out.errors.push(format!("line {line_no}: no [~AGT] code"));
            continue;
        };
        let code = match code(c) {
            Ok((code, _, _)) => code,
            Err(e) => {
                out.errors.push(format!("line {line_no}: {e}"));
                continue;
            }
        };
        let head = line.split(['[', '{']).next().unwrap_or("").trim();
        let explicit = line
            .split_once('{')
            .and_then(|(_, r)| r.split_once('}'))
            .map(|(p, _)| p.trim().to_string());
        let mut e = ActorEntry::new(Category::Agent, &code, &code, format!("{name}:{line_no}"));
        for form in expand(head, &sets) {
            let p = phrase(&form).to_lowercase();
            if p.is_empty() {
                continue;
            }
            match &explicit {
                Some(pl) if !pl.is_empty() => e.patterns.push(phrase(pl).to_lowercase()),
                Some(_) => {}
                None => e.patterns.push(plural(&p)),
            }
            e.patterns.push(p);
        }
        if e.patterns.is_empty() {
            out.errors.push(format!("line {line_no}: empty phrase"));
        } else {
            out.entries.push(e);
        }
    }
    out
}

/// Replaces a `!SET!` inside a phrase by each of its members.
fn expand(head: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    for (set, members) in sets {
        if head.contains(set.as_str()) {
            return members
                .iter()
                .map(|m| head.replacen(set.as_str(), m, 1))
                .collect();
        }
    }
    vec![head.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "# comment\nVLADIMIR_PUTIN_  # note\n+PUTIN_\n+PRESIDENT_PUTIN_\n\t[RUSELI 700101-990809]\n\t[RUSGOV >080508]\nNORTH_KOREA_  [PRK]\n+DPRK_\nUN_ [IGOUNO]\nBROKEN_\n\t[RUSGOV 2004017-20061201]\nIVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\n\t[HRVGOV > 100218]\n";

    #[test]
    fn reads_blocks_synonyms_and_dated_codes() {
        let imp = import_petrarch_actors_named("p.txt", ACTORS);
        let putin: Vec<_> = imp
            .entries
            .iter()
            .filter(|e| e.name == "Vladimir Putin")
            .collect();
        assert_eq!(putin.len(), 2);
        assert_eq!(
            putin[0].patterns,
            ["vladimir putin", "putin", "president putin"]
        );
        assert_eq!(putin[0].from.as_deref(), Some("1970-01-01"));
        assert_eq!(putin[0].to.as_deref(), Some("1999-08-09"));
        assert_eq!(putin[1].from.as_deref(), Some("2008-05-08"));
        assert_eq!(putin[1].category, Category::Person);
        let nk = imp.entries.iter().find(|e| e.code == "PRK").unwrap();
        assert_eq!(nk.category, Category::Country);
        assert_eq!(nk.patterns, ["north korea", "dprk"]);
        assert_eq!(nk.rule, "p.txt:7");
        assert!(imp
            .entries
            .iter()
            .any(|e| e.code == "IGOUNO" && e.patterns == ["UN"]));
        assert_eq!(imp.errors.len(), 1, "{:?}", imp.errors);
        let ivo = imp.entries.iter().find(|e| e.code == "HRVGOV").unwrap();
        assert_eq!(ivo.patterns, ["IVO josipovic", "president josipovic"]);
        assert_eq!(ivo.from.as_deref(), Some("2010-02-18"));
    }

    /// Reads the Phoenix dictionaries by path when they are present.
    #[test]
    #[ignore = "needs /work/shared/dictionaries/phoenix"]
    fn imports_phoenix_dictionaries() {
        let dir = std::path::Path::new("/work/shared/dictionaries/phoenix");
        let Ok(bytes) = std::fs::read(dir.join("Phoenix.Countries.actors.txt")) else {
            eprintln!("phoenix dictionaries absent: skipping");
            return;
        };
        let imp = import_petrarch_actors(&String::from_utf8_lossy(&bytes));
        assert!(imp.entries.len() > 20_000, "{}", imp.entries.len());
        assert!(imp.errors.len() < 100, "{:?}", &imp.errors[..10]);
        let putin = imp
            .entries
            .iter()
            .filter(|e| e.name == "Vladimir Putin")
            .count();
        assert!(putin >= 4);
    }

    #[test]
    fn agents_expand_sets_and_plurals() {
        let text = "!MINIST! = MINISTER, MINISTRY\n!MINIST! [~GOV]\nPOLICE {} [~COP]\nREBEL [~REB]\nLAWMAN {LAWMEN} [~COP]\n";
        let imp = import_petrarch_agents_named("a.txt", text);
        assert!(imp.errors.is_empty(), "{:?}", imp.errors);
        assert_eq!(
            imp.entries[0].patterns,
            ["ministers", "minister", "ministries", "ministry"]
        );
        assert_eq!(imp.entries[1].patterns, ["police"]);
        assert_eq!(imp.entries[2].patterns, ["rebels", "rebel"]);
        assert_eq!(imp.entries[3].patterns, ["lawmen", "lawman"]);
    }
}
