//! Hand-written fixtures for every cue position, pronouns, paragraphs and messy marks.

use super::*;
use sitrep_model::{Actor, ActorKind, Entity, Mention};

fn doc(text: &str) -> Document {
    let mut d = Document::new("test", text);
    d.sentences = sitrep_text::split_sentences(&d.text);
    d
}

fn quotes(text: &str) -> Vec<FoundQuote> {
    find_quotes(&doc(text))
}

/// (kind, text, speaker name, cue text) of every quote.
fn summary(text: &str) -> Vec<(QuoteKind, String, Option<String>, String)> {
    let d = doc(text);
    find_quotes(&d)
        .into_iter()
        .map(|q| {
            let cue = q.cue.map_or("", |c| c.of(&d.text)).to_string();
            (q.kind, q.text, q.speaker_name, cue)
        })
        .collect()
}

/// The one quote of `text`, as [`summary`] gives it; fails when there are more or none.
fn only_quote(text: &str) -> (QuoteKind, String, Option<String>, String) {
    let mut got = summary(text);
    assert_eq!(got.len(), 1, "{got:?}");
    got.remove(0)
}

fn person(name: &str) -> Entity {
    entity(name, ActorKind::Person)
}

fn entity(name: &str, kind: ActorKind) -> Entity {
    Entity {
        actor: Actor {
            name: name.to_string(),
            kind,
            country: None,
            role: None,
            code: "XXX".to_string(),
        },
        rule: "test".to_string(),
        flags: Vec::new(),
    }
}

/// Adds a mention of entity `e` at the first occurrence of `words` at or after `from`.
fn mention(d: &mut Document, words: &str, from: usize, e: u32) {
    let at = d.text[from..].find(words).expect("fixture words") + from;
    d.mentions.push(Mention {
        span: Span::new(at, at + words.len()),
        text: words.to_string(),
        entity: e,
        rule: "test".to_string(),
    });
}

#[test]
fn cue_table_parses_with_rule_ids() {
    let table = cues::table().expect("cues.tsv parses");
    assert!(table.len() > 100);
    let next = |_: usize| None;
    let (cue, n) = table.lookup("said", next).expect("said is a cue");
    assert_eq!(n, 1);
    assert!(cue.rule.starts_with("quotes/cues.tsv:"), "{}", cue.rule);
}

#[test]
fn titles_are_stripped_and_surnames_expanded() {
    let text = "Harbour Coordinator Lena Park opened the session.\n\n“The cranes are back,” Coordinator Park said.";
    let s = summary(text);
    assert_eq!(s[0].2.as_deref(), Some("Lena Park"));
    let s = summary("Secretary of State Omar Haddad said the talks would resume.");
    assert_eq!(s[0].2.as_deref(), Some("Omar Haddad"));
}

#[test]
fn inverted_cue_after_quote() {
    let s = summary("“The bridge will reopen in May,” said Ana Ruiz, the city engineer.");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0, QuoteKind::Direct);
    assert_eq!(s[0].1, "The bridge will reopen in May,");
    assert_eq!(s[0].2.as_deref(), Some("Ana Ruiz"));
    assert_eq!(s[0].3, "said");
}

#[test]
fn subject_cue_after_quote_with_addressee() {
    let s = summary("\"Funding is secured,\" Ruiz told the nine-member board on Friday.");
    assert_eq!(s[0].2.as_deref(), Some("Ruiz"));
    assert_eq!(s[0].3, "told");
}

#[test]
fn cue_before_quote_with_comma_and_colon() {
    let s = summary(
        "Mayor Tom Berg said, “We will cut taxes.” Later he explained: “The budget allows it.”",
    );
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].2.as_deref(), Some("Tom Berg"), "title stripped");
    assert_eq!(s[1].3, "explained");
    assert_eq!(
        s[1].2.as_deref(),
        Some("Tom Berg"),
        "pronoun takes the running speaker"
    );
}

#[test]
fn pronoun_takes_running_speaker_of_previous_paragraph() {
    let text = "“Prices will fall,” said Lena Park.\n\n“And wages will rise,” she added.";
    let s = summary(text);
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].2.as_deref(), Some("Lena Park"));
    assert_eq!(s[1].3, "added");
}

