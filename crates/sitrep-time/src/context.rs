//! Clause tense and clause membership, read from tokens around an expression.

use std::borrow::Cow;

use sitrep_model::Span;
use sitrep_text::{tokens, Token};

use crate::lexicon::{cues, lexicon, lower, Cue, Lex, Unit};
use crate::value::Tense;

/// The tense of the clause holding `expr` inside `sentence`: a future marker in the
/// clause wins; otherwise the nearest past or present verb; otherwise the same search
/// over the whole sentence.
pub fn tense_at(text: &str, sentence: Span, expr: Span) -> Tense {
    tense_among(text, &tokens(text, sentence), expr)
}

/// [`tense_at`] over the sentence's tokens, so that the expressions of one sentence share
/// one tokenisation.
pub(crate) fn tense_among(text: &str, toks: &[Token], expr: Span) -> Tense {
    // "will leave at 4 in the morning (4 a.m. EDT Thursday)": a parenthesis restates
    // what its host clause says, so the host clause decides.
    if let Some(host) = parenthesis_around(text, toks, expr) {
        return tense_among(text, toks, host);
    }
    let first = toks.partition_point(|t| t.span.end <= expr.start);
    let word_before = |i: usize| {
        i.checked_sub(1)
            .and_then(|i| toks.get(i))
            .map(|t| t.text(text).to_ascii_lowercase())
            .unwrap_or_default()
    };
    let prev = word_before(first);
    // "in this Jan. 20 screen capture", "in this Sept. 5 file photo": a caption dates a
    // picture already taken.
    if dates_a_picture(text, toks, expr) {
        return Tense::Past;
    }
    let (from, to) = clause_bounds(text, toks, expr);
    let clause = &toks[from..to];
    // A deadline ("by May", "until Friday", "by year-end", "until Election Day") looks
    // forward whatever the verb; not "by the Tuesday deadline", where the day names a
    // known event, nor in the past perfect ("had filed by Wednesday"), which puts the
    // deadline behind us.
    let perfect = is_past_perfect(text, clause);
    let deadline = is_deadline(text, &prev, &toks[from..first], expr);
    if deadline && !perfect {
        return Tense::Future;
    }
    // "by Monday", "as early as Friday", "ahead of a vote on Sunday" look forward unless
    // the clause's own verb is past ("By Monday, the toll rose to 30"); a trailing "...,
    // the paper reported" dates the report, not the deadline. "by Sunday" may be "by
    // Sunday Times reporters": a weekday only when no name follows it.
    let by_weekday = prev == "by" && weekday_before_no_name(text, toks, expr);
    let ahead_of = awaited(text, &toks[..first]);
    // "told them to submit bids by Monday": the deadline belongs to the infinitive.
    let infinitive = || opens_infinitive(text, &toks[first.saturating_sub(6)..first]);
    if (by_weekday || ahead_of) && !perfect {
        let fronted = fronted(text, &toks[from..first]);
        let own = if by_weekday && infinitive() {
            Tense::Future
        } else {
            tense_in(text, clause, expr, fronted)
        };
        match own {
            Tense::Past if ahead_of => {
                // "trimmed positions a day ahead of Wednesday's decision": the event
                // follows a recent act, so the nearest such day, mostly one just ahead.
                return Tense::Present;
            }
            Tense::Past => {}
            _ => return Tense::Future,
        }
    }
    // "since" counts from a point already past ("has grown since the March 3 vote",
    // "since shortly after the Oct. 23 slaying").
    // Only words that place the date may stand between: "Since the deadline is Friday"
    // gives a reason, not a starting point.
    const PLACING: &[&str] = &["the", "shortly", "just", "soon", "after", "before", "early"];
    let before = &toks[first.saturating_sub(4)..first];
    let since = before
        .iter()
        .rposition(|t| t.text(text).eq_ignore_ascii_case("since"))
        .is_some_and(|at| {
            before[at + 1..]
                .iter()
                .all(|t| PLACING.iter().any(|p| t.text(text).eq_ignore_ascii_case(p)))
        });
    if since && (starts_with_day_or_month(text, expr) || is_part_of_a_unit(text, expr)) {
        return Tense::Past;
    }
    let tense = match tense_in(text, clause, expr, true) {
        Tense::Unknown => tense_in(text, toks, expr, true),
        t => t,
    };
    // A past "year-end" is last year's, so only the clause's own past verb before it
    // may say so: not one after it ("at year-end, dubbed the fiscal cliff"), nor one
    // whose infinitive looks ahead ("did not expect stocks to fall before the end of the
    // year").
    if tense == Tense::Past && is_part_of_a_unit(text, expr) {
        let own_past_verb = tense_in(text, &toks[from..first], expr, false) == Tense::Past;
        if !own_past_verb || infinitive() {
            return Tense::Unknown;
        }
    }
    if let Some(t) = month_before_its_noun(text, toks, first, expr, tense) {
        return t;
    }
    // "analysts expect profit of $1.47 for the fourth quarter", written in February: a
    // quarter's results awaited or compared with, as the present speaks of them.
    let results_of = matches!(
        prev.as_str(),
        "for" | "from" | "than" | "with" | "during" | "over"
    );
    if tense == Tense::Future && results_of && names_a_bare_quarter(text, expr) {
        return Tense::Present;
    }
    if traded_for(text, toks, first, expr) || payable(text, toks, first) {
        return Tense::Future;
    }
    if measured_for(text, &toks[..first], expr) {
        return Tense::Past;
    }
    // "up 63 percent from a 12-year closing low on March 9": a market's high or low was
    // already reached.
    let word_back_is = |back: usize, words: &[&str]| {
        first.checked_sub(back).is_some_and(|k| {
            words
                .iter()
                .any(|w| toks[k].text(text).eq_ignore_ascii_case(w))
        })
    };
    // Not "will cut rates to a record low on Thursday", the level an act aims at.
    let aimed = (3..=5).any(|back| word_back_is(back, &["to"]));
    if tense != Tense::Past
        && !aimed
        && word_back_is(1, &["on", "of"])
        && word_back_is(2, &["high", "highs", "low", "lows", "trough"])
    {
        return Tense::Past;
    }
    match known_day(text, toks, first, expr) {
        Some(KnownDay::Outcome | KnownDay::Figure) => Tense::Past,
        // "Sunday's election" is most often the one just held; "November's elections",
        // written in June, with no past verb to say, are as likely ahead.
        Some(KnownDay::Event)
            if matches!(tense, Tense::Unknown | Tense::Present)
                && starts_with_month(text, expr) =>
        {
            tense
        }
        // With no verb to say, a weekday's event a day or two ahead is as likely as one
        // nearly a week back ("Referring to Tuesday's vote", written on Monday).
        Some(KnownDay::Event) if tense == Tense::Unknown => Tense::Present,
        Some(KnownDay::Event) if tense != Tense::Future => Tense::Past,
        _ => tense,
    }
}

/// Whether the expression is a quarter with no year: "the fourth quarter", "third
/// quarter".
fn names_a_bare_quarter(text: &str, expr: Span) -> bool {
    let mut words = expr.of(text).split_whitespace().peekable();
    words.next_if(|w| w.eq_ignore_ascii_case("the"));
    let ordinal = words.next().is_some_and(|w| {
        ["first", "second", "third", "fourth"]
            .iter()
            .any(|o| w.eq_ignore_ascii_case(o))
    });
    ordinal
        && words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("quarter"))
        && words.next().is_none()
}

