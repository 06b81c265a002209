//! Game reports: sports news, where "beat", "attack", "clash with" and "shot" are play.
//! Coding them gives a general news stream its worst false events ("Russia beat Germany"
//! as an assault), so the coder skips the game sentences of a game report; see the header
//! of `data/verbs/games.tsv` for the rule and the terms.

use aho_corasick::AhoCorasick;
use sitrep_data::{Dictionary, LoadError};
use sitrep_model::Document;
use std::collections::HashMap;

/// Game sentences (holding a strong term or a score) a document needs to be a game report.
const MIN_GAME_SENTENCES: usize = 2;
/// ... and the share of its sentences they must make: a political story that mentions the
/// Olympics twice in twenty sentences is no game report.
const MIN_GAME_SHARE: f64 = 0.1;

/// How sure a term is to be about sport.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Strength {
    Strong,
    Weak,
}

/// The sports terms of `games.tsv`, by first word.
#[derive(Default, Debug)]
pub(crate) struct GameTerms {
    terms: HashMap<String, Vec<(Vec<String>, Strength)>>,
    /// The strong terms in one automaton: a document without any is no game report,
    /// which one pass over its text tells for most news.
    strong: Option<AhoCorasick>,
}

/// What one sentence holds.
#[derive(Clone, Copy, Default)]
struct Found {
    strong: bool,
    weak: bool,
    score: bool,
}

impl GameTerms {
    /// Reads the `term`/`strength` table.
    pub(crate) fn from_dict(dict: &Dictionary, errors: &mut Vec<LoadError>) -> GameTerms {
        let mut terms: HashMap<String, Vec<(Vec<String>, Strength)>> = HashMap::new();
        let mut strong = Vec::new();
        for e in &dict.entries {
            let strength = match e.get(dict, "strength") {
                Some("strong") => Strength::Strong,
                Some("weak") => Strength::Weak,
                other => {
                    errors.push(LoadError::Line {
                        path: dict.name.clone(),
                        line: e.line,
                        message: format!("strength must be strong or weak, not {other:?}"),
                    });
                    continue;
                }
            };
            let words: Vec<String> = e
                .get(dict, "term")
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            let Some(first) = words.first() else {
                errors.push(LoadError::Line {
                    path: dict.name.clone(),
                    line: e.line,
                    message: "empty term".into(),
                });
                continue;
            };
            if strength == Strength::Strong {
                strong.push(words.join(" "));
            }
            let first = first.clone();
            terms.entry(first).or_default().push((words, strength));
        }
        let strong = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&strong)
            .ok();
        GameTerms { terms, strong }
    }

    /// Whether `text` holds a strong term as whole words anywhere.
    fn any_strong(&self, text: &str) -> bool {
        let Some(ac) = &self.strong else {
            return true;
        };
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        ac.find_overlapping_iter(text).any(|m| {
            !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next())
        })
    }

    /// For each sentence of `doc`, whether it is a game sentence of a game report, which
    /// the coder skips.
    pub(crate) fn game_sentences(&self, doc: &Document) -> Vec<bool> {
        let none = vec![false; doc.sentences.len()];
        if doc.sentences.len() < MIN_GAME_SENTENCES || !self.any_strong(&doc.text) {
            return none;
        }
        let mut lower = String::new();
        let found: Vec<Found> = doc
            .sentences
            .iter()
            .map(|s| self.find(s.span.of(&doc.text), &mut lower))
            .collect();
        let strong = found.iter().filter(|f| f.strong).count();
        let game = found.iter().filter(|f| f.strong || f.score).count();
        let share = game as f64 / found.len() as f64;
        if strong == 0 || game < MIN_GAME_SENTENCES || share < MIN_GAME_SHARE {
            return none;
        }
        found
            .iter()
            .map(|f| f.strong || f.weak || f.score)
            .collect()
    }

    /// The terms and scores in one sentence. Most news has none, so words are borrowed
    /// from the text and only lower-cased, into `lower`, for the lookup.
    fn find(&self, sentence: &str, lower: &mut String) -> Found {
        let words: Vec<&str> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '–'))
            .map(|w| w.trim_matches(['-', '–']))
            .filter(|w| !w.is_empty())
            .collect();
        let mut found = Found::default();
        for (i, w) in words.iter().enumerate() {
            found.score |= is_score(w) && !is_tally(&words, i);
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            for (term, strength) in self.terms.get(lower.as_str()).into_iter().flatten() {
                let rest = words.get(i + 1..i + term.len());
                let whole = rest.is_some_and(|rest| {
                    rest.iter()
                        .zip(&term[1..])
                        .all(|(w, t)| w.to_lowercase() == *t)
                });
                if whole {
                    match strength {
                        Strength::Strong => found.strong = true,
                        Strength::Weak => found.weak = true,
                    }
                }
            }
        }
        found
    }
}

