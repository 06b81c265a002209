//! Rule-by-rule tests on sentences written for them (none comes from a corpus).

use super::*;
use sitrep_model::{DateValue, Event, Modality, Precision, PublishedDate};

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Wednesday 12 March 2031: far from any corpus date on purpose.
fn wed() -> Option<NaiveDate> {
    day(2031, 3, 12)
}

fn v(expr: &str, anchor: Option<NaiveDate>, tense: Tense) -> String {
    normalise(expr, anchor, tense).map_or("-".to_string(), |v| v.timeml)
}

/// The TimeML modifier of `expr` read in a past clause on [`wed`].
fn modifier(expr: &str) -> Option<&'static str> {
    normalise(expr, wed(), Tense::Past).and_then(|v| v.modifier)
}

fn doc(text: &str, date: Option<&str>) -> Document {
    let mut doc = Document::new("test", text);
    doc.published = date.map(|d| PublishedDate {
        date: DateValue {
            value: d.to_string(),
            precision: match d.len() {
                4 => Precision::Year,
                7 => Precision::Month,
                _ => Precision::Day,
            },
        },
        origin: "test".to_string(),
    });
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    TimeTagger::new().run(&mut doc).unwrap();
    doc
}

/// Text and value pairs as [`tagged`] returns them.
fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn tagged(text: &str, date: Option<&str>) -> Vec<(String, String)> {
    let d = doc(text, date);
    let values = timeml_values(&d);
    d.timexes
        .iter()
        .zip(values)
        .map(|(t, v)| (t.text.clone(), v.map_or("-".to_string(), |v| v.timeml)))
        .collect()
}

