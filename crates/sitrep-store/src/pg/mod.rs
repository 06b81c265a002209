//! The PostgreSQL backend: the same tables and insert semantics as the SQLite store,
//! for several users on one server. A document and all its layers go in one
//! transaction; a document already stored (same content-hash id) is skipped through
//! `ON CONFLICT DO NOTHING`, so re-running the same input adds nothing.
//!
//! The sync `postgres` client needs `&mut` for every call while the store's read API
//! takes `&self`, so the client sits in a `RefCell`; no method calls back into the
//! store while it holds the borrow (the `for_each_*` methods read in chunks and
//! release it before calling back).

use crate::query::QueryError;
use crate::{
    precision_name, ActorCount, DocRow, EventRow, QuoteRow, StoreError, Totals, SCHEMA_VERSION,
};
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row};
use sitrep_model::{DateValue, Document, Fact, Precision};
use std::cell::RefCell;

mod read;
mod schema;

pub(crate) use postgres::Client as PgClient;

/// Rows fetched per round trip by the `for_each_*` methods.
const CHUNK: i64 = 1000;

/// Shorthand for `map_err` into [`StoreError::Postgres`] with a context.
pub(crate) trait Ctx<T> {
    fn ctx(self, what: &str) -> Result<T, StoreError>;
}

impl<T> Ctx<T> for Result<T, postgres::Error> {
    fn ctx(self, what: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Postgres {
            context: what.to_string(),
            source,
        })
    }
}

impl From<(postgres::Error, &str)> for QueryError {
    fn from((e, what): (postgres::Error, &str)) -> Self {
        if e.code() == Some(&SqlState::QUERY_CANCELED) {
            return QueryError::Interrupted;
        }
        QueryError::Store(StoreError::Postgres {
            context: what.to_string(),
            source: e,
        })
    }
}

/// Shorthand for `map_err` into [`QueryError`], telling cancelled queries apart.
pub(crate) trait QCtx<T> {
    fn qctx(self, what: &str) -> Result<T, QueryError>;
}

impl<T> QCtx<T> for Result<T, postgres::Error> {
    fn qctx(self, what: &str) -> Result<T, QueryError> {
        self.map_err(|e| QueryError::from((e, what)))
    }
}

/// A connection to a PostgreSQL database holding a sitrep schema.
pub(crate) struct PgStore {
    client: RefCell<Client>,
}

type Params<'a> = [&'a (dyn ToSql + Sync)];

impl PgStore {
    /// Connects and migrates to [`SCHEMA_VERSION`].
    pub(crate) fn open(url: &str) -> Result<PgStore, StoreError> {
        let mut client = connect(url)?;
        schema::migrate(&mut client)?;
        Ok(PgStore {
            client: RefCell::new(client),
        })
    }

