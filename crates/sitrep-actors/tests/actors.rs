//! Recognition and resolution over hand-written sentences.

use sitrep_actors::{resolve_pronoun, ActorTagger};
use sitrep_model::{ActorKind, DateValue, Document, Entity, Precision, PublishedDate, Stage};

fn tag(text: &str) -> Document {
    tag_dated(text, None)
}

fn tag_dated(text: &str, date: Option<&str>) -> Document {
    let mut doc = Document::new("test", text);
    doc.published = date.map(|d| PublishedDate {
        date: DateValue {
            value: d.to_string(),
            precision: Precision::Day,
        },
        origin: "test".into(),
    });
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    ActorTagger::new().unwrap().run(&mut doc).unwrap();
    doc
}

/// One line per mention: span, text, entity name, code, rule.
fn render(doc: &Document) -> String {
    let mut out = String::new();
    for m in &doc.mentions {
        let e = &doc.entities[m.entity as usize];
        out.push_str(&format!(
            "{:?} {:?} -> {} [{}] {}\n",
            m.span, m.text, e.actor.name, e.actor.code, m.rule
        ));
    }
    out
}

fn entity<'d>(doc: &'d Document, name: &str) -> &'d Entity {
    doc.entities
        .iter()
        .find(|e| e.actor.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in\n{}", render(doc)))
}

fn mentions_of(doc: &Document, name: &str) -> Vec<String> {
    let i = doc
        .entities
        .iter()
        .position(|e| e.actor.name == name)
        .unwrap_or(usize::MAX);
    doc.mentions
        .iter()
        .filter(|m| m.entity as usize == i)
        .map(|m| m.text.clone())
        .collect()
}

#[test]
fn seat_of_power_by_metonymy() {
    let doc = tag("The Kremlin denied it.");
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.entities[0].actor.code, "RUSGOV");
    assert_eq!(doc.entities[0].actor.kind, ActorKind::Organisation);
    assert_eq!(doc.mentions[0].text, "The Kremlin");
    assert!(doc.mentions[0].rule.starts_with("actors/seats.tsv:"));
}

#[test]
fn leaders_with_country_titles() {
    let doc = tag("North Korean leader Kim Jong-un met Russian President Vladimir Putin.");
    insta::assert_snapshot!(render(&doc), @r#"
    20..31 "Kim Jong-un" -> Kim Jong-un [PRKGOV] actors/people.tsv:49
    54..68 "Vladimir Putin" -> Vladimir Putin [RUSGOV] actors/people.tsv:39
    "#);
    assert_eq!(
        entity(&doc, "Kim Jong-un").actor.country.as_deref(),
        Some("PRK")
    );
}

#[test]
fn hyphen_and_space_variants_are_one_person() {
    let doc = tag("Kim Jong Un spoke. Later Kim Jong-un left.");
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.mentions.len(), 2);
}

#[test]
fn case_rule_keeps_us_apart_from_the_us() {
    let doc = tag("Let us go to the US embassy.");
    assert_eq!(
        render(&doc).matches("United States").count(),
        0,
        "{}",
        render(&doc)
    );
    let doc = tag("Tell us what the US thinks.");
    assert_eq!(doc.mentions.len(), 1);
    assert_eq!(doc.mentions[0].text, "US");
}

#[test]
fn composites_of_country_and_agent() {
    let doc = tag("South Korean authorities and U.S. officials met Russian troops.");
    let codes: Vec<&str> = doc.entities.iter().map(|e| e.actor.code.as_str()).collect();
    assert_eq!(codes, ["KORGOV", "USAGOV", "RUSMIL"]);
    assert!(doc.mentions.iter().all(|m| m.rule == "rule:composite"));
}

#[test]
fn apposition_person_takes_country_and_role() {
    let doc = tag("Maria Lopez, the deputy French ambassador to the UN, said the vote failed.");
    let e = entity(&doc, "Maria Lopez");
    assert_eq!(e.actor.code, "FRAGOV");
    assert_eq!(
        e.actor.role.as_deref(),
        Some("deputy French ambassador to the UN")
    );
}

#[test]
fn name_before_apposition_without_given_name() {
    let doc = tag("Liechtenstein's UN ambassador, Otmar Brugger, asked for a vote.");
    let e = entity(&doc, "Otmar Brugger");
    assert_eq!(e.actor.code, "LIEGOV");
    assert_eq!(e.rule, "rule:title-apposition");
}

#[test]
fn long_formal_title_before_a_name() {
    let doc = tag(
        "Deputy Assistant Secretary of Defense for Space Policy Mark Tolan said the threat grew.",
    );
    let e = entity(&doc, "Mark Tolan");
    assert_eq!(e.actor.code, "USAMIL");
    assert_eq!(
        e.actor.role.as_deref(),
        Some("Deputy Assistant Secretary of Defense for Space Policy")
    );
}