/// Asserts the expressions found in `text` and their values, in order.
#[track_caller]
fn assert_tags(text: &str, date: Option<&str>, expected: &[(&str, &str)]) {
    assert_eq!(tagged(text, date), pairs(expected));
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn word_list_parses() {
    assert!(lexicon::build(lexicon::WORDS).is_ok());
    assert!(lexicon::build_cues(lexicon::CUES).is_ok());
    assert!(lexicon::check().is_ok());
    let header = "# sitrep-dict 1\n# kind: t\n# columns: word kind value\n";
    let bad = lexicon::build(Box::leak(
        format!("{header}soon\tbogus\t1\n").into_boxed_str(),
    ));
    assert!(bad.err().is_some_and(|e| e.contains("time/words.tsv:4")));
    let cue_header = "# sitrep-dict 1\n# kind: t\n# columns: word role\n";
    let bad = lexicon::build_cues(&format!("{cue_header}will\tsometimes\n"));
    assert!(bad.err().is_some_and(|e| e.contains("time/cues.tsv:4")));
}

#[test]
fn absolute_dates_with_and_without_dots() {
    let a = wed();
    assert_eq!(v("Oct. 3, 2029", a, Tense::Past), "2029-10-03");
    assert_eq!(v("Oct 3, 2029", a, Tense::Past), "2029-10-03");
    assert_eq!(v("3 October 2029", a, Tense::Past), "2029-10-03");
    assert_eq!(v("October 2029", a, Tense::Past), "2029-10");
    assert_eq!(v("2029", a, Tense::Past), "2029");
    assert_eq!(v("2029-10-03", a, Tense::Past), "2029-10-03");
    assert_eq!(v("Monday, Oct. 1, 2029", a, Tense::Past), "2029-10-01");
}

#[test]
fn decades_centuries_and_parts_of_periods() {
    let a = wed();
    assert_eq!(v("the 1980s", a, Tense::Past), "198");
    assert_eq!(v("the '70s", a, Tense::Past), "197");
    assert_eq!(v("the nineties", a, Tense::Past), "199");
    assert_eq!(v("the 19th century", a, Tense::Past), "18");
    let mid = normalise("mid-2027", a, Tense::Past).unwrap();
    assert_eq!((mid.timeml.as_str(), mid.modifier), ("2027", Some("MID")));
    let early = normalise("early December", a, Tense::Past).unwrap();
    assert_eq!(
        (early.timeml.as_str(), early.modifier),
        ("2030-12", Some("START"))
    );
    assert_eq!(v("the middle of this month", a, Tense::Past), "2031-03");
    assert_eq!(v("the end of last year", a, Tense::Past), "2030");
    assert_eq!(v("the second half of 2029", a, Tense::Past), "2029-H2");
    assert_eq!(v("the first quarter of 2029", a, Tense::Past), "2029-Q1");
    assert_eq!(v("summer 2029", a, Tense::Past), "2029-SU");
}

#[test]
fn weekday_with_past_reporting_verb_is_the_latest_such_day() {
    let a = wed();
    assert_eq!(v("Monday", a, Tense::Past), "2031-03-10");
    assert_eq!(v("Wednesday", a, Tense::Past), "2031-03-12");
    assert_eq!(v("Thursday", a, Tense::Past), "2031-03-06");
    assert_eq!(v("Thursday", a, Tense::Future), "2031-03-13");
    assert_eq!(v("last Monday", a, Tense::Unknown), "2031-03-10");
    assert_eq!(v("next Monday", a, Tense::Unknown), "2031-03-17");
    assert_eq!(v("Tuesday night", a, Tense::Past), "2031-03-11TNI");
}

#[test]
fn bare_month_follows_clause_tense() {
    let a = wed();
    assert_eq!(v("November", a, Tense::Past), "2030-11");
    assert_eq!(v("November", a, Tense::Future), "2031-11");
    assert_eq!(v("February", a, Tense::Unknown), "2031-02");
    assert_eq!(v("March", a, Tense::Past), "2031-03");
    assert_eq!(v("last June", a, Tense::Past), "2030-06");
    assert_eq!(v("next June", a, Tense::Past), "2031-06");
    // The month just ended is "last month": "last February" in March is a year back.
    assert_eq!(v("last February", a, Tense::Past), "2030-02");
    assert_eq!(v("last January", a, Tense::Past), "2031-01");
    let january = day(2031, 1, 20);
    // Across the new year "last December" is mostly the one just ended.
    assert_eq!(v("last December", january, Tense::Past), "2030-12");
    assert_eq!(v("last November", january, Tense::Past), "2030-11");
    assert_eq!(v("next February", a, Tense::Future), "2032-02");
}

#[test]
fn month_and_day_without_year_follow_tense_beyond_six_weeks() {
    let a = wed();
    assert_eq!(v("Jan. 30", a, Tense::Past), "2031-01-30");
    assert_eq!(v("March 20", a, Tense::Future), "2031-03-20");
    // Ten days back stays this year's even in a future clause (reported speech, a
    // chronology); beyond six weeks the tense decides.
    assert_eq!(v("March 2", a, Tense::Future), "2031-03-02");
    assert_eq!(v("Jan. 2", a, Tense::Future), "2032-01-02");
    assert_eq!(v("March 2", a, Tense::Past), "2031-03-02");
    assert_eq!(v("April 2", a, Tense::Past), "2031-04-02");
    assert_eq!(v("March 20", a, Tense::Past), "2031-03-20");
    assert_eq!(v("Dec. 24", a, Tense::Unknown), "2030-12-24");
    assert_eq!(v("Aug. 1", a, Tense::Past), "2030-08-01");
    assert_eq!(v("Aug. 1", a, Tense::Future), "2031-08-01");
    // A future clause naming a day of the last week is reported speech, not next year.
    assert_eq!(v("March 10", a, Tense::Future), "2031-03-10");
}

#[test]
fn deadlines_with_a_part_of_the_month_look_forward() {
    let found = tagged(
        "The regulator gave the bidder until mid-November to improve its offer.",
        Some("2030-10-30"),
    );
    assert_eq!(found, pairs(&[("mid-November", "2030-11")]));
}

#[test]
fn relative_expressions() {
    let a = wed();
    assert_eq!(v("yesterday", a, Tense::Past), "2031-03-11");
    assert_eq!(v("tomorrow morning", a, Tense::Future), "2031-03-13TMO");
    assert_eq!(v("tonight", a, Tense::Future), "2031-03-12TNI");
    assert_eq!(v("last month", a, Tense::Past), "2031-02");
    assert_eq!(v("next year", a, Tense::Future), "2032");
    assert_eq!(v("this week", a, Tense::Present), "2031-W11");
    assert_eq!(v("two weeks ago", a, Tense::Past), "2031-W09");
    assert_eq!(v("three days ago", a, Tense::Past), "2031-03-09");
    assert_eq!(v("five years ago", a, Tense::Past), "2026");
    assert_eq!(v("earlier this year", a, Tense::Past), "2031");
    assert_eq!(v("the 23rd", a, Tense::Past), "2031-02-23");
    assert_eq!(v("the 9th", a, Tense::Past), "2031-03-09");
    assert_eq!(v("the 30th of last month", a, Tense::Past), "-");
    assert_eq!(
        v("the 30th of last month", day(2031, 5, 2), Tense::Past),
        "2031-04-30"
    );
    assert_eq!(v("the 14th of last month", a, Tense::Past), "2031-02-14");
    assert_eq!(v("this quarter", a, Tense::Past), "2031-Q1");
    assert_eq!(v("the third quarter", a, Tense::Past), "2030-Q3");
    assert_eq!(v("last spring", a, Tense::Past), "2030-SP");
}

#[test]
fn references_durations_and_sets() {
    let a = wed();
    assert_eq!(v("now", a, Tense::Present), "PRESENT_REF");
    assert_eq!(v("recently", a, Tense::Past), "PAST_REF");
    assert_eq!(v("the future", a, Tense::Future), "FUTURE_REF");
    assert_eq!(v("the past", a, Tense::Past), "PAST_REF");
    assert_eq!(v("two weeks", a, Tense::Past), "P2W");
    assert_eq!(v("the past three years", a, Tense::Past), "P3Y");
    assert_eq!(v("nearly forty-five minutes", a, Tense::Past), "PT45M");
    assert_eq!(v("several months", a, Tense::Past), "PXM");
    assert_eq!(v("a decade", a, Tense::Past), "P10Y");
    assert_eq!(v("six-month", a, Tense::Past), "P6M");
    assert_eq!(v("twenty-four hours", a, Tense::Past), "PT24H");
    assert_eq!(v("daily", a, Tense::Past), "P1D");
    assert_eq!(v("3 1/2 years", a, Tense::Past), "P3Y6M");
    assert_eq!(v("an hour and a half", a, Tense::Past), "PT1H30M");
    assert_eq!(v("every Friday", a, Tense::Past), "XXXX-WXX-5");
    assert_eq!(v("each year", a, Tense::Past), "P1Y");
    let d = normalise("two weeks", a, Tense::Past).unwrap();
    assert_eq!((d.kind, d.date_value()), (TimexKind::Duration, None));
}

#[test]
fn clock_times_and_local_time() {
    let a = wed();
    assert_eq!(v("9:45 p.m.", a, Tense::Past), "2031-03-12T21:45");
    assert_eq!(v("11 a.m. Monday", a, Tense::Past), "2031-03-10T11:00");
    assert_eq!(v("noon Friday", a, Tense::Future), "2031-03-14T12:00");
    let t = tagged(
        "The convoy crossed at 6 a.m. (local time) on Monday, officials said.",
        Some("2031-03-12"),
    );
    assert_eq!(t[0].0, "6 a.m. (local time)");
    // The clock takes the day named after it.
    assert_eq!(t[0].1, "2031-03-10T06:00");
}

#[test]
fn year_ago_comparison_after_a_quarter_takes_that_quarter() {
    let a = wed();
    let r = normalise_after("a year earlier", a, Tense::Past, Some("2030-Q4")).unwrap();
    assert_eq!(r.timeml, "2029-Q4");
    assert!(r.from_reference && !is_reference(&r));
    let r = normalise_after("9:15 a.m.", a, Tense::Past, Some("2031-03-10")).unwrap();
    assert_eq!(r.timeml, "2031-03-10T09:15");
    let r = normalise_after("9:15 a.m.", a, Tense::Past, Some("2030-03-10")).unwrap();
    assert_eq!(r.timeml, "2031-03-12T09:15");
    let r = normalise_after("two days later", a, Tense::Past, Some("2030-06-01")).unwrap();
    assert_eq!(r.timeml, "2030-06-03");
    assert_eq!(v("a year ago", a, Tense::Past), "2030");
    let r = normalise_after("the following year", a, Tense::Past, Some("2027-05")).unwrap();
    assert_eq!(r.timeml, "2028");
    let r = normalise_after("that day", a, Tense::Past, Some("2029-02-03")).unwrap();
    assert_eq!(r.timeml, "2029-02-03");
    assert_eq!(v("that year", a, Tense::Past), "2031");
}

#[test]
fn no_anchor_keeps_placeholders() {
    assert_eq!(v("Friday", None, Tense::Past), "XXXX-WXX-5");
    assert_eq!(v("in June", None, Tense::Past), "XXXX-06");
    assert_eq!(v("June 2029", None, Tense::Past), "2029-06");
    assert!(normalise("last month", None, Tense::Past).unwrap().relative);
    assert_eq!(v("the storm", wed(), Tense::Past), "-");
}

#[test]
fn tense_comes_from_the_clause() {
    let text = "The envoy said Friday that the ministers will meet in June.";
    let d = doc(text, Some("2031-03-12"));
    let s = d.sentences[0].span;
    let at = |w: &str| {
        let i = text.find(w).unwrap();
        Span::new(i, i + w.len())
    };
    assert_eq!(tense_at(text, s, at("Friday")), Tense::Past);
    assert_eq!(tense_at(text, s, at("June")), Tense::Future);
    let text2 = "Talks are scheduled to resume on Monday.";
    let i = text2.find("Monday").unwrap();
    let s2 = Span::new(0, text2.len());
    assert_eq!(tense_at(text2, s2, Span::new(i, i + 6)), Tense::Future);
    let tense_of = |t: &str, w: &str| {
        let i = t.find(w).unwrap();
        tense_at(t, Span::new(0, t.len()), Span::new(i, i + w.len()))
    };
    assert_eq!(
        tense_of("The bonus will be paid in October.", "October"),
        Tense::Future
    );
    assert_eq!(
        tense_of("The bonus was paid in October.", "October"),
        Tense::Past
    );
    assert_eq!(
        tense_of(
            "A still unnamed buyer agreed to take the site in July.",
            "July"
        ),
        Tense::Future
    );
    assert_eq!(
        tense_of("The buyer agreed on terms in July.", "July"),
        Tense::Past
    );
    assert_eq!(
        tense_of("Closing is expected in August.", "August"),
        Tense::Future
    );
    assert_eq!(
        tense_of("As expected, the vote passed in August.", "August"),
        Tense::Past
    );
    let text3 = "The ship was seized by May 3 under the order.";
    let i = text3.find("May").unwrap();
    assert_eq!(
        tense_at(text3, Span::new(0, text3.len()), Span::new(i, i + 5)),
        Tense::Future
    );
}

#[test]
fn tagger_finds_and_resolves_expressions() {
    assert_tags(
        "The envoy said Friday that the ministers will meet in June. \
         Shipments began in 2027 and doubled last month. \
         Sales rose 2030 units.",
        Some("2031-03-12"),
        &[
            ("Friday", "2031-03-07"),
            ("June", "2031-06"),
            ("2027", "2027"),
            ("last month", "2031-02"),
        ],
    );
}

#[test]
fn tagger_ignores_verbs_and_adjectives_that_look_temporal() {
    let got = tagged(
        "They may march on. Prices fall in a daily market. About half the fleet left. \
         As soon as it ends, nobody will sun themselves. She won a second term. \
         He told The Sun. Then he left.",
        Some("2031-03-12"),
    );
    assert_eq!(got, pairs(&[]));
}

#[test]
fn tagger_keeps_abbreviated_months_and_counted_units() {
    assert_tags(
        "The base opened on Aug. 2, 2029, after a three-year delay and more than two decades \
         of talks, and it closed two weeks ago.",
        Some("2031-03-12"),
        &[
            ("Aug. 2, 2029", "2029-08-02"),
            ("three-year", "P3Y"),
            ("more than two decades", "P20Y"),
            ("two weeks ago", "2031-W09"),
        ],
    );
}

#[test]
fn missing_date_leaves_values_unresolved_until_known() {
    let mut d = doc(
        "The minister arrived Tuesday, a year after the 2029 accord.",
        None,
    );
    let tuesday = &d.timexes[0];
    assert_eq!(tuesday.text, "Tuesday");
    assert_eq!(tuesday.value, None);
    assert!(
        tuesday.anchor.starts_with("unresolved"),
        "{}",
        tuesday.anchor
    );
    let year = d.timexes.iter().find(|t| t.text == "2029").unwrap();
    assert_eq!(year.value.as_ref().unwrap().value, "2029");
    assert!(d.diagnostics.iter().any(|x| x.contains("unresolved")));
    d.published = Some(PublishedDate {
        date: DateValue {
            value: "2031-03-12".to_string(),
            precision: Precision::Day,
        },
        origin: "later".to_string(),
    });
    resolve(&mut d);
    assert!(!d.diagnostics.iter().any(|x| x.contains("unresolved")));
    let value = d.timexes[0].value.clone().unwrap();
    assert_eq!(
        (value.value.as_str(), value.precision),
        ("2031-03-11", Precision::Day)
    );
    assert!(d.timexes[0].anchor.starts_with("relative to document date"));
}

fn event(trigger: Span) -> Event {
    Event {
        source: None,
        target: None,
        cameo: "042".into(),
        root: "04".into(),
        quad_class: 1,
        goldstein: 1.0,
        plover: "CONSULT".into(),
        object: None,
        modality: Modality::Asserted,
        claimant: None,
        date: None,
        place: None,
        sentence: 0,
        trigger,
        evidence: trigger,
        evidence_text: String::new(),
        rule: "test".into(),
        confidence: 1.0,
        denies: None,
    }
}

#[test]
fn events_take_their_own_clause_date_else_the_document_date() {
    let text = "The envoy said Friday that the two sides met in January.";
    let mut d = doc(text, Some("2031-03-12"));
    let at = |w: &str| {
        let i = text.find(w).unwrap();
        Span::new(i, i + w.len())
    };
    d.events = vec![event(at("said")), event(at("met"))];
    date_events(&mut d);
    let said = d.events[0].date.clone().unwrap();
    let met = d.events[1].date.clone().unwrap();
    assert_eq!(
        (said.date.value.as_str(), said.from.as_str()),
        ("2031-03-07", "clause")
    );
    assert_eq!(
        (met.date.value.as_str(), met.from.as_str()),
        ("2031-01", "clause")
    );

    let text2 = "Kirby said the ships sailed, and officials later confirmed it.";
    let mut d2 = doc(text2, Some("2031-03-12"));
    let i = text2.find("sailed").unwrap();
    let e = date_event(&d2, Span::new(i, i + 6)).unwrap();
    assert_eq!(
        (e.date.value.as_str(), e.from.as_str()),
        ("2031-03-12", "document")
    );
    d2.published = None;
    assert!(date_event(&d2, Span::new(i, i + 6)).is_none());
}

#[test]
fn calendar_readings_of_timeml_values() {
    let c = |s: &str| calendar(s).map(|d| (d.value, d.precision));
    assert_eq!(c("2031-03-12"), Some(("2031-03-12".into(), Precision::Day)));
    assert_eq!(
        c("2031-03-12T09:30"),
        Some(("2031-03-12T09:30".into(), Precision::Minute))
    );
    assert_eq!(
        c("2031-03-12TNI"),
        Some(("2031-03-12".into(), Precision::Day))
    );
    assert_eq!(c("2031-W11"), Some(("2031-03".into(), Precision::Month)));
    assert_eq!(c("2031-Q2"), Some(("2031".into(), Precision::Year)));
    assert_eq!(c("203"), Some(("2030".into(), Precision::Decade)));
    assert_eq!(c("PAST_REF"), None);
    assert_eq!(c("XXXX-WXX-2"), None);
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_fit_the_text(
        t in "(Sept\\. |May |the |last |3 |2029 |Monday |ago |p\\.m\\. |é|“|-|,|\\.| |[a-z0-9]{1,4}|meets |Take |will |to |her |mid-sixties |60 |Minutes |that |said |week |month |a |second |day |ended |year |today |even |as |planned |fourth |quarter |earnings |June |22-23 |’|'s |Friday |heads |go |now |and |then ){0,25}",
        r in "[0-9Q\\-é]{0,8}",
    ) {
        let _ = normalise_after(&t, wed(), Tense::Past, Some(&r));
        let _ = calendar(&r);
        let d = doc(&t, Some("2031-03-12"));
        for x in &d.timexes {
            proptest::prop_assert!(t.is_char_boundary(x.span.start()) && t.is_char_boundary(x.span.end()));
            proptest::prop_assert_eq!(x.span.of(&t), x.text.as_str());
        }
    }
}

#[test]
fn seed_conventions_hold_in_a_may_2024_story() {
    assert_tags(
        "The ministry said Tuesday that a convoy left on Sept. 14, 2023, and that the \
         two sides have traded fuel since 2006.",
        Some("2024-05-22"),
        &[
            ("Tuesday", "2024-05-21"),
            ("Sept. 14, 2023", "2023-09-14"),
            ("2006", "2006"),
        ],
    );
}

#[test]
fn a_bare_week_leaves_its_number_open_but_keeps_the_year() {
    assert_eq!(v("the week", wed(), Tense::Past), "2031-WXX");
    assert_eq!(v("this week", wed(), Tense::Past), "2031-W11");
    let year = calendar("2031-WXX").unwrap();
    assert_eq!(
        (year.value.as_str(), year.precision),
        ("2031", Precision::Year)
    );
}

#[test]
fn a_year_ended_on_a_day_is_a_year_long_period() {
    assert_tags(
        "The mill lost money in the year ended June 30. Output grew in the year.",
        Some("2031-03-12"),
        &[
            ("the year", "P1Y"),
            ("June 30", "2030-06-30"),
            ("the year", "2031"),
        ],
    );
}

#[test]
fn offsets_count_only_the_number_before_their_direction() {
    assert_eq!(v("a few years ago", wed(), Tense::Past), "PAST_REF");
    assert_eq!(v("three years ago", wed(), Tense::Past), "2028");
    assert_eq!(v("the year-earlier nine months", wed(), Tense::Past), "P9M");
}

#[test]
fn sentences_without_time_words_are_skipped_but_clock_words_are_not() {
    let got = tagged(
        "Nobody answered the phone. The crews stopped at ten a.m. and went home.",
        Some("2031-03-12"),
    );
    assert_eq!(got, pairs(&[("ten a.m.", "2031-03-12T10:00")]));
}

#[test]
fn a_month_in_a_past_clause_is_the_latest_before_the_document_date() {
    // Wednesday 12 March 2031: even April, a month ahead, lies in the past in a past clause.
    assert_eq!(v("April", wed(), Tense::Past), "2030-04");
    assert_eq!(v("May", wed(), Tense::Past), "2030-05");
    assert_eq!(v("February", wed(), Tense::Past), "2031-02");
    assert_eq!(v("April", wed(), Tense::Future), "2031-04");
    let got = tagged(
        "The agency delivered the shells to the border in November, officials said.",
        Some("2031-10-30"),
    );
    assert_eq!(got, pairs(&[("November", "2030-11")]));
}

#[test]
fn weekday_in_a_present_clause_may_lie_just_ahead() {
    // From Wednesday 12 March 2031, Friday is two days ahead, Sunday four back.
    assert_eq!(v("Friday", wed(), Tense::Present), "2031-03-14");
    assert_eq!(v("Sunday", wed(), Tense::Present), "2031-03-09");
    assert_eq!(v("Friday", wed(), Tense::Past), "2031-03-07");
}

#[test]
fn lengths_written_as_adjectives_and_present_plurals() {
    assert_eq!(v("day-long", wed(), Tense::Past), "P1D");
    assert_eq!(v("weeks-long", wed(), Tense::Past), "PXW");
    assert_eq!(v("these days", wed(), Tense::Present), "PRESENT_REF");
}

#[test]
fn narrative_weekdays_count_from_the_day_last_named() {
    let after = |e: &str, r: Option<&str>| {
        normalise_after(e, wed(), Tense::Past, r).map_or("-".to_string(), |v| v.timeml)
    };
    // The story last named Wednesday 5 March 2031.
    assert_eq!(
        after("the previous Friday", Some("2031-03-05")),
        "2031-02-28"
    );
    assert_eq!(
        after("the following Monday", Some("2031-03-05")),
        "2031-03-10"
    );
    // Without such a day, the document date serves.
    assert_eq!(after("the previous Friday", None), "2031-03-07");
}

#[test]
fn fiscal_periods_are_tagged_whole() {
    let got = tagged(
        "Profit rose in fiscal 2030 and should rise again in the current fiscal year.",
        Some("2031-03-12"),
    );
    assert_eq!(
        got,
        pairs(&[("fiscal 2030", "2030"), ("the current fiscal year", "2031")])
    );
}

#[test]
fn floating_holidays_fall_on_their_weekday() {
    assert_eq!(v("Thanksgiving", wed(), Tense::Past), "2030-11-28");
    assert_eq!(v("Thanksgiving Day 2029", wed(), Tense::Past), "2029-11-22");
    assert_eq!(v("Thanksgiving", None, Tense::Past), "XXXX-11-XX");
}

#[test]
fn two_digit_decades_need_an_article_or_apostrophe() {
    let got = tagged(
        "A woman in her 30s recalled the '80s and the 90s.",
        Some("2031-03-12"),
    );
    assert_eq!(got, pairs(&[("80s", "198"), ("the 90s", "199")]));
}

#[test]
fn spoken_years_of_broadcast_transcripts() {
    assert_tags(
        "The plant closed in nineteen eighty-four. By the year two thousand it was a park.",
        Some("2031-03-12"),
        &[
            ("nineteen eighty-four", "1984"),
            ("the year two thousand", "2000"),
        ],
    );
    // Two counts in a row are no year.
    assert!(tagged(
        "She bought nineteen twenty-cent stamps.",
        Some("2031-03-12")
    )
    .is_empty());
}

#[test]
fn a_counted_span_before_later_is_a_duration() {
    let got = tagged(
        "Four days later, the pumps failed. A year earlier they had worked.",
        Some("2031-03-12"),
    );
    assert_eq!(got[0], ("Four days".to_string(), "P4D".to_string()));
    assert_eq!(got[1].0, "A year earlier");
}

#[test]
fn parts_of_periods_after_their_unit_and_the_full_year() {
    assert_tags(
        "The mill expects to hire 40 people by year end and more by year's end. \
         Output for the full year rose.",
        Some("2031-03-12"),
        &[
            ("year end", "2031"),
            ("year's end", "2031"),
            ("the full year", "2031"),
        ],
    );
}

#[test]
fn the_week_of_a_day_is_that_iso_week() {
    let a = wed();
    assert_eq!(v("the week of March 17", a, Tense::Future), "2031-W12");
    assert_eq!(v("the week of March 17, 2029", a, Tense::Past), "2029-W11");
}

#[test]
fn prepositions_and_possessives_steer_the_tense() {
    // Wednesday 12 March 2031.
    assert_tags(
        "Crews worked next to the dam on Monday. \
         The board postponed until Friday any vote on the levy. \
         Shares have risen since the July 20 report. \
         Ten towns had paid by Friday.",
        Some("2031-03-12"),
        &[
            ("Monday", "2031-03-10"),
            ("Friday", "2031-03-14"),
            ("July 20", "2030-07-20"),
            ("Friday", "2031-03-07"),
        ],
    );
}

#[test]
fn a_span_of_several_months_ends_the_quarter_in_view() {
    assert_tags(
        "Sales slipped in the first quarter from a year earlier. \
         Over the nine months, sales climbed from a year earlier.",
        Some("2031-05-12"),
        &[
            ("the first quarter", "2031-Q1"),
            ("a year earlier", "2030-Q1"),
            ("the nine months", "P9M"),
            ("a year earlier", "2030"),
        ],
    );
}

#[test]
fn kinds_of_days_prefixes_and_years_naming_events() {
    assert_tags(
        "Eight trading days later the index fell. The loan runs five more years. \
         Leaders of the 2029 protests and post-2020 reforms spoke.",
        Some("2031-03-12"),
        &[
            ("Eight trading days", "P8D"),
            ("five more years", "P5Y"),
            ("2029", "2029"),
            ("post-2020", "2020"),
        ],
    );
    let more = normalise("five more years", wed(), Tense::Past).unwrap();
    assert_eq!(more.modifier, None);
    assert_eq!(
        normalise("more than five years", wed(), Tense::Past)
            .unwrap()
            .modifier,
        Some("MORE_THAN")
    );
}

#[test]
fn new_readings_keep_to_their_contexts() {
    let got = tagged(
        "The fiscal year beginning in July starts soon. \
         He quit working a few years ago. \
         The draft, seen by Sunday newspapers, was read Friday.",
        Some("2031-03-12"),
    );
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert!(!texts
        .iter()
        .any(|t| t.contains("beginning") || t.contains("working")));
    // "by" before a weekday is no deadline; "until" is.
    let got = tagged(
        "The memo was praised by Monday columnists. Talks were put off until Monday.",
        Some("2031-03-12"),
    );
    assert_eq!(
        got,
        pairs(&[("Monday", "2031-03-10"), ("Monday", "2031-03-17")])
    );
}

#[test]
fn current_alone_is_the_present_and_before_a_period_is_this() {
    let found = tagged(
        "Brokers blamed current market conditions for the loss in the current quarter. \
         Talks resumed on Monday under the current truce.",
        Some("2031-03-12"),
    );
    assert_eq!(
        found,
        vec![
            ("current".to_string(), "PRESENT_REF".to_string()),
            ("the current quarter".to_string(), "2031-Q1".to_string()),
            ("Monday".to_string(), "2031-03-10".to_string()),
            ("current".to_string(), "PRESENT_REF".to_string()),
        ]
    );
}

#[test]
fn a_list_of_years_is_one_expression_per_year() {
    let found = tagged(
        "The clinic was attacked in 2026, 2027 and 2029, and again on March 4, 2030.",
        Some("2031-03-12"),
    );
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["2026", "2027", "2029", "March 4, 2030"]);
}

