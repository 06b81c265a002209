//! Shallow analysis of one sentence: words, actor slots (mentions collapsed, lists of
//! actors joined into compounds) and clause cues. No parser.

use crate::lexicon::{CueKind, Lexicon};
use sitrep_model::Span;

/// An actor occurrence handed to the coder (from the actor stage or a test matcher).
#[derive(Clone, Debug, PartialEq)]
pub struct ActorSpan {
    /// Where it is.
    pub span: Span,
    /// CAMEO-style code.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// Entity index, when resolved.
    pub entity: Option<u32>,
}

/// A word or an actor slot.
#[derive(Clone, Debug)]
pub struct Item {
    /// Bytes covered.
    pub span: Span,
    /// Lower-case text (empty for actors).
    pub lower: String,
    /// Indices into the actor list; empty for words.
    pub actors: Vec<usize>,
    /// An actor followed by `'s`.
    pub possessive: bool,
    /// True for punctuation.
    pub punct: bool,
    /// An adjectival actor modifying the next word ("Russian ammunition").
    pub modifier: bool,
    /// A surface form of some pattern's trigger.
    pub trigger_form: bool,
    /// Could be a past participle (`supplied`, `sent`).
    pub participle: bool,
    /// A head word of material objects (`objects.tsv`: `drones`, `food`), marked within
    /// three words after an adjectival actor, the only place it is asked about.
    pub material: bool,
}

impl Item {
    fn trigger_form_candidate(&self, lex: &Lexicon) -> bool {
        !self.is_actor() && lex.by_form.contains_key(&self.lower)
    }

    /// True for an actor slot.
    pub fn is_actor(&self) -> bool {
        !self.actors.is_empty()
    }
}

/// Words that open a prepositional phrase: an actor right after one is not a subject.
pub const PREPOSITIONS: &[&str] = &[
    "of",
    "to",
    "from",
    "with",
    "in",
    "by",
    "for",
    "against",
    "on",
    "at",
    "between",
    "among",
    "into",
    "toward",
    "towards",
    "over",
    "about",
    "including",
    "like",
    "than",
    "through",
    "under",
    "within",
    "without",
    "across",
    "near",
    "along",
    "amid",
    "despite",
    "via",
    "upon",
    "alongside",
    "beside",
    "behind",
    "around",
    "beyond",
    "throughout",
    "during",
    "after",
];

/// Determiners and quantifiers skipped before slots and stripped from objects.
pub const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "some",
    "any",
    "more",
    "additional",
    "further",
    "these",
    "those",
    "this",
    "that",
    "other",
    "such",
    "own",
    "several",
    "many",
];

/// Auxiliaries and adverbs between a coordinating conjunction and its verb.
fn is_aux_or_adverb(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "is"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "also"
            | "still"
            | "then"
            | "later"
            | "again"
            | "now"
            | "even"
    ) || (w.len() > 4 && w.ends_with("ly"))
}

/// Heads of a noun phrase whose `of` phrase names who acts ("a group of refugees
/// marched", "thousands of workers struck").
const COLLECTIVES: &[&str] = &[
    "group",
    "groups",
    "members",
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "millions",
    "crowd",
    "crowds",
    "band",
    "delegation",
    "team",
    "contingent",
    "unit",
    "units",
    "most",
    "many",
    "some",
    "all",
];

/// Subject pronouns that may stand for an actor named earlier in the sentence.
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we"];

/// Forms of `be` and `get` that make a passive.
const PASSIVE_AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets",
];

/// Characters that are transparent to matching: brackets and quotation marks.
/// Whether tokens `t` and `t + 1` are a caption's position word and a closing parenthesis.
fn position_note(toks: &[sitrep_text::Token], t: usize, text: &str) -> bool {
    const NOTES: &[&str] = &["left", "right", "center", "centre", "l", "r", "c", "front"];
    toks.get(t)
        .is_some_and(|w| NOTES.contains(&w.text(text).to_ascii_lowercase().as_str()))
        && toks.get(t + 1).is_some_and(|c| c.text(text) == ")")
}

fn transparent(s: &str) -> bool {
    matches!(
        s,
        "(" | ")" | "[" | "]" | "\"" | "“" | "”" | "‘" | "«" | "»" | "—" | "–"
    )
}