/// Whether the expression dates a picture: "photo", "picture", "image", "screen
/// capture", "handout", "video" or "still", maybe after "file", follows it.
fn dates_a_picture(text: &str, toks: &[Token], expr: Span) -> bool {
    #[rustfmt::skip]
    const PICTURES: &[&str] = &[
        "photo", "photograph", "picture", "image", "screen", "screengrab", "handout", "video",
        "still", "photos", "pictures", "images",
    ];
    let last = toks.partition_point(|t| t.span.start < expr.end);
    let word = |k: usize| toks.get(k).map(|t| t.text(text));
    let at = match word(last) {
        Some(w) if w.eq_ignore_ascii_case("file") => last + 1,
        _ => last,
    };
    word(at).is_some_and(|w| PICTURES.iter().any(|p| w.eq_ignore_ascii_case(p)))
}

/// "ahead of a summit on Wednesday", "a day ahead of Friday's report", "in advance of
/// publication on Monday", "as early as Friday": words just before the expression that
/// put it ahead of the time of writing.
fn awaited(text: &str, before: &[Token]) -> bool {
    // "ahead of the government's closely watched non-farm payrolls report on Friday":
    // the noun phrase between may be long.
    let words: Vec<&str> = before.iter().rev().take(12).map(|t| t.text(text)).collect();
    let at = |k: usize, w: &str| words.get(k).is_some_and(|x| x.eq_ignore_ascii_case(w));
    // Skip an "on" right before the expression ("as early as on Friday" is rare, "ahead
    // of a vote on Friday" common).
    let skip = usize::from(at(0, "on"));
    let as_early_as = at(skip + 2, "as")
        && ["early", "soon", "late"].iter().any(|w| at(skip + 1, w))
        && at(skip, "as");
    // No verb may stand between "ahead of" and the day ("ahead of talks that were held
    // on Monday"); one before it is the act that came first ("fell ahead of Friday's
    // report").
    // "leading up to Friday's summit", "in the run-up to Sunday's vote" wait likewise,
    // for an event named right after them.
    let ahead_of = (0..words.len().saturating_sub(1))
        .find(|&k| {
            at(k, "of") && (at(k + 1, "ahead") || (at(k + 1, "advance") && at(k + 2, "in")))
                || k <= 3
                    && at(k, "to")
                    && (at(k + 1, "run-up") || at(k + 1, "up") && at(k + 2, "leading"))
        })
        .is_some_and(|k| {
            // "Ahead of the vote, police sealed off the square on Wednesday": the comma
            // closes the phrase.
            !words[..k].iter().any(|w| {
                *w == "," || cues().roles(&lower(w)) & (Cue::Past.bit() | Cue::Present.bit()) != 0
            })
        });
    as_early_as || ahead_of
}

/// Whether `expr` opens with a weekday that ends its phrase ("by Monday, the paper
/// said", "by Monday to decide"), not one naming what follows ("by Sunday Times
/// reporters", "by Monday columnists").
fn weekday_before_no_name(text: &str, toks: &[Token], expr: Span) -> bool {
    const OPENERS: &[&str] = &[
        "to", "and", "or", "at", "in", "for", "with", "when", "if", "so", "as", "after", "before",
    ];
    let next = toks.iter().find(|t| t.span.start >= expr.end);
    let possessive = next.is_some_and(|t| matches!(t.text(text), "'" | "’"));
    starts_with_weekday(text, expr)
        && !possessive
        && next.is_none_or(|t| {
            !t.is_word || OPENERS.iter().any(|o| t.text(text).eq_ignore_ascii_case(o))
        })
}

/// Whether the expression opens with a weekday name.
fn starts_with_weekday(text: &str, expr: Span) -> bool {
    first_word_is(text, expr, |l| matches!(l, Lex::Weekday(_)))
}

/// Nouns of measured figures a possessive day or month owns: "April's sales pace",
/// "Friday's data".
const FIGURES: &[&str] = &[
    "pace", "figure", "figures", "data", "numbers", "level", "levels", "rate", "rates", "reading",
    "readings", "sales", "output", "total", "gain", "gains", "decline", "drop", "rise", "increase",
    "fall", "peak", "peaks", "high", "highs", "low", "lows", "record", "trough", "deficit",
    "surplus",
];

/// Nouns of figures a month before them measured: "its October forecast", "the July
/// figure" (not "a June rate cut", still to come).
const MEASURES: &[&str] = &[
    "forecast",
    "forecasts",
    "poll",
    "survey",
    "estimate",
    "estimates",
    "figure",
    "figures",
    "reading",
    "readings",
    "data",
    "numbers",
    "report",
    "reports",
    "index",
    "deficit",
    "deficits",
    "surplus",
    "surpluses",
    "output",
    "production",
    "inflation",
    "exports",
    "imports",
    "payrolls",
];

/// Nouns of a vote a month names before it: "the November election".
const VOTES: &[&str] = &[
    "election",
    "elections",
    "general",
    "vote",
    "ballot",
    "showdown",
    "midterm",
    "midterms",
    "runoff",
    "referendum",
    "polls",
];

/// Nouns of goods traded for a month ahead: "the August contract", "June futures".
const DELIVERIES: &[&str] = &[
    "contract",
    "contracts",
    "futures",
    "delivery",
    "deliveries",
    "shipment",
    "shipments",
    "options",
];

/// Whether `words` hold an infinitive: "to" before a word that is no determiner ("to
/// submit", not "to the revised price").
fn opens_infinitive(text: &str, words: &[Token]) -> bool {
    words.windows(2).any(|w| {
        w[0].text(text).eq_ignore_ascii_case("to") && w[1].is_word && !is_determiner(text, &w[1])
    })
}

/// Whether the clause is in the past perfect: "had" before a participle or adverb ("had
/// filed", "had cut", "had already paid"), not before a noun phrase ("had a forecast").
fn is_past_perfect(text: &str, clause: &[Token]) -> bool {
    clause.iter().enumerate().any(|(k, t)| {
        t.text(text).eq_ignore_ascii_case("had")
            && clause.get(k + 1).is_some_and(|n| {
                const QUANTIFIERS: &[&str] = &[
                    "no", "some", "any", "more", "little", "few", "much", "many", "enough",
                ];
                let w = lower(n.text(text));
                n.is_word
                    && !is_determiner(text, n)
                    && !QUANTIFIERS.contains(&w.as_ref())
                    && !w.starts_with(|c: char| c.is_ascii_digit())
            })
    })
}

/// Whether the word before the expression (`prev`) makes it a deadline that looks
/// ahead: "until Friday", "by May", "by year-end", "through the end of the year". Not
/// "until" or "through" after a past state that lasted until then ("served until
/// September", "did not learn of it until March 10"; but "delayed until May").
fn is_deadline(text: &str, prev: &str, before: &[Token], expr: Span) -> bool {
    match prev {
        "until" | "till" => {
            (starts_with_day_or_month(text, expr) || named_period(text, expr))
                && !state_lasted(text, before, expr)
        }
        // "saw oil at $75 by the end of the year": "by" mostly sets a target, even after
        // a past verb.
        "by" => starts_with_month(text, expr) || named_period(text, expr),
        "through" | "thru" => named_period(text, expr) && !state_lasted(text, before, expr),
        _ => false,
    }
}

