use super::*;

/// The day and origin found in `html`.
fn date(html: &str, url: Option<&str>) -> Option<(String, String)> {
    publication_date(html.as_bytes(), url).map(|d| (d.date.value, d.origin))
}

fn day(html: &str) -> Option<String> {
    date(html, None).map(|(d, _)| d)
}

const BODY: &str = "<p>The council approved the new bridge budget after a long debate.</p>";

#[test]
fn data_file_loads() {
    let s = sources();
    assert!(s.meta.contains_key("article:published_time"));
    assert!(s.modified.iter().any(|k| k == "article:modified_time"));
    assert_eq!(s.months.get("märz"), Some(&3));
    assert_eq!(s.json.get("datePublished"), Some(&0));
    assert!(s.hints.keys.iter().any(|h| h == "date"));
    assert_eq!(s.hints.best("post-date entry"), s.hints.best("date"));
    assert_eq!(s.hints.best("sidebar"), None);
}

#[test]
fn meta_published_time_wins_over_update() {
    let page = format!(
        r#"<html><head><meta property="article:modified_time" content="2021-07-05T10:00:00Z">
        <meta property="article:published_time" content="2021-06-03T08:00:00Z"></head>
        <body>{BODY}<p>Posted 3 June 2021</p></body></html>"#
    );
    assert_eq!(
        date(&page, None),
        Some(("2021-06-03".into(), "html:meta".into()))
    );
}

#[test]
fn json_ld_date_published() {
    let page = format!(
        r#"<script type="application/ld+json">{{"@type":"NewsArticle",
        "dateModified":"2019-04-02T10:00:00Z","datePublished":"2019-04-01T09:00:00Z"}}</script>
        <body>{BODY}<span>1 April 2019</span></body>"#
    );
    assert_eq!(
        date(&page, None),
        Some(("2019-04-01".into(), "json-ld".into()))
    );
}

#[test]
fn other_meta_keys_that_name_a_date() {
    let page = r#"<meta property="gallery:created_at" content="2013-02-16T04:36:36-05:00">"#;
    assert_eq!(day(page).as_deref(), Some("2013-02-16"));
    let updated = r#"<meta property="gallery:updated_date" content="2013-02-16">"#;
    assert_ne!(
        date(updated, None).map(|d| d.1).as_deref(),
        Some("html:meta")
    );
    let parsely =
        r#"<meta name="parsely-page" content='{"title":"x","pub_date":"2018-10-09T12:00:00Z"}'>"#;
    assert_eq!(day(parsely).as_deref(), Some("2018-10-09"));
}

#[test]
fn microdata_and_time_elements() {
    let itemprop = format!(
        "<body><div><span itemprop=\"datePublished\">12 May 2016</span></div>{BODY}</body>"
    );
    assert_eq!(day(&itemprop).as_deref(), Some("2016-05-12"));
    let time = format!(
        "<body><time class=\"updated\" datetime=\"2017-02-02\">x</time>\
         <time datetime=\"2017-01-30T12:00\">x</time>{BODY}</body>"
    );
    assert_eq!(
        date(&time, None),
        Some(("2017-01-30".into(), "html:time".into()))
    );
}

#[test]
fn a_day_in_the_url_path_comes_first() {
    let page = format!("<body><div class=\"date\">4 May 2018</div>{BODY}</body>");
    assert_eq!(
        date(&page, Some("https://news.example/2018/05/03/bridge-budget")),
        Some(("2018-05-03".into(), "url".into()))
    );
    let canonical = r#"<link rel="canonical" href="https://news.example/2015/11/20/story">"#;
    assert_eq!(day(canonical).as_deref(), Some("2015-11-20"));
}

#[test]
fn date_elements_by_class() {
    let page = format!(
        "<body><div class=\"post-date\">am 25.08.2015 22:30</div>{BODY}\
         <div class=\"comment-date\">30.08.2015</div></body>"
    );
    assert_eq!(
        date(&page, None),
        Some(("2015-08-25".into(), "html:date element".into()))
    );
    let short = format!("<body><span class=\"datum\">31.10.23</span>{BODY}</body>");
    assert_eq!(day(&short).as_deref(), Some("2023-10-31"));
    // Two-digit years only count inside a date element.
    assert_eq!(day("<p>Version 3.10.23 is out.</p>"), None);
    let titled = "<div class=\"news-time\" title=\"2020-09-20T14:20:02Z\">an hour ago</div>";
    assert_eq!(day(titled).as_deref(), Some("2020-09-20"));
}