#[test]
fn pronoun_without_earlier_quote_finds_named_subject() {
    let text = "Deputy Minister Omar Haddad spoke at the hearing on Monday.\n\n\"It is not over,\" he said.";
    let s = summary(text);
    assert_eq!(s[0].2.as_deref(), Some("Omar Haddad"));
}

#[test]
fn split_quote_shares_cue_and_speaker() {
    let text = "“We are ready,” Berg said. “The trucks leave at dawn.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].cue, q[1].cue);
    assert_eq!(q[1].speaker_name.as_deref(), Some("Berg"));
}

#[test]
fn coordinated_second_quote_keeps_speaker() {
    let text = "Berg said, “We will look at it,” and added, “Nothing is decided.”";
    let s = summary(text);
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].3, "added");
    assert_eq!(s[1].2.as_deref(), Some("Berg"));
}

#[test]
fn quote_over_paragraphs_is_one_quote() {
    let text = "Ruiz said: “The first phase is done.\n\n“The second phase starts in June.”\n\nThe council adjourned.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].text,
        "The first phase is done.\nThe second phase starts in June."
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Ruiz"));
    assert!(q[0].span.of(text).starts_with("The first"));
    assert!(q[0].span.of(text).ends_with("June."));
}

#[test]
fn nested_single_quotes_stay_inside() {
    let text = "“She told me ‘never again’ and left,” said Berg.";
    let q = quotes(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "She told me ‘never again’ and left,");
}

#[test]
fn top_level_single_quotes() {
    let s = summary("‘We have no choice,’ Park said.");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].1, "We have no choice,");
    assert_eq!(s[0].2.as_deref(), Some("Park"));
}

#[test]
fn apostrophes_are_not_quotes() {
    assert!(summary("The mayor's plan isn't new, and the councillors' vote was close.").is_empty());
}

#[test]
fn unbalanced_opening_mark_is_cut_before_cue() {
    let mut d = doc("“We will not give up, Berg said after the vote.");
    QuoteTagger::new().run(&mut d).expect("runs");
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].text, "We will not give up");
    assert_eq!(d.quotes[0].speaker_name.as_deref(), Some("Berg"));
    assert!(
        d.diagnostics.iter().any(|m| m.contains("unbalanced")),
        "{:?}",
        d.diagnostics
    );
}

#[test]
fn stray_closing_mark_is_noted() {
    let mut d = doc("The vote passed.” Nobody objected.");
    QuoteTagger::new().run(&mut d).expect("runs");
    assert!(d.diagnostics.iter().any(|m| m.contains("closing")));
}

#[test]
fn scare_quotes_are_not_speech() {
    assert!(summary("The so-called “peace plan” was shelved in March.").is_empty());
}

#[test]
fn written_statement() {
    let s = summary("In a letter, Park warned of delays. \"The design is flawed,\" she wrote.");
    let last = s.last().expect("a quote");
    assert_eq!(last.3, "wrote");
    assert_eq!(last.2.as_deref(), Some("Park"));
}

