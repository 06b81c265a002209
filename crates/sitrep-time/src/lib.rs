//! Time expressions found in news text, normalised against the document date.
//!
//! Three layers, usable apart:
//! - [`normalise`] reads one expression ("said Tuesday" → `Tuesday` → `2024-05-21`) given an
//!   anchor date and the clause [`Tense`]; it also serves evaluation on gold spans.
//! - [`TimeTagger`] finds expressions in a document, picks each clause's tense with
//!   [`tense_at`] and fills `Document::timexes`, anchored on `Document::published`.
//! - [`date_event`] / [`date_events`] give an event the date of a time expression in its
//!   own clause, else the document date, saying which.
//!
//! Word lists are data files embedded at build time: `data/time/words.tsv` (month, weekday,
//! number, unit, season, part-of-period, relative and frequency words with their values, and
//! holidays, some named in several words such as "Election Day" or counted from Easter) and
//! `data/time/cues.tsv` (tense cues, clause breaks, attribution verbs); their headers
//! document the columns.
//!
//! Conventions (TimeML, as news uses it): a weekday in a past-tense clause is the most
//! recent such day (the document day itself included); a month without a year in a past
//! clause is the latest one on or before the document month, in a future clause the next
//! one, otherwise the nearest; a day of a month within six weeks of the document date is
//! that day, farther out the tense decides. "A year earlier", "the following year", "that
//! day", "the previous Friday" count from the last date the text mentioned (a quarter,
//! in earnings prose). Even the coming month, named in a past clause, is last year's
//! ("deliveries fell in November", written on 30 October); a weekday in a present clause
//! may be one or two days ahead; "the week" alone is `YYYY-WXX`; "the
//! year ended June 30" is `P1Y`; "three days later" is the duration "three days" (`P3D`,
//! the direction is left out as TimeML does), while "a year earlier" and "two weeks ago"
//! are dates; "the week of March 6" is that ISO week; "since" before a day or month looks
//! back, "until" forward (unless the clause is in the past perfect, or a past state
//! lasted until then: "served until September", but "delayed until May"); spoken years
//! ("nineteen ninety-six") are years; "the quarter ended July 31" is the quarter of its
//! middle month, "the September quarter" the quarter to September, "the year to July"
//! `P1Y`, "2009/10" one expression like "2010-11". The tense is the nearest cue's in the clause; an "and" that closes a
//! list with no verb after it joins noun phrases, not clauses, and a trailing "..., an
//! official said" dates the saying, not what was said, when the clause has a verb of its
//! own. A weekday in the possessive is the latest such day outside a future clause, and
//! even in one when it owns an outcome ("will appeal Friday's ruling"). Plural weekdays
//! and "every"/"each" make sets ("on Mondays", "Saturday mornings": `XXXX-WXX-6TMO`).
//! Schedules look forward ("due on Thursday", "ahead of a summit on Wednesday", "as early
//! as Friday", "by Monday") unless the clause's own verb is past; a verb of saying dates
//! the time right after it ("said on Monday") but not what was said ("said its
//! third-quarter profit would"). "The week ended Aug. 20" is the ISO week of the middle
//! of those seven days, "the first week of March" likewise, "April-June" the second
//! quarter, "February last year" the month of the year named. "A year earlier" after a
//! month or year of its own sentence counts from it ("in October from a year earlier" is
//! the October before), and "the previous quarter", "the week before" and "the same month
//! last year" count from the period in view. Dates of delivery look ahead ("for delivery
//! between September 1 and December 20", "U.S. crude for April"); a year-end or
//! month-end still well ahead of the document date is, in a past clause, the previous
//! one's; "today's youth" is `PRESENT_REF`. Dates in figures read slashes month first
//! ("5/17/2019") and dots day first ("19.05.2007") unless only the other order lies
//! within six weeks of the document date. "The end of the week" is the week in view (last
//! week's when past and written early in the week); a bare "the month" or "the year" after
//! one of its own sentence is that one; "the next day" follows the day the story last
//! named; "the same period" after a half-year is that half, and "the same period in 2010"
//! takes the year named; "the year-ago period", "over the same period", "the prior
//! period" name again the month, week, span or year just before them ("in March from the
//! year-ago period" is the March before). A quarter by number that ended on a named day
//! ("its fiscal fourth quarter ended July 31") is written by its number under a year it
//! lies in, as TimeBank writes fiscal quarters. A range of counts ("two to three weeks")
//! is one expression read from its first count. A verb in the expression's own stretch of clause outranks one
//! past the comma after it ("rules proposed on Tuesday, would require"). "Last spring"
//! counts seasons ("last spring", written in December, is this year's; a winter belongs
//! to the year it starts in); "that November" and "the previous November" are months of
//! the story's year; a month that ended under three weeks ago, named in a future clause,
//! is awaited data, and a day of the month within six weeks of the document date is that
//! day whatever the tense. "Can", "must" and "should" look ahead ("must" and "should"
//! only from before the expression); "following" without "the" is a preposition.
//! "Half a year" is `P6M`, "six years and eight months" `P6Y8M`, "two years and six
//! months ago" the month that far back; "at 10 this morning" is `T10:00`; a two-digit
//! year is the latest no more than ten years past the document's.
//! The present of a timetable verb looks ahead ("Arafat and Netanyahu meet Monday", "the
//! offer expires in October", "takes office in January"; the exceptions are listed in
//! `cues.tsv`); a past form after a modal, "to" or "do" is a bare infinitive ("will hit
//! on Friday"); "this Tuesday" in a future clause written after this week's Tuesday is
//! the coming one; "ahead of" reaches across a long noun phrase, and "in advance of" looks
//! ahead too; a participle after "as" past the expression ("as originally planned")
//! dates nothing. "Ended the year" is last year's; "June that year" takes the story's
//! year; "that" after a verb of saying opens a clause ("reported that Friday's outage");
//! a count with a capitalised unit inside running text is a title ("CBS's 60 Minutes");
//! "even today" and "kids today" are `PRESENT_REF`; "every now and then" is no time;
//! "fourth quarter earnings" reads like "fourth-quarter earnings". A past "the week",
//! written from Friday to Sunday, is the week just ending; a past "the month" may take
//! the month of the sentence before; "November a year ago" is that month. "For a second
//! day" counts another one, "in her mid-thirties" is an age, "the mid-20s percent" a
//! figure and "June 22-23 minutes" a date before a noun: none of them is a time. A
//! caption dates a picture already taken ("in this Jan. 20 screen capture"). Under a
//! dateline east of the Americas ("TOKYO (Reuters) -", "LONDON (Reuters) -") a past
//! weekday that would fall six days back is the local day after the document date, which
//! the newsroom's clock puts a day early, and so is a weekday's edition of a paper; the
//! weekdays joined to it ("for Tuesday and Wednesday") move a week on with it.
//! A passive infinitive looks ahead for the time right after it ("an interview to be
//! published on Sunday"), but not "was to be issued". "This week" in a plan written on a
//! Sunday is the coming week, and "last week" the week just ending. A dateline that
//! carries its own day ("OTTAWA, June 18 -") is the day the text counts from, when it lies
//! within three days of the document date or inside the month or year it is dated to.
//! "The early hours of Saturday" is Saturday's early morning.
//! A month right before the goods ("July corn was up 15 cents", "November milling wheat")
//! names a futures contract, so it is ahead, and so does each month of a row of quotes
//! in a passage about goods ("WHEAT Sep 99.85 Nov 102.45 Jan 105.05"); a dividend date
//! after "Pay" or "payable" is ahead. "The future A350-1000" and "the first half of
//! the $700 billion fund" are no times. "Won't", "didn't" and "isn't" count as their
//! verbs; "the previous session" is the trading day before; with no tense to go by, a
//! date ahead must be a month nearer than the one behind to win. A denominator ("40-3/4
//! today"), "under" or "over" after a time ("tomorrow under a 29-day accord", "1986 over
//! 1985") and a year after "years" ("model years 2001") start an expression of their own,
//! and so do two dates side by side ("1986/87 1985/86") and a month beside a figure that
//! can be no day ("SEP 39 DEC 63"). "Last July 18" is behind and "next March 3" ahead
//! whatever the tense; "a year before." with nothing after it counts back like "a year
//! earlier". "At the end of the day" is an idiom, "the Sunday newspaper" a kind of paper
//! and "stay current" a state: no times. A month that ended under two months ago, named
//! in a future clause, is data awaited or compared with ("expected to rise 0.4 percent
//! after a drop in July", written in September), not a plan a year ahead, unless a
//! contract, a vote or a schedule says so ("the December contract", "win in November",
//! "set for September").
//! A document without a date keeps relative expressions with `value: None` and `X`
//! placeholders in their TimeML value; [`resolve`] fills them once a date is known. A
//! document dated only to the month or year resolves what every day of that period
//! agrees on ("last year" in a 2015 article is `2014`, "yesterday" `2015-XX-XX`).
//!
//! ```
//! use sitrep_model::{Document, DateValue, Precision, PublishedDate, Stage};
//! let mut doc = Document::new("t", "The minister said Monday that talks will resume in June.");
//! doc.published = Some(PublishedDate {
//!     date: DateValue { value: "2031-03-12".into(), precision: Precision::Day },
//!     origin: "test".into(),
//! });
//! doc.sentences = sitrep_text::split_sentences(&doc.text);
//! sitrep_time::TimeTagger::new().run(&mut doc).unwrap();
//! let values: Vec<_> = doc.timexes.iter().map(|t| t.value.clone().unwrap().value).collect();
//! assert_eq!(values, ["2031-03-10", "2031-06"]);
//! ```