/// Whether the verb nearest before the deadline (`before`: the clause up to it) is a
/// past state or act, not a deferral ("delayed its meeting until May") nor inside an
/// infinitive ("pledged to hold rates until June").
fn state_lasted(text: &str, before: &[Token], expr: Span) -> bool {
    if opens_infinitive(text, before) || tense_in(text, before, expr, false) != Tense::Past {
        return false;
    }
    // The nearest past form decides, unless it is a participle whose auxiliary or verb
    // says otherwise: "has received a waiver until May 26" (present perfect), "was
    // ordered held until Thursday" (a deferral before it).
    let at = before.iter().rposition(|t| {
        let w = lower(t.text(text));
        cues().is(&w, Cue::Deferral) || is_regular_past(&w) || cues().is(&w, Cue::Past)
    });
    let Some(at) = at else {
        return false;
    };
    let word = |k: usize| lower(before[k].text(text));
    let present_perfect = at > 0 && matches!(word(at - 1).as_ref(), "has" | "have" | "is" | "are");
    let deferred = (0..=at)
        .rev()
        .take(2)
        .any(|k| cues().is(&word(k), Cue::Deferral));
    !present_perfect && !deferred
}

/// Whether the words before the expression make it the period a figure measured, which
/// is past even when the figure is still awaited: "expect the consumer price index for
/// April", "sales for March", "rose 9.6 percent in the year to July" (a month alone: "the
/// year to June 30" and "the current year to end September" are accounting years, which
/// may be ahead).
fn measured_for(text: &str, before: &[Token], expr: Span) -> bool {
    let word = |back: usize| {
        before
            .len()
            .checked_sub(back)
            .map(|k| lower(before[k].text(text)))
            .unwrap_or_default()
    };
    let unit = |w: &str| matches!(w, "year" | "months" | "weeks" | "quarter" | "quarters");
    let figure = |w: &str| FIGURES.contains(&w) || matches!(w, "index" | "payrolls" | "report");
    let month_alone = crate::normalise::month_number(expr.of(text)).is_some();
    match word(1).as_ref() {
        "for" => (2..=4).any(|back| figure(&word(back))),
        "to" => month_alone && unit(&word(2)) && word(4) != "current",
        _ => false,
    }
}

/// Whether the expression is a date of delivery, which a trade looks ahead to: "for
/// delivery between September 1 and December 20", "for shipment in May", "U.S. crude for
/// April", "for September 1-15 and November 5-20 delivery".
fn traded_for(text: &str, toks: &[Token], first: usize, expr: Span) -> bool {
    let is_in =
        |t: &Token, list: &[&str]| list.iter().any(|w| t.text(text).eq_ignore_ascii_case(w));
    // "for delivery" a few words back ("between September 1 and December 20"); not
    // "Deliveries in January fell", a measured figure.
    let before = &toks[first.saturating_sub(6)..first];
    let delivery_before = before
        .windows(2)
        .any(|w| w[0].text(text).eq_ignore_ascii_case("for") && is_in(&w[1], DELIVERIES));
    let goods_for = first >= 2
        && toks[first - 1].text(text).eq_ignore_ascii_case("for")
        && cues().is(&lower(toks[first - 2].text(text)), Cue::Commodity);
    // The noun after other days, months or goods: "for November 5-20 delivery", "July
    // crude futures", "June and September call options"; not "said in July its delivery
    // schedule".
    let passes = |t: &Token| {
        let w = t.text(text);
        w.starts_with(|c: char| c.is_ascii_digit())
            || matches!(w, "-" | "–" | "/" | "and" | "to" | "call" | "put")
            || crate::normalise::month_number(w).is_some()
            || cues().is(&lower(w), Cue::Commodity)
    };
    let delivery_after = toks
        .iter()
        .skip_while(|t| t.span.start < expr.end)
        .take(5)
        .find(|t| !passes(t))
        .is_some_and(|t| is_in(t, DELIVERIES) && !t.text(text).eq_ignore_ascii_case("contract"));
    delivery_before
        || goods_for
        || delivery_after
        || contract_month(text, toks, expr)
        || quoted_contract(text, toks, first, expr)
}

/// "WHEAT: Nov 103.40 Mar 107.50 Jan 106.35": in a passage about goods or futures, a
/// month followed by a price, beside another month followed by a price, is a row of
/// futures quotes, each month a contract ahead (not "January 1,200 February 1,300", a
/// row of amounts).
fn quoted_contract(text: &str, toks: &[Token], first: usize, expr: Span) -> bool {
    // A price has three figures or a decimal point: "Nov 1303", "Mar 107.50", not the
    // day of "March 3".
    let figure = |k: usize| {
        toks.get(k).is_some_and(|t| {
            let w = t.text(text);
            w.starts_with(|c: char| c.is_ascii_digit())
                && w.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && (w.len() >= 3 || w.contains('.'))
        })
    };
    let month = |k: usize| {
        toks.get(k)
            .is_some_and(|t| crate::normalise::month_number(t.text(text)).is_some())
    };
    // A price, not "March 120 tonnes", a measured amount.
    let quote = |k: usize| {
        figure(k + 1)
            && month(k)
            && !toks
                .get(k + 2)
                .is_some_and(|t| t.is_word && t.text(text).starts_with(char::is_lowercase))
    };
    let last = toks.partition_point(|t| t.span.start < expr.end);
    if last != first + 1 || !figure(first + 1) {
        return false;
    }
    // Another month and price within a few words either side.
    let another =
        (first.saturating_sub(6)..(first + 8).min(toks.len())).any(|k| k != first && quote(k));
    let traded = || {
        toks.iter().any(|t| {
            let w = lower(t.text(text));
            cues().is(&w, Cue::Commodity) || matches!(w.as_ref(), "futures" | "position")
        })
    };
    quote(first) && another && traded()
}

/// "Pay June Eight Record May 22", "payable July 1": a dividend is paid ahead.
fn payable(text: &str, toks: &[Token], first: usize) -> bool {
    first
        .checked_sub(1)
        .is_some_and(|k| matches!(toks[k].text(text), "Pay" | "payable" | "Payable"))
}

/// "November wheat rose 5 cents", "November milling wheat", "March light crude": a month
/// right before the goods (one word may stand between) names a futures contract, so it
/// is ahead; not "March wheat exports", a measured figure.
fn contract_month(text: &str, toks: &[Token], expr: Span) -> bool {
    #[rustfmt::skip]
    const MEASURED: &[&str] = &[
        "exports", "imports", "production", "output", "sales", "shipments", "crop", "harvest",
        "plantings", "stocks", "consumption", "imported", "exported", "produced",
    ];
    if crate::normalise::month_number(expr.of(text).trim()).is_none() {
        return false;
    }
    let after: Vec<&Token> = toks
        .iter()
        .skip_while(|t| t.span.start < expr.end)
        .take(3)
        .collect();
    let goods = |t: &Token| cues().is(&lower(t.text(text)), Cue::Commodity);
    let lower_word = |t: &Token| t.is_word && t.text(text).starts_with(|c: char| c.is_lowercase());
    let at = match after.as_slice() {
        [g, ..] if goods(g) => 1,
        [a, g, ..] if lower_word(a) && goods(g) => 2,
        _ => return false,
    };
    !after.get(at).is_some_and(|t| {
        MEASURED
            .iter()
            .any(|m| t.text(text).eq_ignore_ascii_case(m))
    })
}

