//! Name shapes without a dictionary entry for the name itself: organisations by their
//! context (`org_heads.tsv` cues, an acronym defined in brackets, a name already seen as an
//! organisation), teams in results lines ("Aldport 3 Benfield 1"), and people in
//! results lists ("Ann Toll ( Norway )").

use crate::lexicon::Category;
use crate::recognize::{name_key, Draft, MentionClass, Reader};
use crate::title::View;
use crate::units::{Unit, UnitKind};
use sitrep_model::{ActorKind, Span};

/// Rule id of an unknown all-capitals acronym in running text.
pub(crate) const ACRONYM_RULE: &str = "rule:org-acronym";

/// Rule id of a team named before a team position ("Aldport captain ...").
const SPORT_CUE_RULE: &str = "rule:team-position";

/// Rule id of a team found in a results line.
const TEAM_RULE: &str = "rule:team-score";

/// An organisation name the document has established, for its later bare mentions.
#[derive(Clone, Debug)]
pub(crate) struct KnownOrg {
    /// Canonical name (the full name the short form came from).
    pub name: String,
    pub agent: String,
    pub rule: String,
}

impl View<'_> {
    /// A score or table figure: digits, or a decimal like ".526"; not "10-0-50-0"
    /// (bowling figures) or "87th" (a minute), which follow people.
    pub fn is_number(&self, k: usize) -> bool {
        let w = self.str(k).strip_prefix('.').unwrap_or(self.str(k));
        self.is_word(k) && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
    }

    /// A score: a plain number or runs-wickets / goals-goals ("429-7", "2-1"), not a
    /// longer figure ("10-0-50-0").
    fn is_score(&self, k: usize) -> bool {
        let w = self.str(k);
        let mut parts = w.split('-');
        let digits = |p: Option<&str>| {
            p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        self.is_number(k)
            || (self.is_word(k)
                && digits(parts.next())
                && digits(parts.next())
                && parts.next().is_none())
    }

    /// A "versus" word between two sides ("v", "vs", "versus").
    fn is_versus(&self, k: usize) -> bool {
        self.is_word(k) && self.lex.names.versus.contains(self.str(k))
    }

    /// "the Aldport Rovers beat the Benfield Hawks": the run `i..end` (after "the") and
    /// the run after a result verb and "the" are both teams. Without the articles the
    /// sides may be people ("Vink beat Roe"), so they are left alone.
    fn result_object(&self, i: usize, end: usize) -> Option<(usize, usize)> {
        if i == 0 || !self.is_lower_word(i - 1, &["the"]) {
            return None;
        }
        if !(self.is_word(end) && self.lex.names.result_verbs.contains(self.str(end))) {
            return None;
        }
        let mut k = end + 1;
        if self.is_lower_word(k, &["with", "to"]) {
            k += 1;
        }
        if !self.is_lower_word(k, &["the"]) || !self.is_team_part(k + 1) {
            return None;
        }
        let start = k + 1;
        let mut stop = start;
        while stop < self.units.len() && stop - start < 4 && self.is_team_part(stop) {
            stop += 1;
        }
        Some((start, stop))
    }

    /// A versus word right before unit `k`, allowing an abbreviation point ("v. ").
    fn versus_before(&self, k: usize) -> bool {
        self.is_versus(k - 1) || (k > 1 && self.is_punct(k - 1, '.') && self.is_versus(k - 2))
    }

    /// A run whose context says person: after an initial ("N. Knight 113") or an opening
    /// bracket ("( Sam Ault 79 )").
    fn person_context(&self, k: usize) -> bool {
        k > 0
            && (self.is_punct(k - 1, '(')
                || (k > 1 && self.is_punct(k - 1, '.') && self.str(k - 2).len() == 1))
    }

    /// A capitalised word or place name that may be part of a team name.
    pub fn is_team_part(&self, k: usize) -> bool {
        let w = self.str(k);
        let word = self.is_word(k)
            && w.len() >= 2
            && !self.lex.names.nonnames.contains(w)
            && !self.lex.names.speech.contains(w)
            && !w.bytes().any(|b| b.is_ascii_digit());
        let place = matches!(self.category(k), Some(Category::Capital | Category::Place));
        self.is_capitalised(k) && (word || place)
    }

    /// The bracketed country after a name: `( Norway )`.
    pub fn country_in_brackets(&self, k: usize) -> bool {
        self.is_punct(k, '(')
            && matches!(
                self.category(k + 1),
                Some(Category::Country | Category::Adjective)
            )
            && self.is_punct(k + 2, ')')
    }

    /// Team names in a results line: at least two capitalised runs each followed by a
    /// score, or one run opening the line followed by two numbers (a standings row); and
    /// the sides of a fixture ("Aldport v Benfield").
    /// Runs that start like a person's name, or hold a country (national sides are
    /// places in CoNLL's convention and ours), are left to the other rules.
    pub fn teams(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut versus = Vec::new();
        let mut i = 0;
        while i < self.units.len() {
            if !self.is_team_part(i) || (i > 0 && self.is_team_part(i - 1)) {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < self.units.len() && end - i < 4 && self.is_team_part(end) {
                end += 1;
            }
            if self.is_score(end) {
                runs.push((i, end));
            } else if self.is_versus(end) || (i > 0 && self.versus_before(i)) {
                versus.push((i, end));
            } else if let Some(other) = self.result_object(i, end) {
                versus.push((i, end));
                versus.push(other);
            }
            i = end;
        }
        let standings = runs
            .first()
            .is_some_and(|&(s, e)| s == 0 && self.is_number(e + 1));
        if runs.len() < 2 && !standings {
            runs.clear();
        }
        runs.extend(versus);
        runs.retain(|&(s, _)| {
            !self.starts_name(s) && !self.is_initial(s) && !self.person_context(s)
        });
        runs
    }
}

/// One item of a comma-separated list: units `start..end` hold a name-shaped run.
struct Item {
    start: usize,
    end: usize,
}

impl View<'_> {
    /// The list items of the sentence: segments between `,` `;` or `and` made of an
    /// optional rank ("3 -"), a run of name words, and an optional bracketed country or
    /// figure ("( Norway )", "68").
    fn list_items(&self) -> Vec<Item> {
        let sep = |k: usize| {
            self.is_punct(k, ',') || self.is_punct(k, ';') || self.is_lower_word(k, &["and"])
        };
        let mut items = Vec::new();
        let mut seg = 0;
        while seg < self.units.len() {
            let stop = (seg..self.units.len())
                .find(|&k| sep(k))
                .unwrap_or(self.units.len());
            if let Some(item) = self.item(seg, stop) {
                items.push(item);
            }
            seg = stop + 1;
        }
        items
    }

    fn item(&self, mut k: usize, stop: usize) -> Option<Item> {
        while k < stop && (self.is_number(k) || self.is_punct(k, '-')) {
            k += 1;
        }
        let end = self.name_run(k, 3);
        let words = (k..end).filter(|&u| self.is_word(u)).count();
        let mut rest = end;
        if self.country_in_brackets(rest) {
            rest += 3;
        }
        while rest < stop && self.is_number(rest) {
            rest += 1;
        }
        (words >= 2 && rest == stop && end > k).then_some(Item { start: k, end })
    }
}