mod context;
mod lexicon;
mod normalise;
mod recognise;
mod value;

pub use context::{clause_of, tense_at};
pub use normalise::{normalise, normalise_after};
pub use value::{calendar, Tense, TimexKind, TimexValue};

use chrono::{Datelike, NaiveDate};
use sitrep_model::{
    Document, EventDate, Layer, Precision, Sentence, Span, Stage, StageError, Timex,
};
use std::borrow::Cow;

/// How the diagnostic about unresolved expressions starts, so a later [`resolve`] can
/// replace it.
const UNRESOLVED_NOTE: &str = "time: unresolved";

/// The time stage.
#[derive(Default)]
pub struct TimeTagger;

impl TimeTagger {
    /// Builds the stage.
    pub fn new() -> TimeTagger {
        TimeTagger
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        if let Err(message) = lexicon::check() {
            return Err(StageError {
                stage: "time",
                message: message.to_string(),
            });
        }
        doc.timexes = find_timexes(doc);
        resolve(doc);
        Ok(())
    }
}

/// Time expressions of a document with their text, before any value is set.
pub fn find_timexes(doc: &Document) -> Vec<Timex> {
    let fallback;
    let sentences: &[Sentence] = if doc.sentences.is_empty() {
        fallback = sitrep_text::split_sentences(&doc.text);
        &fallback
    } else {
        &doc.sentences
    };
    sentences
        .iter()
        .flat_map(|s| recognise::find(&doc.text, s.span))
        .filter(|&span| normalise(&words_read(&doc.text, span), None, Tense::Unknown).is_some())
        .map(|span| Timex {
            span,
            text: span.of(&doc.text).to_string(),
            value: None,
            anchor: String::new(),
        })
        .collect()
}

/// The document date as an anchor, when known to the day.
pub fn anchor_date(doc: &Document) -> Option<NaiveDate> {
    let published = doc.published.as_ref()?;
    let day = published.date.day()?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The span of the sentence holding `span`, or the whole text when sentences are missing.
fn sentence_span(doc: &Document, span: Span) -> Span {
    doc.sentence_at(span.start())
        .and_then(|i| doc.sentences.get(i))
        .map_or(Span::new(0, doc.text.len()), |s| s.span)
}

/// The full normalisation of every time expression of `doc`, in order, with the tense
/// of its clause, the document date and the last date mentioned before it: TimeML values
/// of durations, quarters and references (`PAST_REF`) included.
pub fn timeml_values(doc: &Document) -> Vec<Option<TimexValue>> {
    analyse(doc).into_iter().map(|(_, v)| v).collect()
}

/// The first and last day a document dated only to the month or year ("2015-06",
/// "2015") may have been published on.
pub fn anchor_range(doc: &Document) -> Option<(NaiveDate, NaiveDate)> {
    let date = &doc.published.as_ref()?.date;
    let year: i32 = date.value.get(..4)?.parse().ok()?;
    match date.precision {
        Precision::Year => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        Precision::Month => {
            let month: u32 = date.value.get(5..7)?.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        _ => None,
    }
}

/// The clause tense and chained value of every time expression, in order. A document
/// dated only to the month or year is read from a day near each end of that period;
/// what both readings share is kept and the rest written as unknown (`X`), so "last
/// year" in a 2015 article is `2014`, "yesterday" `2015-XX-XX` and "on Oct. 23"
/// `XXXX-10-23`, while "last month", which may fall in 2014, is `XXXX-XX`. A week is kept off each end, so that a day or
/// week named near the document date keeps its year.
fn analyse(doc: &Document) -> Vec<(Tense, Option<TimexValue>)> {
    if let Some(day) = dateline_day(doc) {
        return analyse_from(doc, Some(day), true);
    }
    if let (None, Some((first, last))) = (anchor_date(doc), anchor_range(doc)) {
        let margin = chrono::Duration::days(7);
        let early = analyse_from(doc, Some(first + margin).filter(|d| *d <= last), false);
        let late = analyse_from(doc, Some(last - margin).filter(|d| *d >= first), false);
        let unanchored = analyse_from(doc, None, false);
        return early
            .into_iter()
            .zip(late)
            .zip(unanchored)
            .map(|(((tense, a), (_, b)), (_, none))| (tense, shared_value(a, b, none)))
            .collect();
    }
    analyse_from(doc, anchor_date(doc), false)
}

/// The day a dated dateline gives the story ("OTTAWA, June 18 - ... announced today"),
/// when it lies within three days of the document date or inside the month or year the
/// document is dated to: the local day the text counts from, which a newsroom abroad or
/// a late filing may date a day apart.
fn dateline_day(doc: &Document) -> Option<NaiveDate> {
    let (month, day) = dated_dateline(&doc.text)?;
    if let Some(anchor) = anchor_date(doc) {
        return [anchor.year() - 1, anchor.year(), anchor.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| (*d - anchor).num_days().abs() <= 3);
    }
    let (first, last) = anchor_range(doc)?;
    NaiveDate::from_ymd_opt(first.year(), month, day).filter(|d| (first..=last).contains(d))
}

/// The month and day of a dateline that carries them, on one of the first lines (a
/// headline may come first): "OTTAWA, June 18 -", "SEOUL, Oct 12 (Reuters) -".
fn dated_dateline(text: &str) -> Option<(u32, u32)> {
    opening_lines(text).find_map(|line| {
        // A dateline is short: only the line's head is read.
        let head = (0..=line.len().min(80))
            .rev()
            .find_map(|end| line.get(..end))
            .unwrap_or("");
        let (place, rest) = head.split_once(", ")?;
        let is_place = !place.is_empty()
            && place.len() <= 40
            && place.bytes().any(|b| b.is_ascii_uppercase())
            && place
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b" ./'-".contains(&b));
        if !is_place {
            return None;
        }
        let mut words = rest.split_whitespace();
        let month = normalise::month_number(words.next()?)?;
        let day: u32 = words.next()?.parse().ok()?;
        let after = words.next()?;
        let opens_story = after.starts_with(['-', '(', '\u{2013}', '\u{2014}']);
        (opens_story && (1..=31).contains(&day)).then_some((month, day))
    })
}

/// What two readings of one expression from different anchors agree on (see
/// [`analyse`]); the unanchored reading when they are not two dates of one shape.
fn shared_value(
    a: Option<TimexValue>,
    b: Option<TimexValue>,
    unanchored: Option<TimexValue>,
) -> Option<TimexValue> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        _ => return unanchored,
    };
    if a.timeml == b.timeml {
        return Some(a);
    }
    // Calendar values of one shape ("2014-12" and "2015-11") keep that shape, unknown
    // where they differ ("XXXX-XX"); anything else falls back to the unanchored reading.
    let calendar = |v: &str| v.starts_with(|c: char| c.is_ascii_digit());
    let same_shape = a.timeml.len() == b.timeml.len()
        && a.timeml
            .bytes()
            .zip(b.timeml.bytes())
            .all(|(x, y)| x.is_ascii_digit() == y.is_ascii_digit());
    if !(calendar(&a.timeml) && same_shape) || a.kind != b.kind {
        return unanchored;
    }
    let timeml = mask_differences(&a.timeml, &b.timeml);
    Some(TimexValue { timeml, ..a })
}

/// `a` with the digits of each component of its date part written `X` where it differs
/// from `b` ("2015-06-14" and "2015-09-02" give "2015-XX-XX", "2014-10-23" and
/// "2015-10-23" give "XXXX-10-23"); a day goes with an unknown month. A clock time after
/// `T` is kept.
fn mask_differences(a: &str, b: &str) -> String {
    let (date_a, time_a) = a.split_at(a.find('T').unwrap_or(a.len()));
    let date_b = &b[..b.find('T').unwrap_or(b.len())];
    let mut month_unknown = false;
    let parts: Vec<String> = date_a
        .split('-')
        .zip(date_b.split('-').map(Some).chain(std::iter::repeat(None)))
        .enumerate()
        .map(|(k, (pa, pb))| {
            let unknown = Some(pa) != pb || k == 2 && month_unknown;
            month_unknown |= k == 1 && unknown;
            if unknown {
                pa.chars()
                    .map(|c| if c.is_ascii_digit() { 'X' } else { c })
                    .collect()
            } else {
                pa.to_string()
            }
        })
        .collect();
    format!("{}{time_a}", parts.join("-"))
}