/// "its October forecast", "the July figures": a month before a figure it measured is
/// past; "the August contract", "June futures": a month of delivery is ahead, and so is
/// "the November election" outside a past clause. Nothing when words before it put the
/// figure ahead ("ahead of the October report").
fn month_before_its_noun(
    text: &str,
    toks: &[Token],
    first: usize,
    expr: Span,
    tense: Tense,
) -> Option<Tense> {
    let only_month = expr.of(text).split_whitespace().count() == 1
        && first_word_is(text, expr, |l| matches!(l, Lex::Month(_)));
    if !only_month {
        return None;
    }
    let noun = toks.iter().find(|t| t.span.start >= expr.end)?.text(text);
    let is = |list: &[&str]| list.iter().any(|w| noun.eq_ignore_ascii_case(w));
    if is(DELIVERIES) {
        return Some(Tense::Future);
    }
    // "the November election", "the November showdown": a vote is talked of for months
    // before it and called by its year after ("the 2016 election"), so with no past verb
    // it is the coming one.
    if is(VOTES) && tense != Tense::Past {
        return Some(Tense::Future);
    }
    let ahead = toks[first.saturating_sub(3)..first].iter().any(|t| {
        AHEAD_BY_ITSELF
            .iter()
            .any(|a| t.text(text).eq_ignore_ascii_case(a))
    });
    (is(MEASURES) && !ahead).then_some(Tense::Past)
}

/// Whether the words around a month say it is ahead whatever the clause: a contract
/// ("the December contract", "July corn"), a vote ("the November election", "can win
/// in November") or a schedule ("set for September").
pub(crate) fn ahead_by_itself(text: &str, toks: &[Token], expr: Span) -> bool {
    let first = toks.partition_point(|t| t.span.end <= expr.start);
    let planned = month_before_its_noun(text, toks, first, expr, Tense::Future)
        == Some(Tense::Future)
        || contract_month(text, toks, expr)
        || quoted_contract(text, toks, first, expr);
    let vote_near = toks[first.saturating_sub(4)..first].iter().any(|t| {
        let w = lower(t.text(text));
        VOTES.contains(&w.as_ref()) || matches!(w.as_ref(), "win" | "wins" | "polls")
    });
    // "The vote is set for September", "the slated visit in September": a schedule.
    let window = &toks[first.saturating_sub(3)..first];
    let scheduled = window.iter().any(|t| {
        matches!(
            lower(t.text(text)).as_ref(),
            "scheduled" | "slated" | "planned" | "penciled" | "pencilled"
        )
    }) || window.windows(2).any(|w| {
        w[0].text(text).eq_ignore_ascii_case("set") && w[1].text(text).eq_ignore_ascii_case("for")
    });
    planned || vote_near || scheduled
}

/// Whether the words of a clause before its expression only introduce it ("As early as",
/// "By", "On"): then a comma after the expression closes a fronted adverbial, and the
/// verb after it is the clause's own, not a trailing attribution.
fn fronted(text: &str, before: &[Token]) -> bool {
    const INTRODUCERS: &[&str] = &[
        "as", "early", "late", "soon", "on", "by", "ahead", "of", "a", "the", "in", "at", "until",
        "from", "since", "before", "after", "during",
    ];
    before.iter().all(|t| {
        INTRODUCERS
            .iter()
            .any(|w| t.text(text).eq_ignore_ascii_case(w))
    })
}

/// What a weekday in the possessive owns.
enum KnownDay {
    /// An outcome, done once the day is named: "Wednesday's ruling", "Friday's close".
    Outcome,
    /// A measured figure: "April's sales pace", "Friday's data"; past unless words
    /// before it put the day ahead ("ahead of Friday's data").
    Figure,
    /// Any other event: "Sunday's vote", past or still ahead as the clause says.
    Event,
}

/// "Wednesday's ruling", "Friday's close", "April's sales pace": a weekday or month in the
/// possessive names an event the reader already knows of, so the latest such day unless
/// the clause looks ahead ("will cast ballots in Sunday's election"); an outcome ("they
/// will appeal Wednesday's ruling") or a figure ("at April's pace it would take") is
/// past even then. Nothing when words before it put the day ahead ("ahead
/// of Sunday's vote", "awaiting Friday's report", "the run-up to Sunday's election").
fn known_day(text: &str, toks: &[Token], first: usize, expr: Span) -> Option<KnownDay> {
    const OUTCOMES: &[&str] = &[
        "ruling",
        "decision",
        "verdict",
        "judgment",
        "judgement",
        "close",
        "closing",
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "killing",
        "killings",
        "shooting",
        "announcement",
        "statement",
        "remarks",
        "comments",
        "editorial",
        "edition",
        "declaration",
        "proposal",
        "proposals",
        "testimony",
    ];
    if !possessive_day_or_month(text, expr) {
        return None;
    }
    // The noun owned: one of the few words of the phrase after the possessive ("Monday's
    // budget proposal"), not past a comma ("Sunday's election, the ruling party said").
    let owned: Vec<&str> = toks
        .iter()
        .skip_while(|t| t.span.start < expr.end)
        .filter(|t| !matches!(t.text(text), "'" | "’" | "s"))
        .take_while(|t| t.is_word)
        .take(3)
        .map(|t| t.text(text))
        .collect();
    let owns = |list: &[&str]| {
        owned
            .iter()
            .any(|w| list.iter().any(|o| w.eq_ignore_ascii_case(o)))
    };
    if owns(OUTCOMES) {
        return Some(KnownDay::Outcome);
    }
    let ahead = toks[first.saturating_sub(3)..first]
        .iter()
        .any(|t| AHEAD.iter().any(|a| t.text(text).eq_ignore_ascii_case(a)));
    // "will be watching Friday's jobs data", "Friday's data will show": a figure still
    // to come; "at April's pace it would take" is a measured one.
    let awaited_figure = || {
        toks[first.saturating_sub(6)..first]
            .iter()
            .chain(toks.iter().skip_while(|t| t.span.start < expr.end).take(6))
            .any(|t| {
                WATCHING
                    .iter()
                    .any(|a| t.text(text).eq_ignore_ascii_case(a))
            })
    };
    let figure = owns(FIGURES);
    match (ahead, figure) {
        (true, _) => None,
        (false, true) if awaited_figure() => None,
        (false, true) => Some(KnownDay::Figure),
        (false, false) => Some(KnownDay::Event),
    }
}

/// Words before a possessive day that put it ahead ("ahead of Sunday's vote", "awaiting
/// Friday's report").
const AHEAD: &[&str] = &[
    "ahead", "before", "upcoming", "next", "until", "till", "by", "to", "for", "awaiting", "await",
    "awaits",
];

/// The words of [`AHEAD`] that look ahead without an object of their own ("to", "for"
/// and "by" also open ordinary phrases: "compared to its October forecast").
const AHEAD_BY_ITSELF: &[&str] = &["ahead", "before", "awaiting", "await", "awaits"];

/// Words around a figure that is still to come ("will watch Friday's data").
const WATCHING: &[&str] = &[
    "will", "'ll", "shall", "watch", "watching", "watches", "eye", "eyes", "eyeing",
];

