//! Import of PETRARCH/TABARI dictionaries (verbs, actors, agents) so that the PETRARCH
//! validation suite can be run from raw text with its own toy dictionaries.
//!
//! Verb dictionaries become a [`Lexicon`]: every verb block gives a default pattern
//! `[src] VERB <first actor after it>` with the block's code, and every `- ... * ... [code]`
//! line a pattern where `*` is the verb, `$` the source, `+` the target, `%` a compound
//! acting mutually, `&SET` a synonym set, `_` joins words that must be adjacent and a space
//! allows a short gap. `[a:b]` codes also write the reverse event with code `b`.
//!
//! The actor matcher reads `NAME [CODE]` lines (with `+SYNONYM` lines and dated codes) and
//! agents `NAME [~AGT]`, and composes `Arnor security officials` into `ARNGOV`.

use crate::lexicon::{Elem, Lexicon, Pattern};
use crate::shallow::ActorSpan;
use sitrep_model::Span;
use std::collections::HashMap;

/// A problem in an imported dictionary.
#[derive(Debug, thiserror::Error)]
pub enum PetrarchError {
    /// The shared cue and form tables failed to load.
    #[error("base tables: {0}")]
    Base(String),
}

/// Lines without comments: `<!-- -->` blocks (possibly multi-line) and `#` tails removed.
fn clean_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for raw in text.lines() {
        let mut line = raw.to_string();
        if in_comment {
            match line.find("-->") {
                Some(i) => {
                    line = line[i + 3..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        while let Some(i) = line.find("<!--") {
            match line[i..].find("-->") {
                Some(j) => line.replace_range(i..i + j + 3, ""),
                None => {
                    line.truncate(i);
                    in_comment = true;
                }
            }
        }
        if let Some(i) = line.find('#') {
            line.truncate(i);
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// `WORD {FORM FORM}` → (word, forms).
fn word_and_forms(s: &str) -> (String, Vec<String>) {
    let (head, forms) = match s.find('{') {
        Some(i) => (&s[..i], s[i + 1..].trim_end_matches('}').trim_end()),
        None => (s, ""),
    };
    let forms = forms
        .split_whitespace()
        .map(|f| {
            f.trim_matches(|c| c == '+' || c == '}')
                .replace('_', " ")
                .to_lowercase()
        })
        .filter(|f| !f.is_empty())
        .collect();
    (head.trim().to_string(), forms)
}

/// The code in `[...]`, if any, and the text before it.
fn split_code(s: &str) -> (String, Option<String>) {
    match (s.rfind('['), s.rfind(']')) {
        (Some(a), Some(b)) if a < b => (
            s[..a].trim().to_string(),
            Some(s[a + 1..b].trim().to_string()),
        ),
        _ => (s.trim().to_string(), None),
    }
}

/// Imports a PETRARCH/TABARI verb dictionary into a lexicon that also has sitrep's shared
/// cue, form and discard tables.
pub fn import_petrarch_verbs(text: &str) -> Result<Lexicon, PetrarchError> {
    let mut errors = Vec::new();
    let mut lex = crate::base_lexicon(&mut errors)
        .ok_or_else(|| PetrarchError::Base(sitrep_data::LoadErrors(errors).to_string()))?;
    // PETRARCH codes what the sentence says, not the act of reporting it.
    lex.speech_acts.clear();
    let lines = clean_lines(text);
    read_synsets(&lines, &mut lex);
    read_verbs(&lines, &mut lex);
    Ok(lex)
}

fn read_synsets(lines: &[String], lex: &mut Lexicon) {
    let mut current: Option<(String, Vec<String>)> = None;
    for line in lines {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('&') {
            if let Some((n, w)) = current.take() {
                lex.add_synset(&n, w);
            }
            current = Some((name.trim().trim_end_matches('_').to_string(), Vec::new()));
        } else if let (Some(word), Some((_, words))) = (t.strip_prefix('+'), current.as_mut()) {
            words.push(word.trim().replace('_', " ").to_lowercase());
        } else if let Some((n, w)) = current.take() {
            lex.add_synset(&n, w);
        }
    }
    if let Some((n, w)) = current {
        lex.add_synset(&n, w);
    }
}

/// The verbs of the block being read and its default code.
struct Block {
    code: Option<String>,
    verbs: Vec<String>,
}

fn read_verbs(lines: &[String], lex: &mut Lexicon) {
    let mut block: Option<Block> = None;
    // `+WORD` lines right after an `&SET` line are members of the set, not verbs.
    let mut in_synset = false;
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with('&') {
            in_synset = true;
            continue;
        }
        if in_synset && t.starts_with('+') {
            continue;
        }
        in_synset = false;
        if t.starts_with("---") {
            let inner = t.trim_matches('-').trim();
            let (_, code) = split_code(inner);
            block = Some(Block {
                code: code.filter(|c| c != "---"),
                verbs: Vec::new(),
            });
            continue;
        }
        let Some(b) = block.as_mut() else {
            continue;
        };
        if t.is_empty() || t.starts_with('&') {
            continue;
        }
        let rule = format!("petrarch-verbs:{}", n + 1);
        if let Some(pattern) = t.strip_prefix('-') {
            add_pattern(lex, b, pattern, &rule);
        } else {
            // Verb lines: the block's first verb, `+SYNONYM` lines and further bare verbs.
            let body = t.trim_start_matches('+');
            let (body, code) = split_code(body);
            let (verb, forms) = word_and_forms(&body);
            let variants = verb_variants(&verb, &forms);
            let Some(base) = variants.first() else {
                continue;
            };
            let words: Vec<&str> = base.split(' ').collect();
            if let Some(first) = words.first() {
                let first_forms: Vec<String> = forms
                    .iter()
                    .filter_map(|f| f.split(' ').next().map(str::to_string))
                    .collect();
                lex.add_irregular(first, first_forms);
            }
            let code = code.or_else(|| b.code.clone());
            for v in &variants {
                let words: Vec<&str> = v.split(' ').collect();
                if let Some(code) = &code {
                    add_default(lex, &words, code, &rule);
                }
                b.verbs.push(v.clone());
            }
        }
    }
}

/// The word sequences of one verb line, base first: `WIRE_+TAP` is `wire tap` and, since
/// `+` marks the word that inflects, `wire tapped`, `wire taps` …; multi-word forms in
/// braces (`{WIRE_+TAPPED}`) are variants of their own, since only the first word of a
/// phrase is a trigger.
fn verb_variants(verb: &str, forms: &[String]) -> Vec<String> {
    let parts: Vec<&str> = verb.split('_').filter(|w| !w.is_empty()).collect();
    let base: Vec<String> = parts
        .iter()
        .map(|w| w.trim_start_matches('+').to_lowercase())
        .collect();
    if base.is_empty() {
        return Vec::new();
    }
    let mut out = vec![base.join(" ")];
    if base.len() < 2 {
        return out;
    }
    // A `+` head after the first word inflects in place (the first word's forms are
    // generated from the trigger anyway).
    if let Some(k) = parts.iter().skip(1).position(|w| w.starts_with('+')) {
        for f in crate::lexicon::inflect(&base[k + 1]) {
            let mut v = base.clone();
            v[k + 1] = f;
            out.push(v.join(" "));
        }
    }
    for f in forms {
        let words: Vec<&str> = f.split(' ').map(|w| w.trim_start_matches('+')).collect();
        if words.len() > 1 {
            out.push(words.join(" ").to_lowercase());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// `[src] VERB <first actor after>`.
fn add_default(lex: &mut Lexicon, words: &[&str], code: &str, rule: &str) {
    let Some((first, rest)) = words.split_first() else {
        return;
    };
    let mut post: Vec<Elem> = rest
        .iter()
        .map(|w| Elem::Word(vec![w.to_string()]))
        .collect();
    post.push(Elem::AnyTgt);
    // The bare verb ranks below every pattern line of its block.
    push(lex, vec![Elem::Src], first, post, code, rule, Some(1));
}

fn push(
    lex: &mut Lexicon,
    pre: Vec<Elem>,
    trigger: &str,
    post: Vec<Elem>,
    code: &str,
    rule: &str,
    weight: Option<u32>,
) {
    let counted = pre
        .iter()
        .chain(&post)
        .filter(|e| !matches!(e, Elem::Gap | Elem::AnyTgt))
        .count();
    let weight = weight.unwrap_or(counted as u32 + 2);
    lex.push(Pattern {
        pre,
        trigger: trigger.to_string(),
        post,
        code: code.split(':').next().unwrap_or(code).to_string(),
        reciprocal: code.split_once(':').map(|(_, r)| r.to_string()),
        nominal: false,
        rule: rule.to_string(),
        weight,
    });
}

/// One `- ... * ... [code]` line, for every verb of the block.
fn add_pattern(lex: &mut Lexicon, b: &Block, pattern: &str, rule: &str) {
    let (body, code) = split_code(pattern);
    let Some(code) = code else {
        return;
    };
    let Some(star) = body.find('*') else {
        return;
    };
    let mut pre = elements(lex, &body[..star]);
    // "SHOW_NO_*": the words touch the verb; "SAID *": words may come between.
    if !body[..star].trim_end_matches(' ').ends_with('_') || body[..star].ends_with(' ') {
        pre.push(Elem::Gap);
    }
    let after = &body[star + 1..];
    // After the verb `%` is a compound target, each member a target of its own.
    let mut post: Vec<Elem> = elements(lex, after)
        .into_iter()
        .map(|e| if e == Elem::Both { Elem::Tgt } else { e })
        .collect();
    // "* TRADE PROTOCOL": a space after the verb allows words in between; "*_OFF" does not.
    if !after.starts_with('_') && post.first().is_some_and(|e| matches!(e, Elem::Word(_))) {
        post.insert(0, Elem::Skip);
    }
    let has = |v: &[Elem], e: &Elem| v.contains(e);
    // "NOTED + *", "+ HOSTING *": a slot after a word keeps its place, and the matcher
    // finds it to the left of that word; the source is then the subject of the
    // pattern's first word. Otherwise the slot before the verb is the verb's subject.
    let pre_full: Vec<Elem> = if crate::lexicon::slots_among_words(&pre) {
        pre.clone()
    } else {
        let mut v: Vec<Elem> = pre.iter().filter(|e| !e.is_actor()).cloned().collect();
        if has(&pre, &Elem::Tgt) {
            v.insert(0, Elem::Tgt);
        } else if has(&pre, &Elem::Both) {
            v.insert(0, Elem::Both);
        } else if !has(&post, &Elem::Src) {
            v.insert(0, Elem::Src);
        }
        v
    };
    // A compound before the verb ("% HAVE *"): its members act on each other.
    let targeted = has(&pre, &Elem::Tgt)
        || has(&pre, &Elem::Both)
        || has(&post, &Elem::Tgt)
        || has(&post, &Elem::Both);
    if !targeted {
        post.push(Elem::AnyTgt);
    }
    for verb in &b.verbs {
        let words: Vec<&str> = verb.split(' ').collect();
        let Some((first, rest)) = words.split_first() else {
            continue;
        };
        let mut p = rest
            .iter()
            .map(|w| Elem::Word(vec![w.to_string()]))
            .collect::<Vec<_>>();
        p.extend(post.iter().cloned());
        push(lex, pre_full.clone(), first, p, &code, rule, None);
    }
}

/// Pattern text to elements: `_` joins adjacent words, a space allows a gap.
fn elements(lex: &Lexicon, text: &str) -> Vec<Elem> {
    let mut out = Vec::new();
    for (k, token) in text.split_whitespace().enumerate() {
        if k > 0 && out.last().is_some_and(|e: &Elem| !e.is_actor()) {
            out.push(Elem::Skip);
        }
        for part in token.split('_').filter(|p| !p.is_empty()) {
            out.push(match part {
                "$" => Elem::Src,
                "+" => Elem::Tgt,
                "%" => Elem::Both,
                "^" => Elem::Phrase,
                _ => word_elem(lex, part),
            });
        }
    }
    while out.last() == Some(&Elem::Gap) {
        out.pop();
    }
    out
}

fn word_elem(lex: &Lexicon, part: &str) -> Elem {
    match part.strip_prefix('&') {
        Some(name) => Elem::Word(synset_words(lex, name, 0)),
        None => Elem::Word(vec![part.trim_matches('+').to_lowercase()]),
    }
}

/// The members of a synonym set, nested sets (`+&TIETYPES`) expanded.
fn synset_words(lex: &Lexicon, name: &str, depth: u8) -> Vec<String> {
    let Ok(ps) = lex.compile(&format!("x &{name}"), "0", String::new()) else {
        return vec![format!("&{}", name.to_lowercase())];
    };
    let Some(Elem::Word(words)) = ps.first().and_then(|p| p.post.first().cloned()) else {
        return Vec::new();
    };
    words
        .into_iter()
        .flat_map(|w| match w.strip_prefix('&') {
            Some(inner) if depth < 4 => synset_words(lex, inner, depth + 1),
            _ => vec![w],
        })
        .collect()
}

/// Sentence and story discard phrases (`+` marks a story-level one).
#[derive(Clone, Debug, Default)]
pub struct Discards {
    phrases: Vec<(Vec<String>, bool)>,
}

impl Discards {
    /// Reads a PETRARCH discards file.
    pub fn from_petrarch(text: &str) -> Discards {
        let phrases = clean_lines(text)
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(|l| {
                let story = l.starts_with('+');
                let words = l
                    .trim_start_matches('+')
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                (words, story)
            })
            .collect();
        Discards { phrases }
    }

    /// True when `text` contains a discard phrase: its events are not coded.
    pub fn hits(&self, text: &str) -> bool {
        let words: Vec<String> = sitrep_text::tokens(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text).to_lowercase())
            .collect();
        self.phrases
            .iter()
            .any(|(p, _)| !p.is_empty() && words.windows(p.len()).any(|w| w == p.as_slice()))
    }
}

/// A dated code: valid from/until (yyyymmdd), inclusive.
#[derive(Clone, Debug)]
struct Dated {
    code: String,
    from: u32,
    until: u32,
    restricted: bool,
}

/// One dictionary phrase: words (lower case) and whether the last may be a prefix.
#[derive(Clone, Debug)]
struct Phrase {
    words: Vec<String>,
    exact: Vec<bool>,
    /// The word was joined to the one before by a space, not `_`: other words may come
    /// between (`ITHILEN TELEVISION` matches "Ithilen state-run television").
    loose: Vec<bool>,
}

/// Words a space in a dictionary phrase may stand for.
const MAX_PHRASE_GAP: usize = 2;

/// Finds PETRARCH actors and agents in raw text and composes their codes.
#[derive(Clone, Debug, Default)]
pub struct ActorMatcher {
    actors: HashMap<String, Vec<(Phrase, Vec<Dated>)>>,
    agents: HashMap<String, Vec<(Phrase, String)>>,
}

fn phrase(text: &str) -> Phrase {
    let mut words = Vec::new();
    let mut exact = Vec::new();
    let mut loose = Vec::new();
    for part in text.split('_') {
        if part.is_empty() {
            if let Some(e) = exact.last_mut() {
                *e = true;
            }
            continue;
        }
        for (j, w) in part.split_whitespace().enumerate() {
            loose.push(j > 0);
            words.push(w.to_lowercase());
            exact.push(false);
        }
    }
    if text.ends_with('_') {
        if let Some(e) = exact.last_mut() {
            *e = true;
        }
    }
    Phrase {
        words,
        exact,
        loose,
    }
}

fn parse_date(s: &str) -> Option<u32> {
    let d: u32 = s.trim().parse().ok()?;
    Some(if s.trim().len() == 6 {
        let yy = d / 10000;
        (if yy < 50 { 2000 + yy } else { 1900 + yy }) * 10000 + d % 10000
    } else {
        d
    })
}

/// `HOB`, `HOBCIV <20080120`, `ORCHOB 20100109-20100112`, `HOBELI >20130119`.
fn dated(code: &str) -> Dated {
    let code = code.trim();
    let split = code
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(code.len());
    let (c, rest) = code.split_at(split);
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let (mut from, mut until, mut restricted) = (0, u32::MAX, true);
    if let Some(d) = rest.strip_prefix('<') {
        until = parse_date(d).map_or(u32::MAX, |d| d.saturating_sub(1));
    } else if let Some(d) = rest.strip_prefix('>') {
        from = parse_date(d).map_or(0, |d| d + 1);
    } else if let Some((x, y)) = rest.split_once('-') {
        from = parse_date(x).unwrap_or(0);
        until = parse_date(y).unwrap_or(u32::MAX);
    } else {
        restricted = false;
    }
    Dated {
        code: c.to_string(),
        from,
        until,
        restricted,
    }
}

impl ActorMatcher {
    /// Reads an actors dictionary and an agents dictionary.
    pub fn from_petrarch(actors: &str, agents: &str) -> ActorMatcher {
        let mut m = ActorMatcher::default();
        m.read_actors(actors);
        m.read_agents(agents);
        m
    }

    fn read_actors(&mut self, text: &str) {
        let mut names: Vec<Phrase> = Vec::new();
        let mut codes: Vec<Dated> = Vec::new();
        let flush = |m: &mut ActorMatcher, names: &mut Vec<Phrase>, codes: &mut Vec<Dated>| {
            if !codes.is_empty() {
                for n in names.iter() {
                    if let Some(first) = n.words.first() {
                        m.actors
                            .entry(first.clone())
                            .or_default()
                            .push((n.clone(), codes.clone()));
                    }
                }
            }
            names.clear();
            codes.clear();
        };
        for line in clean_lines(text) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let (body, code) = split_code(t);
            let synonym = t.starts_with('+');
            let continuation = line.starts_with(['\t', ' ']) && body.is_empty();
            if !synonym && !continuation && !body.is_empty() {
                flush(self, &mut names, &mut codes);
            }
            if !body.is_empty() {
                names.push(phrase(body.trim_start_matches('+').trim()));
            }
            if let Some(c) = code {
                codes.extend(c.split('/').map(dated));
            }
        }
        flush(self, &mut names, &mut codes);
    }

    fn read_agents(&mut self, text: &str) {
        let mut subst: HashMap<String, Vec<String>> = HashMap::new();
        for line in clean_lines(text) {
            let t = line.trim();
            if let Some((name, list)) = t.strip_prefix('!').and_then(|r| r.split_once("! =")) {
                subst.insert(
                    name.to_string(),
                    list.split(',').map(|w| w.trim().to_string()).collect(),
                );
                continue;
            }
            let (body, code) = split_code(t);
            let Some(code) = code else {
                continue;
            };
            let (name, plurals) = word_and_forms(&body);
            // `[~GOV]` is appended to the actor's code, `[NGO~]` put before it.
            let code = code.trim();
            let agent = if code.ends_with('~') {
                format!("{}~", code.trim_end_matches('~').trim())
            } else {
                code.trim_start_matches('~').trim().to_string()
            };
            let mut variants = expand_subst(&name, &subst);
            // `{}` spells out that there is no plural; without braces `S` is added.
            if !body.contains('{') {
                variants.extend(variants.clone().into_iter().map(|v| format!("{v}S")));
            } else {
                variants.extend(plurals.into_iter().map(|p| p.replace(' ', "_")));
            }
            for v in variants {
                // Agents match whole words: their plurals are spelled out or generated
                // above (`POLICE {}` has none, so "polices" is no agent).
                let mut p = phrase(&v);
                p.exact.iter_mut().for_each(|e| *e = true);
                if let Some(first) = p.words.first() {
                    self.agents
                        .entry(first.clone())
                        .or_default()
                        .push((p, agent.clone()));
                }
            }
        }
    }

    /// Actor spans in `span` of `text`, for a story dated `date` (yyyymmdd).
    pub fn find(&self, text: &str, span: Span, date: u32) -> Vec<ActorSpan> {
        // "Dol_Amroth" in a text is the phrase "Dol Amroth".
        let toks: Vec<(Span, String)> = sitrep_text::tokens(text, span)
            .into_iter()
            .filter(|t| t.text(text) != "_")
            .map(|t| (t.span, t.text(text).to_lowercase()))
            .collect();
        let mut hits: Vec<Hit> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((len, codes)) = self.actor_at(&toks, i, date) {
                hits.push((i, i + len, Some(codes), None));
                i += len;
            } else if let Some((len, agent)) = self.agent_at(&toks, i) {
                hits.push((i, i + len, None, Some(agent)));
                i += len;
            } else {
                i += 1;
            }
        }
        compose(text, &toks, &hits)
    }

    /// The longest actor phrase at `i` and every code valid on `date` (`[FRO/BIL/SAM]`
    /// gives three).
    fn actor_at(
        &self,
        toks: &[(Span, String)],
        i: usize,
        date: u32,
    ) -> Option<(usize, Vec<String>)> {
        let list = self
            .actors
            .get(&toks[i].1)
            .or_else(|| self.prefix_candidates(&toks[i].1))?;
        let mut best: Option<(usize, Vec<String>)> = None;
        for (p, codes) in list {
            let Some(len) = matches_at(p, toks, i) else {
                continue;
            };
            // The first date restriction that holds wins; else every undated code.
            let dated = codes
                .iter()
                .find(|d| d.restricted && d.from <= date && date <= d.until);
            let valid: Vec<String> = match dated {
                Some(d) => vec![d.code.clone()],
                None => codes
                    .iter()
                    .filter(|d| !d.restricted)
                    .map(|d| d.code.clone())
                    .collect(),
            };
            if !valid.is_empty() && best.as_ref().is_none_or(|(l, _)| len > *l) {
                best = Some((len, valid));
            }
        }
        best
    }

    /// Dictionary words without a trailing `_` match as prefixes ("ARGENTIN").
    fn prefix_candidates(&self, word: &str) -> Option<&Vec<(Phrase, Vec<Dated>)>> {
        (3..word.len())
            .rev()
            .filter(|&k| word.is_char_boundary(k))
            .find_map(|k| self.actors.get(&word[..k]))
    }

    fn agent_at(&self, toks: &[(Span, String)], i: usize) -> Option<(usize, String)> {
        let list = self.agents.get(&toks[i].1)?;
        list.iter()
            .filter_map(|(p, a)| matches_at(p, toks, i).map(|len| (len, a.clone())))
            .max_by_key(|(len, _)| *len)
    }
}

fn expand_subst(name: &str, subst: &HashMap<String, Vec<String>>) -> Vec<String> {
    for (key, list) in subst {
        let marker = format!("!{key}!");
        if name.contains(&marker) {
            return list.iter().map(|w| name.replace(&marker, w)).collect();
        }
    }
    vec![name.to_string()]
}

fn matches_at(p: &Phrase, toks: &[(Span, String)], i: usize) -> Option<usize> {
    let mut k = 0;
    for (j, w) in p.words.iter().enumerate() {
        let ok = |t: &str| {
            t == w
                || (!p.exact[j]
                    && j + 1 == p.words.len()
                    && t.starts_with(w.as_str())
                    && w.len() >= 3)
        };
        let (_, t) = toks.get(i + k)?;
        if !ok(t) {
            if !p.loose[j] {
                return None;
            }
            // A space in the dictionary phrase lets a few words come between.
            let skip = (1..=MAX_PHRASE_GAP)
                .take_while(|&g| {
                    toks.get(i + k + g - 1)
                        .is_some_and(|(_, t)| t.chars().next().is_some_and(char::is_alphanumeric))
                })
                .find(|&g| toks.get(i + k + g).is_some_and(|(_, t)| ok(t)))?;
            k += skip;
        }
        k += 1;
        // A possessive inside a name is skipped ("Gondor's").
        if toks.get(i + k).is_some_and(|(_, t)| t == "'s") && j + 1 < p.words.len() {
            k += 1;
        }
    }
    Some(k)
}

/// An actor or agent phrase: token range, actor codes, agent code.
type Hit = (usize, usize, Option<Vec<String>>, Option<String>);

/// `USAGOV` + `GOV` stays `USAGOV`.
fn with_agent(code: &str, agent: &str) -> String {
    if let Some(prefix) = agent.strip_suffix('~') {
        if code.starts_with(prefix) {
            code.to_string()
        } else {
            format!("{prefix}{}", code.trim_start_matches("---"))
        }
    } else if code.ends_with(agent) {
        code.to_string()
    } else {
        format!("{code}{agent}")
    }
}

fn lone_agent(agent: &str) -> String {
    match agent.strip_suffix('~') {
        Some(prefix) => format!("{prefix}---"),
        None => format!("---{agent}"),
    }
}

/// Joins agents to their actors: `Arnor security officials` (actor, up to four words, agent),
/// `soldiers from Gondor` (agent, `from|of|in`, actor, and the rest of a list of actors),
/// `Bree Prime Minister Romendacil` (an actor right after a composed one is the same person);
/// a lone agent becomes `---AGT`.
fn compose(text: &str, toks: &[(Span, String)], hits: &[Hit]) -> Vec<ActorSpan> {
    let mut out = Vec::new();
    let mut h = 0;
    let mut carried_agent: Option<String> = None;
    let mut prefix: Option<(String, usize)> = None;
    while h < hits.len() {
        let (s, e, actor, agent) = &hits[h];
        // "MSF Arnor": a prefix agent right before an actor belongs to it.
        if let (None, Some(g)) = (actor, agent) {
            let before_actor = hits.get(h + 1).is_some_and(|n| n.0 == *e && n.2.is_some());
            if g.ends_with('~') && before_actor {
                prefix = Some((g.clone(), *s));
                h += 1;
                continue;
            }
        }
        let mut codes: Vec<String> = match (actor, agent) {
            (Some(c), _) => c.clone(),
            (None, Some(g)) => vec![lone_agent(g)],
            (None, None) => Vec::new(),
        };
        let mut first_tok = *s;
        if let Some((g, start)) = prefix.take() {
            codes = codes.iter().map(|c| with_agent(c, &g)).collect();
            first_tok = start;
        }
        let mut end = *e;
        let mut next = h + 1;
        if let (Some(_), Some(g)) = (actor, carried_agent.as_ref()) {
            codes = codes.iter().map(|c| with_agent(c, g)).collect();
            let list_goes_on = hits
                .get(h + 1)
                .is_some_and(|n| n.2.is_some() && list_between(toks, *e, n.0));
            if !list_goes_on {
                carried_agent = None;
            }
        } else if let (Some(_), Some((ns, ne, None, Some(g)))) = (actor, hits.get(h + 1)) {
            if *ns <= e + 6 && no_verb_between(toks, *e, *ns) {
                let base = codes.clone();
                codes = base.iter().map(|c| with_agent(c, g)).collect();
                end = *ne;
                next = h + 2;
                // "Danish media and government": more agents of the same actor.
                while let Some((ms, me, None, Some(g2))) = hits.get(next) {
                    if !list_between(toks, end, *ms) {
                        break;
                    }
                    codes.extend(base.iter().map(|c| with_agent(c, g2)));
                    end = *me;
                    next += 1;
                }
            }
        } else if let (Some(g), Some((ns, ne, Some(a), None))) = (agent, hits.get(h + 1)) {
            let linker = toks
                .get(*e)
                .is_some_and(|(_, w)| matches!(w.as_str(), "from" | "of" | "in"));
            if *ns == e + 1 && linker {
                codes = a.iter().map(|c| with_agent(c, g)).collect();
                end = *ne;
                next = h + 2;
                let list_goes_on = hits
                    .get(h + 2)
                    .is_some_and(|n| n.2.is_some() && list_between(toks, *ne, n.0));
                carried_agent = list_goes_on.then(|| g.clone());
            }
        }
        // A name right after a composed title is the same actor.
        if let Some((ns, ne, Some(_), None)) = hits.get(next) {
            if *ns == end && agent_in(hits, h, next) {
                end = *ne;
                next += 1;
            }
        }
        let span = Span::new(toks[first_tok].0.start(), toks[end - 1].0.end());
        if codes.len() > 1 {
            codes.retain(|c| c != "---");
        }
        for code in codes {
            out.push(ActorSpan {
                span,
                name: span.of(text).to_string(),
                code,
                entity: None,
            });
        }
        h = next;
    }
    out
}

fn agent_in(hits: &[Hit], from: usize, to: usize) -> bool {
    hits[from..to].iter().any(|h| h.3.is_some())
}

fn list_between(toks: &[(Span, String)], a: usize, b: usize) -> bool {
    b > a && b - a <= 2 && (a..b).all(|k| matches!(toks[k].1.as_str(), "," | "and" | "or"))
}

/// Only possessive marks and modifiers may sit between an actor and its agent.
fn no_verb_between(toks: &[(Span, String)], a: usize, b: usize) -> bool {
    (a..b).all(|k| {
        let w = toks[k].1.as_str();
        !matches!(
            w,
            "," | "said"
                | "is"
                | "are"
                | "was"
                | "were"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
        ) && !crate::shallow::PREPOSITIONS.contains(&w)
            && !w.chars().any(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coder;

    const VERBS: &str = "<!-- toy -->\n&TIES\n+RELATIONS\n+LINKS\n\n--- MEET  [040:040] ---\nMEET\n- * TO_TALK &TIES  [046]\n\n--- SELL  [070] ---\nSELL {SOLD}\n- % * [061]\n\n--- SEIZE [171] ---\nSEIZE\nPHONE_+TAP {PHONE_+TAPPED}\n";
    const ACTORS: &str = "FREEDONIA [FRE]\n+FREEDONIAN\nSYLVANIA_ [SYL]\nOLDLAND\n\t[OLD <19900101]\n\t[NEW]\nSYLVANIA RADIO [SYLRAD]\n";
    const AGENTS: &str = "!PERSON! = MAN, MEN\nMINISTER [~GOV]\nPOLICE {} [~COP]\nGUARD [~MIL]\n";

    fn triples(text: &str, date: u32) -> Vec<(String, String, String)> {
        let lex = import_petrarch_verbs(VERBS).unwrap();
        let coder = Coder::with_lexicon(lex).unwrap();
        let m = ActorMatcher::from_petrarch(ACTORS, AGENTS);
        let found = m.find(text, Span::new(0, text.len()), date);
        let mut out: Vec<_> = coder
            .code_sentence(text, &found)
            .into_iter()
            .filter_map(|e| Some((e.source?.code, e.target?.code, e.cameo)))
            .collect();
        out.sort();
        out
    }

    fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    #[test]
    fn default_code_with_reciprocal() {
        assert_eq!(
            triples("Freedonia met Sylvania on Monday.", 20000101),
            vec![t("FRE", "SYL", "040"), t("SYL", "FRE", "040")]
        );
    }

    #[test]
    fn pattern_with_synset_beats_the_default() {
        let got = triples("Freedonia met Sylvania to talk relations.", 20000101);
        assert!(got.contains(&t("FRE", "SYL", "046")), "{got:?}");
    }

    #[test]
    fn agents_compose_and_irregular_forms() {
        assert_eq!(
            triples(
                "The Freedonian minister sold rifles to Sylvania police.",
                20000101
            ),
            vec![t("FREGOV", "SYLCOP", "070")]
        );
    }

    #[test]
    fn compound_subject_acts_mutually_and_dates_pick_codes() {
        let got = triples("Oldland and Sylvania sold grain.", 19800101);
        assert_eq!(got, vec![t("OLD", "SYL", "061"), t("SYL", "OLD", "061")]);
        let got = triples("Oldland and Sylvania sold grain.", 20000101);
        assert_eq!(got, vec![t("NEW", "SYL", "061"), t("SYL", "NEW", "061")]);
    }

    #[test]
    fn multi_word_verbs_inflect_their_marked_word() {
        let got = triples("Freedonia phone tapped the offices of Sylvania.", 20000101);
        assert_eq!(got, vec![t("FRE", "SYL", "171")]);
        let got = triples("Freedonia phone taps the offices of Sylvania.", 20000101);
        assert_eq!(got, vec![t("FRE", "SYL", "171")]);
    }

    #[test]
    fn agent_plurals_only_when_not_spelled_out() {
        let m = ActorMatcher::from_petrarch(ACTORS, AGENTS);
        let codes = |text: &str| -> Vec<String> {
            m.find(text, Span::new(0, text.len()), 20000101)
                .into_iter()
                .map(|a| a.code)
                .collect()
        };
        assert_eq!(codes("Sylvania guards"), vec!["SYLMIL"]);
        // `POLICE {}`: no plural is generated, and agents are not prefixes.
        assert_eq!(codes("Sylvania polices"), vec!["SYL"]);
    }

    #[test]
    fn a_space_in_an_actor_phrase_allows_words_between() {
        let m = ActorMatcher::from_petrarch(ACTORS, AGENTS);
        let text = "Sylvania state-run radio said";
        let found = m.find(text, Span::new(0, text.len()), 20000101);
        assert_eq!(found[0].code, "SYLRAD");
        assert_eq!(found[0].name, "Sylvania state-run radio");
    }

    /// A second toy dictionary for the pattern features of the validation suite.
    const MORE_VERBS: &str = "--- SCOLD [121] ---\nSCOLD\n- SHARPLY * [122]\n\n--- REGRET [111] ---\nREGRET\n- ADMITTED + * [115]\n\n--- FEAST [181] ---\nFEAST\n- + GREETING * HARVEST ^ $ [042]\n- * AT ^ WITH + [043]\n\n--- WRECK [---] ---\nWRECK\n- * DOWN [222]\n\n--- SAID [023] ---\nSAID\n\n--- RESTORE [064] ---\nRESTORE\n\n--- NEAR [---] ---\nNEAR\n- * BORDER [192]\n\n--- MARCH [181] ---\nMARCH\n";
    const MORE_ACTORS: &str =
        "FREEDONIA [FRE]\nSYLVANIA [SYL]\nOLDLAND [OLD]\nNEWLAND [NEW]\nOFFICIAL [---GOV]\n";

    fn check(text: &str, want: &[(&str, &str, &str)]) {
        let want: Vec<_> = want.iter().map(|&(s, g, c)| t(s, g, c)).collect();
        assert_eq!(coded(text), want, "{text}");
    }

    fn coded(text: &str) -> Vec<(String, String, String)> {
        let lex = import_petrarch_verbs(MORE_VERBS).unwrap();
        let coder = Coder::with_lexicon(lex).unwrap();
        let m = ActorMatcher::from_petrarch(MORE_ACTORS, "");
        let found = m.find(text, Span::new(0, text.len()), 20000101);
        let mut out: Vec<_> = coder
            .code_sentence(text, &found)
            .into_iter()
            .map(|e| {
                let code = |a: Option<sitrep_model::ActorRef>| a.map_or("---".into(), |a| a.code);
                (code(e.source), code(e.target), e.cameo)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn pattern_words_before_the_verb_hold_in_the_passive_too() {
        // No "sharply": the default code, and with no `by` agent the dictionary's
        // default target codes the subject as the source.
        check(
            "Freedonia was scolded over its quarrel with Sylvania.",
            &[("FRE", "SYL", "121")],
        );
        check(
            "Freedonia was sharply scolded over its quarrel with Sylvania.",
            &[("FRE", "SYL", "122")],
        );
    }

    #[test]
    fn slots_between_pattern_words_keep_their_place() {
        // `ADMITTED + *`: the target sits between the word and the verb, the source is
        // the subject of the pattern's first word.
        check(
            "Freedonia admitted that Sylvania regretted the vote.",
            &[("FRE", "SYL", "115")],
        );
        // `+ GREETING * HARVEST ^ $`: target before the word, `^` skips a phrase with its
        // actor.
        check(
            "Freedonia is greeting Oldland to feast Harvest with Newland today in Sylvania.",
            &[("SYL", "FRE", "042")],
        );
        check(
            "Freedonia feasted at the Oldland with Sylvania.",
            &[("FRE", "SYL", "043")],
        );
    }

    #[test]
    fn a_degree_adverb_makes_an_adjective() {
        check(
            "Freedonia marched very near the border with Sylvania.",
            &[("FRE", "SYL", "181")],
        );
    }

    #[test]
    fn source_only_events_when_the_object_names_no_actor() {
        // The reporting clause has an object ("on Saturday") but no actor in it; "today"
        // is no object.
        check(
            "Freedonia will restore ties with Sylvania, an official said on Saturday.",
            &[("---GOV", "---", "023"), ("FRE", "SYL", "064")],
        );
        check(
            "Freedonia will restore ties with Sylvania, an official said today.",
            &[("FRE", "SYL", "064")],
        );
        // A source-only event in an adverbial clause is background to a coded event ...
        check(
            "Freedonia will restore ties with Sylvania after Oldland crowds wrecked down its mill.",
            &[("FRE", "SYL", "064")],
        );
        // ... and coded when nothing else is: the actor after "after" is its subject.
        check(
            "Freedonia will mend ties with Sylvania after Oldland crowds wrecked down its mill.",
            &[("OLD", "---", "222")],
        );
    }

    #[test]
    fn synonym_set_members_are_not_verbs() {
        // `+CLOSER` belongs to the set, not to the SCOLD block above it.
        let text = "--- SCOLD [121] ---\nSCOLD\n&NEARSET\n+CLOSER\n\n--- PEACE [---] ---\nPEACE\n- INCHING &NEARSET * [083]\n";
        let lex = import_petrarch_verbs(text).unwrap();
        assert!(!lex.by_form.contains_key("closer"));
        let coder = Coder::with_lexicon(lex).unwrap();
        let m = ActorMatcher::from_petrarch(MORE_ACTORS, "");
        let s = "Freedonia is inching closer to peace with Sylvania.";
        let found = m.find(s, Span::new(0, s.len()), 20000101);
        let got: Vec<String> = coder
            .code_sentence(s, &found)
            .into_iter()
            .map(|e| e.cameo)
            .collect();
        assert_eq!(got, vec!["083"]);
    }

    #[test]
    fn discards() {
        let d = Discards::from_petrarch("+TYPHOON\nWORLD CUP\n");
        assert!(d.hits("A typhoon hit."));
        assert!(d.hits("The World Cup began."));
        assert!(!d.hits("The world began."));
    }
}
