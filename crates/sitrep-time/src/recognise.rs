//! Finding time expressions in running text.
//!
//! Each token gets a class from the word list; a time expression is a run of adjacent
//! tokens of temporal classes that holds at least one head (a month, weekday, year,
//! unit with a modifier, ...), trimmed of words that may only sit inside, and accepted
//! when the normaliser can read it.

use crate::lexicon::{cues, lexicon, lower, Cue, Lex, Phrase, Unit, VAGUE_PHRASES};
use sitrep_model::Span;
use sitrep_text::{tokens, Token};

/// What a token can do in a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Not temporal.
    None,
    /// A head on its own: month, weekday, year, decade, day word, reference, set adverb.
    Head,
    /// A unit ("week"): a head only with a count or modifier.
    Unit,
    /// A count: number words and digits.
    Number,
    /// An ordinal ("third", "23rd").
    Ordinal,
    /// last/next/this, early/mid/late, ago/later, more than, several, a.m.
    Modifier,
    /// A trailing direction word: ago, earlier, later.
    Dir,
    /// A qualifier (nearly, about, only): joins but licenses no unit.
    Qualifier,
    /// Part of day or clock suffix: morning, a.m., EST.
    Suffix,
    /// May only sit inside: the, of, a comma or dot.
    Glue,
}

/// Words that join a time expression only from the inside.
const GLUE: &[&str] = &["the", "of", ",", ".", "than", "to", "up", "at", "a", "an"];

/// Byte spans of time expressions in `sentence`.
pub fn find(text: &str, sentence: Span) -> Vec<Span> {
    if !may_hold_timex(sentence.of(text)) {
        return Vec::new();
    }
    let toks = tokens(text, sentence);
    let mut classes: Vec<Class> = (0..toks.len()).map(|i| classify(text, &toks, i)).collect();
    mark_spoken_years(text, &toks, &mut classes);
    mark_vague_phrases(text, &toks, &mut classes);
    mark_halves_and_approximations(text, &toks, &mut classes);
    mark_named_days(text, &toks, &mut classes);
    mark_split_years(text, &toks, &mut classes);
    mark_slash_dates(text, &toks, &mut classes);
    mark_compound_durations(text, &toks, &mut classes);
    mark_titles_of_counted_units(text, &toks, &mut classes);
    mark_ages_and_figures(text, &toks, &mut classes);
    mark_units_after_a_day_of_month(text, &toks, &mut classes);
    mark_halves_of_money(text, &toks, &mut classes);
    mark_idioms(text, &toks, &mut classes);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if classes[i] == Class::None {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && classes[j] != Class::None && joins(text, &toks, &classes, j) {
            j += 1;
        }
        if let Some((a, b)) = trim(text, &toks, &classes, i, j)
            .filter(|&(a, b)| !counts_a_streak(text, &toks, &classes[a..b], b))
        {
            let mut end = toks[b - 1].span.end();
            // "on 19.05.2007.": the sentence's full stop stays out.
            let last = toks[b - 1].text(text);
            if last.ends_with('.') && dotted_date_parts(last).is_some() {
                end -= 1;
            }
            end = extend_local_time(text, &toks, b).unwrap_or(end);
            let span = Span::new(toks[a].span.start(), end);
            if !is_quoted_title(text, sentence, span) {
                out.push(span);
                if let Some(day) = coordinated_day(text, &toks, b) {
                    // "April 24 and 25, 2029": the year goes with the second day.
                    let with_year = toks.get(day + 1).is_some_and(|t| t.text(text) == ",")
                        && toks.get(day + 2).is_some_and(|t| is_year(t.text(text)));
                    let last = if with_year { day + 2 } else { day };
                    out.push(Span::new(toks[day].span.start(), toks[last].span.end()));
                    i = last + 1;
                    continue;
                }
            }
        }
        i = j;
    }
    out
}

/// "the 2009/10 financial year", "1986/87": a year split across two, one expression
/// like "2010-11", never a year and a count ("10 financial year").
fn mark_split_years(text: &str, toks: &[Token], classes: &mut [Class]) {
    for i in 1..toks.len().saturating_sub(1) {
        let (first, next) = (toks[i - 1].text(text), toks[i + 1].text(text));
        if toks[i].text(text) != "/" || !is_year(first) || !follows_year(first, next) {
            continue;
        }
        // Only when written tight: "2009 / 10" is no single name.
        let tight = toks[i - 1].span.end == toks[i].span.start
            && toks[i].span.end == toks[i + 1].span.start;
        // "2009/10/15" is a date written with slashes, not a split year.
        let slash_date = toks
            .get(i + 2)
            .is_some_and(|t| t.text(text) == "/" && t.span.start == toks[i + 1].span.end);
        if tight && !slash_date {
            classes[i] = Class::Glue;
            classes[i + 1] = Class::Head;
        }
    }
}

/// "six years and eight months", "three hours and 20 minutes": an "and" between two
/// counted units, the second the smaller, joins one duration.
fn mark_compound_durations(text: &str, toks: &[Token], classes: &mut [Class]) {
    let unit = |k: usize| match lexicon().get(&lower_word(text, toks, k)).first() {
        Some(Lex::Unit(u)) => unit_size(*u),
        _ => None,
    };
    for a in 0..toks.len().saturating_sub(4) {
        // Cheap tests first: most tokens are no count before an "and".
        let shape = classes[a] == Class::Number
            && classes[a + 3] == Class::Number
            && toks[a + 2].text(text).eq_ignore_ascii_case("and");
        if shape && unit(a + 1).zip(unit(a + 4)).is_some_and(|(b, s)| s < b) {
            classes[a + 2] = Class::Glue;
        }
    }
}

/// The length of a unit in seconds, to compare units ("years" before "months").
fn unit_size(u: Unit) -> Option<u64> {
    Some(match u {
        Unit::Second => 1,
        Unit::Minute => 60,
        Unit::Hour => 3_600,
        Unit::Day => 86_400,
        Unit::Week => 604_800,
        Unit::Month => 2_629_800,
        Unit::Year => 31_557_600,
        _ => return None,
    })
}

/// "5/17/2019", "17/05/2019", "2020/7/11", "10/26/89": a date written in figures with
/// slashes, one expression (the normaliser reads the order of its parts).
fn mark_slash_dates(text: &str, toks: &[Token], classes: &mut [Class]) {
    for a in 0..toks.len().saturating_sub(4) {
        if toks[a + 1].text(text) != "/" {
            continue;
        }
        let piece = &toks[a..a + 5];
        let tight = piece.windows(2).all(|w| w[0].span.end == w[1].span.start);
        let slashes = piece[3].text(text) == "/";
        let after = toks.get(a + 5).map_or("", |t| t.text(text));
        // "1/2/2019/3" is a path or a code, not a date.
        let open_end = !(toks
            .get(a + 5)
            .is_some_and(|t| t.span.start == piece[4].span.end)
            && after == "/");
        let parts = [0, 2, 4].map(|k| piece[k].text(text));
        if tight && slashes && open_end && slash_date_parts(parts).is_some() {
            classes[a..a + 5].copy_from_slice(&[
                Class::Head,
                Class::Glue,
                Class::Head,
                Class::Glue,
                Class::Head,
            ]);
        }
    }
}