/// Whether `expr` is a weekday or month in the possessive ("Friday's", "April's").
fn possessive_day_or_month(text: &str, expr: Span) -> bool {
    let after = text.get(expr.end()..).unwrap_or("");
    let possessive = ["'s", "’s"].iter().any(|p| {
        after.starts_with(p)
            && !after[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    });
    possessive && first_word_is(text, expr, |l| matches!(l, Lex::Weekday(_) | Lex::Month(_)))
}

/// The span from "(" to ")" when `expr` fills a parenthesis on its own.
fn parenthesis_around(text: &str, toks: &[Token], expr: Span) -> Option<Span> {
    let first = toks.partition_point(|t| t.span.end <= expr.start);
    let last = toks.partition_point(|t| t.span.start < expr.end);
    let open = toks.get(first.checked_sub(1)?)?;
    let close = toks.get(last)?;
    (open.text(text) == "(" && close.text(text) == ")")
        .then(|| Span::new(open.span.start(), close.span.end()))
}

/// Whether the expression opens with a month or weekday name ("May 3", "Friday night").
fn starts_with_day_or_month(text: &str, expr: Span) -> bool {
    first_word_is(text, expr, |l| matches!(l, Lex::Month(_) | Lex::Weekday(_)))
}

/// Whether the expression names a part of an unnamed year, month or week ("year-end", "the
/// end of the month"): "since" before it counts from one already past.
fn is_part_of_a_unit(text: &str, expr: Span) -> bool {
    let (mut part, mut unit) = (false, false);
    for w in expr.of(text).split(|c: char| !c.is_alphabetic()) {
        for reading in lexicon().get(&w.to_ascii_lowercase()) {
            part |= matches!(reading, Lex::Part(_));
            unit |= matches!(reading, Lex::Unit(Unit::Year | Unit::Month | Unit::Week));
        }
    }
    part && unit
}

/// Whether the expression names a part of a year or month or a holiday ("year-end",
/// "Election Day"): "until" or "by" before it sets a deadline.
fn named_period(text: &str, expr: Span) -> bool {
    use crate::normalise::{items, It};
    is_part_of_a_unit(text, expr)
        || items(expr.of(text))
            .iter()
            .any(|i| matches!(i, It::Holiday(..) | It::Floating(..) | It::Easter(_)))
}

/// Whether the expression opens with a month name.
fn starts_with_month(text: &str, expr: Span) -> bool {
    first_word_is(text, expr, |l| matches!(l, Lex::Month(_)))
}

/// Whether the first word of the expression, after words naming a part of the period
/// ("mid-November", "early May", "the end of June"), passes `f`.
fn first_word_is(text: &str, expr: Span, f: impl Fn(&Lex) -> bool) -> bool {
    const PART_OF_PERIOD: &[&str] = &["mid", "early", "late", "the", "end", "middle", "of"];
    let first = expr
        .of(text)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .find(|w| !PART_OF_PERIOD.contains(&w.to_ascii_lowercase().as_str()))
        .unwrap_or("");
    lexicon().get(&first.to_ascii_lowercase()).iter().any(f)
}

/// The tense of the nearest cue around `expr` in `toks`; on a tie the one before it. A
/// trailing attribution ("in early March, an official said") ranks after any cue before
/// the expression, and so does one before it with other words between ("said its
/// third-quarter profit would"): either dates the saying, not what was said. Cues after
/// the expression count from two tokens farther than they stand.
fn tense_in(text: &str, toks: &[Token], expr: Span, with_trailing: bool) -> Tense {
    let first = toks.partition_point(|t| t.span.end <= expr.start);
    let last = toks.partition_point(|t| t.span.start < expr.end);
    let comma_after = toks[last.min(toks.len())..]
        .iter()
        .position(|t| t.text(text) == ",")
        .map(|p| last + p);
    // A quotation mark after a comma or colon past the expression ends its clause: a
    // quote opened there is someone else's words ('said on "60 Minutes" Sunday night,
    // "I can't imagine"'), and the verb after a quote closed there dates the saying,
    // not what was said ('"... more easing in November," said an economist').
    let quote_after = (last.max(1)..toks.len()).find(|&k| {
        matches!(toks[k].text(text), "\"" | "\u{201c}")
            && matches!(toks[k - 1].text(text), "," | ":")
    });
    let mut best: Option<(bool, usize, Tense)> = None;
    // Tokens come in order, so every cue before the expression is seen before any after.
    // The last comma or clause break before the expression: a cue after it shares the
    // expression's stretch of clause.
    let last_break_before = toks[..first]
        .iter()
        .rposition(|t| t.text(text) == "," || cues().is(&lower(t.text(text)), Cue::ClauseBreak));
    let mut cue_before = false;
    let mut segment_cue = false;
    let mut past_trailing_attribution = false;
    for (i, t) in toks.iter().enumerate() {
        if expr.contains(t.span) {
            continue;
        }
        if quote_after.is_some_and(|q| i > q) {
            break;
        }
        let Some(mut tense) = marker(text, toks, i) else {
            continue;
        };
        let roles = cues().roles(&lower(t.text(text)));
        if roles & Cue::Timetable.bit() != 0
            && !timetable_counts(text, toks, i, first, last, comma_after)
        {
            continue;
        }
        // A passive infinitive speaks only for a time right after its participle ("to
        // be published on Monday", "to be heard as early as late May").
        let far = i >= first || first - i > 5;
        if tense == Tense::Future && far && passive_infinitive(text, toks, i) {
            continue;
        }
        // "may not take effect in October as originally planned": a comparison with the
        // plan after the expression says nothing of its time.
        if i >= last && compares_with_a_plan(text, toks, i) {
            continue;
        }
        // "up from a 0.4 percent rise in 2009" compares with what comes after "from",
        // not with a time before it; "Friday's report could give stocks a boost" hedges
        // what the report does, not when it came.
        if i >= last
            && ["from", "could", "might", "must", "should"]
                .iter()
                .any(|w| t.text(text).eq_ignore_ascii_case(w))
        {
            continue;
        }
        // "..., economists said Beijing would ...": past a trailing attribution the words
        // belong to what was said, another clause.
        if past_trailing_attribution {
            break;
        }
        // "Goldman on Thursday agreed to buy": a time before a past verb of intent dates
        // the agreement; only one inside its infinitive looks forward.
        if i >= last && tense == Tense::Future && past_intent(text, toks[i]) {
            tense = Tense::Past;
        }
        cue_before |= i < first;
        // "rules proposed by the Fed on Tuesday, would require": a verb of the
        // expression's own stretch of clause outranks one past the comma after it.
        segment_cue |= i < first && last_break_before.is_none_or(|b| i > b);
        let past_comma = comma_after.is_some_and(|c| i > c);
        let beyond_comma = segment_cue && past_comma;
        let attribution = roles & Cue::Attribution.bit() != 0;
        let trailing = cue_before && past_comma && attribution;
        past_trailing_attribution |= trailing;
        // "Ralcorp said its third-quarter earnings would be hurt": the expression sits in
        // what was said, not beside the saying ("said on Monday", "said in July").
        let reported = attribution && i < first && !dates_the_verb(text, &toks[i + 1..first]);
        // A cue after the expression counts from a little farther away: news puts the
        // time after its verb ("said on Monday it expected", "will report on Tuesday,
        // was interested").
        let d = if i < first {
            first - i
        } else {
            i + 1 - last + 2
        };
        let trailing = trailing || reported || beyond_comma;
        let said_after = past_comma && attribution;
        if (trailing || said_after) && !with_trailing {
            continue;
        }
        // On a tie the cue before the expression, seen first, stays.
        let better = best.is_none_or(|(bt, bd, _)| (trailing, d) < (bt, bd));
        if better {
            best = Some((trailing, d, tense));
        }
    }
    best.map_or(Tense::Unknown, |(_, _, t)| t)
}

/// Whether the participle at `i` follows "as" ("as planned", "as originally
/// scheduled", "as expected").
fn compares_with_a_plan(text: &str, toks: &[Token], i: usize) -> bool {
    let word = |k: usize| lower(toks[k].text(text));
    let as_at = |k: usize| toks[k].text(text).eq_ignore_ascii_case("as");
    toks[i].text(text).ends_with("ed")
        && i >= 1
        && (as_at(i - 1)
            || (i >= 2 && PARTICIPLE_ADVERBS.contains(&word(i - 1).as_ref()) && as_at(i - 2)))
}

/// Whether token `i` is the "be" of a passive infinitive ("to be voted", "to be
/// released"), not of a plan already past ("was to be issued") nor of a result a past
/// cause brought about ("led payments to be shifted").
fn passive_infinitive(text: &str, toks: &[Token], i: usize) -> bool {
    // Most tokens are no "be": settled before anything is looked up.
    if i == 0 || !toks[i].text(text).eq_ignore_ascii_case("be") {
        return false;
    }
    let word = |k: usize| toks.get(k).map(|t| lower(t.text(text)));
    let participle = word(i + 1).is_some_and(|n| is_regular_past(&n) || cues().is(&n, Cue::Past));
    // "which led some payments to be shifted to July": what a past cause brought about
    // is done.
    let caused = || {
        toks[i.saturating_sub(7)..i].iter().any(|t| {
            ["led", "caused", "forced", "prompted", "pushed"]
                .iter()
                .any(|c| t.text(text).eq_ignore_ascii_case(c))
        })
    };
    let planned_before = || {
        i.checked_sub(2)
            .and_then(word)
            .is_some_and(|w| matches!(w.as_ref(), "was" | "were"))
    };
    word(i - 1).as_deref() == Some("to") && participle && !caused() && !planned_before()
}

/// Whether a timetable verb at `i` speaks for the expression at `first..last`: not past
/// the comma after it, which closes the expression's clause ("set up in May, expires in
/// 2013"), nor after a date that heads an entry of a chronology, whose verbs are
/// historic presents ("Feb 8: Hambrick meets with Buffett", "May 7 - An attempt
/// fails").
fn timetable_counts(
    text: &str,
    toks: &[Token],
    i: usize,
    first: usize,
    last: usize,
    comma_after: Option<usize>,
) -> bool {
    const BULLETS: &[&str] = &["*", "-", "•", "–", "—"];
    const HEADING_ENDS: &[&str] = &[":", "-", "–", "—"];
    // Words that put the time in a phrase of its own: "faces charges over a crash in
    // January", "faces a backlash after Sunday's defeat".
    const OTHER_EVENT: &[&str] = &["after", "over", "since", "following", "because"];
    // Words that open a clause of the timetable verb's own ("needed the aid before Obama
    // takes office", "tack to the center as she faces a challenger").
    const OPENERS: &[&str] = &["before", "after", "until", "as", "once", "since", "-", "--"];
    let breaks = |t: &Token| {
        let w = t.text(text);
        matches!(w, "," | "." | "*")
            || OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o))
            || cues().is(&lower(w), Cue::ClauseBreak)
    };
    let is_cue = |k: usize| {
        let w = lower(toks[k].text(text));
        let roles = cues().roles(&w);
        roles & Cue::Timetable.bit() == 0
            && (roles & (Cue::Past.bit() | Cue::Present.bit() | Cue::Future.bit()) != 0
                || is_regular_past(&w))
    };
    if i < first {
        let stretch_end = toks[last.min(toks.len())..]
            .iter()
            .position(breaks)
            .map_or(toks.len(), |p| last + p);
        // "She went on maternity leave in January": a verb before the timetable word in
        // its stretch of clause governs it; "holiday travel on Monday was heavy": one
        // after the expression makes it part of the subject.
        let stretch_start = toks[..i].iter().rposition(breaks).map_or(0, |b| b + 1);
        let governed = (stretch_start..i).any(is_cue) || (last..stretch_end).any(is_cue);
        // Right after the verb the word is a particle or its own preposition ("takes
        // over as chief executive", "expire after the close on Friday").
        let other_event = toks[(i + 2).min(first)..first].iter().any(|t| {
            OTHER_EVENT
                .iter()
                .any(|w| t.text(text).eq_ignore_ascii_case(w))
        });
        return !governed && !other_event;
    }
    // "* 2009 - June: Pre phone sales begin": a year may head the entry too, and the
    // entry starts after the last bullet ("... sales begin * 2009 - June: ...").
    let heading_word = |t: &Token| {
        let w = t.text(text);
        BULLETS.contains(&w) || (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
    };
    let entry_start = toks[..first]
        .iter()
        .rposition(|t| matches!(t.text(text), "*" | "•"))
        .map_or(0, |b| b + 1);
    let heads_entry = toks[entry_start..first].iter().all(heading_word)
        && toks
            .get(last)
            .is_some_and(|t| HEADING_ENDS.contains(&t.text(text)));
    !heads_entry && comma_after.is_none_or(|c| i < c)
}