#[test]
fn dates_after_a_published_label() {
    let page = format!(
        "<body><p>The festival ran from 1 March 2021 to 9 March 2021.</p>\
         <p>Published on 14 March 2021</p>{BODY}</body>"
    );
    assert_eq!(
        date(&page, None),
        Some(("2021-03-14".into(), "html:text".into()))
    );
}

#[test]
fn most_frequent_date_as_last_resort() {
    let page = "<body><p>Meeting of 2 May 2019.</p><p>Minutes, 3 May 2019.</p>\
                <p>Approved 3 May 2019.</p></body>";
    assert_eq!(
        date(page, None),
        Some(("2019-05-03".into(), "html:frequent".into()))
    );
    let markup_only = r#"<body><img src="/media/2020/04/17/photo.jpg"><p>No date here.</p></body>"#;
    assert_eq!(day(markup_only).as_deref(), Some("2020-04-17"));
}

#[test]
fn first_stamp_below_the_title_beats_the_most_frequent_date() {
    let page = |stamp: &str| {
        format!(
            "<body><h1>Harbour reopens</h1><p>Photo: the pier at dawn, taken on 2 May 2019 \
             by a reader who walks there every morning before work.</p>{stamp}{BODY}\
             <p>On 9 May 2019 the ferry returned to the harbour for the first time since the storm.</p><p>Ann wrote on 9 May 2019 that the pier looks better than it has in years.</p></body>"
        )
    };
    assert_eq!(
        date(&page("<p>Posted by Ann Lee, 4 May 2019</p>"), None),
        Some(("2019-05-04".into(), "html:after title".into()))
    );
    // A dateline opens a long first paragraph.
    let dateline = page("<p>Bergen, (4.5.2019). The harbour reopened after a long winter of repairs to the pier.</p>");
    assert_eq!(day(&dateline).as_deref(), Some("2019-05-04"));
    // A date inside a sentence is no stamp: the most frequent date stays the answer.
    assert_eq!(
        date(&page(""), None),
        Some(("2019-05-09".into(), "html:frequent".into()))
    );
}

#[test]
fn a_shown_stamp_beats_a_hidden_generic_date_meta() {
    let page = format!(
        r#"<meta name="date" content="2020-02-12"><body><h1>Fair trade</h1>
        <div class="news-timedata">05.02.2020 - Editor: Ann Lee</div>{BODY}</body>"#
    );
    assert_eq!(
        date(&page, None),
        Some(("2020-02-05".into(), "html:shown".into()))
    );
}

#[test]
fn update_wins_when_only_the_update_is_shown() {
    let page = |shown: &str| {
        format!(
            r#"<script type="application/ld+json">{{"datePublished":"2020-01-10",
            "dateModified":"2020-03-06"}}</script><body><p>{shown}</p>{BODY}</body>"#
        )
    };
    assert_eq!(day(&page("6 March 2020")).as_deref(), Some("2020-03-06"));
    assert_eq!(day(&page("10 January 2020")).as_deref(), Some("2020-01-10"));
    assert_eq!(day(&page("no dates")).as_deref(), Some("2020-01-10"));
}

#[test]
fn local_day_of_a_utc_timestamp() {
    let page = format!(
        r#"<meta property="article:published_time" content="2020-02-25T03:10:00+00:00">
        <body><div class="byline-date">February 24, 2020 10:10pm</div>{BODY}</body>"#
    );
    assert_eq!(
        date(&page, None),
        Some(("2020-02-24".into(), "html:shown".into()))
    );
}

#[test]
fn a_shown_body_stamp_beats_a_hidden_one() {
    let page = format!(
        "<body><aside><time datetime=\"2019-07-30\"></time></aside>\
         <h1>Bridge</h1><p>Published on 27 June 2019</p>{BODY}</body>"
    );
    assert_eq!(
        date(&page, None),
        Some(("2019-06-27".into(), "html:shown".into()))
    );
    // Metadata is not overruled by a body stamp: only by its own neighbouring day.
    let meta = format!(
        "<meta property=\"article:published_time\" content=\"2019-07-30\">\
         <body><p>Published on 27 June 2019</p>{BODY}</body>"
    );
    assert_eq!(day(&meta).as_deref(), Some("2019-07-30"));
}