/// The year, month and day of a date written in figures, `parts` in the written order:
/// year first ("2020/7/11"), else month first as in American use ("5/17/2019") unless
/// the first part cannot be a month ("17/05/2019"). A two-digit year is of the 1900s
/// from 50 on ("10/26/89"), else of the 2000s. The normaliser picks between the two
/// readings of an ambiguous "3/4/2019" by the document date ([`crate::normalise`]).
pub(crate) fn slash_date_parts(parts: [&str; 3]) -> Option<[u32; 3]> {
    let figure = |s: &str| {
        (s.bytes().all(|b| b.is_ascii_digit()) && (1..=4).contains(&s.len()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let [a, b, c] = [figure(parts[0])?, figure(parts[1])?, figure(parts[2])?];
    let short = |s: &str| s.len() <= 2;
    let valid = |y: u32, m: u32, d: u32| {
        let real = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_some();
        ((1800..=2199).contains(&y) && real).then_some([y, m, d])
    };
    if parts[0].len() == 4 && short(parts[1]) && short(parts[2]) {
        return valid(a, b, c);
    }
    if !short(parts[0]) || !short(parts[1]) {
        return None;
    }
    let year = match parts[2].len() {
        4 => c,
        2 if c >= 50 => 1900 + c,
        2 => 2000 + c,
        _ => return None,
    };
    valid(year, a, b).or_else(|| valid(year, b, a))
}

/// "19.05.2007", "2007.05.19": a date written in figures with dots, day first unless
/// the year is.
pub(crate) fn dotted_date_parts(w: &str) -> Option<[u32; 3]> {
    // A sentence's full stop stays on the token ("on 19.05.2007.").
    let mut it = w.strip_suffix('.').unwrap_or(w).split('.');
    let parts = [it.next()?, it.next()?, it.next()?];
    if it.next().is_some() || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let [y, m, d] = if parts[0].len() == 4 {
        parts
    } else if parts[2].len() == 4 {
        [parts[2], parts[1], parts[0]]
    } else {
        return None;
    };
    // Both day and month written with two figures ("19.05.2007", not a version "2.5.2007").
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    slash_date_parts([y, m, d])
}

/// Whether `next` ("10", "2010") names the year after `year` ("2009").
fn follows_year(year: &str, next: &str) -> bool {
    let (Ok(y), Ok(n)) = (year.parse::<u32>(), next.parse::<u32>()) else {
        return false;
    };
    match next.len() {
        2 => n == (y + 1) % 100,
        4 => n == y + 1,
        _ => false,
    }
}

/// Whether token `j` opens "this/last/next" before a time word ("this year", "last
/// night", "last May").
fn starts_a_dated_period(text: &str, toks: &[Token], j: usize) -> bool {
    let rel = ["last", "next", "this"]
        .iter()
        .any(|r| toks[j].text(text).eq_ignore_ascii_case(r));
    rel && toks
        .get(j + 1)
        .is_some_and(|t| is_temporal_word(t.text(text)))
}

/// Whether token `k`, a number or ordinal, counts or ranks things ("60", "second")
/// rather than naming a day of a month ("Dec. 31"), a clock hour ("at 10") or a day
/// ("31st").
fn counts_things(text: &str, toks: &[Token], classes: &[Class], k: usize) -> bool {
    let w = toks[k].text(text);
    let before = |back: usize| k.checked_sub(back).map_or("", |p| toks[p].text(text));
    let after_month = month_of(before(1)).is_some()
        || (before(1) == "." && month_of(before(2)).is_some())
        || before(1)
            .rsplit('-')
            .next()
            .is_some_and(|m| month_of(m).is_some());
    let clock = w.contains(':') || before(1) == ":" || before(1).eq_ignore_ascii_case("at");
    match classes[k] {
        Class::Number => !after_month && !clock,
        Class::Ordinal => w.starts_with(|c: char| c.is_ascii_alphabetic()),
        _ => false,
    }
}

/// Token `k` in lower case, or nothing past the end.
fn lower_word(text: &str, toks: &[Token], k: usize) -> String {
    toks.get(k)
        .map(|t| t.text(text).to_ascii_lowercase())
        .unwrap_or_default()
}

/// "for the second month in a row", "in succession", "the third straight week", "for
/// the third month running." (with nothing after "running"): an ordinal counting a
/// streak, no time of its own.
fn counts_a_streak(text: &str, toks: &[Token], classes: &[Class], b: usize) -> bool {
    // Most expressions hold no ordinal: they are settled before any word is copied.
    if !classes.contains(&Class::Ordinal) {
        return false;
    }
    let word = |k: usize| lower_word(text, toks, k);
    let straight = classes.len() >= 2 && {
        let w = word(b - 2);
        matches!(
            w.as_str(),
            "straight" | "consecutive" | "successive" | "running"
        )
    };
    let after = (word(b), word(b + 1), word(b + 2));
    // "for the third month running." but not "in the first quarter running costs rose".
    let ends = |w: &str| !w.starts_with(|c: char| c.is_alphanumeric());
    let in_a_row = matches!(
        (after.0.as_str(), after.1.as_str(), after.2.as_str()),
        ("in", "a", "row") | ("in", "succession", _)
    ) || matches!(after.0.as_str(), "running" | "straight") && ends(&after.1);
    // "fell for a second day", "a third week of protests": an ordinal after "a" counts
    // another one, it names no day ("a 20th century democrat", "a fourth quarter loss"
    // still name their period).
    let a = b - classes.len();
    let another = classes.first() == Some(&Class::Ordinal)
        && a >= 1
        && word(a - 1) == "a"
        && matches!(
            word(b - 1).as_str(),
            "day" | "week" | "month" | "year" | "night" | "session"
        );
    straight || in_a_row || another
}

/// "on April 24 and 25", "from May 3 to 5": a second day of the month just named, which
/// TimeML tags as a date of its own. `b` is the token after the first expression. A range
/// ("to", "through", a dash) needs "from" or "between" before the month: "rose on June 3
/// to 14" is a figure, not a day.
fn coordinated_day(text: &str, toks: &[Token], b: usize) -> Option<usize> {
    const LINKS: &[&str] = &["and", "or"];
    const RANGES: &[&str] = &["to", "through", "-", "–"];
    let word = |k: usize| toks.get(k).map(|t| t.text(text));
    let is_day = |w: &str| w.len() <= 2 && w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let is_any = |k: usize, list: &[&str]| {
        word(k).is_some_and(|w| list.iter().any(|l| w.eq_ignore_ascii_case(l)))
    };
    let last = b.checked_sub(1)?;
    // The month, written out or abbreviated with a dot ("Feb. 3").
    let month_at = match last.checked_sub(1).and_then(word) {
        Some(".") => last.checked_sub(2)?,
        _ => last.checked_sub(1)?,
    };
    let month_before = word(month_at).is_some_and(|w| month_of(w).is_some());
    let opened = month_at
        .checked_sub(1)
        .is_some_and(|k| is_any(k, &["from", "between"]));
    let linked = is_any(b, LINKS) || (is_any(b, RANGES) && opened);
    let second = word(b + 1).is_some_and(is_day);
    (month_before
        && word(last).is_some_and(is_day)
        && linked
        && second
        && ends_phrase(text, toks.get(b + 2)))
    .then_some(b + 1)
}

/// ABC's "This Week", CBS's ''60 Minutes'': a capitalised phrase opening a quotation
/// that holds nothing but capitalised words, after a possessive or a word that names a
/// work ("the program", "on"), is the title of a show or work, no time. A quoted sentence
/// in title case ("Next Week Will Be Decisive," he said) is no title.
fn is_quoted_title(text: &str, sentence: Span, span: Span) -> bool {
    const QUOTES: &[char] = &['"', '“', '”', '\'', '‘', '’', '`'];
    const NAMING: &[&str] = &[
        "on",
        "program",
        "programme",
        "show",
        "series",
        "film",
        "movie",
        "book",
        "titled",
        "entitled",
        "called",
        "newspaper",
        "magazine",
        "column",
    ];
    let before = text.get(sentence.start()..span.start()).unwrap_or("");
    let Some(opened) = before.trim_end().strip_suffix(QUOTES) else {
        return false;
    };
    let opened = opened.trim_end_matches(QUOTES).trim_end();
    let word_before = opened
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    // "CBS' "60 Minutes"".
    let word_before = word_before.to_lowercase();
    let possessive = ["'s", "’s", "s'", "s’"]
        .iter()
        .any(|p| word_before.ends_with(p));
    if !possessive && !NAMING.iter().any(|w| word_before.eq_ignore_ascii_case(w)) {
        return false;
    }
    let rest = text.get(span.start()..sentence.end()).unwrap_or("");
    // The closing mark, not an apostrophe inside a word ("I'm").
    let close = rest.char_indices().find(|&(k, c)| {
        QUOTES.contains(&c)
            && !(rest[..k].ends_with(char::is_alphanumeric)
                && rest[k + c.len_utf8()..].starts_with(char::is_alphanumeric))
    });
    let Some((close, _)) = close else {
        return false;
    };
    let quoted = rest[..close].trim_end_matches([',', '.']);
    let words: Vec<&str> = quoted.split_whitespace().collect();
    !quoted.contains(',')
        && words.len() >= 2
        && span.end() - span.start() <= close
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// Whether `piece` holds a word that can head an expression (a digit, month, weekday,
/// unit, day word, ...). Most news sentences hold none; they are passed over without being
/// tokenised and classified word by word. Errs on the side of yes.
fn may_hold_timex(piece: &str) -> bool {
    let lex = lexicon();
    let bytes = piece.as_bytes();
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &bytes[start..i];
        if word[0].is_ascii_digit() {
            return true;
        }
        if word.len() > buf.len() {
            continue;
        }
        let low = &mut buf[..word.len()];
        for (d, c) in low.iter_mut().zip(word) {
            *d = c.to_ascii_lowercase();
        }
        let w = std::str::from_utf8(low).unwrap_or("");
        // "past" heads "the past"; "m" is the tail of "a.m." after "ten"; "nineteen"
        // may open a spoken year; "date" heads "a later date".
        if matches!(w, "past" | "m" | "eighteen" | "nineteen" | "date")
            || lex.get(w).iter().any(heads)
        {
            return true;
        }
    }
    false
}

/// Readings that can head an expression by themselves or with a count.
fn heads(l: &Lex) -> bool {
    matches!(
        l,
        Lex::Month(_)
            | Lex::Weekday(_)
            | Lex::Unit(_)
            | Lex::Season(_)
            | Lex::DayRel(_)
            | Lex::Ref(_)
            | Lex::DayPart(_)
            | Lex::Set(_)
            | Lex::Decade(_)
            | Lex::Holiday(..)
            | Lex::Floating(..)
            | Lex::Easter(_)
    )
}

/// Whether token `j` continues the run: adjacent in the text (only spaces between) and
/// a comma only before a date continuation.
fn joins(text: &str, toks: &[Token], classes: &[Class], j: usize) -> bool {
    let gap = text
        .get(toks[j - 1].span.end()..toks[j].span.start())
        .unwrap_or("x");
    if !gap.chars().all(|c| c == ' ') || gap.len() > 1 {
        return false;
    }
    let w = toks[j].text(text);
    let prev = toks[j - 1].text(text);
    // "now", "recently" stand alone; "to" joins only "up to"; a counted unit does not run
    // on into a day name ("four hours Friday").
    let counted_from_now = classes[j] == Class::Dir && classes[j - 1] == Class::Dir;
    if is_ref(text, &toks[j]) && !prev.eq_ignore_ascii_case("the") && !counted_from_now
        || is_ref(text, &toks[j - 1])
    {
        return false;
    }
    if w.eq_ignore_ascii_case("to")
        && !prev.eq_ignore_ascii_case("up")
        && !joins_a_range_of_counts(text, toks, classes, j)
    {
        return false;
    }
    // "said on Friday third-quarter profit fell": a period adjective after a day opens
    // the noun phrase of its own clause.
    if is_period_adjective(w) && weekday_word(prev) {
        return false;
    }
    // "at the end of a one-day meeting": the length describes the meeting, whose end
    // is no time of its own; "to end 15 years of deflation": "end" is a verb.
    let length_adjective_after_article = matches!(prev, "a" | "an")
        && w.contains('-')
        && w.starts_with(|c: char| c.is_ascii_alphanumeric());
    if length_adjective_after_article && j >= 2 && toks[j - 2].text(text).eq_ignore_ascii_case("of")
    {
        return false;
    }
    if prev.eq_ignore_ascii_case("end") && classes[j] == Class::Number && !is_year(w) {
        return false;
    }
    // "bills tomorrow under a 29-day accord": "under" and "over" open a count of their
    // own ("under a year"), they do not run on from a time.
    if classes[j] == Class::Qualifier
        && (w.eq_ignore_ascii_case("under") || w.eq_ignore_ascii_case("over"))
    {
        return false;
    }
    // "model years 2001 and 2002", "a single 2041 maturity": a year after "years" or a
    // count in words is a date of its own ("fiscal years 2010" stays one).
    let before_prev = |w: &str| j >= 2 && toks[j - 2].text(text).eq_ignore_ascii_case(w);
    let plural_unit = prev.eq_ignore_ascii_case("years") && !before_prev("fiscal");
    // "July three 1987" is a day in words, and "the first two 1987 months" counts the
    // year's months.
    let unit_after = toks
        .get(j + 1)
        .is_some_and(|t| classes[j + 1] == Class::Unit && is_unit_word(t.text(text)));
    let count_in_words = classes[j - 1] == Class::Number
        && prev.starts_with(|c: char| c.is_ascii_alphabetic())
        && !(j >= 2 && month_of(toks[j - 2].text(text)).is_some())
        && !unit_after;
    if is_year(w) && (plural_unit || count_in_words) {
        return false;
    }
    // "last quarter's 1 hour and 42 minutes": a count after a possessive starts a time
    // of its own.
    let after_possessive =
        prev.eq_ignore_ascii_case("s") && j >= 2 && matches!(toks[j - 2].text(text), "'" | "’");
    if after_possessive && classes[j] == Class::Number {
        return false;
    }
    // "in January, February and March": a list of months, each a date of its own (a
    // day or year after the comma still joins: "Monday, Jan. 5", "May 5, 2010").
    if prev == "," && month_of(w).is_some() && j >= 2 && month_of(toks[j - 2].text(text)).is_some()
    {
        return false;
    }
    // "than" joins a comparison ("more than a year"), not two times compared ("higher
    // in January than the month before").
    if w.eq_ignore_ascii_case("than") && classes[j - 1] != Class::Qualifier {
        return false;
    }
    // "the first nine months of 1997", "the last three months of the year": a count of
    // months is a duration and the year a date of its own, as TimeML tags them; "the
    // third quarter of 1990" stays one date.
    if w.eq_ignore_ascii_case("of")
        && ["days", "weeks", "months"]
            .iter()
            .any(|u| prev.eq_ignore_ascii_case(u))
        && j >= 2
        && classes[j - 2] == Class::Number
    {
        return false;
    }
    // A lone "current" (a head before an ordinary noun) stands alone: "on Monday under
    // the current truce" is two expressions.
    if classes[j] == Class::Head && w.eq_ignore_ascii_case("current") {
        return false;
    }
    if classes[j - 1] == Class::Unit && classes[j] == Class::Head && weekday_word(w) {
        return false;
    }
    // "three days later", "an hour after": TimeML tags the counted span as a duration
    // and leaves the direction out as a signal ("a year earlier" and "ago" stay in).
    if classes[j - 1] == Class::Unit && is_forward_dir(w) {
        return false;
    }
    // "5 1/2 hours before": a counted span before "before" is a duration too ("the day
    // before" stays a date); "back" counts back only from a count ("three weeks back",
    // not "his first day back").
    // "the same quarter a year before" counts a period back, a date like "a year
    // earlier".
    let counted = j >= 2 && classes[j - 2] == Class::Number;
    let period_counted_back = j >= 3 && matches!(classes[j - 3], Class::Unit | Class::Head);
    // "up from 260 mln dlrs a year before." has no event after "before": it counts back
    // from the story's time, as "a year earlier" does.
    // Not "Two days before, he left", a span that opens the sentence.
    let before_nothing = toks
        .get(j + 1)
        .is_none_or(|t| matches!(t.text(text), "." | ";" | ")") || t.text(text) == "," && j >= 3);
    if classes[j - 1] == Class::Unit
        && counted
        && w.eq_ignore_ascii_case("before")
        && !period_counted_back
        && !before_nothing
    {
        return false;
    }
    // "almost three years last month": a counted span and a date of their own.
    if classes[j - 1] == Class::Unit
        && counted
        && ["last", "next", "this"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
    {
        return false;
    }
    // "cut polling places to 60 this year", "its second this year": a count or rank of
    // things before a week, month or year of its own. A day of its month ("Dec. 31 this
    // year"), a clock ("at 10 this morning") and a day's ordinal ("the 31st this month")
    // still join.
    if starts_a_dated_period(text, toks, j) && counts_things(text, toks, classes, j - 1) {
        return false;
    }
    if w.eq_ignore_ascii_case("back") && !counted {
        return false;
    }
    // "SEP 39 DEC 63": a figure that can be no day of the month is a quote or volume
    // beside a contract month, not part of its date; "1986/87 1985/86", "04/09/87
    // 03/09/87": two periods or dates side by side head two columns.
    let beyond_a_day = |w: &str| {
        w.len() == 2
            && w.bytes().all(|b| b.is_ascii_digit())
            && w.parse::<u32>().is_ok_and(|n| n > 31)
    };
    if month_of(prev).is_some() && beyond_a_day(w) || beyond_a_day(prev) && month_of(w).is_some() {
        return false;
    }
    let digits = |k: usize| toks[k].text(text).bytes().all(|b| b.is_ascii_digit());
    let ends_a_slash = j >= 3 && toks[j - 2].text(text) == "/" && digits(j - 1) && digits(j - 3);
    if ends_a_slash && (is_year(w) || toks.get(j + 1).is_some_and(|t| t.text(text) == "/")) {
        return false;
    }
    // "in five February trading days": a count in words before a month counts what
    // follows it; a day before its month is written in digits ("5 February").
    if classes[j - 1] == Class::Number
        && prev.starts_with(|c: char| c.is_ascii_alphabetic())
        && month_of(w).is_some()
    {
        return false;
    }
    // "at 9 a.m. Three weeks back": a capitalised count after a clock time opens the
    // next sentence, which the split may miss after "a.m.".
    let clock_before = |k: usize| {
        toks.get(k).is_some_and(|t| {
            matches!(
                t.text(text).to_ascii_lowercase().as_str(),
                "a.m" | "p.m" | "a.m." | "p.m."
            )
        })
    };
    let capitalised = w.starts_with(|c: char| c.is_ascii_uppercase());
    if classes[j] == Class::Number
        && capitalised
        && (clock_before(j - 1) || prev == "." && j >= 2 && clock_before(j - 2))
    {
        return false;
    }
    // "Monday at the 47th Annual Meeting": "at" joins a clock time ("Monday at 9 a.m."),
    // not an ordinal.
    if prev.eq_ignore_ascii_case("at") && w.eq_ignore_ascii_case("the") {
        return false;
    }
    // "the Fed's August 9 minutes": a unit after a day of the month counts something else.
    let day_of_month = prev.len() <= 2 && prev.bytes().all(|b| b.is_ascii_digit());
    if classes[j] == Class::Unit
        && day_of_month
        && j >= 2
        && month_of(toks[j - 2].text(text)).is_some()
    {
        return false;
    }
    // "their third day-long meeting", "two year-long terms": the count is of the things
    // the length describes.
    let length_adjective = w
        .get(w.len().saturating_sub(5)..)
        .is_some_and(|end| end.eq_ignore_ascii_case("-long"));
    if matches!(classes[j - 1], Class::Number | Class::Ordinal) && length_adjective {
        return false;
    }
    // "the week following last month's squeeze": after a unit, "following" and
    // "preceding" are prepositions that open a phrase of their own.
    if ["following", "preceding"]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p))
        && matches!(classes[j - 1], Class::Unit | Class::Head)
        && is_unit_word(prev)
    {
        return false;
    }
    // "this year's third quarter": the possessive joins when a time word follows.
    if matches!(w, "'" | "’") {
        let s_next = toks.get(j + 1).is_some_and(|t| t.text(text) == "s");
        // "Veterans' Day": the apostrophe inside a holiday's name.
        let in_name = classes[j] == Class::Glue && classes.get(j + 1) == Some(&Class::Head);
        // "February's 12-year peak": a length after the possessive describes its noun.
        let length = toks.get(j + 2).is_some_and(|t| {
            t.text(text).contains('-') && t.text(text).starts_with(|c: char| c.is_ascii_digit())
        });
        return in_name
            || s_next && !length && classes.get(j + 2).is_some_and(|c| *c != Class::None);
    }
    if w == "s" && matches!(prev, "'" | "’") {
        return true;
    }
    if w == "," {
        let next = toks.get(j + 1).map(|t| t.text(text)).unwrap_or("");
        // "in 1994, 1995 and 1997": a list of years is one expression per year.
        // "Thursday, Jan. 6" is one date; "May of last year, January this year" two.
        let after_unit = matches!(classes[j - 1], Class::Unit | Class::Head) && is_unit_word(prev);
        return (is_year(next) && !is_year(prev)) || month_of(next).is_some() && !after_unit;
    }
    if w == "." {
        // Only the dot of an abbreviation ("Sept.", "Wed.").
        let p = prev.to_ascii_lowercase();
        return gap.is_empty()
            && p.len() <= 4
            && !matches!(p.as_str(), "may" | "june" | "july")
            && (month_of(prev).is_some() || weekday_word(prev))
            && classes[j - 1] == Class::Head;
    }
    true
}

/// Whether the "to" or "or" at `j` joins two counts of one unit: "two to three weeks",
/// "the next 12 to 18 months", "one or two days" (not "from 2 to 3 percent", nor two
/// years, "1990 to 1995", each a date of its own).
fn joins_a_range_of_counts(text: &str, toks: &[Token], classes: &[Class], j: usize) -> bool {
    let counted = |k: usize| classes.get(k) == Some(&Class::Number) && !is_year(toks[k].text(text));
    // Not "five of 156 months" (a count out of a total) nor "20 more a year".
    let link = toks.get(j).map(|t| t.text(text));
    if !link.is_some_and(|w| w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("or")) {
        return false;
    }
    if j == 0 || !counted(j - 1) || !counted(j + 1) {
        return false;
    }
    let upper_end = (j + 1..toks.len())
        .find(|&k| !counted(k))
        .unwrap_or(toks.len());
    classes.get(upper_end) == Some(&Class::Unit)
}

/// Whether `w` is a period written as an adjective: "third-quarter", "first-half",
/// "full-year".
fn is_period_adjective(w: &str) -> bool {
    w.contains('-')
        && ["-quarter", "-half", "-year"]
            .iter()
            .any(|end| ends_with_ignoring_case(w, end))
}

/// Whether `w` ends with `suffix`, letters compared without case.
fn ends_with_ignoring_case(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.get(w.len() - suffix.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(suffix))
}

/// Cuts words that cannot begin or end an expression; `None` when no head remains.
fn trim(
    text: &str,
    toks: &[Token],
    classes: &[Class],
    mut a: usize,
    mut b: usize,
) -> Option<(usize, usize)> {
    while a < b && !can_start(text, toks, classes, a, b) {
        a += 1;
    }
    while b > a && !can_end(text, toks, classes, a, b - 1) {
        b -= 1;
    }
    let run = &classes[a..b];
    let has_head = run.contains(&Class::Head)
        || day_of_month(text, toks, classes, a, b)
        || (run.contains(&Class::Unit)
            && run.iter().any(|c| {
                matches!(
                    c,
                    Class::Number | Class::Modifier | Class::Ordinal | Class::Dir
                )
            }))
        || (run.contains(&Class::Suffix)
            && run
                .iter()
                .any(|c| matches!(c, Class::Number | Class::Modifier)));
    (a < b && has_head).then_some((a, b))
}

/// "on the 23rd", "by the 5th": a day of the current or a nearby month, named by its
/// ordinal alone after a preposition of time, with no noun after it ("the 23rd floor").
fn day_of_month(text: &str, toks: &[Token], classes: &[Class], a: usize, b: usize) -> bool {
    const BEFORE: &[&str] = &[
        "on", "by", "until", "till", "since", "from", "before", "after",
    ];
    if b != a + 2 || classes[a + 1] != Class::Ordinal {
        return false;
    }
    let word = |k: usize| toks.get(k).map(|t| t.text(text));
    let ordinal = word(a + 1).unwrap_or("");
    let suffixed_digits = ordinal.starts_with(|c: char| c.is_ascii_digit());
    let preposition = a
        .checked_sub(1)
        .and_then(word)
        .is_some_and(|w| BEFORE.iter().any(|p| w.eq_ignore_ascii_case(p)));
    word(a).is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && suffixed_digits
        && preposition
        && ends_phrase(text, toks.get(b))
}

/// Whether the token after a noun phrase (if any) ends it: punctuation or a word that opens
/// a clause or a prepositional phrase, not a noun the phrase would qualify. "and", "or"
/// and "to" are left out: "the 12th and 13th centuries", "from the 3rd to the 5th floor".
fn ends_phrase(text: &str, next: Option<&Token>) -> bool {
    const OPENERS: &[&str] = &[
        "but", "when", "at", "in", "for", "with", "as", "that", "after", "before", "until", "if",
        "because", "while", "which", "on", "by",
    ];
    next.is_none_or(|t| !t.is_word || OPENERS.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)))
}