/// The tense token `i` signals, if any. A past form after "be" or a determiner is a
/// participle or adjective with no tense of its own ("will be paid", "a still unspecified
/// date"): the auxiliary decides.
fn marker(text: &str, toks: &[Token], i: usize) -> Option<Tense> {
    let raw = toks[i].text(text);
    // Most words are no cue and no past form: one lookup settles them, no copies made.
    if raw.len() < 2 || !toks[i].is_word {
        return None;
    }
    // "American Can": a capitalised "Can" after a capitalised word is a name; "a can of
    // soup": a noun after its article.
    if raw.eq_ignore_ascii_case("can") && i > 0 {
        let before = &toks[i - 1];
        let after_name = before.text(text).starts_with(|c: char| c.is_uppercase());
        if (raw == "Can" && after_name) || is_determiner(text, before) {
            return None;
        }
    }
    // "won’t" is listed as "won't".
    let w = if raw.ends_with('t') {
        straight_apostrophes(lower(raw))
    } else {
        lower(raw)
    };
    let cue = cues();
    let roles = cue.roles(&w);
    let regular_past = is_regular_past(&w);
    // "down from 5.2 months in March", "up from a year earlier": a figure compared with
    // one already measured.
    if w == "from"
        && toks.get(i.wrapping_sub(1)).is_some_and(|p| {
            ["down", "up"]
                .iter()
                .any(|d| p.text(text).eq_ignore_ascii_case(d))
        })
    {
        return Some(Tense::Past);
    }
    // "an agreement ..., to be voted on Friday", "data to be released on Tuesday": a
    // passive infinitive names what is still to be done.
    if passive_infinitive(text, toks, i) {
        return Some(Tense::Future);
    }
    const TENSE_ROLES: u16 = Cue::Future.bit()
        | Cue::Intent.bit()
        | Cue::Past.bit()
        | Cue::Present.bit()
        | Cue::Timetable.bit();
    if roles & TENSE_ROLES == 0 && !regular_past {
        return None;
    }
    // "as previously planned", "originally scheduled": the adverb only qualifies the
    // participle after it and says nothing of the clause's own time.
    if PARTICIPLE_ADVERBS.contains(&w.as_ref())
        && toks
            .get(i + 1)
            .is_some_and(|n| n.text(text).len() > 4 && n.text(text).ends_with("ed"))
    {
        return None;
    }
    let prev = i
        .checked_sub(1)
        .map(|p| lower(toks[p].text(text)))
        .unwrap_or_default();
    let next = toks
        .get(i + 1)
        .map(|n| lower(n.text(text)))
        .unwrap_or_default();
    // "more than it expected", "as they expected": a comparison with a forecast.
    let compared = matches!(
        w.as_ref(),
        "expected" | "forecast" | "predicted" | "projected"
    ) && i.checked_sub(2).and_then(|k| toks.get(k)).is_some_and(|t| {
        ["than", "as"]
            .iter()
            .any(|c| t.text(text).eq_ignore_ascii_case(c))
    });
    let after_next = toks
        .get(i + 2)
        .map(|n| lower(n.text(text)))
        .unwrap_or_default();
    // "the polls failed to predict Cruz's win on Tuesday": a verb of the future inside
    // the infinitive of a past verb that is no plan ("failed", "struggled") is what was
    // done then; "agreed to buy in January" keeps its plan.
    let in_past_infinitive = prev == "to"
        && i >= 2
        && toks.get(i - 2).is_some_and(|t| {
            let v = lower(t.text(text));
            (is_regular_past(&v) || cue.is(&v, Cue::Past)) && !cue.is(&v, Cue::Intent)
        });
    if roles & Cue::Future.bit() != 0
        && !is_idiom(&w, &prev, &next, &after_next)
        && !compared
        && !in_past_infinitive
    {
        return Some(Tense::Future);
    }
    if roles & Cue::Timetable.bit() != 0 {
        return (!no_timetable(text, toks, i, &prev, &next)).then_some(Tense::Future);
    }
    // "is expected to", "are scheduled for": the present auxiliary leaves the tense to
    // the future participle after it.
    let present_auxiliary = roles & Cue::Present.bit() != 0 && cue.is(&w, Cue::BeforeParticiple);
    if present_auxiliary && cue.is(&next, Cue::Future) {
        return None;
    }
    // "agreed to buy ... in January": the infinitive looks forward from the agreement;
    // not in "had been due to expire Friday", which looks forward from a past point, nor
    // in "is to blame", which is no plan.
    let to_blame = toks
        .get(i + 2)
        .is_some_and(|t| t.text(text).eq_ignore_ascii_case("blame"));
    // "due on Thursday", "the survey due Friday", "due to be published" look forward;
    // "due to heavy rain", "due in part to a strike" give a cause.
    if w == "due" {
        // Verbs of a timetable after "due to": anything else there names a cause.
        const SCHEDULED: &[&str] = &[
            "be", "begin", "start", "end", "expire", "open", "close", "meet", "arrive", "report",
            "release", "vote", "take", "mature", "resume", "return", "leave", "announce", "hold",
            "publish", "finish", "complete", "sign", "launch", "visit", "testify", "appear",
            "rule", "decide", "deliver", "reach", "come", "pay", "file",
        ];
        let after_next = toks
            .get(i + 2)
            .map(|t| lower(t.text(text)))
            .unwrap_or_default();
        let cause = match next.as_ref() {
            "to" => !SCHEDULED.contains(&after_next.as_ref()),
            "in" => after_next == "part",
            "largely" | "mainly" | "mostly" | "partly" | "partially" | "primarily" => true,
            _ => false,
        };
        // "had been due to lapse Friday" looks forward from a past point.
        let from_the_past = matches!(prev.as_ref(), "been" | "had");
        return (!cause && !from_the_past).then_some(Tense::Future);
    }
    // "the vote is set for May": a timetable, like "scheduled for".
    // "is set for", "was tentatively set for Saturday": a date fixed for later.
    let auxiliary = matches!(
        prev.as_ref(),
        "is" | "are" | "be" | "now" | "was" | "were" | "been"
    );
    if w == "set" && next == "for" && (auxiliary || prev.ends_with("ly")) {
        return Some(Tense::Future);
    }
    // "agreed to the revised price": "to" before a noun phrase opens no infinitive.
    if roles & Cue::Intent.bit() != 0
        && next == "to"
        && !to_blame
        && !toks.get(i + 2).is_some_and(|t| is_determiner(text, t))
        && !matches!(prev.as_ref(), "been" | "had")
    {
        return Some(Tense::Future);
    }
    if roles & Cue::Past.bit() != 0 || regular_past {
        // "will hit", "is expected to hit", "did not quit": a form that is past and
        // present alike is a bare infinitive after a modal, "to" or "do"; the word
        // before it decides.
        // "in May said" is the month; "to was" a slip.
        let month_may = i > 0 && toks[i - 1].text(text) == "May";
        let bare = BEFORE_BARE_INFINITIVE
            .contains(&straight_apostrophes(Cow::Borrowed(&prev)).as_ref())
            && !month_may
            && !matches!(w.as_ref(), "was" | "were" | "had");
        return (!cue.is(&prev, Cue::BeforeParticiple) && !bare).then_some(Tense::Past);
    }
    (roles & Cue::Present.bit() != 0).then_some(Tense::Present)
}