#[test]
fn tense_reads_through_parentheses_quotes_and_nouns() {
    let tense_of = |t: &str, w: &str| {
        let i = t.find(w).unwrap();
        tense_at(t, Span::new(0, t.len()), Span::new(i, i + w.len()))
    };
    // A parenthesis restates its host clause; a doubled quote mark closes the quotation.
    let quoted = "``The envoy will fly out at dawn (6 a.m. Friday),'' the aide said.";
    assert_eq!(tense_of(quoted, "6 a.m. Friday"), Tense::Future);
    // "plan" is a plan to do something only before "to".
    assert_eq!(
        tense_of("The council approved the plan Aug. 2.", "Aug. 2"),
        Tense::Past
    );
    assert_eq!(
        tense_of("The council plans to vote Aug. 2.", "Aug. 2"),
        Tense::Future
    );
    assert_eq!(
        tense_of("The market is to reopen on Tuesday.", "Tuesday"),
        Tense::Future
    );
    // Due to happen, seen from a past point.
    assert_eq!(
        tense_of(
            "The permit had been due to lapse Friday evening.",
            "Friday evening"
        ),
        Tense::Past
    );
    // "since" a few words before the date.
    assert_eq!(
        tense_of(
            "Police have searched for him since shortly after the Oct. 4 raid.",
            "Oct. 4"
        ),
        Tense::Past
    );
}

#[test]
fn days_counted_from_a_named_day_and_halves_in_quarters() {
    // Wednesday 12 March 2031: last Tuesday is the 11th.
    assert_eq!(
        v("the day before last Tuesday", wed(), Tense::Past),
        "2031-03-10"
    );
    assert_eq!(
        v("two days after Christmas", wed(), Tense::Past),
        "2030-12-27"
    );
    assert_eq!(
        v("the first two quarters of 2032", wed(), Tense::Future),
        "2032-H1"
    );
    assert_eq!(
        v("the last two quarters of 2032", wed(), Tense::Future),
        "2032-H2"
    );
    // "ago" counts from the document date, in the quarter in view: on 12 March 2031 the
    // latest fourth quarter is 2030's, and an older mention of it is no second step back.
    let ago = |r: &str, a| {
        normalise_after("year-ago", a, Tense::Past, Some(r))
            .unwrap()
            .timeml
    };
    assert_eq!(ago("2030-Q4", wed()), "2029-Q4");
    assert_eq!(ago("2029-Q4", wed()), "2029-Q4");
    assert_eq!(ago("2031-Q1", wed()), "2030-Q1");
    assert_eq!(ago("2030-Q3", day(2031, 11, 2)), "2030-Q3");
    let earlier = normalise_after("a year earlier", wed(), Tense::Past, Some("2030-Q4"));
    assert_eq!(earlier.map(|v| v.timeml).as_deref(), Some("2029-Q4"));
}

#[test]
fn vague_terms_and_dates_are_found_as_noun_phrases_only() {
    let got = tagged(
        "Profits may suffer in the near term. The vote was put off to a later date. \
         The short-term outlook is poor and the term of office ends.",
        Some("2031-03-12"),
    );
    let want = [
        ("the near term", "FUTURE_REF"),
        ("a later date", "FUTURE_REF"),
    ];
    assert_eq!(got, owned(&want));
}

#[test]
fn a_day_named_by_its_ordinal_alone_after_a_preposition() {
    let got = tagged(
        "The White House announced on the 9th that talks had failed. \
         Officials met on the 23rd floor. The 2nd Battalion left by the 5th Avenue gate.",
        Some("2031-03-12"),
    );
    assert_eq!(got, [("the 9th".to_string(), "2031-03-09".to_string())]);
}

#[test]
fn a_clock_time_takes_the_day_named_after_it() {
    let got = tagged(
        "The blast hit the depot at 3 a.m. (0100 GMT) on Monday. \
         Polls will close at 8 p.m. on March 20. The minister spoke at 9 a.m.",
        Some("2031-03-12"),
    );
    let want = [
        ("3 a.m.", "2031-03-10T03:00"),
        ("Monday", "2031-03-10"),
        ("8 p.m.", "2031-03-20T20:00"),
        ("March 20", "2031-03-20"),
        ("9 a.m.", "2031-03-12T09:00"),
    ];
    assert_eq!(got, owned(&want));
}

#[test]
fn review_cases_read_as_news_means_them() {
    let tense_of = |t: &str, w: &str| {
        let i = t.find(w).unwrap();
        tense_at(t, Span::new(0, t.len()), Span::new(i, i + w.len()))
    };
    // "since" as "because" gives no starting point; "is to blame" is no plan.
    assert_ne!(
        tense_of(
            "Since the deadline is Friday, negotiators will work through the weekend.",
            "Friday"
        ),
        Tense::Past
    );
    assert_ne!(
        tense_of("He is to blame for the March 3 attack.", "March 3"),
        Tense::Future
    );
    // A noun after the phrase makes it an adjective; "and", "to" lead to another ordinal.
    let none = tagged(
        "The fund pays the long term care of veterans. The church dates from the 12th and \
         13th centuries. Offices moved from the 3rd to the 5th floor.",
        Some("2031-03-12"),
    );
    assert!(none.iter().all(|(_, v)| !v.starts_with("2031")), "{none:?}");
    assert!(none.iter().all(|(t, _)| !t.contains("term")), "{none:?}");
    // A clock restated in another zone, then its day.
    let got = tagged(
        "Polls close at 8 p.m. (1900 GMT) on March 20.",
        Some("2031-03-12"),
    );
    let values: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(
        values,
        ["2031-03-20T20:00", "2031-03-20T19:00", "2031-03-20"]
    );
    // No count, no day; absurd counts are no date rather than a panic.
    assert_eq!(v("days before Christmas", wed(), Tense::Past), "PAST_REF");
    assert_eq!(
        v("a few days before Christmas", wed(), Tense::Past),
        "PAST_REF"
    );
    for absurd in [
        "100000000 days before Monday",
        "100000000 days ago",
        "9000000000000000000 weeks ago",
    ] {
        let got = v(absurd, wed(), Tense::Past);
        assert!(
            !got.starts_with(|c: char| c.is_ascii_digit()),
            "{absurd}: {got}"
        );
    }
}

#[test]
fn coordination_attribution_and_possessive_days_steer_the_tense() {
    let tense_of = |t: &str, w: &str| {
        let i = t.find(w).unwrap();
        tense_at(t, Span::new(0, t.len()), Span::new(i, i + w.len()))
    };
    // "and" between noun phrases keeps the clause; the trailing "an official said" dates
    // the saying, not the admission.
    let admit = "The league has decided to admit Oslo, Bergen and the Faroes in early May, \
                 an official said on Monday.";
    assert_eq!(tense_of(admit, "early May"), Tense::Future);
    assert_eq!(tense_of(admit, "Monday"), Tense::Past);
    // With no verb before the expression the attribution is the clause's verb.
    assert_eq!(
        tense_of(
            "On Tuesday, the minister said talks would resume.",
            "Tuesday"
        ),
        Tense::Past
    );
    // A plan already carried out looks back.
    assert_eq!(
        tense_of(
            "The strike began as previously planned Saturday night.",
            "Saturday night"
        ),
        Tense::Past
    );
    // Wednesday 12 March 2031: a possessive weekday names a known, past day, unless the
    // clause puts it ahead.
    let got = tagged(
        "The miners will appeal Friday's ruling. Crowds will rally ahead of Sunday's vote.",
        Some("2031-03-12"),
    );
    assert_eq!(
        got,
        pairs(&[("Friday", "2031-03-07"), ("Sunday", "2031-03-16")])
    );
}

#[test]
fn halves_approximations_and_hours_told_by_the_part_of_day() {
    // Wednesday 12 March 2031.
    assert_tags(
        "Ministers meet at noon. The siege lasted a year and a half. Talks ran two and \
         a half hours. The ferry sank a week or so ago. Crews worked over the summer. \
         The bank will rule in the near future. The envoy will leave at 4 in the \
         morning (4 a.m. GMT Thursday).",
        Some("2031-03-12"),
        &[
            ("noon", "2031-03-12T12:00"),
            ("a year and a half", "P1Y6M"),
            ("two and a half hours", "PT2H30M"),
            ("a week or so ago", "2031-W10"),
            ("the summer", "2030-SU"),
            ("the near future", "FUTURE_REF"),
            ("4 in the morning", "2031-03-13T04:00"),
            ("4 a.m. GMT Thursday", "2031-03-13T04:00"),
        ],
    );
    // Not a half of anything, and "soon" measured from another event.
    let none = tagged(
        "He bought bread and a half loaf. Call as soon as you land. \
         A trickle that soon became a flood.",
        Some("2031-03-12"),
    );
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(
        tagged("The board will soon vote.", Some("2031-03-12")),
        pairs(&[("soon", "FUTURE_REF")])
    );
}

#[test]
fn a_count_of_months_of_a_year_is_a_duration_and_a_year() {
    assert_tags(
        "Sales rose in the first nine months of 2030 and in the third quarter of 2030.",
        Some("2031-03-12"),
        &[
            ("the first nine months", "P9M"),
            ("2030", "2030"),
            ("the third quarter of 2030", "2030-Q3"),
        ],
    );
}

#[test]
fn quoted_titles_and_discourse_markers_are_no_times() {
    let got = tagged(
        "The minister said on ABC's \"This Week,\" that talks would go on. \
         He told CBS's ''60 Minutes'' he would stay. ``Today, I'm here to tell you,'' he said. \
         Critics have warned in the past that prices would rise.",
        Some("2031-03-12"),
    );
    assert_eq!(
        got,
        pairs(&[("Today", "2031-03-12"), ("the past", "PAST_REF")])
    );
}

#[test]
fn holidays_named_in_several_words_and_easter() {
    // Wednesday 12 March 2031; Easter Sunday 2031 is 13 April.
    assert_tags(
        "Polls open on Election Day 2030. Markets shut on Good Friday in 2031. \
         Crowds gathered on New Year's Eve 2030. The parade on Veterans' Day 2030 was cut. \
         Shops closed over Easter. The Day of Action passed quietly.",
        Some("2031-03-12"),
        &[
            ("Election Day 2030", "2030-11-05"),
            ("Good Friday", "2031-04-11"),
            ("2031", "2031"),
            ("New Year's Eve 2030", "2030-12-31"),
            ("Veterans' Day 2030", "2030-11-11"),
            // A month ahead, a past clause means the last one.
            ("Easter", "2030-04-21"),
        ],
    );
    assert_eq!(
        tagged("Shops closed over Easter.", Some("2031-09-12")),
        pairs(&[("Easter", "2031-04-13")])
    );
    assert_eq!(
        tagged("Shops will close over Easter.", Some("2031-09-12")),
        pairs(&[("Easter", "2032-03-28")])
    );
    assert_eq!(easter_days(), ["2024-03-31", "2025-04-20", "2038-04-25"]);
}

fn easter_days() -> Vec<String> {
    [2024, 2025, 2038]
        .iter()
        .map(|y| v(&format!("Easter {y}"), wed(), Tense::Past))
        .collect()
}

#[test]
fn early_years_coordinated_days_and_holiday_weeks() {
    // Wednesday 12 March 2031.
    assert_tags(
        "The fort fell in 1898. The ship carried 1500 tons. Leaders meet on April 24 \
         and 25. Ten rafts landed Sept. 3 and 4 people drowned. Crowds thinned in \
         Christmas week.",
        Some("2031-03-12"),
        &[
            ("1898", "1898"),
            ("April 24", "2031-04-24"),
            ("25", "2031-04-25"),
            ("Sept. 3", "2030-09-03"),
            ("Christmas week", "2030-W52"),
        ],
    );
}

#[test]
fn opening_and_coming_stretches_and_fiscal_years_before_nouns() {
    // Wednesday 12 March 2031.
    assert_tags(
        "Sales topped fiscal 2030 sales. Funds may sell in the weeks ahead. Prices fell \
         in the days ahead of the vote. Looting spread in the first hours of the storm.",
        Some("2031-03-12"),
        &[
            ("fiscal 2030", "2030"),
            ("the weeks ahead", "PXW"),
            ("the first hours", "PTXH"),
        ],
    );
}

#[test]
fn review_cases_of_names_seasons_and_possessives() {
    // Wednesday 12 March 2031.
    let none = tagged(
        "Tourists flock to Easter Island. The Good Friday Agreement held. Athletes met at \
         the Winter Olympics. Shares slid after the fall in the yen. Rebels planned the \
         spring offensive. Troops stay until 1800 hours. Output rose from 1200 to 1500. \
         The toll rose on June 3 to 14. Police arrested 12 in the night raid. The violence \
         soon spread. \"Next Week Will Be Decisive,\" he said.",
        Some("2031-03-12"),
    );
    // Only the real date and the quoted sentence's "Next Week" (no title) remain.
    let texts: Vec<&str> = none.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["June 3", "Next Week"], "{none:?}");
    assert_tags(
        "Voters will cast ballots in Sunday's election. Investors are awaiting Friday's \
         jobs report. The miners will appeal Friday's ruling. He was arrested on Easter \
         Monday. Leaders meet April 24 and 25, 2029. Voting is from Feb. 3 to 5. Sales in \
         the first weeks of 2030 fell. The summit will open in May as previously planned. \
         Smith was sworn in last year and his term expires in June, when he will retire.",
        Some("2031-03-12"),
        &[
            ("Sunday", "2031-03-16"),
            ("Friday", "2031-03-14"),
            ("Friday", "2031-03-07"),
            ("Easter Monday", "2030-04-22"),
            ("April 24", "2029-04-24"),
            ("25, 2029", "2029-04-25"),
            ("Feb. 3", "2031-02-03"),
            ("5", "2031-02-05"),
            ("the first weeks of 2030", "2030"),
            ("May", "2031-05"),
            ("last year", "2030"),
            ("June", "2031-06"),
        ],
    );
    // Halves counted back are dates in the next finer unit; halves of lengths add half
    // of their own unit.
    assert_eq!(v("a year and a half ago", wed(), Tense::Past), "2029-09");
    assert_eq!(v("a decade and a half", wed(), Tense::Past), "P15Y");
    assert_eq!(v("a week and a half", wed(), Tense::Past), "P10DT12H");
    assert_eq!(v("a month and a half", wed(), Tense::Past), "P1M15D");
}