impl View<'_> {
    /// An unknown all-capitals word of two to five letters in running (not all-capitals)
    /// text: in news, such a word is mostly an organisation's acronym ("the XYZ said").
    pub fn org_acronym(&self, k: usize) -> bool {
        let w = self.str(k);
        let shape = self.is_word(k)
            && (2..=5).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_uppercase())
            && !self.lex.names.not_acronyms.contains(w);
        let running = || {
            let lower = |u: &Unit| {
                self.text
                    .get(u.start..u.end)
                    .is_some_and(|t| t.chars().any(char::is_lowercase))
            };
            let near = self.units[k.saturating_sub(4)..(k + 5).min(self.units.len())]
                .iter()
                .filter(|u| lower(u))
                .count();
            near >= 3
        };
        // "ABC Cup", "ABC 100", "NOTE :": part of a longer name, an index or a label;
        // "Acme ABC": the end of one. A sentence-opening "The ABC" is fine.
        let prev = k.wrapping_sub(1);
        let name_before =
            self.is_capitalised(prev) && !self.lex.names.nonnames.contains(self.str(prev));
        let after = self.is_capitalised(k + 1)
            || self.is_number(k + 1)
            || [':', '&', '-'].iter().any(|&c| self.is_punct(k + 1, c))
            || self.is_punct(prev, '&');
        let alone = !name_before && !after;
        shape && alone && running()
    }

    /// A one-word place or person name ending a name that opened with a given name
    /// ("Neil Jordan", "Ann Holland", "Pavel Medvedev"): not followed by another
    /// capitalised word.
    pub fn known_surname(&self, k: usize) -> bool {
        let w = self.str(k);
        matches!(
            self.category(k),
            Some(Category::Country | Category::Capital | Category::Place | Category::Person)
        ) && !w.contains(' ')
            && w.chars().any(char::is_lowercase)
            && self.is_capitalised(k)
            && !self.is_capitalised(k + 1)
    }

    /// What follows a name and only follows people: an age in commas ("Roe , 45 ,")
    /// or a relative "who" ("Roe , who ..."). The rule id, when it does.
    pub fn person_after(&self, k: usize) -> Option<&'static str> {
        let comma = self.is_punct(k, ',');
        let j = k + usize::from(comma);
        if self.is_lower_word(j, &["who", "whose"]) {
            return Some("rule:name-who");
        }
        let age = self.is_word(j)
            && self.str(j).len() == 2
            && self.str(j).bytes().all(|b| b.is_ascii_digit())
            && self.str(j) >= "15";
        let closed = self.is_punct(j + 1, ',') || self.is_punct(j + 1, '.');
        (comma && age && closed).then_some("rule:name-age")
    }

    /// The rule of a person cue right before unit `k` ("striker", "11th-seeded").
    pub fn person_cue(&self, k: usize) -> Option<&str> {
        let prev = k.checked_sub(1)?;
        if !self.is_word(prev) {
            return None;
        }
        let w = self.str(prev);
        let cues = &self.lex.names.person_cues;
        if let Some(rule) = cues.get(w) {
            return Some(rule);
        }
        let dash = w.rfind('-')?;
        cues.get(&w[dash..]).map(String::as_str)
    }
}