    /// Connects for reading only; the schema must be at [`SCHEMA_VERSION`].
    pub(crate) fn open_read_only(url: &str) -> Result<PgStore, QueryError> {
        let mut client = connect(url)?;
        let found = schema::version(&mut client)?;
        match found.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Less => {
                return Err(QueryError::Outdated {
                    found,
                    supported: SCHEMA_VERSION,
                })
            }
            std::cmp::Ordering::Greater => {
                return Err(StoreError::TooNew {
                    found,
                    supported: SCHEMA_VERSION,
                }
                .into())
            }
            std::cmp::Ordering::Equal => {}
        }
        client
            .batch_execute("SET default_transaction_read_only = on")
            .ctx("making the connection read-only")?;
        Ok(PgStore {
            client: RefCell::new(client),
        })
    }

    /// A token that cancels the query running on this connection.
    pub(crate) fn cancel_token(&self) -> postgres::CancelToken {
        self.client.borrow().cancel_token()
    }

    fn query(&self, sql: &str, params: &Params<'_>, what: &str) -> Result<Vec<Row>, StoreError> {
        self.client.borrow_mut().query(sql, params).ctx(what)
    }

    pub(crate) fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let rows = self.query(
            "SELECT 1 FROM documents WHERE id = $1",
            &[&id],
            "looking up a document",
        )?;
        Ok(!rows.is_empty())
    }

    pub(crate) fn insert_documents(&mut self, docs: &[Document]) -> Result<usize, StoreError> {
        let client = self.client.get_mut();
        let mut tx = client.transaction().ctx("starting a transaction")?;
        let mut new = 0;
        for doc in docs {
            if insert_document(&mut tx, doc)? {
                new += 1;
            }
        }
        tx.commit().ctx("committing documents")?;
        Ok(new)
    }

    pub(crate) fn date_document(&mut self, doc: &Document) -> Result<bool, StoreError> {
        if doc.published.is_none() {
            return Ok(false);
        }
        let client = self.client.get_mut();
        // Most documents seen again are dated already: one read settles them, and the
        // guarded write below keeps a concurrent dating from being undone.
        let undated = client
            .query_opt(
                "SELECT published IS NULL FROM documents WHERE id = $1",
                &[&doc.id],
            )
            .ctx("looking up a document's date")?
            .map(|row| row.get::<_, bool>(0));
        if undated != Some(true) {
            return Ok(false);
        }
        let mut tx = client.transaction().ctx("starting a transaction")?;
        if write_document_row(&mut tx, doc, crate::DATE_UNDATED)? == 0 {
            return Ok(false);
        }
        // `actor_stats` is kept by insert triggers only: take the old layers' share out
        // before they go, as the re-inserted layers add theirs back.
        for sql in UNCOUNT_DOCUMENT {
            tx.execute(sql, &[&doc.id])
                .ctx("taking a dated document out of the actor counts")?;
        }
        for table in ["entities", "quotes", "events"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE doc_id = $1"),
                &[&doc.id],
            )
            .ctx(&format!("replacing the {table} of a dated document"))?;
        }
        insert_entities(&mut tx, doc)?;
        insert_quotes(&mut tx, doc)?;
        insert_events(&mut tx, doc)?;
        tx.execute("DELETE FROM actor_stats WHERE documents <= 0", &[])
            .ctx("dropping actors no document names")?;
        tx.commit().ctx("committing a dated document")?;
        Ok(true)
    }

    pub(crate) fn mark_copy(
        &self,
        doc: &str,
        of: &str,
        kind: &str,
        similarity: f32,
    ) -> Result<(), StoreError> {
        self.client
            .borrow_mut()
            .execute(
                "UPDATE documents SET copy_of = $2, copy_kind = $3, copy_similarity = $4
                 WHERE id = $1",
                &[&doc, &of, &kind, &f64::from(similarity)],
            )
            .ctx("marking a duplicate")?;
        Ok(())
    }

    pub(crate) fn set_stories(&mut self, stories: &[(String, u32)]) -> Result<(), StoreError> {
        let client = self.client.get_mut();
        let mut tx = client.transaction().ctx("starting a transaction")?;
        let stmt = tx
            .prepare("UPDATE documents SET story = $2 WHERE id = $1")
            .ctx("preparing the story update")?;
        for (id, story) in stories {
            tx.execute(&stmt, &[id, &(*story as i32)])
                .ctx("recording a story")?;
        }
        tx.commit().ctx("committing stories")
    }

    pub(crate) fn documents(&self) -> Result<Vec<DocRow>, StoreError> {
        let rows = self.query(
            "SELECT id, source, title, outlet, published, published_precision, copy_of, story
             FROM documents ORDER BY seq",
            &[],
            "listing documents",
        )?;
        rows.iter()
            .map(|r| {
                let published: Option<String> = r.try_get(4).ctx("reading documents")?;
                let precision: Option<String> = r.try_get(5).ctx("reading documents")?;
                Ok(DocRow {
                    id: r.try_get(0).ctx("reading documents")?,
                    source: r.try_get(1).ctx("reading documents")?,
                    title: r.try_get(2).ctx("reading documents")?,
                    outlet: r.try_get(3).ctx("reading documents")?,
                    published: published.map(|value| DateValue {
                        precision: precision
                            .as_deref()
                            .and_then(crate::parse_precision)
                            .unwrap_or(Precision::Day),
                        value,
                    }),
                    copy_of: r.try_get(6).ctx("reading documents")?,
                    story: r
                        .try_get::<_, Option<i32>>(7)
                        .ctx("reading documents")?
                        .map(|s| s as u32),
                })
            })
            .collect()
    }

    pub(crate) fn for_each_text(&self, mut f: impl FnMut(&str, &str)) -> Result<(), StoreError> {
        let mut after = 0i64;
        loop {
            let rows = self.query(
                "SELECT seq, id, text FROM documents WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&after, &CHUNK],
                "reading texts",
            )?;
            for r in &rows {
                after = r.try_get(0).ctx("reading texts")?;
                let id: &str = r.try_get(1).ctx("reading texts")?;
                let text: &str = r.try_get(2).ctx("reading texts")?;
                f(id, text);
            }
            if (rows.len() as i64) < CHUNK {
                return Ok(());
            }
        }
    }

    pub(crate) fn events(&self) -> Result<Vec<EventRow>, StoreError> {
        let rows = self.query(
            "SELECT doc_id, idx, json FROM events ORDER BY doc_id, idx",
            &[],
            "listing events",
        )?;
        rows.iter()
            .map(|r| {
                let json: &str = r.try_get(2).ctx("reading events")?;
                Ok(EventRow {
                    doc: r.try_get(0).ctx("reading events")?,
                    index: r.try_get::<_, i64>(1).ctx("reading events")? as u32,
                    event: serde_json::from_str(json).map_err(|source| StoreError::Json {
                        context: "decoding a stored event".into(),
                        source,
                    })?,
                })
            })
            .collect()
    }

    pub(crate) fn replace_facts(&mut self, facts: &[Fact]) -> Result<(), StoreError> {
        let mut tx = self
            .client
            .get_mut()
            .transaction()
            .ctx("starting a transaction")?;
        tx.batch_execute("DELETE FROM fact_events; DELETE FROM facts")
            .ctx("clearing facts")?;
        let fact_stmt = tx
            .prepare(
                "INSERT INTO facts (id, rank, source, target, root, cameo, label, documents,
                 origins, contested, first_seen, last_seen, json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .ctx("preparing fact insert")?;
        let link_stmt = tx
            .prepare(
                "INSERT INTO fact_events (fact_id, doc_id, event_idx) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .ctx("preparing fact link insert")?;
        for (rank, fact) in facts.iter().enumerate() {
            let json = json_text(fact, "encoding a fact")?;
            tx.execute(
                &fact_stmt,
                &[
                    &fact.id,
                    &(rank as i64),
                    &fact.source,
                    &fact.target,
                    &fact.root,
                    &fact.cameo,
                    &fact.label,
                    &i64::from(fact.documents),
                    &i64::from(fact.origins),
                    &i64::from(fact.contested),
                    &fact.first_seen,
                    &fact.last_seen,
                    &json,
                ],
            )
            .ctx("inserting a fact")?;
            for e in &fact.events {
                tx.execute(&link_stmt, &[&fact.id, &e.doc, &i64::from(e.event)])
                    .ctx("linking a fact to its events")?;
            }
        }
        tx.commit().ctx("committing facts")
    }

    pub(crate) fn facts(&self) -> Result<Vec<Fact>, StoreError> {
        let rows = self.query("SELECT json FROM facts ORDER BY rank", &[], "listing facts")?;
        rows.iter()
            .map(|r| {
                let json: &str = r.try_get(0).ctx("reading facts")?;
                serde_json::from_str(json).map_err(|source| StoreError::Json {
                    context: "decoding a stored fact".into(),
                    source,
                })
            })
            .collect()
    }

    pub(crate) fn top_actors(&self, limit: usize) -> Result<Vec<ActorCount>, StoreError> {
        let rows = self.query(
            "SELECT name, code, MIN(kind), COUNT(DISTINCT doc_id), SUM(mentions)::BIGINT
             FROM entities GROUP BY name, code ORDER BY 4 DESC, 5 DESC, name, code LIMIT $1",
            &[&(limit as i64)],
            "counting actors",
        )?;
        rows.iter()
            .map(|r| {
                Ok(ActorCount {
                    name: r.try_get(0).ctx("reading actors")?,
                    code: r.try_get(1).ctx("reading actors")?,
                    kind: r.try_get(2).ctx("reading actors")?,
                    documents: r.try_get::<_, i64>(3).ctx("reading actors")? as u64,
                    mentions: r.try_get::<_, i64>(4).ctx("reading actors")? as u64,
                })
            })
            .collect()
    }

    pub(crate) fn quotes(&self, limit: usize) -> Result<Vec<QuoteRow>, StoreError> {
        let rows = self.query(
            "SELECT q.doc_id, q.json, q.speaker, q.speaker_code FROM quotes q
             JOIN documents d ON d.id = q.doc_id
             WHERE q.speaker IS NOT NULL AND d.copy_of IS NULL
             ORDER BY length(q.text) DESC, d.seq, q.idx LIMIT $1",
            &[&(limit as i64)],
            "listing quotes",
        )?;
        rows.iter()
            .map(|r| {
                let json: &str = r.try_get(1).ctx("reading quotes")?;
                Ok(QuoteRow {
                    doc: r.try_get(0).ctx("reading quotes")?,
                    quote: serde_json::from_str(json).map_err(|source| StoreError::Json {
                        context: "decoding a stored quote".into(),
                        source,
                    })?,
                    speaker: r.try_get(2).ctx("reading quotes")?,
                    speaker_code: r.try_get(3).ctx("reading quotes")?,
                })
            })
            .collect()
    }

    pub(crate) fn totals(&self) -> Result<Totals, StoreError> {
        let rows = self.query(
            "SELECT (SELECT COUNT(*) FROM documents),
                    (SELECT COUNT(*) FROM documents WHERE copy_of IS NOT NULL),
                    (SELECT COUNT(DISTINCT outlet) FROM documents),
                    (SELECT COUNT(*) FROM events),
                    (SELECT COUNT(*) FROM facts),
                    (SELECT COUNT(*) FROM quotes),
                    (SELECT MIN(published) FROM documents),
                    (SELECT MAX(published) FROM documents),
                    (SELECT COUNT(DISTINCT story) FROM documents)",
            &[],
            "counting",
        )?;
        let Some(r) = rows.first() else {
            return Ok(Totals::default());
        };
        let n = |i: usize| r.try_get::<_, i64>(i).map(|n| n as u64).ctx("counting");
        Ok(Totals {
            documents: n(0)?,
            duplicates: n(1)?,
            outlets: n(2)?,
            events: n(3)?,
            facts: n(4)?,
            quotes: n(5)?,
            stories: n(8)?,
            first_published: r.try_get(6).ctx("reading the date range")?,
            last_published: r.try_get(7).ctx("reading the date range")?,
        })
    }

    pub(crate) fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let rows = self.query(
            "SELECT json FROM documents WHERE id = $1",
            &[&id],
            "loading a document",
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let json: &str = r.try_get(0).ctx("loading a document")?;
        serde_json::from_str(json)
            .map(Some)
            .map_err(|source| StoreError::Json {
                context: "decoding a stored document".into(),
                source,
            })
    }
}

/// See [`crate::reset_postgres_schema`].
pub(crate) fn reset_schema(url: &str, schema: &str) -> Result<String, StoreError> {
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    if schema.is_empty() || !schema.chars().all(plain) {
        return Err(StoreError::BadSchemaName(schema.to_string()));
    }
    let mut client = connect(url)?;
    client
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .ctx(&format!("recreating schema {schema}"))?;
    let sep = if url.contains('?') { '&' } else { '?' };
    Ok(format!("{url}{sep}options=-csearch_path%3D{schema}"))
}

fn connect(url: &str) -> Result<Client, StoreError> {
    let shown = crate::pg_redacted(std::path::Path::new(url));
    Client::connect(url, NoTls).ctx(&format!("connecting to {shown}"))
}

fn json_text<T: serde::Serialize>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|source| StoreError::Json {
        context: what.to_string(),
        source,
    })
}

