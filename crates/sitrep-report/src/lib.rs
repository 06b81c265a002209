//! Situation reports: what a careful reader of the stored articles should come away
//! with — the main actors, the strongest relations with who asserts and who denies them,
//! a dated timeline and notable quotes — as a serialisable [`SituationReport`] that
//! renders to Markdown.

use serde::Serialize;
use sitrep_model::{Fact, QuoteKind};
use sitrep_store::{ActorCount, DocRow, QuoteRow, Store, StoreError, Totals};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// How much of each section to show.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Actors listed.
    pub actors: usize,
    /// Relations listed.
    pub relations: usize,
    /// Timeline entries.
    pub timeline: usize,
    /// Quotes.
    pub quotes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            actors: 12,
            relations: 15,
            timeline: 25,
            quotes: 8,
        }
    }
}

/// A document cited as support.
#[derive(Clone, Debug, Serialize)]
pub struct Cited {
    /// Document id.
    pub id: String,
    /// Headline, or the source path when there is none.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
}

/// One source → action → target relation backed by a fact.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    /// The merged fact.
    pub fact: Fact,
    /// The documents that support it.
    pub documents: Vec<Cited>,
}

/// One dated line of the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    /// ISO date (precision as known).
    pub date: String,
    /// `clause` or `document`: whether the text dated it or the publication date did.
    pub dated_by: String,
    /// `North Korea → provide military aid → Russia`.
    pub what: String,
    /// Asserted, claimed, hedged, denied, ...
    pub modality: String,
    /// Who says so.
    pub claimant: Option<String>,
    /// The supporting document.
    pub document: Cited,
}

/// A notable quote.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteEntry {
    /// The speaker.
    pub speaker: String,
    /// The actor code of the speaker, when resolved.
    pub speaker_code: Option<String>,
    /// The words.
    pub text: String,
    /// Verbatim (`direct`), or reported in the writer's words (`indirect`, `mixed`).
    pub kind: QuoteKind,
    /// Where.
    pub document: Cited,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct SituationReport {
    /// Totals over the database.
    pub totals: Totals,
    /// Actors mentioned in the most documents.
    pub actors: Vec<ActorCount>,
    /// The strongest relations, ranked by independent sources.
    pub relations: Vec<Relation>,
    /// Dated events, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Notable quotes with their speakers.
    pub quotes: Vec<QuoteEntry>,
}

/// Builds the report from the database.
pub fn build(store: &Store, limits: Limits) -> Result<SituationReport, StoreError> {
    let docs: HashMap<String, DocRow> = store
        .documents()?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let cite = |id: &str| cite(&docs, id);
    let relations = store
        .facts()?
        .into_iter()
        .filter(|f| !f.target.is_empty() && !f.source.is_empty())
        .take(limits.relations)
        .map(|fact| {
            let mut seen = HashSet::new();
            let documents = fact
                .events
                .iter()
                .filter(|e| seen.insert(e.doc.clone()))
                .map(|e| cite(&e.doc))
                .collect();
            Relation { fact, documents }
        })
        .collect();
    let quotes = notable(store.quotes(limits.quotes * 4)?, limits.quotes)
        .into_iter()
        .map(|q| QuoteEntry {
            speaker: q.speaker.unwrap_or_default(),
            speaker_code: q.speaker_code,
            text: q.quote.text,
            kind: q.quote.kind,
            document: cite(&q.doc),
        })
        .collect();
    Ok(SituationReport {
        totals: store.totals()?,
        actors: store.top_actors(limits.actors)?,
        relations,
        timeline: timeline(store, &docs, limits.timeline)?,
        quotes,
    })
}

/// The quotes worth showing, longest first as the store gives them: verbatim words before
/// reported ones, since a reader takes a quotation for the speaker's own words.
fn notable(rows: Vec<QuoteRow>, limit: usize) -> Vec<QuoteRow> {
    let mut rows: Vec<QuoteRow> = rows
        .into_iter()
        .filter(|q| q.quote.text.split_whitespace().count() >= 6)
        .collect();
    rows.sort_by_key(|q| q.quote.kind != QuoteKind::Direct);
    rows.truncate(limit);
    rows
}

fn cite(docs: &HashMap<String, DocRow>, id: &str) -> Cited {
    let doc = docs.get(id);
    Cited {
        id: id.to_string(),
        title: doc
            .and_then(|d| d.title.clone().or_else(|| Some(d.source.clone())))
            .unwrap_or_else(|| id.to_string()),
        outlet: doc.and_then(|d| d.outlet.clone()),
        published: doc.and_then(|d| {
            d.published
                .as_ref()
                .map(|p| p.value.get(..10).unwrap_or(&p.value).to_string())
        }),
    }
}