#[test]
fn surname_links_to_earlier_full_name() {
    let doc = tag(
        "Peter Gram, a spokesman for the Danish foreign ministry, spoke on Monday. \
         Gram said the talks would resume.",
    );
    assert_eq!(mentions_of(&doc, "Peter Gram"), ["Peter Gram", "Gram"]);
    assert_eq!(entity(&doc, "Peter Gram").actor.code, "DNKGOV");
}

#[test]
fn same_surname_goes_to_the_most_recent_person_outside_titles() {
    let doc = tag("North Korean leader Kim Jong-un ordered new tests. \
         Kim Chol, North Korea's deputy UN ambassador, defended them. \
         Kim told the council the tests were lawful.");
    assert_eq!(mentions_of(&doc, "Kim Chol"), ["Kim Chol", "Kim"]);
    assert_eq!(mentions_of(&doc, "Kim Jong-un"), ["Kim Jong-un"]);
    assert_eq!(entity(&doc, "Kim Chol").actor.code, "PRKGOV");
}

#[test]
fn title_picks_the_person_holding_it() {
    let doc = tag(
        "Kim Chol, North Korea's deputy UN ambassador, spoke first. \
         Chairman Kim later praised the army.",
    );
    assert!(mentions_of(&doc, "Kim Jong-un").is_empty());
    let doc = tag("Kim Jong-un met Kim Chol. Chairman Kim later praised the army.");
    assert_eq!(mentions_of(&doc, "Kim Jong-un"), ["Kim Jong-un", "Kim"]);
}

#[test]
fn two_names_for_one_unique_post_are_flagged() {
    let doc = tag(
        "Alan Reed, the White House coordinator for energy policy, spoke on Friday. \
         Later Coordinator Brandt repeated the warning.",
    );
    let reed = entity(&doc, "Alan Reed");
    let brandt = entity(&doc, "Brandt");
    assert_eq!(reed.actor.code, "USAGOV");
    assert_eq!(reed.flags.len(), 1, "{:?}", reed.flags);
    assert!(reed.flags[0].contains("Brandt"));
    assert!(brandt.flags[0].contains("Alan Reed"));
}

#[test]
fn the_same_name_twice_is_not_a_conflict() {
    let doc = tag("Alan Reed, the NSC coordinator, spoke. Coordinator Reed left.");
    assert!(
        doc.entities.iter().all(|e| e.flags.is_empty()),
        "{:?}",
        doc.entities
    );
}

#[test]
fn definite_description_links_to_named_official() {
    let doc = tag(
        "John Hill, an assistant secretary of defense, testified on Tuesday. \
         The Pentagon official said Russia was helping Iran.",
    );
    assert_eq!(
        mentions_of(&doc, "John Hill"),
        ["John Hill", "The Pentagon official"]
    );
    assert_eq!(entity(&doc, "John Hill").actor.code, "USAMIL");
}

#[test]
fn indefinite_description_is_its_own_actor() {
    let doc = tag("A senior Pentagon official said the tests failed.");
    let e = &doc.entities[0];
    assert_eq!(e.actor.code, "USAMIL");
    assert_eq!(e.actor.kind, ActorKind::Person);
    assert_eq!(e.rule, "rule:description");
}

#[test]
fn the_north_needs_a_korea_context() {
    let doc = tag("Talks with Pyongyang stalled and the North fired a missile.");
    assert!(mentions_of(&doc, "North Korea").contains(&"the North".to_string()));
    let doc = tag("Voters in the North backed the plan.");
    assert!(doc.mentions.is_empty(), "{}", render(&doc));
}

#[test]
fn possessives_and_curly_apostrophes() {
    let doc = tag("Russia’s invasion worried Japan's premier in Beijing.");
    let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Russia", "Japan's premier", "Beijing"]);
    assert_eq!(entity(&doc, "Japan's premier").actor.code, "JPNGOV");
    assert_eq!(entity(&doc, "Beijing").actor.code, "CHNGOV");
}

#[test]
fn two_countries_joined_make_no_composite() {
    let doc = tag("North Korea-Russia military ties grew.");
    let codes: Vec<&str> = doc.entities.iter().map(|e| e.actor.code.as_str()).collect();
    assert_eq!(codes, ["PRK", "RUS"]);
}

#[test]
fn dated_codes_follow_the_publication_date() {
    let text = "Antony Blinken visited Seoul.";
    assert_eq!(
        entity(&tag_dated(text, Some("2023-11-09")), "Antony Blinken")
            .actor
            .code,
        "USAGOV"
    );
    let later = tag_dated(text, Some("2026-03-01"));
    assert_eq!(entity(&later, "Antony Blinken").actor.code, "USAELI");
}