#[test]
fn a_quarter_ended_on_a_day_is_named_by_its_middle_month() {
    assert_tags(
        "In the quarter ended July 31, the chain lost money. For the quarter ended Sept. 30, \
         it earned more.",
        Some("2031-10-20"),
        &[
            ("the quarter", "2031-Q2"),
            ("July 31", "2031-07-31"),
            ("the quarter", "2031-Q3"),
            ("Sept. 30", "2031-09-30"),
        ],
    );
}

#[test]
fn plural_weekdays_and_parts_of_day_recur() {
    assert_tags(
        "Ferries sail on Mondays. Flights leave on Monday and Tuesday nights. The market \
         opens on Saturday mornings. He spent three nights in jail.",
        Some("2031-03-12"),
        &[
            ("Mondays", "XXXX-WXX-1"),
            ("Monday", "XXXX-WXX-1TNI"),
            ("Tuesday nights", "XXXX-WXX-2TNI"),
            ("Saturday mornings", "XXXX-WXX-6TMO"),
        ],
    );
}

#[test]
fn spoken_ordinal_days_after_a_month() {
    // Broadcast transcripts spell days out. Thursday 5 March 1998 is far from other tests.
    assert_tags(
        "The vote is this coming Sunday, March eighth. Polls open on March twenty-third, \
         and two-thirds of voters agree.",
        Some("1998-03-05"),
        &[
            ("this coming Sunday, March eighth", "1998-03-08"),
            ("March twenty-third", "1998-03-23"),
        ],
    );
}

#[test]
fn prepositions_after_a_unit_and_articles_before_a_month_stay_outside() {
    // "following" after a unit opens a phrase of its own; "under a June agreement" is
    // no "less than" of a month; "over a decade" still counts.
    assert_tags(
        "Outflows doubled the level of the week following last month's credit squeeze. \
         The bank sold itself under a June agreement. It has grown for over a decade.",
        Some("2031-03-12"),
        &[
            ("the week", "2031-WXX"),
            ("last month", "2031-02"),
            ("June", "2030-06"),
            ("over a decade", "P10Y"),
        ],
    );
}

#[test]
fn large_counts_bounds_bare_plurals_and_lengths_as_adjectives() {
    assert_tags(
        "Reservists serve for up to 180 days. It ended 210 years of rule after some 20 hours \
         of talks. Troops will arrive within weeks. Sales grew for the first time in years. \
         In years of war, they paid $300 a head. A decades-long feud ended in their third \
         day-long meeting, after a several-year tenure.",
        Some("2031-03-12"),
        &[
            ("up to 180 days", "P180D"),
            ("210 years", "P210Y"),
            ("some 20 hours", "PT20H"),
            ("weeks", "PXW"),
            ("years", "PXY"),
            ("decades-long", "PXDE"),
            ("day-long", "P1D"),
            ("several-year", "PXY"),
        ],
    );
    assert_eq!(modifier("up to 180 days"), Some("EQUAL_OR_LESS"));
    assert_eq!(modifier("some 20 hours"), Some("APPROX"));
}

#[test]
fn a_range_of_counts_is_one_expression_read_from_its_first_count() {
    assert_tags(
        "Repairs will take two to three weeks, and the plant may reopen within the next 12 \
         to 18 months. Margins were higher two or three years ago. Output rose 2 to 3 \
         percent. He ruled from 1990 to 1995 and paid $5 to $8 a share.",
        Some("2031-03-12"),
        &[
            ("two to three weeks", "P2W"),
            ("the next 12 to 18 months", "P12M"),
            ("two or three years ago", "2029"),
            ("1990", "1990"),
            ("1995", "1995"),
        ],
    );
    // The upper count is no part of a spoken number ("twelve to eighteen" is not 1218).
    assert_eq!(v("twelve to eighteen months", wed(), Tense::Future), "P12M");
}

#[test]
fn months_of_a_named_year_and_weekdays_that_fix_the_year() {
    // Tuesday 10 March 1987: "February last year" is 1986 although February 1986 and
    // February 1987 both lie before the anchor; 28 April is a Tuesday only in 1987.
    assert_tags(
        "Sales rose in February last year, in May of last year, January this year and on \
         March 3 last year. The meeting was set for Tuesday, April 28, officials said. \
         Rates were 51 180 days ahead. Watch 127 Hours now.",
        Some("1987-03-10"),
        &[
            ("February last year", "1986-02"),
            ("May of last year", "1986-05"),
            ("January this year", "1987-01"),
            ("March 3 last year", "1986-03-03"),
            ("Tuesday, April 28", "1987-04-28"),
            ("now", "PRESENT_REF"),
        ],
    );
    // Thursday 26 October 1989: "last" counts the year even after "same".
    assert_tags(
        "In the third quarter, profit rose 5% from the same period last year. It will \
         rise in the same period next year.",
        Some("1989-10-26"),
        &[
            ("the third quarter", "1989-Q3"),
            ("the same period last year", "1988-Q3"),
            ("the same period next year", "1990-Q3"),
        ],
    );
}

#[test]
fn a_time_before_a_past_verb_of_intent_and_a_possessive_figure_look_back() {
    // Monday 1 December 2008.
    assert_tags(
        "Goldman on Thursday agreed to buy the unit. Goldman agreed to sell it on Thursday. \
         At April's sales pace it would take nine months to clear the stock. Voters will \
         cast ballots in May's election.",
        Some("2008-12-01"),
        &[
            ("Thursday", "2008-11-27"),
            ("Thursday", "2008-12-04"),
            ("April", "2008-04"),
            ("nine months", "P9M"),
            ("May", "2009-05"),
        ],
    );
}

#[test]
fn parts_of_a_bare_year_join_and_clause_openers_stay_out() {
    assert_tags(
        "Prices rose in late 2029 and early 2030. He said that this week was hard and that \
         centuries passed. Some were stranded, some overnight.",
        Some("2031-03-12"),
        &[
            ("late 2029", "2029"),
            ("early 2030", "2030"),
            ("this week", "2031-W11"),
            ("overnight", "2031-03-12TNI"),
        ],
    );
    assert_eq!(modifier("late 2029"), Some("END"));
    assert_eq!(modifier("early 2030"), Some("START"));
}

#[test]
fn quarters_and_halves_of_named_years_and_counts_from_now() {
    // Wednesday 7 January 2009: early in the year, fourth-quarter results are last
    // year's, while a fourth quarter still to come is this year's.
    assert_tags(
        "The second quarter of next year will be weak. Sales in the first half of last year \
         fell. This year's first half was weak. Fourth-quarter profit is seen lower. The \
         fourth quarter will be better. The third quarter is expected to improve. It will \
         happen three years from now.",
        Some("2009-01-07"),
        &[
            ("The second quarter of next year", "2010-Q2"),
            ("the first half of last year", "2008-H1"),
            ("This year's first half", "2009-H1"),
            ("Fourth-quarter", "2008-Q4"),
            ("The fourth quarter", "2009-Q4"),
            ("The third quarter", "2009-Q3"),
            ("three years from now", "2012"),
        ],
    );
}

#[test]
fn shopping_days_names_and_day_first_months() {
    // Wednesday 1 December 2010; Thanksgiving fell on 25 November.
    assert_tags(
        "Shoppers flocked to stores on Black Friday and Cyber Monday. The China Daily said \
         stocks fell on Black Monday, and 20th Century Fox shares grew on 20 March.",
        Some("2010-12-01"),
        &[
            ("Black Friday", "2010-11-26"),
            ("Cyber Monday", "2010-11-29"),
            ("20 March", "2010-03-20"),
        ],
    );
}

#[test]
fn figures_joined_by_a_hyphen_are_a_range_or_a_short_year_never_a_spoken_year() {
    assert_tags(
        "The meeting runs Aug. 11-13 in Paris. The file is dated JUL-16-99. The vote was on \
         May 3, 2011.",
        Some("2010-12-01"),
        &[
            ("Aug. 11-13", "2010-08-11"),
            ("JUL-16-99", "1999-07-16"),
            ("May 3, 2011", "2011-05-03"),
        ],
    );
}

#[test]
fn one_day_after_a_modal_or_opening_a_story_is_some_day() {
    assert_tags(
        "Islam will one day be the largest faith there. One day, he walked in. He had been \
         in the job one day.",
        Some("2010-12-01"),
        &[
            ("one day", "FUTURE_REF"),
            ("One day", "PAST_REF"),
            ("one day", "P1D"),
        ],
    );
}

#[test]
fn a_date_known_to_the_year_or_month_resolves_what_it_can() {
    let text = "This year prices rose; last year they fell. Last week and yesterday he left. \
                Last month was hard. In November he left. He came at 10 p.m. yesterday.";
    let got = tagged(text, Some("2015"));
    assert_eq!(
        got,
        pairs(&[
            ("This year", "2015"),
            ("last year", "2014"),
            ("Last week", "2015-WXX"),
            ("yesterday", "2015-XX-XX"),
            ("Last month", "XXXX-XX"),
            ("November", "XXXX-11"),
            ("10 p.m. yesterday", "2015-XX-XXT22:00"),
        ])
    );
    let got = tagged(text, Some("2015-06"));
    assert_eq!(
        got,
        pairs(&[
            ("This year", "2015"),
            ("last year", "2014"),
            ("Last week", "2015-WXX"),
            ("yesterday", "2015-06-XX"),
            ("Last month", "2015-05"),
            ("November", "2014-11"),
            ("10 p.m. yesterday", "2015-06-XXT22:00"),
        ])
    );
    // The calendar reading keeps the year, and the note says what the anchor was.
    let d = doc(text, Some("2015"));
    let yesterday = &d.timexes[3];
    assert_eq!(
        yesterday.value.as_ref().map(|v| v.value.as_str()),
        Some("2015")
    );
    assert!(yesterday
        .anchor
        .starts_with("relative to document date 2015 "));
}

#[test]
fn saying_and_what_was_said_are_dated_apart() {
    // Monday 9 June 2008.
    assert_tags(
        "Lehman said on Monday it expected a loss. Ralcorp said its third-quarter earnings \
         would be hurt. The company said so in a statement on Saturday. S&P said \
         in July it would revise the rating. A force majeure declared on Thursday still holds. \
         Apple, which will report results on Tuesday, was interested.",
        Some("2008-06-09"),
        &[
            ("Monday", "2008-06-09"),
            ("third-quarter", "2008-Q3"),
            ("Saturday", "2008-06-07"),
            ("July", "2007-07"),
            ("Thursday", "2008-06-05"),
            ("Tuesday", "2008-06-10"),
        ],
    );
}

#[test]
fn schedules_deadlines_and_attributive_months() {
    // Tuesday 15 December 2009.
    assert_tags(
        "Investors trimmed positions a day ahead of Wednesday's decision. Stocks fell ahead \
         of Friday's report. Data are due on Thursday. He cited an article due to be \
         published on Saturday. Sales fell due to warm weather in September. Banks will be \
         briefed as early as Friday. Bids must come by Monday, the paper said. The memo was \
         praised by Monday columnists. The rally was capped by Friday's jobs report. Growth \
         missed its October forecast. Gold for February delivery rose. Prices are well \
         below February's 12-year peak.",
        Some("2009-12-15"),
        &[
            ("a day", "P1D"),
            ("Wednesday", "2009-12-16"),
            ("Friday", "2009-12-11"),
            ("Thursday", "2009-12-17"),
            ("Saturday", "2009-12-19"),
            ("September", "2009-09"),
            ("Friday", "2009-12-18"),
            ("Monday", "2009-12-21"),
            ("Monday", "2009-12-14"),
            ("Friday", "2009-12-11"),
            ("October", "2009-10"),
            ("February", "2010-02"),
            ("February", "2009-02"),
            ("12-year", "P12Y"),
        ],
    );
}

#[test]
fn todays_youth_is_the_present_age_and_todays_meeting_the_day() {
    assert_tags(
        "The case is for today's youth what the war was for their parents. Many of today's \
         personal computers use the chip. Today's meeting was short. In today's dollars it \
         cost more.",
        Some("2000-01-07"),
        &[
            ("today", "PRESENT_REF"),
            ("today", "PRESENT_REF"),
            ("Today", "2000-01-07"),
            ("today", "PRESENT_REF"),
        ],
    );
}

#[test]
fn a_past_year_end_far_ahead_of_the_document_date_is_last_years() {
    // Saturday 10 February 1990.
    assert_tags(
        "Debt stood at $5 billion at year-end. The index has risen since the end of the \
         year. Debt will fall by year-end. He did not expect prices to fall before the end \
         of the year. It planned to make a payout at the end of the year, a source said. \
         Sales fell at the end of the month. The company met its goal by the end of the \
         month.",
        Some("1990-02-10"),
        &[
            ("year-end", "1989"),
            ("the end of the year", "1989"),
            ("year-end", "1990"),
            ("the end of the year", "1990"),
            ("the end of the year", "1990"),
            ("the end of the month", "1990-01"),
            ("the end of the month", "1990-02"),
        ],
    );
    // Near the year's end the current year is kept.
    let late = tagged("Debt stood at $5 billion at year-end.", Some("1990-11-20"));
    assert_eq!(late, pairs(&[("year-end", "1990")]));
}

#[test]
fn audit_four_hedges_rates_deadlines_and_periods_to_a_month() {
    // Thursday 21 October 2010.
    assert_tags(
        "The dollar came just ahead of Friday and Saturday meetings. Talks could be held on \
         Monday. He could not attend on Monday. Neither aide could be reached Wednesday. The plane makes around 74 a day at $51 per \
         hour. Prices rose 0.6 percent in the year to July. The four-term congressman \
         traded after-hours and made a last minute bid. Few will switch until Election \
         Day. Jobs weigh on November's elections.",
        Some("2010-10-21"),
        &[
            ("Friday", "2010-10-22"),
            ("Saturday", "2010-10-23"),
            ("Monday", "2010-10-25"),
            ("Monday", "2010-10-18"),
            ("Wednesday", "2010-10-20"),
            ("a day", "P1D"),
            ("per hour", "PT1H"),
            ("the year", "P1Y"),
            ("July", "2010-07"),
            ("Election Day", "2010-11-02"),
            ("November", "2010-11"),
        ],
    );
}

#[test]
fn a_year_earlier_than_a_month_of_its_sentence_and_split_years() {
    // Monday 12 January 2009.
    assert_tags(
        "Exports sank 12 percent in October from a year earlier. Profit rose in the \
         2009/10 financial year and in 1986/87. Orders were 733 a year earlier.",
        Some("2009-01-12"),
        &[
            ("October", "2008-10"),
            ("a year earlier", "2007-10"),
            ("2009/10", "2009"),
            ("1986/87", "1986"),
            // The month of another sentence is no longer in view.
            ("a year earlier", "2008"),
        ],
    );
}

