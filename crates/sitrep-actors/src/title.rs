//! Title phrases: the run of country words, modifiers, roles and agent nouns that stands
//! before a name or on its own ("North Korean leader", "a senior Pentagon official",
//! "Deputy Assistant Secretary of Defense for Space and Missile Defense").

use crate::lexicon::{country_of, Category, Lexicon};
use crate::units::{Unit, UnitKind};

/// Which article opened a title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Det {
    /// `the`: refers back to someone already known.
    Definite,
    /// `a`, `an`: introduces someone new.
    Indefinite,
}

/// A parsed title phrase; byte offsets into the document text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Title {
    pub det: Option<Det>,
    /// Units `first..end` are the phrase (without the article).
    pub first: usize,
    pub end: usize,
    /// Byte just after the phrase.
    pub end_byte: usize,
    pub country: Option<u32>,
    pub seat: Option<u32>,
    pub igo: Option<u32>,
    pub role: Option<u32>,
    pub role_start: Option<usize>,
    pub modified: bool,
    pub agent: Option<u32>,
    pub courtesy: bool,
    pub org: Option<(usize, usize)>,
    /// Agent code of the organisation head that closed `org` (`BUS`, empty for clubs).
    pub org_agent: Option<String>,
    /// Rule id of that head.
    pub org_rule: Option<String>,
    /// Two different countries side by side ("North Korea-Russia"): no composite.
    pub several: bool,
}

impl Title {
    /// True when the phrase says nothing an actor could be built from.
    pub fn is_empty(&self) -> bool {
        self.country.is_none()
            && self.seat.is_none()
            && self.igo.is_none()
            && self.role.is_none()
            && self.agent.is_none()
            && !self.courtesy
            && self.org.is_none()
    }

    /// True when something places the actor (a country, seat, IGO or named body).
    pub fn is_anchored(&self, lex: &Lexicon) -> bool {
        self.country.is_some()
            || self.seat.is_some()
            || self.igo.is_some()
            || self.org.is_some()
            || self.role.is_some_and(|r| lex.entry(r).country.is_some())
    }

    /// Composite code and country: seat, else country, else IGO, else the country the
    /// role implies, else `---` plus the agent.
    pub fn code(&self, lex: &Lexicon) -> (String, Option<String>) {
        let agent = self
            .agent
            .or(self.role)
            .map(|a| lex.entry(a).code.as_str())
            .or(self.org_agent.as_deref())
            .unwrap_or("");
        if let Some(seat) = self.seat {
            let c = &lex.entry(seat).code;
            let country = country_of(c).map(str::to_string);
            return if c.len() > 3 {
                (c.clone(), country)
            } else {
                (format!("{c}{agent}"), country)
            };
        }
        if let Some(cc) = self.country.and_then(|c| lex.entry(c).country_code()) {
            return (format!("{cc}{agent}"), Some(cc.to_string()));
        }
        if let Some(igo) = self.igo {
            return (lex.entry(igo).code.clone(), None);
        }
        if let Some(rc) = self.role.and_then(|r| lex.entry(r).country.as_deref()) {
            return (format!("{rc}{agent}"), Some(rc.to_string()));
        }
        (format!("---{agent}"), None)
    }
}

/// Reads words and punctuation; shared by the title and name scanners.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub units: &'a [Unit],
    pub lex: &'a Lexicon,
}

const CONNECTORS: &[&str] = &["of", "for", "and", "on", "the"];

