//! The verb lexicon: patterns, inflections, synonym sets, object sectors and cues, all read
//! from `# sitrep-dict 1` tables.

use sitrep_data::{Dictionary, LoadError, LoadErrors};
use std::collections::HashMap;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// A word, any of the alternatives (lower case).
    Word(Vec<String>),
    /// An optional word.
    Opt(Vec<String>),
    /// Up to four words of anything but actors.
    Gap,
    /// Up to six items, actors included (the words a PETRARCH pattern's space allows).
    Skip,
    /// One to six items, actors included (TABARI's `^`: a phrase that must be skipped).
    Phrase,
    /// The source actor.
    Src,
    /// The target actor.
    Tgt,
    /// A compound of actors acting on each other.
    Both,
    /// The material noun phrase.
    Obj,
    /// The first actor anywhere later in the sentence (TABARI's default target).
    AnyTgt,
}

impl Elem {
    /// True for the actor slots.
    pub fn is_actor(&self) -> bool {
        matches!(self, Elem::Src | Elem::Tgt | Elem::Both | Elem::AnyTgt)
    }
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Elements before the trigger, left to right.
    pub pre: Vec<Elem>,
    /// The trigger lemma.
    pub trigger: String,
    /// Elements after the trigger.
    pub post: Vec<Elem>,
    /// CAMEO code.
    pub code: String,
    /// Code of the reverse event (target acting on source), from a `code:reverse` column.
    pub reciprocal: Option<String>,
    /// True for a nominal pattern.
    pub nominal: bool,
    /// `file:line`.
    pub rule: String,
    /// How many elements the pattern has, used to prefer specific patterns.
    pub weight: u32,
}

/// What a cue signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// Reported speech.
    Speech,
    /// Denial.
    Deny,
    /// Hedging.
    Hedge,
    /// Plans and the future.
    Plan,
    /// Conditions.
    Hypo,
    /// Negation.
    Negate,
    /// Clause boundary.
    Clause,
}

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "speech" => CueKind::Speech,
            "deny" => CueKind::Deny,
            "hedge" => CueKind::Hedge,
            "plan" => CueKind::Plan,
            "hypo" => CueKind::Hypo,
            "negate" => CueKind::Negate,
            "clause" => CueKind::Clause,
            _ => return None,
        })
    }
}

/// A reported event that makes its report an event of its own (claimant accuses source).
#[derive(Clone, Debug)]
pub struct SpeechAct {
    /// CAMEO code prefix of the inner event, or `quadN`.
    pub inner: String,
    /// Code of the speech act.
    pub act: String,
    /// `file:line`.
    pub rule: String,
}

impl SpeechAct {
    /// True when an inner event with this code and quad class triggers the act.
    pub fn applies(&self, code: &str, quad: u8) -> bool {
        match self.inner.strip_prefix("quad") {
            Some(q) => q.parse::<u8>().ok() == Some(quad),
            None => code.starts_with(&self.inner),
        }
    }
}

/// Everything the matcher needs besides the code table.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// All patterns.
    pub patterns: Vec<Pattern>,
    /// Surface form → indices of patterns whose trigger it inflects.
    pub by_form: HashMap<String, Vec<usize>>,
    /// Object word → sector.
    pub sectors: HashMap<String, String>,
    /// (code, sector) → refined code.
    pub refine: HashMap<(String, String), String>,
    /// (code, agent code ending the source actor's code) → refined code (`roles.tsv`).
    pub roles: Vec<(String, String, String)>,
    /// Cues: first word → (all words, kind).
    pub cues: HashMap<String, Vec<(Vec<String>, CueKind)>>,
    /// Discard phrases: any word → phrases containing it.
    pub discards: HashMap<String, Vec<Vec<String>>>,
    /// Reported events whose report is itself coded.
    pub speech_acts: Vec<SpeechAct>,
    irregular: HashMap<String, Vec<String>>,
    irregular_forms: std::collections::HashSet<String>,
    synsets: HashMap<String, Vec<String>>,
}

fn line_error(dict: &Dictionary, line: usize, message: String) -> LoadError {
    LoadError::Line {
        path: dict.name.clone(),
        line,
        message,
    }
}

fn kind_error(dict: &Dictionary, want: &str) -> Option<LoadError> {
    (dict.kind != want).then(|| LoadError::Header {
        path: dict.name.clone(),
        message: format!("expected kind {want}, found {}", dict.kind),
    })
}

