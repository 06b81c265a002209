//! Speaker resolution: from the words at the cue to a name and an entity of the document.

use crate::np::Np;
use crate::tok::{in_list, is_cap, is_lower, tokenize};
use sitrep_model::{ActorKind, Document};

/// The last resolved speaker, carried from quote to quote.
#[derive(Clone, Debug)]
pub(crate) struct Running {
    pub name: String,
    pub span: (usize, usize),
    pub entity: Option<u32>,
    pub para: usize,
    /// Whether `he` or `she` may refer to it.
    pub person: bool,
}

/// A resolved speaker.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolved {
    pub name: Option<String>,
    pub entity: Option<u32>,
    /// Where the resolved name was found, when not at the cue.
    pub antecedent: Option<(usize, usize)>,
}

fn kind_rank(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Person => 0,
        ActorKind::Organisation => 1,
        ActorKind::Country => 2,
        ActorKind::Place => 3,
    }
}

/// The entity whose mention covers the speaker words, else the entity whose name ends
/// with the speaker's last word (the most recently mentioned one when several do).
pub(crate) fn entity_for(doc: &Document, start: usize, end: usize) -> Option<u32> {
    let (s, e) = (start as u32, end as u32);
    let covering = doc
        .mentions
        .iter()
        .filter(|m| m.span.start < e && s < m.span.end)
        .filter_map(|m| doc.entities.get(m.entity as usize).map(|ent| (m, ent)))
        .min_by_key(|(m, ent)| (kind_rank(ent.actor.kind), u32::MAX - m.span.len() as u32));
    if let Some((m, _)) = covering {
        return Some(m.entity);
    }
    let words = doc.text.get(start..end)?;
    let last = words
        .split_whitespace()
        .last()?
        .trim_end_matches(['’', '\'', 's']);
    if !is_cap(last) {
        return None;
    }
    doc.mentions
        .iter()
        .filter(|m| m.span.start < s)
        .filter(|m| {
            doc.entities.get(m.entity as usize).is_some_and(|ent| {
                ent.actor.kind == ActorKind::Person
                    && ent.actor.name.split_whitespace().any(|w| w == last)
            })
        })
        .max_by_key(|m| m.span.start)
        .map(|m| m.entity)
}

/// Most recent mention of the wanted kinds before `before`, not earlier than `lo`.
fn recent_mention(
    doc: &Document,
    lo: usize,
    before: usize,
    person: bool,
) -> Option<(u32, (usize, usize))> {
    doc.mentions
        .iter()
        .filter(|m| (m.span.start as usize) >= lo && (m.span.end as usize) <= before)
        // A name inside somebody's quoted words is talked about, not talking.
        .filter(|m| !inside_quotation(&doc.text, m.span.start as usize))
        .filter(|m| {
            doc.entities
                .get(m.entity as usize)
                .is_some_and(|e| match e.actor.kind {
                    ActorKind::Person => person,
                    ActorKind::Organisation | ActorKind::Country => !person,
                    ActorKind::Place => false,
                })
        })
        .max_by_key(|m| m.span.start)
        .map(|m| (m.entity, (m.span.start as usize, m.span.end as usize)))
}

