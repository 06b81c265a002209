//! `timex`: time expressions on TempEval-3 (TimeBank + AQUAINT): `docs.jsonl` (id, dct,
//! text) and `timex.jsonl` (doc, type, value, character start/end).
//!
//! End to end: strict span F1 (same bytes), relaxed span F1 (overlap) and value F1 (a
//! relaxed match whose normalised value equals the gold value). The value is compared as
//! TimeML writes it (`1998-01-08`, `1998-W02`, `P1W`, `PAST_REF`).
//!
//! With `SITREP_TIMEX_ERRORS=1` in the environment, every mismatch goes to stderr, one
//! tab-separated line each: `gold-span` (wrong value on a gold span: doc, dct, type,
//! text, gold, got, tense, sentence), `missed`, `spurious`, `value` (end to end) and
//! `span` (the right value on a span of other bounds: found text, gold text); `missed`
//! and `spurious` end with the text around the span;
//! `SITREP_TIMEX_ERRORS=all` adds the right gold-span values as `gold-span-ok`.
//!
//! The gold is split on some wordings ("last week" is `1989-WXX` in one file and
//! `1989-W43` in the next); the report counts the wrong gold-span values whose shape the
//! gold gives the same words elsewhere (`gold_span_conflicts`), so that a reader can tell
//! such splits from plain errors.
//!
//! The gold writes some values in more than one notation (`2000-W7` and `2000-W07`,
//! `T17` and `T17:00`, `198X` and `198` for the 1980s). The headline figures compare
//! the strings as written; the `_equiv` figures also count a value equal when only its
//! notation differs ([`same_value`]).

use crate::clock::Stopwatch;
use crate::{gold, EvalError, Prf, Report};
use sitrep_model::{DateValue, Document, Precision, PublishedDate, Stage};
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(serde::Deserialize)]
struct GoldDoc {
    id: String,
    dct: String,
    text: String,
}