#[test]
fn a_quarter_named_by_its_last_month() {
    // Tuesday 3 March 1987.
    assert_tags(
        "The deficit was 700 mln in the September quarter and 733 mln a year earlier. \
         December-quarter output rose. A slump began almost five years ago.",
        Some("1987-03-03"),
        &[
            ("September quarter", "1986-Q3"),
            ("a year earlier", "1985-Q3"),
            ("December-quarter", "1986-Q4"),
            ("almost five years ago", "1982"),
        ],
    );
    // "the March quarter", "the May figures"; not "the May government".
    let got = tagged(
        "Wachovia posted a loss for the March quarter. The May figures were weak. The May \
         government fell.",
        Some("1987-06-20"),
    );
    assert_eq!(
        got,
        pairs(&[("March quarter", "1987-Q1"), ("May", "1987-05")])
    );
}

#[test]
fn until_after_a_past_state_is_past_and_after_a_deferral_ahead() {
    // Wednesday 18 March 2009.
    assert_tags(
        "Geithner did not learn of the problem until March 10. Smith served as chief until \
         February. The firm delayed its meeting until May. The bank pledged to hold rates \
         until June. Lenders agreed to a rescheduling until June 30. Talks continue until \
         Friday.",
        Some("2009-03-18"),
        &[
            ("March 10", "2009-03-10"),
            ("February", "2009-02"),
            ("May", "2009-05"),
            ("June", "2009-06"),
            ("June 30", "2009-06-30"),
            ("Friday", "2009-03-20"),
        ],
    );
    // "through" a part of the year looks ahead the same way; "than projected" compares.
    let got = tagged(
        "The bill passed, extending highway programs through the end of the year. Profit \
         rose more than projected in February.",
        Some("2010-03-10"),
    );
    assert_eq!(
        got,
        pairs(&[("the end of the year", "2010"), ("February", "2010-02")])
    );
}

#[test]
fn dates_of_delivery_look_ahead() {
    // Friday 27 March 1987.
    assert_tags(
        "Egypt bought maize for delivery between September 1 and December 20. It bought \
         wheat for November 5-20 delivery. U.S. crude for April gained $1.29. Front-month \
         July crude futures fell. Deliveries in January fell 5 percent. Boeing said in \
         January its delivery schedule might slip.",
        Some("1987-03-27"),
        &[
            ("September 1", "1987-09-01"),
            ("December 20", "1987-12-20"),
            ("November 5-20", "1987-11-05"),
            ("April", "1987-04"),
            ("July", "1987-07"),
            ("January", "1987-01"),
            ("January", "1987-01"),
        ],
    );
}

#[test]
fn compared_times_coordinated_months_and_bylines() {
    // Wednesday 2 June 2010.
    assert_tags(
        "More homes were sold in January than the month before. It filed papers in August \
         and November 2004. Posted May 18, 2010 - 1:50 pm.",
        Some("2010-06-02"),
        &[
            ("January", "2010-01"),
            ("the month before", "2009-12"),
            ("August", "2004-08"),
            ("November 2004", "2004-11"),
            ("May 18, 2010", "2010-05-18"),
            ("1:50 pm", "2010-05-18T13:50"),
        ],
    );
    // Friday 29 October 2010.
    assert_tags(
        "Net fell from the same quarter a year before. Rates rose for the first time in \
         almost three years last month.",
        Some("2010-10-29"),
        &[
            ("the same quarter a year before", "2009-Q3"),
            ("almost three years", "P3Y"),
            ("last month", "2010-09"),
        ],
    );
}

#[test]
fn periods_counted_from_the_period_in_view() {
    // Monday 30 March 1987.
    assert_tags(
        "Sales in February rose 5 pct from the same month last year. Profit rose in the \
         fourth quarter. It fell in the previous quarter. Claims fell last week. They rose \
         the week before, and were unchanged from the previous week. 1986 net profit was \
         141 mln, up from 101 mln the year before. Output fell last year, down from a year \
         earlier.",
        Some("1987-03-30"),
        &[
            ("February", "1987-02"),
            ("the same month last year", "1986-02"),
            ("the fourth quarter", "1986-Q4"),
            ("the previous quarter", "1986-Q3"),
            ("last week", "1987-W13"),
            ("the week before", "1987-W12"),
            ("the previous week", "1987-W12"),
            ("1986", "1986"),
            ("the year before", "1985"),
            ("last year", "1986"),
            ("a year earlier", "1985"),
        ],
    );
}

#[test]
fn falls_papers_streaks_and_clauses_opened_by_that_are_no_times() {
    // Thursday 10 April 2008.
    assert_tags(
        "It was the first fall since February. He shot him last fall in his home. He told \
         the Handelsblatt daily on Friday. On Saturdays, the streets fill. Prices rose for the \
         third month in a row. He said that five months ago it fell. He expects those next \
         year. Sales for the quarter ended Aug. 4, 2007 rose.",
        Some("2008-04-10"),
        &[
            ("February", "2008-02"),
            ("last fall", "2007-FA"),
            ("Friday", "2008-04-04"),
            ("Saturdays", "XXXX-WXX-6"),
            ("five months ago", "2007-11"),
            ("next year", "2009"),
            ("the quarter", "2007-Q2"),
            ("Aug. 4, 2007", "2007-08-04"),
        ],
    );
}

#[test]
fn the_present_speaks_of_the_quarter_just_ended_under_way_or_next() {
    // Tuesday 30 January 2007.
    assert_tags(
        "Insurers have been reporting good earnings in the fourth quarter. Xi is all but \
         certain to take the reins in the fourth quarter. The company will report \
         fourth-quarter results on Friday.",
        Some("2007-01-30"),
        &[
            ("the fourth quarter", "2006-Q4"),
            ("the fourth quarter", "2007-Q4"),
            ("fourth-quarter", "2006-Q4"),
            ("Friday", "2007-02-02"),
        ],
    );
    // Sunday 2 December 2007.
    let got = tagged("The first quarter is balanced for oil.", Some("2007-12-02"));
    assert_eq!(got, pairs(&[("The first quarter", "2008-Q1")]));
}

#[test]
fn review_cases_of_the_audit_rules() {
    // Thursday 21 October 2010.
    assert_tags(
        "At today's meeting, people said so. After today's game players celebrated. He meets \
         Obama weekly. In the first quarter running costs rose. Debt has risen since \
         year-end. The company expects a loss for the quarter ending Dec. 31. Sales fell \
         from November to February 2005. He said he worked there until September. He was \
         ordered held until Thursday. It has received a waiver until May 26. The crash \
         could be linked to Monday's storm. Investors will watch the consumer price index \
         for September.",
        Some("2010-10-21"),
        &[
            ("today", "2010-10-21"),
            ("today", "2010-10-21"),
            ("weekly", "P1W"),
            ("the first quarter", "2010-Q1"),
            ("year-end", "2009"),
            ("the quarter", "2010-Q4"),
            ("Dec. 31", "2010-12-31"),
            ("November", "2004-11"),
            ("February 2005", "2005-02"),
            ("September", "2010-09"),
            ("Thursday", "2010-10-21"),
            ("May 26", "2011-05-26"),
            ("Monday", "2010-10-18"),
            ("September", "2010-09"),
        ],
    );
    // Tuesday 12 January 2010: 2009 has 53 ISO weeks.
    assert_tags(
        "Stocks rose last week, up from the same week last year.",
        Some("2010-01-12"),
        &[
            ("last week", "2010-W01"),
            ("the same week last year", "2009-W01"),
        ],
    );
    // Friday 10 December 2010.
    let got = tagged(
        "We expect the first quarter to be weak. Until Tuesday, the Fed had cut rates twice.",
        Some("2010-12-10"),
    );
    assert_eq!(
        got,
        pairs(&[("the first quarter", "2011-Q1"), ("Tuesday", "2010-12-07")])
    );
}

#[test]
fn lists_of_months_recurring_weekends_and_counted_months() {
    // Friday 27 March 1987.
    assert_tags(
        "Sales rose in January, February and March. He came on Monday, Jan. 5. The vote was \
         tentatively set for Saturday. He goes there every weekend. The recession is in its \
         sixth month. The survey ends on the 20th of the month. He works for Hope Now.",
        Some("1987-03-27"),
        &[
            ("January", "1987-01"),
            ("February", "1987-02"),
            ("March", "1987-03"),
            ("Monday, Jan. 5", "1987-01-05"),
            ("Saturday", "1987-03-28"),
            ("every weekend", "XXXX-WXX-WE"),
            ("sixth month", "-"),
            ("the 20th of the month", "1987-03-20"),
        ],
    );
    // Saturday 14 March 2009: a weekday's event with no verb is the nearest one.
    let got = tagged(
        "The outcome of Sunday's meeting remains unclear.",
        Some("2009-03-14"),
    );
    assert_eq!(got, pairs(&[("Sunday", "2009-03-15")]));
}

#[test]
fn slated_and_set_for_are_timetables() {
    // Monday 30 October 1989: the nearest September is the one just past.
    assert_tags(
        "The vote is set for September. They discussed the slated visit in September. The \
         plant was set on fire in September.",
        Some("1989-10-30"),
        &[
            ("September", "1990-09"),
            ("September", "1990-09"),
            ("September", "1989-09"),
        ],
    );
}

#[test]
fn comparisons_sources_and_what_a_trailing_attribution_reports() {
    // Wednesday 23 May 2012.
    assert_tags(
        "It would take 6 months to clear the houses, down from 5.2 months in March. Oil \
         will average $81 a barrel, according to a Reuters poll in April. Sundance agreed \
         to the revised price in August, but talks dragged on. Inflation was down from \
         highs in February, economists said Beijing would be wary. The group forecasts a \
         rise in sales during November, up from a small rise in 2011. The stock rose in \
         five February trading days.",
        Some("2012-05-23"),
        &[
            ("6 months", "P6M"),
            ("March", "2012-03"),
            ("April", "2012-04"),
            ("August", "2011-08"),
            ("February", "2012-02"),
            ("November", "2012-11"),
            ("2011", "2011"),
            ("February trading days", "2012-02"),
        ],
    );
}

#[test]
fn ties_comparisons_with_forecasts_and_what_possessives_own() {
    // Wednesday 3 February 2010.
    assert_tags(
        "Ivaschenko said in a statement on Monday the talks would go on. RealD raised more \
         than it expected in Tuesday's sale. Monday's budget proposal would increase the \
         budget. Traders await Friday's jobs report.",
        Some("2010-02-03"),
        &[
            ("Monday", "2010-02-01"),
            ("Tuesday", "2010-02-02"),
            ("Monday", "2010-02-01"),
            ("Friday", "2010-02-05"),
        ],
    );
}

#[test]
fn a_week_ended_on_a_day_is_the_week_of_its_middle() {
    // Friday 2 September 2011; 27 August was a Saturday.
    assert_tags(
        "Jobless claims fell in the week to August 27. In the week ended Aug. 20 they rose. \
         The week was calm.",
        Some("2011-09-02"),
        &[
            ("the week", "2011-W34"),
            ("August 27", "2011-08-27"),
            ("the week", "2011-W33"),
            ("Aug. 20", "2011-08-20"),
            // Written on a Friday, a past "the week" is the week just ending.
            ("The week", "2011-W35"),
        ],
    );
}

#[test]
fn halves_written_as_fractions_join_their_count() {
    assert_tags(
        "It signed a 2-1/2-year deal and ran 2-1/2 years after 5 1/2 hours of talks. \
         Scores were 2-1/2 ahead. Two days before, he left; he had come the day before.",
        Some("2011-09-02"),
        &[
            ("2-1/2-year", "P2Y6M"),
            ("2-1/2 years", "P2Y6M"),
            ("5 1/2 hours", "PT5H30M"),
            ("Two days", "P2D"),
            ("the day before", "2011-09-01"),
        ],
    );
}

#[test]
fn weeks_of_months_quarters_of_months_titles_and_stray_joins() {
    // Friday 20 April 2012.
    assert_tags(
        "Sales rose in the last week of March and the first week of April. Output fell in \
         January-March. The Chicago Daily Herald and The Sunday Business Post said so. He \
         spoke Monday at the 47th Annual Meeting. The Fed's August 9 minutes showed it. \
         Three weeks back, prices fell. The future of the union is unclear.",
        Some("2012-04-20"),
        &[
            ("the last week of March", "2012-W13"),
            ("the first week of April", "2012-W14"),
            ("January-March", "2012-Q1"),
            ("Monday", "2012-04-16"),
            ("August 9", "2011-08-09"),
            ("Three weeks back", "2012-W13"),
        ],
    );
    let got = tagged("Around 12:30 a.m. on Oct. 23 he left.", Some("2015"));
    assert_eq!(
        got,
        pairs(&[
            ("Around 12:30 a.m.", "XXXX-10-23T00:30"),
            ("Oct. 23", "XXXX-10-23")
        ])
    );
}

#[test]
fn irregular_participles_date_the_past() {
    // Monday 24 August 2009.
    let got = tagged(
        "Dealers sought rebates under the program begun in July. Sales had risen in May.",
        Some("2009-08-24"),
    );
    assert_eq!(got, pairs(&[("July", "2009-07"), ("May", "2009-05")]));
}

#[test]
fn review_cases_of_schedules_possessives_quarters_and_weeks() {
    // Wednesday 18 April 2012.
    assert_tags(
        "Investors will be watching Friday's jobs data. The president will deliver Monday's \
         speech in Boston. Voters will go to the polls in Sunday's election, the ruling party \
         said. The delay was due to heavy rain on Monday. By Monday, the death toll rose to \
         30. As early as Monday, residents reported smoke. He told them to submit bids by \
         Monday, the paper reported. She one day walked into his office. Give it one day. \
         It was his first day back.",
        Some("2012-04-18"),
        &[
            ("Friday", "2012-04-20"),
            ("Monday", "2012-04-23"),
            ("Sunday", "2012-04-22"),
            ("Monday", "2012-04-16"),
            ("Monday", "2012-04-16"),
            ("Monday", "2012-04-16"),
            ("Monday", "2012-04-23"),
            ("one day", "PAST_REF"),
            ("one day", "P1D"),
            ("first day", "2012-04-18"),
        ],
    );
    // Friday 10 February 2012: a quarter still to come is this year's; January's weekly
    // figures keep their own year.
    assert_tags(
        "The plant will open in the fourth quarter. Fourth-quarter results will come later. \
         Sales rose in the first week of March last year.",
        Some("2012-02-10"),
        &[
            ("the fourth quarter", "2012-Q4"),
            ("Fourth-quarter", "2011-Q4"),
            ("the first week of March last year", "2011-W09"),
        ],
    );
    assert_tags(
        "Claims fell in the week ended Dec. 30. The fair runs Aug. 01-05.",
        Some("2012-01-04"),
        &[
            ("the week", "2011-W52"),
            ("Dec. 30", "2011-12-30"),
            ("Aug. 01-05", "2011-08-01"),
        ],
    );
}