/// Whether a time expression after a verb of saying modifies the saying: unless the
/// words right after the verb open what was said with its subject ("said its profit
/// would", "said they will"), it does ("said on Monday", "said in a statement on
/// Saturday", "told Reuters on Friday").
fn dates_the_verb(text: &str, between: &[Token]) -> bool {
    const SUBJECTS: &[&str] = &[
        "its", "his", "her", "their", "our", "the", "it", "he", "she", "they", "we", "i",
    ];
    between.first().is_none_or(|t| {
        !SUBJECTS
            .iter()
            .any(|s| t.text(text).eq_ignore_ascii_case(s))
    })
}

/// Whether the timetable verb at `i` ("meet", "begins"; `prev` and `next` the words
/// around it, lower case) is no present of a fixed plan: a noun after its determiner,
/// possessive or preposition ("a visit", "his first visit", "Abe's return", "on leave",
/// "housing starts"), a name or title ("Meet the Press"), an idiom ("make ends meet",
/// "go back"), a habit ("the rainy season normally starts in May"), an order opening
/// the sentence, an infinitive after "to" or after a verb of causing or seeing ("help
/// it take over"), a verb joined to one before it ("get up and go"), or a verb whose
/// auxiliary decides ("did not meet", "did not immediately return", "may face", "could
/// begin").
fn no_timetable(text: &str, toks: &[Token], i: usize, prev: &str, next: &str) -> bool {
    const NOT_A_PLAN_AFTER: &[&str] = &[
        "to", "do", "does", "did", "didn't", "doesn't", "don't", "not", "never", "may", "and",
        "or", "on", "of", "for", "at", "by", "in", "with", "from", "after", "before", "housing",
    ];
    #[rustfmt::skip]
    const HABITS: &[&str] = &[
        "normally", "usually", "typically", "generally", "often", "always", "traditionally",
        "regularly",
    ];
    const CAUSING: &[&str] = &[
        "help", "helps", "helped", "let", "lets", "make", "makes", "made", "see", "sees", "saw",
        "watch", "watched",
    ];
    // Bare forms that are as often nouns after an adjective ("a state visit").
    const NOUN_TOO: &[&str] = &["visit", "leave", "travel", "face", "return"];
    let raw = toks[i].text(text);
    // `toks` may start at a clause ("which meets"); a capital there opens the sentence,
    // an order or a heading ("Take Tuesday's schedule").
    if i == 0 || raw.starts_with(|c: char| c.is_uppercase()) {
        return raw.starts_with(|c: char| c.is_uppercase());
    }
    if HABITS.contains(&prev) {
        return true;
    }
    let w = lower(raw);
    let word = |k: usize| straight_apostrophes(lower(toks[k].text(text)));
    let determiner_at = |k: usize| is_determiner(text, &toks[k]);
    // An adverb between leaves the word before it to decide ("did not immediately
    // return").
    // ("Italy", "Emily" are names, not adverbs.)
    let adverb = prev.len() > 4
        && prev.ends_with("ly")
        && toks[i - 1]
            .text(text)
            .starts_with(|c: char| c.is_lowercase())
        && i >= 2
        && toks[i - 2].is_word;
    let decider = if adverb { word(i - 2) } else { word(i - 1) };
    // "Moscow's" is three tokens: "Moscow", "'", "s".
    let possessive = prev == "s" && i >= 2 && matches!(toks[i - 2].text(text), "'" | "\u{2019}");
    let noun_after_adjective =
        NOUN_TOO.contains(&w.as_ref()) && i >= 2 && toks[i - 1].is_word && determiner_at(i - 2);
    // "help it take over", "see a president take the oath": a bare infinitive.
    let caused = !w.ends_with('s')
        && toks[i.saturating_sub(4)..i]
            .iter()
            .any(|t| CAUSING.iter().any(|c| t.text(text).eq_ignore_ascii_case(c)));
    // "go on trial", "goes to the polls"; not "they go back seven months".
    let idle_go = matches!(w.as_ref(), "go" | "goes") && !matches!(next, "on" | "to");
    let idiom = (w == "meet" && prev == "ends")
        || (w == "ends" && next == "meet")
        // "heads to Asia"; not "heads of state", "heads toward 8 million sales".
        || (w == "heads" && !matches!(next, "to" | "for" | "home" | "back" | "off" | "into"));
    determiner_at(i - 1)
        || noun_after_adjective
        || possessive
        || caused
        || idle_go
        || idiom
        || NOT_A_PLAN_AFTER.contains(&decider.as_ref())
        || cues().roles(&decider) & (Cue::Future.bit() | Cue::Past.bit() | Cue::Present.bit()) != 0
}