/// Inserts one document and, when it is new, all its layers; false when it was stored
/// already.
/// Removes one document's entities and event roles (`$1` is its id) from `actor_stats`,
/// exactly as the insert triggers of `schema.rs` added them.
const UNCOUNT_DOCUMENT: [&str; 2] = [
    "UPDATE actor_stats SET documents = documents - e.n, mentions = mentions - e.m
     FROM (SELECT name, code, COUNT(*) AS n, SUM(mentions) AS m FROM entities
           WHERE doc_id = $1 GROUP BY name, code) AS e
     WHERE e.name = actor_stats.name AND e.code = actor_stats.code",
    "UPDATE actor_stats SET as_source = as_source - r.s, as_target = as_target - r.t,
         as_claimant = as_claimant - r.c
     FROM (SELECT name, code, COUNT(*) FILTER (WHERE role = 'source') AS s,
                  COUNT(*) FILTER (WHERE role = 'target') AS t,
                  COUNT(*) FILTER (WHERE role = 'claimant') AS c
           FROM event_actors WHERE doc_id = $1 AND name IS NOT NULL AND code IS NOT NULL
           GROUP BY name, code) AS r
     WHERE r.name = actor_stats.name AND r.code = actor_stats.code",
];

/// Writes the row of `doc` (not its layers); `on_conflict` is the SQLite store's
/// `KEEP_STORED` or `DATE_UNDATED` clause, which PostgreSQL reads alike. Returns how
/// many rows changed.
fn write_document_row(
    tx: &mut postgres::Transaction<'_>,
    doc: &Document,
    on_conflict: &str,
) -> Result<u64, StoreError> {
    let published = doc.published.as_ref();
    let json = json_text(doc, "encoding a document")?;
    tx.execute(
        &format!(
            "INSERT INTO documents (id, source, url, outlet, title, byline, published,
             published_precision, published_origin, language, words, text, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) {on_conflict}"
        ),
        &[
            &doc.id,
            &doc.source,
            &doc.url,
            &doc.outlet,
            &doc.title,
            &doc.byline,
            &published.map(|p| p.date.value.clone()),
            &published.map(|p| precision_name(p.date.precision)),
            &published.map(|p| p.origin.clone()),
            &doc.language,
            &(doc.word_count() as i64),
            &doc.text,
            &json,
        ],
    )
    .ctx("writing a document")
}

