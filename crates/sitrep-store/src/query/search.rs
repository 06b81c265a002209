//! Full-text search over document bodies, headlines and quotes (SQLite FTS5).

use super::sql::Where;
use super::{Ctx, Filter, FilterError, Page, QueryError};
use crate::Store;
use rusqlite::OptionalExtension;
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
pub(crate) fn split_terms(input: &str) -> Vec<(String, bool)> {
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
        let conn = sqlite!(self, pg => pg.search(query, f));
        let fts = fts_query(query)?;
        let mut w = Where::default();
        let q = w.bind(fts.clone());
        let (doc_conds, quote_conds) = conditions(&mut w, f);
        // Rank only keys; snippets are made for the page alone, as they cost far more.
        let union = format!(
            "SELECT 'document' AS kind, documents_fts.rowid AS rid,
                bm25(documents_fts, 4.0, 1.0) AS score
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH {q}{doc_conds}
             UNION ALL
             SELECT 'quote', quotes_fts.rowid, bm25(quotes_fts)
             FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid
             JOIN documents d INDEXED BY documents_meta ON d.id = q.doc_id
             WHERE quotes_fts MATCH {q}{quote_conds}"
        );
        let with = w.with();
        let total = Store::count(conn, &format!("{with} SELECT COUNT(*) FROM ({union})"), &w)?;
        let sql = format!(
            "{with} SELECT kind, rid, score FROM ({union}) ORDER BY score, kind, rid
             LIMIT {} OFFSET {}",
            f.limit, f.offset
        );
        let keys = {
            let mut stmt = conn.prepare(&sql).ctx("preparing the search")?;
            let rows = stmt
                .query_map(&*w.named(), |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, f64>(2)?,
                    ))
                })
                .ctx("searching")?;
            rows.collect::<Result<Vec<_>, _>>()
                .ctx("reading search hits")?
        };
        let mut items = Vec::with_capacity(keys.len());
        for (kind, rid, score) in keys {
            if let Some(hit) = Self::search_hit(conn, &fts, &kind, rid, score)? {
                items.push(hit);
            }
        }
        Ok(super::page_of(total, f, items))
    }

    /// The snippet and sourcing of one ranked hit.
    fn search_hit(
        conn: &rusqlite::Connection,
        fts: &str,
        kind: &str,
        rid: i64,
        score: f64,
    ) -> Result<Option<SearchHit>, QueryError> {
        let sql = if kind == "document" {
            format!(
                "SELECT d.id, NULL, snippet(documents_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', 16),
                    d.title, d.outlet, d.published, d.url, NULL
                 FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 AND documents_fts.rowid = ?2"
            )
        } else {
            format!(
                "SELECT q.doc_id, q.idx, snippet(quotes_fts, 0, '{MATCH_START}', '{MATCH_END}', '…', 16),
                    d.title, d.outlet, d.published, d.url, q.speaker
                 FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid
                 JOIN documents d ON d.id = q.doc_id
                 WHERE quotes_fts MATCH ?1 AND quotes_fts.rowid = ?2"
            )
        };
        let mut stmt = conn.prepare_cached(&sql).ctx("preparing a search hit")?;
        stmt.query_row(rusqlite::params![fts, rid], |r| {
            Ok(SearchHit {
                kind: kind.to_string(),
                doc: r.get(0)?,
                quote: r.get(1)?,
                snippet: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                score,
                title: r.get(3)?,
                outlet: r.get(4)?,
                published: r.get(5)?,
                url: r.get(6)?,
                speaker: r.get(7)?,
            })
        })
        .optional()
        .ctx("reading a search hit")
    }
}

/// Extra `AND ...` conditions for the document arm and the quote arm.
pub(crate) fn conditions(w: &mut Where, f: &Filter) -> (String, String) {
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
