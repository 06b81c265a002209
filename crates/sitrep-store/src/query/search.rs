//! Full-text search over document bodies, headlines and quotes (SQLite FTS5).

use super::sql::Where;
use super::{Ctx, Filter, FilterError, Page, QueryError};
use crate::Store;
use serde::Serialize;

/// Marks the start of a matched term in [`SearchHit::snippet`].
pub const MATCH_START: &str = "[[";
/// Marks the end of a matched term in [`SearchHit::snippet`].
pub const MATCH_END: &str = "]]";

/// A document or quote matching a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    /// `document` or `quote`.
    pub kind: String,
    /// Document id.
    pub doc: String,
    /// Index of the quote in its document, for quote hits.
    pub quote: Option<u32>,
    /// Matched text in context; matched terms are wrapped in `[[` and `]]`.
    pub snippet: String,
    /// BM25 score; lower is better.
    pub score: f64,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// The speaker, for quote hits.
    pub speaker: Option<String>,
}

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: words and
/// `"quoted phrases"` must all match, `OR` between two terms allows either, and a
/// trailing `*` matches a prefix. Everything else is taken literally.
pub fn fts_query(input: &str) -> Result<String, FilterError> {
    let mut terms: Vec<String> = Vec::new();
    for (token, quoted) in split_terms(input) {
        if !quoted && token == "OR" {
            if terms.last().is_some_and(|t| t != "OR") {
                terms.push("OR".into());
            }
            continue;
        }
        let (word, prefix) = match token.strip_suffix('*') {
            Some(w) if !quoted => (w, true),
            _ => (token.as_str(), false),
        };
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let star = if prefix { "*" } else { "" };
        terms.push(format!("\"{}\"{star}", word.replace('"', "\"\"")));
    }
    if terms.last().is_some_and(|t| t == "OR") {
        terms.pop();
    }
    if terms.is_empty() {
        return Err(FilterError::EmptySearch);
    }
    Ok(terms.join(" "))
}

/// Whitespace-separated tokens, with double-quoted runs kept whole.
fn split_terms(input: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            out.push((after[..end].to_string(), true));
            rest = after.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push((rest[..end].to_string(), false));
            rest = rest[end..].trim_start();
        }
    }
    out
}

impl Store {
    /// Documents and quotes matching `query` (see [`fts_query`]), best first. `actor`
    /// keeps documents that mention the actor and quotes it speaks; `outlet` and the
    /// dates look at the document. Category, modality and contested are ignored.
    pub fn search(&self, query: &str, f: &Filter) -> Result<Page<SearchHit>, QueryError> {
        let mut w = Where::default();
        let q = w.bind(fts_query(query)?);
        let (doc_conds, quote_conds) = conditions(&mut w, f);
        let union = format!(
            "SELECT 'document' AS kind, d.id AS doc_id, NULL AS idx,
                snippet(documents_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', 16) AS snip,
                bm25(documents_fts, 4.0, 1.0) AS score,
                d.title AS title, d.outlet AS outlet, d.published AS published, d.url AS url,
                NULL AS speaker
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH {q}{doc_conds}
             UNION ALL
             SELECT 'quote', q.doc_id, q.idx,
                snippet(quotes_fts, 0, '{MATCH_START}', '{MATCH_END}', '…', 16),
                bm25(quotes_fts), d.title, d.outlet, d.published, d.url, q.speaker
             FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid
             JOIN documents d ON d.id = q.doc_id
             WHERE quotes_fts MATCH {q}{quote_conds}"
        );
        let with = w.with();
        let total = self.count(&format!("{with} SELECT COUNT(*) FROM ({union})"), &w)?;
        let sql = format!(
            "{with} SELECT * FROM ({union}) ORDER BY score, kind, doc_id, idx LIMIT {} OFFSET {}",
            f.limit, f.offset
        );
        let mut stmt = self.conn.prepare(&sql).ctx("preparing the search")?;
        let rows = stmt
            .query_map(&*w.named(), |r| {
                Ok(SearchHit {
                    kind: r.get(0)?,
                    doc: r.get(1)?,
                    quote: r.get(2)?,
                    snippet: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    score: r.get(4)?,
                    title: r.get(5)?,
                    outlet: r.get(6)?,
                    published: r.get(7)?,
                    url: r.get(8)?,
                    speaker: r.get(9)?,
                })
            })
            .ctx("searching")?;
        let items = rows
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading search hits")?;
        Ok(super::page(total, f, items))
    }
}

/// Extra `AND ...` conditions for the document arm and the quote arm.
fn conditions(w: &mut Where, f: &Filter) -> (String, String) {
    let mut both = String::new();
    if let Some(o) = &f.outlet {
        let p = w.bind(o.clone());
        both += &format!(" AND instr(lower(d.outlet), {p}) > 0");
    }
    if let Some(from) = &f.from {
        let p = w.bind(from.clone());
        both += &format!(" AND d.published >= {p}");
    }
    if let Some(to) = &f.to {
        let p = w.bind(to.clone());
        both += &format!(" AND substr(d.published, 1, length({p})) <= {p}");
    }
    let (mut doc, mut quote) = (both.clone(), both);
    if let Some(a) = &f.actor {
        w.alias(a);
        doc += " AND d.id IN (SELECT en.doc_id FROM alias JOIN entities en
                 ON en.code = upper(alias.v) OR lower(en.name) = alias.v)";
        quote += " AND (lower(q.speaker) IN (SELECT v FROM alias)
                   OR q.speaker_code IN (SELECT upper(v) FROM alias))";
    }
    (doc, quote)
}
