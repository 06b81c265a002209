//! Events merged across documents into facts.
//!
//! Merge key: (source country, target country, action category, planned or not), then a
//! date window inside each key. Actor codes are compared at the country level (`PRK`,
//! `PRKGOV` and `PRKMIL` are all North Korea) except for non-state prefixes (`IGOUNO` and
//! `IGONAT` stay apart). The category is the CAMEO root (or the PLOVER type when the coder
//! gave no root).
//!
//! Inside a key, events whose dates are known to within the window are clustered greedily:
//! a cluster spans at most `window_days` from its earliest day. Events with coarser dates
//! (a month when the window is shorter, a year) join the overlapping cluster with the most
//! events; undated ones join the largest cluster. Denials (`Denied`, `Negated`) never make
//! their own fact when the key has support: they join the cluster of the event they deny,
//! else the nearest cluster in time, and mark it contested. Hypothetical events are not
//! claims about the world and are left out; planned events make separate facts. Last, a
//! cluster whose events name different places (by country, else by name) splits into one
//! fact per place; events that name none join the largest.

use crate::dates::interval;
use crate::DocInfo;
use sitrep_model::{Event, EventRef, Fact, Modality};
use std::collections::HashMap;
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Tuning of [`merge_facts_with`].
#[derive(Clone, Debug)]
pub struct MergeConfig {
    /// Events of one key whose dates lie within this many days of a cluster's first day
    /// belong to the same fact.
    pub window_days: i64,
}

impl Default for MergeConfig {
    fn default() -> Self {
        MergeConfig { window_days: 30 }
    }
}

/// Code prefixes that are not countries: their agent code is part of the identity.
const NON_STATE: &[&str] = &[
    "IGO", "NGO", "NGM", "MNC", "IMG", "INS", "REB", "UIS", "SPY",
];

/// The part of an actor code that decides merge compatibility.
pub fn merge_code(code: &str) -> &str {
    let head = code.get(..3).unwrap_or(code);
    if NON_STATE.contains(&head) {
        code.get(..6).unwrap_or(code)
    } else {
        head
    }
}

/// One event as the merger sees it.
struct Item<'a> {
    doc: usize,
    index: u32,
    event: &'a Event,
    denial: bool,
    /// Day interval of the event date, else of the publication date.
    days: Option<(i64, i64)>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    source: String,
    target: String,
    category: String,
    planned: bool,
}

#[derive(Default)]
struct Cluster {
    /// Day the window starts, when dated.
    anchor: Option<(i64, i64)>,
    members: Vec<usize>,
    /// The place shared by the members, when the cluster was split by place.
    place: Option<String>,
}

/// Merges events from many documents into facts. `events` pairs an index into `docs`
/// with the event's index in its document and the event itself.
///
/// `mentions`, `documents`, `outlets` and `origins` count the supporting (not denying)
/// events; `events` lists denials too, so every name in `denied_by` has its provenance.
/// A fact made only of denials counts those. Outlets fall back to the document id when
/// unknown; origins follow `copy_of` chains, so every syndicated copy counts once.
/// Entries whose document index is out of range, events without a source and
/// hypothetical events are skipped. Sorted by origins, documents, mentions, descending.
pub fn merge_facts(docs: &[DocInfo], events: &[(usize, u32, &Event)]) -> Vec<Fact> {
    merge_facts_with(docs, events, &MergeConfig::default())
}