impl View<'_> {
    pub fn str(&self, k: usize) -> &str {
        self.units
            .get(k)
            .map_or("", |u| self.text.get(u.start..u.end).unwrap_or(""))
    }

    pub fn kind(&self, k: usize) -> Option<UnitKind> {
        self.units.get(k).map(|u| u.kind)
    }

    pub fn category(&self, k: usize) -> Option<Category> {
        match self.kind(k) {
            Some(UnitKind::Hit(e)) => Some(self.lex.entry(e).category),
            _ => None,
        }
    }

    pub fn is_punct(&self, k: usize, c: char) -> bool {
        self.kind(k) == Some(UnitKind::Punct(c))
    }

    pub fn is_word(&self, k: usize) -> bool {
        self.kind(k) == Some(UnitKind::Word)
    }

    pub fn is_lower_word(&self, k: usize, words: &[&str]) -> bool {
        self.is_word(k) && words.contains(&self.str(k))
    }

    /// `'s` or `’s` at `k`.
    pub fn is_possessive(&self, k: usize) -> bool {
        (self.is_punct(k, '\'') || self.is_punct(k, '’'))
            && self.is_word(k + 1)
            && matches!(self.str(k + 1), "s" | "S")
    }

    /// Capitalised unit (word or hit) whose text starts with an upper-case letter.
    pub fn is_capitalised(&self, k: usize) -> bool {
        self.str(k).chars().next().is_some_and(char::is_uppercase)
    }

    /// A word that may be part of a person's name: capitalised, mixed case, not a
    /// function or calendar word.
    pub fn is_name_word(&self, k: usize) -> bool {
        if !self.is_word(k) {
            return false;
        }
        let w = self.str(k);
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !self.lex.names.nonnames.contains(w)
    }

    /// A word that opens a name by itself: a known given name or a family-first surname.
    pub fn starts_name(&self, k: usize) -> bool {
        if !self.is_name_word(k) {
            return false;
        }
        let w = self.str(k);
        let head = w.split('-').next().unwrap_or(w);
        self.lex.names.given.contains_key(head) || self.lex.names.family_first.contains(w)
    }

    /// An initial: one capital letter followed by a period and a name word ("S. Waugh").
    pub fn is_initial(&self, k: usize) -> bool {
        let w = self.str(k);
        self.is_word(k)
            && w.len() == 1
            && w.chars().all(|c| c.is_ascii_uppercase())
            && self.is_punct(k + 1, '.')
            && self.is_name_word(k + 2)
    }

    /// End of the run of name words (and initials) starting at `k`, at most `max` words.
    pub fn name_run(&self, k: usize, max: usize) -> usize {
        let (mut j, mut words) = (k, 0);
        while j < self.units.len() && words < max {
            if self.is_name_word(j) {
                j += 1;
            } else if self.is_initial(j) {
                j += 2;
            } else {
                break;
            }
            words += 1;
        }
        // "Neil Jordan": a given name may be followed by a surname the dictionary knows
        // as a place or another person.
        if words > 0 && words < max && self.starts_name(k) && self.known_surname(j) {
            j += 1;
        }
        j
    }

    /// A reporting verb at `k`.
    pub fn is_speech(&self, k: usize) -> bool {
        self.is_word(k) && self.lex.names.speech.contains(self.str(k))
    }

    fn det(&self, k: usize) -> Option<Det> {
        if !self.is_word(k) {
            return None;
        }
        match self.str(k) {
            "the" | "The" => Some(Det::Definite),
            "a" | "an" | "A" | "An" => Some(Det::Indefinite),
            _ => None,
        }
    }

    /// A capitalised word listed in `org_heads.tsv` as the last word of an organisation.
    pub fn org_head(&self, k: usize) -> Option<&crate::lexicon::OrgShape> {
        let agent = self.category(k) == Some(Category::Agent);
        if !(self.is_word(k) || agent) || !self.is_capitalised(k) {
            return None;
        }
        self.lex.names.org_heads.get(self.str(k))
    }

    /// A run of capitalised words ending in a capitalised agent noun or organisation head:
    /// "Senate Armed Services Committee", "Ewha University", "Acme Widgets Corp". Before
    /// the head, "and"/"&" may join words; after it, "of"/"for" may add a capitalised
    /// complement ("Bank of Spain"). Returns the end unit.
    fn org_run(&self, k: usize) -> Option<usize> {
        let mut last_head = None;
        let mut j = k;
        while j < self.units.len() && j - k < 8 {
            let cap = self.is_capitalised(j);
            // "X Corp and Y Inc" are two companies; "X Post and Y Administration" is one body.
            let legal_before = last_head.is_some_and(|h| self.org_head(h).is_some_and(|s| s.legal));
            let joins = |words: &[&str]| self.is_lower_word(j, words) && self.is_capitalised(j + 1);
            let ok = match self.category(j) {
                Some(Category::Agent) if cap => {
                    last_head = Some(j);
                    true
                }
                Some(
                    Category::Country | Category::Adjective | Category::Capital | Category::Place,
                ) => cap,
                Some(_) => false,
                None if self.org_head(j).is_some() => {
                    last_head = Some(j);
                    true
                }
                None if self.is_word(j) => {
                    (cap && !self.lex.names.speech.contains(self.str(j)))
                        || (last_head.is_some() && joins(&["of", "for", "on", "the"]))
                        || (!legal_before && joins(&["and"]))
                }
                None => {
                    last_head.is_none()
                        && self.is_punct(j, '&')
                        && j > k
                        && self.is_capitalised(j + 1)
                }
            };
            if !ok {
                break;
            }
            j += 1;
        }
        let head = last_head.filter(|&a| a > k)?;
        if self.starts_name(k) && self.org_head(head).is_none_or(|s| s.agent != "BUS") {
            return None;
        }
        // "Bank of Spain": a complement after the head belongs to the name; not after a
        // legal form ("Acme Corp of Ohio").
        let legal = self.org_head(head).is_some_and(|s| s.legal);
        let complement = !legal && self.is_lower_word(head + 1, &["of", "for"]) && j > head + 2;
        Some(if complement { j } else { head + 1 })
    }

    /// Parses the title phrase at `k`, if any.
    pub fn title(&self, k: usize) -> Option<Title> {
        let mut t = Title {
            det: self.det(k),
            ..Title::default()
        };
        let mut j = k + usize::from(t.det.is_some());
        t.first = j;
        // A dictionary phrase may carry its own article: "the Pentagon", "The Kremlin".
        if t.det.is_none() && (self.str(j).starts_with("the ") || self.str(j).starts_with("The ")) {
            t.det = Some(Det::Definite);
        }
        let org_start = (self.is_word(j) && !self.lex.names.nonnames.contains(self.str(j)))
            || matches!(
                self.category(j),
                Some(Category::Agent | Category::Country | Category::Capital | Category::Place)
            );
        // A given name may open a firm's name ("Douglas & Lomason Co"), not a body's.
        if org_start && self.is_capitalised(j) {
            if let Some(end) = self.org_run(j) {
                self.take_org(&mut t, j, end);
                j = end;
            }
        }
        while j < self.units.len() {
            match self.step(&mut t, j) {
                Some(next) => j = next,
                None => break,
            }
        }
        t.end = j;
        t.end_byte = if j > t.first {
            self.units[j - 1].end
        } else {
            0
        };
        (!t.is_empty() && j > t.first).then_some(t)
    }

    /// Records the organisation name `k..end` in the title: its agent (from an agent noun
    /// or the last organisation head) and the country a leading country name gives it.
    fn take_org(&self, t: &mut Title, k: usize, end: usize) {
        t.org = Some((self.units[k].start, self.units[end - 1].end));
        t.role_start = Some(self.units[k].start);
        t.agent = (k..end).find_map(|u| match self.kind(u) {
            Some(UnitKind::Hit(e)) if self.category(u) == Some(Category::Agent) => Some(e),
            _ => None,
        });
        if let Some(shape) = (k..end).rev().find_map(|u| self.org_head(u)) {
            t.org_agent = Some(shape.agent.clone());
            t.org_rule = Some(shape.rule.clone());
        }
        if matches!(
            self.category(k),
            Some(Category::Country | Category::Capital | Category::Place)
        ) {
            if let Some(UnitKind::Hit(e)) = self.kind(k) {
                t.country = Some(e);
            }
        }
    }

    /// Consumes one element of a title at `j`; the next unit, or `None` at the end.
    fn step(&self, t: &mut Title, j: usize) -> Option<usize> {
        if self.is_punct(j, '(')
            && self.is_punct(j + 2, ')')
            && matches!(self.kind(j + 1), Some(UnitKind::Hit(_)))
            && t.role.is_none()
        {
            return Some(j + 3);
        }
        let Some(UnitKind::Hit(e)) = self.kind(j) else {
            return self.preposition_before_name(t, j);
        };
        let entry = self.lex.entry(e);
        let after_poss = |n: usize| if self.is_possessive(n) { n + 2 } else { n };
        match entry.category {
            Category::Country | Category::Adjective | Category::Capital | Category::Context
                if t.role.is_none() && t.agent.is_none() =>
            {
                let first = *t.country.get_or_insert(e);
                if self.lex.entry(first).country_code() != entry.country_code() {
                    t.several = true;
                }
                Some(after_poss(j + 1))
            }
            Category::Seat if t.role.is_none() => {
                t.seat.get_or_insert(e);
                Some(after_poss(j + 1))
            }
            Category::Igo if t.role.is_none() => {
                t.igo.get_or_insert(e);
                Some(after_poss(j + 1))
            }
            Category::Modifier => {
                t.modified = true;
                t.role_start.get_or_insert(self.units[j].start);
                Some(j + 1)
            }
            Category::Courtesy => {
                t.courtesy = true;
                Some(j + 1)
            }
            Category::Role => {
                if self.is_word(j + 1)
                    && self
                        .lex
                        .names
                        .adjectival
                        .contains(&self.str(j + 1).to_lowercase())
                {
                    return None;
                }
                t.role = Some(e);
                t.role_start.get_or_insert(self.units[j].start);
                Some(self.absorb_capitalised_title(j + 1))
            }
            Category::Agent if t.role.is_none() => {
                t.agent = Some(e);
                t.role_start.get_or_insert(self.units[j].start);
                Some(j + 1)
            }
            _ => None,
        }
    }

    /// After a capitalised role, the rest of a formal title: "... of Defense for Space and
    /// Missile Defense" up to the name that follows.
    fn absorb_capitalised_title(&self, mut j: usize) -> usize {
        if !self.is_capitalised(j.saturating_sub(1)) {
            return j;
        }
        let start = j;
        while j < self.units.len() && j - start < 10 {
            let part = (self.is_word(j) && self.is_capitalised(j) && !self.starts_name(j))
                || (self.is_lower_word(j, CONNECTORS) && self.is_capitalised(j + 1))
                || matches!(self.category(j), Some(Category::Role | Category::Agent))
                    && self.is_capitalised(j);
            if !part {
                break;
            }
            j += 1;
        }
        if j < self.units.len()
            && (self.starts_name(j) || self.category(j) == Some(Category::Person))
        {
            return j;
        }
        // No known name start: leave the last capitalised words as the name.
        let mut back = j;
        while back > start && j - back < 2 && self.is_name_word(back - 1) {
            back -= 1;
        }
        back
    }

    /// "coordinator for strategic communications John Kirby": a short prepositional
    /// phrase inside a title, accepted only when a name follows it.
    fn preposition_before_name(&self, t: &Title, j: usize) -> Option<usize> {
        if t.role.is_none() || !self.is_lower_word(j, &["for", "of", "on"]) {
            return None;
        }
        (j + 1..(j + 5).min(self.units.len()))
            .take_while(|&m| !matches!(self.kind(m), Some(UnitKind::Punct(_))))
            .find(|&m| self.starts_name(m) || self.category(m) == Some(Category::Person))
    }
}