fn can_start(text: &str, toks: &[Token], classes: &[Class], i: usize, b: usize) -> bool {
    let w = toks[i].text(text).to_ascii_lowercase();
    match classes[i] {
        Class::Glue if w == "the" => {
            // "the third quarter", "a year ago"; not "the 2024 vote" or "the May talks".
            i + 1 < b
                && (matches!(
                    classes[i + 1],
                    Class::Unit | Class::Number | Class::Ordinal | Class::Modifier
                ) || is_the_head(&toks[i + 1].text(text).to_ascii_lowercase()))
                // "the 1988 period", "the 1989 second quarter": a year that heads a period.
                || (i + 2 < b
                    && is_year(toks[i + 1].text(text))
                    && matches!(classes[i + 2], Class::Unit | Class::Ordinal))
        }
        // "at least a year", "up to 180 days" (at most).
        Class::Glue => {
            let next_is =
                |k: usize, word: &str| k < b && toks[k].text(text).eq_ignore_ascii_case(word);
            // Not "up to 10 a month", a rate.
            let rate = toks
                .get(i + 3)
                .is_some_and(|t| matches!(t.text(text), "a" | "an" | "per"));
            w == "at" && next_is(i + 1, "least")
                || w == "up"
                    && next_is(i + 1, "to")
                    && classes.get(i + 2) == Some(&Class::Number)
                    && !rate
        }
        // "earlier this month", "later Sunday": the direction narrows the period.
        Class::Dir => {
            matches!(w.as_str(), "earlier" | "later")
                && i + 1 < b
                && (classes[i + 1] == Class::Modifier
                    || weekday_word(toks[i + 1].text(text))
                    || lexicon()
                        .get(&toks[i + 1].text(text).to_ascii_lowercase())
                        .iter()
                        .any(|l| matches!(l, Lex::DayRel(_))))
        }
        // "over a week", "nearly two years", but not "over the weekend", "just last month",
        // "under a June agreement"; "trading", "working" only inside ("eight trading
        // days", not "working a year").
        Class::Qualifier => {
            let article = matches!(
                toks[i + 1..].first().map(|t| t.text(text)),
                Some("a" | "an")
            );
            // "around 74 a day": a figure before a rate counts the things, not the unit.
            let rate_follows = toks
                .get(i + 2)
                .is_some_and(|t| matches!(t.text(text), "a" | "an" | "per"));
            !lexicon().get(&w).contains(&Lex::Mod("FILLER"))
                && i + 1 < b
                && (classes[i + 1] == Class::Number && !rate_follows
                    || matches!(toks[i + 1].text(text), "than" | "least")
                    || article && classes[i + 2..b].first() != Some(&Class::Head))
        }
        // "two weeks", "14 September", "eight trading days", "five more years"; not
        // "seven" before "a year ago".
        Class::Number => {
            let qualified_unit =
                i + 2 < b && classes[i + 1] == Class::Qualifier && classes[i + 2] == Class::Unit;
            // "fell 3-5/8 to 40-3/4 today", "from 1.3080/85 yesterday": the denominator of
            // a price or the end of a quote is no clock time.
            // Not "0000 GMT/8:00 p.m.".
            let numerator = |k: usize| {
                let w = toks[k].text(text);
                w.ends_with(|c: char| c.is_ascii_digit())
                    && w.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
                    && toks[k].span.end() == toks[k + 1].span.start()
            };
            let denominator = i > 1
                && toks[i - 1].text(text) == "/"
                && toks[i - 1].span.end() == toks[i].span.start()
                && numerator(i - 2)
                && classes.get(i + 1) != Some(&Class::Unit);
            !denominator
                && i + 1 < b
                && !matches!(toks[i + 1].text(text), "a" | "an" | "per")
                && (half_follows(text, toks, i) && i + 4 < b
                    || hour_in_part_of_day(text, toks, i) && i + 3 < b
                    || matches!(
                        classes[i + 1],
                        Class::Unit | Class::Head | Class::Number | Class::Suffix | Class::Modifier
                    )
                    || toks[i + 1].text(text) == ":"
                    // "2-1/2-year": the count carries its half.
                    || toks[i + 1].text(text) == "/" && classes[i + 1] == Class::Glue
                    // "two to three weeks": the lower count opens the range.
                    || joins_a_range_of_counts(text, toks, classes, i + 1)
                    || qualified_unit)
        }
        // "last week", not "following the August 1988" or "that 1978"; but "fiscal
        // 1989" names the accounting year and "late 2001" a part of it. Not "following
        // last month's squeeze" (a narrative word before "last/next" is a preposition),
        // "that this week was hard", "that centuries passed" ("that" opens a clause) or
        // "some overnight" (a vague word counts nothing there).
        Class::Modifier => {
            let Some(next) = toks[..b].get(i + 1).map(|t| t.text(text)) else {
                return false;
            };
            let narrative = matches!(
                w.as_str(),
                "following" | "preceding" | "previous" | "that" | "those" | "these"
            );
            let rel_next = matches!(lexicon().get(&lower(next)).first(), Some(Lex::Rel(_)));
            // "that early next week": a part of a period opens the expression after it.
            let part_next =
                w == "that" && matches!(lexicon().get(&lower(next)).first(), Some(Lex::Part(_)));
            // "said that five months ago": "that" before a count opens a clause.
            let count_next = w == "that" && classes[i + 1] == Class::Number;
            let plural_next = w == "that" && next.ends_with('s') || part_next || count_next;
            // "reported that Friday's outage", "worries that Monday's loss": "that" after
            // a verb of saying or thinking opens what is said.
            // Only before a day or month: "said that day", "reported that year" keep their
            // narrative "that".
            let day_or_month_next = lexicon()
                .get(&lower(next))
                .iter()
                .any(|l| matches!(l, Lex::Weekday(_) | Lex::Month(_)));
            // "told investors that second-quarter revenue would fall" likewise.
            let period_adjective_next = is_period_adjective(next);
            // The verb may have its hearer after it: "told investors that".
            let said_before = (1..=3)
                .filter_map(|back| i.checked_sub(back))
                .any(|k| says_or_thinks(&lower_word(text, toks, k)));
            let conjunction =
                w == "that" && (day_or_month_next || period_adjective_next) && said_before;
            let vague_without_count = matches!(lexicon().get(&w).first(), Some(Lex::Vague))
                && !matches!(classes[i + 1], Class::Unit | Class::Number);
            let elsewhere = narrative && rel_next
                || plural_next
                || conjunction
                || vague_without_count
                || matches!(classes[i + 1], Class::Glue | Class::Qualifier);
            if elsewhere {
                return false;
            }
            !is_year(next)
                || w == "fiscal"
                || matches!(lexicon().get(&w).first(), Some(Lex::Part(_)))
        }
        Class::Suffix => lexicon()
            .get(&w)
            .iter()
            .any(|l| matches!(l, Lex::DayPart(p) if p.starts_with('T'))),
        _ => true,
    }
}

