//! The query API on PostgreSQL. Filters are built by the same code as for SQLite
//! (`query::event_where` and friends) and translated by [`to_pg`], so both backends
//! accept and apply the same filters; only the page and search statements differ.

use super::{PgStore, QCtx};
use crate::query::search::{conditions, split_terms, SearchHit, MATCH_END, MATCH_START};
use crate::query::sql::Where;
use crate::query::{
    actor_where, event_where, fact_where, page_of, ActorHit, Edge, EventHit, FactDetail, Filter,
    FilterError, Page, QueryError, Sort, EVENT_COLUMNS,
};
use postgres::types::ToSql;
use postgres::Row;
use sitrep_model::{Fact, Modality};
use std::fmt::Write;

/// Rewrites the SQLite dialect the shared filter builders emit: `:pN` placeholders
/// become `$N+1` (typed as text, as every filter binds text), `instr` becomes its
/// PostgreSQL twin `strpos`, and the one JSON path the filters read becomes `->>`.
pub(crate) fn to_pg(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 32);
    let mut rest = sql;
    while let Some(i) = rest.find(":p") {
        let after = &rest[i + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..i]);
        match after[..digits].parse::<usize>() {
            Ok(n) => {
                let _ = write!(out, "${}::text", n + 1);
            }
            Err(_) => out.push_str(":p"),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out.replace("instr(", "strpos(").replace(
        "json_extract(f.json, '$.plover')",
        "(f.json::jsonb ->> 'plover')",
    )
}

/// Turns what a user typed into a `to_tsquery('english', ...)` argument with the FTS
/// path's semantics: words and `"quoted phrases"` must all match, `OR` between two
/// terms allows either (binding looser than the implicit AND), a trailing `*` matches
/// a prefix. Punctuation inside a term splits it into a phrase, so the result is never
/// a tsquery syntax error.
pub(crate) fn ts_query(input: &str) -> Result<String, FilterError> {
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    for (token, quoted) in split_terms(input) {
        if !quoted && token == "OR" {
            if groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
            continue;
        }
        let (word, prefix) = match token.strip_suffix('*') {
            Some(w) if !quoted => (w, true),
            _ => (token.as_str(), false),
        };
        let words: Vec<&str> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        let star = if prefix { ":*" } else { "" };
        let phrase = words.join(" <-> ");
        if let Some(g) = groups.last_mut() {
            g.push(format!("({phrase}{star})"));
        }
    }
    let groups: Vec<String> = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| format!("({})", g.join(" & ")))
        .collect();
    if groups.is_empty() {
        return Err(FilterError::EmptySearch);
    }
    Ok(groups.join(" | "))
}

impl PgStore {
    pub(super) fn rows(
        &self,
        sql: &str,
        texts: &[String],
        what: &str,
    ) -> Result<Vec<Row>, QueryError> {
        let params: Vec<&(dyn ToSql + Sync)> =
            texts.iter().map(|t| t as &(dyn ToSql + Sync)).collect();
        self.client.borrow_mut().query(sql, &params).qctx(what)
    }

    /// The match count the page saw in its last column, or a separate count when the
    /// page is empty for another reason than there being no match.
    fn total(
        &self,
        rows: &[Row],
        col: usize,
        f: &Filter,
        count: &str,
        texts: &[String],
    ) -> Result<u64, QueryError> {
        if let Some(r) = rows.first() {
            let n: i64 = r.try_get(col).qctx("reading the count")?;
            if n >= 0 {
                return Ok(n as u64);
            }
        } else if f.offset == 0 && f.limit > 0 {
            return Ok(0);
        }
        let rows = self.rows(count, texts, "counting matches")?;
        match rows.first() {
            Some(r) => Ok(r.try_get::<_, i64>(0).qctx("counting matches")?.max(0) as u64),
            None => Ok(0),
        }
    }

    pub(crate) fn query_events(&self, f: &Filter) -> Result<Page<EventHit>, QueryError> {
        let w = event_where(f);
        let from = "FROM events e JOIN documents d ON d.id = e.doc_id";
        let sql = to_pg(&format!(
            "{} SELECT {EVENT_COLUMNS}, COUNT(*) OVER () {from}{}
             ORDER BY COALESCE(e.date, d.published) IS NULL, COALESCE(e.date, d.published),
             e.doc_id, e.idx LIMIT {} OFFSET {}",
            w.with(),
            w.sql(),
            f.limit,
            f.offset
        ));
        let texts = w.texts();
        let rows = self.rows(&sql, &texts, "querying events")?;
        let items = rows.iter().map(event_hit).collect::<Result<_, _>>()?;
        let count = to_pg(&format!("{} SELECT COUNT(*) {from}{}", w.with(), w.sql()));
        let total = self.total(&rows, 10, f, &count, &texts)?;
        Ok(page_of(total, f, items))
    }

