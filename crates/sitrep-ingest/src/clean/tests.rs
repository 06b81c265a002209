use super::*;

fn doc(text: &str) -> Document {
    let raw = RawArticle::new("t.txt", Format::Text, text.as_bytes().to_vec());
    to_document(raw, &IngestOptions::default()).unwrap()
}

/// A scraped page in the style of the seeds, written for this test.
const SCRAPED: &str = "The Harbour Times\n\n\nFishing fleets return as storm season ends: coast guard\n\nBy Coastal Wire\n\nPublished : March 4, 2023 - 14:45\n\n    • Link copied\n\nBoats line the pier at dawn. (CW) Boats line the pier at dawn. (CW)\n\nFishing crews began returning to the northern ports on Friday, the coast guard said, after a storm season that kept most boats ashore for six weeks.\n\nThe agency said the harbours were safe again. Crews welcomed the news.\n\n\"We are ready to go back out,\" one captain said. (Coastal Wire)\n";

#[test]
fn scraped_page_is_cleaned() {
    let d = doc(SCRAPED);
    assert_eq!(
        d.title.as_deref(),
        Some("Fishing fleets return as storm season ends: coast guard")
    );
    assert_eq!(d.byline.as_deref(), Some("Coastal Wire"));
    let date = d.published.as_ref().unwrap();
    assert_eq!(date.date.value, "2023-03-04T14:45");
    // The caption scraped twice keeps one copy: it says what the photo shows.
    assert!(
        d.text
            .starts_with("Boats line the pier at dawn. (CW)\n\nFishing crews began returning"),
        "{}",
        d.text
    );
    assert!(d.text.contains("Crews welcomed the news."));
    assert!(d.text.ends_with("one captain said. (Coastal Wire)"));
    let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.starts_with("share widget")),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"second copy of a caption scraped twice"),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"date line"));
    assert_eq!(d.language.as_deref(), Some("en"));
}

#[test]
fn navigation_labels_and_tail_go() {
    let text = "Connect with us\n\nBusiness\n\nMill town bets on solar panels to save its jobs\n\nPublished\n\non\n\nMill town bets on solar panels to save its jobs\n\nThe old paper mill will reopen as a solar panel plant next spring, the owners said on Tuesday, keeping two hundred jobs in the valley.\n\n0 160\n\n|\n\nTom Reed is a writer and journalist for Valley Notes. He covers industry.\n\nAbout Author\n\nLeave a Reply\n\nContinue Reading";
    let d = doc(text);
    assert_eq!(d.text, "The old paper mill will reopen as a solar panel plant next spring, the owners said on Tuesday, keeping two hundred jobs in the valley.");
    assert_eq!(
        d.title.as_deref(),
        Some("Mill town bets on solar panels to save its jobs")
    );
    let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(reasons.contains(&"section label"), "{reasons:?}");
    assert!(reasons.contains(&"duplicate of title"), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("author bio")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("share/view counter")),
        "{reasons:?}"
    );
    assert!(d
        .diagnostics
        .contains(&"no publication date found".to_string()));
    assert!(d.published.is_none());
}

#[test]
fn credits_give_outlets() {
    let text = "Talks resume on river treaty\n2022-08-15 10:30:00\nDiplomats from both countries met again on Monday to discuss the shared river, officials said.\n[서울=뉴시스]\nSource: Donga\n(作者:某人)";
    let d = doc(text);
    assert_eq!(d.outlet.as_deref(), Some("Dong-A Ilbo"));
    assert!(
        d.diagnostics.iter().any(|x| x.contains("Newsis")),
        "{:?}",
        d.diagnostics
    );
    assert_eq!(d.text, "Diplomats from both countries met again on Monday to discuss the shared river, officials said.");
    assert_eq!(d.published.unwrap().date.value, "2022-08-15T10:30");
    let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(reasons.contains(&"non-article script line"), "{reasons:?}");
}

#[test]
fn sentences_starting_with_by_are_not_bylines() {
    for first in [
        "By contrast, officials said the plan would fail",
        "By Monday, officials said the road was open",
    ] {
        let text = format!(
            "Road plan in doubt\n{first}\nThe minister declined to comment on the plan on Friday."
        );
        let d = doc(&text);
        assert!(d.text.starts_with(first), "{first}: {}", d.text);
        assert_eq!(d.byline, None);
    }
    let d = doc("Road plan in doubt\nBy Jane van Roe, Staff Writer\nThe minister declined to comment on the plan on Friday.");
    assert_eq!(d.byline.as_deref(), Some("Jane van Roe"));
}

#[test]
fn wire_credit_at_end() {
    let d = doc("Rail link opens between two border towns\nThe first train crossed the border on Sunday morning, carrying officials and reporters. (Yonhap)");
    assert_eq!(d.outlet.as_deref(), Some("Yonhap"));
}