/// True when `at` lies between an opening and a closing double quotation mark of its line.
fn inside_quotation(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (mut open, mut straight) = (0i32, 0u32);
    for c in line.chars() {
        match c {
            '“' => open += 1,
            '”' => open -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    open > 0 || straight % 2 == 1
}

/// A person-like name without help from the actor layer: the last run of two or more
/// capitalised words followed by a lower-case word (`... Ana Ruiz gave the briefing`).
fn name_run(text: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let mut toks = Vec::new();
    tokenize(text, lo, hi, &mut toks);
    let mut best = None;
    let mut run_start = None;
    let mut quoted = false;
    for (k, t) in toks.iter().enumerate() {
        let w = t.text(text);
        // Names inside quotations are what the speaker talks about, not the speaker.
        match w {
            "“" | "«" => quoted = true,
            "”" | "»" => quoted = false,
            "\"" => quoted = !quoted,
            _ => {}
        }
        if quoted {
            run_start = None;
            continue;
        }
        if t.word && is_cap(w) && !in_list(w, crate::tok::STOP) && !in_list(w, crate::tok::PRONOUNS)
        {
            run_start.get_or_insert(k);
            continue;
        }
        if let Some(s) = run_start.take() {
            let follows = (t.word && is_lower(w) && !in_list(w, JOINERS)) || w == ",";
            let possessive = toks[s..k].iter().any(|t| {
                let w = t.text(text);
                w.ends_with("’s") || w.ends_with("'s")
            });
            if k - s >= 2 && follows && !possessive {
                best = Some((toks[k - 2].start, toks[k - 1].end));
            }
        }
    }
    best
}

/// The name without the title words that lead it (`Coordinator Kirby` → `Kirby`,
/// `Secretary of State Antony Blinken` → `Antony Blinken`); unchanged unless a capitalised
/// name remains.
fn strip_titles(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut toks = Vec::new();
    tokenize(text, start, end, &mut toks);
    let skip = toks
        .iter()
        .take_while(|t| {
            let w = t.text(text);
            crate::cues::is_title(w) || in_list(w, &["of", "for", "the", "and", "former"])
        })
        .count();
    let rest = &toks[skip.min(toks.len())..];
    let name_like = !rest.is_empty() && rest.iter().all(|t| t.word && is_cap(t.text(text)));
    if skip == 0 || !name_like {
        return (start, end);
    }
    (rest[0].start, end)
}

/// A lone surname expanded to the latest full name before it that begins or ends with it
/// (`Kirby` → `John Kirby`, `Kim` → `Kim Song`), looking back a few thousand bytes.
fn full_name(text: &str, start: usize, end: usize) -> String {
    let word = text.get(start..end).unwrap_or("");
    if word.contains(char::is_whitespace) || !is_cap(word) {
        return word.to_string();
    }
    let mut lo = start.saturating_sub(4000);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut toks = Vec::new();
    tokenize(text, lo, start, &mut toks);
    let mut best = None;
    let mut k = 0;
    while k < toks.len() {
        let is_name_word = |t: &crate::tok::Tok| {
            let w = t.text(text);
            t.word
                && is_cap(w)
                && !in_list(w, crate::tok::STOP)
                && !w.contains('’')
                && !w.contains('\'')
        };
        if !is_name_word(&toks[k]) {
            k += 1;
            continue;
        }
        let s = k;
        while k < toks.len() && is_name_word(&toks[k]) {
            k += 1;
        }
        let run = &toks[s..k];
        if run.len() >= 2 && run.len() <= 4 {
            let (first, last) = (run[0].text(text), run[run.len() - 1].text(text));
            if first == word {
                best = Some((run[0].start, run[1].end));
            } else if last == word {
                // A whole short name; only the last two words of a long run, whose head
                // is usually a title (`Missile Defense John Hill`).
                let from = if run.len() <= 3 { 0 } else { run.len() - 2 };
                best = Some((run[from].start, run[run.len() - 1].end));
            }
        }
    }
    let (s, e) = best.map_or((start, end), |(s, e)| strip_titles(text, s, e));
    text.get(s..e).unwrap_or(word).to_string()
}

/// Words after a capitalised run that show it is part of a list or a place, not a subject.
const JOINERS: &[&str] = &[
    "and", "or", "of", "in", "on", "at", "for", "to", "with", "by", "from",
];

/// Words that end the names of institutions rather than people.
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "government",
    "agency",
    "office",
    "council",
    "department",
    "committee",
    "military",
    "army",
    "embassy",
    "statement",
    "report",
    "company",
    "group",
    "newspaper",
    "media",
    "administration",
    "authorities",
    "police",
    "court",
    "kremlin",
    "pentagon",
    "house",
    "party",
    "commission",
    "union",
    "nations",
    "board",
    "bank",
    "service",
];

/// True when a speaker name can be the antecedent of `he` or `she`.
pub(crate) fn person_like(doc: &Document, name: &str, entity: Option<u32>) -> bool {
    if let Some(e) = entity.and_then(|e| doc.entities.get(e as usize)) {
        return e.actor.kind == ActorKind::Person;
    }
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    let last = name.split_whitespace().last().unwrap_or("");
    !(in_list(last, INSTITUTIONS) || (first.eq_ignore_ascii_case("the") && is_cap(last)))
}

/// Context of one resolution.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub paras: &'a [(usize, usize)],
}