#[test]
fn indirect_that_clause_span() {
    let text = "Berg reiterated that the port has received four ships since May.";
    let q = quotes(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(
        q[0].span.of(text),
        "the port has received four ships since May"
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Berg"));
}

#[test]
fn indirect_with_adjunct_before_that() {
    let s = summary("Park told the committee on Tuesday that the audit was finished.");
    assert_eq!(s[0].1, "the audit was finished");
    assert_eq!(s[0].3, "told");
}

#[test]
fn indirect_bare_clause() {
    let s = summary("A senior transport official said the tunnel would open late.");
    assert_eq!(s[0].1, "the tunnel would open late");
    assert_eq!(s[0].2.as_deref(), Some("A senior transport official"));
}

#[test]
fn reported_content_first() {
    let s = summary("The tunnel will open late, the ministry said.");
    assert_eq!(s[0].1, "The tunnel will open late");
    assert_eq!(s[0].2.as_deref(), Some("the ministry"));
    let s = summary("Ten buses were added to the route, said Ana Ruiz, the city engineer.");
    assert_eq!(s[0].1, "Ten buses were added to the route");
    assert_eq!(s[0].2.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn according_to_before_and_after() {
    let s = summary("According to the harbour authority, two ships were turned away.");
    assert_eq!(s[0].1, "two ships were turned away");
    assert_eq!(s[0].2.as_deref(), Some("the harbour authority"));
    let s = summary("Two ships were turned away, according to port records.");
    assert_eq!(s[0].1, "Two ships were turned away");
    assert_eq!(s[0].3, "according to");
}

#[test]
fn mixed_quote_inside_reported_speech() {
    let text = "Park told the board that the new tunnel was “years behind schedule”.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert!(q[0].text.starts_with("the new tunnel"));
    let s = summary("Ruiz called the plan “a gift to the developers”.");
    assert_eq!(s[0].0, QuoteKind::Mixed);
    assert_eq!(s[0].2.as_deref(), Some("Ruiz"));
}

#[test]
fn fragment_leading_into_cue_is_mixed() {
    let s = summary("The bridge “is safe for traffic again”, Berg told reporters.");
    assert_eq!(s[0].0, QuoteKind::Mixed);
    assert_eq!(s[0].2.as_deref(), Some("Berg"));
}

#[test]
fn apposition_names_the_speaker() {
    let s = summary("The city’s chief engineer, Ana Ruiz, said the repairs were finished.");
    assert_eq!(s[0].2.as_deref(), Some("Ana Ruiz"));
    let s = summary("Ana Ruiz, the city’s chief engineer, said the repairs were finished.");
    assert_eq!(s[0].2.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn speaker_resolves_to_mentioned_entity() {
    let text = "Harbour chief Ana Ruiz met the press.\n\n“The cranes are back,” Ruiz said.\n\n“More will come,” she added.";
    let mut d = doc(text);
    d.entities = vec![entity("Spain", ActorKind::Country), person("Ana Ruiz")];
    mention(&mut d, "Ana Ruiz", 0, 1);
    let later = text.find("Ruiz said").expect("fixture");
    mention(&mut d, "Ruiz", later, 1);
    QuoteTagger::new().run(&mut d).expect("runs");
    assert_eq!(d.quotes.len(), 2);
    assert!(
        d.quotes.iter().all(|q| q.speaker == Some(1)),
        "{:?}",
        d.quotes
    );
}

#[test]
fn same_surname_resolves_by_mention_not_by_name() {
    let text = "Envoy Kim Song spoke after leader Kim Jong-un's speech.\n\n“We reject the charge,” Kim told the council.";
    let mut d = doc(text);
    d.entities = vec![person("Kim Jong-un"), person("Kim Song")];
    mention(&mut d, "Kim Song", 0, 1);
    mention(&mut d, "Kim Jong-un", 0, 0);
    let at = text.find("Kim told").expect("fixture");
    mention(&mut d, "Kim", at, 1);
    QuoteTagger::new().run(&mut d).expect("runs");
    assert_eq!(d.quotes[0].speaker, Some(1));
    assert_eq!(d.quotes[0].speaker_name.as_deref(), Some("Kim Song"));
}

#[test]
fn pronoun_uses_latest_person_mention() {
    let text = "Ana Ruiz and the mayor toured the site.\n\nLater Tom Berg arrived.\n\n“It is a mess,” he said.";
    let mut d = doc(text);
    d.entities = vec![person("Ana Ruiz"), person("Tom Berg")];
    mention(&mut d, "Ana Ruiz", 0, 0);
    mention(&mut d, "Tom Berg", 0, 1);
    QuoteTagger::new().run(&mut d).expect("runs");
    assert_eq!(d.quotes[0].speaker, Some(1));
    assert_eq!(d.quotes[0].speaker_name.as_deref(), Some("Tom Berg"));
}

#[test]
fn spans_are_byte_offsets_on_multibyte_text() {
    let text = "Zoë Müller sagte nichts. „Wir bauen weiter“, said Zoë Müller.";
    let d = doc(text);
    for q in find_quotes(&d) {
        assert_eq!(q.span.of(text), q.text);
        assert!(text.is_char_boundary(q.span.start()) && text.is_char_boundary(q.span.end()));
    }
}

#[test]
fn stage_contract() {
    let t = QuoteTagger::new();
    assert_eq!(t.requires(), &[Layer::Sentences, Layer::Mentions]);
    assert_eq!(t.assigns(), &[Layer::Quotes]);
    let mut d = Document::new("t", "");
    t.run(&mut d).expect("empty text is fine");
    assert!(d.quotes.is_empty());
}

#[test]
fn colon_after_any_verb_or_bare_name() {
    let s = summary("Park interjected: “So the plan is dead?”");
    assert_eq!(s[0].2.as_deref(), Some("Park"));
    assert_eq!(s[0].3, "interjected");
    let s = summary("Transit analyst Lea Moss: “Nobody rides at night.”");
    assert_eq!(s[0].2.as_deref(), Some("Lea Moss"));
    assert_eq!(s[0].3, ":");
}

#[test]
fn unlisted_verb_after_question() {
    let s = summary("“Who pays for it?” he wondered.");
    assert_eq!(s[0].3, "wondered");
    let q = quotes("“Who pays for it?” he wondered.");
    assert_eq!(
        q[0].speaker
            .map(|s| s.of("“Who pays for it?” he wondered.")),
        Some("he")
    );
}

#[test]
fn quotation_paragraph_continues_previous_speaker() {
    let text = "“The line is late,” Berg said.\n\n“It will reach the airport next year.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].cue, q[1].cue, "same attribution");
    assert_eq!(q[1].speaker_name.as_deref(), Some("Berg"));
}

#[test]
fn relative_clause_is_not_a_claim() {
    assert!(summary("The board met over what Berg said was a routine audit.").is_empty());
}

#[test]
fn adjunct_after_cue_keeps_attribution() {
    let s = summary("“We will not stop,” Ruiz said to loud cheers.");
    assert_eq!(s[0].2.as_deref(), Some("Ruiz"));
    let s = summary("“We will not stop,” Ruiz said, adding that more rallies were planned.");
    assert_eq!(s[0].2.as_deref(), Some("Ruiz"));
}

#[test]
fn quoted_title_before_a_reporting_clause_is_not_speech() {
    let text = "On the show “Morning Brief,” Sen. Ana Ruiz said the budget was late.";
    let s = summary(text);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].0, QuoteKind::Indirect);
    assert_eq!(s[0].1, "the budget was late");
}

#[test]
fn bracketed_party_tag_after_name() {
    let s = summary("Sen. Ana Ruiz (D-Ore.) said Sunday that the bill would pass.");
    assert_eq!(s[0].2.as_deref(), Some("Ana Ruiz"));
    assert_eq!(s[0].1, "the bill would pass");
}

#[test]
fn infinitive_content_only_for_cues_that_take_it() {
    let s = summary("Berg vowed to reopen the line by June.");
    assert_eq!(s[0].1, "to reopen the line by June");
    assert!(summary("Berg said to the crowd.").is_empty());
}

proptest::proptest! {
    /// Messy text never panics and every span stays on char boundaries inside the text.
    #[test]
    fn never_panics_on_messy_marks(text in "[a-zA-Z ,.:;!?\\n\"'“”‘’«»„—()é€]{0,200}") {
        let mut d = doc(&text);
        QuoteTagger::new().run(&mut d).expect("runs");
        for q in &d.quotes {
            proptest::prop_assert!(q.span.end() <= text.len());
            proptest::prop_assert!(text.is_char_boundary(q.span.start()));
            proptest::prop_assert!(text.is_char_boundary(q.span.end()));
            if let Some(c) = q.cue {
                proptest::prop_assert!(text.is_char_boundary(c.start()) && text.is_char_boundary(c.end()));
            }
        }
    }

    /// Attribution sentences built from random names keep the name as speaker.
    #[test]
    fn named_speaker_after_quote(first in "Z[a-z]{2,8}", last in "Q[a-z]{2,8}") {
        let text = format!("“The plan works,” said {first} {last}.");
        let q = quotes(&text);
        proptest::prop_assert_eq!(q.len(), 1);
        let expected = format!("{first} {last}");
        proptest::prop_assert_eq!(q[0].speaker_name.as_deref(), Some(expected.as_str()));
    }
}

#[test]
fn unattributed_headline_quote_is_kept_only_on_request() {
    let text = "“We Will Rebuild the Harbour Before Winter”\n\nThe works began on Monday.";
    assert!(quotes(text).is_empty());
    let all = find_all_quotes(&doc(text));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].speaker_name, None);
    assert_eq!(all[0].cue, None);
}

#[test]
fn participle_needs_an_attribution_in_its_sentence() {
    assert!(summary("Exports fell in March, suggesting weaker demand.").is_empty());
    let s = summary("“We are done,” Berg said, adding that the talks had failed.");
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].1, "the talks had failed");
    assert_eq!(s[1].2.as_deref(), Some("Berg"));
}