    pub(crate) fn query_facts(&self, f: &Filter) -> Result<Page<Fact>, QueryError> {
        let w = fact_where(f);
        let order = match f.sort {
            Sort::Default => "f.rank",
            Sort::Date => "f.first_seen IS NULL, f.first_seen, f.rank",
        };
        let sql = to_pg(&format!(
            "{} SELECT f.json, COUNT(*) OVER () FROM facts f{} ORDER BY {order}
             LIMIT {} OFFSET {}",
            w.with(),
            w.sql(),
            f.limit,
            f.offset
        ));
        let texts = w.texts();
        let rows = self.rows(&sql, &texts, "querying facts")?;
        let items = rows
            .iter()
            .map(|r| {
                decode(
                    r.try_get(0).qctx("reading facts")?,
                    "decoding a stored fact",
                )
            })
            .collect::<Result<_, _>>()?;
        let count = to_pg(&format!(
            "{} SELECT COUNT(*) FROM facts f{}",
            w.with(),
            w.sql()
        ));
        let total = self.total(&rows, 1, f, &count, &texts)?;
        Ok(page_of(total, f, items))
    }

    pub(crate) fn fact_detail(&self, id: &str) -> Result<Option<FactDetail>, QueryError> {
        let texts = [id.to_string()];
        let rows = self.rows(
            "SELECT json FROM facts WHERE id = $1",
            &texts,
            "loading a fact",
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let fact: Fact = decode(
            r.try_get(0).qctx("loading a fact")?,
            "decoding a stored fact",
        )?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM fact_events l
             JOIN events e ON e.doc_id = l.doc_id AND e.idx = l.event_idx
             JOIN documents d ON d.id = e.doc_id WHERE l.fact_id = $1
             ORDER BY COALESCE(e.date, d.published) IS NULL, COALESCE(e.date, d.published),
             e.doc_id, e.idx"
        );
        let rows = self.rows(&sql, &texts, "querying events")?;
        let hits: Vec<EventHit> = rows.iter().map(event_hit).collect::<Result<_, _>>()?;
        let (denials, assertions) = hits
            .into_iter()
            .partition(|h| matches!(h.event.modality, Modality::Denied | Modality::Negated));
        Ok(Some(FactDetail {
            fact,
            assertions,
            denials,
        }))
    }