#[test]
fn clocks_take_the_listed_day_and_loans_ages_are_no_times() {
    // Wednesday 6 December 2000.
    assert_tags(
        "The special airs Saturday, Dec. 16, 6 to 6:30 p.m. on CBS. Data are due at 10:30 \
         a.m. EDT on Thursday morning. Overnight indexed swap rates fell. Men in their \
         forties work. He said that early next week it ends.",
        Some("2000-12-06"),
        &[
            ("Saturday, Dec. 16", "2000-12-16"),
            ("6:30 p.m.", "2000-12-16T18:30"),
            ("10:30 a.m. EDT", "2000-12-07T10:30"),
            ("Thursday morning", "2000-12-07TMO"),
            ("early next week", "2000-W50"),
        ],
    );
}

#[test]
fn a_half_of_the_month_is_that_month() {
    let a = day(2012, 7, 18);
    let got = normalise("the first half of the month", a, Tense::Past).unwrap();
    assert_eq!(
        (got.timeml.as_str(), got.modifier),
        ("2012-07", Some("START"))
    );
    assert_eq!(
        v("the second half of this year", a, Tense::Future),
        "2012-H2"
    );
}

#[test]
fn award_titles_and_outlets_name_no_time() {
    // Thursday 1 October 2020.
    assert_tags(
        "ENTERTAINER OF THE YEAR\n\nLuke Bryan won Player of the Year and the Deal of the Day. \
         Sales peaked at the end of the year. THE END OF THE YEAR came early. He told USA \
         Today and NBC's Today show, and a Mail on Sunday poll, that it rained today.",
        Some("2020-10-01"),
        &[
            ("the end of the year", "2020"),
            ("THE END OF THE YEAR", "2020"),
            ("today", "2020-10-01"),
        ],
    );
}

#[test]
fn dates_written_in_figures_with_slashes_or_dots() {
    // Friday 4 February 2005.
    assert_tags(
        "Update 02.04.2005, 09:15 AM. Posted 7/16/10 at 5:22 PM and on 19.05.2007. It \
         opened on 2004/7/11 and closed 17/05/2004. A British page wrote 4/2/2005. Version \
         2.05.2007 and the path a/1/2/2019/x are no dates; he ate 5 1/2 pies.",
        Some("2005-02-04"),
        &[
            ("02.04.2005", "2005-02-04"),
            ("09:15 AM", "2005-02-04T09:15"),
            ("7/16/10 at 5:22 PM", "2010-07-16T17:22"),
            ("19.05.2007", "2007-05-19"),
            ("2004/7/11", "2004-07-11"),
            ("17/05/2004", "2004-05-17"),
            ("4/2/2005", "2005-02-04"),
            ("2019", "2019"),
        ],
    );
}

#[test]
fn a_part_of_the_week_speeds_and_names_with_time_words() {
    // Wednesday 5 November 2008.
    assert_tags(
        "Jobs data come out at the end of the week. The week was bad. The car goes 180 km \
         per hour and pumps 5,000 barrels per day. The current account deficit grew before \
         the Super Tuesday primaries. Gas output was 180 million cubic feet per day.",
        Some("2008-11-05"),
        &[
            ("the end of the week", "2008-W45"),
            ("The week", "2008-WXX"),
            ("per day", "P1D"),
            ("per day", "P1D"),
        ],
    );
    // Monday 15 August 2011: a past end of the week is last week's.
    assert_tags(
        "Stocks stabilized at the end of the week. Talks will resume at the end of the week. \
         They set up a final vote by the end of the week.",
        Some("2011-08-15"),
        &[
            ("the end of the week", "2011-W32"),
            ("the end of the week", "2011-W33"),
            ("the end of the week", "2011-W33"),
        ],
    );
    // Sunday 20 March 2011: the coming week's start.
    assert_tags(
        "Talks will resume at the beginning of the week.",
        Some("2011-03-20"),
        &[("the beginning of the week", "2011-W12")],
    );
}

#[test]
fn the_month_or_year_after_one_of_its_sentence_is_that_one() {
    // Monday 13 April 1987.
    assert_tags(
        "In January, reserves rose on intervention during the month. In 1985, sales rose \
         during the year. The overall January deficit will be revised. The March index fell \
         0.2 pct from a year earlier. Stocks have gained since 1969, while stocks fall later \
         in the year.",
        Some("1987-04-13"),
        &[
            ("January", "1987-01"),
            ("the month", "1987-01"),
            ("1985", "1985"),
            ("the year", "1985"),
            ("January", "1987-01"),
            ("March", "1987-03"),
            ("a year earlier", "1986-03"),
            ("1969", "1969"),
            ("the year", "1987"),
        ],
    );
}

#[test]
fn a_verb_of_the_expressions_stretch_outranks_one_past_its_comma() {
    // Wednesday 30 March 2011.
    assert_tags(
        "The plan, identical to rules proposed by the Fed on Tuesday, would require more. \
         Unemployment, which rose to 9.4 percent in May, will likely rise. Markets await \
         data for June on Tuesday, followed the next day by retail sales.",
        Some("2011-03-30"),
        &[
            ("Tuesday", "2011-03-29"),
            ("May", "2010-05"),
            ("June", "2010-06"),
            ("Tuesday", "2011-04-05"),
            ("the next day", "2011-04-06"),
        ],
    );
}

#[test]
fn the_same_period_as_a_half_year_in_view() {
    // Wednesday 9 October 2013.
    assert_tags(
        "Margins fell in the first half of 2013, from 5 percent in the same period last \
         year. Share rose in the first half compared with the same period in 2011. Sales \
         rose in the first half from a year earlier.",
        Some("2013-10-09"),
        &[
            ("the first half of 2013", "2013-H1"),
            ("the same period last year", "2012-H1"),
            ("the first half", "2013-H1"),
            ("the same period", "2011-H1"),
            ("2011", "2011"),
            ("the first half", "2013-H1"),
            ("a year earlier", "2012-H1"),
        ],
    );
}

#[test]
fn a_quarter_by_number_that_ended_on_a_day_is_the_nearest_quarter_of_that_number() {
    // Wednesday 11 August 2010.
    assert_tags(
        "Revenue in its fiscal fourth quarter ended July 31 rose. A retailer's fourth \
         quarter ended January 30 was weak. Its fiscal first quarter, which ended October \
         24, was strong. The first quarter of 1987, ended December 28, 1986, was slow.",
        Some("2010-08-11"),
        &[
            ("fiscal fourth quarter", "2010-Q4"),
            ("July 31", "2010-07-31"),
            ("fourth quarter", "2009-Q4"),
            ("January 30", "2010-01-30"),
            ("fiscal first quarter", "2009-Q1"),
            ("October 24", "2009-10-24"),
            ("The first quarter of 1987", "1987-Q1"),
            ("December 28, 1986", "1986-12-28"),
        ],
    );
}

#[test]
fn a_period_named_again_is_the_one_named_just_before() {
    // Wednesday 9 October 2013.
    assert_tags(
        "Oil demand rose 8 percent in August from the year-ago period. Profit in the first \
         nine months rose from the same period last year. Prices rose 40 percent over three \
         years, and wages fell over that period. Sales this year are down from the same \
         period last year. Jobless claims fell last week, but the prior period's figure was \
         revised. Compared with the same period a year earlier, sales rose in September.",
        Some("2013-10-09"),
        &[
            ("August", "2013-08"),
            ("the year-ago period", "2012-08"),
            ("the first nine months", "P9M"),
            ("the same period last year", "2012"),
            ("over three years", "P3Y"),
            ("that period", "P3Y"),
            ("this year", "2013"),
            ("the same period last year", "2012"),
            ("last week", "2013-W40"),
            ("the prior period", "2013-W39"),
            ("the same period a year earlier", "2012-09"),
            ("September", "2013-09"),
        ],
    );
    // "The 2012 period" after a month is that month of 2012; after a span it may be a
    // span of its own (the quarter, or nine months, ended in it), so no year.
    assert_tags(
        "Sales rose in February. The 2012 period included an extra day.",
        Some("2013-03-09"),
        &[("February", "2013-02"), ("The 2012 period", "2012-02")],
    );
    let after_a_span = tagged(
        "Nine months profit rose. The 2012 period ended.",
        Some("2013-03-09"),
    );
    assert_ne!(after_a_span[1].1, "2012");
    // A count out of a total, or "more" after a count, is no range.
    assert_tags(
        "It lost money in five of 156 months, and opens 15 to 20 more a year.",
        Some("2013-10-09"),
        &[("156 months", "P156M"), ("more a year", "P1Y")],
    );
    // The first three months of a year are its first quarter; "about a year ago" is no
    // period in view.
    assert_tags(
        "Exports in the first three months of 2013 fell from the same period in 2012. \
         Delta emerged from bankruptcy about a year ago and lost more than in the same \
         period a year earlier.",
        Some("2013-05-02"),
        &[
            ("the first three months", "P3M"),
            ("2013", "2013"),
            ("the same period", "2012-Q1"),
            ("2012", "2012"),
            ("about a year ago", "2012"),
            ("the same period a year earlier", "2012-Q1"),
        ],
    );
    // A week of the story's own time is when something was reported, not a period.
    assert_tags(
        "Panasonic reported lower profit this week. LG had a loss in the same period.",
        Some("2013-10-09"),
        &[("this week", "2013-W41"), ("the same period", "2013-Q3")],
    );
    // Counted from a month, a fiscal year's end, or a length as an adjective: the quarter
    // an earnings story has in view, as before.
    assert_tags(
        "Prices have risen since July, and wages over the same period. Deposits hit a fresh \
         8-1/2 year high, while rates for the same period set a peak.",
        Some("2013-10-09"),
        &[
            ("July", "2013-07"),
            ("the same period", "2013-Q3"),
            ("8-1/2 year", "P8Y6M"),
            ("the same period", "2013-Q3"),
        ],
    );
}

#[test]
fn counts_of_ever_smaller_units_are_one_duration() {
    // Thursday 31 January 2008.
    assert_tags(
        "He was sentenced to six years and eight months. The call lasted 1 hour 30 minutes, \
         versus last quarter's 1 hour and 42 minutes. It lasted 2 weeks 3 days. He served \
         two months and three years.",
        Some("2008-01-31"),
        &[
            ("six years and eight months", "P6Y8M"),
            ("1 hour 30 minutes", "PT1H30M"),
            ("last quarter", "2007-Q4"),
            ("1 hour and 42 minutes", "PT1H42M"),
            ("2 weeks 3 days", "P17D"),
            ("two months", "P2M"),
            ("three years", "P3Y"),
        ],
    );
}

#[test]
fn parts_of_a_day_the_story_named() {
    // Sunday 10 August 2008.
    assert_tags(
        "He arrived on Tuesday and appeared in court the next morning. That night he left. \
         He spoke last night.",
        Some("2008-08-10"),
        &[
            ("Tuesday", "2008-08-05"),
            ("the next morning", "2008-08-06TMO"),
            ("That night", "2008-08-06TNI"),
            ("last night", "2008-08-09TNI"),
        ],
    );
}

#[test]
fn a_month_just_ended_in_a_future_clause_is_awaited_data() {
    // Sunday 10 August 2008: July ended ten days ago; September is still ahead.
    assert_tags(
        "Economists expect the CPI to rise 0.4 percent in July. The talks will resume in \
         September.",
        Some("2008-08-10"),
        &[("July", "2008-07"), ("September", "2008-09")],
    );
    // Monday 25 August 2008 and 29 September 2008: a month that ended under two months
    // ago is still data ("after rising 1.4 percent in July"); a plan a year ahead says
    // "next July".
    assert_tags(
        "Sales are expected to rise after a 0.3 percent drop in July. The talks will resume \
         next July.",
        Some("2008-09-29"),
        &[("July", "2008-07"), ("next July", "2009-07")],
    );
}

#[test]
fn can_looks_ahead_and_recent_days_stay_this_years() {
    // Monday 7 March 2016.
    assert_tags(
        "Can he succeed in mobilizing voters in November? Only Cruz can win in November. \
         It sold the American Can name to Triangle in November. They prepare before the \
         November election. Rajoy insists Spain can sort out the problem by February 25.",
        Some("2016-03-07"),
        &[
            ("November", "2016-11"),
            ("November", "2016-11"),
            ("November", "2015-11"),
            ("November", "2016-11"),
            ("February 25", "2016-02-25"),
        ],
    );
}

#[test]
fn last_and_next_seasons_count_seasons_not_years() {
    // Tuesday 22 December 2015: spring, summer and fall are this year's, the winter
    // before this one began in 2014.
    assert_tags(
        "He launched last spring. It rained last summer. Sales fell last fall. It snowed \
         last winter. He will go next winter.",
        Some("2015-12-22"),
        &[
            ("last spring", "2015-SP"),
            ("last summer", "2015-SU"),
            ("last fall", "2015-FA"),
            ("last winter", "2014-WI"),
            ("next winter", "2016-WI"),
        ],
    );
    // Friday 24 April 1987: the coming summer is this year's.
    assert_tags(
        "Refiners will enter the coming summer with a surplus. It snowed last winter.",
        Some("1987-04-24"),
        &[("the coming summer", "1987-SU"), ("last winter", "1986-WI")],
    );
}

#[test]
fn counts_and_ranks_before_a_date_of_their_own() {
    // Friday 15 April 2016.
    assert_tags(
        "It cut polling places from 400 in 2008 to 60 this year. Its fifth test, its second \
         this year, failed. The study is due no later than December 31 this year. Wait a \
         minute: he waited a minute.",
        Some("2016-04-15"),
        &[
            ("2008", "2008"),
            ("this year", "2016"),
            ("this year", "2016"),
            ("December 31 this year", "2016-12-31"),
            ("a minute", "PT1M"),
        ],
    );
}

#[test]
fn that_november_is_the_story_years() {
    // Wednesday 1 June 2016.
    assert_tags(
        "McGovern won the nomination in 1972. He lost to Nixon that November. Oil fell to \
         $8.50 in July 1986 from a peak the previous November. In today's environment, change \
         wins.",
        Some("2016-06-01"),
        &[
            ("1972", "1972"),
            ("that November", "1972-11"),
            ("July 1986", "1986-07"),
            ("the previous November", "1985-11"),
            ("today", "PRESENT_REF"),
        ],
    );
}

#[test]
fn must_and_should_look_ahead_from_before_the_time() {
    // Tuesday 19 February 2008.
    assert_tags(
        "Rebates should begin reaching taxpayers late in the second quarter. Accounts must \
         be transferred by Monday morning. Personal income grew 0.5 percent in January \
         should please retailers. He should have left on Friday.",
        Some("2008-02-19"),
        &[
            ("the second quarter", "2008-Q2"),
            ("Monday morning", "2008-02-25TMO"),
            ("January", "2008-01"),
            ("Friday", "2008-02-15"),
        ],
    );
}