impl Ctx<'_> {
    fn para_start(&self, p: usize) -> usize {
        self.paras.get(p).map_or(0, |x| x.0)
    }

    fn entity_name(&self, e: u32) -> Option<String> {
        self.doc
            .entities
            .get(e as usize)
            .map(|x| x.actor.name.clone())
    }

    /// Resolves a speaker; pushes resolved speakers on `running` (most recent last).
    pub fn resolve(&self, np: Option<Np>, para: usize, running: &mut Vec<Running>) -> Resolved {
        let text = &self.doc.text;
        let Some(np) = np else {
            if let Some(r) = running.last().filter(|r| r.para + 1 >= para) {
                return from_running(r);
            }
            return Resolved::default();
        };
        if !np.pronoun {
            let entity = entity_for(self.doc, np.start, np.end);
            let name = match entity {
                Some(e) => self.entity_name(e).unwrap_or_default(),
                None => {
                    let (s, e) = strip_titles(text, np.start, np.end);
                    full_name(text, s, e)
                }
            };
            let person = person_like(self.doc, &name, entity);
            running.push(Running {
                name: name.clone(),
                span: (np.start, np.end),
                entity,
                para,
                person,
            });
            return Resolved {
                name: Some(name),
                entity,
                antecedent: None,
            };
        }
        let r = self.pronoun(np, para, running);
        if let Some(name) = &r.name {
            let span = r.antecedent.unwrap_or((np.start, np.end));
            let person = person_like(self.doc, name, r.entity);
            running.push(Running {
                name: name.clone(),
                span,
                entity: r.entity,
                para,
                person,
            });
        }
        r
    }

    fn pronoun(&self, np: Np, para: usize, running: &[Running]) -> Resolved {
        let text = &self.doc.text;
        if text
            .get(np.start..np.end)
            .is_some_and(|w| w.eq_ignore_ascii_case("who"))
        {
            return self.relative_antecedent(np.start).unwrap_or_default();
        }
        let person = !in_list(
            text.get(np.start..np.end).unwrap_or(""),
            &["it", "they", "we"],
        );
        let (s, e) = (np.start as u32, np.end as u32);
        if let Some(m) = self
            .doc
            .mentions
            .iter()
            .find(|m| m.span.start <= s && e <= m.span.end)
        {
            return Resolved {
                name: self.entity_name(m.entity),
                entity: Some(m.entity),
                antecedent: None,
            };
        }
        let fits = |r: &&Running| !person || r.person;
        let last_fit = running.iter().rev().find(fits);
        if let Some(r) = last_fit.filter(|r| r.para == para) {
            return from_running(r);
        }
        let window = self.para_start(para.saturating_sub(3));
        if let Some((ent, span)) = recent_mention(self.doc, window, np.start, person) {
            return Resolved {
                name: self.entity_name(ent),
                entity: Some(ent),
                antecedent: Some(span),
            };
        }
        let run_here = person
            .then(|| name_run(text, self.para_start(para), np.start))
            .flatten();
        let run_prev = person
            .then(|| name_run(text, self.para_start(para.saturating_sub(1)), np.start))
            .flatten();
        let from_run = |span: (usize, usize)| Resolved {
            name: text.get(span.0..span.1).map(str::to_string),
            entity: entity_for(self.doc, span.0, span.1),
            antecedent: Some(span),
        };
        if let Some(span) = run_here {
            return from_run(span);
        }
        if let Some(r) = last_fit.filter(|r| r.para + 1 >= para) {
            return from_running(r);
        }
        if let Some(span) = run_prev {
            return from_run(span);
        }
        last_fit.map(from_running).unwrap_or_default()
    }

    /// `Trump, who ...`: the entity or capitalised name that ends right before the comma.
    fn relative_antecedent(&self, who: usize) -> Option<Resolved> {
        let text = &self.doc.text;
        let end = text[..who].trim_end().strip_suffix(',')?.trim_end().len();
        if let Some(m) = self
            .doc
            .mentions
            .iter()
            .find(|m| m.span.end as usize == end)
        {
            return Some(Resolved {
                name: self.entity_name(m.entity),
                entity: Some(m.entity),
                antecedent: Some((m.span.start as usize, end)),
            });
        }
        let mut toks = Vec::new();
        tokenize(
            text,
            text[..end].rfind(['\n', '.', ';']).map_or(0, |i| i + 1),
            end,
            &mut toks,
        );
        let names = toks
            .iter()
            .rev()
            .take_while(|t| t.word && is_cap(t.text(text)))
            .count();
        if names == 0 {
            return None;
        }
        let first = toks[toks.len() - names];
        let (s, e) = strip_titles(text, first.start, end);
        Some(Resolved {
            name: Some(full_name(text, s, e)),
            entity: entity_for(self.doc, first.start, end),
            antecedent: Some((first.start, end)),
        })
    }
}

fn from_running(r: &Running) -> Resolved {
    Resolved {
        name: Some(r.name.clone()),
        entity: r.entity,
        antecedent: Some(r.span),
    }
}
