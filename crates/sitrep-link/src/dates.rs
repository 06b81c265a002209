//! Dates as day intervals, so events with imprecise dates can be compared with precise ones.

use sitrep_model::{DateValue, Precision};

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first and last day a date may denote: one day for `2024-05-21`, a month for
/// `2024-05`, a year for `2024`, ten years for a decade. `None` when the text is not an
/// ISO prefix.
pub(crate) fn interval(date: &DateValue) -> Option<(i64, i64)> {
    let (lo, hi) = interval_of(&date.value)?;
    if date.precision == Precision::Decade {
        let start: i64 = date.value.get(0..3)?.parse().ok()?;
        return Some((
            days_from_civil(start * 10, 1, 1),
            days_from_civil(start * 10 + 9, 12, 31),
        ));
    }
    Some((lo, hi))
}

/// [`interval`] on the ISO text alone.
pub(crate) fn interval_of(value: &str) -> Option<(i64, i64)> {
    let num = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<i64>().ok());
    let year = num(0..4)?;
    let month = num(5..7).filter(|m| (1..=12).contains(m)).map(|m| m as u32);
    let day = num(8..10);
    match (month, day) {
        (Some(m), Some(d)) if d >= 1 && d <= days_in_month(year, m) as i64 => {
            let x = days_from_civil(year, m, d as u32);
            Some((x, x))
        }
        (Some(m), _) => Some((
            days_from_civil(year, m, 1),
            days_from_civil(year, m, days_in_month(year, m)),
        )),
        (None, _) if value.len() == 4 => {
            Some((days_from_civil(year, 1, 1), days_from_civil(year, 12, 31)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_follow_precision() {
        assert_eq!(interval_of("1970-01-01"), Some((0, 0)));
        assert_eq!(interval_of("2024-03-01"), Some((19783, 19783)));
        let (lo, hi) = interval_of("2024-02").unwrap();
        assert_eq!(hi - lo, 28);
        let (lo, hi) = interval_of("2023").unwrap();
        assert_eq!(hi - lo, 364);
        assert_eq!(
            interval_of("2024-05-22T09:02").map(|x| x.0),
            interval_of("2024-05-22").map(|x| x.0)
        );
        assert_eq!(interval_of("soon"), None);
    }
}
