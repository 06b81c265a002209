//! Quotes and reported speech with their speakers.
//!
//! Scan based, no parser: quotation marks are paired per paragraph (straight and curly,
//! double and single, nested, quotations that run over paragraphs whose next paragraph
//! reopens the quote, unbalanced marks), reported speech is found around the cue verbs of
//! `data/quotes/cues.tsv`, and each quote's speaker is read next to its cue (`said Kirby`,
//! `Kirby said`, `he added`, `Shea told the council`, `according to X`, appositions,
//! `Rep. Gwen Moore (D-Wis.) said`, `He said:` closing the paragraph before the quotation,
//! a signature `” ― Sonya Herridge`, `Trump, Sexton said, has ...`, a trailing `, saying ...`
//! that speaks for the sentence's subject) and resolved to the document's entities, with
//! pronouns and cue-less quotations falling back to the running speaker of the paragraph.
//! Quoted words inside reported speech make one mixed quote with it. Leading titles are
//! dropped from speaker names (`data/quotes/titles.tsv`) and a lone surname is expanded to
//! the full name used earlier in the text when no entity covers it.
//!
//! Spans: a direct quote's `span` excludes its quotation marks; reported speech covers the
//! reported clause (`Ortiz repeated that Borduria has sent ...` → `Borduria has
//! sent ...`); a mixed quote covers the reported clause with its quoted fragments.
//! Quotations with neither cue nor speaker (headlines, slogans) are not kept as quotes.
//!
//! ```
//! use sitrep_model::{Document, QuoteKind, Stage};
//! let mut doc = Document::new("t", "\"We will not stop,\" said Ana Ruiz.");
//! doc.sentences = sitrep_text::split_sentences(&doc.text);
//! sitrep_quotes::QuoteTagger::new().run(&mut doc).unwrap();
//! assert_eq!(doc.quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(doc.quotes[0].text, "We will not stop,");
//! assert_eq!(doc.quotes[0].speaker_name.as_deref(), Some("Ana Ruiz"));
//! ```

mod cues;
mod direct;
mod indirect;
mod np;
mod resolve;
mod tok;

use direct::{Attr, Direct};
use indirect::Reported;
use np::Np;
use sitrep_model::{Document, Layer, Quote, QuoteKind, Span, Stage, StageError};

/// The quotes stage.
#[derive(Default)]
pub struct QuoteTagger;

impl QuoteTagger {
    /// Builds the stage.
    pub fn new() -> QuoteTagger {
        QuoteTagger
    }
}

impl Stage for QuoteTagger {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Mentions]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (found, diags) = analyse(doc, false).map_err(|message| StageError {
            stage: "quotes",
            message: message.to_string(),
        })?;
        doc.quotes = found.into_iter().map(FoundQuote::into_quote).collect();
        doc.diagnostics.extend(diags);
        Ok(())
    }
}

/// A quote with the byte spans the [`Quote`] layer does not keep: where the speaker words
/// and the quotation marks are.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundQuote {
    /// The content (without the quotation marks for direct quotes).
    pub span: Span,
    /// The content with its quotation marks (equal to `span` for reported speech).
    pub outer: Span,
    /// The content text; the pieces of a quotation over several paragraphs are joined by
    /// a newline, without the reopening marks.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue verb or phrase.
    pub cue: Option<Span>,
    /// The words naming the speaker at the cue (a name, a noun phrase or a pronoun).
    pub speaker: Option<Span>,
    /// The speaker's resolved name.
    pub speaker_name: Option<String>,
    /// Where the resolved name was found, when not at the cue (pronouns, running speaker).
    pub antecedent: Option<Span>,
    /// Index into `Document::entities` of the speaker.
    pub entity: Option<u32>,
}

impl FoundQuote {
    /// The model's view of this quote.
    pub fn into_quote(self) -> Quote {
        Quote {
            span: self.span,
            text: self.text,
            kind: self.kind,
            speaker: self.entity,
            speaker_name: self.speaker_name,
            cue: self.cue,
        }
    }
}

/// Finds the quotes of a document, with speaker spans. Uses `doc.sentences` when present
/// (else splits itself) and `doc.entities`/`doc.mentions` when present. Quotations with
/// neither cue nor speaker (headlines, slogans, a quote paragraph nobody introduces) claim
/// nothing and are left out; [`find_all_quotes`] keeps them.
pub fn find_quotes(doc: &Document) -> Vec<FoundQuote> {
    analyse(doc, false).map(|(q, _)| q).unwrap_or_default()
}

/// Like [`find_quotes`], but also returns quotations with neither cue nor speaker.
pub fn find_all_quotes(doc: &Document) -> Vec<FoundQuote> {
    analyse(doc, true).map(|(q, _)| q).unwrap_or_default()
}

/// A quote before speaker resolution.
struct Cand {
    span: (usize, usize),
    outer: (usize, usize),
    text: String,
    kind: QuoteKind,
    cue: Option<(usize, usize)>,
    speaker: Option<Np>,
}