#[test]
fn half_a_unit_is_half_its_length() {
    // Friday 1 January 2016.
    assert_tags(
        "It lasted half a year. It took half an hour, then a half-hour more. He led for half \
         a century. It happened half a century ago. She cycled through a half-dozen slogans. \
         It lasted a year and a half. He called a half-hour later.",
        Some("2016-01-01"),
        &[
            ("half a year", "P6M"),
            ("half an hour", "PT30M"),
            ("half-hour", "PT30M"),
            ("half a century", "P50Y"),
            ("half a century ago", "1966"),
            ("a year and a half", "P1Y6M"),
            ("half-hour later", "PT30M"),
        ],
    );
}

#[test]
fn review_eight_speeds_counts_story_months_and_prepositions() {
    // Monday 7 March 2016.
    assert_tags(
        "Winds hit 100 miles per hour last week. The deadline is Dec. 31 this year. Shares \
         fell at 9:30 this morning. It is due the 31st this month. Output fell in the third \
         quarter of 2010, and the following January the plant closed. In 2010 Toyota \
         recalled cars; the previous November it had warned. He bought a can of soup in \
         January. The interview lasted just a minute. Sales stalled for the Rest of the \
         Year. Bonds rallied following Monday's vote.",
        Some("2016-03-07"),
        &[
            ("last week", "2016-W09"),
            ("Dec. 31 this year", "2016-12-31"),
            ("9:30 this morning", "2016-03-07T09:30"),
            ("the 31st this month", "2016-03-31"),
            ("the third quarter of 2010", "2010-Q3"),
            ("the following January", "2011-01"),
            ("2010", "2010"),
            ("the previous November", "2009-11"),
            ("January", "2016-01"),
            ("a minute", "PT1M"),
            ("the Year", "2016"),
            ("Monday", "2016-03-07"),
        ],
    );
    // Friday 15 January 2016: this winter began in December.
    assert_tags(
        "It will be cold this winter. It was 2/30/2016, not a date.",
        Some("2016-01-15"),
        &[("this winter", "2015-WI"), ("2016", "2016")],
    );
}

#[test]
fn compound_offsets_mid_week_and_two_digit_years() {
    // Monday 7 March 2016.
    assert_tags(
        "He left two years and six months ago. Over the next two years and six months, \
         prices will rise. Shares rose in the middle of the week. He was born on 4/1/45.",
        Some("2016-03-07"),
        &[
            ("two years and six months ago", "2013-09"),
            ("the next two years and six months", "P2Y6M"),
            ("the middle of the week", "2016-W09"),
            ("4/1/45", "1945-04-01"),
        ],
    );
    // Thursday 26 October 1989.
    assert_tags(
        "The crash of 10/29/29 ruined him.",
        Some("1989-10-26"),
        &[("10/29/29", "1929-10-29")],
    );
}

#[test]
fn an_hour_told_by_the_part_of_the_day_after_it() {
    // Monday 7 March 2016.
    assert_tags(
        "He arrived at 10 this morning and will speak at 8 tonight. He returned one evening.",
        Some("2016-03-07"),
        &[
            ("10 this morning", "2016-03-07T10:00"),
            ("8 tonight", "2016-03-07T20:00"),
            ("one evening", "2016-03-07TEV"),
        ],
    );
}

#[test]
fn a_failed_prediction_and_a_question_of_how_are_past() {
    // Tuesday 17 November 2015.
    assert_tags(
        "The polls failed to predict his win on Sunday night. Carson struggled to answer a \
         question on Sunday about how he would form a coalition. Analysts predict a rise on \
         Friday.",
        Some("2015-11-17"),
        &[
            ("Sunday night", "2015-11-15TNI"),
            ("Sunday", "2015-11-15"),
            ("Friday", "2015-11-20"),
        ],
    );
}

#[test]
fn the_present_of_a_timetable_looks_ahead() {
    // Friday 1 May 1998.
    assert_tags(
        "He and Arafat meet separately Monday with Albright, the paper said. The offer \
         expires in October. The ministers, who arrive Sunday, met Thursday. Wisconsin \
         holds its primary on Tuesday. Smith, who takes office in January, goes on trial \
         on Wednesday.",
        Some("1998-05-01"),
        &[
            ("Monday", "1998-05-04"),
            ("October", "1998-10"),
            ("Sunday", "1998-05-03"),
            ("Thursday", "1998-04-30"),
            ("Tuesday", "1998-05-05"),
            ("January", "1999-01"),
            ("Wednesday", "1998-05-06"),
        ],
    );
}

#[test]
fn a_timetable_verb_that_is_a_noun_a_habit_or_a_chronicle_is_no_plan() {
    // Friday 1 May 1998.
    assert_tags(
        "Housing starts in March were revised. He was to arrive on Monday for his first visit. Families \
         struggled to make ends meet in February. The rains normally begin in November. \
         The fund, set up in January, expires in 2013. He said on NBC's Meet the Press on \
         Sunday that he would run.",
        Some("1998-05-01"),
        &[
            ("March", "1998-03"),
            ("Monday", "1998-04-27"),
            ("February", "1998-02"),
            ("November", "1997-11"),
            ("January", "1998-01"),
            ("2013", "2013"),
            ("Sunday", "1998-04-26"),
        ],
    );
    assert_tags(
        "His lawyer did not immediately return a call on Wednesday. A loan helped it take \
         over the bank in March. Shares rose on Abe's return to power in late December. \
         They go back to the fourth quarter.",
        Some("1998-05-01"),
        &[
            ("Wednesday", "1998-04-29"),
            ("March", "1998-03"),
            ("late December", "1997-12"),
            ("the fourth quarter", "1997-Q4"),
        ],
    );
    assert_tags(
        "The senator, who will be missed, died Sunday. Halliburton, which said it would \
         defend itself, sued BP in court Tuesday.",
        Some("1998-05-01"),
        &[("Sunday", "1998-04-26"), ("Tuesday", "1998-04-28")],
    );
    // Tuesday 10 November 2009: a year may head a chronology entry.
    assert_tags(
        "* 2009 - June: Pre phone sales begin",
        Some("2009-11-10"),
        &[("2009", "2009"), ("June", "2009-06")],
    );
    assert_tags(
        "Feb 8: Hambrick meets with Buffett. March 12 - The board approves the deal.",
        Some("1998-05-01"),
        &[("Feb 8", "1998-02-08"), ("March 12", "1998-03-12")],
    );
}

#[test]
fn a_past_form_after_a_modal_to_or_do_is_a_bare_infinitive() {
    // Wednesday 2 March 2016.
    assert_tags(
        "The storm will hit on Friday. The storm is expected to hit in April. He did not \
         quit in January. The storm hit on Monday. SoftBank in May said it would issue \
         bonds. The firm laid off 300 workers in April.",
        Some("2016-03-02"),
        &[
            ("Friday", "2016-03-04"),
            ("April", "2016-04"),
            ("January", "2016-01"),
            ("Monday", "2016-02-29"),
            ("May", "2015-05"),
            ("April", "2015-04"),
        ],
    );
}

#[test]
fn this_weekday_in_a_plan_written_after_it_is_the_coming_one() {
    // Friday 4 March 2016.
    assert_tags(
        "He is hoping to win Michigan this Tuesday. He won Virginia this Tuesday. The vote \
         is set for this Thursday.",
        Some("2016-03-04"),
        &[
            ("this Tuesday", "2016-03-08"),
            ("this Tuesday", "2016-03-01"),
            ("this Thursday", "2016-03-10"),
        ],
    );
}

#[test]
fn ahead_of_a_long_noun_phrase_or_in_advance_of_looks_ahead() {
    // Wednesday 4 March 2009.
    assert_tags(
        "The data comes ahead of the government's closely watched non-farm payrolls report \
         on Friday. Traders wait in advance of the Fed's rate verdict on Tuesday.",
        Some("2009-03-04"),
        &[("Friday", "2009-03-06"), ("Tuesday", "2009-03-10")],
    );
}

#[test]
fn a_year_that_ended_is_over() {
    // Thursday 28 January 2010.
    assert_tags(
        "Ford ended the year with $25 billion in cash. It will end the year strong. Sales \
         rose during the year.",
        Some("2010-01-28"),
        &[
            ("the year", "2009"),
            ("the year", "2010"),
            ("the year", "2010"),
        ],
    );
}

#[test]
fn that_after_a_verb_of_saying_opens_a_clause() {
    // Wednesday 1 June 2005.
    assert_tags(
        "The agency reported that Friday's outage cost $5 million. He left that Friday.",
        Some("2005-06-01"),
        &[("Friday", "2005-05-27"), ("that Friday", "2005-05-27")],
    );
}

#[test]
fn a_count_and_a_capitalised_unit_in_running_text_is_a_title() {
    // Wednesday 1 June 2005.
    assert_tags(
        "He told CBS's 60 Minutes that he would run. The meeting lasted 60 minutes. She \
         appeared on 60 Minutes, then left.",
        Some("2005-06-01"),
        &[("60 minutes", "PT60M")],
    );
}

#[test]
fn that_year_inside_an_expression_is_the_story_year() {
    // Saturday 1 May 2010.
    assert_tags(
        "He joined the firm in 2006. In June that year, he was promoted. Unemployment \
         peaked at 10 percent in October of that year. Every now and then he calls.",
        Some("2010-05-01"),
        &[
            ("2006", "2006"),
            ("June that year", "2006-06"),
            ("October of that year", "2006-10"),
        ],
    );
}

#[test]
fn as_planned_after_the_expression_says_nothing_of_its_time() {
    // Thursday 18 June 1987.
    assert_tags(
        "The tax may not take effect in October as originally planned. The talks were held \
         in May as planned.",
        Some("1987-06-18"),
        &[("October", "1987-10"), ("May", "1987-05")],
    );
}

#[test]
fn today_after_even_or_a_generation_is_the_present_age() {
    // Wednesday 1 June 2005.
    assert_tags(
        "Even today, the town is poor. Kids today watch more TV. He said today that he would \
         run.",
        Some("2005-06-01"),
        &[
            ("today", "PRESENT_REF"),
            ("today", "PRESENT_REF"),
            ("today", "2005-06-01"),
        ],
    );
}

#[test]
fn a_quarter_before_its_results_is_the_one_reported() {
    // Thursday 27 January 2011.
    assert_tags(
        "BP unveils fourth quarter earnings on Tuesday. Sprint will release the fourth \
         quarter results soon. The company expects growth in the fourth quarter.",
        Some("2011-01-27"),
        &[
            ("fourth quarter", "2010-Q4"),
            ("Tuesday", "2011-02-01"),
            ("the fourth quarter", "2010-Q4"),
            ("the fourth quarter", "2011-Q4"),
        ],
    );
}

#[test]
fn a_past_week_in_a_friday_wrap_is_the_week_ending() {
    // Friday 19 June 2009.
    assert_tags(
        "For the week, the Dow rose 2 percent. Stocks fell in the week after the vote. He \
         will travel later in the week.",
        Some("2009-06-19"),
        &[
            ("the week", "2009-W25"),
            ("the week", "2009-WXX"),
            ("the week", "2009-WXX"),
        ],
    );
    // Wednesday 17 June 2009.
    assert_tags(
        "For the week, the Dow rose 2 percent.",
        Some("2009-06-17"),
        &[("the week", "2009-WXX")],
    );
}

#[test]
fn an_ordinal_after_a_counts_another_one() {
    // Thursday 10 July 2008.
    assert_tags(
        "Stocks fell for a second day on Thursday. It was the second day of talks. BP \
         reported a second quarter loss.",
        Some("2008-07-10"),
        &[
            ("Thursday", "2008-07-10"),
            ("the second day", "2008-07-10"),
            ("second quarter", "2008-Q2"),
        ],
    );
}

#[test]
fn a_decade_of_a_life_or_a_figure_is_no_time() {
    // Wednesday 18 February 2009.
    assert_tags(
        "A widow in her mid-thirties and a man in his late 30s spoke. Sales rose in the \
         mid-20s percent. The song was a hit in the mid-sixties.",
        Some("2009-02-18"),
        &[("mid-sixties", "196")],
    );
}

#[test]
fn a_unit_after_a_day_of_the_month_counts_nothing() {
    // Wednesday 14 July 2010.
    assert_tags(
        "The Fed's June 22 minutes showed concern. Prices rose from November a year ago. \
         Rates fell from Nov. 5 a year ago.",
        Some("2010-07-14"),
        &[
            ("June 22", "2010-06-22"),
            ("November a year ago", "2009-11"),
            ("Nov. 5 a year ago", "2009-11-05"),
        ],
    );
}

#[test]
fn a_past_the_month_after_a_month_of_the_sentence_before_is_that_month() {
    // Tuesday 17 March 1987.
    assert_tags(
        "February traffic rose 5 pct. Seat miles for the month dropped 2 pct. Sales will \
         grow as the month progresses.",
        Some("1987-03-17"),
        &[
            ("February", "1987-02"),
            ("the month", "1987-02"),
            ("the month", "1987-03"),
        ],
    );
}

#[test]
fn a_timetable_word_a_verb_governs_or_a_noun_is_no_plan() {
    // Wednesday 6 April 2016.
    assert_tags(
        "She went on maternity leave in January. Holiday travel on Monday was heavy. The \
         driver faces charges over a crash in January. The company never recovered from \
         the fire in May. Obama needed the aid before he takes office in January.",
        Some("2016-04-06"),
        &[
            ("January", "2016-01"),
            ("Monday", "2016-04-04"),
            ("January", "2016-01"),
            ("May", "2015-05"),
            ("January", "2017-01"),
        ],
    );
}

#[test]
fn review_cases_keep_their_old_readings() {
    // Wednesday 2 March 2016.
    assert_tags(
        "Police said that night that three people had died. Thousands of students today \
         marched in London. In the fourth quarter profit is expected to rise.",
        Some("2016-03-02"),
        &[
            ("that night", "2016-03-02TNI"),
            ("today", "2016-03-02"),
            ("the fourth quarter", "2016-Q4"),
        ],
    );
    // Friday 4 March 2016.
    assert_tags(
        "Investors were hoping for a repeat of Monday's rally. Stocks rose in the week \
         ahead of the vote.",
        Some("2016-03-04"),
        &[("Monday", "2016-02-29"), ("the week", "2016-WXX")],
    );
    // Thursday 31 March 2016: December is no month a March report gives figures for.
    assert_tags(
        "Oil hit the level it held in December. For the month, oil gained 10 percent.",
        Some("2016-03-31"),
        &[("December", "2015-12"), ("the month", "2016-03")],
    );
}

#[test]
fn a_caption_dates_a_picture_already_taken() {
    // Wednesday 30 October 2024.
    assert_tags(
        "Kirby speaks at the White House in this Jan. 20 screen capture. The vote is due \
         this Dec. 5.",
        Some("2024-10-30"),
        &[
            ("this Jan. 20", "2024-01-20"),
            ("this Dec. 5", "2024-12-05"),
        ],
    );
}