#[test]
fn implausible_years_are_ignored() {
    let page = r#"<meta property="article:published_time" content="1970-01-01T00:00:00Z">
        <body><p>Posted: 5 June 2012</p></body>"#;
    assert_eq!(day(page).as_deref(), Some("2012-06-05"));
    assert_eq!(day("<p>Published 4 July 1776</p>"), None);
}

#[test]
fn month_names_in_several_languages() {
    for (text, want) in [
        ("Veröffentlicht am 14. März 2020", "2020-03-14"),
        ("Pubblicato il 14 gennaio 2020", "2020-01-14"),
        ("Publicado el 3 de marzo de 2021", "2021-03-03"),
        ("Publié le 2 août 2019", "2019-08-02"),
        ("Posted Sept. 9, 2018", "2018-09-09"),
        ("Veröffentlicht am 06. Mär. 2023", "2023-03-06"),
        ("Publié le 30 juil. 2019", "2019-07-30"),
        ("Publicado el 3 dic. 2021", "2021-12-03"),
    ] {
        assert_eq!(
            day(&format!("<p>{text}</p>")).as_deref(),
            Some(want),
            "{text}"
        );
    }
}

#[test]
fn numeric_dates_only_when_unambiguous() {
    assert_eq!(
        day("<p>Posted 4/23/2019</p>").as_deref(),
        Some("2019-04-23")
    );
    assert_eq!(
        day("<p>Posted 23.04.2019</p>").as_deref(),
        Some("2019-04-23")
    );
    assert_eq!(day("<p>Posted 05/06/2021</p>"), None);
    // German stamps set the parts apart with (thin) spaces.
    assert_eq!(
        day("<div class=\"publish-date\">By Ann Lee 4.&thinsp;2.&thinsp;2022</div>").as_deref(),
        Some("2022-02-04")
    );
}

#[test]
fn legacy_encodings_are_decoded() {
    let page = b"<meta charset=\"windows-1252\"><p>Ver\xf6ffentlicht: 3. M\xe4rz 2022</p>";
    let d = publication_date(page, None).map(|d| d.date.value);
    assert_eq!(d.as_deref(), Some("2022-03-03"));
}

#[test]
fn survives_broken_markup() {
    for page in [
        "",
        "<",
        "<<<>>>",
        "<!--",
        "<meta content=\"2020-01-01",
        "<meta name=date content='2020-01-01",
        "<script>var a = '2020-01-01'",
        "<p class=\"date>2020-01-01",
        "<time datetime=>",
        "</",
        "<a b c d e=f g='h' i=\"j\"/>",
        "é<é>é</é>",
    ] {
        let _ = publication_date(page.as_bytes(), None);
    }
    assert_eq!(
        day("<meta name=date content=2020-01-02>").as_deref(),
        Some("2020-01-02")
    );
}

#[test]
fn weak_json_outside_json_ld() {
    let page = r#"<script>window.cfg = {"publishDate":"2019-05-05T10:00:00Z"};</script>
        <body><p>Nothing dated here.</p></body>"#;
    assert_eq!(date(page, None), Some(("2019-05-05".into(), "json".into())));
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_markup(s in "(<[a-z!/]{0,6}( [a-z-]{1,8}(=['\"]?[^<>]{0,12}['\"]?)?){0,3}>?|[^<]{0,20}|é|&nbsp;){0,40}") {
        let _ = publication_date(s.as_bytes(), Some(&s));
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(b in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = publication_date(&b, None);
    }
}

#[test]
fn space_entities_match_replacing_each_in_turn() {
    for raw in [
        "a&nbsp;b&#160;c&thinsp;d&#8201;e&amp;f",
        "&amp;nbsp; &&nbsp;; &am&nbsp;p; tail&",
        "no entities",
        "&copy; 2021 &amp",
    ] {
        let chained = raw
            .replace("&nbsp;", " ")
            .replace("&#160;", " ")
            .replace("&thinsp;", " ")
            .replace("&#8201;", " ")
            .replace("&amp;", "&");
        assert_eq!(space_entities(raw), chained);
    }
}

#[test]
fn pushed_text_squashes_across_pieces() {
    let mut out = String::new();
    for piece in ["  Published", "\n\u{a0} 3 May", "2021 ", " ", "x"] {
        push_text(&mut out, piece);
    }
    assert_eq!(out, "Published 3 May2021 x");
}
