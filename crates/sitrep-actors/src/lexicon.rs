//! The actor lexicon: dictionary rows turned into [`ActorEntry`]s, plus the name lists.
//!
//! Every surface form of every entry becomes one pattern of a single Aho-Corasick
//! automaton (see [`crate::matcher`]); the entry keeps its `file:line` rule.

use sitrep_data::{Dictionary, LoadError, LoadErrors};
use std::collections::{HashMap, HashSet};

/// What a dictionary entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// A state by one of its names (`North Korea`, `the DPRK`).
    Country,
    /// A demonym or adjective (`North Korean`); names the country in composites only.
    Adjective,
    /// A capital city used by metonymy (`Moscow said`): a place whose code is the government.
    Capital,
    /// A seat of power, state body, media outlet or armed group (`the Kremlin`).
    Seat,
    /// A location that is not an actor (`Korean Peninsula`).
    Place,
    /// A phrase that names a state only when the document is about it (`the North`).
    Context,
    /// An intergovernmental organisation.
    Igo,
    /// A sector noun (`troops`, `authorities`) carrying an agent code.
    Agent,
    /// A role title (`president`, `UN ambassador`).
    Role,
    /// A word allowed before a role inside a title (`deputy`, `senior`).
    Modifier,
    /// A courtesy title (`Mr.`): a name follows, no role.
    Courtesy,
    /// A named person.
    Person,
}

/// Gender recorded for a person or given name, for pronoun resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// he/him/his.
    Male,
    /// she/her.
    Female,
}