/// [`merge_facts`] with explicit tuning.
pub fn merge_facts_with(
    docs: &[DocInfo],
    events: &[(usize, u32, &Event)],
    config: &MergeConfig,
) -> Vec<Fact> {
    let mut groups: HashMap<Key, Vec<Item>> = HashMap::new();
    for &(doc, index, event) in events {
        if docs.get(doc).is_none() {
            continue;
        }
        let Some(key) = key_of(event) else { continue };
        // Only a date the text gives places the event in time; a publication date says
        // when it was reported, so such events count as undated and join the largest
        // cluster of their key (an ongoing supply relation reported for months is one fact).
        let days = event
            .date
            .as_ref()
            .filter(|d| d.from != "document")
            .and_then(|d| interval(&d.date));
        let denial = matches!(event.modality, Modality::Denied | Modality::Negated);
        groups.entry(key).or_default().push(Item {
            doc,
            index,
            event,
            denial,
            days,
        });
    }
    let origins = Origins::new(docs);
    let mut facts: Vec<Fact> = groups
        .into_iter()
        .flat_map(|(key, items)| {
            cluster(&items, config.window_days)
                .into_iter()
                .flat_map(|c| split_by_place(c, &items))
                .map(|c| build_fact(&key, &items, &c, docs, &origins))
                .collect::<Vec<_>>()
        })
        .collect();
    facts.sort_by(|a, b| {
        (b.origins, b.documents, b.mentions)
            .cmp(&(a.origins, a.documents, a.mentions))
            .then_with(|| a.id.cmp(&b.id))
    });
    facts
}

fn key_of(event: &Event) -> Option<Key> {
    if event.modality == Modality::Hypothetical {
        return None;
    }
    let source = merge_code(&event.source.as_ref()?.code).to_string();
    let target = event
        .target
        .as_ref()
        .map(|t| merge_code(&t.code).to_string())
        .unwrap_or_default();
    Some(Key {
        source,
        target,
        category: category(event)?,
        planned: event.modality == Modality::Planned,
    })
}

fn category(event: &Event) -> Option<String> {
    let root = if event.root.is_empty() {
        event.cameo.get(..2).unwrap_or("")
    } else {
        &event.root
    };
    if !root.is_empty() {
        Some(root.to_string())
    } else if !event.plover.is_empty() {
        Some(event.plover.to_ascii_uppercase())
    } else {
        None
    }
}

/// Splits one key's events into date clusters (indexes into `items`).
fn cluster(items: &[Item], window: i64) -> Vec<Cluster> {
    let precise = |it: &Item| it.days.is_some_and(|(lo, hi)| hi - lo <= window);
    let (support, denials): (Vec<usize>, Vec<usize>) =
        (0..items.len()).partition(|&i| !items[i].denial);
    let primary = if support.is_empty() {
        &denials
    } else {
        &support
    };
    let mut order: Vec<usize> = primary
        .iter()
        .copied()
        .filter(|&i| precise(&items[i]))
        .collect();
    order.sort_by_key(|&i| (items[i].days, i));
    let mut clusters: Vec<Cluster> = Vec::new();
    for i in order {
        let Some((lo, hi)) = items[i].days else {
            continue;
        };
        match clusters.last_mut() {
            Some(c) if c.anchor.is_some_and(|(a, _)| lo <= a + window) => {
                c.members.push(i);
                if let Some(anchor) = c.anchor.as_mut() {
                    anchor.1 = anchor.1.max(hi);
                }
            }
            _ => clusters.push(Cluster {
                anchor: Some((lo, hi)),
                members: vec![i],
                place: None,
            }),
        }
    }
    let rest = primary.iter().copied().filter(|&i| !precise(&items[i]));
    for i in rest {
        attach_loose(&mut clusters, i, items[i].days);
    }
    if !support.is_empty() {
        for &i in &denials {
            attach_denial(&mut clusters, items, i);
        }
    }
    clusters
}