/// Heads that keep a leading "the": "the 1990s", "the future", "the past", "the weekend".
fn is_the_head(w: &str) -> bool {
    w.ends_with('s') && w.starts_with(|c: char| c.is_ascii_digit())
        || w.starts_with("year-")
        || matches!(
            w,
            "future" | "past" | "weekend" | "quarter" | "year" | "month" | "week"
        )
        || lexicon().get(w).iter().any(|l| matches!(l, Lex::Season(_)))
        || lexicon().get(w).iter().any(|l| matches!(l, Lex::Decade(_)))
}

fn can_end(text: &str, toks: &[Token], classes: &[Class], a: usize, i: usize) -> bool {
    let w = toks[i].text(text);
    match classes[i] {
        Class::Head | Class::Unit | Class::Suffix => true,
        Class::Dir => true,
        Class::Glue => w == "." && i > a,
        // "Sept. 14", "14th": a number ends only after a month.
        Class::Number | Class::Ordinal => {
            i > a && toks[i - 1].text(text) == ":"
                || i > a
                    && (month_of(toks[i - 1].text(text)).is_some()
                        || (toks[i - 1].text(text) == "."
                            && i >= 2
                            && month_of(toks[i - 2].text(text)).is_some()))
                || (classes[i] == Class::Ordinal
                    && i > a
                    && toks[i - 1].text(text).eq_ignore_ascii_case("the"))
        }
        // "by year end", "at the month's end": a part of a period after its unit.
        // Not "beginning", mostly a verb there ("the year beginning July 1").
        Class::Modifier => {
            matches!(w.to_ascii_lowercase().as_str(), "end" | "start")
                && i > a
                && ends_unit(text, toks, classes, i - 1)
        }
        Class::Qualifier => false,
        Class::None => false,
    }
}

/// Whether the token at `i` is a unit, or the possessive ending of one ("year's").
fn ends_unit(text: &str, toks: &[Token], classes: &[Class], i: usize) -> bool {
    let unit_at = if toks[i].text(text) == "s" && i >= 2 {
        i - 2
    } else {
        i
    };
    matches!(classes[unit_at], Class::Unit | Class::Head)
        && lexicon()
            .get(&toks[unit_at].text(text).to_ascii_lowercase())
            .iter()
            .any(|l| matches!(l, Lex::Unit(_)))
}

/// "later", "after", "afterwards": directions that point forward from a counted span.
fn is_forward_dir(w: &str) -> bool {
    lexicon()
        .get(&w.to_ascii_lowercase())
        .iter()
        .any(|l| matches!(l, Lex::Dir(d) if *d > 0))
}

/// Spoken years, as broadcast transcripts write them: "nineteen ninety-six", "the year
/// two thousand". Both words become heads; the normaliser composes the year.
fn mark_spoken_years(text: &str, toks: &[Token], classes: &mut [Class]) {
    let number = |t: &Token| -> Option<i64> {
        let w = t.text(text).to_ascii_lowercase();
        let mut total = 0;
        for part in w.split('-') {
            match lexicon().get(part).first() {
                Some(Lex::Number(n)) => total += n,
                _ => return None,
            }
        }
        Some(total)
    };
    for i in 0..toks.len().saturating_sub(1) {
        if classes[i] != Class::Number || classes[i + 1] != Class::Number {
            continue;
        }
        let (Some(a), Some(b)) = (number(&toks[i]), number(&toks[i + 1])) else {
            continue;
        };
        let century = matches!(a, 18 | 19) && (10..=99).contains(&b);
        let after_year = i > 0 && toks[i - 1].text(text).eq_ignore_ascii_case("year");
        let thousand = a == 2 && b == 1000 && after_year;
        if century || thousand {
            classes[i] = Class::Head;
            classes[i + 1] = Class::Head;
        }
    }
}

/// A lower-case word that is not a time word nor a common function word.
fn is_noun_like(w: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "and", "or", "but", "with", "to", "from", "in", "on", "at", "for", "by", "since", "until",
        "as", "of", "basis",
    ];
    w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && w.chars().all(|c| c.is_ascii_alphabetic())
        && !FUNCTION.contains(&w)
        && lexicon().get(w).is_empty()
}

fn is_ref(text: &str, t: &Token) -> bool {
    let w = t.text(text).to_ascii_lowercase();
    w != "future" && lexicon().get(&w).iter().any(|l| matches!(l, Lex::Ref(_)))
}

fn weekday_word(w: &str) -> bool {
    lexicon()
        .get(&w.to_ascii_lowercase())
        .iter()
        .any(|l| matches!(l, Lex::Weekday(_)))
}

fn month_of(w: &str) -> Option<u32> {
    crate::normalise::month_number(w)
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|c| c.is_ascii_digit())
        && (1900..=2100).contains(&w.parse::<u32>().unwrap_or(0))
}

/// "in 1898", "since 1776": a year before 1900 only after a preposition of time, where
/// four digits are seldom a count; not a clock or a count of units ("until 1800 hours",
/// "in 1000 years"), nor the start of a range of figures ("from 1200 to 1500").
fn is_early_year(w: &str, prev: &str, next: &str, after_next: &str) -> bool {
    const PREPOSITIONS: &[&str] = &["in", "since", "from", "until", "till", "before", "after"];
    let early = w.len() == 4
        && w.bytes().all(|c| c.is_ascii_digit())
        && (1000..1900).contains(&w.parse::<u32>().unwrap_or(0))
        && PREPOSITIONS.iter().any(|p| prev.eq_ignore_ascii_case(p));
    if !early {
        return false;
    }
    let next_low = next.to_ascii_lowercase();
    let counted = next_low == "hours"
        || lexicon()
            .get(&next_low)
            .iter()
            .any(|l| matches!(l, Lex::Unit(_) | Lex::Zone));
    let range = matches!(next_low.as_str(), "to" | "and" | "-" | "–")
        && after_next.starts_with(|c: char| c.is_ascii_digit());
    !counted && !range
}