/// The analysed sentence.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Items in order.
    pub items: Vec<Item>,
    /// Cue hits: (first item, number of items, kind).
    pub cues: Vec<(usize, usize, CueKind)>,
}

impl Analysis {
    /// Analyses the sentence `span` of `text`; `actors` are sorted by start.
    pub fn new(text: &str, span: Span, actors: &[ActorSpan], lex: &Lexicon) -> Analysis {
        let mut items = compound(collapse(text, span, actors));
        mark_adjectival_phrases(text, &mut items, lex);
        for i in 0..items.len() {
            let noun_before = i > 0 && {
                let p = items[i - 1].lower.as_str();
                DETERMINERS.contains(&p)
                    || lex.sectors.contains_key(p)
                    || (PREPOSITIONS.contains(&p) && p != "to")
            };
            let w = items[i].lower.as_str();
            items[i].participle = items[i].trigger_form_candidate(lex)
                && (w.ends_with("ed")
                    || w.ends_with("en")
                    || w.ends_with("wn")
                    || lex.is_irregular_form(w));
            // "Armed rebels attacked", "Striking workers blocked": a sentence-initial word
            // right before an actor modifies it.
            let opening_modifier = i == 0 && items.get(1).is_some_and(Item::is_actor);
            items[i].trigger_form = !items[i].is_actor()
                && !noun_before
                && !opening_modifier
                && lex.by_form.contains_key(&items[i].lower);
            // Only words right after an adjectival actor are asked about (see the matcher).
            let after_modifier = (i.saturating_sub(3)..i).any(|j| items[j].modifier);
            items[i].material =
                after_modifier && !items[i].is_actor() && lex.sectors.contains_key(&items[i].lower);
        }
        let cues = find_cues(&items, lex);
        Analysis { items, cues }
    }

    /// True when the sentence opens with a word right before an actor ("Armed rebels",
    /// "Riot police", "Striking workers"): that word modifies the actor, it is no verb.
    pub fn opens_with_modifier(&self) -> bool {
        self.items.len() > 1 && !self.items[0].is_actor() && self.items[1].is_actor()
    }

    /// True when item `i` is a cue of `kind`.
    pub fn is_cue(&self, i: usize, kind: CueKind) -> bool {
        self.cues
            .iter()
            .any(|&(at, n, k)| k == kind && at <= i && i < at + n)
    }

    /// True when item `i` starts a new clause.
    pub fn is_boundary(&self, i: usize) -> bool {
        // The period of "Sept. 14" or "Gen. Smith" ends nothing.
        let period = self.items[i].lower == "."
            && !(i > 0 && sitrep_text::is_abbreviation(&self.items[i - 1].lower));
        period || self.is_cue(i, CueKind::Clause)
    }

    /// True when item `i` is a preposition.
    pub fn is_preposition(&self, i: usize) -> bool {
        PREPOSITIONS.contains(&self.items[i].lower.as_str())
    }

