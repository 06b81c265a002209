//! From the words of one time expression to its TimeML value.
//!
//! The expression is read into typed items (month, number, unit, "last", "ago", ...),
//! then a fixed cascade of rules, most specific first, builds the value. The same code
//! serves the tagger and evaluation on gold spans.

use crate::lexicon::{lexicon, Lex, Phrase, Unit, VAGUE_PHRASES};
use crate::value::{Tense, TimexKind, TimexValue};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which "last/next/this" word was used, where the word itself changes the reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RelWord {
    /// last, next, this, previous.
    Plain,
    /// "following", "that", "same", "previous": counted from the last date the text
    /// mentioned, when there is one ("the following year", "that day").
    Narrative,
    /// "past": "the past year" is a duration, "the past" a reference.
    Past,
    /// "recent", "latest": vague past.
    Recent,
    /// "coming", "upcoming": vague future.
    Coming,
}

/// One meaningful word of an expression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum It {
    Month(u32),
    Weekday(u32),
    Num(i64),
    Ord(i64),
    Year(i32),
    Decade(i32),
    Unit(Unit, bool),
    Season(&'static str),
    Part(&'static str),
    Rel(i32, RelWord),
    /// Direction, and whether it counts from now ("ago") rather than from the last
    /// date mentioned ("earlier", "later").
    Dir(i32, bool),
    DayRel(i64),
    Ref(&'static str),
    DayPart(&'static str),
    Set(&'static str),
    Mod(&'static str),
    Vague,
    Holiday(u32, u32),
    Floating(u32, u32, u32, u32),
    Easter(i64),
    Clock(u32, u32),
    AmPm(bool),
}

/// Splits an expression into lower-case words: hyphens, slashes and commas separate,
/// dots and quotes at the edges go (except in `a.m.` / `p.m.`).
pub(crate) fn words(expr: &str) -> Vec<String> {
    let lower = expr.to_lowercase();
    lower
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | ',' | '(' | ')' | ';' | '"')
        })
        .map(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '“' | '”' | '.' | '!' | '?' | ':'));
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.trim_end_matches(['\'', '’']).to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Reads the words of an expression into items, composing spelled-out numbers.
pub(crate) fn items(expr: &str) -> Vec<It> {
    let mut out: Vec<It> = Vec::new();
    let all = words(expr);
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let mut skip = 0;
    for (i, w) in all.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        // "Election Day", "New Year's Day": a name of several words is one item.
        if let Some(p) = phrase_at(&all[i..]) {
            if let Some(it) = item(w, p.lex) {
                push_item(&mut out, it);
            }
            skip = p.words.len() - 1;
            continue;
        }
        // "4 in the morning": the hour, told by the part of the day.
        if let Some(clock) = hour_told_by_part_of_day(&all[i..]) {
            out.extend(clock);
            skip = 3;
            continue;
        }
        // Figures written in digits are never composed like spoken numbers: "Aug. 11-13"
        // is the 11th (to the 13th), "JUL-16-99" the 16th of July 1999.
        if digits(w)
            && w.len() <= 2
            && i > 0
            && digits(&all[i - 1])
            && joined_figures(expr, &all[i - 1], w)
        {
            let month_day_before =
                i >= 2 && matches!(out.as_slice(), [.., It::Month(_), It::Num(_)]);
            let yy: i32 = w.parse().unwrap_or(0);
            let day: i32 = all[i - 1].parse().unwrap_or(0);
            // A second day after the first ("11-13") is the end of a range.
            let not_a_day = yy > 31 || yy < day;
            if w.len() == 2 && month_day_before && all.len() == i + 1 && not_a_day {
                out.push(It::Year(if yy < 50 { 2000 + yy } else { 1900 + yy }));
            } else if month_day_before {
                // The end of a range of days: the expression dates from its first day.
            } else if let Some(it) = numeric(w) {
                out.push(it);
            }
            continue;
        }
        // "the next day", "the next morning": the day after the one the story last
        // named, as "the following day" (not "next week", counted from now).
        let next_day = w == "next"
            && i > 0
            && all[i - 1] == "the"
            && all.get(i + 1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "day" | "morning" | "afternoon" | "evening" | "night"
                )
            });
        if next_day {
            out.push(It::Rel(1, RelWord::Narrative));
            continue;
        }
        // "three years from now" counts forward from the document date, as "hence".
        if w == "from" && all.get(i + 1).is_some_and(|n| n == "now") {
            push_item(&mut out, It::Dir(1, true));
            skip = 1;
            continue;
        }
        // "up to 180 days": at most.
        if w == "up" && all.get(i + 1).is_some_and(|n| n == "to") {
            out.push(It::Mod("EQUAL_OR_LESS"));
            skip = 1;
            continue;
        }
        // "two to three weeks", "12 or 18 months": a range of counts is read from its
        // first count, as TimeML writes it (there is no value for a range of lengths).
        if (w == "to" || w == "or") && matches!(out.last(), Some(It::Num(_))) {
            let upper = all[i + 1..]
                .iter()
                .take_while(|n| matches!(word_items(n).as_slice(), [It::Num(_)]))
                .count();
            if upper > 0 {
                skip = upper;
                continue;
            }
        }
        // "a day-long meeting" lasts one day; "decades-long" stays unspecified.
        if w == "long" {
            if let [.., before, It::Unit(u, false)] = out.as_slice() {
                if !matches!(before, It::Num(_) | It::Vague) {
                    let unit = It::Unit(*u, false);
                    out.pop();
                    out.extend([It::Num(1), unit]);
                }
            } else if let [It::Unit(u, false)] = out.as_slice() {
                out = vec![It::Num(1), It::Unit(*u, false)];
            }
            continue;
        }
        // "five more years" adds years; only "more than" bounds a length.
        if w == "more" && all.get(i + 1).is_none_or(|n| n != "than") {
            continue;
        }
        // "1900 GMT": four digits before a time zone are a 24-hour clock, not a year.
        if let Some(clock) = zoned_clock(w, all.get(i + 1)) {
            push_item(&mut out, clock);
            continue;
        }
        for it in word_items(w) {
            push_item(&mut out, it);
        }
    }
    // "the year two thousand".
    if let [.., It::Unit(Unit::Year, false), It::Num(n)] = out.as_slice() {
        if (1000..2200).contains(n) {
            let y = *n as i32;
            out.truncate(out.len() - 2);
            out.push(It::Year(y));
        }
    }
    out
}

/// Month `m` of year `y`, or its day `d` when one is named.
fn month_of_year(y: i32, m: u32, d: Option<u32>) -> Option<TimexValue> {
    if let Some(d) = d {
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return out(ymd(date), TimexKind::Date, true);
    }
    out(format!("{y}-{m:02}"), TimexKind::Date, true)
}

/// Whether the figures `a` and `b` stand in `expr` joined by a hyphen or slash, whole
/// ("11-13", not the "1-2" inside "11-22").
fn joined_figures(expr: &str, a: &str, b: &str) -> bool {
    let bytes = expr.as_bytes();
    let digit_at = |k: Option<usize>| k.and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_digit);
    expr.match_indices(a).any(|(at, _)| {
        let sep = at + a.len();
        let whole_start = !digit_at(at.checked_sub(1));
        let joined = matches!(bytes.get(sep), Some(b'-' | b'/'));
        let rest = expr.get(sep + 1..).unwrap_or("");
        whole_start && joined && rest.starts_with(b) && !digit_at(Some(sep + 1 + b.len()))
    })
}

/// A holiday whose day changes from year to year.
#[derive(Clone, Copy)]
enum Movable {
    /// The Nth ISO weekday on or after a day of a month: month, weekday, N, first day.
    Nth(u32, u32, u32, u32),
    /// Days from Easter Sunday.
    Easter(i64),
}

impl Movable {
    fn day_in(self, y: i32) -> Option<NaiveDate> {
        match self {
            Movable::Nth(m, w, n, from) => {
                let start = NaiveDate::from_ymd_opt(y, m, from)?;
                let wd = i64::from(weekday(w)?.num_days_from_monday());
                let ahead = (7 + wd - i64::from(start.weekday().num_days_from_monday())) % 7;
                start.checked_add_signed(Duration::days(ahead + 7 * (i64::from(n) - 1)))
            }
            Movable::Easter(offset) => {
                easter_sunday(y)?.checked_add_signed(Duration::try_days(offset)?)
            }
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus of 1876).
fn easter_sunday(y: i32) -> Option<NaiveDate> {
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Whether `w` names a weekday ("Monday", "Tues."), capitalised as a name is.
pub(crate) fn weekday_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    w.starts_with(char::is_uppercase)
        && lexicon()
            .get(&w.to_lowercase())
            .iter()
            .any(|l| matches!(l, Lex::Weekday(_)))
}

/// The number of the month `w` names ("July" 7, "Sept." 9), capitalised as a name is.
pub(crate) fn month_number(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    if !w.starts_with(char::is_uppercase) {
        return None;
    }
    lexicon()
        .get(&w.to_lowercase())
        .iter()
        .find_map(|l| match l {
            Lex::Month(m) => Some(*m),
            _ => None,
        })
}

/// The name of several words that `words` opens with, if any.
fn phrase_at(words: &[String]) -> Option<&'static Phrase> {
    let first = words.first()?;
    lexicon().phrases().iter().find(|p| {
        p.words[0] == first
            && p.words.len() <= words.len()
            && p.words.iter().zip(words).all(|(a, b)| a == b)
    })
}

/// "4 in the morning", "8 in the evening", "11 in the night": the clock the words
/// name, as a clock item and its half of the day.
fn hour_told_by_part_of_day(words: &[String]) -> Option<[It; 2]> {
    let [hour, inn, the, part, ..] = words else {
        return None;
    };
    let h: u32 = hour.parse().ok().filter(|h| (1..=12).contains(h))?;
    if inn != "in" || the != "the" {
        return None;
    }
    let pm = match part.as_str() {
        "morning" => false,
        "afternoon" | "evening" => h != 12,
        "night" => (6..12).contains(&h),
        _ => return None,
    };
    Some([It::Clock(h, 0), It::AmPm(pm)])
}

/// A 24-hour clock written as four digits before a time zone ("0100 GMT", "1900 UTC").
pub(crate) fn zoned_clock(w: &str, next: Option<&String>) -> Option<It> {
    let zone = next.is_some_and(|n| lexicon().get(n).contains(&Lex::Zone));
    if !zone || w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = (w[..2].parse::<u32>().ok()?, w[2..].parse::<u32>().ok()?);
    (h < 24 && m < 60).then_some(It::Clock(h, m))
}

/// Every reading of a word ("tonight" is both a day and a part of day).
fn word_items(w: &str) -> Vec<It> {
    let w = w.trim_start_matches(['\'', '’']);
    if let Some(it) = numeric(w) {
        return vec![it];
    }
    match w {
        "a.m" | "am" => return vec![It::AmPm(false)],
        "p.m" | "pm" => return vec![It::AmPm(true)],
        _ => {}
    }
    lexicon()
        .get(w)
        .iter()
        .filter_map(|l| item(w, *l))
        .collect()
}

fn push_item(out: &mut Vec<It>, it: It) {
    match (out.last().copied(), it) {
        // "10 p.m.": the number is the hour, never a day of the month.
        (Some(It::Num(h)), It::AmPm(_)) if (1..=12).contains(&h) => {
            out.pop();
            out.push(It::Clock(h as u32, 0));
            out.push(it);
        }
        // Spoken years: "nineteen ninety-six".
        (Some(It::Num(a)), It::Num(b)) if (11..=20).contains(&a) && (10..=99).contains(&b) => {
            out.pop();
            out.push(It::Year((a * 100 + b) as i32));
        }
        (Some(It::Year(y)), It::Num(b)) if y % 100 >= 20 && y % 10 == 0 && b < 10 => {
            out.pop();
            out.push(It::Year(y + b as i32));
        }
        (Some(It::Num(a)), It::Num(b)) if b == 100 || b == 1000 => {
            out.pop();
            out.push(It::Num(a.saturating_mul(b)));
        }
        (Some(It::Num(a)), It::Num(b)) if a >= 20 && a % 10 == 0 && b < 10 => {
            out.pop();
            out.push(It::Num(a.saturating_add(b)));
        }
        // "some 200 hours": a vague word before a count only makes it approximate.
        (Some(It::Vague), It::Num(_)) => {
            out.pop();
            out.push(It::Mod("APPROX"));
            out.push(it);
        }
        // "a couple", "a dozen": the article only counts when nothing follows.
        (Some(It::Num(1)), It::Num(b)) => {
            out.pop();
            out.push(It::Num(b));
        }
        (Some(It::Num(a)), It::Ord(b)) if a >= 20 && a % 10 == 0 && b < 10 => {
            out.pop();
            out.push(It::Ord(a.saturating_add(b)));
        }
        _ => out.push(it),
    }
}

fn item(w: &str, lex: Lex) -> Option<It> {
    Some(match lex {
        Lex::Month(m) => It::Month(m),
        Lex::Weekday(d) => It::Weekday(d),
        Lex::Number(n) => It::Num(n),
        Lex::Ordinal(n) => It::Ord(n),
        Lex::Unit(u) => It::Unit(u, w.ends_with('s')),
        Lex::Season(s) => It::Season(s),
        Lex::Part(p) => It::Part(p),
        Lex::Rel(r) => It::Rel(r, rel_word(w)),
        Lex::Dir(d) => It::Dir(d, matches!(w, "ago" | "hence" | "back")),
        Lex::DayRel(d) => It::DayRel(d),
        Lex::Ref(r) => It::Ref(r),
        Lex::DayPart(p) => It::DayPart(p),
        Lex::Set(s) => It::Set(s),
        Lex::Mod(m) => It::Mod(m),
        Lex::Vague => It::Vague,
        Lex::Holiday(m, d) => It::Holiday(m, d),
        Lex::Floating(m, w, n, f) => It::Floating(m, w, n, f),
        Lex::Easter(offset) => It::Easter(offset),
        Lex::Zone | Lex::Name => return None,
        Lex::Decade(d) => It::Decade(d),
    })
}

fn rel_word(w: &str) -> RelWord {
    match w {
        "past" => RelWord::Past,
        "recent" | "latest" => RelWord::Recent,
        "coming" | "upcoming" => RelWord::Coming,
        "following" | "that" | "same" | "previous" | "preceding" | "prior" => RelWord::Narrative,
        _ => RelWord::Plain,
    }
}

/// Digits: years, decades (`1990s`, `'90s`), ordinals (`23rd`), clock times (`7:15`).
fn numeric(w: &str) -> Option<It> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let (num, suffix) = w.split_at(digits);
    let n: i64 = num.parse().ok()?;
    match suffix {
        "" if digits == 4 && (1000..2200).contains(&n) => Some(It::Year(n as i32)),
        "" => Some(It::Num(n)),
        "s" if digits == 4 && n % 10 == 0 => Some(It::Decade((n / 10) as i32)),
        "s" if digits == 2 && n % 10 == 0 => Some(It::Decade((190 + n / 10) as i32)),
        "st" | "nd" | "rd" | "th" => Some(It::Ord(n)),
        _ => {
            let (h, m) = w.split_once(':')?;
            let m = m.get(..2)?;
            Some(It::Clock(h.parse().ok()?, m.parse().ok()?))
        }
    }
}