fn classify(text: &str, toks: &[Token], i: usize) -> Class {
    let raw = toks[i].text(text);
    let lowered = lower(raw);
    let w: &str = &lowered;
    let prev = i.checked_sub(1).map(|p| toks[p].text(text)).unwrap_or("");
    let next = toks.get(i + 1).map(|t| t.text(text)).unwrap_or("");
    let digit = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    if w == ":" && digit(prev) && digit(next) {
        return Class::Glue;
    }
    // "5 1/2 hours", "2-1/2-year": the half joins its count.
    let one = prev == "1" || prev.ends_with("-1") && digit(prev);
    if w == "/" && one && (next == "2" || next.starts_with("2-")) {
        return Class::Glue;
    }
    if matches!(w.trim_end_matches('.'), "a.m" | "p.m") || (matches!(w, "am" | "pm") && digit(prev))
    {
        return Class::Suffix;
    }
    if (w == "a" || w == "an") && counts_a_unit(next) {
        return Class::Number;
    }
    // "three years from now": counted forward from the document date.
    if matches!(w, "from" | "now") && from_now(text, toks, i) {
        return Class::Dir;
    }
    if GLUE.contains(&w) {
        return Class::Glue;
    }
    let apostrophe = |s: &str| matches!(s, "'" | "’");
    if (apostrophe(w) && next == "s") || (w == "s" && apostrophe(prev)) {
        return Class::Glue;
    }
    if !toks[i].is_word {
        return Class::None;
    }
    if w.contains('-') {
        return hyphenated(w);
    }
    if w.starts_with(|c: char| c.is_ascii_digit())
        && w.contains('.')
        && dotted_date_parts(w).is_some()
    {
        return Class::Head;
    }
    let after_next = toks.get(i + 2).map(|t| t.text(text)).unwrap_or("");
    if is_year(w) || is_early_year(w, prev, next, after_next) {
        return year_class(text, toks, i);
    }
    // "180 days", "210 years": a three-digit count needs its unit, in lower case, right
    // after it, else it is a figure ("200 troops", "$180") or a title ("127 Hours"); in
    // a row of figures ("51 180 days") it counts alone.
    let three_digits = w.len() == 3 && w.bytes().all(|c| c.is_ascii_digit());
    let counted = || {
        let after_figure = prev.starts_with(|c: char| c.is_ascii_digit());
        let money = matches!(prev, "$" | "€" | "£" | "¥");
        let lower_unit = next.starts_with(|c: char| c.is_ascii_lowercase());
        !money && !after_figure && lower_unit && counts_a_unit(next)
    };
    if three_digits && counted() {
        return Class::Number;
    }
    if let Some(c) = digits_class(w) {
        // "in her 30s" is an age; a two-digit decade needs "the" or an apostrophe.
        let short_decade = w.len() == 3 && w.ends_with('s');
        let named = matches!(prev, "'" | "’") || prev.eq_ignore_ascii_case("the");
        return if short_decade && !named {
            Class::None
        } else {
            c
        };
    }
    let Some(lex) = lexicon().get(w).first().copied() else {
        return Class::None;
    };
    // "overnight indexed swap rates", "the overnight lending rate": a loan's term.
    const LOAN_WORDS: &[&str] = &[
        "rate",
        "rates",
        "index",
        "indexed",
        "swap",
        "swaps",
        "deposit",
        "deposits",
        "loan",
        "loans",
        "lending",
        "borrowing",
        "repo",
        "repos",
        "interbank",
        "money",
        "funds",
    ];
    if w == "overnight" && LOAN_WORDS.iter().any(|l| next.eq_ignore_ascii_case(l)) {
        return Class::None;
    }
    // "in their forties": an age.
    let owner = ["their", "his", "her", "my", "our", "your"]
        .iter()
        .any(|o| prev.eq_ignore_ascii_case(o));
    if matches!(lex, Lex::Decade(_)) && owner {
        return Class::None;
    }
    match lex {
        Lex::Month(_) => month_class(text, toks, i, raw),
        Lex::Weekday(_) => weekday_class(text, toks, i, raw),
        // "Easter Island", "Christmas Island": a holiday's name inside a proper name.
        Lex::Holiday(..) | Lex::Floating(..) | Lex::Easter(_)
            if starts_a_name(text, toks, i + 1) =>
        {
            Class::None
        }
        Lex::Decade(_) | Lex::DayRel(_) | Lex::Holiday(..) | Lex::Floating(..) | Lex::Easter(_) => {
            Class::Head
        }
        Lex::Set("EVERY") if w == "per" && is_speed_per(text, toks, i) => Class::None,
        Lex::Set("EVERY") => Class::Modifier,
        // "annual", "quarterly" mostly qualify nouns ("annual meeting").
        Lex::Set(_) if matches!(w, "annual" | "annually" | "quarterly") => Class::None,
        // "Saturday mornings" recur; "three nights", "works nights" are no set of days.
        Lex::Set(s) if s.starts_with("XXXX-XX-XXT") => {
            if weekday_word(prev) {
                Class::Suffix
            } else {
                Class::None
            }
        }
        // "a daily briefing": an adjective before its noun; "Chicago Daily Herald" a title;
        // "the Handelsblatt daily" a paper.
        Lex::Set(_) if is_noun_like(next) || inside_a_title(text, toks, i) => Class::None,
        Lex::Set(_) if names_a_paper(text, toks, i) => Class::None,
        Lex::Season(_) if w == "fall" && is_a_decline(text, toks, i) => Class::None,
        Lex::Set(_) => Class::Head,
        // "in the future"; not "the future of the union", its fate, nor "the Future
        // Combat Systems program" or "the future A350-1000", a name or an adjective.
        Lex::Ref(_) if w == "future" => {
            // After "in/for/about the" it is still the time ("in the future I will").
            let time_phrase = i >= 2
                && ["in", "for", "about", "into", "to", "toward", "towards"]
                    .iter()
                    .any(|p| word_is(text, toks, i - 2, p));
            let named = !time_phrase
                && raw != "FUTURE"
                && toks.get(i + 1).is_some_and(|n| {
                    n.is_word
                        && n.text(text) != "I"
                        && n.text(text)
                            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                });
            let fate = next.eq_ignore_ascii_case("of") || named;
            if !fate && (prev.eq_ignore_ascii_case("the") || prev.eq_ignore_ascii_case("in")) {
                Class::Head
            } else {
                Class::None
            }
        }
        // "will soon begin" looks ahead from now, but "as soon as", "soon after the vote"
        // and "too soon" measure from another event or judge, and name no time.
        Lex::Ref(_) if w == "soon" => {
            const BEFORE: &[&str] = &["as", "so", "too"];
            const AFTER: &[&str] = &[
                "as",
                "after",
                "afterward",
                "afterwards",
                "thereafter",
                "before",
                "than",
            ];
            let is_any = |w: &str, list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
            let joined = is_any(prev, BEFORE) || is_any(next, AFTER);
            // "the violence soon spread": in a narrative "soon" counts from a past event;
            // it looks ahead from now only beside a modal or future word ("may soon
            // seek", "it soon will begin", "to soon grow").
            if !joined && looks_ahead(text, toks, i) {
                Class::Head
            } else {
                Class::None
            }
        }
        // "Now, the question is...": a "Now" that opens a sentence or quotation and is set
        // off by a comma is a discourse marker, not a time.
        Lex::Ref(_) if w == "now" && next == "," && (i == 0 || raw == "Now") => Class::None,
        // "Hope Now", "Apocalypse Now": a capitalised "Now" inside a name.
        Lex::Ref(_) if raw == "Now" && i > 0 && prev.starts_with(|c: char| c.is_uppercase()) => {
            Class::None
        }
        // "every now and then", "now and again": an idiom of frequency, no time.
        Lex::Ref(_)
            if w == "now"
                && next.eq_ignore_ascii_case("and")
                && toks.get(i + 2).is_some_and(|t| {
                    ["then", "again"]
                        .iter()
                        .any(|x| t.text(text).eq_ignore_ascii_case(x))
                }) =>
        {
            Class::None
        }
        Lex::Ref(_) => Class::Head,
        Lex::Unit(_)
            if names_an_award(text, toks, i)
                || interjects(text, toks, i)
                || i.checked_sub(1)
                    .is_some_and(|p| is_speed_per(text, toks, p)) =>
        {
            Class::None
        }
        Lex::Unit(_) => unit_class(text, toks, i, w),
        // "over the summer", "well into the winter": the season in view, named alone; not
        // "at the Winter Olympics", "the spring offensive", "after the fall in the yen".
        Lex::Season(_)
            if prev.eq_ignore_ascii_case("the")
                && after_preposition(text, toks, i - 1)
                && ends_phrase(text, toks.get(i + 1))
                && !(matches!(w, "fall" | "spring")
                    && ["in", "of", "from", "to", "by"]
                        .iter()
                        .any(|p| next.eq_ignore_ascii_case(p))) =>
        {
            Class::Head
        }
        Lex::Season(_) => Class::Unit,
        Lex::Number(_) => Class::Number,
        Lex::Ordinal(_) => Class::Ordinal,
        Lex::Rel(_) if w == "past" => past_class(text, toks, i),
        // "following January economic data", "following Monday's vote": a preposition,
        // not "the following January".
        Lex::Rel(_) if w == "following" && !prev.eq_ignore_ascii_case("the") => Class::None,
        // "current market conditions": TimeML reads the adjective as the present on its
        // own; before a period ("the current quarter") it modifies as "this" does.
        // "the current account deficit": the balance of payments, not the present.
        // "unable to stay current on loans": up to date with payments.
        Lex::Rel(_)
            if w == "current"
                && (matches!(lower(next).as_ref(), "account" | "accounts")
                    || matches!(
                        prev.to_ascii_lowercase().as_str(),
                        "stay"
                            | "stays"
                            | "stayed"
                            | "staying"
                            | "remain"
                            | "remains"
                            | "remained"
                            | "keep"
                            | "kept"
                            | "become"
                            | "became"
                    )) =>
        {
            Class::None
        }
        Lex::Rel(_) if w == "current" && !is_temporal_word(next) => Class::Head,
        Lex::Mod(_) => Class::Qualifier,
        Lex::Rel(_) | Lex::Part(_) | Lex::Vague => Class::Modifier,
        Lex::Dir(_) => dir_class(toks, i, w),
        // "at noon", "until midnight": a clock time named alone.
        Lex::DayPart(p) if p.starts_with('T') && after_preposition(text, toks, i) => Class::Head,
        Lex::DayPart(_) | Lex::Zone => Class::Suffix,
        Lex::Name => Class::None,
    }
}

/// Whether token `k` is a capitalised word that is no time word ("Island", "Agreement"),
/// so that the words before it belong to a proper name.
fn starts_a_name(text: &str, toks: &[Token], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        let w = t.text(text);
        t.is_word
            && w.starts_with(|c: char| c.is_uppercase())
            && lexicon().get(&w.to_lowercase()).is_empty()
    })
}

/// "The Sunday Business Post", "Chicago Daily Herald", "The Weekly Standard": a time word
/// between "The" or a capitalised name and a capitalised word that is no time word is
/// part of a title ("On Monday Secretary Clinton" is not: "On" is a preposition).
fn inside_a_title(text: &str, toks: &[Token], i: usize) -> bool {
    const OPENERS: &[&str] = &[
        "on", "in", "at", "by", "since", "until", "from", "last", "next", "this", "late", "early",
        "every", "each", "and", "or", "but", "before", "after", "for",
    ];
    let Some(prev) = i.checked_sub(1).map(|k| toks[k].text(text)) else {
        return false;
    };
    let name_before = prev.eq_ignore_ascii_case("the")
        || prev.starts_with(|c: char| c.is_uppercase())
            && !OPENERS.iter().any(|o| prev.eq_ignore_ascii_case(o));
    let name_after = toks.get(i + 1).is_some_and(|t| {
        let w = t.text(text);
        t.is_word
            && w.starts_with(|c: char| c.is_uppercase())
            && !lexicon().get(&w.to_lowercase()).iter().any(heads)
    });
    name_before && name_after
}