impl Gender {
    fn parse(s: &str) -> Option<Gender> {
        match s {
            "m" | "M" => Some(Gender::Male),
            "f" | "F" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// One dictionary entry with its surface forms; imported PETRARCH entries use the same type.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorEntry {
    /// What it names.
    pub category: Category,
    /// Actor code (`PRK`, `RUSGOV`, `IGOUNO`); for agents and roles the agent alone (`MIL`);
    /// empty for modifiers and courtesy titles.
    pub code: String,
    /// Canonical name (`North Korea`, `Vladimir Putin`, `president`).
    pub name: String,
    /// Surface forms, matched as whole words (see the case rule in `data/actors/README.md`).
    pub patterns: Vec<String>,
    /// For roles: the country the title itself implies (`secretary of defense` → `USA`).
    pub country: Option<String>,
    /// For people: the post (`foreign minister`); for roles, whether the post is unique.
    pub role: Option<String>,
    /// For roles: one holder per country at a time.
    pub unique: bool,
    /// For people: gender when known.
    pub gender: Option<Gender>,
    /// First day the code holds (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Last day the code holds, inclusive.
    pub to: Option<String>,
    /// For context rows: codes one of which must be mentioned elsewhere in the document.
    pub requires: Vec<String>,
    /// `file:line` of the row.
    pub rule: String,
}

impl ActorEntry {
    /// A bare entry; callers fill in the optional fields they need.
    pub fn new(category: Category, code: &str, name: &str, rule: String) -> ActorEntry {
        ActorEntry {
            category,
            code: code.to_string(),
            name: name.to_string(),
            patterns: Vec::new(),
            country: None,
            role: None,
            unique: false,
            gender: None,
            from: None,
            to: None,
            requires: Vec::new(),
            rule,
        }
    }

    /// The ISO alpha-3 country part of the code, when the code starts with a country.
    pub fn country_code(&self) -> Option<&str> {
        match self.category {
            Category::Agent | Category::Role | Category::Modifier | Category::Courtesy => {
                self.country.as_deref()
            }
            _ => country_of(&self.code),
        }
    }
}

/// The country prefix of a composite code, or `None` for IGO, region and unknown codes.
pub fn country_of(code: &str) -> Option<&str> {
    let head = code.get(..3)?;
    let is_country = head.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(
            head,
            "IGO" | "ASA" | "EUR" | "AFR" | "MEA" | "LAM" | "NAM" | "IMG" | "NGO" | "MNC"
        );
    is_country.then_some(head)
}

/// The embedded dictionaries, parsed but not yet compiled.
#[derive(Clone, Debug)]
pub struct Dictionaries {
    /// `actors/countries.tsv`.
    pub countries: Dictionary,
    /// `actors/seats.tsv`.
    pub seats: Dictionary,
    /// `actors/igos.tsv`.
    pub igos: Dictionary,
    /// `actors/agents.tsv`.
    pub agents: Dictionary,
    /// `actors/roles.tsv`.
    pub roles: Dictionary,
    /// `actors/people.tsv`.
    pub people: Dictionary,
    /// `actors/names.tsv`.
    pub names: Dictionary,
    /// `actors/nonnames.tsv`.
    pub nonnames: Dictionary,
    /// `actors/org_heads.tsv`.
    pub org_heads: Dictionary,
}

macro_rules! embedded {
    ($file:literal) => {
        (
            concat!("actors/", $file),
            include_str!(concat!("../../../data/actors/", $file)),
        )
    };
}

impl Dictionaries {
    /// Parses the dictionaries compiled into the binary, reporting every bad line.
    pub fn embedded() -> Result<Dictionaries, LoadErrors> {
        let files = [
            embedded!("countries.tsv"),
            embedded!("seats.tsv"),
            embedded!("igos.tsv"),
            embedded!("agents.tsv"),
            embedded!("roles.tsv"),
            embedded!("people.tsv"),
            embedded!("names.tsv"),
            embedded!("nonnames.tsv"),
            embedded!("org_heads.tsv"),
        ];
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in files {
            match sitrep_data::parse(name, text) {
                Ok(d) => parsed.push(d),
                Err(e) => errors.extend(e.0),
            }
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        let mut it = parsed.into_iter();
        let mut next = || it.next().ok_or_else(|| LoadErrors(Vec::new()));
        Ok(Dictionaries {
            countries: next()?,
            seats: next()?,
            igos: next()?,
            agents: next()?,
            roles: next()?,
            people: next()?,
            names: next()?,
            nonnames: next()?,
            org_heads: next()?,
        })
    }
}

/// Name lists used by shape-based person detection.
#[derive(Clone, Debug, Default)]
pub struct NameLists {
    /// Given names and their gender when known.
    pub given: HashMap<String, Option<Gender>>,
    /// East Asian family names written first (`Kim`, `Choe`).
    pub family_first: HashSet<String>,
    /// Capitalised words that never start or end a name.
    pub nonnames: HashSet<String>,
    /// Nouns after which `official` is an adjective (`official name`).
    pub adjectival: HashSet<String>,
    /// Reporting verbs (`said`, `told`): a capitalised word beside one is a person.
    pub speech: HashSet<String>,
    /// Lower-case nouns right before a person's name ("striker", "-seeded"), with the
    /// rule id of their row.
    pub person_cues: HashMap<String, String>,
    /// Person cues that name a position in a team (`striker`): the word before is a team.
    pub sport_cues: HashSet<String>,
    /// Verbs of a match result between two teams (`beat`, `drew`).
    pub result_verbs: HashSet<String>,
    /// Words between two sides of a fixture (`v`, `versus`).
    pub versus: HashSet<String>,
    /// All-capitals words that are not an organisation's acronym (`CEO`, `GDP`).
    pub not_acronyms: HashSet<String>,
    /// Words that end an organisation name (`Corp`, `Party`, `University`).
    pub org_heads: HashMap<String, OrgShape>,
    /// Lower-case phrases right before a capitalised run that make it a company.
    pub org_cues_before: Vec<(String, OrgShape)>,
    /// Words or phrases right after a capitalised run that make it a company.
    pub org_cues_after: Vec<(String, OrgShape)>,
}

/// What an `org_heads.tsv` row says about the organisation it shapes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgShape {
    /// CAMEO agent code (`BUS`, `PTY`), empty when CAMEO has none.
    pub agent: String,
    /// `file:line` of the row.
    pub rule: String,
    /// A legal-form suffix (`Inc`, `Ltd`): ends the name; the short form drops it.
    pub legal: bool,
}

fn split_list(s: Option<&str>) -> impl Iterator<Item = String> + '_ {
    s.unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

fn line_error(dict: &Dictionary, line: usize, message: String) -> LoadError {
    LoadError::Line {
        path: dict.name.clone(),
        line,
        message,
    }
}

fn is_code(s: &str) -> bool {
    matches!(s.len(), 3 | 6 | 9 | 12 | 15) && s.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

impl Dictionaries {
    /// Turns the rows into entries and name lists, checking codes and dates.
    pub fn entries(&self) -> Result<(Vec<ActorEntry>, NameLists), LoadErrors> {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        self.countries_into(&mut out, &mut errors);
        self.seats_into(&mut out, &mut errors);
        self.igos_into(&mut out, &mut errors);
        self.agents_into(&mut out, &mut errors);
        let mut names = NameLists::default();
        self.roles_into(&mut out, &mut names, &mut errors);
        self.people_into(&mut out, &mut errors);
        self.names_into(&mut names, &mut errors);
        if errors.is_empty() {
            Ok((out, names))
        } else {
            Err(LoadErrors(errors))
        }
    }

    fn countries_into(&self, out: &mut Vec<ActorEntry>, errors: &mut Vec<LoadError>) {
        let d = &self.countries;
        for e in &d.entries {
            let (Some(code), Some(name)) = (e.get(d, "code"), e.get(d, "name")) else {
                errors.push(line_error(d, e.line, "needs code and name".into()));
                continue;
            };
            if code.len() != 3 || !is_code(code) {
                errors.push(line_error(d, e.line, format!("bad country code {code:?}")));
                continue;
            }
            let rule = e.rule(d);
            let mut country = ActorEntry::new(Category::Country, code, name, rule.clone());
            country.patterns.push(name.to_string());
            country.patterns.extend(split_list(e.get(d, "aliases")));
            out.push(country);
            let mut adj = ActorEntry::new(Category::Adjective, code, name, rule.clone());
            adj.patterns.extend(split_list(e.get(d, "adjectives")));
            if !adj.patterns.is_empty() {
                out.push(adj);
            }
            let gov = format!("{code}GOV");
            for capital in split_list(e.get(d, "capitals")) {
                let mut cap = ActorEntry::new(Category::Capital, &gov, &capital, rule.clone());
                cap.patterns.push(capital);
                out.push(cap);
            }
        }
    }

    fn seats_into(&self, out: &mut Vec<ActorEntry>, errors: &mut Vec<LoadError>) {
        let d = &self.seats;
        for e in &d.entries {
            let (Some(code), Some(kind), Some(name)) =
                (e.get(d, "code"), e.get(d, "type"), e.get(d, "name"))
            else {
                errors.push(line_error(d, e.line, "needs code, type and name".into()));
                continue;
            };
            let category = match kind {
                "seat" => Category::Seat,
                "place" => Category::Place,
                "context" => Category::Context,
                other => {
                    errors.push(line_error(d, e.line, format!("unknown type {other:?}")));
                    continue;
                }
            };
            if !is_code(code) {
                errors.push(line_error(d, e.line, format!("bad code {code:?}")));
                continue;
            }
            let mut entry = ActorEntry::new(category, code, name, e.rule(d));
            entry.patterns.extend(split_list(e.get(d, "variants")));
            if entry.patterns.is_empty() {
                entry.patterns.push(name.to_string());
            }
            entry.requires = e
                .get(d, "requires")
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            out.push(entry);
        }
    }

    fn igos_into(&self, out: &mut Vec<ActorEntry>, errors: &mut Vec<LoadError>) {
        let d = &self.igos;
        for e in &d.entries {
            let (Some(code), Some(name)) = (e.get(d, "code"), e.get(d, "name")) else {
                errors.push(line_error(d, e.line, "needs code and name".into()));
                continue;
            };
            if !code.starts_with("IGO") || !is_code(code) {
                errors.push(line_error(d, e.line, format!("bad IGO code {code:?}")));
                continue;
            }
            let mut entry = ActorEntry::new(Category::Igo, code, name, e.rule(d));
            entry.patterns.extend(split_list(e.get(d, "variants")));
            if entry.patterns.is_empty() {
                entry.patterns.push(name.to_string());
            }
            out.push(entry);
        }
    }

    fn agents_into(&self, out: &mut Vec<ActorEntry>, errors: &mut Vec<LoadError>) {
        let d = &self.agents;
        for e in &d.entries {
            let Some(agent) = e.get(d, "agent").filter(|a| a.len() == 3 && is_code(a)) else {
                errors.push(line_error(d, e.line, "needs a 3-letter agent code".into()));
                continue;
            };
            let mut entry = ActorEntry::new(Category::Agent, agent, agent, e.rule(d));
            entry.role = e.get(d, "plover_type").map(str::to_string);
            entry.patterns.extend(split_list(e.get(d, "nouns")));
            out.push(entry);
        }
    }

    fn roles_into(
        &self,
        out: &mut Vec<ActorEntry>,
        names: &mut NameLists,
        errors: &mut Vec<LoadError>,
    ) {
        let d = &self.roles;
        for e in &d.entries {
            let Some(role) = e.get(d, "role") else {
                errors.push(line_error(d, e.line, "needs a role".into()));
                continue;
            };
            let variants = split_list(e.get(d, "variants"));
            if role == "adjectival-after-official" {
                names.adjectival.extend(variants.map(|v| v.to_lowercase()));
                continue;
            }
            let category = match role {
                "modifier" => Category::Modifier,
                "mister" => Category::Courtesy,
                _ => Category::Role,
            };
            let agent = e.get(d, "agent").filter(|a| *a != "-").unwrap_or("");
            if category == Category::Role && !(agent.len() == 3 && is_code(agent)) {
                errors.push(line_error(d, e.line, format!("bad agent {agent:?}")));
                continue;
            }
            let mut entry = ActorEntry::new(category, agent, role, e.rule(d));
            entry.country = e.get(d, "country").map(str::to_string);
            entry.unique = e.get(d, "unique") == Some("yes");
            entry.patterns.extend(variants);
            out.push(entry);
        }
    }

    fn people_into(&self, out: &mut Vec<ActorEntry>, errors: &mut Vec<LoadError>) {
        let d = &self.people;
        for e in &d.entries {
            let (Some(name), Some(code)) = (e.get(d, "name"), e.get(d, "code")) else {
                errors.push(line_error(d, e.line, "needs name and code".into()));
                continue;
            };
            let (from, to) = (e.get(d, "from"), e.get(d, "to"));
            if !is_code(code)
                || from.is_some_and(|f| !is_date(f))
                || to.is_some_and(|t| !is_date(t))
            {
                errors.push(line_error(d, e.line, "bad code or date".into()));
                continue;
            }
            let mut entry = ActorEntry::new(Category::Person, code, name, e.rule(d));
            entry.patterns.push(name.to_string());
            entry.patterns.extend(split_list(e.get(d, "variants")));
            entry.role = e.get(d, "role").map(str::to_string);
            entry.from = from.map(str::to_string);
            entry.to = to.map(str::to_string);
            entry.gender = e.get(d, "gender").and_then(Gender::parse);
            out.push(entry);
        }
    }

    fn names_into(&self, names: &mut NameLists, errors: &mut Vec<LoadError>) {
        let d = &self.names;
        for e in &d.entries {
            let (Some(name), Some(kind)) = (e.get(d, "name"), e.get(d, "type")) else {
                errors.push(line_error(d, e.line, "needs name and type".into()));
                continue;
            };
            match kind {
                "given" => {
                    let g = e.get(d, "gender").and_then(Gender::parse);
                    names.given.insert(name.to_string(), g);
                }
                "family-first" => {
                    names.family_first.insert(name.to_string());
                }
                "speech-verb" => {
                    names.speech.insert(name.to_string());
                }
                "person-cue" => {
                    names.person_cues.insert(name.to_string(), e.rule(d));
                }
                "sport-cue" => {
                    names.person_cues.insert(name.to_string(), e.rule(d));
                    names.sport_cues.insert(name.to_string());
                }
                other => errors.push(line_error(d, e.line, format!("unknown type {other:?}"))),
            }
        }
        let d = &self.nonnames;
        for e in &d.entries {
            if let Some(w) = e.get(d, "word") {
                names.nonnames.insert(w.to_string());
            }
        }
        self.org_shapes_into(names, errors);
    }

    fn org_shapes_into(&self, names: &mut NameLists, errors: &mut Vec<LoadError>) {
        let d = &self.org_heads;
        for e in &d.entries {
            let (Some(word), Some(kind)) = (e.get(d, "word"), e.get(d, "type")) else {
                errors.push(line_error(d, e.line, "needs word and type".into()));
                continue;
            };
            let agent = e.get(d, "agent").filter(|a| *a != "-").unwrap_or("");
            let valid = agent.is_empty() || (agent.len() == 3 && is_code(agent));
            if !valid {
                errors.push(line_error(d, e.line, format!("bad agent {agent:?}")));
                continue;
            }
            let shape = OrgShape {
                agent: agent.to_string(),
                rule: e.rule(d),
                legal: e
                    .get(d, "note")
                    .is_some_and(|n| n.starts_with("legal form")),
            };
            let phrase = || word.split_whitespace().collect::<Vec<_>>().join(" ");
            match kind {
                "head" => {
                    names.org_heads.entry(word.to_string()).or_insert(shape);
                }
                "cue-before" => names.org_cues_before.push((phrase(), shape)),
                "cue-after" => names.org_cues_after.push((phrase(), shape)),
                "versus" => {
                    names.versus.insert(word.to_string());
                }
                "result-verb" => {
                    names.result_verbs.insert(word.to_string());
                }
                "not-acronym" => {
                    names.not_acronyms.insert(word.to_string());
                }
                other => errors.push(line_error(d, e.line, format!("unknown type {other:?}"))),
            }
        }
    }
}

/// Everything the tagger needs, compiled once and shared across threads.
pub struct Lexicon {
    /// All entries, in dictionary order.
    pub entries: Vec<ActorEntry>,
    /// The automaton over their patterns.
    pub matcher: crate::matcher::Matcher,
    /// Name lists for shape-based detection.
    pub names: NameLists,
    /// Canonical person name → the rows (posts) of that person.
    pub person_rows: HashMap<String, Vec<u32>>,
}

impl Lexicon {
    /// Compiles entries and name lists.
    pub fn new(entries: Vec<ActorEntry>, names: NameLists) -> Result<Lexicon, String> {
        let matcher = crate::matcher::Matcher::new(&entries).map_err(|e| e.to_string())?;
        let mut person_rows: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.category == Category::Person {
                person_rows
                    .entry(e.name.clone())
                    .or_default()
                    .push(i as u32);
            }
        }
        Ok(Lexicon {
            entries,
            matcher,
            names,
            person_rows,
        })
    }

    /// The entry at `i`.
    pub fn entry(&self, i: u32) -> &ActorEntry {
        &self.entries[i as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_load_without_errors() {
        let d = Dictionaries::embedded().unwrap();
        let (entries, names) = d.entries().unwrap();
        let countries = entries
            .iter()
            .filter(|e| e.category == Category::Country)
            .count();
        assert!(countries >= 245, "{countries} countries");
        assert!(names.given.contains_key("John"));
        assert!(names.family_first.contains("Kim"));
        assert!(entries.iter().all(|e| e.rule.starts_with("actors/")));
    }

    #[test]
    fn country_prefix_skips_igos_and_regions() {
        assert_eq!(country_of("RUSGOV"), Some("RUS"));
        assert_eq!(country_of("IGOUNO"), None);
        assert_eq!(country_of("---GOV"), None);
        assert_eq!(country_of("ASA"), None);
    }
}