/// Normalises one time expression against an anchor date (the document date) and the
/// tense of its clause. Returns `None` when the words make no time expression.
///
/// ```
/// use chrono::NaiveDate;
/// use sitrep_time::{normalise, Tense};
/// let wed = NaiveDate::from_ymd_opt(2031, 3, 12);
/// assert_eq!(normalise("Monday", wed, Tense::Past).unwrap().timeml, "2031-03-10");
/// assert_eq!(normalise("three weeks", wed, Tense::Past).unwrap().timeml, "P3W");
/// assert_eq!(normalise("Monday", None, Tense::Past).unwrap().timeml, "XXXX-WXX-1");
/// ```
pub fn normalise(expr: &str, anchor: Option<NaiveDate>, tense: Tense) -> Option<TimexValue> {
    normalise_after(expr, anchor, tense, None)
}

/// [`normalise`] with the TimeML value of the last date the text mentioned before the
/// expression: "a year earlier" and "two days later" count from it, and a year-ago
/// comparison after a quarter ("the third quarter ... a year ago") is that quarter.
pub fn normalise_after(
    expr: &str,
    anchor: Option<NaiveDate>,
    tense: Tense,
    reference: Option<&str>,
) -> Option<TimexValue> {
    if let Some(v) = numeric_date(expr.trim(), anchor) {
        return Some(v);
    }
    if let Some(v) = half_a_unit(expr, anchor) {
        return Some(v);
    }
    if let Some(v) = compound_ago(expr, anchor) {
        return Some(v);
    }
    if let Some(v) = lasting(expr) {
        return Some(v);
    }
    if let Some(v) = small_hours_of(expr, anchor, tense, reference) {
        return Some(v);
    }
    if let Some(v) = vague_phrase(expr) {
        return Some(v);
    }
    let (expr, half) = strip_half(expr);
    // "a year and a half ago" is 18 months ago: a date counts in the next finer unit.
    if half {
        if let Some(finer) = in_finer_units(&expr) {
            return normalise_after(&finer, anchor, tense, reference);
        }
    }
    let all = items(&expr);
    let mut modifier = None;
    let parted = all.iter().any(|i| matches!(i, It::Part(_)));
    let mut its: Vec<It> = Vec::with_capacity(all.len());
    for it in &all {
        match it {
            It::Part(p) => modifier = Some(*p),
            It::Mod(m) if *m != "FILLER" => modifier = modifier.or(Some(*m)),
            It::Mod(_) => {}
            _ => its.push(*it),
        }
    }
    drop_scope_dir(&mut its);
    let w = words(&expr);
    let definite = w.first().is_some_and(|w| w == "the")
        && w.get(1)
            .is_some_and(|w| matches!(w.as_str(), "last" | "past"));
    // "10 this morning": an hour written in figures opens the expression (not "one
    // evening", nor the score of "30-3 Monday night").
    let opens_with_hour = w
        .first()
        .is_some_and(|f| (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()))
        && !expr.contains('-');
    let rules = Rules {
        its: &its,
        anchor,
        tense,
        reference,
        definite,
        parted,
        attributive: expr.to_ascii_lowercase().contains("-quarter"),
        opens_with_hour,
    };
    let mut value = rules.apply()?;
    if let (true, TimexKind::Duration, Some((unit, _))) = (half, value.kind, rules.unit()) {
        value.timeml = add_half(&value.timeml, unit);
    }
    value.modifier = modifier.or(value.modifier);
    if let (Some(part), Some(a), Tense::Past, [It::Unit(unit, false)]) =
        (modifier, anchor, tense, its.as_slice())
    {
        value.timeml = part_already_past(&value.timeml, part, *unit, a).unwrap_or(value.timeml);
    }
    if let (Some(part), Some(a), [It::Unit(Unit::Week, false)]) = (modifier, anchor, its.as_slice())
    {
        value.timeml = week_part_in_tense(part, a, tense).unwrap_or(value.timeml);
    }
    Some(value)
}

/// "the early hours of Monday", "the small hours of Sunday morning": the early morning
/// of the day named, not a number of hours.
fn small_hours_of(
    expr: &str,
    anchor: Option<NaiveDate>,
    tense: Tense,
    reference: Option<&str>,
) -> Option<TimexValue> {
    let lower = expr.trim().to_ascii_lowercase();
    let rest = ["early", "small", "wee"].iter().find_map(|w| {
        lower
            .strip_prefix("the ")
            .unwrap_or(&lower)
            .strip_prefix(w)?
            .strip_prefix(" hours of ")
    })?;
    let offset = expr.trim().len() - rest.len();
    let mut day = normalise_after(&expr.trim()[offset..], anchor, tense, reference)?;
    let is_day = day.timeml.len() == 10 && day.timeml.as_bytes()[4] == b'-';
    if is_day {
        day.timeml.push_str("TMO");
        day.kind = TimexKind::Time;
    }
    Some(day)
}

/// "the end of the week", "the beginning of the week": the week whose part lies on the
/// side of the anchor the clause's tense looks to. A past end, written on a Monday to
/// Thursday, is last week's ("stabilised at the end of the week", in a Monday's
/// report), and so is a past middle written on a Monday or Tuesday; a future end or
/// start, written at the weekend, is the coming week's ("at the end of the week, the
/// summit is set to ...", in a Sunday's week-ahead); a future start written from
/// Wednesday is next week's.
fn week_part_in_tense(part: &str, a: NaiveDate, tense: Tense) -> Option<String> {
    let day = a.weekday().number_from_monday();
    let shift = match (tense, part) {
        (Tense::Past, "END") if day <= 4 => -1,
        (Tense::Past, "MID") if day <= 2 => -1,
        (Tense::Future, "END") if day >= 6 => 1,
        (Tense::Future, "START") if day >= 3 => 1,
        _ => return None,
    };
    Some(week_of(a + Duration::weeks(shift)))
}

/// "year-end" or "the end of the month" in a past clause: a part of the current year or
/// month still well ahead of the anchor is the previous one's ("debt stood at $5 billion
/// at year-end", written in February, is last year's end). From October, or a month's
/// 16th, the current period is kept: a tense read wrong costs more there ("stashed $5
/// billion for year-end bonuses", written in October, is this year's).
fn part_already_past(value: &str, part: &str, unit: Unit, a: NaiveDate) -> Option<String> {
    let far_ahead = match (unit, part) {
        (Unit::Year, "END") => a.month() <= 9,
        (Unit::Year, "MID") => a.month() <= 4,
        (Unit::Month, "END") => a.day() <= 15,
        (Unit::Month, "MID") => a.day() <= 7,
        _ => return None,
    };
    far_ahead.then(|| previous_period(value, unit)).flatten()
}

/// "since year-end", "since the end of the month", "since mid-year": an end is over only
/// once its period is, a middle once the period is half gone, so the current period's
/// (`v`, read at anchor `a`) may still be ahead and the previous one is meant.
pub(crate) fn part_since(v: &TimexValue, a: NaiveDate) -> Option<String> {
    let value = v.timeml.as_str();
    let unit = match value.len() {
        4 if value == a.year().to_string() => Unit::Year,
        7 if value == a.format("%Y-%m").to_string() => Unit::Month,
        _ => return None,
    };
    let still_ahead = match (unit, v.modifier?) {
        (_, "END") => true,
        (Unit::Year, "MID") => a.month() <= 6,
        (_, "MID") => a.day() <= 15,
        _ => false,
    };
    still_ahead.then(|| previous_period(value, unit)).flatten()
}