#[test]
fn clause_after_time_adjunct_and_bracketed_code() {
    let text = "Acme Corp. (ACM.N), the largest maker, said on Monday it would build a plant.";
    let s = summary(text);
    assert_eq!(s[0].1, "it would build a plant");
    assert_eq!(s[0].2.as_deref(), Some("Acme Corp."));
}

#[test]
fn pronoun_skips_people_named_inside_an_earlier_quote() {
    let text = "Envoy Mara Quist said, “President Olaf Brandt is not only buying grain but also selling it.”\n\nAt the same time, he said, “We are watching this.”";
    let mut d = doc(text);
    d.entities = vec![person("Mara Quist"), person("Olaf Brandt")];
    mention(&mut d, "Mara Quist", 0, 0);
    mention(&mut d, "Olaf Brandt", 0, 1);
    let q = find_quotes(&d);
    let last = q.last().expect("two quotes");
    assert_eq!(last.text, "We are watching this.");
    assert_eq!(last.entity, Some(0), "{q:#?}");
}

#[test]
fn a_bracketed_party_or_state_after_the_speaker_is_no_sentence_end() {
    let text = "“It is a dog whistle to all of us,” Rep. Gwen Moore (D-Wis.) said Friday. \
                “Our assumption is that the veto will be overridden,” Senate leader Mitch \
                McConnell, R-Ky., said Tuesday. At a rally, Sen. Marco Rubio (R-Fla.) said \
                the plan was dead.";
    let got = summary(text);
    let speakers: Vec<_> = got.iter().map(|q| q.2.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Gwen Moore"),
            Some("Mitch McConnell"),
            Some("Marco Rubio")
        ],
        "{got:?}"
    );
    assert_eq!(got[2].1, "the plan was dead");
}

