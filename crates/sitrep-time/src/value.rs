//! Normalised values: the TimeML string and its calendar reading.

use sitrep_model::{DateValue, Precision};

/// The tense of the clause a time expression sits in; it decides which way an
/// underspecified date ("Tuesday", "in November") is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tense {
    /// Past: the most recent such day or month on or before the anchor.
    Past,
    /// Present: treated like an unknown tense.
    Present,
    /// Future: the next such day or month after the anchor.
    Future,
    /// No clue: the nearest occurrence.
    #[default]
    Unknown,
}

/// The TimeML type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexKind {
    /// A calendar date or period (`2024-05-21`, `2024-W20`, `PAST_REF`).
    Date,
    /// A date with a time of day (`2024-05-21T15:00`, `2024-05-21TMO`).
    Time,
    /// A length of time (`P2W`).
    Duration,
    /// A recurrence (`P1D` for "daily", `XXXX-WXX-4` for "each Thursday").
    Set,
}

impl TimexKind {
    /// The TimeML type name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// A normalised time expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimexValue {
    /// TimeML value: `2024-05-21`, `2024-05`, `2024`, `202` (decade), `2024-Q2`,
    /// `2024-W21`, `2024-SU`, `PAST_REF`, `P2W`; `X` marks parts an absent anchor left
    /// unknown (`XXXX-WXX-2` for "Tuesday" without a document date).
    pub timeml: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexKind,
    /// TimeML modifier (`START`, `MID`, `END`, `APPROX`, `LESS_THAN`, ...).
    pub modifier: Option<&'static str>,
    /// True when the value depends on the anchor date.
    pub relative: bool,
    /// True when it was counted from an earlier date of the text ("a year earlier"),
    /// so it must not become the reference point of the next such expression.
    pub from_reference: bool,
}

impl TimexValue {
    /// The calendar reading the document model can hold: exact for days, months, years,
    /// decades and clock times; the containing month for a week, the year for a
    /// quarter, half or season; `None` for durations, sets, references (`PAST_REF`) and
    /// values left unknown for lack of an anchor.
    pub fn date_value(&self) -> Option<DateValue> {
        if matches!(self.kind, TimexKind::Duration | TimexKind::Set) {
            return None;
        }
        calendar(&self.timeml)
    }
}

/// Reads a TimeML date value as a calendar date with precision.
pub fn calendar(v: &str) -> Option<DateValue> {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let make = |value: String, precision| Some(DateValue { value, precision });
    if !digits(0..3) {
        return None;
    }
    if b.len() == 3 {
        return make(format!("{v}0"), Precision::Decade);
    }
    if !digits(3..4) {
        return None;
    }
    let year = &v[..4];
    if b.len() == 4 || b.get(4) != Some(&b'-') {
        return make(year.to_string(), Precision::Year);
    }
    let rest = &v[5..];
    if let Some(week) = rest.strip_prefix('W') {
        // An unspecified week ("1989-WXX") still says the year.
        return match week_month(year, week) {
            Some(m) => make(m, Precision::Month),
            None => make(year.to_string(), Precision::Year),
        };
    }
    if !digits(5..7) {
        return make(year.to_string(), Precision::Year);
    }
    if b.len() == 7 || !digits(8..10) {
        return make(v[..7].to_string(), Precision::Month);
    }
    let clock = b.len() >= 16 && b[10] == b'T' && digits(11..13) && b[13] == b':' && digits(14..16);
    if clock {
        make(v[..16].to_string(), Precision::Minute)
    } else {
        make(v[..10].to_string(), Precision::Day)
    }
}

/// The month holding the Thursday of ISO week `week` of `year` (ISO weeks belong to the
/// year of their Thursday, so that day is the fair representative).
fn week_month(year: &str, week: &str) -> Option<String> {
    let y: i32 = year.parse().ok()?;
    let w: u32 = week.get(..2)?.parse().ok()?;
    let d = chrono::NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Thu)?;
    Some(d.format("%Y-%m").to_string())
}