/// Splits a cluster whose events name different places (countries where known, else
/// names): a summit in one capital and a summit in another are two happenings. Events
/// that name no place join the group with the most events.
fn split_by_place(cluster: Cluster, items: &[Item]) -> Vec<Cluster> {
    let place_of = |i: usize| {
        items[i]
            .event
            .place
            .as_ref()
            .map(|p| p.country.clone().unwrap_or_else(|| p.name.to_lowercase()))
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut unplaced = Vec::new();
    for &i in &cluster.members {
        match place_of(i) {
            Some(place) => match groups.iter_mut().find(|g| g.0 == place) {
                Some(g) => g.1.push(i),
                None => groups.push((place, vec![i])),
            },
            None => unplaced.push(i),
        }
    }
    if groups.len() <= 1 {
        return vec![cluster];
    }
    let largest = (0..groups.len())
        .max_by_key(|&g| (groups[g].1.len(), usize::MAX - g))
        .unwrap_or(0);
    groups[largest].1.extend(unplaced);
    groups
        .into_iter()
        .enumerate()
        .map(|(g, (place, mut members))| {
            members.sort_unstable();
            Cluster {
                anchor: cluster.anchor,
                members,
                // The largest group keeps the id the fact had before another place
                // appeared, so ids stay stable as documents arrive.
                place: (g != largest).then_some(place),
            }
        })
        .collect()
}

/// Puts an imprecisely dated or undated event into the best overlapping cluster, or a
/// cluster of events with the same coarse date.
fn attach_loose(clusters: &mut Vec<Cluster>, i: usize, days: Option<(i64, i64)>) {
    let overlaps = |c: &Cluster| match (c.anchor, days) {
        (Some((a, b)), Some((lo, hi))) => lo <= b && a <= hi,
        (_, None) => true,
        (None, Some(_)) => false,
    };
    let best = clusters
        .iter_mut()
        .filter(|c| overlaps(c) && (c.anchor.is_some() || days.is_none()))
        .max_by_key(|c| c.members.len());
    if let Some(c) = best {
        c.members.push(i);
        return;
    }
    if let Some(c) = clusters.iter_mut().find(|c| c.anchor == days) {
        c.members.push(i);
        return;
    }
    clusters.push(Cluster {
        anchor: days,
        members: vec![i],
        place: None,
    });
}

/// A denial joins the cluster holding the event it denies, else the one nearest in time.
fn attach_denial(clusters: &mut [Cluster], items: &[Item], i: usize) {
    let it = &items[i];
    let denied = it.event.denies.and_then(|d| {
        clusters.iter().position(|c| {
            c.members
                .iter()
                .any(|&m| items[m].doc == it.doc && items[m].index == d)
        })
    });
    let distance = |c: &Cluster| match (c.anchor, it.days) {
        (Some((a, b)), Some((lo, hi))) => (a - hi).max(lo - b).max(0),
        _ => i64::MAX / 2,
    };
    let nearest = || {
        (0..clusters.len()).min_by_key(|&c| {
            (
                distance(&clusters[c]),
                usize::MAX - clusters[c].members.len(),
            )
        })
    };
    if let Some(c) = denied.or_else(nearest) {
        clusters[c].members.push(i);
    }
}

/// Resolves syndication chains: every document maps to the document it ultimately copies.
struct Origins<'a> {
    by_id: HashMap<&'a str, usize>,
    docs: &'a [DocInfo],
}

impl<'a> Origins<'a> {
    fn new(docs: &'a [DocInfo]) -> Self {
        let by_id = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        Origins { by_id, docs }
    }

    fn origin(&self, doc: usize) -> &'a str {
        let mut cur = &self.docs[doc];
        // Bounded walk: a cycle in copy_of must not hang the linker.
        for _ in 0..64 {
            match cur.copy_of.as_deref().and_then(|id| self.by_id.get(id)) {
                Some(&next) if self.docs[next].id != cur.id => cur = &self.docs[next],
                _ => break,
            }
        }
        match cur.copy_of.as_deref() {
            Some(id) if !self.by_id.contains_key(id) => id,
            _ => &cur.id,
        }
    }
}