#[test]
fn an_asian_dateline_names_the_local_day_after_the_document_date() {
    // Tuesday 11 October 2011 by the newsroom's clock; Wednesday in Tokyo.
    assert_tags(
        "TOKYO (Reuters) - Sony said on Wednesday that hackers tried to sign in. Shares fell \
         on Monday, and again after Wednesday's quake.",
        Some("2011-10-11"),
        &[
            ("Wednesday", "2011-10-12"),
            ("Monday", "2011-10-10"),
            ("Wednesday", "2011-10-05"),
        ],
    );
    assert_tags(
        "NEW YORK (Reuters) - Sony said on Wednesday that hackers tried to sign in.",
        Some("2011-10-11"),
        &[("Wednesday", "2011-10-05")],
    );
}

#[test]
fn a_european_dateline_names_the_local_day_and_its_papers() {
    // Sunday 9 October 2011 by the newsroom's clock; Monday's papers are out in London.
    assert_tags(
        "LONDON (Reuters) - Banks face new rules, the Financial Times said on Monday. The \
         plan was in Monday's edition of the paper, and investors recalled Monday's slump.",
        Some("2011-10-09"),
        &[
            ("Monday", "2011-10-10"),
            ("Monday", "2011-10-10"),
            ("Monday", "2011-10-03"),
        ],
    );
    // A pair of days moves together: flights canceled for the coming Tuesday and
    // Wednesday, written on Monday by the newsroom's clock.
    assert_tags(
        "SYDNEY (Reuters) - Qantas canceled flights for Tuesday and Wednesday.",
        Some("2010-04-19"),
        &[("Tuesday", "2010-04-20"), ("Wednesday", "2010-04-21")],
    );
}

#[test]
fn a_dated_dateline_is_the_day_the_text_counts_from() {
    // Dated Friday 19 June 1987 by the wire; the story is Ottawa's Thursday.
    assert_tags(
        "OTTAWA, June 18 - The tax reform package, announced today, was welcomed. Officials \
         met yesterday.",
        Some("1987-06-19"),
        &[
            ("June 18", "1987-06-18"),
            ("today", "1987-06-18"),
            ("yesterday", "1987-06-17"),
        ],
    );
    // A dateline a month off is a slip, not the story's day; a page dated only to the
    // year takes the dateline's day.
    assert_tags(
        "OTTAWA, July 18 - The package, announced today, was welcomed.",
        Some("1987-06-19"),
        &[("July 18", "1987-07-18"), ("today", "1987-06-19")],
    );
    assert_tags(
        "Glencore debuts\nLONDON, May 19 (IFR) - Glencore traded up this morning.",
        Some("2011"),
        &[("May 19", "2011-05-19"), ("this morning", "2011-05-19TMO")],
    );
}

#[test]
fn a_dateline_day_is_named_as_the_anchor() {
    let mut d = doc(
        "OTTAWA, June 18 - The package, announced today, was welcomed.",
        Some("1987-06-19"),
    );
    TimeTagger::new().run(&mut d).unwrap();
    assert!(d.timexes[1]
        .anchor
        .starts_with("relative to dateline date 1987-06-18"));
}

#[test]
fn last_week_written_on_a_sunday_is_the_week_just_ending() {
    // Sunday 17 November 2013; Yellen's hearing was on Thursday 14 November.
    assert_tags(
        "Yellen's Senate confirmation hearing last week was praised. Stocks rose this past \
         week. The Fed met the previous week.",
        Some("2013-11-17"),
        &[
            ("last week", "2013-W46"),
            ("this past week", "2013-W46"),
            ("the previous week", "2013-W45"),
        ],
    );
}

#[test]
fn a_quote_mark_after_the_expression_ends_its_clause() {
    // Monday 4 December 2000.
    assert_tags(
        "Gore said on CBS' \"60 Minutes\" Sunday night, \"I can't imagine they would do \
         that.\" \"We still think we'll get more easing in January,\" said an economist.",
        Some("2000-12-04"),
        &[("Sunday night", "2000-12-03TNI"), ("January", "2001-01")],
    );
}

#[test]
fn wire_abbreviations_of_quarters_and_months() {
    // Friday 3 April 1987.
    assert_tags(
        "Oper net for 1986 4th qtr rose, up from the prior qtr. Nine mths net was lower.",
        Some("1987-04-03"),
        &[
            ("1986 4th qtr", "1986-Q4"),
            ("the prior qtr", "1986-Q3"),
            ("Nine mths", "P9M"),
        ],
    );
}

#[test]
fn the_year_of_a_date_before_a_plural_noun_stays_in_the_date() {
    // Monday 21 January 2008.
    assert_tags(
        "Stocks had their biggest slide since the September 11, 2001 attacks and are near \
         March 2007 lows. The firm hired 1974 workers. Goldman's fourth-quarter 2006 loss \
         and full-year 2005 results were cited.",
        Some("2008-01-21"),
        &[
            ("September 11, 2001", "2001-09-11"),
            ("March 2007", "2007-03"),
            ("fourth-quarter 2006", "2006-Q4"),
            ("full-year 2005", "2005"),
        ],
    );
}

#[test]
fn rows_of_futures_quotes_and_dividend_dates_look_ahead() {
    // Tuesday 7 April 1987.
    assert_tags(
        "WHEAT Sep 99.85 Nov 102.45 Jan 105.05. Qtly div 20 cts Pay June Eight Record May 22. \
         Sales: January 1200 February 1300.",
        Some("1987-04-07"),
        &[
            ("Sep", "1987-09"),
            ("Nov", "1987-11"),
            ("Jan", "1988-01"),
            ("June Eight", "1987-06-08"),
            ("May 22", "1987-05-22"),
            ("January", "1987-01"),
            ("February", "1987-02"),
        ],
    );
}

#[test]
fn at_the_end_of_the_day_is_an_idiom() {
    // Thursday 22 April 2010.
    assert_tags(
        "\"At the end of the day, price is what counts,\" he said. But at the end of the day \
         it was no loss. Talks fail if no deal comes by the end of the day. Shares rose at the \
         end of the day of trading.",
        Some("2010-04-22"),
        &[
            ("the end of the day", "2010-04-22"),
            ("the end of the day", "2010-04-22"),
        ],
    );
}

#[test]
fn review_of_audit_22() {
    // Tuesday 25 March 2008.
    assert_tags(
        "As early as last July 18, Bove said sell. The vote is next March 3. Ackermann told \
         the Swiss Sunday newspaper Sonntagsblick that few could stay current on loans. \
         Delta told investors that second-quarter revenue would fall, from 260 mln dlrs a \
         year before.",
        Some("2008-03-25"),
        &[
            ("last July 18", "2007-07-18"),
            ("next March 3", "2009-03-03"),
            ("second-quarter", "2008-Q2"),
            ("a year before", "2007-Q2"),
        ],
    );
    // Thursday 9 April 1987: columns of a table and a row of quotes.
    assert_tags(
        "1986/87 1985/86 04/09/87 03/09/87. Volumes JUN 39 JUL 63",
        Some("1987-04-09"),
        &[
            ("1986/87", "1986"),
            ("1985/86", "1985"),
            ("04/09/87", "1987-04-09"),
            ("03/09/87", "1987-03-09"),
            ("JUN", "1987-06"),
            ("JUL", "1987-07"),
        ],
    );
}

#[test]
fn the_same_period_early_in_the_year_is_last_years_quarter() {
    // Wednesday 10 March 2010: the reports of early March are on last year's fourth
    // quarter, or on the quarter the story names.
    assert_tags(
        "Profit rose from the same period last year. Profit in the latest period rose.",
        Some("2010-03-10"),
        &[
            ("the same period last year", "2008-Q4"),
            ("the latest period", "2009-Q4"),
        ],
    );
    // Thursday 8 February 2007: results awaited for, or compared with, the quarter just
    // ended; a plan for the fourth quarter is this year's.
    assert_tags(
        "Analysts expect Federated to post profit of $1.47 a share for the fourth quarter. \
         Ad revenue will improve from the fourth quarter. ITC expects the deal to close in \
         the fourth quarter.",
        Some("2007-02-08"),
        &[
            ("the fourth quarter", "2006-Q4"),
            ("the fourth quarter", "2006-Q4"),
            ("the fourth quarter", "2007-Q4"),
        ],
    );
    assert_tags(
        "Third-quarter profit rose from the same period last year.",
        Some("2010-03-10"),
        &[
            ("Third-quarter", "2009-Q3"),
            ("the same period last year", "2008-Q3"),
        ],
    );
}

#[test]
fn review_of_audit_24() {
    // Friday 7 November 2008.
    assert_tags(
        "Berkshire said on Friday third-quarter profit fell. The Fed met at the end of a \
         one-day meeting. Japan wants to end 15 years of deflation. Boeing will get up to 10 \
         a month. It is only a minute sliver of the sector. Twenty-First Century Fox Inc rose.",
        Some("2008-11-07"),
        &[
            ("Friday", "2008-11-07"),
            ("third-quarter", "2008-Q3"),
            ("one-day", "P1D"),
            ("15 years", "P15Y"),
            ("a month", "P1M"),
        ],
    );
    // Sunday 6 December 2009 and Sunday 4 December 2011.
    assert_tags(
        "Stocks are up 63.5 percent from a 12-year closing low on March 9.",
        Some("2009-12-06"),
        &[("12-year", "P12Y"), ("March 9", "2009-03-09")],
    );
    // Tuesday 3 July 2012: the level a planned cut aims at.
    assert_tags(
        "Hopes rose that the ECB will cut interest rates to a record low on Thursday.",
        Some("2012-07-03"),
        &[("Thursday", "2012-07-05")],
    );
    assert_tags(
        "The euro zone enters a critical week leading up to Friday's EU leaders summit.",
        Some("2011-12-04"),
        &[("Friday", "2011-12-09")],
    );
}

#[test]
fn contracted_negatives_count_as_their_verbs() {
    // Thursday 26 April 2012.
    assert_tags(
        "\"We won't be producing cars on Friday,\" she said. \"We won\u{2019}t open on \
         Monday.\" The plant didn't open on Tuesday.",
        Some("2012-04-26"),
        &[
            ("Friday", "2012-04-27"),
            ("Monday", "2012-04-30"),
            ("Tuesday", "2012-04-24"),
        ],
    );
}

#[test]
fn a_previous_session_is_the_trading_day_before() {
    // Monday 5 October 2009.
    assert_tags(
        "The dollar was at 88.45 from a previous session close of 88.58. The bill died in \
         the previous session of Congress.",
        Some("2009-10-05"),
        &[("previous session", "2009-10-02")],
    );
}

#[test]
fn a_date_half_a_year_away_in_no_tense_is_the_past_one() {
    // Thursday 10 September 2009: 9 March is about as near ahead as back.
    assert_tags(
        "The S&P stands 54 percent higher than its closing low on March 9.",
        Some("2009-09-10"),
        &[("March 9", "2009-03-09")],
    );
}

#[test]
fn figures_and_comparisons_stay_out_of_the_time() {
    // Friday 3 April 1987.
    assert_tags(
        "Mellon fell 3-5/8 to 40-3/4 today after plunging 6-1/4 yesterday. The bank sells \
         bills tomorrow under a 29-day accord. Profits rose in 1986 over 1985. The recall \
         covers model years 2001 and 2002 and a single 2041 bond. Rights expire July three \
         1987. Funds go to fiscal years 2010 and 2011.",
        Some("1987-04-03"),
        &[
            ("today", "1987-04-03"),
            ("yesterday", "1987-04-02"),
            ("tomorrow", "1987-04-04"),
            ("29-day", "P29D"),
            ("1986", "1986"),
            ("1985", "1985"),
            ("2001", "2001"),
            ("2002", "2002"),
            ("2041", "2041"),
            ("July three 1987", "1987-07-03"),
            ("fiscal years 2010", "2010"),
            ("2011", "2011"),
        ],
    );
}

#[test]
fn the_dateline_may_follow_a_headline_and_carry_a_date() {
    // Tuesday 11 October 2011 by the newsroom's clock.
    assert_tags(
        "Sony says hackers tried to sign in\nSEOUL, Oct 12 (Reuters) - Sony said on \
         Wednesday that hackers tried to sign in.",
        Some("2011-10-11"),
        &[("Oct 12", "2011-10-12"), ("Wednesday", "2011-10-12")],
    );
}

#[test]
fn a_passive_infinitive_looks_ahead_for_the_time_right_after_it() {
    // Monday 5 December 2011.
    assert_tags(
        "France and Germany agreed on fiscal controls, to be voted on Friday. The rule was \
         to be issued on Friday. He said in an interview to be published on Sunday that \
         talks would go on. A quirk led some payments to be shifted to July.",
        Some("2011-12-05"),
        &[
            ("Friday", "2011-12-09"),
            ("Friday", "2011-12-02"),
            ("Sunday", "2011-12-11"),
            ("July", "2011-07"),
        ],
    );
}

#[test]
fn this_week_in_a_plan_written_on_sunday_is_the_coming_one() {
    // Sunday 4 March 2007.
    assert_tags(
        "Paulson heads to Asia this week. He met Japanese officials this past week. Stocks \
         fell this week.",
        Some("2007-03-04"),
        &[
            ("this week", "2007-W10"),
            ("this past week", "2007-W09"),
            ("this week", "2007-W09"),
        ],
    );
}

#[test]
fn in_some_quarters_means_among_some_people() {
    // Monday 10 November 2008.
    assert_tags(
        "The plan was criticized in some quarters. Profits fell for several quarters. It \
         may be many quarters before they recover.",
        Some("2008-11-10"),
        &[("several quarters", "PXQ"), ("many quarters", "PXQ")],
    );
}

#[test]
fn the_early_hours_of_a_day_are_its_early_morning() {
    // Tuesday 19 March 2013.
    assert_tags(
        "A levy was agreed in Brussels in the early hours of Saturday. The deal was clinched \
         in the early hours of March 16.",
        Some("2013-03-19"),
        &[
            ("the early hours of Saturday", "2013-03-16TMO"),
            ("the early hours of March 16", "2013-03-16TMO"),
        ],
    );
}

#[test]
fn a_month_before_the_goods_names_a_futures_contract() {
    // Thursday 12 June 2008.
    assert_tags(
        "July corn was up 15 cents. November milling wheat in Paris settled up 3 euros. \
         Sales of wheat rose in May.",
        Some("2008-06-12"),
        &[
            ("July", "2008-07"),
            ("November", "2008-11"),
            ("May", "2008-05"),
        ],
    );
}

#[test]
fn future_before_a_name_is_an_adjective() {
    // Monday 31 August 2009.
    assert_tags(
        "He ran the Future Combat Systems program and will fly the future A350-1000. In the \
         future I will decide. The future of Europe is bright.",
        Some("2009-08-31"),
        &[("the future", "FUTURE_REF")],
    );
}

#[test]
fn half_of_a_sum_is_no_half_year() {
    // Tuesday 13 January 2009.
    assert_tags(
        "Senators asked how the first half of the $700 billion fund was spent. Sales rose in \
         the first half of 2008.",
        Some("2009-01-13"),
        &[("the first half of 2008", "2008-H1")],
    );
}
