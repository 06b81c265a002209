//! Publication dates from metadata strings, text lines and URLs. Never invents: every
//! date returned was written somewhere, with the precision that was written.

use chrono::NaiveDate;
use regex::Regex;
use sitrep_model::{DateValue, Precision};
use std::sync::OnceLock;

struct Patterns {
    iso: Regex,
    month_first: Regex,
    day_first: Regex,
    year_month: Regex,
    numeric_dmy: Regex,
    url: Regex,
    url_compact: Regex,
    label: Regex,
}

const MONTH: &str = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
const TIME: &str =
    r"(?:\s*(?:[-–,|@]|at)?\s*(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap]\.?m\.?)?)?";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("constant regex");
        Patterns {
            iso: re(r"(?i)\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2}))?"),
            month_first: re(&format!(r"(?i)\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){TIME}")),
            day_first: re(&format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}}){TIME}")),
            year_month: re(r"^\s*(\d{4})(?:-(\d{2}))?\s*$"),
            numeric_dmy: re(&format!(r"\b(\d{{1,2}})([./])(\d{{1,2}})[./](\d{{4}})\b{TIME}")),
            url: re(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:/|-|\.|$)"),
            url_compact: re(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)"),
            label: re(r"(?i)^(?:(?:first\s+)?published|posted|updated|last\s+updated|date|created|modified|stand|ver[öo]ffentlicht|aktualisiert|publi[ée](?:\s+le)?|mis\s+[àa]\s+jour(?:\s+le)?|publicado(?:\s+(?:em|el))?|actualizado|pubblicato(?:\s+il)?|aggiornato|gepubliceerd|opublikowano|입력|기사입력|수정)?\s*:?\s*(?:on|am|le|el|em|il)?\s*$"),
        }
    })
}

fn month_number(name: &str) -> Option<u32> {
    let m = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|x| *x == m).map(|i| i as u32 + 1)
}

fn build(y: u32, m: u32, d: u32, time: Option<(u32, u32, Option<&str>)>) -> Option<DateValue> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let day = format!("{y:04}-{m:02}-{d:02}");
    let Some((mut h, min, ampm)) = time else {
        return Some(DateValue {
            value: day,
            precision: Precision::Day,
        });
    };
    if let Some(ap) = ampm {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        if h > 12 {
            return Some(DateValue {
                value: day,
                precision: Precision::Day,
            });
        }
        h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    if h > 23 || min > 59 {
        return Some(DateValue {
            value: day,
            precision: Precision::Day,
        });
    }
    Some(DateValue {
        value: format!("{day}T{h:02}:{min:02}"),
        precision: Precision::Minute,
    })
}