    /// The subject of the verb at `verb`: the nearest actor to the left in the same clause
    /// that is not the object of a preposition (unless it sits right before the verb, as in
    /// "proof of Borduria arming").
    pub fn subject(&self, verb: usize) -> Option<usize> {
        // "X condemned the attack and promised aid": a verb coordinated with an earlier one
        // shares its subject.
        // "… opened its borders, but was still refusing …": auxiliaries and adverbs may
        // come between the conjunction and the verb.
        let mut c = verb;
        while c > 1 && is_aux_or_adverb(&self.items[c - 1].lower) {
            c -= 1;
        }
        let conjunction = c > 1 && matches!(self.items[c - 1].lower.as_str(), "and" | "but");
        if conjunction && (c < verb || self.items[c - 1].lower == "and") {
            let earlier = (c.saturating_sub(20)..c - 1)
                .rev()
                .take_while(|&j| !self.is_boundary(j))
                .find(|&j| self.items[j].trigger_form);
            if let Some(s) = earlier.and_then(|j| self.subject(j)) {
                return Some(s);
            }
        }
        let mut i = verb;
        let mut steps = 0;
        // "Israeli tanks fired": an adjectival actor heading the subject phrase, used when
        // no actor proper is found.
        let mut adjectival = None;
        while i > 0 && steps < 14 {
            i -= 1;
            steps += 1;
            let item = &self.items[i];
            if item.is_actor() {
                if item.modifier {
                    let after_prep = i > 0 && self.is_preposition(i - 1);
                    if !after_prep && adjectival.is_none() {
                        adjectival = Some(i);
                    }
                    continue;
                }
                // "after Calenardhon crowds burned": a conjunction that is also a
                // preposition opens the verb's own clause, so the actor is its subject;
                // so is the actor of "a group of", "thousands of".
                let after_prep = i > 0
                    && self.is_preposition(i - 1)
                    && !self.is_cue(i - 1, CueKind::Clause)
                    && !self.collective_of(i - 1);
                let gerund = self.items[verb].lower.ends_with("ing");
                // "visited Russia and met Putin": Russia is the object of another verb; but
                // after a reporting verb ("Japan said Iran had released") the actor opens the
                // reported clause and is its subject (not after `told`, `warned`: their
                // object is the addressee).
                let reported = i > 0
                    && self.is_cue(i - 1, CueKind::Speech)
                    && !matches!(
                        self.items[i - 1].lower.as_str(),
                        "told" | "tells" | "tell" | "warned" | "warns" | "cautioned" | "reminded"
                    );
                let object_of_verb =
                    i > 0 && self.items[i - 1].trigger_form && !gerund && !reported;
                if object_of_verb {
                    continue;
                }
                if !after_prep || i + 1 == verb || (gerund && item.possessive) {
                    return Some(i);
                }
                continue;
            }
            if adjectival.is_none() && PRONOUNS.contains(&item.lower.as_str()) {
                // "Iraq said it would allow": a subject pronoun stands for the subject of
                // the clause before.
                if let Some(a) = self.antecedent(i) {
                    return Some(a);
                }
            }
            if self.is_boundary(i) {
                if let Some(r) = self.relative_antecedent(i) {
                    return Some(r);
                }
                // "Iran, which denies the charge, said": a closed relative clause is
                // skipped on the way to the subject.
                let closed = matches!(item.lower.as_str(), "who" | "which")
                    && (i + 1..verb).any(|j| self.items[j].lower == ",");
                if !closed {
                    return adjectival;
                }
            }
        }
        adjectival
    }

    /// True when item `of` is the `of` of a collective or quantity head ("a group of",
    /// "thousands of", "members of") that opens its noun phrase.
    fn collective_of(&self, of: usize) -> bool {
        if self.items[of].lower != "of" || of == 0 {
            return false;
        }
        let head = self.items[of - 1].lower.as_str();
        let opens = of < 2 || {
            let before = self.items[of - 2].lower.as_str();
            DETERMINERS.contains(&before) || self.is_boundary(of - 2) || before == ","
        };
        COLLECTIVES.contains(&head) && opens
    }

    /// The nearest earlier actor that is the subject of its own clause, for a pronoun.
    fn antecedent(&self, pronoun: usize) -> Option<usize> {
        let speech = (pronoun.saturating_sub(4)..pronoun)
            .any(|j| self.is_cue(j, CueKind::Speech) || self.items[j].lower == "that");
        if !speech {
            return None;
        }
        (pronoun.saturating_sub(16)..pronoun).rev().find(|&j| {
            let it = &self.items[j];
            it.is_actor() && !it.modifier && (j == 0 || !self.is_preposition(j - 1))
        })
    }

    /// For "Russia, which received ...", the actor before a relative pronoun.
    fn relative_antecedent(&self, pronoun: usize) -> Option<usize> {
        if !matches!(self.items[pronoun].lower.as_str(), "which" | "who" | "that") {
            return None;
        }
        let mut j = pronoun.checked_sub(1)?;
        if self.items[j].lower == "," {
            j = j.checked_sub(1)?;
        }
        self.items[j].is_actor().then_some(j)
    }

    /// True when the verb at `i` is a passive participle ("were supplied").
    pub fn is_passive(&self, i: usize) -> bool {
        if !self.items[i].participle {
            return false;
        }
        // The auxiliary sits right before, or with an adverb between ("was fiercely opposed").
        (1..=3).any(|k| {
            i.checked_sub(k).is_some_and(|j| {
                PASSIVE_AUX.contains(&self.items[j].lower.as_str())
                    && (j + 1..i).all(|m| {
                        self.items[m].lower.ends_with("ly")
                            || matches!(
                                self.items[m].lower.as_str(),
                                "been"
                                    | "being"
                                    | "also"
                                    | "not"
                                    | "earlier"
                                    | "later"
                                    | "reportedly"
                            )
                    })
            })
        })
    }