impl View<'_> {
    /// Chains of capitalised runs joined by single commas or "and" ("Aldport ,
    /// Benfield and Corley"), as `(start, end)` unit ranges.
    fn chains(&self) -> Vec<Vec<(usize, usize)>> {
        let sep = |k: usize| self.is_punct(k, ',') || self.is_lower_word(k, &["and"]);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.units.len() {
            if !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let mut chain = vec![(i, self.name_run(i, 3))];
            while let Some(&(_, end)) = chain.last() {
                if !sep(end) || !self.is_name_word(end + 1) {
                    break;
                }
                chain.push((end + 1, self.name_run(end + 1, 3)));
            }
            i = chain.last().map_or(i + 1, |&(_, e)| e.max(i + 1));
            if chain.len() >= 2 {
                out.push(chain);
            }
        }
        out
    }
}

impl Reader<'_> {
    /// The kind of the mention that covers units `s..e` exactly, among those made since
    /// `first_mention`.
    fn kind_at(&self, v: &View, s: usize, e: usize, first_mention: usize) -> Option<ActorKind> {
        let (a, b) = (v.units[s].start as u32, v.units[e - 1].end as u32);
        self.mentions[first_mention..]
            .iter()
            .find(|m| m.span.start == a && m.span.end == b)
            .map(|m| self.entities[m.entity].actor.kind)
    }

    fn overlaps(&self, v: &View, s: usize, e: usize, first_mention: usize) -> bool {
        let (a, b) = (v.units[s].start as u32, v.units[e - 1].end as u32);
        self.mentions[first_mention..]
            .iter()
            .any(|m| m.span.start < b && a < m.span.end)
    }

    /// In a chain of names where one is a person, the others with two or more words are
    /// people too: "Ann Toll , Orla Vink and Tamsin Roe".
    pub(crate) fn name_chains(&mut self, v: &View, first_mention: usize) {
        for chain in v.chains() {
            let person = chain
                .iter()
                .any(|&(s, e)| self.kind_at(v, s, e, first_mention) == Some(ActorKind::Person));
            if !person {
                continue;
            }
            for &(s, e) in &chain {
                if e - s < 2 || self.overlaps(v, s, e, first_mention) {
                    continue;
                }
                let rule = "rule:name-list";
                let span = Span::new(v.units[s].start, v.units[e - 1].end);
                let name = span.of(self.text).to_string();
                let ent = self.new_person(&name, None, rule);
                self.push_mention(span, ent, rule, MentionClass::Name, false);
            }
        }
    }

    /// "Ann Toll , Orla Vink , Tamsin Roe": when one item of a list of name-shaped
    /// runs is already a person, the others are people too.
    pub(crate) fn name_list(&mut self, v: &View, first_mention: usize) {
        let items = v.list_items();
        if items.len() < 2 {
            return;
        }
        let person_at = |r: &Self, it: &Item| {
            r.mentions[first_mention..].iter().any(|m| {
                m.span.start == v.units[it.start].start as u32
                    && r.entities[m.entity].actor.kind == ActorKind::Person
            })
        };
        let covered = |r: &Self, it: &Item| {
            let (s, e) = (
                v.units[it.start].start as u32,
                v.units[it.end - 1].end as u32,
            );
            r.mentions[first_mention..]
                .iter()
                .any(|m| m.span.start < e && s < m.span.end)
        };
        if !items.iter().any(|it| person_at(self, it)) {
            return;
        }
        for it in &items {
            if covered(self, it) {
                continue;
            }
            let rule = "rule:name-list";
            let span = Span::new(v.units[it.start].start, v.units[it.end - 1].end);
            let name = span.of(self.text).to_string();
            let ent = self.new_person(&name, None, rule);
            self.push_mention(span, ent, rule, MentionClass::Name, false);
        }
    }

    /// Finds the teams of every results line before reading, so that prose mentions
    /// earlier in the article are recognised too.
    pub(crate) fn collect_teams(&mut self, sentences: &[Vec<Unit>]) {
        for units in sentences {
            let v = View {
                text: self.text,
                units,
                lex: self.lex,
            };
            for (s, e) in v.teams() {
                let surface = self.surface(&v, s, e);
                self.team_runs.insert(v.units[s].start, v.units[e - 1].end);
                // A place name as a team ("Aldport 3") stays a place elsewhere: the
                // dateline and the prose about the city.
                if (s..e).any(|u| !v.is_word(u)) {
                    continue;
                }
                self.known_orgs
                    .entry(surface.clone())
                    .or_insert_with(|| KnownOrg {
                        name: surface,
                        agent: String::new(),
                        rule: TEAM_RULE.to_string(),
                    });
            }
        }
    }

    fn surface(&self, v: &View, s: usize, e: usize) -> String {
        self.slice(v, s, e).to_string()
    }

    fn slice<'t>(&'t self, v: &View, s: usize, e: usize) -> &'t str {
        self.text
            .get(v.units[s].start..v.units[e - 1].end)
            .unwrap_or("")
    }

    /// Unknown acronyms: the organisation the document defines them for ("National
    /// Widget Board ( NWB )", also when defined after the first use), else an
    /// organisation of their own.
    pub(crate) fn resolve_acronyms(&mut self) {
        for span in std::mem::take(&mut self.acronyms) {
            let surface = span.of(self.text).to_string();
            let defined = self.aliases_entity(&surface);
            if let Some(ent) = defined {
                self.push_mention(span, ent, "rule:acronym", MentionClass::Name, false);
                continue;
            }
            let known = self
                .known_orgs
                .get(&surface)
                .cloned()
                .unwrap_or_else(|| KnownOrg {
                    name: surface,
                    agent: String::new(),
                    rule: ACRONYM_RULE.to_string(),
                });
            self.org_mention(span, &known, MentionClass::Name);
        }
    }

    /// "Aldport captain Orla Vink": the capitalised run before a team position that
    /// precedes a name is the team.
    pub(crate) fn team_before_cue(&mut self, v: &View, i: usize) -> Option<usize> {
        if !v.is_team_part(i) || (i > 0 && v.is_team_part(i - 1)) {
            return None;
        }
        let end = (i..(i + 3).min(v.units.len()))
            .take_while(|&u| v.is_team_part(u))
            .last()?
            + 1;
        let cue = v.is_word(end) && self.lex.names.sport_cues.contains(v.str(end));
        let named = v.is_capitalised(end + 1) || v.is_initial(end + 1);
        if !cue || !named || v.starts_name(i) {
            return None;
        }
        let surface = self.surface(v, i, end);
        let known = KnownOrg {
            name: surface.clone(),
            agent: String::new(),
            rule: SPORT_CUE_RULE.to_string(),
        };
        if (i..end).all(|u| v.is_word(u)) {
            self.known_orgs
                .entry(surface)
                .or_insert_with(|| known.clone());
        }
        let span = Span::new(v.units[i].start, v.units[end - 1].end);
        self.org_mention(span, &known, MentionClass::Name);
        Some(end)
    }

    /// A known organisation name (team, acronym, short form) starting at `i`: the
    /// longest capitalised run of up to four units that the document has established.
    pub(crate) fn known_org(&mut self, v: &View, i: usize) -> Option<usize> {
        if let Some(&stop) = self.team_runs.get(&v.units[i].start) {
            let end = (i..v.units.len()).find(|&u| v.units[u].end >= stop)? + 1;
            let surface = self.surface(v, i, end);
            let known = KnownOrg {
                name: surface,
                agent: String::new(),
                rule: TEAM_RULE.to_string(),
            };
            self.org_mention(
                Span::new(v.units[i].start, stop),
                &known,
                MentionClass::Name,
            );
            return Some(end);
        }
        if self.known_orgs.is_empty() || !v.is_capitalised(i) {
            return None;
        }
        if i > 0 && v.is_capitalised(i - 1) && !matches!(v.kind(i - 1), Some(UnitKind::Punct(_))) {
            return None;
        }
        let max = (i + 4).min(v.units.len());
        let end = (i + 1..=max).rev().find(|&e| {
            (i..e).all(|u| v.is_capitalised(u) || v.is_punct(u, '&'))
                && !v.is_capitalised(e)
                && self.known_orgs.contains_key(self.slice(v, i, e))
        })?;
        let known = self.known_orgs.get(self.slice(v, i, end))?.clone();
        let span = Span::new(v.units[i].start, v.units[end - 1].end);
        self.org_mention(span, &known, MentionClass::Name);
        Some(end)
    }

    /// Mentions `span` as the organisation `known` (one entity per canonical name).
    pub(crate) fn org_mention(&mut self, span: Span, known: &KnownOrg, class: MentionClass) {
        let key = format!("org:{}", name_key(&known.name));
        let code = format!("---{}", known.agent);
        let ent = self.entity(key, || {
            Draft::unnamed(
                known.name.clone(),
                ActorKind::Organisation,
                None,
                code,
                &known.rule,
            )
        });
        self.push_mention(span, ent, &known.rule, class, false);
    }

    /// An organisation named by shape: records the acronym defined right after it
    /// ("Acme Widgets Corp ( AWC )") and its short form without the head word, so that
    /// later bare mentions find it.
    pub(crate) fn remember_org(
        &mut self,
        v: &View,
        end: usize,
        known: &KnownOrg,
        legal_head: bool,
    ) {
        if v.is_punct(end, '(') && v.is_punct(end + 2, ')') && v.is_word(end + 1) {
            let acronym = v.str(end + 1);
            let shape = (2..=6).contains(&acronym.len())
                && acronym.bytes().all(|b| b.is_ascii_uppercase() || b == b'&');
            if shape {
                self.known_orgs
                    .entry(acronym.to_string())
                    .or_insert_with(|| known.clone());
            }
        }
        let words: Vec<&str> = known.name.split_whitespace().collect();
        let names = &self.lex.names;
        let legal = |w: &&str| names.org_heads.get(*w).is_some_and(|s| s.legal);
        // "News Corp" does not make every "News" the company.
        let common = |w: &str| names.org_heads.contains_key(w) || names.nonnames.contains(w);
        let one_common = words.len() == 2 && common(words[0]);
        if legal_head && words.len() >= 2 && words.last().is_some_and(legal) && !one_common {
            let short = words[..words.len() - 1].join(" ");
            self.known_orgs
                .entry(short)
                .or_insert_with(|| known.clone());
        }
    }

    /// A capitalised run next to a company cue ("shares of X", "X shares").
    pub(crate) fn cued_org(&mut self, v: &View, i: usize, end: usize) -> Option<usize> {
        if self.lex.names.nonnames.contains(v.str(i)) {
            return None;
        }
        let start = v.units[i].start;
        let stop = v.units[end - 1].end;
        let before = window(self.text.get(..start)?.trim_end(), 24, true).to_lowercase();
        let after = window(self.text.get(stop..)?.trim_start(), 24, false).to_lowercase();
        let bounded = |s: &str, p: &str| {
            s.strip_suffix(p).is_some_and(|rest| {
                rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric())
            })
        };
        let starts = |s: &str, p: &str| {
            s.strip_prefix(p)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        };
        let names = &self.lex.names;
        let shape = names
            .org_cues_before
            .iter()
            .find(|(p, _)| bounded(&before, p))
            .or_else(|| names.org_cues_after.iter().find(|(p, _)| starts(&after, p)))
            .map(|(_, s)| s.clone())?;
        let surface = self.surface(v, i, end);
        let known = KnownOrg {
            name: surface.clone(),
            agent: shape.agent,
            rule: shape.rule,
        };
        self.known_orgs
            .entry(surface)
            .or_insert_with(|| known.clone());
        self.org_mention(Span::new(start, stop), &known, MentionClass::Name);
        Some(end)
    }
}