#[test]
fn a_speaker_and_cue_closing_the_paragraph_before_introduce_its_quotation() {
    let text = "He said:\n\n\"We have to bring back law and order. We have to do it now.\"\n\n\
                Here is the list:\n\n\"Apples\" and pears were on it.";
    let got = only_quote(text);
    assert_eq!(got.0, QuoteKind::Direct);
    assert_eq!(got.3, "said");
    assert!(got.1.starts_with("We have to bring back"));
}

#[test]
fn a_dash_and_a_name_after_a_quotation_sign_it() {
    let text = "“He represents our greatest shame.” ― Sonya Herridge\n\
                “I’m so ashamed to be an American.”\u{a0}― Karen Bobadilla.\n\
                “We are ready” - Monday, officials said.";
    let got = summary(text);
    let signed: Vec<_> = got
        .iter()
        .filter(|q| q.3 == "―")
        .map(|q| (q.1.as_str(), q.2.as_deref()))
        .collect();
    assert_eq!(
        signed,
        [
            ("He represents our greatest shame.", Some("Sonya Herridge")),
            ("I’m so ashamed to be an American.", Some("Karen Bobadilla"))
        ]
    );
    assert!(
        got.iter().all(|q| q.2.as_deref() != Some("Monday")),
        "{got:?}"
    );
}

#[test]
fn a_time_span_after_the_cue_does_not_turn_it_into_a_new_clause() {
    let got = only_quote("“It never crossed my mind,” she said several months after her release.");
    assert_eq!(
        (got.0, got.1.as_str()),
        (QuoteKind::Direct, "It never crossed my mind,")
    );
}