/// Whether a value names a calendar year ("2008").
pub(crate) fn is_year_value(v: &str) -> bool {
    v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a value names a quarter ("2008-Q3").
pub(crate) fn is_quarter_value(v: &str) -> bool {
    v.len() == 7 && v.as_bytes()[4] == b'-' && v.as_bytes()[5] == b'Q'
}

/// Whether a value names a calendar month ("2008-10").
pub(crate) fn is_month_value(v: &str) -> bool {
    v.len() == 7 && v.as_bytes()[4] == b'-' && v.as_bytes()[5].is_ascii_digit()
}

/// The year or month before `value` ("2010" → "2009", "2010-01" → "2009-12").
fn previous_period(value: &str, unit: Unit) -> Option<String> {
    match unit {
        Unit::Year => Some((value.parse::<i32>().ok()? - 1).to_string()),
        _ => {
            let first = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok()?;
            Some(shift_months(first, -1)?.format("%Y-%m").to_string())
        }
    }
}

/// "the near term", "the long term", "a later date": the future or past, unnamed.
fn vague_phrase(expr: &str) -> Option<TimexValue> {
    let mut last = expr.split_whitespace().rev();
    let (head, adj) = (last.next()?, last.next()?);
    let (.., value) = VAGUE_PHRASES.iter().find(|(_, a, h, _)| {
        h.eq_ignore_ascii_case(head.trim_end_matches(['.', ','])) && a.eq_ignore_ascii_case(adj)
    })?;
    out(value.to_string(), TimexKind::Date, true)
}

/// "day-long", "years-long": an adjective of length, a duration of one unit or of an
/// unspecified number of them.
fn lasting(expr: &str) -> Option<TimexValue> {
    let w = words(expr);
    let (last, before) = w.split_last()?;
    if last != "long" {
        return None;
    }
    let [unit] = before else {
        return None;
    };
    let u = match lexicon().get(unit).first() {
        Some(Lex::Unit(u)) => *u,
        _ => return None,
    };
    let n = (!unit.ends_with('s')).then_some(1);
    out(duration(n, u)?, TimexKind::Duration, false)
}

/// "half a year" (`P6M`), "half an hour", "a half-hour" (`PT30M`), "half a century"
/// (`P50Y`); "half a century ago" is the year fifty years back and "half a decade ago"
/// five. Words before "half" ("nearly", "more than") are left to the modifier.
fn half_a_unit(expr: &str, anchor: Option<NaiveDate>) -> Option<TimexValue> {
    // Most expressions hold no half: one pass over the bytes settles them.
    if !expr
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"half"))
    {
        return None;
    }
    let w = words(expr);
    let ago = w.last().is_some_and(|l| l == "ago");
    // "a half-hour later" is a duration, as "three days later" is.
    let later = w.last().is_some_and(|l| l == "later");
    let body = if ago || later {
        &w[..w.len() - 1]
    } else {
        &w[..]
    };
    let unit_word = match body {
        [.., half, article, unit] if half == "half" && matches!(article.as_str(), "a" | "an") => {
            unit.as_str()
        }
        // "a half-hour": the words come split at the hyphen.
        [.., half, unit] if half == "half" && expr.to_ascii_lowercase().contains("half-") => {
            unit.as_str()
        }
        _ => return None,
    };
    let Some(Lex::Unit(u)) = lexicon().get(unit_word).first().copied() else {
        return None;
    };
    let years_back = match u {
        Unit::Century => 50,
        Unit::Decade => 5,
        _ => 0,
    };
    if ago {
        let a = anchor?;
        return (years_back > 0)
            .then(|| out((a.year() - years_back).to_string(), TimexKind::Date, true))
            .flatten();
    }
    let value = match u {
        Unit::Century | Unit::Decade => format!("P{years_back}Y"),
        Unit::Year => "P6M".to_string(),
        Unit::Month => "P15D".to_string(),
        Unit::Week => "P3DT12H".to_string(),
        Unit::Day => "PT12H".to_string(),
        Unit::Hour => "PT30M".to_string(),
        Unit::Minute => "PT30S".to_string(),
        _ => return None,
    };
    out(value, TimexKind::Duration, false)
}

/// Removes "1/2", "½" and "and a half" from an expression, saying whether it had one.
fn strip_half(expr: &str) -> (String, bool) {
    let mut out = expr.to_string();
    let b = expr.as_bytes();
    // Most expressions hold no half: one pass over the bytes settles them.
    let may_hold = b.iter().any(|&c| c == b'/' || c == 0xC2) || b.windows(4).any(|w| w == b"half");
    if !may_hold {
        return (out, false);
    }
    let mut half = false;
    for pat in [" and a half", " 1/2", "-1/2", "½"] {
        if let Some(i) = out.find(pat) {
            out.replace_range(i..i + pat.len(), "");
            half = true;
        }
    }
    (out, half)
}

/// Adds half of `unit` to a counted duration: `P2Y` → `P2Y6M`, `P10Y` (a decade) →
/// `P15Y`, `P1W` → `P10DT12H`, `PT5H` → `PT5H30M`. Uncounted values stay as they are.
fn add_half(d: &str, unit: Unit) -> String {
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    let Ok(n) = digits.parse::<i64>() else {
        return d.to_string();
    };
    match unit {
        Unit::Decade => format!("P{}Y", n + 5),
        Unit::Century => format!("P{}Y", n + 50),
        Unit::Year => format!("{d}6M"),
        Unit::Month => format!("{d}15D"),
        Unit::Week => format!("P{}DT12H", n.saturating_mul(7).saturating_add(3)),
        Unit::Day => format!("{d}T12H"),
        Unit::Hour => format!("{d}30M"),
        Unit::Minute => format!("{d}30S"),
        _ => d.to_string(),
    }
}

/// "a year and a half ago" (its half already taken out: "a year ago") as "18 months ago":
/// an expression that counts back ("ago", "earlier"), its count and unit rewritten in the
/// next finer unit. ("An hour and a half later" stays a duration, as "an hour later" is.)
fn in_finer_units(expr: &str) -> Option<String> {
    let w = words(expr);
    let readings = |x: &str| lexicon().get(x);
    if !w.iter().any(|x| {
        readings(x)
            .iter()
            .any(|l| matches!(l, Lex::Dir(d) if *d < 0))
    }) {
        return None;
    }
    let k = w
        .iter()
        .position(|x| readings(x).iter().any(|l| matches!(l, Lex::Unit(_))))?;
    let unit = readings(&w[k]).iter().find_map(|l| match l {
        Lex::Unit(u) => Some(*u),
        _ => None,
    })?;
    let count_at = k.checked_sub(1)?;
    let n = w[count_at].parse::<i64>().ok().or_else(|| {
        readings(&w[count_at]).iter().find_map(|l| match l {
            Lex::Number(n) => Some(*n),
            _ => None,
        })
    })?;
    let (per, finer) = match unit {
        Unit::Decade => (10, "years"),
        Unit::Century => (100, "years"),
        Unit::Year => (12, "months"),
        Unit::Month => (30, "days"),
        Unit::Week => (7, "days"),
        Unit::Day => (24, "hours"),
        Unit::Hour => (60, "minutes"),
        Unit::Minute => (60, "seconds"),
        _ => return None,
    };
    let count = n.checked_mul(per)?.checked_add(per / 2)?;
    let mut out: Vec<String> = w[..count_at].to_vec();
    out.push(count.to_string());
    out.push(finer.to_string());
    out.extend(w[k + 1..].iter().cloned());
    Some(out.join(" "))
}

/// All-digit dates: ISO `2024-05-21`, with slashes (`5/21/2024`, `21/5/2024`,
/// `2024/5/21`, `5/21/24`) and with dots (`21.05.2024`, `2024.05.21`), with an optional
/// clock time after them (`08:28`, `at 5:22 PM`).
fn numeric_date(expr: &str, anchor: Option<NaiveDate>) -> Option<TimexValue> {
    let mut parts = expr.splitn(2, [' ', 'T']);
    let day = parts.next()?;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .or_else(|| written_date(day, anchor))?;
    let (timeml, kind) = match parts.next().and_then(clock_in) {
        Some((h, m)) => (format!("{}T{h:02}:{m:02}", ymd(date)), TimexKind::Time),
        None => (ymd(date), TimexKind::Date),
    };
    out(timeml, kind, false)
}

/// The first clock time in `rest` ("08:28", "at 5:22 PM", "2:35pm"), on 24 hours.
fn clock_in(rest: &str) -> Option<(u32, u32)> {
    let at = rest.find(|c: char| c.is_ascii_digit())?;
    let rest = &rest[at..];
    let colon = rest.find(':')?;
    let hour: u32 = rest[..colon].parse().ok()?;
    let minute: u32 = rest.get(colon + 1..colon + 3)?.parse().ok()?;
    let after = rest[colon + 3..].trim_start().to_ascii_lowercase();
    let pm = after.starts_with("pm") || after.starts_with("p.m");
    let am = after.starts_with("am") || after.starts_with("a.m");
    let hour = match (hour, pm, am) {
        (1..=11, true, _) => hour + 12,
        (12, _, true) => 0,
        _ => hour,
    };
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// A date in figures with slashes or dots. Slashes read month first as American news
/// writes them ("3/4/2019" is 4 March), dots day first as European pages do
/// ("03.04.2019" is 3 April); the other order wins when it lies within six weeks of
/// the document date and the usual one does not (a British "3/4/2019" on a page of
/// April 2019, a US "02.04.2005" on one of February 2005).
fn written_date(day: &str, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    let from = |[y, m, d]: [u32; 3]| NaiveDate::from_ymd_opt(y as i32, m, d);
    let (parts, year_first) = if let Some(parts) = crate::recognise::dotted_date_parts(day) {
        (parts, day.find('.') == Some(4))
    } else {
        let mut it = day.split('/');
        let written = [it.next()?, it.next()?, it.next()?];
        if it.next().is_some() {
            return None;
        }
        let mut parts = crate::recognise::slash_date_parts(written)?;
        // "10/29/29" in a 1989 paper is 1929: a two-digit year is the latest one no
        // more than ten years past the document's.
        if let (2, Some(a)) = (written[2].len(), anchor) {
            let yy = parts[0] % 100;
            let latest = u32::try_from(a.year() + 10).ok()?;
            parts[0] = [2100 + yy, 2000 + yy, 1900 + yy, 1800 + yy]
                .into_iter()
                .find(|y| *y <= latest)?;
        }
        (parts, written[0].len() > 2)
    };
    let [y, m, d] = parts;
    let usual = from(parts)?;
    let other = (!year_first)
        .then(|| from([y, d, m]))
        .flatten()
        .filter(|o| *o != usual);
    let near = |date: NaiveDate, a: NaiveDate| (date - a).num_days().abs() <= 42;
    match (other, anchor) {
        (Some(o), Some(a)) if near(o, a) && !near(usual, a) => Some(o),
        _ => Some(usual),
    }
}

/// "earlier this year", "later this month": the direction only narrows the period.
fn drop_scope_dir(its: &mut Vec<It>) {
    let scoped = its
        .iter()
        .any(|i| matches!(i, It::Rel(..) | It::DayRel(_) | It::Weekday(_)));
    let counted = its.iter().any(|i| matches!(i, It::Num(_) | It::Vague));
    // An offset puts the direction after its unit ("a year earlier"); before the unit
    // it narrows a period ("earlier in the year").
    let dir_at = its.iter().position(|i| matches!(i, It::Dir(..)));
    let unit_at = its.iter().position(|i| matches!(i, It::Unit(..)));
    let leading = matches!((dir_at, unit_at), (Some(d), Some(u)) if d < u) && !counted;
    // "the day before last Tuesday": a unit, its direction, then the day counted from.
    let from_day = matches!(
        (unit_at, dir_at, its.get(unit_at.unwrap_or(0) + 1)),
        (Some(u), Some(d), Some(It::Dir(_, false))) if d == u + 1
    ) && its[dir_at.unwrap_or(0)..]
        .iter()
        .any(|i| matches!(i, It::Weekday(_) | It::Month(_) | It::DayRel(_)));
    if ((scoped && !counted) || leading) && !from_day {
        its.retain(|i| !matches!(i, It::Dir(..)));
    }
}

struct Rules<'a> {
    its: &'a [It],
    anchor: Option<NaiveDate>,
    tense: Tense,
    reference: Option<&'a str>,
    /// The expression starts with "the": "the past year" is a date, "past decade" a span.
    definite: bool,
    /// It names a part of its period ("the end of the week", "early in the month").
    parted: bool,
    /// It opens with an hour in figures ("10 this morning").
    opens_with_hour: bool,
    /// A quarter written as an adjective ("fourth-quarter profit"): the quarter reported
    /// on, not one planned for.
    attributive: bool,
}

/// The quarter of three months to `last` (a month of `year`, 0 for December of the year
/// before), named by the calendar quarter that holds their middle month: to July is the
/// second quarter, to January the fourth of the year before.
pub(crate) fn quarter_to(year: i32, last: u32) -> String {
    let (year, middle) = match last {
        0 => (year - 1, 11),
        1 => (year - 1, 12),
        l => (year, l - 1),
    };
    format!("{year}-Q{}", (middle - 1) / 3 + 1)
}