/// [`analyse`] from one anchor date; `local_day_known` when that date is the dateline's
/// own, so no newsroom clock puts the story a day early.
fn analyse_from(
    doc: &Document,
    anchor: Option<NaiveDate>,
    local_day_known: bool,
) -> Vec<(Tense, Option<TimexValue>)> {
    let mut reference: Option<String> = None;
    let mut reference_sentence: Option<Span> = None;
    let mut reference_after_since = false;
    // Expressions come in text order: those of one sentence share its tokens.
    let mut sentence_tokens: Option<(Span, Vec<sitrep_text::Token>)> = None;
    let mut analysed: Vec<(Tense, Option<TimexValue>)> = doc
        .timexes
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let sentence = sentence_span(doc, t.span);
            let toks = match &sentence_tokens {
                Some((s, toks)) if *s == sentence => toks,
                _ => {
                    let toks = sitrep_text::tokens(&doc.text, sentence);
                    &sentence_tokens.insert((sentence, toks)).1
                }
            };
            let mut tense = context::tense_among(&doc.text, toks, t.span);
            // "economists expect prices to rise 0.4 percent in July", written in August
            // or September: a month that ended under two months ago, named in a future
            // clause, is awaited as data or compared with, not planned for a year ahead
            // (a plan says "next July"), unless the words name a contract or a vote
            // ("the December contract", "win in November").
            if tense == Tense::Future
                && anchor.is_some_and(|a| month_ended_lately(&t.text, a))
                && !context::ahead_by_itself(&doc.text, toks, t.span)
            {
                tense = Tense::Past;
            }
            let mut value =
                normalise_in_text(&doc.text, t.span, anchor, tense, reference.as_deref());
            if let Some(v) = value
                .as_mut()
                .filter(|v| normalise::is_quarter_value(&v.timeml))
            {
                if let Some(year) = quarter_year_by_its_end(doc, i, anchor, &v.timeml) {
                    v.timeml.replace_range(..4, &year.to_string());
                }
            }
            // A month or year is what "a year earlier" counts from only in its own
            // sentence ("sank in October from a year earlier", "1986 net profit rose
            // from a year earlier"); a quarter stays in view through an earnings story,
            // and "the previous month" follows the story.
            let anchor_elsewhere = reference
                .as_deref()
                .is_some_and(|r| normalise::is_month_value(r) || r.len() == 4)
                && reference_sentence != Some(sentence)
                && counts_years_back(&t.text);
            if anchor_elsewhere && value.as_ref().is_some_and(|v| v.from_reference) {
                value = normalise_in_text(&doc.text, t.span, anchor, tense, None);
            }
            // "In January, reserves rose on intervention during the month": a bare "the
            // month" or "the year" after a month or year of its own sentence is that one.
            // So is a past "the month" after a month of the sentence before ("February
            // revenue passenger miles rose. Seat miles for the month fell"), but not "up
            // 0.5 percent on the month", a comparison, nor "as the month progresses". Not
            // after "since 1969", a point counted from rather than a period in view.
            let sentence_at = |s: Option<Span>| s.and_then(|s| doc.sentence_at(s.start()));
            let month_before = tense == Tense::Past
                && !word_before_is(&doc.text, t.span, "on")
                && !word_before_is(&doc.text, t.span, "as")
                && t.text.eq_ignore_ascii_case("the month")
                && reference
                    .as_deref()
                    .zip(anchor)
                    .is_some_and(|(r, a)| reported_month(r, a))
                && sentence_at(reference_sentence)
                    .zip(sentence_at(Some(sentence)))
                    .is_some_and(|(r, s)| r + 1 == s);
            let in_view = reference_sentence == Some(sentence) || month_before;
            if let (Some(r), Some(v)) = (reference.as_deref(), value.as_mut()) {
                if in_view && !reference_after_since && same_period_again(&t.text, r, v) {
                    v.timeml = r.to_string();
                }
            }
            // A range ("January-August") is no single period to count from.
            let month_range =
                |v: &TimexValue| normalise::is_month_value(&v.timeml) && is_month_range(&t.text);
            if let Some(v) = value.as_ref().filter(|v| !month_range(v)) {
                if update_reference(&mut reference, v) {
                    reference_sentence = Some(sentence);
                    let first = toks.partition_point(|tk| tk.span.end() <= t.span.start());
                    reference_after_since = first
                        .checked_sub(1)
                        .is_some_and(|k| toks[k].text(&doc.text).eq_ignore_ascii_case("since"));
                }
            }
            (tense, value)
        })
        .collect();
    clock_on_named_day(doc, &mut analysed);
    period_in_view(doc, anchor, &mut analysed);
    same_period_in_year(doc, &mut analysed);
    // A dateline's own date is already the local day.
    if let Some(a) = anchor.filter(|_| !local_day_known && dateline_east_of_the_dating(&doc.text)) {
        local_day_ahead(doc, a, &mut analysed);
    }
    analysed
}

/// Whether `expr` names, without a year, a month that ended one or two months before
/// `anchor` ("July", "late July", "the end of July", "the July quarter"); of a range
/// ("April-June") its last month counts, since one still running is no data yet.
fn month_ended_lately(expr: &str, anchor: NaiveDate) -> bool {
    let has_year = expr
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4);
    let last_month = expr
        .split(|c: char| c.is_whitespace() || c == '-')
        .rev()
        .find_map(normalise::month_number);
    !has_year && last_month.is_some_and(|m| (1..=2).contains(&((anchor.month() + 12 - m) % 12)))
}

/// The first lines of a story that are not blank, where a dateline stands (a headline
/// may come first), without their indent.
fn opening_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .map(str::trim_start)
}

/// Whether the story opens on a dateline from a place whose calendar runs ahead of the
/// one that dated it ("TOKYO (Reuters) - ...", "LONDON (Reuters) - ..."): wire stories
/// from Asia, Europe and Africa are dated by the newsroom's clock, often the day before
/// the local one.
fn dateline_east_of_the_dating(text: &str) -> bool {
    // The dateline opens one of the first lines (a headline may come first): "TOKYO
    // (Reuters) -", "HONG KONG/SINGAPORE (Reuters) -", "SEOUL, Oct 12 (Reuters) -".
    opening_lines(text).any(|line| {
        let Some(open) = line.get(..line.len().min(60)).and_then(|h| h.find('(')) else {
            return false;
        };
        let place = line[..open].split(['/', ',']).next().unwrap_or("").trim();
        !place.is_empty()
            && place.bytes().all(|b| b.is_ascii_uppercase() || b == b' ')
            && lexicon::cues().is(&place.to_ascii_lowercase(), lexicon::Cue::DatelineEast)
    })
}