#[derive(serde::Deserialize)]
struct GoldTimex {
    doc: String,
    #[serde(rename = "type")]
    kind: String,
    text: String,
    value: String,
    start: usize,
    end: usize,
}

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    let docs: Vec<GoldDoc> = gold::read_jsonl(&data.join("docs.jsonl"))?;
    let timexes: Vec<GoldTimex> = gold::read_jsonl(&data.join("timex.jsonl"))?;
    let mut by_doc: HashMap<&str, Vec<&GoldTimex>> = HashMap::new();
    for t in &timexes {
        by_doc.entry(t.doc.as_str()).or_default().push(t);
    }
    let splitter = sitrep_text::SentenceSplitter;
    let tagger = sitrep_time::TimeTagger::new();
    let (mut strict, mut relaxed, mut value) = (Prf::default(), Prf::default(), Prf::default());
    let mut value_equiv = Prf::default();
    // Word lists load on first use: a warm-up keeps that out of the measured time.
    let mut warm = Document::new("warm-up", "The talks resumed on Tuesday, May 3, 2024.");
    let _ = splitter.run(&mut warm);
    let _ = tagger.run(&mut warm);
    let mut clock = Stopwatch::new();
    let (mut bytes, mut found) = (0usize, 0usize);
    let mut on_gold = GoldSpanScore {
        shapes: GoldShapes::of(&timexes),
        ..GoldSpanScore::default()
    };
    let dump = std::env::var_os("SITREP_TIMEX_ERRORS").is_some();
    for g in &docs {
        let mut doc = Document::new(g.id.clone(), g.text.clone());
        doc.published = Some(PublishedDate {
            date: DateValue {
                value: g.dct.clone(),
                precision: precision_of(&g.dct),
            },
            origin: "gold dct".into(),
        });
        clock.time(|| {
            let _ = splitter.run(&mut doc);
            let _ = tagger.run(&mut doc);
        });
        bytes += doc.text.len();
        found += doc.timexes.len();
        let map = gold::char_to_byte(&g.text);
        let gold_spans: Vec<((usize, usize), &str)> = by_doc
            .get(g.id.as_str())
            .map(|v| {
                v.iter()
                    .map(|t| (gold::byte_range(&map, t.start, t.end), t.value.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let values = [&mut value, &mut value_equiv];
        score_doc(&doc, &gold_spans, &mut strict, &mut relaxed, values);
        let mut gold_here: Vec<&GoldTimex> = by_doc.get(g.id.as_str()).cloned().unwrap_or_default();
        gold_here.sort_by_key(|t| t.start);
        if dump {
            dump_end_to_end(&doc, &g.dct, &gold_spans);
        }
        normalise_gold(&doc, &map, &gold_here, &mut on_gold, dump.then_some(&g.dct));
    }
    let mut report = Report::new("timex");
    report.lines.push(format!(
        "{} documents, {} gold expressions, {found} found",
        docs.len(),
        timexes.len()
    ));
    report
        .lines
        .push(format!("{:<14} {:>6} {:>6} {:>6}", "", "P", "R", "F1"));
    for (name, s) in [
        ("span strict", strict),
        ("span relaxed", relaxed),
        ("value", value),
    ] {
        report.lines.push(format!(
            "{name:<14} {:>6.3} {:>6.3} {:>6.3}",
            s.p(),
            s.r(),
            s.f1()
        ));
    }
    let accuracy = crate::ratio(on_gold.date_time_right, on_gold.date_time);
    report.lines.push(format!(
        "value accuracy on gold spans: DATE+TIME {accuracy:.3} ({}/{}), all types {:.3}; peer dateparser 0.60",
        on_gold.date_time_right,
        on_gold.date_time,
        crate::ratio(on_gold.all_right, on_gold.all)
    ));
    report.figure("gold_span_accuracy", accuracy);
    let accuracy_equiv = crate::ratio(on_gold.date_time_equiv, on_gold.date_time);
    report.lines.push(format!(
        "values equal but for notation (W7 = W07, T17 = T17:00, 198X = 198) counted right: \
         value F1 {:.3}, DATE+TIME on gold spans {accuracy_equiv:.3}",
        value_equiv.f1()
    ));
    report.figure("gold_span_accuracy_equiv", accuracy_equiv);
    let wrong = on_gold.date_time - on_gold.date_time_right;
    report.lines.push(format!(
        "of the {wrong} DATE+TIME values missed on gold spans, {} are in the notation the gold \
         gives the same words elsewhere in the set (\"last week\" both 1989-W43 and 1989-WXX)",
        on_gold.date_time_conflicts
    ));
    report.figure("gold_span_conflicts", on_gold.date_time_conflicts as f64);
    report.figure("value_f1_equiv", value_equiv.f1());
    let secs = clock.core();
    let per_s = found as f64 / secs.max(1e-9);
    report.lines.push(format!(
        "{per_s:.0} expressions/s, {:.2} MB/s (sentences + time, one core, {}); peer HeidelTime value F1 ≈ 0.776",
        bytes as f64 / 1e6 / secs.max(1e-9),
        clock.core_label()
    ));
    report.figure("strict_f1", strict.f1());
    report.figure("relaxed_f1", relaxed.f1());
    report.figure("value_f1", value.f1());
    report.figure("expressions_per_s", per_s);
    report.figure("mb_per_s", bytes as f64 / 1e6 / secs.max(1e-9));
    Ok(report)
}

/// Normalisation alone: counts of right values on the gold spans.
#[derive(Default)]
struct GoldSpanScore {
    date_time: u64,
    date_time_right: u64,
    /// Right when values equal but for notation count ([`same_value`]).
    date_time_equiv: u64,
    /// Wrong values whose shape the gold itself gives the same words elsewhere.
    date_time_conflicts: u64,
    shapes: GoldShapes,
    all: u64,
    all_right: u64,
}

/// Normalises the gold spans exactly as the tagger normalises its own expressions: the
/// document's expressions replaced by the gold spans, in text order, then read by
/// [`sitrep_time::timeml_values`] (document date, clause tense, the last date mentioned,
/// a clock taking the day named after it).
fn normalise_gold(
    doc: &Document,
    map: &[usize],
    gold: &[&GoldTimex],
    score: &mut GoldSpanScore,
    dump: Option<&String>,
) {
    let mut on_gold = doc.clone();
    on_gold.timexes = gold
        .iter()
        .map(|g| {
            let (start, end) = gold::byte_range(map, g.start, g.end);
            let span = sitrep_model::Span::new(start, end);
            sitrep_model::Timex {
                span,
                text: span.of(&doc.text).to_string(),
                value: None,
                anchor: String::new(),
            }
        })
        .collect();
    let values = sitrep_time::timeml_values(&on_gold);
    for ((g, timex), got) in gold.iter().zip(&on_gold.timexes).zip(values) {
        let (span, start) = (timex.span, timex.span.start());
        let sentence = doc
            .sentence_at(start)
            .map_or(sitrep_model::Span::new(0, doc.text.len()), |i| {
                doc.sentences[i].span
            });
        let tense = sitrep_time::tense_at(&doc.text, sentence, span);
        let right = got.as_ref().is_some_and(|v| v.timeml == g.value);
        if let Some(dct) = dump.filter(|_| !right || dump_all()) {
            let got = got.as_ref().map_or("-", |v| v.timeml.as_str());
            let kind = if right { "gold-span-ok" } else { "gold-span" };
            eprintln!(
                "{kind}\t{}\t{dct}\t{}\t{:?}\t{}\t{got}\t{tense:?}\t{:?}",
                doc.source,
                g.kind,
                g.text,
                g.value,
                sentence.of(&doc.text)
            );
        }
        score.all += 1;
        score.all_right += u64::from(right);
        if g.kind == "DATE" || g.kind == "TIME" {
            score.date_time += 1;
            score.date_time_right += u64::from(right);
            let equiv = got
                .as_ref()
                .is_some_and(|v| same_value(&g.value, &v.timeml));
            score.date_time_equiv += u64::from(equiv);
            let conflict = !right
                && got
                    .as_ref()
                    .is_some_and(|v| score.shapes.conflicts(&g.text, &g.value, &v.timeml));
            score.date_time_conflicts += u64::from(conflict);
        }
    }
}

/// The value shapes (digits as `9`: `1989-W43` is `9999-W99`) the gold gives each
/// DATE or TIME wording, case and outer dots aside. A wrong value in a shape the gold
/// itself uses for the same words elsewhere marks an annotation the gold is split on
/// ("last week" is `1989-WXX` in one Wall Street Journal file, `1989-W43` in the next),
/// which no one reading of the words can match both ways.
#[derive(Default)]
struct GoldShapes(HashMap<String, HashSet<String>>);

impl GoldShapes {
    fn of(timexes: &[GoldTimex]) -> Self {
        let mut shapes: HashMap<String, HashSet<String>> = HashMap::new();
        for t in timexes
            .iter()
            .filter(|t| t.kind == "DATE" || t.kind == "TIME")
        {
            shapes
                .entry(wording(&t.text))
                .or_default()
                .insert(shape(&t.value));
        }
        GoldShapes(shapes)
    }

    /// Whether `got`, of another shape than `gold`, is a shape the gold gives `text`.
    fn conflicts(&self, text: &str, gold: &str, got: &str) -> bool {
        let got = shape(got);
        got != shape(gold)
            && self
                .0
                .get(&wording(text))
                .is_some_and(|shapes| shapes.contains(&got))
    }
}

fn wording(text: &str) -> String {
    text.trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_lowercase()
}

fn shape(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

/// Byte spans, start and end.
type Spans = Vec<(usize, usize)>;

/// Predicted and gold byte spans of one document.
fn spans(doc: &Document, gold: &[((usize, usize), &str)]) -> (Spans, Spans) {
    let pred = doc
        .timexes
        .iter()
        .map(|t| (t.span.start(), t.span.end()))
        .collect();
    (pred, gold.iter().map(|g| g.0).collect())
}

fn score_doc(
    doc: &Document,
    gold: &[((usize, usize), &str)],
    strict: &mut Prf,
    relaxed: &mut Prf,
    [value, value_equiv]: [&mut Prf; 2],
) {
    let (pred, gold_spans) = spans(doc, gold);
    let add = |score: &mut Prf, right: usize| {
        score.tp += right as u64;
        score.fp += (pred.len() - right) as u64;
        score.fn_ += (gold.len() - right) as u64;
    };
    add(
        strict,
        pred.iter().filter(|p| gold_spans.contains(p)).count(),
    );
    let matched = gold::match_spans(&pred, &gold_spans, f64::MIN_POSITIVE);
    add(relaxed, matched.len());
    let got = sitrep_time::timeml_values(doc);
    let right = |equal: fn(&str, &str) -> bool| {
        matched
            .iter()
            .filter(|(p, g)| {
                got.get(*p)
                    .and_then(Option::as_ref)
                    .is_some_and(|v| equal(gold[*g].1, &v.timeml))
            })
            .count()
    };
    add(value, right(|g, v| g == v));
    add(value_equiv, right(same_value));
}

/// Whether two TimeML values are equal once written in one notation: week numbers with
/// two digits, a clock hour with its minutes, a decade or century without the trailing
/// `X`s (`198X` is the 1980s, as `198` is). Values of other precision stay different
/// (`1968-XX`, a month of 1968, is not `1968`).
pub fn same_value(gold: &str, got: &str) -> bool {
    gold == got || canonical(gold) == canonical(got)
}

fn canonical(v: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // "198X" and "19XX": a decade and a century.
    if let Some(head) = v.strip_suffix('X') {
        let head = head
            .strip_suffix('X')
            .filter(|h| h.len() == 2)
            .unwrap_or(head);
        if digits(head) && matches!(head.len(), 2 | 3) {
            return head.to_string();
        }
    }
    let mut out = v.to_string();
    // "2000-W7" and "2000-W7-WE".
    if let Some(at) = out.find("-W") {
        let week = &out[at + 2..];
        let len = week.bytes().take_while(u8::is_ascii_digit).count();
        if len == 1 {
            out.insert(at + 2, '0');
        }
    }
    // "T17" is "T17:00".
    if let Some(at) = out.find('T') {
        let clock = &out[at + 1..];
        if clock.len() == 2 && digits(clock) {
            out.push_str(":00");
        }
    }
    out
}

/// `SITREP_TIMEX_ERRORS=all` also prints the values that were right (`gold-span-ok`).
fn dump_all() -> bool {
    std::env::var("SITREP_TIMEX_ERRORS").is_ok_and(|v| v == "all")
}

/// Prints the end-to-end mismatches of one document (see the module docs).
fn dump_end_to_end(doc: &Document, dct: &str, gold: &[((usize, usize), &str)]) {
    let (pred, gold_spans) = spans(doc, gold);
    let matched = gold::match_spans(&pred, &gold_spans, f64::MIN_POSITIVE);
    let values = sitrep_time::timeml_values(doc);
    let text = |(a, b): (usize, usize)| doc.text.get(a..b).unwrap_or("");
    let around = |(a, b): (usize, usize)| around(&doc.text, a, b);
    let id = &doc.source;
    for (i, p) in pred.iter().enumerate() {
        let got = values[i].as_ref().map_or("-", |v| v.timeml.as_str());
        match matched.iter().find(|(pi, _)| *pi == i) {
            None => eprintln!(
                "spurious\t{id}\t{dct}\t{:?}\t{got}\t{:?}",
                text(*p),
                around(*p)
            ),
            Some((_, g)) if gold[*g].0 != *p && gold[*g].1 == got => {
                eprintln!("span\t{id}\t{dct}\t{:?}\t{:?}", text(*p), text(gold[*g].0))
            }
            Some((_, g)) if gold[*g].1 != got => eprintln!(
                "value\t{id}\t{dct}\t{:?}\t{:?}\t{}\t{got}",
                text(*p),
                text(gold[*g].0),
                gold[*g].1
            ),
            Some(_) => {}
        }
    }
    for (g, (span, v)) in gold.iter().enumerate() {
        if !matched.iter().any(|(_, gi)| *gi == g) {
            eprintln!(
                "missed\t{id}\t{dct}\t{:?}\t{v}\t{:?}",
                text(*span),
                around(*span)
            );
        }
    }
}

/// The precision of a document date as the gold writes it: `1998-01-08` (or with a
/// time after it) to the day, `1998-01` to the month, `1998` to the year.
fn precision_of(dct: &str) -> Precision {
    match dct.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        _ => Precision::Day,
    }
}

/// About 60 bytes of text either side of `start..end`, on character boundaries, so a
/// dumped mismatch can be judged without opening the document.
fn around(text: &str, start: usize, end: usize) -> &str {
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text.get(from..to).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::{same_value, GoldShapes, GoldTimex};

    fn timex(kind: &str, text: &str, value: &str) -> GoldTimex {
        GoldTimex {
            doc: "d".into(),
            kind: kind.into(),
            text: text.into(),
            value: value.into(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn a_shape_the_gold_gives_the_same_words_elsewhere_is_a_conflict() {
        let shapes = GoldShapes::of(&[
            timex("DATE", "last week", "1989-WXX"),
            timex("DATE", "Last week.", "1998-W12"),
            timex("DURATION", "a year", "P1Y"),
            timex("DATE", "a year", "1988"),
        ]);
        assert!(shapes.conflicts("last week", "1989-WXX", "1989-W43"));
        assert!(!shapes.conflicts("last week", "1989-WXX", "1989-10"));
        // Same shape, another value: a plain error, not a split in the gold.
        assert!(!shapes.conflicts("last week", "1998-W12", "1998-W11"));
        // Only DATE and TIME wordings count.
        assert!(!shapes.conflicts("a year", "1988", "P1Y"));
        assert!(!shapes.conflicts("next week", "1989-WXX", "1989-W44"));
    }

    #[test]
    fn notation_alone_does_not_make_values_differ() {
        assert!(same_value("2000-W7", "2000-W07"));
        assert!(same_value("1989-W44-WE", "1989-W44-WE"));
        assert!(same_value("1989-10-27T24", "1989-10-27T24:00"));
        assert!(same_value("198X", "198"));
        assert!(same_value("19XX", "19"));
    }

    #[test]
    fn other_precision_or_another_period_differs() {
        assert!(!same_value("1968-XX", "1968"));
        assert!(!same_value("2000-W7", "2000-W17"));
        assert!(!same_value("198X", "199"));
        assert!(!same_value("1989-10-27T17", "1989-10-27T17:30"));
        assert!(!same_value("PRESENT_REF", "PAST_REF"));
        assert!(!same_value("XXXX", "XX"));
    }
}