/// Dated events with both actors, one line per distinct (day, relation, modality), from
/// original documents only (a syndicated copy repeats its original). Events the text itself
/// dates come first; events dated only by their report fill the rest, material ones
/// (quad classes 2 and 4) before statements.
fn timeline(
    store: &Store,
    docs: &HashMap<String, DocRow>,
    limit: usize,
) -> Result<Vec<TimelineEntry>, StoreError> {
    let mut seen = HashSet::new();
    let mut candidates: Vec<(u8, TimelineEntry)> = store
        .events()?
        .into_iter()
        .filter(|row| docs.get(&row.doc).is_some_and(|d| d.copy_of.is_none()))
        .filter_map(|row| {
            let e = &row.event;
            let (source, target, date) = (e.source.as_ref()?, e.target.as_ref()?, e.date.as_ref()?);
            let day = date
                .date
                .value
                .get(..10)
                .unwrap_or(&date.date.value)
                .to_string();
            let what = format!(
                "{} → {} → {}",
                source.name,
                action_label(&e.cameo),
                target.name
            );
            let by_text = date.from != "document";
            let priority = match (by_text, matches!(e.quad_class, 2 | 4)) {
                (true, _) => 0,
                (false, true) => 1,
                (false, false) => 2,
            };
            seen.insert((day.clone(), what.clone(), e.modality))
                .then(|| {
                    let entry = TimelineEntry {
                        date: day,
                        dated_by: date.from.clone(),
                        what,
                        modality: e.modality.as_str().to_string(),
                        claimant: e.claimant.as_ref().map(|c| c.name.clone()),
                        document: cite(docs, &row.doc),
                    };
                    (priority, entry)
                })
        })
        .collect();
    candidates.sort_by(|a, b| (a.0, &a.1.date).cmp(&(b.0, &b.1.date)));
    let mut entries: Vec<TimelineEntry> =
        candidates.into_iter().take(limit).map(|(_, e)| e).collect();
    entries.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(entries)
}

/// A short verb phrase for a CAMEO code, by root.
pub fn action_label(cameo: &str) -> &'static str {
    match cameo.get(..3).unwrap_or(cameo) {
        "072" => return "provide military aid",
        "071" => return "provide economic aid",
        "073" => return "provide humanitarian aid",
        _ => {}
    }
    match cameo.get(..2).unwrap_or("") {
        "01" => "make public statement",
        "02" => "appeal to",
        "03" => "express intent to cooperate with",
        "04" => "consult",
        "05" => "engage in diplomatic cooperation with",
        "06" => "engage in material cooperation with",
        "07" => "provide aid to",
        "08" => "yield to",
        "09" => "investigate",
        "10" => "demand from",
        "11" => "disapprove of",
        "12" => "reject",
        "13" => "threaten",
        "14" => "protest against",
        "15" => "exhibit force posture toward",
        "16" => "reduce relations with",
        "17" => "coerce",
        "18" => "assault",
        "19" => "fight",
        "20" => "use mass violence against",
        _ => "act toward",
    }
}

/// Renders the report as Markdown.
pub fn to_markdown(report: &SituationReport) -> String {
    let mut out = String::new();
    let t = &report.totals;
    let _ = writeln!(out, "# Situation report\n");
    let _ = writeln!(
        out,
        "{} documents ({} copies of others, {}) from {} outlets, {} to {}; {} events merged into {} facts; {} quotes.\n",
        t.documents,
        t.duplicates,
        if t.stories == 1 { "1 story".to_string() } else { format!("{} stories", t.stories) },
        t.outlets,
        t.first_published.as_deref().unwrap_or("?"),
        t.last_published.as_deref().unwrap_or("?"),
        t.events,
        t.facts,
        t.quotes
    );
    write_actors(&mut out, &report.actors);
    write_relations(&mut out, &report.relations);
    write_timeline(&mut out, &report.timeline);
    write_quotes(&mut out, &report.quotes);
    out
}

fn write_actors(out: &mut String, actors: &[ActorCount]) {
    let _ = writeln!(out, "## Main actors\n");
    if actors.is_empty() {
        let _ = writeln!(out, "No actors found.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| actor | code | kind | documents | mentions |\n|---|---|---|---:|---:|"
    );
    for a in actors {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            a.name, a.code, a.kind, a.documents, a.mentions
        );
    }
    let _ = writeln!(out);
}

/// Relations in two groups, each strongest first: what actors did to each other (material
/// cooperation and conflict, quad classes 2 and 4), then what they said about each other.
fn write_relations(out: &mut String, relations: &[Relation]) {
    let _ = writeln!(out, "## Strongest relations\n");
    if relations.is_empty() {
        let _ = writeln!(out, "No relations between two actors were coded.\n");
        return;
    }
    let (actions, statements): (Vec<&Relation>, Vec<&Relation>) = relations
        .iter()
        .partition(|r| matches!(r.fact.quad_class, 2 | 4));
    for (heading, group) in [("Actions", actions), ("Statements", statements)] {
        if !group.is_empty() {
            let _ = writeln!(out, "### {heading}\n");
            write_relation_list(out, &group);
        }
    }
}