impl Lexicon {
    /// Adds irregular forms (`lemma forms`).
    pub fn add_forms(&mut self, dict: &Dictionary, errors: &mut Vec<LoadError>) {
        errors.extend(kind_error(dict, "forms"));
        for e in &dict.entries {
            let (Some(lemma), Some(forms)) = (e.get(dict, "lemma"), e.get(dict, "forms")) else {
                errors.push(line_error(dict, e.line, "needs lemma and forms".into()));
                continue;
            };
            let forms = forms
                .split(',')
                .map(|f| f.trim().to_lowercase())
                .filter(|f| !f.is_empty());
            self.add_irregular(lemma, forms);
        }
    }

    /// Adds irregular forms of one lemma.
    pub fn add_irregular(&mut self, lemma: &str, forms: impl IntoIterator<Item = String>) {
        let list = self.irregular.entry(lemma.to_lowercase()).or_default();
        for f in forms {
            self.irregular_forms.insert(f.clone());
            list.push(f);
        }
    }

    /// True when `word` is an irregular inflection listed in a forms table (`sent`).
    pub fn is_irregular_form(&self, word: &str) -> bool {
        self.irregular_forms.contains(word)
    }

    /// Adds one synonym set.
    pub fn add_synset(&mut self, name: &str, words: Vec<String>) {
        self.synsets.insert(name.to_lowercase(), words);
    }

    /// Adds synonym sets (`name words`).
    pub fn add_synsets(&mut self, dict: &Dictionary, errors: &mut Vec<LoadError>) {
        errors.extend(kind_error(dict, "synsets"));
        for e in &dict.entries {
            let (Some(name), Some(words)) = (e.get(dict, "name"), e.get(dict, "words")) else {
                errors.push(line_error(dict, e.line, "needs name and words".into()));
                continue;
            };
            let words = words.split(',').map(|w| w.trim().to_lowercase());
            self.synsets.insert(
                name.to_lowercase(),
                words.filter(|w| !w.is_empty()).collect(),
            );
        }
    }

    /// Adds object sectors and sector refinements.
    pub fn add_objects(&mut self, objects: &Dictionary, sectors: &Dictionary) {
        for e in &objects.entries {
            if let (Some(w), Some(s)) = (e.get(objects, "word"), e.get(objects, "sector")) {
                self.sectors.insert(w.to_lowercase(), s.to_string());
            }
        }
        for e in &sectors.entries {
            let f = |c| e.get(sectors, c).map(str::to_string);
            if let (Some(c), Some(s), Some(r)) = (f("code"), f("sector"), f("refined")) {
                self.refine.insert((c, s), r);
            }
        }
    }

    /// Adds the refinements by the source actor's agent code (`roles.tsv`).
    pub fn add_roles(&mut self, roles: &Dictionary) {
        for e in &roles.entries {
            let f = |c| e.get(roles, c).map(str::to_string);
            if let (Some(c), Some(r), Some(to)) = (f("code"), f("role"), f("refined")) {
                self.roles.push((c, r, to));
            }
        }
    }

    /// The code refined by the agent code that ends the source actor's code, if a row of
    /// `roles.tsv` says so ("protesters" clashing is a violent protest).
    pub fn refine_by_role<'a>(&'a self, code: &'a str, source: Option<&str>) -> &'a str {
        let Some(source) = source else {
            return code;
        };
        self.roles
            .iter()
            .find(|(c, role, _)| c == code && source.ends_with(role.as_str()))
            .map_or(code, |(_, _, to)| to.as_str())
    }

    /// Adds modality cues and discard phrases.
    pub fn add_cues(
        &mut self,
        cues: &Dictionary,
        discards: &Dictionary,
        errors: &mut Vec<LoadError>,
    ) {
        for e in &cues.entries {
            let kind = e.get(cues, "kind").and_then(CueKind::parse);
            let (Some(phrase), Some(kind)) = (e.get(cues, "phrase"), kind) else {
                errors.push(line_error(
                    cues,
                    e.line,
                    "needs a phrase and a known kind".into(),
                ));
                continue;
            };
            let words = split_words(phrase);
            if let Some(first) = words.first() {
                self.cues
                    .entry(first.clone())
                    .or_default()
                    .push((words, kind));
            }
        }
        for e in &discards.entries {
            let words = split_words(e.get(discards, "phrase").unwrap_or(""));
            for w in &words {
                self.discards
                    .entry(w.clone())
                    .or_default()
                    .push(words.clone());
            }
        }
    }