fn build_fact(key: &Key, items: &[Item], c: &Cluster, docs: &[DocInfo], origins: &Origins) -> Fact {
    let members: Vec<&Item> = c.members.iter().map(|&i| &items[i]).collect();
    let support: Vec<&Item> = members.iter().copied().filter(|m| !m.denial).collect();
    let counted = if support.is_empty() {
        &members
    } else {
        &support
    };
    let sources: Vec<_> = counted
        .iter()
        .filter_map(|m| m.event.source.as_ref())
        .collect();
    let targets: Vec<_> = counted
        .iter()
        .filter_map(|m| m.event.target.as_ref())
        .collect();
    let source = common_code(sources.iter().map(|a| a.code.as_str()), &key.source);
    let target = common_code(targets.iter().map(|a| a.code.as_str()), &key.target);
    let source_name = actor_name(
        &source,
        sources.iter().map(|a| (a.code.as_str(), a.name.as_str())),
    );
    let target_name = actor_name(
        &target,
        targets.iter().map(|a| (a.code.as_str(), a.name.as_str())),
    );
    let label = label(&key.category, key.planned);
    let mut events: Vec<EventRef> = members
        .iter()
        .map(|m| EventRef {
            doc: docs[m.doc].id.clone(),
            event: m.index,
        })
        .collect();
    events.sort_by(|a, b| (&a.doc, a.event).cmp(&(&b.doc, b.event)));
    let (asserted_by, hedged_by, denied_by) = claimants(&members, docs);
    let (first_seen, last_seen) = seen(&members, docs);
    let anchor = c
        .anchor
        .map(|(a, _)| a.to_string())
        .unwrap_or_else(|| "undated".into());
    let mut id_key = format!(
        "{}|{}|{}|{}|{}",
        key.source, key.target, key.category, key.planned, anchor
    );
    if let Some(place) = &c.place {
        id_key.push('|');
        id_key.push_str(place);
    }
    Fact {
        id: format!("{:016x}", xxh3_64(id_key.as_bytes())),
        source,
        source_name,
        target,
        target_name,
        root: key.category.clone(),
        cameo: most_frequent(counted.iter().map(|m| m.event.cameo.as_str())).to_string(),
        plover: most_frequent(counted.iter().map(|m| m.event.plover.as_str())).to_string(),
        quad_class: most_frequent(counted.iter().map(|m| m.event.quad_class)),
        label,
        objects: ranked(counted.iter().filter_map(|m| m.event.object.as_deref())),
        mentions: counted.len() as u32,
        documents: distinct(counted.iter().map(|m| docs[m.doc].id.as_str())),
        outlets: distinct(counted.iter().map(|m| outlet(&docs[m.doc]))),
        origins: distinct(counted.iter().map(|m| origins.origin(m.doc))),
        contested: !denied_by.is_empty(),
        asserted_by,
        hedged_by,
        denied_by,
        first_seen,
        last_seen,
        events,
    }
}

fn outlet(doc: &DocInfo) -> &str {
    doc.outlet.as_deref().unwrap_or(&doc.id)
}

fn distinct<'a>(it: impl Iterator<Item = &'a str>) -> u32 {
    let mut v: Vec<&str> = it.collect();
    v.sort_unstable();
    v.dedup();
    v.len() as u32
}

/// The longest code, in three-letter units, that every code starts with; `fallback` when
/// they share less than it.
fn common_code<'a>(codes: impl Iterator<Item = &'a str>, fallback: &str) -> String {
    let mut common: Option<&str> = None;
    for code in codes {
        common = Some(match common {
            None => code,
            Some(c) => {
                let mut n = 0;
                while n + 3 <= c.len().min(code.len()) && c.get(n..n + 3) == code.get(n..n + 3) {
                    n += 3;
                }
                c.get(..n).unwrap_or("")
            }
        });
    }
    match common {
        Some(c) if c.len() >= fallback.len() => c.to_string(),
        _ => fallback.to_string(),
    }
}

/// The name for a fact's actor: the country's name for a bare country code, or when
/// different actors of one country merged ("John Kirby", "Antony Blinken": the United
/// States); else the most frequent name of the actors carrying exactly that code, else of
/// any of them.
fn actor_name<'a>(code: &str, actors: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> String {
    let country = code.get(..3).and_then(|c| countries().get(c));
    if let Some(name) = country {
        let mut names = actors.clone().map(|a| a.1);
        let first = names.next();
        if code.len() == 3 || names.any(|n| Some(n) != first) {
            return name.clone();
        }
    }
    let exact: Vec<&str> = actors
        .clone()
        .filter(|(c, _)| *c == code)
        .map(|a| a.1)
        .collect();
    let pool: Vec<&str> = if exact.is_empty() {
        actors.map(|a| a.1).collect()
    } else {
        exact
    };
    if pool.is_empty() {
        return code.to_string();
    }
    most_frequent(pool.into_iter()).to_string()
}