fn insert_document(tx: &mut postgres::Transaction<'_>, doc: &Document) -> Result<bool, StoreError> {
    let inserted = write_document_row(tx, doc, crate::KEEP_STORED)?;
    if inserted == 0 {
        return Ok(false);
    }
    insert_entities(tx, doc)?;
    insert_quotes(tx, doc)?;
    insert_events(tx, doc)?;
    Ok(true)
}

fn insert_entities(tx: &mut postgres::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let stmt = tx
        .prepare(
            "INSERT INTO entities (doc_id, idx, name, kind, country, role, code, rule, mentions)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .ctx("preparing entity insert")?;
    for (i, entity) in doc.entities.iter().enumerate() {
        let mentions = doc
            .mentions
            .iter()
            .filter(|m| m.entity as usize == i)
            .count();
        let kind = crate::kind_name(entity.actor.kind);
        tx.execute(
            &stmt,
            &[
                &doc.id,
                &(i as i64),
                &entity.actor.name,
                &kind,
                &entity.actor.country,
                &entity.actor.role,
                &entity.actor.code,
                &entity.rule,
                &(mentions as i64),
            ],
        )
        .ctx("inserting an entity")?;
    }
    Ok(())
}

fn insert_quotes(tx: &mut postgres::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let stmt = tx
        .prepare(
            "INSERT INTO quotes (doc_id, idx, start, \"end\", text, kind, speaker, speaker_code, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .ctx("preparing quote insert")?;
    for (i, quote) in doc.quotes.iter().enumerate() {
        let entity = quote.speaker.and_then(|s| doc.entities.get(s as usize));
        let speaker = entity
            .map(|e| e.actor.name.clone())
            .or_else(|| quote.speaker_name.clone());
        let json = json_text(quote, "encoding a quote")?;
        tx.execute(
            &stmt,
            &[
                &doc.id,
                &(i as i64),
                &i64::from(quote.span.start),
                &i64::from(quote.span.end),
                &quote.text,
                &format!("{:?}", quote.kind).to_lowercase(),
                &speaker,
                &entity.map(|e| e.actor.code.clone()),
                &json,
            ],
        )
        .ctx("inserting a quote")?;
    }
    Ok(())
}

fn insert_events(tx: &mut postgres::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let stmt = tx
        .prepare(
            "INSERT INTO events (doc_id, idx, source, target, cameo, root, quad_class, goldstein,
             plover, modality, claimant, date, rule, confidence, evidence, json)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .ctx("preparing event insert")?;
    for (i, event) in doc.events.iter().enumerate() {
        let json = json_text(event, "encoding an event")?;
        tx.execute(
            &stmt,
            &[
                &doc.id,
                &(i as i64),
                &event.source.as_ref().map(|a| a.code.clone()),
                &event.target.as_ref().map(|a| a.code.clone()),
                &event.cameo,
                &event.root,
                &i64::from(event.quad_class),
                &f64::from(event.goldstein),
                &event.plover,
                &event.modality.as_str(),
                &event.claimant.as_ref().map(|a| a.name.clone()),
                &event.date.as_ref().map(|d| d.date.value.clone()),
                &event.rule,
                &f64::from(event.confidence),
                &event.evidence_text,
                &json,
            ],
        )
        .ctx("inserting an event")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