/// "TOKYO (Reuters) - Sony said on Wednesday", dated Tuesday by a newsroom behind Tokyo:
/// a past weekday that would fall six days back is the local day, the day after the
/// document date (a story rarely says "on Wednesday" for last week's).
fn local_day_ahead(
    doc: &Document,
    anchor: NaiveDate,
    analysed: &mut [(Tense, Option<TimexValue>)],
) {
    let day = |offset: i64| {
        (anchor + chrono::Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    };
    let (six_back, dated, next_day) = (day(-6), day(0), day(1));
    let flips: Vec<usize> = (0..doc.timexes.len())
        .filter(|&i| {
            let t = &doc.timexes[i];
            let (tense, value) = &analysed[i];
            // "after Friday's quake" names a known event, most often last week's, but
            // "Thursday's edition of the Times" is the local day's paper.
            let rest = doc.text.get(t.span.end()..).unwrap_or("");
            let after_possessive = rest
                .strip_prefix("'s")
                .or_else(|| rest.strip_prefix("\u{2019}s"));
            let known_event =
                after_possessive.is_some_and(|after| !after.trim_start().starts_with("edition"));
            *tense != Tense::Future
                && !known_event
                && normalise::weekday_word(t.text.trim())
                && value.as_ref().is_some_and(|v| v.timeml == six_back)
        })
        .collect();
    for &i in &flips {
        if let Some(v) = analysed[i].1.as_mut() {
            v.timeml.clone_from(&next_day);
        }
        // "canceled flights for Tuesday and Wednesday": the days joined to it move a week
        // on with it.
        for (k, (_, value)) in analysed.iter_mut().enumerate().skip(i + 1) {
            let (this, next) = (&doc.timexes[k - 1], &doc.timexes[k]);
            let between = doc
                .text
                .get(this.span.end()..next.span.start())
                .unwrap_or("");
            let joined = matches!(
                between.trim().to_ascii_lowercase().as_str(),
                "and" | "or" | "," | ", and" | "to"
            );
            let Some(v) = value.as_mut() else {
                break;
            };
            let last_week = v.timeml > six_back && v.timeml < dated;
            let moved = NaiveDate::parse_from_str(&v.timeml, "%Y-%m-%d").ok();
            match moved {
                Some(d) if joined && last_week && normalise::weekday_word(next.text.trim()) => {
                    v.timeml = (d + chrono::Duration::days(7))
                        .format("%Y-%m-%d")
                        .to_string();
                }
                _ => break,
            }
        }
    }
}

/// "Demand rose 8 percent in March from the year-ago period", "prices rose 40 percent
/// over three years, and wages fell over the same period": a period named by "period"
/// is the one the expression just before it named (in its sentence or the one before),
/// not the quarter an earnings story has in view.
/// - A month, week or half comes back the same ("that period"), a year back ("the same
///   period last year"), in a named year ("the same period of 2006") or one before ("the
///   prior period").
/// - A span comes back the same span ("over the same period"); a span of several months
///   a year back is that year ("the first nine months ... the same period last year").
/// - A year a year back is last year, within one sentence ("sales this year are down
///   from the same period last year"): a later sentence may be about a quarter again.
/// - Days, quarters, a month counted from or to ("since July 2008"), and values counted
///   from another date ("the previous month") keep the quarter read already.
fn period_in_view(
    doc: &Document,
    anchor: Option<NaiveDate>,
    analysed: &mut [(Tense, Option<TimexValue>)],
) {
    for i in 1..analysed.len() {
        let text = &doc.timexes[i].text;
        if !text
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"period"))
        {
            continue;
        }
        let Some(again) = names_a_period_again(&text.to_ascii_lowercase()) else {
            continue;
        };
        let Some(quarter) = analysed[i]
            .1
            .as_ref()
            .filter(|v| normalise::is_quarter_value(&v.timeml))
            .map(|v| v.timeml.clone())
        else {
            continue;
        };
        // "Compared with the same period last year, prices fell 5 percent in July": a
        // month or week later in the sentence is the period, when the expression opens
        // the sentence's first clause.
        let span = doc.timexes[i].span;
        let sentence_start = sentence_span(doc, span).start();
        let words_before = doc
            .text
            .get(sentence_start..span.start())
            .map_or(usize::MAX, |b| b.split_whitespace().count());
        let opens_a_clause = words_before <= 3
            && doc
                .text
                .get(span.end()..)
                .is_some_and(|rest| rest.starts_with(','));
        let later = opens_a_clause
            .then(|| period_named_again(doc, anchor, analysed, i, i + 1, again, &quarter))
            .flatten()
            .filter(|p| !p.starts_with('P') && !normalise::is_year_value(p));
        let again =
            later.or_else(|| period_named_again(doc, anchor, analysed, i, i - 1, again, &quarter));
        let (Some(again), Some(v)) = (again, analysed[i].1.as_mut()) else {
            continue;
        };
        v.kind = if again.starts_with('P') {
            TimexKind::Duration
        } else {
            TimexKind::Date
        };
        v.timeml = again;
    }
}

/// The value of expression `i`, which names again the period of expression `k` (just
/// before or after it), or `None` when `k` names no period `i` can stand for: too far (not
/// in its sentence or the one before), counted from or to ("since July 2008"), a length as
/// an adjective ("a fresh 8-1/2 year high"), or counted from another date itself.
fn period_named_again(
    doc: &Document,
    anchor: Option<NaiveDate>,
    analysed: &[(Tense, Option<TimexValue>)],
    i: usize,
    k: usize,
    again: PeriodAgain,
    quarter: &str,
) -> Option<String> {
    let prev = analysed.get(k)?.1.as_ref().filter(|v| !v.from_reference)?;
    let (prev_text, prev_span) = (&doc.timexes[k].text, doc.timexes[k].span);
    let sentence_of = |j: usize| doc.sentence_at(doc.timexes[j].span.start());
    let sentences = sentence_of(k).zip(sentence_of(i));
    let same_sentence = sentences.is_some_and(|(a, b)| a == b);
    let near = sentences.is_some_and(|(a, b)| a == b || a + 1 == b);
    // "the year to the end of March" is a fiscal year; "between January and July" no
    // single month.
    let bounded = prev_text.to_ascii_lowercase().contains("end")
        || is_month_range(prev_text)
        || [
            "since", "from", "to", "through", "until", "and", "between", "ended", "ending",
        ]
        .iter()
        .any(|w| word_before_is(&doc.text, prev_span, w));
    let adjective = prev.kind == TimexKind::Duration && prev_text.contains(['-', '/']);
    if !near || bounded || adjective {
        return None;
    }
    match prev.kind {
        TimexKind::Duration => span_again(&prev.timeml, again, quarter, same_sentence),
        // "down from the same period in 2006" after "this year": a year, then moved to
        // the one named.
        // A year counted back ("about a year ago") is no period in view; "the first
        // three months of 2013" is a quarter, which the quarter read already names.
        _ if normalise::is_year_value(&prev.timeml) => {
            let lower = prev_text.to_ascii_lowercase();
            let named = !["ago", "earlier", "later", "before", "after"]
                .iter()
                .any(|w| lower.contains(w));
            let quarter_of_year = k
                .checked_sub(1)
                .filter(|&j| {
                    let gap = doc.text.get(doc.timexes[j].span.end()..prev_span.start());
                    gap.is_some_and(|g| g.trim().eq_ignore_ascii_case("of"))
                })
                .and_then(|j| analysed[j].1.as_ref())
                .filter(|v| v.kind == TimexKind::Duration)
                .map(|v| within_a_quarter(&v.timeml));
            if !named || quarter_of_year == Some(true) {
                return None;
            }
            match again {
                PeriodAgain::YearsBack(0) if same_sentence && year_named_after(doc, i) => {
                    Some(prev.timeml.clone())
                }
                PeriodAgain::YearsBack(n) if n > 0 && same_sentence => {
                    prev.timeml.parse::<i32>().ok().map(|y| (y - n).to_string())
                }
                _ => None,
            }
        }
        // "Panasonic reported lower profit this week. LG had a loss in the same period":
        // a week said of the story's own time is when it was reported, not a period of
        // figures ("the latest week", "the week ended Jan. 8" are).
        _ if prev.timeml.contains("-W")
            && again == PeriodAgain::YearsBack(0)
            && ["this", "last", "next"]
                .iter()
                .any(|w| prev_text.to_ascii_lowercase().starts_with(w)) =>
        {
            None
        }
        _ => anchor.and_then(|a| dated_period_again(&prev.timeml, again, a)),
    }
}

/// How an expression names a period again: "that period", "the same period" as it was;
/// "the same period last year", "the year-ago period" some years back; "the same period
/// of 2006" in a year; "the prior period" the one before. `None` when it names no period
/// again ("the latest period" is the one reported, "the 1988 period" a year's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PeriodAgain {
    YearsBack(i32),
    /// The year, and whether the words say it is the same period ("the same 1986
    /// period", not "the 1986 period", which may be a span of its own).
    InYear(i32, bool),
    OneBefore,
}

fn names_a_period_again(lower: &str) -> Option<PeriodAgain> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let period_at = words.iter().position(|w| *w == "period")?;
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let before = &words[..period_at];
    let counted_back = has(&["year", "years", "months"])
        && has(&["ago", "earlier", "before", "last", "prior", "previous"]);
    let same = before
        .iter()
        .any(|w| matches!(*w, "same" | "that" | "comparable" | "corresponding"));
    if let Some(y) = words.iter().find(|w| normalise::is_year_value(w)) {
        return y.parse().ok().map(|y| PeriodAgain::InYear(y, same));
    }
    if counted_back {
        return Some(PeriodAgain::YearsBack(if has(&["two"]) { 2 } else { 1 }));
    }
    if before
        .iter()
        .any(|w| matches!(*w, "prior" | "previous" | "preceding"))
    {
        return Some(PeriodAgain::OneBefore);
    }
    same.then_some(PeriodAgain::YearsBack(0))
}