fn most_frequent<T: Copy + Ord + Default>(it: impl Iterator<Item = T>) -> T {
    let mut v: Vec<T> = it.collect();
    v.sort_unstable();
    let mut best = (0usize, T::default());
    let mut i = 0;
    while i < v.len() {
        let j = v[i..].iter().take_while(|x| **x == v[i]).count();
        if j > best.0 {
            best = (j, v[i]);
        }
        i += j;
    }
    best.1
}

/// Distinct values, most frequent first, ties in first-seen order.
fn ranked<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for x in it {
        match counts.iter_mut().find(|(y, _)| *y == x) {
            Some(c) => c.1 += 1,
            None => counts.push((x, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().map(|(x, _)| x.to_string()).collect()
}

type Claimants = (Vec<String>, Vec<String>, Vec<String>);

fn claimants(members: &[&Item], docs: &[DocInfo]) -> Claimants {
    let (mut asserted, mut hedged, mut denied) = (Vec::new(), Vec::new(), Vec::new());
    for m in members {
        let who = m
            .event
            .claimant
            .as_ref()
            .map(|c| {
                if c.name.is_empty() {
                    c.code.clone()
                } else {
                    c.name.clone()
                }
            })
            .or_else(|| docs[m.doc].outlet.clone())
            .unwrap_or_else(|| "unnamed outlet".to_string());
        let list = match m.event.modality {
            Modality::Hedged => &mut hedged,
            Modality::Denied | Modality::Negated => &mut denied,
            _ => &mut asserted,
        };
        if !list.contains(&who) {
            list.push(who);
        }
    }
    for list in [&mut asserted, &mut hedged, &mut denied] {
        drop_bare_surnames(list);
    }
    (asserted, hedged, denied)
}

/// Drops a one-word name when the same list holds it with a first name ("Kirby" beside
/// "John Kirby"): one document's second reference and another's full name are one person.
/// Only person-shaped names merge: the full name is two or three capitalised words, and the
/// bare word is no organisation's head noun ("Army" beside "Free Syrian Army" is another
/// claimant).
fn drop_bare_surnames(list: &mut Vec<String>) {
    const ORG_HEADS: &[&str] = &[
        "Army",
        "Navy",
        "Police",
        "Government",
        "Ministry",
        "Council",
        "Party",
        "Court",
        "Union",
        "Agency",
        "Committee",
        "Office",
        "Forces",
        "Force",
        "Guard",
        "Front",
        "Movement",
        "Assembly",
        "Parliament",
        "Congress",
        "Senate",
        "House",
        "Department",
        "Times",
        "Post",
        "News",
        "Press",
        "Herald",
        "Journal",
        "Daily",
        "Service",
        "Group",
        "Military",
        "Commission",
        "Embassy",
        "Authority",
        "Bank",
        "Taliban",
        "Brigade",
    ];
    let person_like = |full: &str| {
        let words: Vec<&str> = full.split(' ').collect();
        (2..=3).contains(&words.len())
            && words[0] != "The"
            // "Pakistani Taliban" is a group, not a first name and a surname.
            && !sitrep_text::is_demonym(words[0])
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            })
    };
    let people: Vec<String> = list.iter().filter(|n| person_like(n)).cloned().collect();
    list.retain(|name| {
        let bare = !name.contains(' ')
            && name.starts_with(char::is_uppercase)
            && !ORG_HEADS.contains(&name.as_str());
        !(bare
            && people.iter().any(|full| {
                full.strip_suffix(name.as_str())
                    .is_some_and(|first| first.ends_with(' '))
            }))
    });
}

/// Earliest and latest of the event dates and publication dates.
/// First and last day the fact was reported: publication days of the supporting documents,
/// or the event's own date where a document has none.
fn seen(members: &[&Item], docs: &[DocInfo]) -> (Option<String>, Option<String>) {
    let days = members.iter().filter_map(|m| {
        let published = docs[m.doc].published.as_ref().map(|d| d.value.as_str());
        let value = published.or_else(|| m.event.date.as_ref().map(|d| d.date.value.as_str()))?;
        Some(value.get(..10).unwrap_or(value))
    });
    let (mut first, mut last): (Option<&str>, Option<&str>) = (None, None);
    for d in days {
        if first.is_none_or(|f| d < f) {
            first = Some(d);
        }
        if last.is_none_or(|l| d > l) {
            last = Some(d);
        }
    }
    (first.map(str::to_string), last.map(str::to_string))
}

fn label(category: &str, planned: bool) -> String {
    let base = labels()
        .get(category)
        .cloned()
        .unwrap_or_else(|| category.to_ascii_lowercase());
    if planned {
        format!("planned: {base}")
    } else {
        base
    }
}

fn table(name: &str, text: &str, key: &str, value: &str) -> HashMap<String, String> {
    // The files are embedded and covered by tests, so a parse failure means an empty table
    // (codes and roots then stand for themselves), never a panic.
    let Ok(dict) = sitrep_data::parse(name, text) else {
        return HashMap::new();
    };
    dict.entries
        .iter()
        .filter_map(|e| {
            Some((
                e.get(&dict, key)?.to_string(),
                e.get(&dict, value)?.to_string(),
            ))
        })
        .collect()
}

pub(crate) const ROOTS_TSV: &str = include_str!("../../../data/link/roots.tsv");
pub(crate) const COUNTRIES_TSV: &str = include_str!("../../../data/link/countries.tsv");

fn labels() -> &'static HashMap<String, String> {
    static T: OnceLock<HashMap<String, String>> = OnceLock::new();
    T.get_or_init(|| table("link/roots.tsv", ROOTS_TSV, "root", "label"))
}