/// At most about `n` bytes from the end (`tail`) or the start of `s`, on a char boundary.
fn window(s: &str, n: usize, tail: bool) -> &str {
    if tail {
        let mut at = s.len().saturating_sub(n);
        while !s.is_char_boundary(at) {
            at += 1;
        }
        &s[at..]
    } else {
        let mut at = s.len().min(n);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        &s[..at]
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::predicted;
    use crate::ActorTagger;
    use sitrep_model::Document;

    /// (label, surface) of every scored mention.
    fn labelled(text: &str) -> Vec<(&'static str, String)> {
        let tagger = ActorTagger::new().unwrap();
        let mut doc = Document::new("t", text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        predicted(&tagger, &doc)
            .into_iter()
            .map(|(l, s, e)| (l, text[s..e].to_string()))
            .collect()
    }

    fn has(found: &[(&str, String)], label: &str, surface: &str) -> bool {
        found.iter().any(|(l, s)| *l == label && s == surface)
    }

    #[test]
    fn company_heads_legal_forms_and_short_forms() {
        let found = labelled(
            "Kestrel Widgets Inc agreed to buy Brantley & Foss Co of Ohio. \
             Kestrel Widgets said the deal would close in May.",
        );
        assert!(has(&found, "ORG", "Kestrel Widgets Inc"), "{found:?}");
        assert!(has(&found, "ORG", "Brantley & Foss Co"), "{found:?}");
        assert!(has(&found, "ORG", "Kestrel Widgets"), "{found:?}");
    }

    #[test]
    fn bracketed_acronym_names_the_organisation_later() {
        let found = labelled(
            "The Lakeland Workers Party ( LWP ) won the vote. Leaders of the LWP met on Monday.",
        );
        assert!(has(&found, "ORG", "Lakeland Workers Party"), "{found:?}");
        assert_eq!(
            found.iter().filter(|(_, s)| s == "LWP").count(),
            2,
            "{found:?}"
        );
    }

    #[test]
    fn results_lines_make_teams_and_keep_people() {
        let found = labelled(
            "Aldport stayed top of the table.\nAldport 3 Benfield 1\nOrla Vink ( Norway ) beat Tamsin Roe ( Kenya ) .\n",
        );
        assert_eq!(
            found
                .iter()
                .filter(|(l, s)| *l == "ORG" && s == "Aldport")
                .count(),
            2
        );
        assert!(has(&found, "ORG", "Benfield"), "{found:?}");
        assert!(has(&found, "PER", "Orla Vink"), "{found:?}");
        assert!(has(&found, "PER", "Tamsin Roe"), "{found:?}");
        assert!(has(&found, "LOC", "Norway"), "{found:?}");
    }

    #[test]
    fn company_cues_and_no_team_without_a_results_line() {
        let found = labelled("Shares of Quillon rose 3 percent. Dorrit 4 percent higher.");
        assert!(has(&found, "ORG", "Quillon"), "{found:?}");
        assert!(!has(&found, "ORG", "Dorrit"), "{found:?}");
    }

    #[test]
    fn person_cues_chains_and_dictionary_surnames() {
        let found = labelled(
            "Holders Aldport signed striker Quentin Marrable on Monday. \
             The coach named Anna Vink , Tamsin Roe and Bexley Carrow in the squad. \
             Director Neil Jordan said the film was finished. Jordan said he was pleased. \
             Police held Dorrance Vell , 45 , on Friday. Tolliver , who is 30 , agreed. \
             The squad trusts Anna completely.",
        );
        assert!(has(&found, "PER", "Quentin Marrable"), "{found:?}");
        assert!(has(&found, "PER", "Bexley Carrow"), "{found:?}");
        assert!(has(&found, "PER", "Neil Jordan"), "{found:?}");
        assert!(has(&found, "PER", "Jordan"), "{found:?}");
        assert!(!has(&found, "LOC", "Jordan"), "{found:?}");
        assert!(has(&found, "PER", "Dorrance Vell"), "{found:?}");
        assert!(has(&found, "PER", "Anna"), "{found:?}");
        let tolliver = found.iter().filter(|(l, s)| *l == "PER" && s == "Tolliver");
        assert_eq!(tolliver.count(), 1, "{found:?}");
    }

    #[test]
    fn fixtures_positions_and_acronyms() {
        let found = labelled(
            "Benfield captain Orla Vink was rested for the game against Corley.\n\
             May 17 v Corley\n\
             On Sunday the Aldport Hawks beat the Benfield Rovers again.\n\
             Officials of the QZRB denied the report.\n",
        );
        assert!(has(&found, "ORG", "Benfield"), "{found:?}");
        assert_eq!(
            found
                .iter()
                .filter(|(l, s)| *l == "ORG" && s == "Corley")
                .count(),
            2
        );
        assert!(has(&found, "ORG", "QZRB"), "{found:?}");
        assert!(has(&found, "ORG", "Aldport Hawks"), "{found:?}");
        assert!(has(&found, "ORG", "Benfield Rovers"), "{found:?}");
        assert!(has(&found, "PER", "Orla Vink"), "{found:?}");
    }

    #[test]
    fn an_acronym_used_before_its_definition_joins_the_organisation() {
        let tagger = ActorTagger::new().unwrap();
        let text = "A KZT spokesman declined to comment. The Kestrel Zone Trust (KZT) met \
                    later.";
        let mut doc = Document::new("t", text);
        doc.sentences = sitrep_text::split_sentences(&doc.text);
        let found = tagger.annotate(&doc);
        let ents: Vec<u32> = found
            .mentions
            .iter()
            .filter(|m| m.text == "KZT")
            .map(|m| m.entity)
            .collect();
        assert_eq!(ents.len(), 2, "{:?}", found.mentions);
        assert_eq!(ents[0], ents[1], "{:?}", found.mentions);
    }
}