/// A span named again: the same span, or, for a span of several months a year back or
/// in a named year, that year (the year of the quarter read already, `quarter`); "the
/// 1988 period" is that year only in the span's own sentence ("in the first nine months,
/// net rose from the 1988 period"), since a note after a table of nine months and a
/// quarter ("1986 period ended September 28") may mean either. "The prior period" after
/// a span is the span before it, which no value names.
fn span_again(
    span: &str,
    again: PeriodAgain,
    quarter: &str,
    same_sentence: bool,
) -> Option<String> {
    let counted = span.starts_with('P') && !span.contains('X') && span != "P3M";
    let months = months_of_duration(span).filter(|m| (4..=11).contains(m));
    match again {
        PeriodAgain::YearsBack(0) if counted => Some(span.to_string()),
        PeriodAgain::YearsBack(_) => months.and(quarter.get(..4)).map(str::to_string),
        PeriodAgain::InYear(y, same) if same || same_sentence => months.map(|_| y.to_string()),
        _ => None,
    }
}

/// A month, week or half-year (`value`) named again, when it lies within two years before
/// and three months after `anchor` (not "the September 2021 bond").
fn dated_period_again(value: &str, again: PeriodAgain, anchor: NaiveDate) -> Option<String> {
    let year: i32 = value.get(..4)?.parse().ok()?;
    let rest = value.get(4..)?;
    let month_like = normalise::is_month_value(value);
    let week = rest.starts_with("-W") && rest.len() == 4;
    let half = rest.starts_with("-H") && rest.len() == 3;
    if !(month_like || week || half) || !(anchor.year() - 2..=anchor.year()).contains(&year) {
        return None;
    }
    // The first day of a month, the Monday of a week.
    let start = match (month_like, week) {
        (true, _) => NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok(),
        (_, true) => normalise::week_or_day(value),
        _ => None,
    };
    if month_like && start.is_none_or(|first| first > anchor + chrono::Duration::days(92)) {
        return None;
    }
    match again {
        // "the same period last year" after a week of the story ("said last week") is
        // most often the quarter or the year to date, not that week a year back.
        PeriodAgain::YearsBack(n) if week && n > 0 => None,
        PeriodAgain::YearsBack(n) => Some(format!("{}{rest}", year - n)),
        PeriodAgain::InYear(y, _) => Some(format!("{y}{rest}")),
        PeriodAgain::OneBefore if week => {
            Some(normalise::week_of(start? - chrono::Duration::weeks(1)))
        }
        PeriodAgain::OneBefore if month_like => Some(
            (start? - chrono::Duration::days(1))
                .format("%Y-%m")
                .to_string(),
        ),
        PeriodAgain::OneBefore => None,
    }
}

/// Whether expression `i` is followed by "in" and a year ("the same period in 2006").
fn year_named_after(doc: &Document, i: usize) -> bool {
    let (Some(this), Some(next)) = (doc.timexes.get(i), doc.timexes.get(i + 1)) else {
        return false;
    };
    let between = doc
        .text
        .get(this.span.end()..next.span.start())
        .unwrap_or("");
    between.trim().eq_ignore_ascii_case("in") && normalise::is_year_value(next.text.trim())
}

/// The year of quarter `value` (expression `i`), when it is named by number and the day
/// or month it ended follows: "its fiscal fourth quarter ended July 31", written in
/// August, is written under the year it lies in, as TimeBank writes fiscal quarters,
/// whatever the tense says of a fourth quarter in August. "Ended" looks back; "ending",
/// "ends" may look either way ("the second quarter ending August 31", written in June).
/// "The first quarter of 1987, ended December 28, 1986" keeps the year it names.
fn quarter_year_by_its_end(
    doc: &Document,
    i: usize,
    anchor: Option<NaiveDate>,
    value: &str,
) -> Option<i32> {
    let (quarter, next) = (doc.timexes.get(i)?, doc.timexes.get(i + 1)?);
    let verb = quarter_end_verb(doc, quarter, next)?;
    let names_a_year = quarter
        .text
        .split(|c: char| !c.is_ascii_digit())
        .any(normalise::is_year_value);
    if names_a_year || !names_a_quarter_by_number(&quarter.text) {
        return None;
    }
    let number = value.get(6..)?.parse().ok()?;
    let tense = if verb == "ended" {
        Tense::Past
    } else {
        Tense::Unknown
    };
    let end = normalise_in_text(&doc.text, next.span, anchor, tense, None)?;
    year_of_quarter_ending(number, &end.timeml)
}

/// The verb ("ended", "ending", "ends") when `next` is the day or month `quarter` ends
/// on, said right after it: "the third quarter ended Sept. 30", "fiscal first quarter,
/// which ended in November".
fn quarter_end_verb<'a>(doc: &'a Document, quarter: &Timex, next: &Timex) -> Option<&'a str> {
    let between = doc.text.get(quarter.span.end()..next.span.start())?;
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let verb = match words.as_slice() {
        [verb] | [verb, "on" | "in"] => *verb,
        ["that" | "which", verb] | ["that" | "which", verb, "on" | "in"] => *verb,
        _ => return None,
    };
    matches!(verb, "ended" | "ending" | "ends").then_some(verb)
}

/// The year to write quarter `number` under when the quarter ended on `end` (a day, or
/// a month taken to its last day): TimeBank writes a fiscal quarter by its number and
/// the year it lies in. A quarter that runs into a second year takes the one whose
/// calendar quarter of that number lies nearer.
/// - Cisco's fiscal first quarter ended October 24, 2009 (August to October) is 2009-Q1;
/// - a fourth quarter ended July 31, 2010 is 2010-Q4, not the fourth quarter a year
///   before that a past tense would give;
/// - a retailer's fourth quarter ended January 31, 2010 (November to January) is
///   2009-Q4, and a fiscal first quarter ended then 2010-Q1.
fn year_of_quarter_ending(number: u32, end: &str) -> Option<i32> {
    let last = match end.len() {
        7 => {
            let first = NaiveDate::parse_from_str(&format!("{end}-01"), "%Y-%m-%d").ok()?;
            first.checked_add_months(chrono::Months::new(1))? - chrono::Duration::days(1)
        }
        _ => NaiveDate::parse_from_str(end.get(..10)?, "%Y-%m-%d").ok()?,
    };
    let first = last - chrono::Duration::days(88);
    let middle = last - chrono::Duration::days(45);
    (first.year()..=last.year()).min_by_key(|&y| {
        NaiveDate::from_ymd_opt(y, 3 * number - 1, 15)
            .map_or(i64::MAX, |m| (m - middle).num_days().abs())
    })
}

/// Whether an expression names a quarter by its number ("the fiscal third quarter",
/// "fourth-quarter", "Q2"), not "the quarter" or "the latest quarter".
fn names_a_quarter_by_number(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
    ]
    .iter()
    .any(|n| lower.contains(n))
        || lower
            .split_whitespace()
            .any(|w| matches!(w, "q1" | "q2" | "q3" | "q4"))
}

/// Whether a span is no longer than a quarter ("P3M", "P13W", "P90D").
fn within_a_quarter(value: &str) -> bool {
    let Some(count) = value.strip_prefix('P') else {
        return false;
    };
    let (n, unit) = count.split_at(count.len().saturating_sub(1));
    match (n.parse::<u32>(), unit) {
        (Ok(n), "M") => n <= 3,
        (Ok(n), "W") => n <= 13,
        (Ok(n), "D") => n <= 92,
        _ => false,
    }
}

/// The months of a span in months ("P9M" is 9).
fn months_of_duration(value: &str) -> Option<u32> {
    value.strip_prefix('P')?.strip_suffix('M')?.parse().ok()
}

/// "the first half of 2011 compared with the same period in 2010": the year after "in"
/// is the year of the same period, quarter or month.
fn same_period_in_year(doc: &Document, analysed: &mut [(Tense, Option<TimexValue>)]) {
    for (i, pair) in doc.timexes.windows(2).enumerate() {
        let (this, next) = (&pair[0], &pair[1]);
        let year = next.text.trim();
        let is_year = normalise::is_year_value(year);
        let between = doc
            .text
            .get(this.span.end()..next.span.start())
            .unwrap_or("");
        let same = this.text.to_ascii_lowercase().starts_with("the same ");
        if !(is_year && same && between.trim().eq_ignore_ascii_case("in")) {
            continue;
        }
        if let Some(v) = analysed[i].1.as_mut() {
            // A year ("the same period last year" after "this year") becomes the year
            // named; a month, week, quarter or half moves to it.
            if v.timeml.get(..4).is_some_and(normalise::is_year_value) {
                v.timeml.replace_range(..4, year);
            }
        }
    }
}