#[test]
fn long_lines_and_plain_text_survive() {
    // No title-like first line: nothing is dropped.
    let text = "Prices rose again in May. Economists expect a pause, officials said.\nThe bank meets on Thursday.";
    let d = doc(text);
    assert_eq!(d.text, text);
    assert!(d.removed.is_empty());
    // A hard-wrapped first line that continues on the next one is not a title.
    let wrapped = "Central bank raises rates by a quarter point on Tuesday\nciting inflation that has stayed above target for a year.";
    assert_eq!(doc(wrapped).text, wrapped);
}

#[test]
fn ids_are_stable_and_whitespace_blind() {
    let a = doc("Ferry service restarts\n\nThe island ferry restarted service on Monday after repairs, the operator said.");
    let b = doc("Ferry service restarts\n\nThe island  ferry restarted service on Monday after repairs,   the operator said.\n");
    assert_eq!(a.id, b.id);
    assert_eq!(a.id.len(), 32);
}

#[test]
fn empty_and_binary_are_skipped() {
    let opts = IngestOptions::default();
    let empty = RawArticle::new("e.txt", Format::Text, b"  \n ".to_vec());
    assert!(to_document(empty, &opts)
        .unwrap_err()
        .reason
        .contains("empty"));
    let only_junk = RawArticle::new("j.txt", Format::Text, b"Share\n|\nLeave a Reply\n".to_vec());
    assert!(to_document(only_junk, &opts)
        .unwrap_err()
        .reason
        .contains("empty after cleaning"));
    let bin = RawArticle::new(
        "b.bin",
        Format::Text,
        vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2],
    );
    assert!(to_document(bin, &opts)
        .unwrap_err()
        .reason
        .contains("binary"));
}

#[test]
fn non_english_is_kept_with_a_diagnostic() {
    let d = doc("Le conseil municipal a voté mardi un nouveau budget pour les écoles de la ville, selon le maire.");
    assert_eq!(d.language.as_deref(), Some("fr"));
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.starts_with("language is fr")));
}

#[test]
fn container_metadata_wins() {
    let mut raw = RawArticle::new(
        "c.jsonl:1",
        Format::Text,
        b"Bridge reopens\nThe bridge reopened on Monday after a year of repairs, the city said."
            .to_vec(),
    );
    raw.title = Some("Bridge reopens".into());
    raw.date = Some("2021-06-07".into());
    raw.outlet = Some("AP".into());
    let d = to_document(raw, &IngestOptions::default()).unwrap();
    assert_eq!(
        d.text,
        "The bridge reopened on Monday after a year of repairs, the city said."
    );
    assert_eq!(d.outlet.as_deref(), Some("Associated Press"));
    let p = d.published.unwrap();
    assert_eq!(
        (p.date.value.as_str(), p.origin.as_str()),
        ("2021-06-07", "container")
    );
}

#[test]
fn html_goes_through_extraction() {
    let page = "<html><head><meta charset=\"windows-1252\"><title>Mayor resigns</title></head><body><article><p>The mayor resigned on Friday after a vote of no confidence, the council said DASH ending a long dispute.</p></article></body></html>";
    let raw = RawArticle::new("p.html", Format::Html, page.as_bytes().to_vec());
    let mut bytes = raw.body.clone();
    // make the dash a real windows-1252 byte
    let pos = bytes.windows(4).position(|w| w == b"DASH").unwrap();
    bytes.splice(pos..pos + 4, [0x96]);
    let raw = RawArticle { body: bytes, ..raw };
    let d = to_document(raw, &IngestOptions::default()).unwrap();
    assert!(d.text.contains("council said – ending"), "{}", d.text);
    assert_eq!(d.title.as_deref(), Some("Mayor resigns"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Share",
        "Published",
        "on",
        "|",
        "By Ana Ruiz",
        "2020-01-02 10:00",
        "Source: AP",
        "[서울=뉴시스]",
        "(作者:某)",
        "0 12",
        "Leave a Reply",
        "Ship talks resume",
        "The ministers met on Tuesday and agreed to resume talks, officials said.",
        "Prices rose. Wages did not.",
        "",
        "  ",
        "\u{feff}",
        "é",
        "\r",
    ];

    proptest! {
        /// Whatever the input, the cleaner only removes whole lines: every kept line is
        /// an input line, and every input line is kept or listed as removed.
        #[test]
        fn cleaner_keeps_or_accounts_for_every_line(idx in proptest::collection::vec(0..PIECES.len(), 0..30)) {
            let text = idx.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join("\n");
            let (body, removed, _) = clean_text(&text, None);
            let input: Vec<String> = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
            let kept: Vec<&str> = body.lines().filter(|l| !l.is_empty()).collect();
            prop_assert_eq!(kept.len() + removed.len(), input.len());
            for line in kept {
                prop_assert!(input.iter().any(|l| l == line));
            }
        }

        #[test]
        fn to_document_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400), html in any::<bool>()) {
            let format = if html { Format::Html } else { Format::Text };
            let _ = to_document(RawArticle::new("p", format, bytes), &IngestOptions::default());
        }
    }
}