/// The ISO week of `day`, `years` ISO years on (the same week number, or the last week
/// of a year that has fewer): "the same week last year".
fn same_week_years_back(day: NaiveDate, years: i32) -> String {
    let iso = day.iso_week();
    let year = iso.year() + years;
    let week = (1..=iso.week())
        .rev()
        .find(|w| NaiveDate::from_isoywd_opt(year, *w, Weekday::Mon).is_some())
        .unwrap_or(1);
    format!("{year}-W{week:02}")
}

/// A day of a reference value: the Monday of an ISO week ("1987-W13"), else its calendar
/// day ("1986-11-11", "1986-11-11T09:00").
pub(crate) fn week_or_day(reference: &str) -> Option<NaiveDate> {
    if let Some((y, w)) = reference.split_once("-W") {
        let w: u32 = w.get(..2)?.parse().ok()?;
        return NaiveDate::from_isoywd_opt(y.parse().ok()?, w, Weekday::Mon);
    }
    NaiveDate::parse_from_str(reference.get(..10)?, "%Y-%m-%d").ok()
}

fn out(timeml: String, kind: TimexKind, relative: bool) -> Option<TimexValue> {
    Some(TimexValue {
        timeml,
        kind,
        modifier: None,
        relative,
        from_reference: false,
    })
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn week_of(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The first day of the month `n` months from `d`'s month.
fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let total = (i64::from(d.year()) * 12 + i64::from(d.month0())).checked_add(n)?;
    NaiveDate::from_ymd_opt(
        i32::try_from(total.div_euclid(12)).ok()?,
        total.rem_euclid(12) as u32 + 1,
        1,
    )
}

/// `d` moved by `n` days, `None` past the calendar's ends ("100000000 days ago").
fn shift_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// `d` moved by `n` weeks, `None` past the calendar's ends.
fn shift_weeks(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    shift_days(d, n.checked_mul(7)?)
}

fn weekday(n: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(n.checked_sub(1)?).ok()?).ok()
}

fn unit_code(u: Unit) -> Option<(&'static str, bool, i64)> {
    // (TimeML letter, is a clock unit, multiplier)
    Some(match u {
        Unit::Day => ("D", false, 1),
        Unit::Week => ("W", false, 1),
        Unit::Fortnight => ("W", false, 2),
        Unit::Month => ("M", false, 1),
        Unit::Year => ("Y", false, 1),
        Unit::Quarter => ("Q", false, 1),
        Unit::Decade => ("DE", false, 1),
        Unit::Century => ("CE", false, 1),
        Unit::Hour => ("H", true, 1),
        Unit::Minute => ("M", true, 1),
        Unit::Second => ("S", true, 1),
        Unit::Weekend => ("WE", false, 1),
        Unit::Half | Unit::Session | Unit::Vague => return None,
    })
}

/// "two years and six months ago": the month that far back ("ten days and two weeks ago"
/// is no compound; a count of days gives the day).
fn compound_ago(expr: &str, anchor: Option<NaiveDate>) -> Option<TimexValue> {
    let trimmed = expr.trim_end();
    let ago = trimmed
        .get(trimmed.len().saturating_sub(3)..)
        .is_some_and(|end| end.eq_ignore_ascii_case("ago"));
    if !ago {
        return None;
    }
    let its = items(expr);
    let [pairs @ .., It::Dir(-1, true)] = its.as_slice() else {
        return None;
    };
    // Counted back in calendar units only: a clock unit makes it no date.
    let clock_unit = |i: &It| matches!(i, It::Unit(Unit::Hour | Unit::Minute | Unit::Second, _));
    if pairs.iter().any(clock_unit) {
        return None;
    }
    let [years, months, days, ..] = compound_counts(pairs)?;
    let a = anchor?;
    let months = years.checked_mul(12)?.checked_add(months)?;
    let back = a.checked_sub_months(chrono::Months::new(u32::try_from(months).ok()?))?;
    let value = if days == 0 {
        back.format("%Y-%m").to_string()
    } else {
        ymd(back.checked_sub_signed(Duration::try_days(days)?)?)
    };
    out(value, TimexKind::Date, true)
}

/// "two years six months", "six years and eight months", "1 hour 30 minutes": counts of
/// ever smaller units, one duration (`P2Y6M`, `PT1H30M`); weeks beside other units are
/// counted in days, as ISO 8601 writes no weeks among them.
fn compound_duration(its: &[It]) -> Option<String> {
    // "the next two years and six months", "the past three years and two months".
    let its = match its {
        [It::Rel(..), rest @ ..] => rest,
        _ => its,
    };
    let counts = compound_counts(its)?;
    let written = |range: std::ops::Range<usize>, codes: [&str; 3]| {
        range
            .zip(codes)
            .filter(|(k, _)| counts[*k] > 0)
            .map(|(k, c)| format!("{}{c}", counts[k]))
            .collect::<String>()
    };
    let date = written(0..3, ["Y", "M", "D"]);
    let clock = written(3..6, ["H", "M", "S"]);
    let t = if clock.is_empty() { "" } else { "T" };
    Some(format!("P{date}{t}{clock}"))
}