/// `w` with a curly apostrophe made straight ("didn’t" reads as "didn't"); no copy when
/// it has none.
fn straight_apostrophes(w: Cow<'_, str>) -> Cow<'_, str> {
    if w.contains('\u{2019}') {
        Cow::Owned(w.replace('\u{2019}', "'"))
    } else {
        w
    }
}

/// Whether `t` opens a noun phrase ("the", "its", "those").
fn is_determiner(text: &str, t: &Token) -> bool {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
    ];
    DETERMINERS
        .iter()
        .any(|d| t.text(text).eq_ignore_ascii_case(d))
}

/// Whether `t` is a verb of intent in a past form ("agreed", "planned", "decided").
fn past_intent(text: &str, t: Token) -> bool {
    let w = lower(t.text(text));
    cues().is(&w, Cue::Intent) && (is_regular_past(&w) || cues().is(&w, Cue::Past))
}

/// Words after which a verb is a bare infinitive, never a past tense.
#[rustfmt::skip]
const BEFORE_BARE_INFINITIVE: &[&str] = &[
    "to", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "'ll",
    "won't", "wouldn't", "couldn't", "can't", "cannot", "shouldn't", "do", "does", "did",
    "don't", "doesn't", "didn't", "not",
];

/// Adverbs that describe a plan or act as done before ("as previously planned").
const PARTICIPLE_ADVERBS: &[&str] = &["previously", "originally", "initially", "hastily"];

/// Future participles are no future in "as expected" or "had been scheduled", nor is
/// "next" in "next to" (a place).
fn is_idiom(w: &str, prev: &str, next: &str, after_next: &str) -> bool {
    // "could be linked to Monday's storm" guesses at a cause already past.
    const CAUSES: &[&str] = &[
        "linked",
        "connected",
        "related",
        "tied",
        "attributed",
        "traced",
        "blamed",
        "caused",
        "due",
    ];
    // "could be reached Wednesday", "could be located": a reporter's search, already past.
    const SEARCHES: &[&str] = &["reached", "located", "found", "contacted"];
    // "had been scheduled to expire Friday" looks back from the past; "as previously
    // planned" and "the hastily planned trip" describe a plan already carried out.
    let participle =
        w.ends_with("ed") && (matches!(prev, "been" | "had") || PARTICIPLE_ADVERBS.contains(&prev));
    participle
        || (matches!(w, "expected" | "forecast" | "projected" | "predicted")
            && matches!(prev, "as" | "than"))
        || (w == "next" && next == "to")
        // "could have met on Monday": a past that did not happen.
        || (matches!(w, "would" | "could" | "might" | "must" | "should") && next == "have")
        // "could be held on Monday" is a plan; "could give no reason on Friday", "could
        // not attend" are as often a past ability.
        || (matches!(w, "could" | "might")
            && (next != "be" || CAUSES.contains(&after_next) || SEARCHES.contains(&after_next)))
}

fn is_regular_past(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ed")
        && w.bytes().all(|c| c.is_ascii_lowercase())
        && !cues().is(w, Cue::NotPast)
        && !w.ends_with("hundred")
}

/// Token range `[from, to)` of the clause that holds `expr`.
pub(crate) fn clause_bounds(text: &str, toks: &[Token], expr: Span) -> (usize, usize) {
    let is_break = |i: usize| {
        let t = &toks[i];
        !expr.contains(t.span)
            && (cues().is(&lower(t.text(text)), Cue::ClauseBreak)
                || is_doubled_quote(text, toks, i))
    };
    let first = toks.partition_point(|t| t.span.end <= expr.start);
    // "admit Poland, Hungary and the Czech Republic in March": an "and" that closes a
    // list ("A, B and C") with no verb after it joins noun phrases, not clauses.
    let mut last_cue: Option<Option<usize>> = None;
    let mut joins_clauses = |i: usize| {
        if !toks[i].text(text).eq_ignore_ascii_case("and") || !closes_a_list(text, toks, i) {
            return true;
        }
        // The nearest cue before the expression, looked for once and only when needed.
        let cue = *last_cue
            .get_or_insert_with(|| (0..first).rev().find(|&j| marker(text, toks, j).is_some()));
        cue.is_some_and(|c| c > i)
    };
    let from = (0..first)
        .rev()
        .find(|&i| is_break(i) && joins_clauses(i))
        .map_or(0, |i| i + 1);
    let last = toks.partition_point(|t| t.span.start < expr.end);
    let to = (last..toks.len())
        .find(|&i| is_break(i))
        .unwrap_or(toks.len());
    (from, to.max(from))
}

/// Whether the "and" at token `i` closes a list: a comma stands a few words before it
/// ("Poland, Hungary and", "Poland, the Czech Republic and").
fn closes_a_list(text: &str, toks: &[Token], i: usize) -> bool {
    toks[i.saturating_sub(4)..i.saturating_sub(1)]
        .iter()
        .any(|t| t.text(text) == ",")
}

/// Whether token `i` is half of a quote mark typed as two characters (` `` ` or `''`),
/// which the tokenizer splits: a quotation opens or closes there.
fn is_doubled_quote(text: &str, toks: &[Token], i: usize) -> bool {
    let mark = toks[i].text(text);
    if mark != "'" && mark != "`" {
        return false;
    }
    let touches = |j: usize| {
        toks.get(j).is_some_and(|o| {
            o.text(text) == mark
                && (o.span.end == toks[i].span.start || toks[i].span.end == o.span.start)
        })
    };
    touches(i + 1) || i.checked_sub(1).is_some_and(touches)
}

/// The clause (as a byte span) of `sentence` that holds `at`.
pub fn clause_of(text: &str, sentence: Span, at: Span) -> Span {
    let toks = tokens(text, sentence);
    let (from, to) = clause_bounds(text, &toks, at);
    match (toks.get(from), to.checked_sub(1).and_then(|i| toks.get(i))) {
        (Some(a), Some(b)) if from < to => Span::new(a.span.start(), b.span.end()),
        _ => at,
    }
}