/// A game score as one token: `7-5`, `17-16`, `2–1` (not a year range such as `2004-05`).
fn is_score(word: &str) -> bool {
    let Some((a, b)) = word.split_once(['-', '–']) else {
        return false;
    };
    let points = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    points(a) && points(b) && a.len() + b.len() < 6
}

/// A vote or a court's split rather than a game: "voted 52-48", "a 6-3 ruling".
fn is_tally(words: &[&str], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .map(|w| w.to_lowercase());
    let after = words.get(i + 1).map(|w| w.to_lowercase());
    matches!(before.as_deref(), Some("voted" | "vote" | "votes" | "by"))
        || matches!(
            after.as_deref(),
            Some(
                "vote"
                    | "votes"
                    | "ruling"
                    | "decision"
                    | "majority"
                    | "margin"
                    | "split"
                    | "verdict"
                    | "tally"
            )
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> GameTerms {
        let dict = sitrep_data::parse("verbs/games.tsv", crate::GAMES).expect("games.tsv parses");
        let mut errors = Vec::new();
        let t = GameTerms::from_dict(&dict, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        t
    }

    fn doc(text: &str) -> Document {
        let mut doc = Document::new("t", text);
        doc.sentences = sitrep_text::split_sentences(text);
        doc
    }

    #[test]
    fn scores_are_short_number_pairs() {
        assert!(is_score("7-5") && is_score("17-16") && is_score("2-1"));
        assert!(!is_score("2004-05") && !is_score("25-year-old") && !is_score("7"));
    }

    #[test]
    fn a_match_report_skips_its_play_but_not_its_other_sentences() {
        let skip = terms().game_sentences(&doc(
            "Ruritania beat Borduria 3-1 in the World Cup semi-final on Sunday. \
             The goalkeeper was injured in the first half. \
             Separately, the Ruritanian government expelled two diplomats.",
        ));
        assert_eq!(skip, [true, true, false]);
    }

    #[test]
    fn a_long_political_story_naming_the_games_twice_is_coded_whole() {
        let mut text = String::from(
            "Ruritania will boycott the Olympic Games in Borduria. \
             The Olympic committee regretted the decision. ",
        );
        for i in 0..19 {
            text.push_str(&format!(
                "Ruritanian envoys met Bordurian officials, round {i}. "
            ));
        }
        let skip = terms().game_sentences(&doc(&text));
        assert!(skip.iter().all(|s| !s), "{skip:?}");
    }

    #[test]
    fn votes_rulings_and_news_words_do_not_make_a_game_report() {
        for text in [
            "The Arcadian League condemned Ruritania on Sunday for the air strike. \
             Borduria, which hosted the 2030 World Cup, accused Ruritania of violating the truce. \
             The assembly voted 120-14 to demand a truce.",
            "The senate voted 52-48 on Tuesday to impose sanctions on Ruritania. \
             Ruritania condemned the sanctions and threatened to boycott the Olympics.",
            "Speaking from the podium on Monday, the president criticised the court. \
             The court's 6-3 ruling struck down the law.",
            "Police clashed with strikers in the capital. \
             The strikers accused the government of breaking its word.",
        ] {
            let skip = terms().game_sentences(&doc(text));
            assert!(skip.iter().all(|s| !s), "{text}: {skip:?}");
        }
    }

    #[test]
    fn a_news_report_with_one_sports_word_is_coded_whole() {
        let skip =
            terms().game_sentences(&doc("Ruritania hosted the Olympic torch relay on Monday. \
             Its army shelled rebel positions near the border. \
             The rebels said they would win the war."));
        assert_eq!(skip, [false, false, false]);
    }
}