    /// Adds speech-act rules (`inner act`).
    pub fn add_speech_acts(&mut self, dict: &Dictionary, errors: &mut Vec<LoadError>) {
        errors.extend(kind_error(dict, "speech-acts"));
        for e in &dict.entries {
            let (Some(inner), Some(act)) = (e.get(dict, "inner"), e.get(dict, "act")) else {
                errors.push(line_error(dict, e.line, "needs inner and act".into()));
                continue;
            };
            self.speech_acts.push(SpeechAct {
                inner: inner.to_string(),
                act: act.to_string(),
                rule: e.rule(dict),
            });
        }
    }

    /// Adds the patterns of one `verbs` table.
    pub fn add_verbs(&mut self, dict: &Dictionary, errors: &mut Vec<LoadError>) {
        errors.extend(kind_error(dict, "verbs"));
        for e in &dict.entries {
            let (Some(pattern), Some(code)) = (e.get(dict, "pattern"), e.get(dict, "code")) else {
                errors.push(line_error(dict, e.line, "needs pattern and code".into()));
                continue;
            };
            match self.compile(pattern, code, e.rule(dict)) {
                Ok(ps) => ps.into_iter().for_each(|p| self.push(p)),
                Err(m) => errors.push(line_error(dict, e.line, m)),
            }
        }
    }