    /// The item range of the clause around `i`.
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let mut start = i;
        while start > 0 && !self.is_boundary(start - 1) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < self.items.len() && !self.is_boundary(end) {
            end += 1;
        }
        (start, end)
    }
}

/// Tokens with mentions collapsed into actor items and brackets and quote marks dropped.
fn collapse(text: &str, span: Span, actors: &[ActorSpan]) -> Vec<Item> {
    let toks = sitrep_text::tokens(text, span);
    let mut items: Vec<Item> = Vec::with_capacity(toks.len());
    let first = actors.partition_point(|a| a.span.end <= span.start);
    let mut a = first;
    let mut t = 0;
    while t < toks.len() {
        let tok = toks[t];
        while a < actors.len() && actors[a].span.end <= tok.span.start {
            a += 1;
        }
        if a < actors.len() && actors[a].span.overlaps(tok.span) {
            let end = actors[a].span.end.max(tok.span.end);
            while t < toks.len() && toks[t].span.start < end {
                t += 1;
            }
            let start = actors[a].span.start.min(tok.span.start) as usize;
            // Several codes for one phrase ("the Shire" is three actors) share one slot.
            let mut group = vec![a];
            while a + 1 < actors.len() && actors[a + 1].span == actors[a].span {
                a += 1;
                group.push(a);
            }
            items.push(Item {
                span: Span::new(start, end as usize),
                lower: String::new(),
                actors: group,
                possessive: false,
                punct: false,
                modifier: sitrep_text::is_demonym(text.get(start..end as usize).unwrap_or("")),
                trigger_form: false,
                participle: false,
                material: false,
            });
            a += 1;
            continue;
        }
        let s = tok.text(text);
        t += 1;
        if s == "(" && position_note(&toks, t, text) {
            // "Kim (left) and Putin": a photo caption's position note would stand between
            // the actors of a compound.
            t += 2;
            continue;
        }
        if transparent(s) {
            continue;
        }
        if possessive_mark(s, &toks, t, text) {
            if let Some(last) = items.last_mut().filter(|l| l.is_actor()) {
                last.possessive = true;
                if s != "'s" && s != "’s" {
                    t += 1;
                }
                continue;
            }
        }
        let lower = normalise(s);
        // "didn't" → "did" "n't", as the Treebank (and the negation cues) split it.
        if let Some(stem) = lower.strip_suffix("n't").filter(|st| !st.is_empty()) {
            let cut = tok.span.start() + stem.len();
            if text.is_char_boundary(cut) {
                items.push(word_item(
                    Span::new(tok.span.start(), cut),
                    stem.to_string(),
                    false,
                ));
                items.push(word_item(
                    Span::new(cut, tok.span.end()),
                    "n't".into(),
                    false,
                ));
                continue;
            }
        }
        items.push(word_item(tok.span, lower, !tok.is_word));
    }
    mark_modifiers(&mut items);
    items
}

fn word_item(span: Span, lower: String, punct: bool) -> Item {
    Item {
        span,
        lower,
        actors: Vec::new(),
        possessive: false,
        punct,
        modifier: false,
        trigger_form: false,
        participle: false,
        material: false,
    }
}

/// "Russian military equipment" where the actor stage tagged "Russian military": a mention
/// led by a demonym and followed by a known object word is a modifier of that object.
fn mark_adjectival_phrases(text: &str, items: &mut [Item], lex: &Lexicon) {
    for i in 0..items.len() {
        if !items[i].is_actor() || items[i].modifier || items[i].actors.len() > 1 {
            continue;
        }
        let surface = items[i].span.of(text);
        let first = surface.split(' ').next().unwrap_or("");
        let before_object = items
            .get(i + 1)
            .is_some_and(|n| !n.is_actor() && lex.sectors.contains_key(&n.lower));
        if surface.contains(' ') && sitrep_text::is_demonym(first) && before_object {
            items[i].modifier = true;
        }
    }
}

