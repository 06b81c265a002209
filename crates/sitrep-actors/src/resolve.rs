//! Pass B: in-document resolution. Bare surnames and definite descriptions link to the
//! person they most plausibly mean; two names bound to one unique post get flagged.

use crate::lexicon::Category;
use crate::recognize::{name_key, Deferred, Draft, MentionClass, Reader};
use crate::title::{Det, Title};
use sitrep_model::{ActorKind, Span};

impl Reader<'_> {
    /// Resolves everything pass A left open, in text order, so that each resolved
    /// mention counts as recent for the next one.
    pub fn resolve(&mut self) {
        let mut items = std::mem::take(&mut self.deferred);
        items.sort_by_key(Deferred::start);
        for item in items {
            match item {
                Deferred::Surname {
                    span,
                    title,
                    person_rule,
                } => self.surname(span, title, person_rule),
                Deferred::Description { span, title } => self.description(span, title),
            }
        }
        self.flag_conflicts();
    }

    /// Start of the latest mention of `ent` before `at`; `loose` also counts mentions
    /// inside fixed title phrases.
    fn last_before(&self, ent: usize, at: u32, loose: bool) -> Option<u32> {
        self.mentions
            .iter()
            .filter(|m| m.entity == ent && m.span.start < at && (loose || !m.fixed))
            .map(|m| m.span.start)
            .max()
    }

    fn first_after(&self, ent: usize, at: u32) -> Option<u32> {
        self.mentions
            .iter()
            .filter(|m| m.entity == ent && m.span.start > at)
            .map(|m| m.span.start)
            .min()
    }

    /// The most recent candidate outside fixed titles, else the most recent at all, else
    /// the first one mentioned later.
    fn pick(&self, cands: &[usize], at: u32) -> Option<usize> {
        let by = |loose: bool| {
            cands
                .iter()
                .filter_map(|&c| self.last_before(c, at, loose).map(|p| (p, c)))
                .max()
                .map(|(_, c)| c)
        };
        by(false).or_else(|| by(true)).or_else(|| {
            cands
                .iter()
                .filter_map(|&c| self.first_after(c, at).map(|p| (p, c)))
                .min()
                .map(|(_, c)| c)
        })
    }

    fn surname_matches(&self, d: &Draft, word: &str) -> bool {
        if d.actor.kind != ActorKind::Person || !d.named {
            return false;
        }
        match &d.surname {
            Some(s) => s == word,
            None => crate::recognize::surname_of(&d.actor.name, self.lex) == word,
        }
    }

    fn surname(&mut self, span: Span, title: Option<Title>, person_rule: Option<String>) {
        let word = span.of(self.text).to_string();
        let mut cands: Vec<usize> = (0..self.entities.len())
            .filter(|&i| self.surname_matches(&self.entities[i], &word))
            .collect();
        if cands.is_empty() && self.lex.names.given.contains_key(&word) {
            // "Alan" after "Alan Shearer": a given name alone names the person too.
            cands = (0..self.entities.len())
                .filter(|&i| given_matches(&self.entities[i], &word))
                .collect();
        }
        if let Some(role) = title.as_ref().and_then(|t| t.role) {
            let role_name = self.lex.entry(role).name.to_lowercase();
            let title_word = span.of(self.text).to_lowercase();
            let fitting: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&c| {
                    let r = self.entities[c]
                        .actor
                        .role
                        .as_deref()
                        .unwrap_or("")
                        .to_lowercase();
                    r.contains(&role_name) || r.contains(&title_word)
                })
                .collect();
            if !fitting.is_empty() {
                cands = fitting;
            }
        }
        let fixed = title.as_ref().is_some_and(|t| t.role.is_some());
        if let Some(ent) = self.pick(&cands, span.start) {
            self.push_mention(span, ent, "rule:surname", MentionClass::Surname, fixed);
            return;
        }
        if let Some(t) = title.filter(|t| t.role.is_some() || t.courtesy) {
            let ent = self.new_person(&word, Some(&t), "rule:title-name");
            self.push_mention(span, ent, "rule:title-name", MentionClass::Name, fixed);
        } else if let Some(rule) = person_rule {
            let ent = self.new_person(&word, None, &rule);
            self.push_mention(span, ent, &rule, MentionClass::Name, false);
        }
    }

    /// Can the description `t` (coded `code`) refer to person `d`?
    fn fits(&self, t: &Title, code: &str, country: Option<&str>, d: &Draft) -> bool {
        if d.actor.kind != ActorKind::Person || !d.named {
            return false;
        }
        let role_text = d.actor.role.as_deref().unwrap_or("").to_lowercase();
        let qualifier = [t.seat, t.country, t.igo]
            .into_iter()
            .flatten()
            .map(|e| self.lex.entry(e))
            .any(|e| {
                e.patterns
                    .iter()
                    .any(|p| role_text.contains(&p.to_lowercase()))
            });
        let place_ok = match (country, d.actor.country.as_deref()) {
            (Some(a), Some(b)) => a == b && (t.seat.is_none() || d.actor.code == code || qualifier),
            (Some(_), None) => qualifier,
            (None, _) => t.igo.is_none() || d.actor.code == code,
        };
        let role_ok = match t.role.map(|r| self.lex.entry(r)) {
            Some(r) if r.name == "official" => d.actor.role.is_some(),
            Some(r) => {
                d.role_entry == t.role
                    || role_text.contains(&r.name.to_lowercase())
                    || r.patterns
                        .iter()
                        .any(|p| role_text.contains(&p.to_lowercase()))
            }
            None => false,
        };
        place_ok && role_ok
    }

    fn description(&mut self, span: Span, t: Title) {
        let (code, country) = t.code(self.lex);
        let unique = t
            .role
            .is_some_and(|r| self.lex.entry(r).unique && !t.modified);
        let linkable = t.det == Some(Det::Definite) || (unique && t.det.is_none());
        if linkable {
            let cands: Vec<usize> = (0..self.entities.len())
                .filter(|&i| self.fits(&t, &code, country.as_deref(), &self.entities[i]))
                .collect();
            let before = cands
                .iter()
                .filter_map(|&c| self.last_before(c, span.start, true).map(|p| (p, c)))
                .max()
                .map(|(_, c)| c);
            let found = before.or_else(|| unique.then(|| self.pick(&cands, span.start)).flatten());
            if let Some(ent) = found {
                let rule = "rule:description-anaphor";
                self.push_mention(span, ent, rule, MentionClass::Description, false);
                return;
            }
        }
        if !t.is_anchored(self.lex) {
            return;
        }
        let name = span.of(self.text).to_string();
        let key = format!("description:{code}:{}", name_key(&name));
        let role = t.role.map(|r| self.lex.entry(r).name.clone());
        let ent = self.entity(key, || {
            let mut d = Draft::description(name.clone(), country.clone(), code.clone());
            d.actor.role = role;
            d.role_entry = t.role;
            d
        });
        self.push_mention(
            span,
            ent,
            "rule:description",
            MentionClass::Description,
            false,
        );
    }

    /// Two different named people bound to the same unique post in one article: flag
    /// both instead of merging, since one of the names may be a mistranslation.
    fn flag_conflicts(&mut self) {
        let n = self.entities.len();
        let mut flags: Vec<(usize, String)> = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if let Some(role) = self.conflict(a, b) {
                    let (da, db) = (&self.entities[a], &self.entities[b]);
                    flags.push((a, conflict_text(&role, &db.actor.name)));
                    flags.push((b, conflict_text(&role, &da.actor.name)));
                }
            }
        }
        for (i, f) in flags {
            self.entities[i].flags.push(f);
        }
    }

    fn conflict(&self, a: usize, b: usize) -> Option<String> {
        let (da, db) = (&self.entities[a], &self.entities[b]);
        let people = |d: &Draft| d.named && d.actor.kind == ActorKind::Person;
        if !people(da) || !people(db) || (da.from_dictionary && db.from_dictionary) {
            return None;
        }
        let (ra, rb) = (da.role_entry?, db.role_entry?);
        let role = self.lex.entry(ra);
        let same_post = ra == rb && role.category == Category::Role && role.unique;
        let same_country = match (&da.actor.country, &db.actor.country) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        };
        (same_post && same_country && !da.role_modified && !db.role_modified)
            .then(|| role.name.clone())
    }
}

/// A named person (of two or more words) whose first word is `word`.
fn given_matches(d: &Draft, word: &str) -> bool {
    let mut words = d.actor.name.split_whitespace();
    d.named
        && d.actor.kind == ActorKind::Person
        && words.next() == Some(word)
        && words.next().is_some()
}

fn conflict_text(role: &str, other: &str) -> String {
    format!("role `{role}` is also bound to `{other}` in this document: possible name conflict")
}

impl Draft {
    fn description(name: String, country: Option<String>, code: String) -> Draft {
        Draft::unnamed(name, ActorKind::Person, country, code, "rule:description")
    }
}