/// Whether a modal, "to" or a future cue stands within three words before token `i` or
/// right after it.
fn looks_ahead(text: &str, toks: &[Token], i: usize) -> bool {
    const MODALS: &[&str] = &[
        "will", "would", "shall", "may", "might", "could", "can", "should", "must", "to", "ll",
    ];
    let future = |t: &Token| {
        let w = lower(t.text(text));
        MODALS.contains(&w.as_ref()) || cues().is(&w, Cue::Future)
    };
    toks[i.saturating_sub(3)..i].iter().any(future) || toks.get(i + 1).is_some_and(future)
}

/// Whether the word before token `i` is a preposition of time ("at", "over", "until").
fn after_preposition(text: &str, toks: &[Token], i: usize) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "at",
        "by",
        "until",
        "till",
        "before",
        "after",
        "around",
        "about",
        "past",
        "from",
        "since",
        "in",
        "over",
        "during",
        "into",
        "through",
        "throughout",
    ];
    i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|t| {
        PREPOSITIONS
            .iter()
            .any(|w| t.text(text).eq_ignore_ascii_case(w))
    })
}

/// "two and a half hours", "a year and a half", "a week or so ago", "the next two years
/// or so", "4 in the morning", "the weeks ahead": words that stay inside the expression
/// only in these phrases.
fn mark_halves_and_approximations(text: &str, toks: &[Token], classes: &mut [Class]) {
    let is = |k: usize, w: &str| word_is(text, toks, k, w);
    for i in 1..toks.len() {
        // Only "and", "or" and "in" open these phrases.
        if !(2..=3).contains(&toks[i].span.len()) {
            continue;
        }
        let after = classes[i - 1];
        if is(i, "and")
            && (is(i + 1, "a") || is(i + 1, "an"))
            && is(i + 2, "half")
            && matches!(after, Class::Unit | Class::Number)
        {
            classes[i] = Class::Glue;
            classes[i + 1] = Class::Glue;
            classes[i + 2] = Class::Unit;
        } else if is(i, "or") && is(i + 1, "so") && after == Class::Unit {
            classes[i] = Class::Glue;
            classes[i + 1] = Class::Suffix;
        } else if is(i, "or") && joins_a_range_of_counts(text, toks, classes, i)
            || hour_in_part_of_day(text, toks, i - 1)
        {
            // "one or two days" joins as "4 in the morning" does.
            classes[i] = Class::Glue;
        }
    }
    // "half a year", "half an hour", "half a century ago": half the unit after it.
    for i in 0..toks.len().saturating_sub(2) {
        if !is(i, "half") {
            continue;
        }
        let article = is(i + 1, "a") || is(i + 1, "an");
        let unit = lexicon()
            .get(&lower_word(text, toks, i + 2))
            .first()
            .is_some_and(|l| matches!(l, Lex::Unit(u) if unit_size(*u).is_some() || matches!(u, Unit::Decade | Unit::Century)));
        if article && unit && classes[i + 2] == Class::Unit {
            classes[i] = Class::Modifier;
            classes[i + 1] = Class::Number;
        }
    }
    // "in the weeks ahead", "the days ahead": the coming stretch of those units (not "the
    // days ahead of the vote", which counts back from the vote).
    for i in 2..toks.len() {
        if classes[i - 1] != Class::Unit || !is(i, "ahead") {
            continue;
        }
        let plural_unit = toks[i - 1].text(text).ends_with('s');
        if plural_unit && is(i - 2, "the") && !is(i + 1, "of") {
            classes[i] = Class::Dir;
        }
    }
}

/// "4 in the morning", "8 in the evening": an hour told by the part of the day.
fn hour_in_part_of_day(text: &str, toks: &[Token], i: usize) -> bool {
    let is = |k: usize, w: &str| word_is(text, toks, k, w);
    let hour = || {
        toks[i]
            .text(text)
            .parse::<u32>()
            .is_ok_and(|h| (1..=12).contains(&h))
    };
    // "leave at 4 in the morning", not "arrested 12 in the night raid".
    let told = || {
        i.checked_sub(1).is_some_and(|p| {
            [
                "at", "by", "until", "till", "around", "about", "before", "after",
            ]
            .iter()
            .any(|w| is(p, w))
        }) || ends_phrase(text, toks.get(i + 4))
    };
    is(i + 1, "in")
        && is(i + 2, "the")
        && hour()
        && ["morning", "afternoon", "evening", "night"]
            .iter()
            .any(|p| is(i + 3, p))
        && told()
}