/// A demonym stays a modifier only when a content word follows it.
fn mark_modifiers(items: &mut [Item]) {
    for i in 0..items.len() {
        if !items[i].modifier {
            continue;
        }
        let next = items.get(i + 1);
        items[i].modifier = next.is_some_and(|n| {
            !n.is_actor()
                && !n.punct
                && !PREPOSITIONS.contains(&n.lower.as_str())
                && !matches!(
                    n.lower.as_str(),
                    "and" | "or" | "is" | "are" | "was" | "were" | "has" | "have" | "had"
                )
        });
    }
}

fn normalise(s: &str) -> String {
    let l = s.to_lowercase();
    if l.contains('’') {
        l.replace('’', "'")
    } else {
        l
    }
}

/// `'s` after an actor (the tokenizer may give `'` `s` or `'s`).
fn possessive_mark(s: &str, toks: &[sitrep_text::Token], next: usize, text: &str) -> bool {
    match s {
        "'s" | "’s" => true,
        "'" | "’" => toks
            .get(next)
            .is_some_and(|t| t.text(text) == "s" && t.span.start == toks[next - 1].span.end),
        _ => false,
    }
}

/// Joins `A, B and C` / `A or B` / `A as well as B` / `both A and B` into one actor item.
fn compound(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut i = 0;
    while i < items.len() {
        let item = items[i].clone();
        if item.is_actor() {
            let list_goes_on = items
                .get(i + 1)
                .is_some_and(|n| matches!(n.lower.as_str(), "," | "and" | "or"));
            let mods = modifiers_before(&out);
            let head = &out[..out.len() - mods];
            let joiner = joiner_before(head)
                .filter(|&len| len != 1 || head[head.len() - 1].lower != "," || list_goes_on)
                .map(|len| len + mods);
            if let Some(len) = joiner {
                let keep = out.len() - len;
                if keep > 0 && out[keep - 1].is_actor() && !out[keep - 1].possessive {
                    out.truncate(keep);
                    if let Some(last) = out.last_mut() {
                        last.actors.extend(item.actors);
                        last.span = Span::new(last.span.start(), item.span.end());
                        last.possessive = item.possessive;
                    }
                    i += 1;
                    continue;
                }
            }
        }
        out.push(item);
        i += 1;
    }
    out
}

/// Words that may sit between a list joiner and the next actor ("and the evil Gondor").
fn modifiers_before(out: &[Item]) -> usize {
    const STOP: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "that",
        "which", "who", "and", "or", "nor", "not",
    ];
    let mut n = 0;
    while n < 3 && n < out.len() {
        let it = &out[out.len() - 1 - n];
        let w = it.lower.as_str();
        let det = DETERMINERS.contains(&w);
        // "and Russian President Putin": a demonym before a title is part of the name.
        let demonym = it.is_actor() && it.modifier && n < 2;
        let adjective = !it.is_actor()
            && !it.punct
            && n < 2
            && w.chars().all(|c| c.is_alphabetic())
            && !STOP.contains(&w)
            && !PREPOSITIONS.contains(&w)
            && !w.ends_with("ed")
            && !w.ends_with("ing");
        if !(det || adjective || demonym) {
            break;
        }
        n += 1;
    }
    // Only keep the modifiers when a joiner really precedes them.
    if joiner_before(&out[..out.len() - n]).is_some() {
        n
    } else {
        0
    }
}

/// How many trailing items form a list joiner (`and`, `,`, `or`, `, and`, `as well as`).
fn joiner_before(out: &[Item]) -> Option<usize> {
    let w = |k: usize| out.len().checked_sub(k).map(|i| out[i].lower.as_str());
    match (w(3), w(2), w(1)) {
        (Some("as"), Some("well"), Some("as")) => Some(3),
        (_, Some(","), Some("and" | "or")) => Some(2),
        (_, _, Some("and" | "or" | "nor" | "," | "&")) => Some(1),
        _ => None,
    }
}

fn find_cues(items: &[Item], lex: &Lexicon) -> Vec<(usize, usize, CueKind)> {
    let mut out = Vec::new();
    for i in 0..items.len() {
        let Some(list) = lex.cues.get(&items[i].lower) else {
            continue;
        };
        for (words, kind) in list {
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| items.get(i + k).is_some_and(|it| &it.lower == w));
            if fits {
                out.push((i, words.len(), *kind));
            }
        }
    }
    out
}