fn analyse(
    doc: &Document,
    keep_unattributed: bool,
) -> Result<(Vec<FoundQuote>, Vec<String>), &'static str> {
    cues::check()?;
    let table = cues::table()?;
    let text = doc.text.as_str();
    let paras = direct::paragraphs(text);
    let mut diags = Vec::new();
    let pieces = direct::find_pieces(text, &paras, table, &mut diags);
    let directs = direct::attribute(text, table, &paras, pieces);
    let reported = reported_speech(doc, table, &directs);
    let cands = combine(text, directs, reported);
    let ctx = resolve::Ctx { doc, paras: &paras };
    let mut running = Vec::new();
    let found = cands
        .into_iter()
        .map(|c| {
            let at = c.cue.map_or(c.outer.0, |q| q.0);
            let para = paras.partition_point(|p| p.1 < at);
            let r = ctx.resolve(c.speaker, para, &mut running);
            FoundQuote {
                span: Span::new(c.span.0, c.span.1),
                outer: Span::new(c.outer.0, c.outer.1),
                text: c.text,
                kind: c.kind,
                cue: c.cue.map(|(s, e)| Span::new(s, e)),
                speaker: c.speaker.map(|np| Span::new(np.start, np.end)),
                speaker_name: r.name,
                antecedent: r.antecedent.map(|(s, e)| Span::new(s, e)),
                entity: r.entity,
            }
        })
        // A quotation with neither cue nor speaker (a headline, a slogan) claims nothing.
        .filter(|q: &FoundQuote| keep_unattributed || q.cue.is_some() || q.speaker_name.is_some())
        .collect();
    Ok((found, diags))
}

/// Reported speech of every sentence, outside quotations and their attributions.
fn reported_speech(doc: &Document, table: &cues::CueTable, directs: &[Direct]) -> Vec<Reported> {
    let text = doc.text.as_str();
    let mut blocked: Vec<(usize, usize)> = Vec::new();
    for d in directs {
        // A fragment nobody is quoted as saying may open reported words (`"Boots on the
        // ground" would be needed, Carson said`): left open for them.
        if d.attr.is_none() && !d.whole_clause {
            continue;
        }
        let first = d.pieces[0];
        let last = d.pieces[d.pieces.len() - 1];
        blocked.push((first.open, last.outer_end()));
        if let Some(Attr { cue, speaker }) = d.attr {
            blocked.push(cue);
            if let Some(np) = speaker {
                blocked.push((np.phrase_start.min(np.start), np.end));
            }
        }
    }
    blocked.sort_unstable();
    let is_blocked = |pos: usize| {
        let i = blocked.partition_point(|b| b.0 <= pos);
        blocked[..i].iter().rev().take(4).any(|b| pos < b.1)
    };
    let own;
    let sentences = if doc.sentences.is_empty() {
        own = sitrep_text::split_sentences(text);
        &own
    } else {
        &doc.sentences
    };
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for s in sentences {
        let (lo, hi) = (s.span.start(), s.span.end().min(text.len()));
        if text.is_char_boundary(lo) && text.is_char_boundary(hi) && lo < hi {
            indirect::find(text, table, lo, hi, is_blocked, &mut toks, &mut out);
        }
    }
    out
}

/// Joins quotations and reported speech: a quotation inside reported content makes it
/// mixed; unattributed short quotations inside a sentence are scare quotes and dropped.
fn combine(text: &str, directs: Vec<Direct>, reported: Vec<Reported>) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut absorbed = vec![false; directs.len()];
    for r in &reported {
        let mut mixed = false;
        let (mut start, mut end) = r.content;
        for (k, d) in directs.iter().enumerate() {
            let (o, e) = (d.pieces[0].open, d.pieces[d.pieces.len() - 1].outer_end());
            let opens_content =
                d.attr.is_none() && o < r.content.0 && r.content.0 <= d.pieces[0].content().0;
            // A quotation that starts inside reported content belongs to it, even when it
            // runs over the sentence end the splitter saw inside it.
            // A quotation opening inside reported words is part of them (a mixed quote) when
            // nothing attributes it, or when it closes inside them too: then whatever cue it
            // borrowed from a neighbour is the reported words' own.
            let inside = r.content.0 <= o && o < end;
            let within = extend_over_marks(text, r.content.1) >= e;
            if (inside && (d.attr.is_none() || within)) || opens_content {
                absorbed[k] = true;
                mixed = true;
                start = start.min(o);
                end = end.max(e);
            }
        }
        if mixed {
            end = extend_over_marks(text, end);
        }
        out.push(Cand {
            span: (start, end),
            outer: (start, end),
            text: text[start..end].to_string(),
            kind: if mixed {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            },
            cue: Some(r.cue),
            speaker: r.speaker,
        });
    }
    for (d, absorbed) in directs.into_iter().zip(absorbed) {
        if absorbed {
            continue;
        }
        if let Some(c) = direct_cand(text, d) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.outer);
    out
}

/// Steps over closing quotation marks right after `end`.
fn extend_over_marks(text: &str, end: usize) -> usize {
    let rest = text.get(end..).unwrap_or("");
    end + (rest.len() - rest.trim_start_matches(['"', '”', '’', '\'', '»']).len())
}

fn direct_cand(text: &str, d: Direct) -> Option<Cand> {
    let first = d.pieces[0];
    let last = d.pieces[d.pieces.len() - 1];
    let words = |p: &direct::Piece| {
        text[p.content().0..p.content().1]
            .split_whitespace()
            .count()
    };
    let total: usize = d.pieces.iter().map(words).sum();
    if d.attr.is_none() && (!d.whole_clause || total <= 3) {
        return None;
    }
    let attr = d.attr;
    let (span, outer, kind, body) = match d.mixed_start {
        Some(ms) => {
            let end = d.mixed_end.unwrap_or(last.outer_end());
            (
                (ms, end),
                (ms, end),
                QuoteKind::Mixed,
                text[ms..end].to_string(),
            )
        }
        None => {
            let body: Vec<&str> = d
                .pieces
                .iter()
                .map(|p| text[p.content().0..p.content().1].trim())
                .collect();
            let span = (first.content().0, last.content().1);
            (
                span,
                (first.open, last.outer_end()),
                QuoteKind::Direct,
                body.join("\n"),
            )
        }
    };
    Some(Cand {
        span,
        outer,
        text: body,
        kind,
        cue: attr.map(|a| a.cue),
        speaker: attr.and_then(|a| a.speaker),
    })
}

#[cfg(test)]
mod tests;