fn write_relation_list(out: &mut String, relations: &[&Relation]) {
    for (i, r) in relations.iter().enumerate() {
        let f = &r.fact;
        let objects = if f.objects.is_empty() {
            String::new()
        } else {
            format!(" ({})", f.objects.join(", "))
        };
        let _ = writeln!(
            out,
            "{}. **{} → {}{} → {}** — CAMEO {} / {}; {}, {}, {} independent, {}{}",
            i + 1,
            f.source_name,
            f.label,
            objects,
            f.target_name,
            f.cameo,
            f.plover,
            count(f.documents, "document"),
            count(f.outlets, "outlet"),
            f.origins,
            count(f.mentions, "mention"),
            if f.contested { "; **contested**" } else { "" }
        );
        let span = match (&f.first_seen, &f.last_seen) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".to_string(),
        };
        let _ = writeln!(out, "   - seen: {span}");
        for (label, who) in [
            ("asserted by", &f.asserted_by),
            ("hedged by", &f.hedged_by),
            ("denied by", &f.denied_by),
        ] {
            if !who.is_empty() {
                let _ = writeln!(out, "   - {label}: {}", who.join("; "));
            }
        }
        for d in &r.documents {
            let _ = writeln!(out, "   - source: {}", cited(d));
        }
    }
    let _ = writeln!(out);
}

fn write_timeline(out: &mut String, timeline: &[TimelineEntry]) {
    let _ = writeln!(out, "## Timeline\n");
    if timeline.is_empty() {
        let _ = writeln!(out, "No dated events.\n");
        return;
    }
    for e in timeline {
        let who = e
            .claimant
            .as_deref()
            .map(|c| format!(", per {c}"))
            .unwrap_or_default();
        let dated = if e.dated_by == "document" {
            " (publication date)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "- {}{dated}: {} [{}{who}] — {}",
            e.date,
            e.what,
            e.modality,
            cited(&e.document)
        );
    }
    let _ = writeln!(out);
}

fn write_quotes(out: &mut String, quotes: &[QuoteEntry]) {
    let _ = writeln!(out, "## Notable quotes\n");
    if quotes.is_empty() {
        let _ = writeln!(out, "No attributed quotes.\n");
        return;
    }
    for q in quotes {
        // Only verbatim words go inside quotation marks; reported speech says so.
        let words = match q.kind {
            QuoteKind::Direct => format!("“{}”", q.text.trim()),
            QuoteKind::Indirect | QuoteKind::Mixed => format!("{} *(reported)*", q.text.trim()),
        };
        let _ = writeln!(
            out,
            "> {words}\n> — **{}**, {}\n",
            q.speaker,
            cited(&q.document)
        );
    }
}

/// `1 document`, `4 documents`.
fn count(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn cited(d: &Cited) -> String {
    let mut s = format!("“{}”", d.title);
    if let Some(o) = &d.outlet {
        let _ = write!(s, ", {o}");
    }
    if let Some(p) = &d.published {
        let _ = write!(s, ", {p}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{Quote, Span};

    fn row(text: &str, kind: QuoteKind) -> QuoteRow {
        QuoteRow {
            doc: "d".into(),
            quote: Quote {
                span: Span::new(0, text.len()),
                text: text.into(),
                kind,
                speaker: None,
                speaker_name: Some("Kirby".into()),
                cue: None,
            },
            speaker: Some("John Kirby".into()),
            speaker_code: None,
        }
    }

    #[test]
    fn verbatim_quotes_come_first_and_short_ones_are_left_out() {
        let rows = vec![
            row(
                "the soldiers were “essentially slaves” to the regime, he said",
                QuoteKind::Mixed,
            ),
            row(
                "We are keeping a close eye on this relationship.",
                QuoteKind::Direct,
            ),
            row("Too short to matter.", QuoteKind::Direct),
            row(
                "Russia is providing technology and support to the North.",
                QuoteKind::Indirect,
            ),
        ];
        let kinds: Vec<_> = notable(rows, 2).iter().map(|q| q.quote.kind).collect();
        assert_eq!(kinds, [QuoteKind::Direct, QuoteKind::Mixed]);
    }

    #[test]
    fn only_verbatim_words_are_printed_inside_quotation_marks() {
        let cited = Cited {
            id: "d".into(),
            title: "Shells".into(),
            outlet: None,
            published: None,
        };
        let entry = |text: &str, kind| QuoteEntry {
            speaker: "John Kirby".into(),
            speaker_code: None,
            text: text.into(),
            kind,
            document: cited.clone(),
        };
        let mut out = String::new();
        write_quotes(
            &mut out,
            &[
                entry("We are watching closely.", QuoteKind::Direct),
                entry("Russia is providing technology", QuoteKind::Indirect),
            ],
        );
        assert!(out.contains("> “We are watching closely.”"), "{out}");
        assert!(
            out.contains("> Russia is providing technology *(reported)*"),
            "{out}"
        );
    }
}