    pub(crate) fn query_actors(&self, f: &Filter) -> Result<Page<ActorHit>, QueryError> {
        if f.outlet.is_none() && f.from.is_none() && f.to.is_none() {
            return self.actor_totals(f);
        }
        let w = actor_where(f, "en.name", "en.code");
        let sql = to_pg(&format!(
            "SELECT g.name, g.code, g.kind, g.documents, g.mentions, COALESCE(s.as_source, 0),
                COALESCE(s.as_target, 0), COALESCE(s.as_claimant, 0), g.total
             FROM (SELECT en.name AS name, en.code AS code, MIN(en.kind) AS kind,
                     COUNT(DISTINCT en.doc_id) AS documents, SUM(en.mentions)::BIGINT AS mentions,
                     COUNT(*) OVER () AS total
                   FROM entities en JOIN documents d ON d.id = en.doc_id{}
                   GROUP BY en.name, en.code ORDER BY 4 DESC, 5 DESC, en.name, en.code
                   LIMIT {} OFFSET {}) g
             LEFT JOIN actor_stats s ON s.name = g.name AND s.code = g.code
             ORDER BY g.documents DESC, g.mentions DESC, g.name, g.code",
            w.sql(),
            f.limit,
            f.offset
        ));
        let texts = w.texts();
        let rows = self.rows(&sql, &texts, "querying actors")?;
        let items = rows.iter().map(actor_hit).collect::<Result<_, _>>()?;
        let count = to_pg(&format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM entities en JOIN documents d ON d.id = en.doc_id{}
             GROUP BY en.name, en.code) AS t",
            w.sql()
        ));
        let total = self.total(&rows, 8, f, &count, &texts)?;
        Ok(page_of(total, f, items))
    }

    /// The actor list from the totals kept on insert.
    fn actor_totals(&self, f: &Filter) -> Result<Page<ActorHit>, QueryError> {
        let w = actor_where(f, "name", "code");
        let sql = to_pg(&format!(
            "SELECT name, code, kind, documents, mentions, as_source, as_target, as_claimant,
                COUNT(*) OVER ()
             FROM actor_stats{} ORDER BY documents DESC, mentions DESC, name, code
             LIMIT {} OFFSET {}",
            w.sql(),
            f.limit,
            f.offset
        ));
        let texts = w.texts();
        let rows = self.rows(&sql, &texts, "querying actors")?;
        let items = rows.iter().map(actor_hit).collect::<Result<_, _>>()?;
        let count = to_pg(&format!("SELECT COUNT(*) FROM actor_stats{}", w.sql()));
        let total = self.total(&rows, 8, f, &count, &texts)?;
        Ok(page_of(total, f, items))
    }

    pub(crate) fn network(&self, f: &Filter) -> Result<Vec<Edge>, QueryError> {
        let mut w = fact_where(f);
        w.add("f.source <> '' AND f.target <> ''".into());
        let sql = to_pg(&format!(
            "{} SELECT f.source, MAX(f.json::jsonb ->> 'source_name'), f.target,
             MAX(f.json::jsonb ->> 'target_name'),
             CASE WHEN (f.json::jsonb ->> 'quad_class')::int IN (1, 2) THEN 'cooperation'
                  WHEN (f.json::jsonb ->> 'quad_class')::int IN (3, 4) THEN 'conflict'
                  ELSE 'neutral' END AS kind,
             COUNT(*), SUM(f.contested)::BIGINT, SUM(f.documents)::BIGINT
             FROM facts f{} GROUP BY f.source, f.target, kind
             ORDER BY 6 DESC, f.source, f.target, kind LIMIT {}",
            w.with(),
            w.sql(),
            f.limit
        ));
        let rows = self.rows(&sql, &w.texts(), "querying the network")?;
        rows.iter()
            .map(|r| {
                let text = |i| {
                    r.try_get::<_, Option<String>>(i)
                        .qctx("reading the network")
                };
                let num = |i| r.try_get::<_, i64>(i).qctx("reading the network");
                Ok(Edge {
                    source: text(0)?.unwrap_or_default(),
                    source_name: text(1)?.unwrap_or_default(),
                    target: text(2)?.unwrap_or_default(),
                    target_name: text(3)?.unwrap_or_default(),
                    kind: text(4)?.unwrap_or_default(),
                    facts: num(5)? as u64,
                    contested: num(6)? as u64,
                    documents: num(7)? as u64,
                })
            })
            .collect()
    }

    /// Reads in chunks by key, so `f` may query the store between chunks.
    pub(crate) fn for_each_event_hit<E: From<QueryError>>(
        &self,
        mut f: impl FnMut(EventHit) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id
             WHERE (e.doc_id, e.idx) > ($1::text, $2::text::bigint)
             ORDER BY e.doc_id, e.idx LIMIT {}",
            super::CHUNK
        );
        let mut after = (String::new(), "-1".to_string());
        loop {
            let rows = self.rows(&sql, &[after.0.clone(), after.1.clone()], "reading events")?;
            let hits: Vec<EventHit> = rows.iter().map(event_hit).collect::<Result<_, _>>()?;
            let done = (hits.len() as i64) < super::CHUNK;
            for hit in hits {
                after = (hit.doc.clone(), hit.index.to_string());
                f(hit)?;
            }
            if done {
                return Ok(());
            }
        }
    }

    pub(crate) fn document_text(&self, id: &str) -> Result<Option<String>, QueryError> {
        let rows = self.rows(
            "SELECT text FROM documents WHERE id = $1",
            &[id.to_string()],
            "loading a document's text",
        )?;
        rows.first()
            .map(|r| r.try_get(0).qctx("loading a document's text"))
            .transpose()
    }

    /// Full-text search with `tsvector` columns; `score` is the negated cover density
    /// rank, so lower is better as with BM25 on SQLite.
    pub(crate) fn search(&self, query: &str, f: &Filter) -> Result<Page<SearchHit>, QueryError> {
        let tsq = ts_query(query)?;
        let mut w = Where::default();
        let q = w.bind(tsq);
        let (doc_conds, quote_conds) = conditions(&mut w, f);
        let union = format!(
            "SELECT 'document' AS kind, d.id AS doc, -1::BIGINT AS quote,
                -(ts_rank_cd(d.tsv, to_tsquery('english', {q}))::numeric::float8) AS score
             FROM documents d WHERE d.tsv @@ to_tsquery('english', {q}){doc_conds}
             UNION ALL
             SELECT 'quote', q.doc_id, q.idx,
                -(ts_rank_cd(q.tsv, to_tsquery('english', {q}))::numeric::float8)
             FROM quotes q JOIN documents d ON d.id = q.doc_id
             WHERE q.tsv @@ to_tsquery('english', {q}){quote_conds}"
        );
        let with = w.with();
        let sql = to_pg(&format!(
            "{with} SELECT kind, doc, quote, score, COUNT(*) OVER () FROM ({union}) AS hits
             ORDER BY score, kind, doc, quote LIMIT {} OFFSET {}",
            f.limit, f.offset
        ));
        let texts = w.texts();
        let rows = self.rows(&sql, &texts, "searching")?;
        let count = to_pg(&format!("{with} SELECT COUNT(*) FROM ({union}) AS hits"));
        let total = self.total(&rows, 4, f, &count, &texts)?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let kind: String = r.try_get(0).qctx("reading search hits")?;
            let doc: String = r.try_get(1).qctx("reading search hits")?;
            let quote: i64 = r.try_get(2).qctx("reading search hits")?;
            let score: f64 = r.try_get(3).qctx("reading search hits")?;
            if let Some(hit) = self.search_hit(&texts[0], kind, doc, quote, score)? {
                items.push(hit);
            }
        }
        Ok(page_of(total, f, items))
    }

    /// The snippet and sourcing of one ranked hit.
    fn search_hit(
        &self,
        tsq: &str,
        kind: String,
        doc: String,
        quote: i64,
        score: f64,
    ) -> Result<Option<SearchHit>, QueryError> {
        let options = format!(
            "StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=16, MinWords=8, \
             MaxFragments=1, FragmentDelimiter=…"
        );
        let sql = if kind == "document" {
            "SELECT d.id, NULL::BIGINT,
                ts_headline('english', d.text, to_tsquery('english', $1), $3),
                d.title, d.outlet, d.published, d.url, NULL::TEXT
             FROM documents d WHERE d.id = $2 AND $4::text::bigint = -1"
        } else {
            "SELECT q.doc_id, q.idx, ts_headline('english', q.text, to_tsquery('english', $1), $3),
                d.title, d.outlet, d.published, d.url, q.speaker
             FROM quotes q JOIN documents d ON d.id = q.doc_id
             WHERE q.doc_id = $2 AND q.idx = $4::text::bigint"
        };
        let texts = [tsq.to_string(), doc, options, quote.to_string()];
        let rows = self.rows(sql, &texts, "reading a search hit")?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let text = |i| {
            r.try_get::<_, Option<String>>(i)
                .qctx("reading a search hit")
        };
        Ok(Some(SearchHit {
            kind,
            doc: r.try_get(0).qctx("reading a search hit")?,
            quote: r
                .try_get::<_, Option<i64>>(1)
                .qctx("reading a search hit")?
                .map(|n| n as u32),
            snippet: text(2)?.unwrap_or_default(),
            score,
            title: text(3)?,
            outlet: text(4)?,
            published: text(5)?,
            url: text(6)?,
            speaker: text(7)?,
        }))
    }
}