fn countries() -> &'static HashMap<String, String> {
    static T: OnceLock<HashMap<String, String>> = OnceLock::new();
    T.get_or_init(|| table("link/countries.tsv", COUNTRIES_TSV, "code", "name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        assert!(sitrep_data::parse("link/roots.tsv", ROOTS_TSV).is_ok());
        assert!(sitrep_data::parse("link/countries.tsv", COUNTRIES_TSV).is_ok());
        assert_eq!(labels().get("07").map(String::as_str), Some("provide aid"));
        assert_eq!(
            countries().get("PRK").map(String::as_str),
            Some("North Korea")
        );
    }

    #[test]
    fn codes_merge_at_country_level_except_non_state() {
        assert_eq!(merge_code("PRKMIL"), "PRK");
        assert_eq!(merge_code("PRK"), "PRK");
        assert_eq!(merge_code("IGOUNO"), "IGOUNO");
        assert_eq!(common_code(["PRKGOV", "PRKMIL"].into_iter(), "PRK"), "PRK");
        assert_eq!(
            common_code(["PRKMIL", "PRKMIL"].into_iter(), "PRK"),
            "PRKMIL"
        );
    }

    #[test]
    fn a_bare_surname_joins_the_full_name_of_the_same_list() {
        let mut list: Vec<String> = ["Yonhap", "Kirby", "the White House", "John Kirby", "Marlow"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        drop_bare_surnames(&mut list);
        assert_eq!(list, ["Yonhap", "the White House", "John Kirby", "Marlow"]);
        let strings =
            |names: &[&str]| -> Vec<String> { names.iter().map(|s| s.to_string()).collect() };
        let mut orgs = strings(&[
            "Army",
            "Free Syrian Army",
            "Police",
            "Delhi Police",
            "Taliban",
            "Pakistani Taliban",
        ]);
        let before = orgs.clone();
        drop_bare_surnames(&mut orgs);
        assert_eq!(orgs, before);
        let mut people = strings(&["Ayrault", "Jean-Marc Ayrault", "Kennedy", "John F. Kennedy"]);
        drop_bare_surnames(&mut people);
        assert_eq!(people, ["Jean-Marc Ayrault", "John F. Kennedy"]);
    }
}