/// "the first half of the $700 billion fund": half of a sum, not of a year.
fn mark_halves_of_money(text: &str, toks: &[Token], classes: &mut [Class]) {
    for i in 1..toks.len() {
        if classes[i] != Class::Unit
            || !word_is(text, toks, i, "half")
            || !word_is(text, toks, i + 1, "of")
        {
            continue;
        }
        let at = if word_is(text, toks, i + 2, "the") {
            i + 3
        } else {
            i + 2
        };
        let money = toks.get(at).is_some_and(|t| {
            let w = t.text(text);
            // A plain number ("half of the 10 million books"), not "the 20th century".
            let count = w.starts_with(|c: char| c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            w.starts_with(['$', '€', '£', '¥']) || (count && !is_year(w))
        });
        if money {
            classes[i] = Class::None;
            if matches!(classes[i - 1], Class::Ordinal | Class::Modifier) {
                classes[i - 1] = Class::None;
            }
        }
    }
}

/// "the Fed's June 22-23 minutes showed": a number in figures after a month is the
/// month's day, so a unit after it counts nothing ("November a year ago" and "may one
/// day" keep their units).
fn mark_units_after_a_day_of_month(text: &str, toks: &[Token], classes: &mut [Class]) {
    for i in 2..toks.len() {
        let after_day = classes[i] == Class::Unit
            && classes[i - 1] == Class::Number
            && toks[i - 1]
                .text(text)
                .starts_with(|c: char| c.is_ascii_digit())
            && lexicon()
                .get(&lower_word(text, toks, i - 2))
                .iter()
                .any(|l| matches!(l, Lex::Month(_)));
        if after_day {
            classes[i] = Class::None;
        }
    }
}

/// "in her mid-sixties", "in his late 30s": a decade owned by a person is an age; "in
/// the mid-20s percent", "the low 40s degrees": a figure. Neither is a time ("in their
/// forties" is settled word by word in `classify`).
fn mark_ages_and_figures(text: &str, toks: &[Token], classes: &mut [Class]) {
    const OWNERS: &[&str] = &["their", "his", "her", "my", "our", "your"];
    const FIGURES: &[&str] = &["percent", "%", "degrees", "pct", "percentage"];
    let is_any = |k: usize, list: &[&str]| {
        toks.get(k)
            .is_some_and(|t| list.iter().any(|w| t.text(text).eq_ignore_ascii_case(w)))
    };
    for i in 1..toks.len() {
        if classes[i] != Class::Head {
            continue;
        }
        let w = lower_word(text, toks, i);
        let bare = ["mid-", "early-", "late-"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
            .unwrap_or(&w);
        let two_digit =
            bare.len() == 3 && bare.ends_with("0s") && bare.as_bytes()[0].is_ascii_digit();
        let decade = two_digit
            || lexicon()
                .get(bare)
                .iter()
                .any(|l| matches!(l, Lex::Decade(_)));
        if !decade {
            continue;
        }
        let part_before = matches!(classes[i - 1], Class::Modifier)
            && ["early", "mid", "late"]
                .iter()
                .any(|p| word_is(text, toks, i - 1, p));
        let owner_at = if part_before {
            i.checked_sub(2)
        } else {
            Some(i - 1)
        };
        let age = owner_at.is_some_and(|k| is_any(k, OWNERS));
        let figure = (two_digit || bare.len() < 8) && is_any(i + 1, FIGURES);
        if age || figure {
            classes[i] = Class::None;
            if part_before {
                classes[i - 1] = Class::None;
            }
        }
    }
}

/// "told CBS's 60 Minutes that", "on 48 Hours,": a count and a capitalised unit inside
/// running text (a lower-case word before them, and a lower-case word or a comma or full
/// stop after) are the title of a show or a book, not a length of time. A headline in
/// title case ("Oil Falls in 2 Days" then the next line) has no lower-case word after.
fn mark_titles_of_counted_units(text: &str, toks: &[Token], classes: &mut [Class]) {
    let lower_case_word =
        |t: &Token| t.is_word && t.text(text).starts_with(|c: char| c.is_lowercase());
    for i in 2..toks.len() {
        let unit = toks[i].text(text);
        let capitalised = unit.starts_with(|c: char| c.is_uppercase())
            && unit.chars().skip(1).all(|c| c.is_lowercase());
        if classes[i] != Class::Unit || classes[i - 1] != Class::Number || !capitalised {
            continue;
        }
        let in_running_text = lower_case_word(&toks[i - 2])
            && toks
                .get(i + 1)
                .is_some_and(|t| lower_case_word(t) || matches!(t.text(text), "," | "."));
        // 'told "60 Minutes" on Sunday': a count in quotes is a title too.
        let quote = |t: Option<&Token>| {
            t.is_some_and(|t| matches!(t.text(text), "\"" | "\u{201c}" | "\u{201d}"))
        };
        let quoted = quote(toks.get(i - 2)) && quote(toks.get(i + 1));
        if in_running_text || quoted {
            classes[i - 1] = Class::None;
            classes[i] = Class::None;
        }
    }
}

/// "Election Day", "New Year's Day", "Good Friday": the words of a holiday's name are
/// one head, the apostrophe of a possessive inside.
fn mark_named_days(text: &str, toks: &[Token], classes: &mut [Class]) {
    let phrases = lexicon().phrases();
    for i in 0..toks.len() {
        // A holiday's name is capitalised ("20th Century Fox" opens with a digit): other
        // words are passed over at one look.
        let Some(&initial) = text.as_bytes().get(toks[i].span.start()) else {
            continue;
        };
        if !initial.is_ascii_uppercase() && !initial.is_ascii_digit() {
            continue;
        }
        let opens = |p: &&Phrase| p.words[0].as_bytes()[0] == initial.to_ascii_lowercase();
        for phrase in phrases.iter().filter(opens) {
            let Some(end) = phrase_end(text, toks, i, &phrase.words) else {
                continue;
            };
            // "the Good Friday Agreement": part of a longer name, no time at all; so is
            // a name listed as one ("China Daily").
            if phrase.lex == Lex::Name || starts_a_name(text, toks, end) {
                classes[i..end].fill(Class::None);
                break;
            }
            for k in i..end {
                let apostrophe = matches!(toks[k].text(text), "'" | "’" | "s")
                    && k > i
                    && !phrase.words.contains(&toks[k].text(text));
                classes[k] = if apostrophe { Class::Glue } else { Class::Head };
            }
            break;
        }
    }
}

/// Where a name of several words that starts at token `i` ends, if it does: words match
/// in order, a possessive's apostrophe and "s" ("year's") and a plural's apostrophe
/// ("Veterans' Day") passed over.
fn phrase_end(text: &str, toks: &[Token], i: usize, words: &[&str]) -> Option<usize> {
    let mut k = i;
    for (n, w) in words.iter().enumerate() {
        let apostrophe = toks
            .get(k)
            .is_some_and(|t| matches!(t.text(text), "'" | "’"));
        if n > 0 && apostrophe {
            k += 1;
            if word_is(text, toks, k, "s") && !w.eq_ignore_ascii_case("s") {
                k += 1;
            }
        }
        if !word_is(text, toks, k, w) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Whether token `k` exists and is `w`, ignoring case.
fn word_is(text: &str, toks: &[Token], k: usize, w: &str) -> bool {
    toks.get(k)
        .is_some_and(|t| t.text(text).eq_ignore_ascii_case(w))
}

/// Whether "and a half" follows token `i` ("two and a half hours").
fn half_follows(text: &str, toks: &[Token], i: usize) -> bool {
    let is = |k: usize, w: &str| word_is(text, toks, k, w);
    is(i + 1, "and") && is(i + 3, "half")
}

/// "the near term", "the short term", "the long term": the future seen from now, as
/// a noun phrase (the adjective "short-term" is one hyphenated word and no time);
/// "a later date", "an earlier date": an unnamed day ahead or behind.
fn mark_vague_phrases(text: &str, toks: &[Token], classes: &mut [Class]) {
    // The noun is the rarest word of a phrase: the words before it are read only then.
    for h in 2..toks.len() {
        let head = toks[h].text(text);
        if !VAGUE_PHRASES.iter().any(|p| p.2.eq_ignore_ascii_case(head)) {
            continue;
        }
        let (det, adj) = (toks[h - 2].text(text), toks[h - 1].text(text));
        let phrase = VAGUE_PHRASES.iter().any(|(dets, a, noun, _)| {
            noun.eq_ignore_ascii_case(head)
                && a.eq_ignore_ascii_case(adj)
                && dets.iter().any(|d| d.eq_ignore_ascii_case(det))
        });
        if phrase && ends_phrase(text, toks.get(h + 1)) {
            classes[h - 2] = Class::Modifier;
            classes[h - 1] = Class::Modifier;
            classes[h] = Class::Head;
        }
    }
}

/// "At the end of the day, it comes down to price": the idiom for "all things
/// considered" names no day ("at the end of the day on Friday" and "of trading" still
/// do); "a minute sliver" is a tiny one.
fn mark_idioms(text: &str, toks: &[Token], classes: &mut [Class]) {
    // "only a minute sliver of the sector": the adjective "minute" (tiny).
    const TINY_THINGS: &[&str] = &[
        "sliver",
        "amount",
        "amounts",
        "fraction",
        "portion",
        "quantity",
        "quantities",
        "percentage",
        "part",
        "share",
        "trace",
        "traces",
        "detail",
        "details",
        "particles",
    ];
    for i in 0..toks.len().saturating_sub(1) {
        let tiny = toks[i].text(text).eq_ignore_ascii_case("minute")
            && TINY_THINGS
                .iter()
                .any(|w| toks[i + 1].text(text).eq_ignore_ascii_case(w));
        if tiny {
            classes[i] = Class::None;
        }
    }
    const IDIOM: [&str; 6] = ["at", "the", "end", "of", "the", "day"];
    for i in 0..toks.len().saturating_sub(IDIOM.len() - 1) {
        let matches = IDIOM
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].text(text).eq_ignore_ascii_case(w));
        let dated = toks
            .get(i + IDIOM.len())
            .is_some_and(|t| matches!(t.text(text), "on" | "of"));
        if matches && !dated {
            classes[i..i + IDIOM.len()].fill(Class::None);
        }
    }
}

/// Whether `w` (lower case) is a verb after which "that" opens a clause: one of saying
/// (an attribution cue) or of thinking.
fn says_or_thinks(w: &str) -> bool {
    #[rustfmt::skip]
    const THINKING: &[&str] = &[
        "think", "thinks", "thought", "believe", "believes", "believed", "fear", "fears",
        "feared", "worry", "worries", "worried", "hope", "hopes", "hoped", "warned", "warns",
        "argued", "argues", "claimed", "claims", "knew", "know", "knows", "learned", "showed",
        "shows", "suggested", "suggests", "predicted", "expects", "expected", "meant", "means",
    ];
    cues().is(w, Cue::Attribution) || THINKING.contains(&w)
}

/// A word the time lexicon knows, or a number: what a modifier such as "past" or
/// "current" can qualify.
fn is_temporal_word(w: &str) -> bool {
    let n = w.to_ascii_lowercase();
    !lexicon().get(&n).is_empty() || n.starts_with(|c: char| c.is_ascii_digit())
}

/// "the past" is a head on its own; otherwise "past" modifies ("the past year").
fn past_class(text: &str, toks: &[Token], i: usize) -> Class {
    let after_the = i > 0 && toks[i - 1].text(text).eq_ignore_ascii_case("the");
    // "the past two weeks", "the past year", "the past few days"; not "in the past that
    // they", where "that" opens a clause.
    let next_temporal = toks.get(i + 1).is_some_and(|t| {
        let w = t.text(text).to_ascii_lowercase();
        w.starts_with(|c: char| c.is_ascii_digit())
            || lexicon().get(&w).iter().any(|l| {
                matches!(
                    l,
                    Lex::Number(_)
                        | Lex::Unit(_)
                        | Lex::Vague
                        | Lex::Ordinal(_)
                        | Lex::Season(_)
                        | Lex::Decade(_)
                        | Lex::Weekday(_)
                        | Lex::Month(_)
                )
            })
    });
    match (after_the, next_temporal) {
        (_, true) => Class::Modifier,
        (true, false) => Class::Head,
        _ => Class::None,
    }
}

/// Whether `w` reads first as a unit of time ("week", "years").
fn is_unit_word(w: &str) -> bool {
    matches!(lexicon().get(&lower(w)).first(), Some(Lex::Unit(_)))
}

/// Whether token `i` is the "from" or "now" of "<unit> from now".
fn from_now(text: &str, toks: &[Token], i: usize) -> bool {
    let word = |k: usize| toks.get(k).map_or("", |t| t.text(text));
    let is_unit = |k: usize| is_unit_word(word(k));
    let at =
        |k: usize| word(k).eq_ignore_ascii_case("from") && word(k + 1).eq_ignore_ascii_case("now");
    match word(i).to_ascii_lowercase().as_str() {
        "from" => at(i) && i.checked_sub(1).is_some_and(is_unit),
        "now" => i
            .checked_sub(1)
            .is_some_and(|f| at(f) && f.checked_sub(1).is_some_and(is_unit)),
        _ => false,
    }
}

/// "before", "after" and "back" end an expression only at a clause edge ("a week
/// before."), not before their object ("a week before the vote").
fn dir_class(toks: &[Token], i: usize, w: &str) -> Class {
    if matches!(w, "before" | "after" | "back") && toks.get(i + 1).is_some_and(|t| t.is_word) {
        return Class::None;
    }
    Class::Dir
}

fn hyphenated(w: &str) -> Class {
    // "three-quarters", "one-half": fractions, not periods; "a half-dozen" is a count.
    if w.ends_with("-quarters")
        || w.ends_with("-half")
        || w.ends_with("-minute")
        || w.ends_with("-dozen")
    {
        return Class::None;
    }
    // "a half-hour", "a half-century": half the unit.
    if let Some(unit) = w.strip_prefix("half-") {
        return if is_unit_word(unit) {
            Class::Head
        } else {
            Class::None
        };
    }
    // "a four-term congressman", "mid-term elections", "a six-session rally", "11th-hour
    // talks", "after-hours trading": terms of office, trading sessions and idioms, no
    // time of their own.
    if w.ends_with("-term")
        || w.ends_with("-session")
        || w.ends_with("th-hour")
        || w.starts_with("after-hours")
    {
        return Class::None;
    }
    // "two-thirds" is a fraction; "twenty-third" (tens, then a unit's ordinal) is an
    // ordinal.
    let reading = |part: Option<&str>| part.and_then(|p| lexicon().get(p).first().copied());
    if let (Some(Lex::Number(n)), Some(Lex::Ordinal(o))) =
        (reading(w.split('-').next()), reading(w.rsplit('-').next()))
    {
        let compound = n >= 20 && n % 10 == 0 && o < 10;
        return if compound {
            Class::Ordinal
        } else {
            Class::None
        };
    }
    // "day-long", "decades-long": a length named by its unit alone.
    if let Some(unit) = w.strip_suffix("-long") {
        let is_unit = matches!(lexicon().get(unit).first(), Some(Lex::Unit(_)));
        return if is_unit { Class::Head } else { Class::None };
    }
    let mut best = Class::None;
    // "post-1959", "pre-2020": the prefix leaves the year as it is.
    let w = w
        .strip_prefix("post-")
        .or_else(|| w.strip_prefix("pre-"))
        .unwrap_or(w);
    for part in w.split('-') {
        let c = if is_year(part) {
            Class::Head
        } else if let Some(c) = digits_class(part) {
            c
        } else {
            match lexicon().get(part).first() {
                Some(Lex::Unit(_) | Lex::Season(_)) => Class::Unit,
                Some(Lex::Decade(_)) => Class::Head,
                // "several-year", "a few-day": an unspecified count.
                Some(Lex::Number(_) | Lex::Vague) => Class::Number,
                Some(Lex::Ordinal(_)) => Class::Ordinal,
                Some(Lex::Part(_) | Lex::Rel(_) | Lex::Dir(_)) => Class::Modifier,
                Some(Lex::DayPart(_)) => Class::Suffix,
                Some(Lex::Month(_)) => Class::Head,
                _ => return Class::None,
            }
        };
        best = match (best, c) {
            (Class::Head, _) | (_, Class::Head) => Class::Head,
            (Class::Unit, Class::Number | Class::Modifier | Class::Ordinal)
            | (Class::Number | Class::Modifier | Class::Ordinal, Class::Unit) => Class::Head,
            (Class::None, c) => c,
            (b, _) => b,
        };
    }
    best
}

/// "a week", "an hour", "a few days": the article counts.
fn counts_a_unit(next: &str) -> bool {
    let n = next.to_ascii_lowercase();
    matches!(lexicon().get(&n).first(), Some(Lex::Unit(_) | Lex::Vague))
        && !matches!(
            n.as_str(),
            "half" | "quarter" | "period" | "term" | "session"
        )
        || matches!(n.as_str(), "couple" | "dozen")
}

/// Units need a licence: "half" and "quarter" only after an ordinal or "last/this"
/// ("the third quarter", not "about a quarter of"); "the year", "the quarter", "the
/// weekend" stand alone; bare plurals only after "for", "within" or a phrase-final "in"
/// ("for years", "within weeks", "the first time in years").
fn unit_class(text: &str, toks: &[Token], i: usize, w: &str) -> Class {
    let prev = i
        .checked_sub(1)
        .map(|p| toks[p].text(text).to_ascii_lowercase())
        .unwrap_or_default();
    let next = toks
        .get(i + 1)
        .map(|t| t.text(text).to_ascii_lowercase())
        .unwrap_or_default();
    if next == "old" || next == "olds" {
        return Class::None;
    }
    let after_year = is_year(&prev) || prev.starts_with("year-") || prev == "s";
    let licensed_by_prev = || {
        after_year
            || match lexicon().get(&prev).first() {
                Some(Lex::Ordinal(_) | Lex::Rel(_) | Lex::Vague) => true,
                Some(Lex::Number(n)) => *n >= 2,
                Some(Lex::Set(s)) => *s == "EVERY",
                None if prev.bytes().all(|c| c.is_ascii_digit()) && !prev.is_empty() => true,
                _ => {
                    prev.ends_with("th")
                        || prev.ends_with("st")
                        || prev.ends_with("nd")
                        || prev.ends_with("rd")
                }
            }
    };
    // "the September quarter": the three months to September.
    let after_month = || {
        i.checked_sub(1)
            .is_some_and(|p| month_of(toks[p].text(text)).is_some())
    };
    match w {
        "quarter" if after_month() => Class::Unit,
        "half" | "halves" | "quarter" | "quarters" if !licensed_by_prev() => {
            if prev == "the" && w == "quarter" {
                Class::Head
            } else {
                Class::None
            }
        }
        "year" | "quarter" | "weekend" | "week" | "month" if prev == "the" => Class::Head,
        // "period", "term", "session" are times only after a year or "last/latest"
        // ("the 1988 period", "the latest period", "the previous session"), not "second
        // term".
        "period" | "term" | "session" | "periods" | "terms" | "sessions" => {
            let rel = matches!(lexicon().get(&prev).first(), Some(Lex::Rel(_)));
            // "the previous session of Congress" is a sitting, no trading day, and "the
            // outcome of that session" a meeting.
            let sitting = w.starts_with("session")
                && (prev == "that"
                    || toks
                        .get(i + 1)
                        .is_some_and(|t| t.text(text).eq_ignore_ascii_case("of")));
            if (after_year || rel) && !sitting {
                Class::Unit
            } else {
                Class::None
            }
        }
        _ if w.ends_with('s') && prev == "for" => Class::Head,
        // "within weeks", "for the first time in years": an unspecified number of
        // them; "in years of war" is no time.
        _ if w.ends_with('s')
            && (prev == "within" || prev == "in" && ends_phrase(text, toks.get(i + 1))) =>
        {
            Class::Head
        }
        _ => Class::Unit,
    }
}

fn digits_class(w: &str) -> Option<Class> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n = w.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &w[n..];
    Some(match suffix {
        "" if n <= 2 => Class::Number,
        "" => Class::None,
        "s" if w.len() == 5 || w.len() == 3 => Class::Head,
        "st" | "nd" | "rd" | "th" if n <= 2 => Class::Ordinal,
        _ if suffix.starts_with(':') && w.len() <= 5 => Class::Suffix,
        _ => Class::None,
    })
}

/// A four-digit number is a year unless money, a percentage or a count of things.
fn year_class(text: &str, toks: &[Token], i: usize) -> Class {
    let prev = i.checked_sub(1).map(|p| toks[p].text(text)).unwrap_or("");
    let next = toks.get(i + 1).map(|t| t.text(text)).unwrap_or("");
    let money = matches!(prev, "$" | "€" | "£" | "¥") || prev.eq_ignore_ascii_case("no");
    // "the 2029 floods", "fiscal 2029 sales": after an article or "fiscal", a year names
    // the events or figures that follow it.
    let the = prev.eq_ignore_ascii_case("the") || prev.eq_ignore_ascii_case("fiscal");
    let counted = next == "%"
        || matches!(
            next.to_ascii_lowercase().as_str(),
            "percent" | "people" | "troops" | "soldiers" | "km" | "kilometers" | "miles" | "tons"
        )
        || (!the
            && next.len() > 3
            && next.ends_with('s')
            && next.chars().all(|c| c.is_ascii_lowercase())
            && lexicon().get(next).is_empty()
            && !is_verbish(next));
    // "July 1, 1974 rates", "July 1974 rates": the year of a date counts nothing, nor
    // does the year of a period before it.
    let word = |k: Option<usize>| k.and_then(|k| toks.get(k)).map_or("", |t| t.text(text));
    let short_number =
        |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    // "full-year 2012 earnings", "fourth-quarter 2008 loss", "fiscal year 2009 results":
    // the year of the period before it.
    let of_a_period = ["year", "quarter", "half", "mths", "months"]
        .iter()
        .any(|u| ends_with_ignoring_case(prev, u));
    let of_a_date = month_of(prev).is_some()
        || of_a_period
        || prev == ","
            && short_number(word(i.checked_sub(2)))
            && month_of(word(i.checked_sub(3))).is_some();
    if money || counted && !of_a_date {
        Class::None
    } else {
        Class::Head
    }
}

/// Words in -s after a year that are no plural noun counted by it ("2029 this", "2029 plus").
fn is_verbish(w: &str) -> bool {
    matches!(
        w,
        "was" | "has" | "is" | "as" | "its" | "this" | "plus" | "versus"
    )
}

fn month_class(text: &str, toks: &[Token], i: usize, raw: &str) -> Class {
    if !raw.starts_with(|c: char| c.is_uppercase()) {
        return Class::None;
    }
    let next = toks.get(i + 1).map(|t| t.text(text)).unwrap_or("");
    // "March 8", and in broadcast speech "March eighth", "March twenty-third".
    let next_num = next.starts_with(|c: char| c.is_ascii_digit()) || is_ordinal_word(next);
    let dotted = next == "."
        && toks
            .get(i + 1)
            .is_some_and(|t| t.span.start == toks[i].span.end);
    let lower = raw.to_ascii_lowercase();
    let full = lexicon().get(&lower).len() == 1 && raw.len() > 4
        || matches!(lower.as_str(), "june" | "july");
    if matches!(lower.as_str(), "may" | "march") {
        let prev = i
            .checked_sub(1)
            .map(|p| toks[p].text(text).to_ascii_lowercase())
            .unwrap_or_default();
        // "on 20 March": a day of the month before it, as British style writes dates.
        let day_before =
            prev.len() <= 2 && prev.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
        // "the March quarter", "the May figures": a month before a noun a month names;
        // not "the May government" or "the March on Washington".
        let dated_noun = prev == "the"
            && crate::lexicon::cues()
                .is(&next.to_ascii_lowercase(), crate::lexicon::Cue::DatedNoun);
        return if next_num
            || day_before
            || dated_noun
            || crate::lexicon::cues().is(&prev, crate::lexicon::Cue::MonthWord)
        {
            Class::Head
        } else {
            Class::None
        };
    }
    if full || dotted || next_num {
        Class::Head
    } else {
        Class::None
    }
}

/// Whether the frequency word at `i` ends the name of a paper: "the Handelsblatt daily",
/// "Il Tempo daily", "Us Weekly" (a name of two capitalised words or after "the", or the
/// word itself capitalised after a capitalised word); not "meets Obama weekly" or "talked
/// to Mr. Smith daily".
fn names_a_paper(text: &str, toks: &[Token], i: usize) -> bool {
    let capitalised = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.text(text).starts_with(|c: char| c.is_uppercase()))
    };
    let word = |k: usize| toks.get(k).map_or("", |t| t.text(text));
    // "On Saturdays": a capitalised word opening the sentence is no name.
    if i < 2 || !capitalised(i - 1) || is_temporal_word(word(i - 1)) {
        return false;
    }
    let title = matches!(
        word(i - 2),
        "Mr" | "Mrs" | "Ms" | "Dr" | "." | "Mr." | "Mrs." | "Dr."
    );
    capitalised(i)
        || word(i - 2).eq_ignore_ascii_case("the")
        || capitalised(i - 2) && !title && i >= 3
}