#[test]
fn speech_verb_makes_an_unknown_name_a_person() {
    let doc = tag("Okonjo told reporters the deal was done.");
    assert_eq!(doc.entities[0].actor.kind, ActorKind::Person);
    assert_eq!(doc.mentions[0].rule, "rule:speech-subject");
    let doc = tag("Afterwards the markets rallied.");
    assert!(doc.entities.is_empty());
}

#[test]
fn pronouns_prefer_compatible_gender() {
    let text = "Antony Blinken met Dorothy Camille Shea. She said the talks went well.";
    let doc = tag(text);
    let she = text.find(". She").unwrap() + 2;
    let shea = resolve_pronoun(&doc, she, "She").unwrap();
    assert_eq!(
        doc.entities[shea as usize].actor.name,
        "Dorothy Camille Shea"
    );
    let he = resolve_pronoun(&doc, she, "he").unwrap();
    assert_eq!(doc.entities[he as usize].actor.name, "Antony Blinken");
    assert_eq!(resolve_pronoun(&doc, she, "they"), None);
}

#[test]
fn sentence_initial_capitals_are_not_people() {
    let doc = tag("Meanwhile prices rose. Published on Monday.\nContinue Reading");
    assert!(doc.entities.is_empty(), "{}", render(&doc));
}

#[test]
fn spans_are_on_char_boundaries_in_messy_text() {
    let doc = tag("«Россия» — Kim Jong-un’s “envoy” met 北朝鮮 officials in Pyongyang…");
    for m in &doc.mentions {
        assert_eq!(
            doc.text.get(m.span.start()..m.span.end()),
            Some(m.text.as_str())
        );
    }
    assert!(mentions_of(&doc, "Pyongyang").contains(&"Pyongyang".to_string()));
}

#[test]
fn invented_briefing_fixture() {
    let text = include_str!("fixtures/briefing.txt");
    let doc = tag_dated(text, Some("2024-03-21"));
    let mut out = render(&doc);
    out.push_str("--\n");
    for e in &doc.entities {
        out.push_str(&format!(
            "{} [{}] {:?} role={:?} flags={}\n",
            e.actor.name,
            e.actor.code,
            e.actor.kind,
            e.actor.role,
            e.flags.len()
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn inline_dictionaries_build_a_tagger() {
    let mut d = sitrep_actors::Dictionaries::embedded().unwrap();
    d.people = sitrep_data::parse(
        "inline/people.tsv",
        "# sitrep-dict 1\n# kind: actor-people\n# columns: name variants code role from to gender\n\
         Ana Ruiz\tRuiz\tESPGOV\tforeign minister\t2030-01-01\t\tf\n",
    )
    .unwrap();
    let tagger = ActorTagger::from_dictionaries(&d).unwrap();
    let mut doc = Document::new("t", "Ruiz met Spanish troops.");
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    tagger.run(&mut doc).unwrap();
    assert_eq!(doc.entities[0].actor.name, "Ana Ruiz");
    assert_eq!(doc.mentions[0].rule, "inline/people.tsv:4");
    assert_eq!(doc.entities[1].actor.code, "ESPMIL");
}

#[test]
fn bad_rows_are_all_reported() {
    let mut d = sitrep_actors::Dictionaries::embedded().unwrap();
    d.people = sitrep_data::parse(
        "inline/people.tsv",
        "# sitrep-dict 1\n# kind: actor-people\n# columns: name variants code role from to gender\n\
         A B\t\tusa\n\
         C D\t\tUSAGOV\t\t2020-13\n",
    )
    .unwrap();
    let errors = ActorTagger::from_dictionaries(&d)
        .err()
        .unwrap()
        .to_string();
    assert!(errors.contains("inline/people.tsv:4") && errors.contains("inline/people.tsv:5"));
}

#[test]
fn works_without_a_sentence_layer() {
    let mut doc = Document::new("t", "Pyongyang fired a missile.");
    ActorTagger::new().unwrap().run(&mut doc).unwrap();
    assert_eq!(doc.entities[0].actor.code, "PRKGOV");
}

#[test]
fn a_sentence_opening_pronoun_becomes_a_mention_of_its_person() {
    let mut doc = sitrep_model::Document::new(
        "t",
        "Vladimir Putin met the delegation on Monday. He praised the talks. His aides left. \
         He Said nothing.",
    );
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    sitrep_model::Stage::run(&ActorTagger::new().unwrap(), &mut doc).unwrap();
    let pronouns: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| m.rule == "pronoun")
        .collect();
    assert_eq!(pronouns.len(), 1, "{pronouns:?}");
    let entity = &doc.entities[pronouns[0].entity as usize];
    assert_eq!(entity.actor.name, "Vladimir Putin");
    assert!(doc
        .mentions
        .windows(2)
        .all(|w| w[0].span.start() <= w[1].span.start()));
}