fn decode<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, QueryError> {
    serde_json::from_str(json).map_err(|source| {
        QueryError::Store(crate::StoreError::Json {
            context: what.to_string(),
            source,
        })
    })
}

/// An event row in [`EVENT_COLUMNS`] order.
fn event_hit(r: &Row) -> Result<EventHit, QueryError> {
    let text = |i| r.try_get::<_, Option<String>>(i).qctx("reading an event");
    Ok(EventHit {
        doc: r.try_get(0).qctx("reading an event")?,
        index: r.try_get::<_, i64>(1).qctx("reading an event")? as u32,
        event: decode(
            r.try_get(2).qctx("reading an event")?,
            "decoding a stored event",
        )?,
        title: text(3)?,
        outlet: text(4)?,
        url: text(5)?,
        source: text(6)?.unwrap_or_default(),
        published: text(7)?,
        date: text(8)?,
        fact: text(9)?,
    })
}

fn actor_hit(r: &Row) -> Result<ActorHit, QueryError> {
    let num = |i| {
        r.try_get::<_, i64>(i)
            .map(|n| n.max(0) as u64)
            .qctx("reading actors")
    };
    Ok(ActorHit {
        name: r.try_get(0).qctx("reading actors")?,
        code: r.try_get(1).qctx("reading actors")?,
        kind: r.try_get(2).qctx("reading actors")?,
        documents: num(3)?,
        mentions: num(4)?,
        as_source: num(5)?,
        as_target: num(6)?,
        as_claimant: num(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_functions_are_translated() {
        assert_eq!(
            to_pg("instr(lower(d.outlet), :p0) > 0 AND x = :p10"),
            "strpos(lower(d.outlet), $1::text) > 0 AND x = $11::text"
        );
    }

    #[test]
    fn or_binds_looser_than_and() {
        assert_eq!(
            ts_query("a \"b c\" OR d*").unwrap(),
            "((a) & (b <-> c)) | ((d:*))"
        );
        assert_eq!(ts_query("x's").unwrap(), "((x <-> s))");
        assert!(ts_query("OR ** \"\"").is_err());
    }
}