    /// Adds a compiled pattern and indexes its trigger forms.
    pub fn push(&mut self, p: Pattern) {
        let idx = self.patterns.len();
        for form in self.forms_of(&p.trigger) {
            let list = self.by_form.entry(form).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
        self.patterns.push(p);
    }

    /// Compiles one pattern in the syntax of `data/verbs/README.md`; a synonym set or
    /// alternatives in the trigger position give one pattern per word.
    pub fn compile(&self, pattern: &str, code: &str, rule: String) -> Result<Vec<Pattern>, String> {
        let (nominal, body) = match pattern.strip_prefix('%') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut trigger = None;
        for raw in body.split_whitespace() {
            let elem = self.element(raw)?;
            if trigger.is_none() {
                if let Elem::Word(words) = elem {
                    trigger = Some(words);
                    continue;
                }
                pre.push(elem);
            } else {
                post.push(elem);
            }
        }
        let trigger = trigger.ok_or_else(|| format!("pattern {pattern:?} has no trigger word"))?;
        let slots = |v: &Vec<Elem>, s: &Elem| v.iter().filter(|e| *e == s).count();
        for s in [Elem::Src, Elem::Tgt, Elem::Obj] {
            if slots(&pre, &s) + slots(&post, &s) > 1 {
                return Err(format!("pattern {pattern:?} repeats a slot"));
            }
        }
        let weight = (pre.len() + post.len() + 1) as u32;
        Ok(trigger
            .into_iter()
            .map(|trigger| Pattern {
                pre: pre.clone(),
                trigger,
                post: post.clone(),
                code: code.split(':').next().unwrap_or(code).to_string(),
                reciprocal: code.split_once(':').map(|(_, r)| r.to_string()),
                nominal,
                rule: rule.clone(),
                weight,
            })
            .collect())
    }

    fn element(&self, raw: &str) -> Result<Elem, String> {
        Ok(match raw {
            "[src]" => Elem::Src,
            "[tgt]" => Elem::Tgt,
            "[both]" => Elem::Both,
            "[obj]" => Elem::Obj,
            "..." => Elem::Gap,
            _ if raw.starts_with('(') && raw.ends_with(')') && raw.len() > 2 => {
                Elem::Opt(self.alternatives(&raw[1..raw.len() - 1])?)
            }
            _ if raw.starts_with('[') => return Err(format!("unknown slot {raw}")),
            _ => Elem::Word(self.alternatives(raw)?),
        })
    }

    fn alternatives(&self, raw: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for alt in raw.split('|') {
            if let Some(name) = alt.strip_prefix('&') {
                let set = self
                    .synsets
                    .get(&name.to_lowercase())
                    .ok_or_else(|| format!("unknown synonym set &{name}"))?;
                out.extend(set.iter().cloned());
            } else if !alt.is_empty() {
                out.push(alt.to_lowercase());
            }
        }
        if out.is_empty() {
            return Err(format!("empty element {raw:?}"));
        }
        Ok(out)
    }

    /// Every surface form of a trigger lemma: regular inflections plus irregular ones,
    /// those of a prefixed verb taken from its base (`retake` → `retook`, `retaken`).
    pub fn forms_of(&self, lemma: &str) -> Vec<String> {
        let mut out = inflect(lemma);
        if let Some(irr) = self.irregular.get(lemma) {
            out.extend(irr.iter().cloned());
        }
        for prefix in VERB_PREFIXES {
            let Some(base) = lemma.strip_prefix(prefix).filter(|b| b.len() >= 2) else {
                continue;
            };
            if let Some(irr) = self.irregular.get(base) {
                out.extend(irr.iter().map(|f| format!("{prefix}{f}")));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The sector of an object phrase: its last word with a known sector; peacekeeping and
    /// inspection words anywhere win (`peacekeeping force`, `weapons inspectors`), then a
    /// military word (`missile technology` is military).
    pub fn sector_of(&self, object: &str) -> Option<&str> {
        let words: Vec<String> = split_words(object);
        let found: Vec<&str> = words
            .iter()
            .filter_map(|w| self.sectors.get(w).map(String::as_str))
            .collect();
        let first_of = ["peacekeeping", "inspection", "military"]
            .into_iter()
            .find(|s| found.contains(s));
        first_of.or(found.last().copied())
    }

    /// The code refined by the object's sector.
    pub fn refine_code(&self, code: &str, object: Option<&str>) -> String {
        object
            .and_then(|o| self.sector_of(o))
            .and_then(|s| self.refine.get(&(code.to_string(), s.to_string())))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

/// True when the elements before a trigger put an actor slot after a word
/// (`noted [tgt] regret`) or open with a target before words (`[tgt] hosting celebrate`):
/// they are matched in place, right to left. Otherwise the leading slot is the trigger's
/// subject and the words only have to be there.
pub fn slots_among_words(pre: &[Elem]) -> bool {
    let word = pre.iter().position(|e| matches!(e, Elem::Word(_)));
    let slot = pre.iter().rposition(Elem::is_actor);
    match (word, slot) {
        (Some(w), Some(s)) => s > w || pre.first() == Some(&Elem::Tgt),
        _ => false,
    }
}

/// Prefixes that leave a verb's irregular forms intact (`re-take`, `over-run`).
const VERB_PREFIXES: &[&str] = &["re", "over", "under", "out", "with", "up", "mis", "fore"];

/// Lower-case words of a phrase.
pub fn split_words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_lowercase).collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular inflections of a lemma, over-generating harmlessly (`visit` → `visitted`).
pub fn inflect(lemma: &str) -> Vec<String> {
    let l = lemma.to_lowercase();
    let b = l.as_bytes();
    let mut out = vec![l.clone()];
    if b.is_empty() || !l.is_ascii() {
        return out;
    }
    let last = b[b.len() - 1];
    let before = b.len().checked_sub(2).map(|i| b[i]);
    let stem_y = last == b'y' && before.is_some_and(|c| !is_vowel(c));
    if stem_y {
        let stem = &l[..l.len() - 1];
        out.extend([format!("{stem}ies"), format!("{stem}ied")]);
    } else if l.ends_with('s')
        || l.ends_with('x')
        || l.ends_with("ch")
        || l.ends_with("sh")
        || l.ends_with('z')
    {
        out.push(format!("{l}es"));
    } else {
        out.push(format!("{l}s"));
    }
    if last == b'e' {
        out.push(format!("{l}d"));
        if !l.ends_with("ee") {
            out.push(format!("{}ing", &l[..l.len() - 1]));
        } else {
            out.push(format!("{l}ing"));
        }
    } else if !stem_y {
        out.extend([format!("{l}ed"), format!("{l}ing")]);
    }
    if stem_y {
        out.push(format!("{l}ing"));
    }
    let cvc = b.len() >= 3
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && before.is_some_and(is_vowel)
        && !is_vowel(b[b.len() - 3]);
    if cvc {
        let c = last as char;
        out.extend([format!("{l}{c}ed"), format!("{l}{c}ing")]);
    }
    out
}

/// Parses an embedded table, collecting errors.
pub(crate) fn parse_into(
    name: &str,
    text: &str,
    errors: &mut Vec<LoadError>,
) -> Option<Dictionary> {
    match sitrep_data::parse(name, text) {
        Ok(d) => Some(d),
        Err(LoadErrors(mut e)) => {
            errors.append(&mut e);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_verbs() {
        let f = inflect("supply");
        for w in ["supply", "supplies", "supplied", "supplying"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        let f = inflect("provide");
        for w in ["provides", "provided", "providing"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        assert!(inflect("ship").contains(&"shipped".to_string()));
        let mut lex = Lexicon::default();
        lex.add_irregular("take", ["took".to_string(), "taken".to_string()]);
        let f = lex.forms_of("retake");
        assert!(f.contains(&"retaken".to_string()), "{f:?}");
        assert!(f.contains(&"retook".to_string()), "{f:?}");
        assert!(inflect("transfer").contains(&"transfers".to_string()));
    }
}