/// The years, months, days, hours, minutes and seconds of `its` when it is two or more
/// counts of ever smaller units and no other item ("six years and eight months"); weeks
/// go into days. None when every count is nought.
fn compound_counts(its: &[It]) -> Option<[i64; 6]> {
    let pairs: Vec<(i64, Unit)> = its
        .chunks(2)
        .map(|c| match c {
            [It::Num(n), It::Unit(u, _)] => Some((*n, *u)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let rank = |u: Unit| match u {
        Unit::Year => Some(0),
        Unit::Month => Some(1),
        Unit::Week => Some(2),
        Unit::Day => Some(3),
        Unit::Hour => Some(4),
        Unit::Minute => Some(5),
        Unit::Second => Some(6),
        _ => None,
    };
    let ranks: Vec<u8> = pairs.iter().map(|(_, u)| rank(*u)).collect::<Option<_>>()?;
    if pairs.len() < 2 || ranks.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let mut counts = [0i64; 6];
    for (n, u) in pairs {
        let (slot, n) = match u {
            Unit::Year => (0, n),
            Unit::Month => (1, n),
            Unit::Week => (2, n.checked_mul(7)?),
            Unit::Day => (2, n),
            Unit::Hour => (3, n),
            Unit::Minute => (4, n),
            _ => (5, n),
        };
        counts[slot] = counts[slot].checked_add(n)?;
    }
    counts.iter().any(|n| *n != 0).then_some(counts)
}

fn duration(n: Option<i64>, u: Unit) -> Option<String> {
    let (code, clock, mult) = match u {
        // TimeML writes counted decades and centuries in years.
        Unit::Decade if n.is_some() => ("Y", false, 10),
        Unit::Century if n.is_some() => ("Y", false, 100),
        _ => unit_code(u)?,
    };
    let t = if clock { "T" } else { "" };
    Some(match n {
        Some(n) => format!("P{t}{}{code}", n * mult),
        None => format!("P{t}X{code}"),
    })
}

impl Rules<'_> {
    fn find<T>(&self, f: impl Fn(&It) -> Option<T>) -> Option<T> {
        self.its.iter().find_map(f)
    }
    fn has(&self, f: impl Fn(&It) -> bool) -> bool {
        self.its.iter().any(f)
    }
    fn num(&self) -> Option<i64> {
        self.find(|i| match i {
            It::Num(n) => Some(*n),
            _ => None,
        })
    }
    fn unit(&self) -> Option<(Unit, bool)> {
        self.find(|i| match i {
            It::Unit(u, p) => Some((*u, *p)),
            _ => None,
        })
    }
    fn rel(&self) -> Option<(i32, RelWord)> {
        self.find(|i| match i {
            It::Rel(r, w) => Some((*r, *w)),
            _ => None,
        })
    }
    fn year(&self) -> Option<i32> {
        self.find(|i| match i {
            It::Year(y) => Some(*y),
            _ => None,
        })
    }
    fn ord(&self) -> Option<i64> {
        self.find(|i| match i {
            It::Ord(n) => Some(*n),
            _ => None,
        })
    }
    fn month(&self) -> Option<u32> {
        self.find(|i| match i {
            It::Month(m) => Some(*m),
            _ => None,
        })
    }

    fn apply(&self) -> Option<TimexValue> {
        if self.its.is_empty() {
            return None;
        }
        self.set()
            .or_else(|| self.reference())
            .or_else(|| self.offset())
            .or_else(|| self.duration())
            .or_else(|| self.day_relative())
            .or_else(|| self.rel_day_part())
            .or_else(|| self.calendar_date())
            .or_else(|| self.weekday())
            .or_else(|| self.relative_unit())
            .or_else(|| self.bare_month_or_season())
            .or_else(|| self.bare_ordinal())
            .or_else(|| self.clock_only())
    }

    /// "daily", "every week", "each Thursday".
    fn set(&self) -> Option<TimexValue> {
        let s = self.find(|i| match i {
            It::Set(s) => Some(*s),
            _ => None,
        })?;
        // "Saturday mornings": the weekday recurs at that part of the day.
        if let (Some(part), Some(d)) = (
            s.strip_prefix("XXXX-XX-XX"),
            self.find(|i| match i {
                It::Weekday(d) => Some(*d),
                _ => None,
            }),
        ) {
            return out(format!("XXXX-WXX-{d}{part}"), TimexKind::Set, false);
        }
        if s != "EVERY" {
            return out(s.to_string(), TimexKind::Set, false);
        }
        if let Some(d) = self.find(|i| match i {
            It::Weekday(d) => Some(*d),
            _ => None,
        }) {
            return out(
                format!("XXXX-WXX-{d}{}", self.part_of_day()),
                TimexKind::Set,
                false,
            );
        }
        if let Some(m) = self.month() {
            return out(format!("XXXX-{m:02}"), TimexKind::Set, false);
        }
        let (u, _) = self.unit()?;
        // "every weekend": the weekends of every week, as a weekday recurs.
        if u == Unit::Weekend {
            return out("XXXX-WXX-WE".to_string(), TimexKind::Set, false);
        }
        out(
            duration(Some(self.num().unwrap_or(1)), u)?,
            TimexKind::Set,
            false,
        )
    }

    /// "now", "recently", "the future", "the past", "recent years", "coming months".
    fn reference(&self) -> Option<TimexValue> {
        let calendar = self.has(|i| {
            matches!(
                i,
                It::Year(_) | It::Month(_) | It::Weekday(_) | It::DayRel(_) | It::Num(_)
            )
        });
        if calendar {
            return None;
        }
        if let Some(r) = self.find(|i| match i {
            It::Ref(r) => Some(*r),
            _ => None,
        }) {
            return out(r.to_string(), TimexKind::Date, true);
        }
        // "earlier", "previously", "later" on their own.
        if let [It::Dir(d, _)] = self.its {
            let v = if *d < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return out(v.to_string(), TimexKind::Date, true);
        }
        let rel = self.rel();
        let vague = self.has(|i| matches!(i, It::Vague));
        let open = matches!(rel, Some((_, RelWord::Recent | RelWord::Coming)));
        match (rel, self.unit()) {
            (Some((_, RelWord::Past | RelWord::Recent)), None) => {
                out("PAST_REF".into(), TimexKind::Date, true)
            }
            (Some((0, _)), None) if self.its.len() == 1 => {
                out("PRESENT_REF".into(), TimexKind::Date, true)
            }
            (Some((r, w)), Some((_, true))) if !vague && !open && w != RelWord::Past => {
                // "these days" is the present; "recent weeks", "coming months" lean.
                let v = match r {
                    0 => "PRESENT_REF",
                    r if r < 0 => "PAST_REF",
                    _ => "FUTURE_REF",
                };
                out(v.into(), TimexKind::Date, true)
            }
            _ => None,
        }
    }

    /// "three weeks ago", "a year earlier", "two days later", "several years ago".
    fn offset(&self) -> Option<TimexValue> {
        let (dir, from_now) = self.find(|i| match i {
            It::Dir(d, ago) => Some((*d, *ago)),
            _ => None,
        })?;
        // The unit the count goes with: "the quarter a year ago" counts years.
        let dir_at = self.its.iter().position(|i| matches!(i, It::Dir(..)))?;
        let (u, plural) = self.its[..dir_at]
            .iter()
            .rev()
            .find_map(|i| match i {
                It::Unit(u, p) => Some((*u, *p)),
                _ => None,
            })
            .or_else(|| self.unit())?;
        if let Some(v) = self.counted_from_named_day(u, dir_at) {
            return Some(v);
        }
        // "the year-earlier nine months": a counted span after the offset is the head,
        // a length of time.
        if let [It::Num(k), It::Unit(u2, _), ..] = self.its.get(dir_at + 1..).unwrap_or(&[]) {
            return out(duration(Some(*k), *u2)?, TimexKind::Duration, false);
        }
        // "a few years ago": the article counts nothing, the offset is vague. Only a
        // count before the direction counts the offset.
        let vague = self.has(|i| matches!(i, It::Vague));
        let count = self.its[..dir_at].iter().rev().find_map(|i| match i {
            It::Num(n) => Some(*n),
            _ => None,
        });
        let n = match count.filter(|_| !vague) {
            Some(n) => n,
            None if plural || vague => {
                let v = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return out(v.into(), TimexKind::Date, true);
            }
            None => 1,
        };
        let n = n.checked_mul(i64::from(dir))?;
        if let Some(v) = self.counted_from_reference(u, n, from_now) {
            let mut value = out(v, TimexKind::Date, true)?;
            value.from_reference = true;
            return Some(value);
        }
        let Some(a) = self.anchor else {
            return out("XXXX-XX-XX".into(), TimexKind::Date, true);
        };
        // "November a year ago": that month of the year counted back.
        if let (Unit::Year, Some(m)) = (u, self.month()) {
            let y = i32::try_from(i64::from(a.year()).checked_add(n)?).ok()?;
            // "Nov. 5 a year ago": the number right after the month is its day; the "a"
            // of "a year" is the count.
            let day = self.its.windows(3).find_map(|w| match w {
                [It::Month(_), It::Num(d), next] if !matches!(next, It::Unit(..)) => {
                    u32::try_from(*d).ok().filter(|d| (1..=31).contains(d))
                }
                _ => None,
            });
            return month_of_year(y, m, day);
        }
        let v = match u {
            Unit::Day => ymd(shift_days(a, n)?),
            Unit::Week => week_of(shift_weeks(a, n)?),
            Unit::Fortnight => week_of(shift_weeks(a, n.checked_mul(2)?)?),
            Unit::Month => shift_months(a, n)?.format("%Y-%m").to_string(),
            Unit::Quarter => quarter(shift_months(a, n.checked_mul(3)?)?),
            Unit::Year => i64::from(a.year()).checked_add(n)?.to_string(),
            Unit::Decade => (i64::from(a.year()).checked_add(n.checked_mul(10)?)? / 10).to_string(),
            Unit::Century => {
                (i64::from(a.year()).checked_add(n.checked_mul(100)?)? / 100).to_string()
            }
            Unit::Hour | Unit::Minute | Unit::Second => ymd(a),
            Unit::Weekend | Unit::Half | Unit::Session | Unit::Vague => return None,
        };
        out(v, TimexKind::Date, true)
    }

    /// "the day before last Tuesday", "two weeks after Christmas": days or weeks
    /// counted from the day named after the direction word.
    fn counted_from_named_day(&self, u: Unit, dir_at: usize) -> Option<TimexValue> {
        let (It::Dir(dir, false), rest) = (self.its.get(dir_at)?, self.its.get(dir_at + 1..)?)
        else {
            return None;
        };
        let names_day = rest.iter().any(|i| {
            matches!(
                i,
                It::Weekday(_)
                    | It::Month(_)
                    | It::DayRel(_)
                    | It::Holiday(..)
                    | It::Floating(..)
                    | It::Easter(_)
            )
        });
        if !names_day || !matches!(u, Unit::Day | Unit::Week) {
            return None;
        }
        let count = self.its[..dir_at].iter().rev().find_map(|i| match i {
            It::Num(n) => Some(*n),
            _ => None,
        });
        // "days before Christmas", "a few days after Monday": no count, no day.
        let plural = self.its[..dir_at]
            .iter()
            .any(|i| matches!(i, It::Unit(_, true)));
        let vague = self.its[..dir_at].iter().any(|i| matches!(i, It::Vague));
        if vague || (plural && count.is_none()) {
            return None;
        }
        let base = Rules { its: rest, ..*self }.apply()?;
        let day = NaiveDate::parse_from_str(base.timeml.get(..10)?, "%Y-%m-%d").ok()?;
        let n = count.unwrap_or(1).checked_mul(i64::from(*dir))?;
        let v = match u {
            Unit::Week => ymd(shift_weeks(day, n)?),
            _ => ymd(shift_days(day, n)?),
        };
        out(v, TimexKind::Date, base.relative)
    }

    /// A year-ago quarter, or "N days later" counted from the last date mentioned.
    fn counted_from_reference(&self, u: Unit, n: i64, from_now: bool) -> Option<String> {
        let r = self.reference.unwrap_or("");
        let quarter_ref = is_quarter_value(r);
        let half_ref = r.len() == 7 && r.as_bytes()[5] == b'H';
        let month_ref = is_month_value(r);
        let year: i64 = r.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let period = self
            .its
            .iter()
            .filter(|i| matches!(i, It::Unit(..)))
            .count()
            > 1;
        match u {
            // "ago" counts from now, "earlier" from the date in view; either way the
            // quarter is the one under discussion. From now, that quarter is its latest
            // one begun by the document date: "a year ago" in a January report on the
            // fourth quarter is the fourth quarter of two years before.
            // Only "a year ago" compares quarters: "after applying two years ago" is
            // the year.
            Unit::Year if quarter_ref && from_now && n == -1 => {
                let a = self.anchor?;
                let q: u32 = r.get(6..)?.parse().ok()?;
                let begun = a.month() > 3 * (q - 1);
                let latest = i64::from(a.year()) - i64::from(!begun);
                Some(format!("{}{}", latest + n, r.get(4..)?))
            }
            Unit::Year if quarter_ref && !from_now => Some(format!("{}{}", year + n, r.get(4..)?)),
            // "in the first half, against the same period a year earlier": that half.
            Unit::Year if half_ref && (period || !from_now) => {
                Some(format!("{}{}", year + n, r.get(4..)?))
            }
            // "sank 12 percent in October from a year earlier": the same month, a year
            // before.
            Unit::Year if month_ref && !from_now => Some(format!("{}{}", year + n, r.get(4..)?)),
            // "higher in January than the month before".
            Unit::Month if month_ref && !from_now => {
                let first = NaiveDate::parse_from_str(&format!("{r}-01"), "%Y-%m-%d").ok()?;
                Some(shift_months(first, n)?.format("%Y-%m").to_string())
            }
            Unit::Year if period => {
                let a = self.anchor?;
                Some(quarter(shift_months(
                    a,
                    n.checked_mul(12)?.checked_sub(3)?,
                )?))
            }
            // "1986 net income ... against 4 mln a year earlier".
            Unit::Year if !from_now && r.len() == 4 && year > 0 => Some((year + n).to_string()),
            // "the week before" after "last week".
            Unit::Week if !from_now && r.contains("-W") => {
                Some(week_of(shift_weeks(week_or_day(r)?, n)?))
            }
            Unit::Year | Unit::Month | Unit::Week | Unit::Day if !from_now => {
                let d = NaiveDate::parse_from_str(r.get(..10)?, "%Y-%m-%d").ok()?;
                Some(match u {
                    Unit::Year => ymd(shift_months(d, n.checked_mul(12)?)?.with_day(d.day())?),
                    Unit::Month => shift_months(d, n)?.format("%Y-%m").to_string(),
                    Unit::Week => week_of(shift_weeks(d, n)?),
                    _ => ymd(shift_days(d, n)?),
                })
            }
            _ => None,
        }
    }

    /// "two weeks", "the past three years", "several months", "decades", "a year".
    fn duration(&self) -> Option<TimexValue> {
        if let Some(v) = compound_duration(self.its) {
            return out(v, TimexKind::Duration, false);
        }
        let (u, plural) = self.unit()?;
        let vague = self.has(|i| matches!(i, It::Vague));
        // "a few days": the article is no count.
        let n = self.num().filter(|_| !vague);
        // "the first hours", "the first days after the vote": an opening stretch of
        // unstated length.
        let dated = self.has(|i| matches!(i, It::Year(_) | It::Month(_)));
        if self.ord() == Some(1) && plural && n.is_none() && !vague && !dated {
            return out(duration(None, u)?, TimexKind::Duration, false);
        }
        // "the first nine months" is a span; "a flat second quarter" is not.
        let ordinal_only = self.ord().is_some() && n.is_none_or(|n| n == 1);
        if ordinal_only || self.has(|i| matches!(i, It::Year(_) | It::Month(_) | It::DayRel(_))) {
            return None;
        }
        let rel_word = self.rel().map(|(_, w)| w);
        // "the past year" is last year as a date; only counted or plural spans are
        // durations ("the past two years", "past decades").
        let past_word = rel_word == Some(RelWord::Past) && (plural || !self.definite);
        let open = matches!(rel_word, Some(RelWord::Recent | RelWord::Coming));
        let value = if n.is_some() || vague {
            duration(n, u)?
        } else if past_word || (plural && (self.rel().is_none() || open)) {
            duration((!plural).then_some(1), u)?
        } else {
            return None;
        };
        out(value, TimexKind::Duration, false)
    }

    /// The `T..` suffix for a part of day or a clock time, empty when there is none.
    fn part_of_day(&self) -> String {
        if let Some((h, m)) = self.clock().or_else(|| self.hour_of_part()) {
            return format!("T{h:02}:{m:02}");
        }
        self.find(|i| match i {
            It::DayPart(p) if p.starts_with('T') => Some(p.to_string()),
            It::DayPart(p) => Some(format!("T{p}")),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// "at 10 this morning", "at 8 tonight": a bare hour told by the part of the day
    /// after it (a count of units is no hour: "two days this week").
    fn hour_of_part(&self) -> Option<(u32, u32)> {
        // A month makes the number its day ("May 5 morning").
        if !self.opens_with_hour || self.has(|i| matches!(i, It::Unit(..) | It::Month(_))) {
            return None;
        }
        let h = self.find(|i| match i {
            It::Num(h) if (1..=12).contains(h) => Some(*h as u32),
            _ => None,
        })?;
        let part = self.find(|i| match i {
            It::DayPart(p @ ("MO" | "AF" | "EV" | "NI")) => Some(*p),
            _ => None,
        })?;
        let h = match part {
            "MO" => h % 12,
            "NI" if h < 5 => h,
            _ => h % 12 + 12,
        };
        Some((h, 0))
    }

    /// A clock time in 24-hour form from `7:15`, `10 p.m.`, `noon`.
    fn clock(&self) -> Option<(u32, u32)> {
        let pm = self.find(|i| match i {
            It::AmPm(pm) => Some(*pm),
            _ => None,
        });
        let (h, m) = self.find(|i| match i {
            It::Clock(h, m) => Some((*h, *m)),
            _ => None,
        })?;
        let h = match pm {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        (h < 25 && m < 60).then_some((h, m))
    }

    fn kind_for(&self, suffix: &str) -> TimexKind {
        if suffix.is_empty() {
            TimexKind::Date
        } else {
            TimexKind::Time
        }
    }

    /// "yesterday", "today", "tomorrow morning", "tonight".
    fn day_relative(&self) -> Option<TimexValue> {
        let k = self.find(|i| match i {
            It::DayRel(k) => Some(*k),
            _ => None,
        })?;
        let suffix = self.part_of_day();
        let kind = self.kind_for(&suffix);
        match self.anchor {
            Some(a) => out(
                format!("{}{suffix}", ymd(a + Duration::days(k))),
                kind,
                true,
            ),
            None => out(format!("XXXX-XX-XX{suffix}"), kind, true),
        }
    }

    /// "this morning", "last night": a part of the anchor day (or the day before).
    fn rel_day_part(&self) -> Option<TimexValue> {
        let (r, _) = self.rel()?;
        let calendar = self.has(|i| matches!(i, It::Unit(..) | It::Month(_) | It::Weekday(_)));
        let suffix = self.part_of_day();
        if calendar || suffix.is_empty() {
            return None;
        }
        // "the next morning", "that night": counted from the day the story last named.
        let narrative = matches!(self.rel(), Some((_, RelWord::Narrative)));
        let told = self
            .reference
            .filter(|_| narrative)
            .and_then(|r| NaiveDate::parse_from_str(r.get(..10)?, "%Y-%m-%d").ok());
        if let Some(day) = told {
            let d = day + Duration::days(i64::from(r));
            return out(format!("{}{suffix}", ymd(d)), TimexKind::Time, true);
        }
        match self.anchor {
            Some(a) => {
                let d = a + Duration::days(i64::from(r.min(0)));
                out(format!("{}{suffix}", ymd(d)), TimexKind::Time, true)
            }
            None => out(format!("XXXX-XX-XX{suffix}"), TimexKind::Time, true),
        }
    }

    /// "Sept. 14, 2023", "14 September", "March 2024", "2024", "the 1990s", "mid-2023",
    /// "the third quarter of 2024", "summer 2023", "the 20th century".
    fn calendar_date(&self) -> Option<TimexValue> {
        let year = self.year();
        let suffix = self.part_of_day();
        if let Some(m) = self.month() {
            if let Some(v) = self
                .week_of_month(m, year)
                .or_else(|| self.quarter_of_months(m, year))
                .or_else(|| self.quarter_to_month(m, year))
            {
                return Some(v);
            }
            let day = self.day_number();
            // "the week of March 6": the ISO week holding that day (not "the first week
            // of March", whose ordinal counts weeks).
            let counted = self.ord().is_some();
            if let (Some(d), Some((Unit::Week, false)), "", false) =
                (day, self.unit(), suffix.as_str(), counted)
            {
                let v = match year {
                    Some(y) => out(
                        ymd(NaiveDate::from_ymd_opt(y, m, d)?),
                        TimexKind::Date,
                        false,
                    ),
                    None => self.month_day(m, d, ""),
                }?;
                let date = NaiveDate::parse_from_str(&v.timeml, "%Y-%m-%d").ok();
                return match date {
                    Some(date) => out(week_of(date), TimexKind::Date, v.relative),
                    None => Some(v),
                };
            }
            return match (day, year) {
                (Some(d), Some(y)) => {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    out(
                        format!("{}{suffix}", ymd(date)),
                        self.kind_for(&suffix),
                        false,
                    )
                }
                (None, Some(y)) => out(format!("{y}-{m:02}"), TimexKind::Date, false),
                // "March 3 last year".
                (Some(d), None) => match self.relative_year() {
                    Some(y) => {
                        let date = NaiveDate::from_ymd_opt(y, m, d)?;
                        out(
                            format!("{}{suffix}", ymd(date)),
                            self.kind_for(&suffix),
                            true,
                        )
                    }
                    None => self.month_day(m, d, &suffix),
                },
                (None, None) => None,
            };
        }
        if let Some(v) = self
            .fixed_holiday(year)
            .or_else(|| self.floating_holiday(year))
        {
            return Some(self.week_of_holiday(v));
        }
        if let Some(d) = self.find(|i| match i {
            It::Decade(d) => Some(*d),
            _ => None,
        }) {
            return out(d.to_string(), TimexKind::Date, false);
        }
        if let Some((Unit::Century, _)) = self.unit() {
            let n = self.ord()?;
            return out(format!("{:02}", n - 1), TimexKind::Date, false);
        }
        let y = year?;
        if let Some(s) = self.find(|i| match i {
            It::Season(s) => Some(*s),
            _ => None,
        }) {
            return out(format!("{y}-{s}"), TimexKind::Date, false);
        }
        match self.unit() {
            // "the first two quarters of 1990" is its first half, "the last two" its second.
            Some((Unit::Quarter, true)) if self.num() == Some(2) && self.half().is_some() => {
                let h = self.half()?;
                out(format!("{y}-H{h}"), TimexKind::Date, false)
            }
            Some((Unit::Quarter | Unit::Vague, _)) => {
                let q = self
                    .ord()
                    .filter(|q| (1..=4).contains(q))
                    .or_else(|| self.quarter_in_view())?;
                out(format!("{y}-Q{q}"), TimexKind::Date, false)
            }
            Some((Unit::Half, _)) => {
                let h = self.half()?;
                out(format!("{y}-H{h}"), TimexKind::Date, false)
            }
            _ => out(y.to_string(), TimexKind::Date, false),
        }
    }

    /// "Christmas", "Christmas Eve 2030": a holiday on a fixed day of the year.
    fn fixed_holiday(&self, year: Option<i32>) -> Option<TimexValue> {
        let (m, d) = self.find(|i| match i {
            It::Holiday(m, d) => Some((*m, *d)),
            _ => None,
        })?;
        match year {
            Some(y) => out(
                ymd(NaiveDate::from_ymd_opt(y, m, d)?),
                TimexKind::Date,
                false,
            ),
            None => self.holiday_in_view(m, d),
        }
    }

    /// A holiday's day without a year: within a week of the document date the nearest
    /// ("as Easter week began", written on its Monday), farther out by the clause tense
    /// ("was arrested on Easter Monday" a month before the next one is the last one; the
    /// six-week window of [`Rules::month_day`] is for deadlines, which holidays are not).
    fn holiday_in_view(&self, m: u32, d: u32) -> Option<TimexValue> {
        let Some(a) = self.anchor else {
            return out(format!("XXXX-{m:02}-{d:02}"), TimexKind::Date, true);
        };
        let all = || {
            [a.year() - 1, a.year(), a.year() + 1]
                .into_iter()
                .filter_map(move |y| NaiveDate::from_ymd_opt(y, m, d))
        };
        let near = || all().filter(|c| (*c - a).num_days().abs() <= 7);
        let date = pick(near(), a, self.tense)
            .or_else(|| pick(near(), a, Tense::Unknown))
            .or_else(|| pick(all(), a, self.tense))
            .or_else(|| pick(all(), a, Tense::Unknown))?;
        out(ymd(date), TimexKind::Date, true)
    }

    /// "Easter week", "Christmas week": the ISO week that holds the holiday.
    fn week_of_holiday(&self, day: TimexValue) -> TimexValue {
        let week = matches!(self.unit(), Some((Unit::Week, false))) && self.ord().is_none();
        match NaiveDate::parse_from_str(&day.timeml, "%Y-%m-%d") {
            Ok(date) if week => TimexValue {
                timeml: week_of(date),
                ..day
            },
            _ => day,
        }
    }

    /// "Thanksgiving", "Good Friday": the year from the expression, else as for a month
    /// and day.
    fn floating_holiday(&self, year: Option<i32>) -> Option<TimexValue> {
        let movable = self.find(|i| match i {
            It::Floating(m, w, n, f) => Some(Movable::Nth(*m, *w, *n, *f)),
            It::Easter(offset) => Some(Movable::Easter(*offset)),
            _ => None,
        })?;
        if let Some(y) = year {
            return out(ymd(movable.day_in(y)?), TimexKind::Date, false);
        }
        let Some(a) = self.anchor else {
            let month = match movable {
                Movable::Nth(m, ..) => format!("{m:02}"),
                Movable::Easter(_) => "XX".to_string(),
            };
            return out(format!("XXXX-{month}-XX"), TimexKind::Date, true);
        };
        // The year is chosen as for a fixed day; the day is then that year's own.
        let this_year = movable.day_in(a.year())?;
        let guess = self.holiday_in_view(this_year.month(), this_year.day())?;
        let y: i32 = guess.timeml.get(..4)?.parse().ok()?;
        out(ymd(movable.day_in(y)?), TimexKind::Date, true)
    }

    /// "the following year", "that day": counted from the last date mentioned, in its
    /// own unit, when that date is precise enough.
    fn narrative(&self, u: Unit, r: i32, rel: Option<(i32, RelWord)>) -> Option<String> {
        if !matches!(rel, Some((_, RelWord::Narrative))) {
            return None;
        }
        let reference = self.reference?;
        let year: i32 = reference.get(..4)?.parse().ok()?;
        // "the same month last year": the period of the story, a year back.
        let years_back = if u == Unit::Year {
            0
        } else {
            self.year_shift().unwrap_or(0)
        };
        match u {
            Unit::Year => Some((year + r).to_string()),
            Unit::Month => {
                let first =
                    NaiveDate::parse_from_str(&format!("{}-01", reference.get(..7)?), "%Y-%m-%d")
                        .ok()?;
                Some(
                    shift_months(first, i64::from(r + 12 * years_back))?
                        .format("%Y-%m")
                        .to_string(),
                )
            }
            // "the previous quarter" after "the fourth quarter"; "that fourth quarter"
            // names its own.
            Unit::Quarter if self.ord().is_none() => {
                let q: i32 = reference.strip_prefix(&format!("{year}-Q"))?.parse().ok()?;
                let n = year * 4 + (q - 1) + r + 4 * years_back;
                Some(format!("{}-Q{}", n.div_euclid(4), n.rem_euclid(4) + 1))
            }
            // "the previous week" after "last week" (not after a day named in passing).
            Unit::Week if reference.contains("-W") => {
                let day = shift_weeks(week_or_day(reference)?, i64::from(r))?;
                Some(same_week_years_back(day, years_back))
            }
            Unit::Day => {
                let d = NaiveDate::parse_from_str(reference.get(..10)?, "%Y-%m-%d").ok()?;
                Some(ymd(d + Duration::days(i64::from(r))))
            }
            _ => None,
        }
    }

    /// The quarter a text about quarters is discussing: the last one it mentioned, else
    /// the last one completed before the anchor.
    fn quarter_in_view(&self) -> Option<i64> {
        let r = self.reference.unwrap_or("");
        if is_quarter_value(r) {
            return r.get(6..)?.parse().ok();
        }
        let a = shift_months(self.anchor?, -3)?;
        Some(i64::from(a.month0() / 3 + 1))
    }

    /// The year of a quarter the story last named ("third-quarter profit").
    fn quarter_year_in_view(&self) -> Option<i32> {
        let r = self.reference?;
        is_quarter_value(r).then(|| r.get(..4)?.parse().ok())?
    }

    /// The year and half of a half-year the story last named ("the first half of 2013").
    fn half_in_view(&self) -> Option<(i32, i64)> {
        let (year, half) = self.reference?.split_once("-H")?;
        Some((year.parse().ok()?, half.parse().ok()?))
    }

    /// First or second half: "first half", "second half", "last half".
    fn half(&self) -> Option<i64> {
        match (self.ord(), self.rel()) {
            (Some(n), _) if (1..=2).contains(&n) => Some(n),
            (None, Some((r, _))) if r < 0 => Some(2),
            (None, Some((r, _))) if r > 0 => Some(2),
            _ => None,
        }
    }

    /// The day of the month: an ordinal or a number that fits.
    fn day_number(&self) -> Option<u32> {
        self.find(|i| match i {
            It::Ord(n) | It::Num(n) if (1..=31).contains(n) => Some(*n as u32),
            _ => None,
        })
    }

    /// "April-June", "July to September": three months that make a calendar quarter are
    /// that quarter, of the year a bare last month would have.
    fn quarter_of_months(&self, first: u32, year: Option<i32>) -> Option<TimexValue> {
        let months: Vec<u32> = self
            .its
            .iter()
            .filter_map(|i| match i {
                It::Month(m) => Some(*m),
                _ => None,
            })
            .collect();
        let [_, last] = months[..] else {
            return None;
        };
        if first % 3 != 1 || last != first + 2 || self.day_number().is_some() {
            return None;
        }
        let y = match year {
            Some(y) => y,
            None => self.year_of_bare_month(last)?,
        };
        out(
            format!("{y}-Q{}", (first - 1) / 3 + 1),
            TimexKind::Date,
            year.is_none(),
        )
    }

    /// "the September quarter", "December-quarter output": the three months to that
    /// month, named by the calendar quarter that holds their middle month.
    fn quarter_to_month(&self, m: u32, year: Option<i32>) -> Option<TimexValue> {
        let quarter_word = self.has(|i| matches!(i, It::Unit(Unit::Quarter, false)));
        if !quarter_word || self.ord().is_some() || self.day_number().is_some() {
            return None;
        }
        let y = year.map_or_else(|| self.year_of_bare_month(m), Some)?;
        out(quarter_to(y, m), TimexKind::Date, year.is_none())
    }

    /// The year month `m` named alone would have in this clause ("in November").
    fn year_of_bare_month(&self, m: u32) -> Option<i32> {
        let alone = Rules {
            its: &[It::Month(m)],
            ..*self
        };
        alone.bare_month_or_season()?.timeml.get(..4)?.parse().ok()
    }

    /// "the first week of April", "the last week of March": the ISO week holding the
    /// middle of that seven-day stretch of the month; the month's year as a bare month's.
    fn week_of_month(&self, m: u32, year: Option<i32>) -> Option<TimexValue> {
        let at = self
            .its
            .iter()
            .position(|i| matches!(i, It::Unit(Unit::Week, false)))?;
        let nth = match at.checked_sub(1).map(|k| self.its[k]) {
            Some(It::Ord(n)) if (1..=5).contains(&n) => n,
            Some(It::Rel(-1, _)) => -1,
            _ => return None,
        };
        // "the first week of March last year": the named year, else a bare month's.
        let y = match year.or_else(|| self.relative_year()) {
            Some(y) => y,
            None => self.year_of_bare_month(m)?,
        };
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let middle = if nth > 0 {
            first + Duration::days(7 * (nth - 1) + 3)
        } else {
            shift_months(first, 1)? - Duration::days(4)
        };
        out(week_of(middle), TimexKind::Date, year.is_none())
    }

    /// The year "last year", "this year" or "next year" names, counted from the anchor.
    /// The year a "last/this/next year" inside the expression names; "that year", "the
    /// following year" count from the year of the date the story last named ("joined
    /// in 2006 ... in June that year").
    fn relative_year(&self) -> Option<i32> {
        let (shift, word) = self.year_rel()?;
        let story_year = self
            .reference
            .filter(|_| word == RelWord::Narrative)
            .and_then(|r| r.get(..4)?.parse::<i32>().ok());
        Some(story_year.or(self.anchor.map(|a| a.year()))? + shift)
    }

    /// The shift of a "last/this/next" right before "year" ("the same period last
    /// year" is -1, whatever "same" says).
    fn year_shift(&self) -> Option<i32> {
        self.year_rel().map(|(r, _)| r)
    }

    /// The "last/this/next" or "that/following" word before "year" in the expression,
    /// with its shift.
    fn year_rel(&self) -> Option<(i32, RelWord)> {
        self.its.windows(2).find_map(|w| match w {
            [It::Rel(r, word), It::Unit(Unit::Year, false)] => Some((*r, *word)),
            _ => None,
        })
    }

    /// A month and day without a year: the year comes from the anchor and the tense.
    fn month_day(&self, m: u32, d: u32, suffix: &str) -> Option<TimexValue> {
        let kind = self.kind_for(suffix);
        let Some(a) = self.anchor else {
            return out(format!("XXXX-{m:02}-{d:02}{suffix}"), kind, true);
        };
        let years = [a.year() - 1, a.year(), a.year() + 1];
        let mut all: Vec<NaiveDate> = years
            .iter()
            .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, d))
            .collect();
        // "Thursday, Jan. 6": the weekday tells the year when only one candidate has it.
        let named_weekday = self.find(|i| match i {
            It::Weekday(n) => weekday(*n),
            _ => None,
        });
        if let Some(wd) = named_weekday {
            let on_that_day: Vec<NaiveDate> =
                all.iter().copied().filter(|c| c.weekday() == wd).collect();
            if on_that_day.len() == 1 {
                all = on_that_day;
            }
        }
        // A bare day within six weeks of the anchor is that day, whatever the tense:
        // past-looking clauses often name deadlines ("was given until Dec. 1",
        // "effective Dec. 1"), and a future clause does not send a day of the last weeks
        // a year ahead (reported speech, "said they would appeal by Jan. 14", written on
        // the 15th; chronologies, "May 25 - Rajoy insists Spain can sort it out",
        // written on June 14). Farther out, the tense decides.
        let window = 45;
        let near: Vec<NaiveDate> = all
            .iter()
            .copied()
            .filter(|c| (*c - a).num_days().abs() <= window)
            .collect();
        // "as early as last July 18", "next March 3": the word says which way.
        let told = match self.find(|i| match i {
            It::Rel(r, RelWord::Plain) => Some(*r),
            _ => None,
        }) {
            Some(-1) => Some(Tense::Past),
            Some(1) => Some(Tense::Future),
            _ => None,
        };
        if let Some(date) = told.and_then(|t| pick(all.iter().copied(), a, t)) {
            return out(format!("{}{suffix}", ymd(date)), kind, true);
        }
        let date = pick(near.iter().copied(), a, self.tense)
            .or_else(|| pick(near.into_iter(), a, Tense::Unknown))
            .or_else(|| pick(all.iter().copied(), a, self.tense))
            .or_else(|| pick(all.into_iter(), a, Tense::Unknown))?;
        out(format!("{}{suffix}", ymd(date)), kind, true)
    }

    /// "Tuesday", "last Friday", "next Monday night", "10 p.m. Wednesday".
    fn weekday(&self) -> Option<TimexValue> {
        let n = self.find(|i| match i {
            It::Weekday(d) => Some(*d),
            _ => None,
        })?;
        let wd = weekday(n)?;
        let suffix = self.part_of_day();
        let kind = self.kind_for(&suffix);
        let Some(a) = self.anchor else {
            return out(format!("XXXX-WXX-{n}{suffix}"), kind, true);
        };
        // "the previous Friday", "the following Monday", "that Sunday" count from the
        // day the story last named, not from the document date.
        let narrative = matches!(self.rel(), Some((_, RelWord::Narrative)));
        let a = match self.reference.filter(|_| narrative) {
            Some(r) => {
                NaiveDate::parse_from_str(r.get(..10).unwrap_or(""), "%Y-%m-%d").unwrap_or(a)
            }
            None => a,
        };
        let back =
            (7 + a.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
        let date = match (self.rel(), self.tense) {
            (Some((r, _)), _) if r < 0 => a - Duration::days(if back == 0 { 7 } else { back }),
            (Some((r, _)), _) if r > 0 => a + Duration::days(if back == 0 { 7 } else { 7 - back }),
            // "this Tuesday" is the one of this week, but a plan written on Friday
            // means the coming one ("hoping to win Michigan this Tuesday").
            (Some(_), tense) => {
                let this_week = a + Duration::days(
                    wd.num_days_from_monday() as i64 - a.weekday().num_days_from_monday() as i64,
                );
                if tense == Tense::Future && this_week < a && !narrative {
                    this_week + Duration::days(7)
                } else {
                    this_week
                }
            }
            (None, Tense::Future) => a + Duration::days((7 - back) % 7),
            // A present-tense clause names this week's days: one or two days ahead is
            // nearer than five or six back ("the talks are Thursday").
            (None, Tense::Present) if back >= 5 => a + Duration::days(7 - back),
            (None, _) => a - Duration::days(back),
        };
        out(format!("{}{suffix}", ymd(date)), kind, true)
    }

    /// "last month", "this year", "next week", "the quarter", "the weekend", "last
    /// November", "this summer", "the 30th of last month".
    fn relative_unit(&self) -> Option<TimexValue> {
        let rel = self.rel();
        if let Some(m) = self.month() {
            let (r, _) = rel?;
            // "February last year", "May of next year": the year is named, not the month.
            if let Some(y) = self.relative_year() {
                return month_of_year(y, m, self.day_number());
            }
            return self.rel_month(m, r);
        }
        if let Some(s) = self.season() {
            let (r, _) = rel?;
            return self.rel_season(s, r);
        }
        let (u, _) = self.unit()?;
        let r = rel.map_or(0, |(r, _)| r);
        let Some(a) = self.anchor else {
            return out("XXXX-XX-XX".into(), TimexKind::Date, true);
        };
        if let Some(v) = self.narrative(u, r, rel) {
            // "unchanged from the previous week", said twice, compares with one week:
            // a period looked back to is no new point of the story ("the following
            // year" is).
            let mut value = out(v, TimexKind::Date, true)?;
            value.from_reference = r <= 0;
            return Some(value);
        }
        // "next year's first quarter", "last year's quarter".
        let has_quarter = self.has(|i| matches!(i, It::Unit(Unit::Quarter, false)));
        if u == Unit::Year && has_quarter {
            let q = self
                .ord()
                .filter(|q| (1..=4).contains(q))
                .or_else(|| self.quarter_in_view())?;
            return out(format!("{}-Q{q}", a.year() + r), TimexKind::Date, true);
        }
        // "this year's first half".
        if u == Unit::Year && self.has(|i| matches!(i, It::Unit(Unit::Half, false))) {
            let h = self.ord().filter(|h| (1..=2).contains(h))?;
            return out(format!("{}-H{h}", a.year() + r), TimexKind::Date, true);
        }
        // "the 30th of last month", "the 20th of the month"; "its sixth month on the
        // market" counts months of something else and names no calendar month (a count
        // of months seldom passes a year).
        if let (Some(d), Unit::Month) = (self.ord(), u) {
            if rel.is_none() && d <= 12 {
                return None;
            }
            let first = shift_months(a, i64::from(r))?;
            let date = NaiveDate::from_ymd_opt(first.year(), first.month(), d as u32)?;
            return out(ymd(date), TimexKind::Date, true);
        }
        let v = match u {
            Unit::Day => ymd(a + Duration::days(i64::from(r))),
            // "the week" with no "this/last/next" names no particular week: TIMEX3
            // leaves the week number unspecified. "The end of the week" is a part of
            // the week in view.
            Unit::Week if rel.is_none() && !self.parted => {
                format!("{}-WXX", a.year())
            }
            // "Paulson heads to Asia this week", written on a Sunday: a plan for "this
            // week" is for the coming one (not "this past week").
            Unit::Week
                if r == 0
                    && self.tense == Tense::Future
                    && a.weekday() == Weekday::Sun
                    && !self.has(|i| matches!(i, It::Rel(_, RelWord::Past))) =>
            {
                week_of(a + Duration::days(1))
            }
            // "Last week, GM's chief executive said", written on a Sunday: the week just
            // ending, as "this week" in a plan is the coming one (not "the last week",
            // the seven days past).
            Unit::Week
                if r == -1
                    && a.weekday() == Weekday::Sun
                    && !self.definite
                    && self.has(|i| matches!(i, It::Rel(-1, RelWord::Plain))) =>
            {
                week_of(a)
            }
            Unit::Week => week_of(a + Duration::weeks(i64::from(r))),
            Unit::Weekend => self.weekend(a, r),
            Unit::Month => shift_months(a, i64::from(r))?.format("%Y-%m").to_string(),
            Unit::Year => (a.year() + r).to_string(),
            Unit::Quarter => {
                let q = self.ord().filter(|q| (1..=4).contains(q));
                match q {
                    // "the second quarter of next year".
                    Some(q) if self.year_shift().is_some() => {
                        format!("{}-Q{q}", self.relative_year()?)
                    }
                    Some(q) => format!("{}-Q{q}", self.quarter_year(a, q)),
                    // A bare "the quarter" in news is the last one reported on.
                    None if rel.is_none() => quarter(shift_months(a, -3)?),
                    None => quarter(shift_months(a, 3 * i64::from(r))?),
                }
            }
            // "the first half of the month": that month; TimeML marks the half with a
            // modifier, not in the value.
            Unit::Half if self.has(|i| matches!(i, It::Unit(Unit::Month, false))) => {
                let month = shift_months(a, i64::from(r))?.format("%Y-%m").to_string();
                let mut v = out(month, TimexKind::Date, true)?;
                v.modifier = match self.half() {
                    Some(1) => Some("START"),
                    Some(_) => Some("END"),
                    None => None,
                };
                return Some(v);
            }
            Unit::Half => {
                let h = if rel.is_some() && self.ord().is_none() && r == 0 {
                    if a.month() <= 6 {
                        1
                    } else {
                        2
                    }
                } else {
                    self.half()?
                };
                // "the first half of last year".
                format!("{}-H{h}", self.relative_year().unwrap_or(a.year()))
            }
            Unit::Decade => ((a.year() + 10 * r) / 10).to_string(),
            Unit::Century => format!("{:02}", (a.year() + 100 * r) / 100),
            // "the first half ... the same period last year": the half in view; "the
            // latest period", "the same period last year": else the reporting quarter.
            // "from a previous session close of 88.58": the trading day before, a
            // weekend skipped. "The court's next session" is most often a sitting.
            Unit::Session if rel.is_some() && r <= 0 => ymd(trading_day(a, r)),
            Unit::Vague if rel.is_some() => {
                let shift = self.year_shift().unwrap_or(0);
                match self.half_in_view() {
                    Some((year, h)) => format!("{}-H{h}", year + shift),
                    // "Third-quarter profit rose from the same period last year", written
                    // in March: the year before the quarter in view (not one a chain of
                    // such comparisons already moved back).
                    None => {
                        let reporting = shift_months(a, -3)?.year();
                        let year = self
                            .quarter_year_in_view()
                            .filter(|y| (reporting..=reporting + 1).contains(y))
                            .unwrap_or(reporting);
                        format!("{}-Q{}", year + shift, self.quarter_in_view()?)
                    }
                }
            }
            _ => return None,
        };
        out(v, TimexKind::Date, true)
    }

    /// The year of "the third quarter". A quarter not yet begun cannot be reported on,
    /// so in a past clause, or one of no known tense, it is last year's ("fourth-quarter
    /// profit rose", written in January). A present or future clause looks ahead ("will
    /// open in the fourth quarter"), except at the quarter just ended written as an
    /// adjective, whose results are still to come ("fourth-quarter results will be
    /// released", written in January, is last year's fourth quarter).
    fn quarter_year(&self, a: NaiveDate, q: i64) -> i32 {
        let now = i64::from(a.month0() / 3 + 1);
        let just_ended = q % 4 + 1 == now;
        let next = now % 4 + 1 == q;
        match self.tense {
            // "the 20 percent slide in the fourth quarter is no surprise", written in
            // February; "the first quarter is balanced", written in December: the
            // present speaks of the quarter just ended, under way or next.
            Tense::Present if just_ended && q > now => a.year() - 1,
            Tense::Present if next && q < now => a.year() + 1,
            Tense::Future | Tense::Present if just_ended && q > now && self.attributive => {
                a.year() - 1
            }
            // "expect the first quarter to be weak", written in December: no result of a
            // quarter not yet begun can be awaited, so it is next year's.
            Tense::Future if next && q < now => a.year() + 1,
            Tense::Future | Tense::Present => a.year(),
            _ if q > now => a.year() - 1,
            _ => a.year(),
        }
    }

    fn weekend(&self, a: NaiveDate, r: i32) -> String {
        let wd = a.weekday().num_days_from_monday();
        let shift = if r == 0 && self.rel().is_none() && self.tense == Tense::Past && wd < 5 {
            -1
        } else {
            i64::from(r)
        };
        format!("{}-WE", week_of(a + Duration::weeks(shift)))
    }

    fn season(&self) -> Option<&'static str> {
        self.find(|i| match i {
            It::Season(s) => Some(*s),
            _ => None,
        })
    }

    fn rel_month(&self, m: u32, r: i32) -> Option<TimexValue> {
        // "that November", "the following March": counted from the period the story
        // last named ("McGovern won the nomination in 1972 ... lost that November").
        if let Some(v) = self.narrative_month(m, r) {
            return Some(v);
        }
        let Some(a) = self.anchor else {
            return out(format!("XXXX-{m:02}"), TimexKind::Date, true);
        };
        // "last May" is the latest May before the anchor month, "next May" the first after;
        // but the month just ended is "last month", so "last February" said in March is
        // the February a year before it.
        // Not across the new year: in January "last December" is mostly the one just
        // ended.
        let just_ended = m + 1 == a.month();
        let y = match r {
            r if r < 0 => a.year() - i32::from(m >= a.month()) - i32::from(just_ended),
            r if r > 0 => a.year() + i32::from(m <= a.month()),
            _ => a.year(),
        };
        month_of_year(y, m, self.day_number())
    }

    /// A month named with "that", "the following" or "the previous", in the year of
    /// the last date mentioned (the first such month after it, or the last before it).
    fn narrative_month(&self, m: u32, r: i32) -> Option<TimexValue> {
        if !matches!(self.rel(), Some((_, RelWord::Narrative))) {
            return None;
        }
        let reference = self.reference?;
        let year: i32 = reference.get(..4)?.parse().ok()?;
        // The first and last month the reference covers: a month or day its own, a
        // quarter its three, a week its Monday's, a year (or anything else) all twelve.
        let (first, last) = if is_month_value(reference) || reference.len() == 10 {
            let mm: u32 = reference.get(5..7)?.parse().ok()?;
            (mm, mm)
        } else if let Some(q) = reference.strip_prefix(&format!("{year}-Q")) {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            (3 * q - 2, 3 * q)
        } else if reference.contains("-W") {
            let mm = week_or_day(reference)?.month();
            (mm, mm)
        } else {
            (1, 12)
        };
        let y = match r {
            r if r > 0 => year + i32::from(m <= last),
            r if r < 0 => year - i32::from(m >= first),
            _ => year,
        };
        month_of_year(y, m, self.day_number())
    }

    fn rel_season(&self, s: &str, r: i32) -> Option<TimexValue> {
        let Some(a) = self.anchor else {
            return out(format!("XXXX-{s}"), TimexKind::Date, true);
        };
        // "this winter", written in January, began the December before.
        if r == 0 {
            let y = a.year() - i32::from(s == "WI" && a.month() <= 2);
            return out(format!("{y}-{s}"), TimexKind::Date, true);
        }
        // Seasons counted in a row, a winter under the year it starts in (January 2016
        // is in 2015-WI): "last spring", written in December, is this year's; "last
        // winter", written in April, the one just ended.
        let idx = ["SP", "SU", "FA", "WI"].iter().position(|x| *x == s)? as i32;
        let season_year = a.year() - i32::from(a.month() <= 2);
        let now = season_year * 4 + season_index(a.month()) as i32;
        let gap = (now - idx).rem_euclid(4);
        let n = if r < 0 {
            now - if gap == 0 { 4 } else { gap }
        } else {
            now + if gap == 0 { 4 } else { 4 - gap }
        };
        out(format!("{}-{s}", n.div_euclid(4)), TimexKind::Date, true)
    }

    /// "in November", "in the summer": the year comes from the tense.
    fn bare_month_or_season(&self) -> Option<TimexValue> {
        if let Some(m) = self.month() {
            let Some(a) = self.anchor else {
                return out(format!("XXXX-{m:02}"), TimexKind::Date, true);
            };
            let years = [a.year() - 1, a.year(), a.year() + 1];
            let firsts = years
                .iter()
                .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, 1));
            let month_start = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)?;
            // A month named in a past-tense clause is the latest such month before the
            // document date, even when it is the coming month: "deliveries in November",
            // written on October 30, happened last November.
            let mut tense = self.tense;
            // "economists expect prices to rise 0.4 percent in July", written on August
            // 10: a month that ended under three weeks ago is awaited as data, not
            // planned for a year ahead.
            let just_ended = shift_months(month_start, -1).is_some_and(|p| p.month() == m);
            if tense == Tense::Future && just_ended && a.day() <= 21 {
                tense = Tense::Past;
            }
            let d = pick(firsts, month_start, tense)?;
            return out(d.format("%Y-%m").to_string(), TimexKind::Date, true);
        }
        let s = self.season()?;
        let Some(a) = self.anchor else {
            return out(format!("XXXX-{s}"), TimexKind::Date, true);
        };
        let idx = ["SP", "SU", "FA", "WI"].iter().position(|x| *x == s)? as u32;
        let now = season_index(a.month());
        let y = match self.tense {
            Tense::Past => a.year() - i32::from(idx > now),
            Tense::Future => a.year() + i32::from(idx < now),
            _ => a.year(),
        };
        out(format!("{y}-{s}"), TimexKind::Date, true)
    }

    /// "the 23rd": a day of the anchor's month, or of the month before or after.
    fn bare_ordinal(&self) -> Option<TimexValue> {
        if self.its.len() != 1 {
            return None;
        }
        let d = self.ord().filter(|d| (1..=31).contains(d))? as u32;
        let Some(a) = self.anchor else {
            return out(format!("XXXX-XX-{d:02}"), TimexKind::Date, true);
        };
        let months = [-1, 0, 1].iter().filter_map(|&k| {
            let f = shift_months(a, k)?;
            NaiveDate::from_ymd_opt(f.year(), f.month(), d)
        });
        let date = pick(months, a, self.tense)?;
        out(ymd(date), TimexKind::Date, true)
    }

    /// "10:35 a.m.", "noon": a time on the anchor day.
    fn clock_only(&self) -> Option<TimexValue> {
        let suffix = self.part_of_day();
        if suffix.is_empty() {
            return None;
        }
        // A bare clock time belongs to the day the story is telling: the last day
        // mentioned when it lies within a week before the anchor, else the anchor day.
        let story_day = self
            .reference
            .and_then(|r| NaiveDate::parse_from_str(r.get(..10)?, "%Y-%m-%d").ok())
            .filter(|d| {
                self.anchor
                    .is_some_and(|a| (0..=7).contains(&(a - *d).num_days()))
            });
        match story_day.or(self.anchor) {
            Some(d) => out(format!("{}{suffix}", ymd(d)), TimexKind::Time, true),
            None => out(format!("XXXX-XX-XX{suffix}"), TimexKind::Time, true),
        }
    }
}

/// The trading day `shift` sessions from `a`, counting Monday to Friday only.
fn trading_day(a: NaiveDate, shift: i32) -> NaiveDate {
    let step = Duration::days(if shift < 0 { -1 } else { 1 });
    let mut day = a;
    for _ in 0..shift.unsigned_abs().min(30) {
        day += step;
        while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            day += step;
        }
    }
    day
}

fn quarter(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), d.month0() / 3 + 1)
}

/// Meteorological seasons, as TimeML's SP SU FA WI are used in news.
fn season_index(month: u32) -> u32 {
    match month {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

/// Chooses among candidate dates by tense: the latest on or before the anchor for the
/// past, the earliest on or after it for the future, otherwise the nearest, a date ahead
/// counting a month farther (news reports more than it announces: "its closing low on
/// March 9", written in September, is the March before).
fn pick(
    candidates: impl Iterator<Item = NaiveDate>,
    anchor: NaiveDate,
    tense: Tense,
) -> Option<NaiveDate> {
    let all: Vec<NaiveDate> = candidates.collect();
    match tense {
        Tense::Past => all.into_iter().filter(|d| *d <= anchor).max(),
        Tense::Future => all.into_iter().filter(|d| *d >= anchor).min(),
        Tense::Present | Tense::Unknown => all.into_iter().min_by_key(|d| {
            let days = (*d - anchor).num_days();
            (if days > 0 { days + 31 } else { -days }, *d > anchor)
        }),
    }
}
