//! Pass A: walks the units of each sentence and turns hits, titles and name shapes into
//! entities and mentions; surnames and definite descriptions wait for pass B
//! ([`crate::resolve`]).

use crate::lexicon::{country_of, Category, Lexicon};
use crate::matcher::Hit;
use crate::shapes::KnownOrg;
use crate::title::{Det, Title, View};
use crate::units::{self, Aliases, Unit, UnitKind};
use sitrep_model::{Actor, ActorKind, Document, Span};
use std::collections::{HashMap, HashSet};

/// How a mention names its entity; the CoNLL mapping keeps only names and surnames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionClass {
    /// A proper name (country, organisation, person, place).
    Name,
    /// A demonym or adjective (`Russian`).
    Adjective,
    /// Country or seat plus agent noun (`North Korean troops`).
    Composite,
    /// A role description (`a senior Pentagon official`, `the NSC official`).
    Description,
    /// A bare surname resolved to an earlier full name (`Kirby`).
    Surname,
}

/// An entity while the document is being read.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub actor: Actor,
    pub rule: String,
    pub flags: Vec<String>,
    pub surname: Option<String>,
    /// A real name, as opposed to a description or a group.
    pub named: bool,
    pub from_dictionary: bool,
    pub role_entry: Option<u32>,
    pub role_modified: bool,
}

/// A mention while the document is being read.
#[derive(Clone, Debug)]
pub(crate) struct DraftMention {
    pub span: Span,
    pub entity: usize,
    pub rule: String,
    pub class: MentionClass,
    /// Inside a fixed title phrase ("leader Kim Jong-un"): weaker evidence of who is being
    /// talked about right now.
    pub fixed: bool,
}

/// Work left for pass B.
#[derive(Clone, Debug)]
pub(crate) enum Deferred {
    /// A single capitalised word, maybe after a title ("Coordinator Kirby", "Hill").
    Surname {
        span: Span,
        title: Option<Title>,
        /// Beside a reporting verb or a person cue: a person even when no full name came
        /// before; the rule that says so.
        person_rule: Option<String>,
    },
    /// A singular role description without a name.
    Description { span: Span, title: Title },
}

impl Deferred {
    pub fn start(&self) -> u32 {
        match self {
            Deferred::Surname { span, .. } | Deferred::Description { span, .. } => span.start,
        }
    }
}

/// The document being annotated.
pub(crate) struct Reader<'a> {
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub date: Option<&'a str>,
    pub entities: Vec<Draft>,
    pub mentions: Vec<DraftMention>,
    pub deferred: Vec<Deferred>,
    keys: HashMap<String, usize>,
    aliases: Aliases,
    /// Organisation names established by shape (teams, acronyms, short forms).
    pub known_orgs: HashMap<String, KnownOrg>,
    /// Team names in results lines: first byte → end byte.
    pub team_runs: HashMap<usize, usize>,
    /// Unknown all-capitals acronyms, resolved once the document is read.
    pub acronyms: Vec<Span>,
}