/// "at 3 a.m. on Monday", "8 p.m. (1900 GMT) on March 20": TimeML leaves "on" out, so the
/// clock time and the day are two expressions; the clock takes the day named right after
/// it instead of the document date.
fn clock_on_named_day(doc: &Document, analysed: &mut [(Tense, Option<TimexValue>)]) {
    // The calendar day of expression `j` ("2000-12-16" of "2000-12-16TMO") and the text
    // between expressions `a` and `b`.
    let day_of = |analysed: &[(Tense, Option<TimexValue>)], j: usize| {
        let value = &analysed.get(j)?.1.as_ref()?.timeml;
        let date = value.get(..10)?;
        NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let whole_day = value.len() == 10 || value.as_bytes().get(10) == Some(&b'T');
        Some((date.to_string(), whole_day))
    };
    let between = |a: usize, b: usize| {
        doc.text
            .get(doc.timexes[a].span.end()..doc.timexes[b].span.start())
            .unwrap_or("")
    };
    for i in 0..analysed.len() {
        if !is_clock_only(&doc.timexes[i].text) {
            continue;
        }
        // The day may follow a restatement in parentheses, itself a time expression, or
        // be named in that restatement ("4 in the morning (4 a.m. EDT Thursday)"); "on
        // Wednesday morning" gives the day whatever part of it.
        let after = (i + 1..(i + 3).min(analysed.len())).find_map(|j| {
            let (date, whole_day) = day_of(analysed, j)?;
            let gap = between(i, j);
            let on_day = whole_day && without_parentheses(gap).trim().eq_ignore_ascii_case("on");
            let restated = gap.trim() == "(" && !is_clock_only(&doc.timexes[j].text);
            (on_day || restated).then_some(date)
        });
        // "Saturday, Dec. 16, 6 to 6:30 p.m.", "Dec. 11, 8:30 p.m.": else the day just
        // before it, set off by a comma or a dash.
        let before = || {
            let j = i.checked_sub(1)?;
            let (date, _) = day_of(analysed, j)?;
            let gap = between(j, i);
            // "May 18, 2010 - 1:50 pm" (a dateline or byline) reads the same.
            let set_off =
                gap.trim_start().starts_with(',') || matches!(gap.trim(), "-" | "–" | "|");
            let listed = set_off && gap.len() <= 12 && !gap.contains(['.', ';', '\n']);
            listed.then_some(date)
        };
        let Some(date) = after.or_else(before) else {
            continue;
        };
        if let Some(v) = analysed[i].1.as_mut() {
            if let Some(time) = v.timeml.get(10..).map(str::to_string) {
                v.timeml = format!("{date}{time}");
            }
        }
    }
}

/// Whether an expression names a time of day and no day ("10 p.m.", "1900 GMT").
fn is_clock_only(expr: &str) -> bool {
    normalise(expr, None, Tense::Unknown)
        .is_some_and(|v| v.timeml.starts_with("XXXX-XX-XXT") && v.timeml.len() == 16)
}

/// `text` with every parenthesised part left out: " (1900 GMT) on " is " on ".
fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// The value of the expression at `span` of `text`, as the tagger reads it: the words of
/// the expression ([`normalise_after`]) and the words right after it ("the year ended
/// March 31" is a length of time).
pub(crate) fn normalise_in_text(
    text: &str,
    span: Span,
    anchor: Option<NaiveDate>,
    tense: Tense,
    reference: Option<&str>,
) -> Option<TimexValue> {
    if let Some(v) = indefinite_day(text, span, tense) {
        return Some(v);
    }
    normalise_after(&words_read(text, span), anchor, tense, reference)
        .map(|v| in_context(text, span, v, anchor, tense))
}

/// The words the expression at `span` stands for: its own, or completed from a day or
/// part of day it shares with its neighbour ("25" in "April 24 and 25" is "April 25").
fn words_read(text: &str, span: Span) -> Cow<'_, str> {
    day_after_month(text, span)
        .or_else(|| year_after_second_day(text, span))
        .or_else(|| year_after_second_month(text, span))
        .or_else(|| part_shared_with_next_weekday(text, span))
        .or_else(|| quarter_before_its_results(text, span))
        .map_or(Cow::Borrowed(span.of(text)), Cow::Owned)
}

/// "fourth quarter earnings", "first quarter results": a quarter written without its
/// hyphen before the results it names reads as the attribute "fourth-quarter" (whose
/// results, awaited in January, are last year's).
fn quarter_before_its_results(text: &str, span: Span) -> Option<String> {
    const RESULTS: &[&str] = &[
        "earnings", "results", "profit", "profits", "revenue", "revenues", "sales", "loss",
        "losses", "net", "income",
    ];
    let expr = span.of(text);
    let (ordinal, unit) = expr.trim().rsplit_once(' ')?;
    // "release the fourth quarter results"; not "in the fourth quarter profit is
    // expected to rise", a phrase of time before the subject.
    let bare_ordinal = match ordinal.split_once(' ') {
        None => true,
        Some((the, rest)) => {
            const PLACING: &[&str] = &["in", "during", "for", "through", "over", "by", "since"];
            the.eq_ignore_ascii_case("the")
                && !rest.contains(' ')
                && !PLACING.iter().any(|p| word_before_is(text, span, p))
        }
    };
    if !unit.eq_ignore_ascii_case("quarter") || !bare_ordinal {
        return None;
    }
    let next = text.get(span.end()..)?.split_whitespace().next()?;
    let next = next.trim_end_matches(|c: char| !c.is_alphabetic());
    RESULTS
        .iter()
        .any(|r| next.eq_ignore_ascii_case(r))
        .then(|| format!("{ordinal}-{unit}"))
}

/// Words that join two days of one month ("April 24 and 25", "May 3 to 5").
const DAY_LINKS: &[&str] = &["and", "or", "to", "through", "-", "–"];

/// "April 24" in "April 24 and 25, 2029": the year after the second day holds for the
/// first ("April 24, 2029").
fn year_after_second_day(text: &str, span: Span) -> Option<String> {
    let expr = span.of(text);
    if !expr.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after = text.get(span.end()..)?.trim_start();
    let link = DAY_LINKS.iter().find(|l| after.starts_with(*l))?;
    let rest = after[link.len()..].trim_start();
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&day_len) {
        return None;
    }
    let year = rest[day_len..].strip_prefix(", ")?.get(..4)?;
    year.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| format!("{expr}, {year}"))
}

/// "August" in "in August and November 2004", "March-September 2005": the year after
/// the second month holds for the first ("August 2004").
fn year_after_second_month(text: &str, span: Span) -> Option<String> {
    let expr = span.of(text);
    let first = normalise::month_number(expr)?;
    let after = text.get(span.end()..)?.trim_start();
    let link = DAY_LINKS.iter().find(|l| after.starts_with(*l))?;
    let mut words = after[link.len()..].split_whitespace();
    let second = normalise::month_number(words.next()?.trim_end_matches(','))?;
    let year = words.next()?.trim_end_matches(['.', ',', ';', ')']);
    let year: i32 = year
        .parse()
        .ok()
        .filter(|_| normalise::is_year_value(year))?;
    // "from November to February 2005": the first month is in the year before.
    let year = if first > second { year - 1 } else { year };
    Some(format!("{expr} {year}"))
}

/// "Monday" in "Monday and Tuesday nights": a weekday alone shares the plural part of
/// day of the weekday coordinated with it ("Monday nights").
fn part_shared_with_next_weekday(text: &str, span: Span) -> Option<String> {
    const PARTS: &[&str] = &["mornings", "afternoons", "evenings", "nights"];
    let expr = span.of(text);
    if !normalise::weekday_word(expr) {
        return None;
    }
    let mut words = text.get(span.end()..)?.split_whitespace();
    let link = words.next()?;
    let other = words.next()?;
    let part = words.next()?.trim_end_matches(|c: char| !c.is_alphabetic());
    let linked = link.eq_ignore_ascii_case("and") || link.eq_ignore_ascii_case("or");
    (linked && normalise::weekday_word(other) && PARTS.contains(&part.to_lowercase().as_str()))
        .then(|| format!("{expr} {part}"))
}

/// "25" in "April 24 and 25" (or "25, 2029"): a day number alone after a month and day
/// reads as that month's day ("April 25").
fn day_after_month(text: &str, span: Span) -> Option<String> {
    let expr = span.of(text);
    let digits = expr.bytes().take_while(u8::is_ascii_digit).count();
    let (day, year) = expr.split_at(digits);
    let year_ok = year.is_empty()
        || year
            .strip_prefix(", ")
            .is_some_and(normalise::is_year_value);
    if !(1..=2).contains(&digits) || !year_ok {
        return None;
    }
    let before = text.get(..span.start())?.trim_end();
    let link = DAY_LINKS.iter().find(|l| before.ends_with(*l))?;
    let rest = &before[..before.len() - link.len()];
    if link.starts_with(char::is_alphabetic) && !rest.ends_with(char::is_whitespace) {
        return None;
    }
    let before = rest.trim_end();
    let first_day = before.trim_end_matches(|c: char| c.is_ascii_digit());
    if first_day.len() == before.len() || !first_day.ends_with(' ') {
        return None;
    }
    let month = first_day.trim_end().rsplit(' ').next()?;
    normalise::month_number(month).map(|_| format!("{month} {day}{year}"))
}