fn num(c: &regex::Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// A date found anywhere in `text`, with its byte range.
fn find(text: &str) -> Option<(DateValue, std::ops::Range<usize>)> {
    let p = patterns();
    fn time<'t>(c: &regex::Captures<'t>, h: usize) -> Option<(u32, u32, Option<&'t str>)> {
        Some((num(c, h)?, num(c, h + 1)?, c.get(h + 2).map(|m| m.as_str())))
    }
    let mut best: Option<(DateValue, std::ops::Range<usize>)> = None;
    let mut consider = |found: Option<DateValue>, range: std::ops::Range<usize>| {
        if let Some(v) = found {
            if best.as_ref().is_none_or(|(_, r)| range.start < r.start) {
                best = Some((v, range));
            }
        }
    };
    if let Some(c) = p.iso.captures(text) {
        let t = num(&c, 4).zip(num(&c, 5)).map(|(h, m)| (h, m, None));
        let v = build(
            num(&c, 1).unwrap_or(0),
            num(&c, 2).unwrap_or(0),
            num(&c, 3).unwrap_or(0),
            t,
        );
        consider(v, c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = p.month_first.captures(text) {
        let m = c.get(1).and_then(|m| month_number(m.as_str())).unwrap_or(0);
        let v = build(
            num(&c, 3).unwrap_or(0),
            m,
            num(&c, 2).unwrap_or(0),
            time(&c, 4),
        );
        consider(v, c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = p.day_first.captures(text) {
        let m = c.get(2).and_then(|m| month_number(m.as_str())).unwrap_or(0);
        let v = build(
            num(&c, 3).unwrap_or(0),
            m,
            num(&c, 1).unwrap_or(0),
            time(&c, 4),
        );
        consider(v, c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = p.numeric_dmy.captures(text) {
        let v = numeric(&c).and_then(|(d, m)| build(num(&c, 4).unwrap_or(0), m, d, time(&c, 5)));
        consider(v, c.get(0).map_or(0..0, |m| m.range()));
    }
    best
}

/// Day and month of `12.05.2021` or `05/12/2021`. With dots the order is day.month
/// (European); with slashes it is only accepted when one part is over 12, since
/// `05/06/2021` means different days on two sides of the Atlantic.
fn numeric(c: &regex::Captures) -> Option<(u32, u32)> {
    let (a, b) = (num(c, 1)?, num(c, 3)?);
    match c.get(2)?.as_str() {
        "." => Some((a, b)),
        _ if a > 12 && b <= 12 => Some((a, b)),
        _ if b > 12 && a <= 12 => Some((b, a)),
        _ => None,
    }
}

/// Parses a date string as metadata gives it (`2024-05-22T09:02:00+09:00`,
/// `Tue, 21 May 2024 10:00:00 GMT`, `May 22, 2024`, `2024-05`, `2024`).
///
/// ```
/// use sitrep_model::Precision;
/// let d = sitrep_ingest::parse_date("Published : May 22, 2024 - 09:02").unwrap();
/// assert_eq!((d.value.as_str(), d.precision), ("2024-05-22T09:02", Precision::Minute));
/// assert!(sitrep_ingest::parse_date("no date here").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<DateValue> {
    if let Some((v, _)) = find(text) {
        return Some(v);
    }
    let c = patterns().year_month.captures(text)?;
    let y: u32 = num(&c, 1)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    match num(&c, 2) {
        Some(m) if (1..=12).contains(&m) => Some(DateValue {
            value: format!("{y:04}-{m:02}"),
            precision: Precision::Month,
        }),
        Some(_) => None,
        None => Some(DateValue {
            value: format!("{y:04}"),
            precision: Precision::Year,
        }),
    }
}

/// A date when the whole line is a date line (`Published : May 22, 2024 - 09:02`,
/// `2024-10-30 08:28:39`), not a sentence that mentions a date. The flag says whether
/// the line is an update stamp rather than a publication stamp.
/// A clock time after a date on a stamp line: `at 3:55 p.m.`, `, 14:30`, `| 6:00 AM EDT`.
static CLOCK_TIME: OnceLock<Regex> = OnceLock::new();

/// `Published: Tuesday,` → `Published:`; text without a trailing weekday stays as it is.
fn strip_weekday(before: &str) -> &str {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    let trimmed = before.trim_end_matches([',', ' ', '.']);
    let (head, last) = match trimmed.rfind(|c: char| c.is_whitespace()) {
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => ("", trimmed),
    };
    if WEEKDAYS.contains(&last.to_lowercase().as_str()) {
        head.trim_end()
    } else {
        before
    }
}

pub(crate) fn date_line(line: &str) -> Option<(DateValue, bool)> {
    if line.len() > 90 || line.split_whitespace().count() > 12 {
        return None;
    }
    let (value, range) = find(line)?;
    let before = line.get(..range.start)?.trim();
    let before = before.trim_end_matches(|c: char| c == '|' || c == '-' || c.is_whitespace());
    // "Published: Tuesday, April 8, 2025": the weekday sits between label and date.
    let before = strip_weekday(before);
    if !patterns().label.is_match(before) {
        return None;
    }
    let after = line.get(range.end..)?;
    let words_after = after.split_whitespace().count();
    let after_ok = words_after <= 2
        || after.trim_start().starts_with('|')
        || after.to_lowercase().contains("updated")
        || CLOCK_TIME.get_or_init(|| {
            Regex::new(r"(?i)^\s*(?:,|at|\||-)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:\(?[a-z]{2,5}\)?)?\s*$")
                .expect("constant regex")
        })
        .is_match(after);
    if !after_ok {
        return None;
    }
    let lower = before.to_lowercase();
    let update = [
        "updat",
        "modif",
        "aktualis",
        "mis à jour",
        "actualiz",
        "aggiorn",
        "수정",
    ]
    .iter()
    .any(|w| lower.contains(w));
    Some((value, update))
}

/// A date written in a URL path (`/2024/05/22/`, `/20240522/`, `/2024/05/`).
pub(crate) fn url_date(url: &str) -> Option<DateValue> {
    let p = patterns();
    if let Some(c) = p.url.captures(url) {
        let (y, m) = (num(&c, 1)?, num(&c, 2)?);
        return match num(&c, 3) {
            Some(d) => build(y, m, d, None),
            None if (1..=12).contains(&m) => Some(DateValue {
                value: format!("{y:04}-{m:02}"),
                precision: Precision::Month,
            }),
            None => None,
        };
    }
    let c = p.url_compact.captures(url)?;
    build(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_lines_with_weekdays_and_clock_times() {
        let day =
            |line: &str| date_line(line).map(|(d, update)| (d.value[..10].to_string(), update));
        assert_eq!(
            day("Published: Tuesday, April 8, 2025 at 3:55 p.m."),
            Some(("2025-04-08".into(), false))
        );
        assert_eq!(
            day("Wednesday, 26 March 2025, 14:30"),
            Some(("2025-03-26".into(), false))
        );
        assert_eq!(
            day("Updated: Tuesday, April 8, 2025 at 5:10 p.m."),
            Some(("2025-04-08".into(), true))
        );
        assert_eq!(
            day("The vote on Tuesday, April 8, 2025 was close and long."),
            None
        );
    }

    fn v(s: &str) -> Option<(String, Precision)> {
        parse_date(s).map(|d| (d.value, d.precision))
    }

    #[test]
    fn metadata_forms() {
        assert_eq!(
            v("2024-05-22T09:02:11+09:00"),
            Some(("2024-05-22T09:02".into(), Precision::Minute))
        );
        assert_eq!(
            v("Tue, 21 May 2024 10:00:00 GMT"),
            Some(("2024-05-21T10:00".into(), Precision::Minute))
        );
        assert_eq!(
            v("March 3rd, 2021"),
            Some(("2021-03-03".into(), Precision::Day))
        );
        assert_eq!(
            v("Sept. 14, 2023 at 4:05 p.m."),
            Some(("2023-09-14T16:05".into(), Precision::Minute))
        );
        assert_eq!(v("2019-07"), Some(("2019-07".into(), Precision::Month)));
        assert_eq!(v("1999"), Some(("1999".into(), Precision::Year)));
        assert_eq!(v("2023-02-30"), None);
        assert_eq!(
            v("Stand: 17.04.2020 14:05"),
            Some(("2020-04-17T14:05".into(), Precision::Minute))
        );
        assert_eq!(v("4/23/2019"), Some(("2019-04-23".into(), Precision::Day)));
        assert_eq!(v("05/06/2021"), None);
        assert_eq!(v("tomorrow"), None);
    }

    #[test]
    fn only_date_lines_count() {
        let (d, upd) = date_line("Posted: 3 June 2022 | 11:40").unwrap();
        assert_eq!((d.value.as_str(), upd), ("2022-06-03T11:40", false));
        assert!(date_line("2021-11-02 17:05:44").is_some());
        assert!(date_line("Updated : Jan 5, 2020").is_some_and(|(_, u)| u));
        assert!(date_line(
            "The ceasefire signed on May 2, 2019 collapsed within weeks of the vote."
        )
        .is_none());
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.org/news/2018/04/09/story.html").map(|d| d.value),
            Some("2018-04-09".into())
        );
        assert_eq!(
            url_date("https://x.org/a/20170102-title").map(|d| d.value),
            Some("2017-01-02".into())
        );
        assert_eq!(
            url_date("https://x.org/2016/11/title").map(|d| d.precision),
            Some(Precision::Month)
        );
        assert!(url_date("https://x.org/item/12345").is_none());
    }
}