/// Lower-cased with hyphens as spaces, so "Kim Jong Un" and "Kim Jong-un" share a key.
pub(crate) fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['-', '‐'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Reader<'a> {
    pub fn new(lex: &'a Lexicon, doc: &'a Document) -> Reader<'a> {
        Reader {
            lex,
            text: &doc.text,
            date: doc.published.as_ref().map(|p| p.date.value.as_str()),
            entities: Vec::new(),
            mentions: Vec::new(),
            deferred: Vec::new(),
            keys: HashMap::new(),
            aliases: Aliases::new(),
            known_orgs: HashMap::new(),
            team_runs: HashMap::new(),
            acronyms: Vec::new(),
        }
    }

    /// Runs pass A over every sentence.
    pub fn read(&mut self, doc: &Document) {
        let hits = self.context_filtered(self.lex.matcher.find(self.text));
        // Without a sentence layer, read the body as one sentence rather than not at all.
        let whole = [sitrep_model::Sentence {
            span: Span::new(0, self.text.len()),
            paragraph: 0,
        }];
        let sentences = if doc.sentences.is_empty() {
            &whole[..]
        } else {
            &doc.sentences[..]
        };
        let mut aliases = std::mem::take(&mut self.aliases);
        let all: Vec<Vec<Unit>> = sentences
            .iter()
            .map(|s| units::build(self.text, s.span, &hits, self.lex, &mut aliases))
            .collect();
        self.aliases = aliases;
        self.collect_teams(&all);
        for units in &all {
            self.sentence(units);
        }
        self.resolve_acronyms();
    }

    /// Drops context rows ("the North") unless the document names one of their codes,
    /// and when a capitalised word follows ("the North Atlantic").
    fn context_filtered(&self, hits: Vec<Hit>) -> Vec<Hit> {
        let present: HashSet<&str> = hits
            .iter()
            .map(|h| self.lex.entry(h.entry))
            .filter(|e| e.category != Category::Context)
            .map(|e| e.code.as_str())
            .collect();
        hits.into_iter()
            .filter(|h| {
                let e = self.lex.entry(h.entry);
                if e.category != Category::Context {
                    return true;
                }
                let next_cap = self.text[h.end..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                let gap = self.text[h.end..].starts_with([' ', '\t']);
                e.requires.iter().any(|c| present.contains(c.as_str())) && !(gap && next_cap)
            })
            .collect()
    }

    fn sentence(&mut self, units: &[Unit]) {
        let view = View {
            text: self.text,
            units,
            lex: self.lex,
        };
        let first_mention = self.mentions.len();
        let mut i = 0;
        while i < units.len() {
            i = self.step(&view, i).max(i + 1);
        }
        self.name_list(&view, first_mention);
        self.name_chains(&view, first_mention);
    }

    fn step(&mut self, v: &View, i: usize) -> usize {
        if let Some(end) = self.known_org(v, i) {
            return end;
        }
        if let Some(end) = self.team_before_cue(v, i) {
            return end;
        }
        if let Some(t) = v.title(i) {
            return self.after_title(v, t);
        }
        match v.category(i) {
            Some(Category::Person) => return self.person_hit(v, i, None),
            Some(Category::Place) => {
                self.plain(v, i);
                return i + 1;
            }
            _ => {}
        }
        if v.is_name_word(i) || v.is_initial(i) {
            return self.name_shape(v, i);
        }
        if v.org_acronym(i) {
            // Decided after the whole document is read: it may define the acronym later.
            self.acronyms
                .push(Span::new(v.units[i].start, v.units[i].end));
        }
        i + 1
    }

    /// Decides what a title phrase introduces: a known person, a new name, a name after a
    /// comma, or nothing but itself.
    fn after_title(&mut self, v: &View, t: Title) -> usize {
        let k = t.end;
        if v.category(k) == Some(Category::Person) {
            return self.person_hit(v, k, Some(t));
        }
        let titled = t.role.is_some() || t.courtesy;
        if titled && v.is_name_word(k) {
            let end = v.name_run(k, 4);
            return self.titled_name(v, t, k, end, "rule:title-name");
        }
        if t.role.is_some() && v.is_punct(k, ',') {
            if v.category(k + 1) == Some(Category::Person) && v.is_punct(k + 2, ',') {
                return self.person_hit(v, k + 1, Some(t));
            }
            let end = v.name_run(k + 1, 3);
            let closes = end >= v.units.len()
                || v.is_punct(end, ',')
                || v.is_punct(end, '.')
                || v.is_punct(end, ')');
            if end > k + 2 && closes {
                return self.titled_name(v, t, k + 1, end, "rule:title-apposition");
            }
        }
        self.flush(v, &t);
        k
    }

    /// A name run after a title: one word waits for pass B ("Coordinator Kirby"), longer
    /// runs make a person at once.
    fn titled_name(&mut self, v: &View, t: Title, k: usize, end: usize, rule: &str) -> usize {
        self.plain_in_title(v, &t);
        let span = Span::new(v.units[k].start, v.units[end - 1].end);
        if end - k == 1 {
            self.deferred.push(Deferred::Surname {
                span,
                title: Some(t),
                person_rule: None,
            });
            return end;
        }
        let name = span.of(self.text).to_string();
        let ent = self.new_person(&name, Some(&t), rule);
        self.push_mention(span, ent, rule, MentionClass::Name, t.role.is_some());
        self.apposition(v, end, ent)
    }

    /// A capitalised run without a title: a person when it starts with a given or
    /// family-first name or an initial, or stands beside a reporting verb; a single word
    /// may be a surname.
    fn name_shape(&mut self, v: &View, i: usize) -> usize {
        let mut end = v.name_run(i, 3);
        // "seed Ann Holland": after a person cue, too, a name may end in a word the
        // dictionary knows (see `View::name_run` for given names).
        if v.person_cue(i).is_some() && v.known_surname(end) {
            end += 1;
        }
        // "Six Chris Paterson penalties": the name starts at the given name inside the run.
        if !v.starts_name(i) && !v.is_initial(i) {
            if let Some(k) = (i + 1..end.saturating_sub(1)).find(|&k| v.starts_name(k)) {
                return k;
            }
        }
        if let Some(next) = self.cued_org(v, i, end) {
            return next;
        }
        let words = (i..end).filter(|&u| v.is_word(u)).count();
        // "Ann Toll ( Norway )": results lists name people with their country.
        if v.country_in_brackets(end) && !v.is_capitalised(i.wrapping_sub(1)) {
            let rule = "rule:name-country";
            let span = Span::new(v.units[i].start, v.units[end - 1].end);
            let name = span.of(self.text).to_string();
            let ent = self.new_person(&name, None, rule);
            self.push_mention(span, ent, rule, MentionClass::Name, false);
            return end;
        }
        let cue = v.person_cue(i).map(str::to_string);
        if let Some(rule) = cue.or_else(|| v.person_after(end).map(str::to_string)) {
            let span = Span::new(v.units[i].start, v.units[end - 1].end);
            if end == i + 1 {
                // "seed Vink" may be the Orla Vink named earlier.
                self.deferred.push(Deferred::Surname {
                    span,
                    title: None,
                    person_rule: Some(rule),
                });
                return end;
            }
            let name = span.of(self.text).to_string();
            let ent = self.new_person(&name, None, &rule);
            self.push_mention(span, ent, &rule, MentionClass::Name, false);
            return self.apposition(v, end, ent);
        }
        let speech = v.is_speech(end) || (i > 0 && v.is_speech(i - 1));
        let opens = v.starts_name(i) || v.is_initial(i);
        let described = v.is_punct(end, ',') && self.apposition_phrase(v, end + 1).is_some();
        if words >= 2 && (opens || speech || described) {
            let rule = match (opens, speech) {
                (true, _) => "rule:name-shape",
                (false, true) => "rule:speech-subject",
                (false, false) => "rule:name-apposition",
            };
            let span = Span::new(v.units[i].start, v.units[end - 1].end);
            let name = span.of(self.text).to_string();
            let ent = self.new_person(&name, None, rule);
            self.push_mention(span, ent, rule, MentionClass::Name, false);
            return self.apposition(v, end, ent);
        }
        if words == 1 && end == i + 1 {
            let span = Span::new(v.units[i].start, v.units[i].end);
            self.deferred.push(Deferred::Surname {
                span,
                title: None,
                person_rule: speech.then(|| "rule:speech-subject".to_string()),
            });
        }
        end
    }

    /// A person from people.tsv, with the row valid on the document date.
    fn person_hit(&mut self, v: &View, k: usize, title: Option<Title>) -> usize {
        let Some(UnitKind::Hit(e)) = v.kind(k) else {
            return k + 1;
        };
        let row_id = self.pick_row(&self.lex.entry(e).name).unwrap_or(e);
        let row = self.lex.entry(row_id);
        let (code, role) = self.dated_code(row_id);
        let key = format!("person:{}", name_key(&row.name));
        let role_entry = self.role_by_name(row.role.as_deref());
        let ent = self.entity(key, || Draft {
            actor: Actor {
                name: row.name.clone(),
                kind: ActorKind::Person,
                country: country_of(&code).map(str::to_string),
                role,
                code,
            },
            rule: row.rule.clone(),
            flags: Vec::new(),
            surname: None,
            named: true,
            from_dictionary: true,
            role_entry,
            role_modified: false,
        });
        let span = Span::new(v.units[k].start, v.units[k].end);
        let fixed = title.as_ref().is_some_and(|t| t.role.is_some());
        self.push_mention(span, ent, &row.rule.clone(), MentionClass::Name, fixed);
        if let Some(t) = &title {
            self.plain_in_title(v, t);
        }
        self.apposition(v, k + 1, ent)
    }

    /// `, NSC coordinator for strategic communications,` after a name: fills in the role
    /// and, when the entity has none yet, the country.
    fn apposition(&mut self, v: &View, j: usize, ent: usize) -> usize {
        if !v.is_punct(j, ',') {
            return j;
        }
        let Some((t, end)) = self.apposition_phrase(v, j + 1) else {
            return j;
        };
        let role_start = t.role_start.unwrap_or(v.units[t.first].start);
        let role_text = self
            .text
            .get(role_start..t.end_byte)
            .unwrap_or("")
            .trim()
            .to_string();
        let (code, country) = t.code(self.lex);
        let d = &mut self.entities[ent];
        if !d.from_dictionary {
            d.actor.role = Some(role_text);
            d.role_entry = t.role;
            d.role_modified = t.modified;
            if d.actor.country.is_none() && (country.is_some() || d.actor.code.starts_with("---")) {
                d.actor.country = country;
                d.actor.code = code;
            }
        }
        for u in t.first..end {
            if matches!(
                v.category(u),
                Some(Category::Country | Category::Igo | Category::Seat | Category::Capital)
            ) {
                self.plain(v, u);
            }
        }
        end
    }

    /// The phrase after a comma: up to the next comma, period, bracket or quote, with a
    /// role or agent noun in its first words.
    fn apposition_phrase(&self, v: &View, start: usize) -> Option<(Title, usize)> {
        let stops = [',', '.', ';', '(', ')', '"', '“', '”', ':'];
        let mut end = start;
        while end < v.units.len() && end - start < 16 {
            if v.is_punct(end, '(') && v.is_punct(end + 2, ')') {
                end += 3; // an acronym: "Council (NSC) spokesperson"
                continue;
            }
            if matches!(v.kind(end), Some(UnitKind::Punct(c)) if stops.contains(&c)) {
                break;
            }
            end += 1;
        }
        if end == start {
            return None;
        }
        let mut t = Title {
            first: start,
            end,
            end_byte: v.units[end - 1].end,
            ..Title::default()
        };
        for u in start..end {
            let Some(UnitKind::Hit(e)) = v.kind(u) else {
                continue;
            };
            match self.lex.entry(e).category {
                Category::Person => return None,
                Category::Role if t.role.is_none() && u < start + 7 => {
                    t.role = Some(e);
                    let first_word = if v.is_lower_word(start, &["the", "a", "an"]) {
                        start + 1
                    } else {
                        start
                    };
                    t.role_start = Some(v.units[first_word].start);
                }
                Category::Agent if t.agent.is_none() && u < start + 7 => t.agent = Some(e),
                Category::Modifier if t.role.is_none() => t.modified = true,
                Category::Country | Category::Adjective | Category::Capital | Category::Context => {
                    t.country.get_or_insert(e);
                }
                Category::Seat => {
                    t.seat.get_or_insert(e);
                }
                Category::Igo if t.role.is_none() => {
                    t.igo.get_or_insert(e);
                }
                _ => {}
            }
        }
        t.role?;
        if t.role_start.is_none() {
            t.role_start = Some(v.units[start].start);
        }
        Some((t, end))
    }

    /// A title standing alone: a description, a composite group, or its own names.
    fn flush(&mut self, v: &View, t: &Title) {
        if t.several {
            for u in t.first..t.end {
                self.plain(v, u);
            }
            return;
        }
        let anchored = t.is_anchored(self.lex);
        let span = Span::new(v.units[t.first].start, v.units[t.end - 1].end);
        if t.role.is_some() && (anchored || t.det == Some(Det::Definite)) {
            self.deferred.push(Deferred::Description {
                span,
                title: t.clone(),
            });
            return;
        }
        if (t.agent.is_some() || t.org.is_some()) && anchored {
            let (code, country) = t.code(self.lex);
            let kind = ActorKind::Organisation;
            let name = span.of(self.text).to_string();
            // A capitalised body name ("Senate Armed Services Committee") is a name of its
            // own; a country plus a sector noun is a composite.
            let named = t.org.is_some() && t.seat.is_none();
            let rule = t.org_rule.as_deref().unwrap_or("rule:org-name");
            if named {
                let known = KnownOrg {
                    name: name.clone(),
                    agent: code.get(3..).unwrap_or("").to_string(),
                    rule: rule.to_string(),
                };
                self.remember_org(v, t.end, &known, t.org_rule.is_some());
            }
            let (rule, class, key) = if named {
                (rule, MentionClass::Name, format!("org:{}", name_key(&name)))
            } else {
                (
                    "rule:composite",
                    MentionClass::Composite,
                    format!("composite:{code}"),
                )
            };
            let ent = self.entity(key, || {
                Draft::unnamed(name.clone(), kind, country, code, rule)
            });
            self.push_mention(span, ent, rule, class, false);
            return;
        }
        for u in t.first..t.end {
            self.plain(v, u);
        }
    }

    /// Mentions of the names inside a title that went to a person.
    fn plain_in_title(&mut self, v: &View, t: &Title) {
        for u in t.first..t.end {
            if matches!(
                v.category(u),
                Some(Category::Country | Category::Igo | Category::Seat | Category::Capital)
            ) {
                self.plain(v, u);
            }
        }
    }

    /// The mention a lone dictionary hit makes.
    fn plain(&mut self, v: &View, u: usize) {
        let Some(UnitKind::Hit(e)) = v.kind(u) else {
            return;
        };
        let entry = self.lex.entry(e);
        let span = Span::new(v.units[u].start, v.units[u].end);
        let surface = span.of(self.text).to_string();
        if let Some(ent) = self.person_with_surname(&surface, entry.category) {
            self.push_mention(span, ent, "rule:surname", MentionClass::Surname, false);
            return;
        }
        let (kind, key, name, class) = match entry.category {
            Category::Country | Category::Context => (
                ActorKind::Country,
                format!("country:{}", entry.code),
                entry.name.clone(),
                MentionClass::Name,
            ),
            Category::Adjective => (
                ActorKind::Country,
                format!("country:{}", entry.code),
                entry.name.clone(),
                MentionClass::Adjective,
            ),
            Category::Capital => (
                ActorKind::Place,
                format!("capital:{}", entry.name),
                entry.name.clone(),
                MentionClass::Name,
            ),
            Category::Seat | Category::Igo => (
                ActorKind::Organisation,
                format!("org:{}:{}", entry.code, entry.name),
                entry.name.clone(),
                MentionClass::Name,
            ),
            Category::Place => (
                ActorKind::Place,
                format!("place:{}", name_key(&surface)),
                surface,
                MentionClass::Name,
            ),
            _ => return,
        };
        let country = country_of(&entry.code).map(str::to_string);
        let code = entry.code.clone();
        let rule = match class {
            MentionClass::Adjective => format!("{}#demonym", entry.rule),
            _ => entry.rule.clone(),
        };
        let ent = self.entity(key, || Draft::unnamed(name, kind, country, code, &rule));
        self.push_mention(span, ent, &rule, class, false);
    }

    /// A person named earlier whose surname is this place name ("Ann Jordan ... Jordan
    /// won"): the document has shown the word to be a name.
    fn person_with_surname(&self, surface: &str, category: Category) -> Option<usize> {
        if !matches!(
            category,
            Category::Country | Category::Capital | Category::Place
        ) {
            return None;
        }
        self.entities.iter().rposition(|d| {
            d.named
                && d.actor.kind == ActorKind::Person
                && d.surname.as_deref() == Some(surface)
                && d.actor.name != surface
        })
    }

    /// The entity an acronym was defined for in this document ("Council (NSC)").
    pub(crate) fn aliases_entity(&self, acronym: &str) -> Option<usize> {
        let entry = self.lex.entry(*self.aliases.get(acronym)?);
        let key = match entry.category {
            Category::Country => format!("country:{}", entry.code),
            Category::Seat | Category::Igo => format!("org:{}:{}", entry.code, entry.name),
            _ => return None,
        };
        self.keys.get(&key).copied()
    }

    /// A new (or the same-named) person found by shape or title.
    pub(crate) fn new_person(&mut self, name: &str, t: Option<&Title>, rule: &str) -> usize {
        let key = format!("person:{}", name_key(name));
        let (code, country) = t.map_or(("---".to_string(), None), |t| t.code(self.lex));
        let role = t.and_then(|t| {
            let start = t.role_start?;
            let end = self.role_end(t);
            self.text.get(start..end).map(|s| s.trim().to_string())
        });
        let surname = surname_of(name, self.lex);
        let ent = self.entity(key, || Draft {
            actor: Actor {
                name: name.to_string(),
                kind: ActorKind::Person,
                country: country.clone(),
                role: role.clone(),
                code: code.clone(),
            },
            rule: rule.to_string(),
            flags: Vec::new(),
            surname: Some(surname),
            named: true,
            from_dictionary: false,
            role_entry: t.and_then(|t| t.role),
            role_modified: t.is_some_and(|t| t.modified),
        });
        let d = &mut self.entities[ent];
        if d.actor.country.is_none() && country.is_some() {
            d.actor.country = country;
            d.actor.code = code;
        }
        if d.actor.role.is_none() {
            d.actor.role = role;
            d.role_entry = t.and_then(|t| t.role);
        }
        ent
    }

    /// Where the role text of a title ends: before the name, without a trailing comma.
    fn role_end(&self, t: &Title) -> usize {
        self.text
            .get(..t.end_byte)
            .unwrap_or("")
            .trim_end()
            .trim_end_matches(',')
            .len()
    }

    pub(crate) fn entity(&mut self, key: String, make: impl FnOnce() -> Draft) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        self.entities.push(make());
        self.keys.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }

    pub(crate) fn push_mention(
        &mut self,
        span: Span,
        entity: usize,
        rule: &str,
        class: MentionClass,
        fixed: bool,
    ) {
        self.mentions.push(DraftMention {
            span,
            entity,
            rule: rule.to_string(),
            class,
            fixed,
        });
    }

    /// The row of a person valid on the document date (see people.tsv).
    fn pick_row(&self, name: &str) -> Option<u32> {
        let rows = self.lex.person_rows.get(name)?;
        let within = |r: &u32| {
            let e = self.lex.entry(*r);
            self.date.is_some_and(|d| {
                e.from.as_deref().is_none_or(|f| f <= d) && e.to.as_deref().is_none_or(|t| d <= t)
            })
        };
        rows.iter().copied().find(within).or_else(|| {
            rows.iter()
                .copied()
                .max_by_key(|r| self.lex.entry(*r).from.clone())
        })
    }

    /// Code and role of a row; a document dated after the post ended gets country + ELI.
    fn dated_code(&self, row: u32) -> (String, Option<String>) {
        let e = self.lex.entry(row);
        let ended = match (self.date, e.to.as_deref()) {
            (Some(d), Some(to)) => d > to,
            _ => false,
        };
        match (ended, country_of(&e.code)) {
            (true, Some(cc)) => (
                format!("{cc}ELI"),
                e.role.as_ref().map(|r| format!("former {r}")),
            ),
            _ => (e.code.clone(), e.role.clone()),
        }
    }

    fn role_by_name(&self, role: Option<&str>) -> Option<u32> {
        let role = role?.split(';').next()?.trim();
        self.lex
            .entries
            .iter()
            .position(|e| e.category == Category::Role && e.name.eq_ignore_ascii_case(role))
            .map(|i| i as u32)
    }
}

impl Draft {
    /// A draft entity found by a rule rather than by a person's name in the dictionaries.
    pub(crate) fn unnamed(
        name: String,
        kind: ActorKind,
        country: Option<String>,
        code: String,
        rule: &str,
    ) -> Draft {
        Draft {
            actor: Actor {
                name,
                kind,
                country,
                role: None,
                code,
            },
            rule: rule.to_string(),
            flags: Vec::new(),
            surname: None,
            named: false,
            from_dictionary: false,
            role_entry: None,
            role_modified: false,
        }
    }
}

/// The word later mentions use: the family name first for East Asian names, else the
/// last word.
pub(crate) fn surname_of(name: &str, lex: &Lexicon) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.first() {
        Some(first) if words.len() > 1 && lex.names.family_first.contains(*first) => {
            first.to_string()
        }
        _ => words.last().map_or(String::new(), |w| w.to_string()),
    }
}