/// "Islam will one day be ...", "One day, he walked in": "one day" after a modal or a
/// subject, or opening a sentence before a comma, is some unnamed day, not a length of
/// time: ahead in a future clause, behind in a past one.
fn indefinite_day(text: &str, span: Span, tense: Tense) -> Option<TimexValue> {
    const MODALS: &[&str] = &[
        "will", "would", "may", "might", "could", "can", "should", "must", "shall",
    ];
    // Subjects only: "give it one day" is a length.
    const SUBJECTS: &[&str] = &["he", "she", "they", "we", "i", "you"];
    if !span.of(text).eq_ignore_ascii_case("one day") {
        return None;
    }
    let before = text.get(..span.start())?.trim_end();
    let word_before = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let is = |list: &[&str]| {
        before.ends_with(char::is_alphabetic)
            && list.iter().any(|w| word_before.eq_ignore_ascii_case(w))
    };
    let opens = (before.is_empty() || before.ends_with(['.', '"', '\n']))
        && text.get(span.end()..)?.starts_with(',');
    let value = if is(MODALS) {
        "FUTURE_REF"
    } else if is(SUBJECTS) || opens {
        // "She one day walked in", "One day, he left": behind in a past clause.
        match tense {
            Tense::Past => "PAST_REF",
            Tense::Future => "FUTURE_REF",
            _ if opens => "PAST_REF",
            _ => "FUTURE_REF",
        }
    } else {
        return None;
    };
    Some(TimexValue {
        timeml: value.to_string(),
        kind: TimexKind::Date,
        relative: true,
        from_reference: false,
        modifier: None,
    })
}

/// Readings that depend on the words after the expression: "the (fiscal) year ended
/// March 31" is the year-long period up to that day, a TimeML duration (`P1Y`), not the
/// calendar year of the document.
/// "For the week, the Dow rose 2 percent", "earlier in the week", written from Friday to
/// Sunday: a past "the week" sums up the week just ending (a Friday market wrap), not
/// an unspecified one. Not "the week after the vote", counted from another day, nor the
/// magazine "The Week", "the week ahead" or "the week in which".
fn week_just_ending(
    text: &str,
    span: Span,
    words: &[String],
    v: &TimexValue,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<String> {
    #[rustfmt::skip]
    const COUNTED_FROM: &[&str] = &[
        "after", "before", "following", "of", "ended", "ending", "to", "prior", "since", "that",
        "ahead", "when", "which", "starting", "beginning", "until", "from",
    ];
    let a = anchor.filter(|a| a.weekday().number_from_monday() >= 5)?;
    let expr = span.of(text);
    let mut after = text.get(span.end()..)?.split_whitespace();
    let next = after.next().unwrap_or("");
    let in_which = next.eq_ignore_ascii_case("in")
        && after
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("which"));
    let counted = in_which || COUNTED_FROM.iter().any(|w| next.eq_ignore_ascii_case(w));
    let title = expr.starts_with("The Week") && span.start() > 0;
    (tense == Tense::Past
        && words == ["the", "week"]
        && v.timeml.ends_with("-WXX")
        && !counted
        && !title)
        .then(|| normalise::week_of(a))
}

/// "Ford ended the year with $25.5 billion in cash": a year something ended or closed
/// is over, so before December it is last year, not the year of the document.
fn year_already_ended(
    text: &str,
    span: Span,
    words: &[String],
    v: &TimexValue,
    anchor: Option<NaiveDate>,
) -> Option<String> {
    let a = anchor.filter(|a| a.month() < 12)?;
    let verb = word_before(text, span);
    let ended = ["ended", "finished", "closed"]
        .iter()
        .any(|e| verb.eq_ignore_ascii_case(e));
    (ended && words == ["the", "year"] && v.timeml == a.year().to_string())
        .then(|| (a.year() - 1).to_string())
}

fn in_context(
    text: &str,
    span: Span,
    v: TimexValue,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> TimexValue {
    // "since year-end", "since mid-year" count from an end or middle already past.
    let since = word_before_is(text, span, "since");
    if let (true, Some(a)) = (since, anchor) {
        if let Some(past) = normalise::part_since(&v, a) {
            return TimexValue { timeml: past, ..v };
        }
    }
    let words = normalise::words(span.of(text));
    if let Some(last_year) = year_already_ended(text, span, &words, &v, anchor) {
        return TimexValue {
            timeml: last_year,
            ..v
        };
    }
    if let Some(week) = week_just_ending(text, span, &words, &v, anchor, tense) {
        return TimexValue { timeml: week, ..v };
    }
    let after = text.get(span.end()..).unwrap_or("").trim_start();
    let next = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let ends_period = matches!(next, "ended" | "ending");
    let nowadays = nowadays_before(text, span, tense);
    if words == ["today"] && (names_the_present_age(after) || nowadays) {
        return TimexValue {
            timeml: "PRESENT_REF".to_string(),
            relative: true,
            ..v
        };
    }
    let year_word = matches!(words.last().map(String::as_str), Some("year"))
        && words
            .iter()
            .all(|w| matches!(w.as_str(), "the" | "fiscal" | "year"));
    // "the year to March 31", like "the year ended March 31".
    let to_a_month = next == "to"
        && after[2..]
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| !w.is_empty())
            .is_some_and(|m| normalise::month_number(m).is_some());
    if (ends_period || to_a_month) && year_word && v.kind == TimexKind::Date {
        return TimexValue {
            timeml: "P1Y".to_string(),
            kind: TimexKind::Duration,
            relative: false,
            from_reference: false,
            modifier: v.modifier,
        };
    }
    // "the week to August 27", "the week ended Aug. 20": the seven days up to that day.
    let week_word = words.iter().all(|w| matches!(w.as_str(), "the" | "week"))
        && words.last().is_some_and(|w| w == "week");
    if week_word && (ends_period || next == "to") {
        if let Some(week) = week_ending(after[next.len()..].trim_start(), anchor) {
            return TimexValue { timeml: week, ..v };
        }
    }
    let quarter_word = words
        .iter()
        .all(|w| matches!(w.as_str(), "the" | "quarter"));
    if ends_period && quarter_word {
        // "the quarter ended July 31" is behind us; "the quarter ending Dec. 31" may be
        // ahead, as its clause says.
        let day_tense = if next == "ended" { Tense::Past } else { tense };
        let rest = after[next.len()..].trim_start();
        if let Some(q) = quarter_ending(rest, &v.timeml, anchor, day_tense) {
            return TimexValue { timeml: q, ..v };
        }
    }
    v
}

/// Whether `after` ("'s youth ...") makes the "today" before it the present age rather
/// than the document's day: a possessive whose noun is an era noun of the cue list,
/// written in lower case ("today's world", not "Today's World Cup final"), or follows
/// one adjective ("today's personal computers", not "today's game players").
/// "even today", "kids today": "today" after "even", or after a noun of a generation
/// outside a past clause ("students today marched" is the day), is the present age.
fn nowadays_before(text: &str, span: Span, tense: Tense) -> bool {
    #[rustfmt::skip]
    const GENERATIONS: &[&str] = &[
        "children", "kids", "teenagers", "teens", "youngsters", "youth", "society",
        "generation", "generations", "students", "parents", "families", "culture",
    ];
    let before = word_before(text, span);
    before.eq_ignore_ascii_case("even")
        || (tense != Tense::Past && GENERATIONS.iter().any(|g| before.eq_ignore_ascii_case(g)))
}

fn names_the_present_age(after: &str) -> bool {
    let Some(owned) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("\u{2019}s "))
    else {
        return false;
    };
    let era = |w: &str| {
        w.bytes().all(|b| b.is_ascii_lowercase()) && lexicon::cues().is(w, lexicon::Cue::Era)
    };
    let mut words = owned.split_whitespace();
    let Some(raw) = words.next() else {
        return false;
    };
    let first = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
    if era(first) {
        return true;
    }
    // Punctuation ends the noun phrase: "at today's meeting, people said".
    let adjective = first.len() == raw.len()
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && [
            "al", "ic", "ous", "ive", "ern", "ful", "ing", "young", "elite", "college",
        ]
        .iter()
        .any(|end| first.ends_with(end));
    adjective
        && words
            .next()
            .is_some_and(|w| era(w.trim_end_matches(|c: char| !c.is_alphanumeric())))
}