#[test]
fn quoted_words_inside_reported_speech_make_one_mixed_quote() {
    let text = "“We see no link,” the mayor said, adding that it would take “more hours” \
                before details emerge. “Boots on the ground” would be appropriate, Republican \
                candidate Ben Carson said after the attacks.";
    let got = summary(text);
    let mixed: Vec<_> = got
        .iter()
        .filter(|q| q.0 == QuoteKind::Mixed)
        .map(|q| q.1.as_str())
        .collect();
    assert_eq!(
        mixed,
        [
            "it would take “more hours” before details emerge",
            "“Boots on the ground” would be appropriate"
        ],
        "{got:?}"
    );
    assert!(got.iter().all(|q| q.1 != "more hours"), "{got:?}");
}

#[test]
fn a_speech_participle_speaks_for_the_subject_of_its_sentence() {
    let got =
        only_quote("He also spoke about the wall, saying it will be “as big as it needs to be.”");
    assert_eq!(got.3, "saying");
    assert_eq!(got.1, "it will be “as big as it needs to be.”");
    // Figures and things `suggest` and `show`; they do not speak.
    assert!(summary("Exports fell in March, suggesting weaker demand.").is_empty());
}

#[test]
fn a_participle_after_an_attribution_keeps_its_speaker_and_its_own_clause() {
    let got = summary("The talks failed, Kim said, adding that he would return.");
    let found: Vec<_> = got
        .iter()
        .map(|q| (q.1.as_str(), q.2.as_deref(), q.3.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("The talks failed", Some("Kim"), "said"),
            ("he would return", Some("Kim"), "adding")
        ]
    );
}

#[test]
fn an_attribution_set_off_by_commas_reports_the_whole_sentence() {
    let got = only_quote("In 2008, Trump said, the foundation had made his father a sponsor.");
    assert_eq!(
        got.1,
        "In 2008, Trump said, the foundation had made his father a sponsor"
    );
    // A clause of the narrator's after the attribution stays out.
    let got = summary("The deal is dead, Kim said, and the talks are over.");
    assert_eq!(got[0].1, "The deal is dead", "{got:?}");
}

#[test]
fn told_with_a_pronoun_object_reports_the_clause_after_it() {
    let got = only_quote("The crowd booed when he told them Clinton “has a number of super PACs.”");
    assert_eq!(got.1, "Clinton “has a number of super PACs.”");
}

#[test]
fn an_invisible_direction_mark_before_a_quotation_mark_is_space() {
    let got = only_quote("\u{202a}”This is why we fight. They are evil,” said John Krystek.");
    assert_eq!(got.2.as_deref(), Some("John Krystek"));
}

#[test]
fn an_issued_statement_before_a_colon_introduces_the_quotation() {
    let text = "Republican nominee Donald Trump issued the following statement:\n\n\
                “Our prayers are with all those affected by the attacks. This cannot go on.”";
    let got = only_quote(text);
    assert_eq!(got.2.as_deref(), Some("Donald Trump"));
    assert_eq!(got.3, "issued the following statement");
}

#[test]
fn the_subject_of_a_subordinate_clause_speaks_for_its_second_verb() {
    let got = only_quote("When Trump later referred to the attack and said he would protect them, the crowd cheered.");
    assert_eq!(got.2.as_deref(), Some("Trump"));
}

#[test]
fn reported_words_stop_where_a_second_verb_of_the_speaker_starts() {
    let got = summary(
        "Kim said the talks failed and warned that war was near. She said she respects \
         his “passion” but argues that he cannot deliver.",
    );
    let found: Vec<_> = got.iter().map(|q| (q.1.as_str(), q.3.as_str())).collect();
    assert_eq!(
        found,
        [
            ("the talks failed", "said"),
            ("war was near", "warned"),
            ("she respects his “passion”", "said"),
            ("he cannot deliver", "argues")
        ]
    );
}

#[test]
fn that_after_the_object_of_a_saying_verb_is_a_relative_pronoun() {
    let got = only_quote("Clinton stressed her support of the raid that killed bin Laden.");
    assert_eq!(got.1, "her support of the raid that killed bin Laden");
}

#[test]
fn a_relative_who_speaks_for_the_name_before_its_comma() {
    let got = only_quote("The plan was backed by Senator Ana Ruiz, who said it would pass.");
    assert_eq!(
        (got.1.as_str(), got.2.as_deref()),
        ("it would pass", Some("Ana Ruiz"))
    );
    // With no name before the comma nobody is guessed.
    let got = only_quote("He met the workers, who said they were tired.");
    assert_eq!(got.2, None);
}