#[test]
fn a_paragraph_scraped_twice_keeps_one_copy() {
    let para = "ARDEN, May 2 - The Arden statistics office said exports rose by a tenth in the \
                first quarter, helped by grain sales abroad. Imports fell for the third quarter \
                in a row as fuel prices eased, the office said in its monthly bulletin. Officials \
                expect the trade surplus to narrow later this year as the harvest ends.";
    let d = doc(&format!("{para} {para}\n"));
    assert_eq!(d.text.trim(), para);
    assert!(d.removed.iter().any(|r| r.reason.contains("scraped twice")));
}

#[test]
fn a_short_caption_scraped_twice_keeps_one_copy() {
    // What the photo shows is news too (who met where, and when); the copy is the artefact.
    let caption = "The envoy arrives at the ministry on Monday. (Photo agency)";
    let d = doc(&format!(
        "Envoy visits ministry\n{caption} {caption}\nThe envoy met the minister for two hours and \
         discussed the border talks, officials said.\n"
    ));
    assert_eq!(d.text.matches("The envoy arrives").count(), 1, "{}", d.text);
}

#[test]
fn a_menu_row_is_navigation_not_the_title() {
    let d = doc("DAILY LEDGER\nHome | World | Markets | Sport | Opinion\n\nPort workers end strike after pay deal\n\nDock workers in the capital returned to work on Tuesday after the union accepted a new pay offer, ending a strike that had lasted nine days.\n");
    assert_eq!(
        d.title.as_deref(),
        Some("Port workers end strike after pay deal")
    );
    assert!(d.removed.iter().any(|r| r.reason == "navigation menu"));
}

#[test]
fn outlet_from_masthead_copyright_and_dateline_credit() {
    let masthead = doc("THE NORTHERN LANTERN\n\nCouncil approves new bridge over the river\n\nThe city council voted on Tuesday to build a second bridge across the river, ending a decade of debate about traffic in the old town.\n");
    assert_eq!(masthead.outlet.as_deref(), Some("The Northern Lantern"));
    let copyright = doc("Council approves new bridge over the river\n\nThe city council voted on Tuesday to build a second bridge across the river, ending a decade of debate about traffic in the old town.\n\n© 2025 Riverside Herald. All rights reserved.\n");
    assert_eq!(copyright.outlet.as_deref(), Some("Riverside Herald"));
    let wire = doc("Council approves new bridge\n\nLINDHOLM, May 2 (Nordwire) - The city council voted on Tuesday to build a second bridge across the river, ending a decade of debate.\n");
    assert_eq!(wire.outlet.as_deref(), Some("Nordwire"));
}

#[test]
fn a_title_case_headline_is_not_a_masthead() {
    let d = doc("Storm Hits Coast\n\nHeavy rain flooded streets in the harbour district on Sunday, and the fire brigade pumped water from dozens of cellars overnight.\n");
    assert_eq!(d.outlet, None);
}

#[test]
fn a_section_label_after_a_widget_line_is_not_a_masthead() {
    let d = doc("Connect with us\n\nWorld\n\nCouncil approves new bridge over the river\n\nThe city council voted on Tuesday to build a second bridge across the river, ending a decade of debate about traffic in the old town.\n");
    assert_eq!(d.outlet, None);
}

#[test]
fn language_english_french_and_too_short() {
    let en = doc("The minister said on Monday that the talks with the union were going well and that a deal could be signed within weeks, although several points of the plan remain open.\n");
    assert_eq!(en.language.as_deref(), Some("en"));
    let fr = doc("Le ministre a déclaré lundi que les discussions avec les syndicats avançaient bien et qu'un accord pourrait être signé dans les semaines qui viennent, même si plusieurs points du plan restent ouverts et que les syndicats veulent davantage de temps.\n");
    assert_eq!(fr.language.as_deref(), Some("fr"));
}

#[test]
fn squash_matches_split_whitespace() {
    let samples = [
        "",
        "   ",
        " a  b\t\nc ",
        "a\u{a0}b\u{3000}c\u{85}d\u{2009}e\u{202f}f",
        "caf\u{e9} na\u{ef}ve \u{2014} \u{1680}x\u{e1}\u{e2}",
        "\u{feff}zero width no-break is not whitespace",
        "\r\n\x0b\x0cword\x0b",
    ];
    for s in samples {
        assert_eq!(
            squash(s),
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}

mod squash_props {
    use super::super::squash;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn squash_is_split_whitespace_joined(s in "[ a\\t\\n\u{a0}\u{3000}\u{85}\u{2028}\u{e9}\u{1680}\u{feff}é漢]{0,40}") {
            prop_assert_eq!(squash(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

#[test]
fn labelled_photo_captions_go() {
    let d = doc("Port reopens after strike\n\nPhoto: Cranes stand idle at the port. Photo: Cranes stand idle at the port.\n\nDock workers returned to the port on Monday after a two-week strike, the union said.\n");
    assert!(!d.text.contains("Cranes"), "{}", d.text);
    let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(reasons.contains(&"photo caption"), "{reasons:?}");
}