/// Whether the unit at `i` ends an award's title: "Player of the Year", "ENTERTAINER OF
/// THE YEAR", "Deal of the Day". A capitalised unit after "of the" and a capitalised noun
/// names a prize, not a time; "the End of the Year" in a title still counts the year.
fn names_an_award(text: &str, toks: &[Token], i: usize) -> bool {
    let word = |k: usize| toks.get(k).map_or("", |t| t.text(text));
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    // "Rest of the Year", "Busiest Time of the Year": a stretch of the period in a title.
    const STRETCHES: &[&str] = &[
        "rest",
        "remainder",
        "most",
        "time",
        "part",
        "bulk",
        "balance",
        "beginning",
        "start",
        "middle",
        "days",
        "weeks",
        "months",
    ];
    i >= 3
        && capitalised(word(i))
        && word(i - 1).eq_ignore_ascii_case("the")
        && word(i - 2).eq_ignore_ascii_case("of")
        && capitalised(word(i - 3))
        && !is_temporal_word(word(i - 3))
        && !STRETCHES
            .iter()
            .any(|s| word(i - 3).eq_ignore_ascii_case(s))
}

/// "Wait a minute", "wait a second": an interjection, no length of time ("lasted just a
/// minute" is one).
fn interjects(text: &str, toks: &[Token], i: usize) -> bool {
    let is = |k: usize, w: &str| word_is(text, toks, k, w);
    i >= 2
        && (is(i, "minute") || is(i, "second") || is(i, "sec"))
        && is(i - 1, "a")
        && is(i - 2, "wait")
}

/// Whether the "per" at `per` makes a speed with the units around it ("180 km per hour",
/// "800 feet per minute"), not a rate in time ("cubic feet per day" of gas is one): then
/// neither it nor its unit is a time.
fn is_speed_per(text: &str, toks: &[Token], per: usize) -> bool {
    let is = |k: usize, w: &str| word_is(text, toks, k, w);
    per >= 1
        && is(per, "per")
        && (is(per + 1, "hour") || is(per + 1, "minute") || is(per + 1, "second"))
        && cues().is(&lower_word(text, toks, per - 1), Cue::Measure)
}

/// Whether "fall" at `i` is a drop, not autumn: "the first fall since February", "a
/// sharp fall", "the fall in prices", "the fall of the wall" (not "the fall of 2008").
fn is_a_decline(text: &str, toks: &[Token], i: usize) -> bool {
    const BEFORE: &[&str] = &[
        "a", "first", "second", "third", "biggest", "largest", "sharpest", "steepest", "sharp",
        "steep", "big", "further", "another", "its", "their", "any",
    ];
    let word = |k: usize| lower_word(text, toks, k);
    let prev = i.checked_sub(1).map(word).unwrap_or_default();
    let (next, after) = (word(i + 1), word(i + 2));
    let names_time = |w: &str| is_year(w) || matches!(w, "this" | "last" | "next");
    // "last fall in his home", "early fall": the season, named by its place in time.
    let placed = names_time(&prev) || matches!(prev.as_str(), "early" | "late" | "mid");
    !placed
        && (BEFORE.contains(&prev.as_str())
            || next == "since"
            || matches!(next.as_str(), "in" | "of" | "from") && !names_time(&after))
}

/// Whether `w` is an ordinal in words ("eighth", "twenty-third").
fn is_ordinal_word(w: &str) -> bool {
    let last = w.rsplit('-').next().unwrap_or(w).to_ascii_lowercase();
    w.starts_with(|c: char| c.is_alphabetic())
        && lexicon()
            .get(&last)
            .iter()
            .any(|l| matches!(l, Lex::Ordinal(_)))
}

fn weekday_class(text: &str, toks: &[Token], i: usize, raw: &str) -> Class {
    if !raw.starts_with(|c: char| c.is_uppercase()) || inside_a_title(text, toks, i) {
        return Class::None;
    }
    let dotted = toks
        .get(i + 1)
        .is_some_and(|t| t.text(text) == "." && t.span.start == toks[i].span.end);
    // "The Sun." is a newspaper, not Sunday; "the Swiss Sunday newspaper Sonntagsblick"
    // a kind of paper.
    let named = i > 0 && toks[i - 1].text(text).eq_ignore_ascii_case("the");
    const PAPERS: &[&str] = &[
        "newspaper",
        "newspapers",
        "paper",
        "papers",
        "tabloid",
        "tabloids",
        "weekly",
    ];
    let kind_of_paper = toks
        .get(i + 1)
        .is_some_and(|t| PAPERS.iter().any(|p| t.text(text).eq_ignore_ascii_case(p)));
    if kind_of_paper {
        return Class::None;
    }
    if raw.len() >= 6 || (dotted && !named) {
        Class::Head
    } else {
        Class::None
    }
}

/// "3 p.m. (local time)", "Feb. 2 local time": the qualifier joins the expression.
fn extend_local_time(text: &str, toks: &[Token], b: usize) -> Option<usize> {
    let words: Vec<&str> = toks[b..].iter().take(4).map(|t| t.text(text)).collect();
    let low: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let l: Vec<&str> = low.iter().map(String::as_str).collect();
    match l.as_slice() {
        ["(", "local", "time", ")", ..] => Some(toks[b + 3].span.end()),
        ["local", "time", ..] => Some(toks[b + 1].span.end()),
        _ => None,
    }
}