/// "the week ended Aug. 20": the ISO week holding the middle of the seven days up to that
/// day (a week to Sunday is that ISO week; one to Friday is still mostly it). `after`
/// starts at the month.
fn week_ending(after: &str, anchor: Option<NaiveDate>) -> Option<String> {
    // Read as a past date: weekly figures report a week gone by.
    let (_, _, day_text) = named_day(after)?;
    let day = normalise_after(&day_text, anchor, Tense::Past, None)?;
    let end = NaiveDate::parse_from_str(day.timeml.get(..10)?, "%Y-%m-%d").ok()?;
    let middle = end - chrono::Duration::days(3);
    Some(normalise::week_of(middle))
}

/// "the quarter ended July 31": the three months up to that day, named by the calendar
/// quarter that holds their middle month (May to July is mostly the second quarter; so
/// is a quarter to August 4). `after` starts at the month; the year is the day's own,
/// read in `tense`, else that of `value`, the quarter read without it.
fn quarter_ending(
    after: &str,
    value: &str,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<String> {
    let (m, day, day_text) = named_day(after)?;
    let dated = day.and_then(|_| normalise_after(&day_text, anchor, tense, None));
    let year: i32 = match &dated {
        Some(d) => d.timeml.get(..4)?.parse().ok()?,
        None => value.get(..4)?.parse().ok()?,
    };
    // A quarter ending in a month's first week ends, in the main, with the month before.
    let last = if day.is_some_and(|d| d <= 7) {
        m - 1
    } else {
        m
    };
    Some(normalise::quarter_to(year, last))
}

/// The day that opens `after` ("Dec. 30, 2011 ...", "July 31 ..."): its month, its day
/// of the month when one follows, and the words to read it from, with its year if one
/// follows ("Dec 30 2011").
fn named_day(after: &str) -> Option<(u32, Option<u32>, String)> {
    let words: Vec<&str> = after
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let month = normalise::month_number(words.first()?)?;
    let day = words
        .get(1)
        .and_then(|d| d.parse().ok())
        .filter(|d| *d <= 31);
    let with_year = words
        .get(2)
        .is_some_and(|y| y.len() == 4 && y.parse::<i32>().is_ok());
    let day_text = words[..if with_year { 3 } else { 2.min(words.len()) }].join(" ");
    Some((month, day, day_text))
}

/// The full normalisation of one time expression of `doc` (see [`timeml_values`]).
pub fn timeml_of(doc: &Document, timex: &Timex) -> Option<TimexValue> {
    let i = doc.timexes.iter().position(|t| t.span == timex.span)?;
    timeml_values(doc).into_iter().nth(i).flatten()
}

/// Sets (or resets) the value and anchor note of every time expression from the document
/// date; call it again when the date becomes known.
pub fn resolve(doc: &mut Document) {
    let anchor = match (dateline_day(doc), anchor_date(doc), &doc.published) {
        (Some(d), _, _) => Some(format!("dateline date {d}")),
        (None, Some(a), _) => Some(format!("document date {a}")),
        (None, None, Some(p)) if anchor_range(doc).is_some() => {
            Some(format!("document date {}", p.date.value))
        }
        _ => None,
    };
    let analysed = analyse(doc);
    let mut unresolved = 0;
    for (i, (tense, value)) in analysed.into_iter().enumerate() {
        let (date, note) = describe(value.as_ref(), anchor.as_deref(), tense);
        unresolved += usize::from(note.starts_with("unresolved"));
        let timex = &mut doc.timexes[i];
        timex.value = date;
        timex.anchor = note;
    }
    // Resolving again replaces, never repeats, the earlier note.
    doc.diagnostics.retain(|d| !d.starts_with(UNRESOLVED_NOTE));
    if unresolved > 0 {
        doc.diagnostics.push(format!(
            "{UNRESOLVED_NOTE} {unresolved} relative time expression(s): no document date"
        ));
    }
}

/// Moves the reference point of later relative expressions past `v`: a date becomes
/// it; a span of several months ("the nine months", "the six months") puts a period
/// other than the last quarter in view, so "a year earlier" after it is no quarter.
/// Says whether `v` became the reference.
pub(crate) fn update_reference(reference: &mut Option<String>, v: &TimexValue) -> bool {
    if is_reference(v) {
        *reference = Some(v.timeml.clone());
        return true;
    }
    if v.kind == TimexKind::Duration && matches!(v.timeml.as_str(), "P6M" | "P9M") {
        *reference = None;
    }
    false
}

/// Whether `expr` is a bare "the month" or "the year" read as a calendar period (`v`)
/// of the same kind as `reference`.
fn same_period_again(expr: &str, reference: &str, v: &TimexValue) -> bool {
    match expr.trim().to_ascii_lowercase().as_str() {
        "the month" => normalise::is_month_value(reference) && normalise::is_month_value(&v.timeml),
        "the year" => normalise::is_year_value(reference) && normalise::is_year_value(&v.timeml),
        _ => false,
    }
}

/// Whether `month` (`YYYY-MM`) is one a report written on `anchor` gives figures for:
/// one or two months back.
fn reported_month(month: &str, anchor: NaiveDate) -> bool {
    let Some((y, m)) = month.split_once('-') else {
        return false;
    };
    let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<i32>()) else {
        return false;
    };
    let back = (anchor.year() - y) * 12 + anchor.month() as i32 - m;
    normalise::is_month_value(month) && (1..=2).contains(&back)
}

/// The word right before `span` (up to the whitespace before it), or "".
fn word_before(text: &str, span: Span) -> &str {
    text.get(..span.start())
        .and_then(|b| b.trim_end().rsplit(char::is_whitespace).next())
        .unwrap_or("")
}

/// Whether the word right before `span` is `w` (any case).
fn word_before_is(text: &str, span: Span, w: &str) -> bool {
    word_before(text, span).eq_ignore_ascii_case(w)
}

/// Whether an expression counts years back from the date in view ("a year earlier",
/// "the year before", "year-earlier"), not "that year", which names it.
fn counts_years_back(expr: &str) -> bool {
    let lower = expr.to_ascii_lowercase();
    lower.contains("year") && (lower.contains("earlier") || lower.contains("before"))
}

/// Whether an expression spans months: "January-August", "the August-October quarter".
fn is_month_range(expr: &str) -> bool {
    expr.split_once(['-', '\u{2013}']).is_some_and(|(a, b)| {
        let last = a.rsplit(char::is_whitespace).next().unwrap_or("");
        let first = b.split(char::is_whitespace).next().unwrap_or("");
        normalise::month_number(last).is_some() && normalise::month_number(first).is_some()
    })
}

/// Whether a value can serve as the reference point of a later "a year earlier".
pub(crate) fn is_reference(v: &TimexValue) -> bool {
    matches!(v.kind, TimexKind::Date | TimexKind::Time)
        && !v.from_reference
        && v.date_value().is_some()
}

/// The calendar value and anchor note of one expression; `anchor` is the document date
/// as far as it is known (`2015-06-14`, or `2015` alone).
fn describe(
    value: Option<&TimexValue>,
    anchor: Option<&str>,
    tense: Tense,
) -> (Option<sitrep_model::DateValue>, String) {
    let Some(v) = value else {
        return (None, "unreadable".to_string());
    };
    let how = match (v.relative, anchor) {
        (false, _) => "absolute".to_string(),
        (true, Some(a)) => format!("relative to {a} ({tense:?} tense)"),
        (true, None) => "unresolved: relative, no document date".to_string(),
    };
    let mut note = format!("{how}; timeml {} {}", v.kind.as_str(), v.timeml);
    if let Some(m) = v.modifier {
        note.push_str(&format!(" mod {m}"));
    }
    (v.date_value(), note)
}

/// The date of an event whose trigger is `trigger`: the calendar value of a time
/// expression in the trigger's own clause (the nearest one), else the document date.
/// `None` when neither exists.
pub fn date_event(doc: &Document, trigger: Span) -> Option<EventDate> {
    let sentence = sentence_span(doc, trigger);
    let clause = clause_of(&doc.text, sentence, trigger);
    let own = doc
        .timexes
        .iter()
        .filter(|t| clause.contains(t.span) && !t.span.overlaps(trigger))
        .filter_map(|t| Some((t, t.value.clone()?)))
        .min_by_key(|(t, _)| t.span.start.abs_diff(trigger.start));
    if let Some((_, date)) = own {
        return Some(EventDate {
            date,
            from: "clause".to_string(),
        });
    }
    let published = doc.published.as_ref()?;
    Some(EventDate {
        date: published.date.clone(),
        from: "document".to_string(),
    })
}

/// Fills `date` on every event that lacks one, using [`date_event`].
pub fn date_events(doc: &mut Document) {
    let dates: Vec<Option<EventDate>> = doc
        .events
        .iter()
        .map(|e| match &e.date {
            Some(d) => Some(d.clone()),
            None => date_event(doc, e.trigger),
        })
        .collect();
    for (event, date) in doc.events.iter_mut().zip(dates) {
        event.date = date;
    }
}

#[cfg(test)]
mod tests;
