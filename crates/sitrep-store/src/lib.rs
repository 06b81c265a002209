//! Storage of documents, their layers, events and facts in an embedded SQLite database,
//! or (with the `postgres` feature) in a PostgreSQL database given as a `postgres://`
//! URL wherever a database path is taken. Both backends share the schema version, the
//! insert semantics and the read API; callers see one [`Store`] type.
//!
//! The store owns the on-disk schema and its version (see [`SCHEMA_VERSION`]). Every
//! document is written with all its layers in one transaction, so a killed run never
//! leaves a partial document; the database runs in WAL mode so readers can query while a
//! run writes. Documents are keyed by their content hash: inserting the same document
//! twice adds nothing.

use rusqlite::{params, Connection, OptionalExtension};
use sitrep_model::{DateValue, Document, Event, Fact, Precision, Quote};
use std::path::Path;

/// The SQLite connection behind `$store`, or else returns early with what the
/// PostgreSQL backend answers: `let conn = sqlite!(self, pg => pg.totals());`.
macro_rules! sqlite {
    ($store:expr, $pg:ident => $e:expr) => {{
        // Without the `postgres` feature the match has a single arm.
        #[allow(clippy::infallible_destructuring_match)]
        let conn = match &$store.backend {
            $crate::Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            $crate::Backend::Postgres($pg) => return $e,
        };
        conn
    }};
}

/// [`sqlite!`] for methods that need the connection mutably (transactions).
macro_rules! sqlite_mut {
    ($store:expr, $pg:ident => $e:expr) => {{
        // Without the `postgres` feature the match has a single arm.
        #[allow(clippy::infallible_destructuring_match)]
        let conn = match &mut $store.backend {
            $crate::Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            $crate::Backend::Postgres($pg) => return $e,
        };
        conn
    }};
}

#[cfg(feature = "postgres")]
mod pg;
pub mod query;
mod schema;

pub use schema::SCHEMA_VERSION;

/// A storage failure, with the operation that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("{context}")]
    Sqlite {
        /// What the store was doing.
        context: String,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored JSON value could not be read back.
    #[error("{context}")]
    Json {
        /// What the store was doing.
        context: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// PostgreSQL reported an error.
    #[cfg(feature = "postgres")]
    #[error("{context}")]
    Postgres {
        /// What the store was doing.
        context: String,
        /// The cause.
        #[source]
        source: postgres::Error,
    },
    /// A `postgres://` database was asked for, but this build has no PostgreSQL support.
    #[error("{0} is a PostgreSQL URL, but this sitrep was built without the `postgres` feature")]
    NoPostgres(String),
    /// A PostgreSQL schema name with characters other than `a-z`, `0-9` and `_`.
    #[error("bad schema name {0:?}: use lower-case letters, digits and _")]
    BadSchemaName(String),
    /// The database was written by a newer sitrep.
    #[error("database schema version {found} is newer than this build's {supported}")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build reads.
        supported: i64,
    },
}

/// Switches the database to WAL, waiting out other openers.
///
/// Changing the journal mode needs an exclusive lock, and SQLite answers "database is
/// locked" at once, without its busy handler, while another connection opens or migrates
/// the same new file; so the switch is retried here for as long as the busy timeout.
fn enable_wal(conn: &Connection) -> Result<(), StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let mode: Result<String, _> =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0));
        match mode {
            Ok(_) => return Ok(()),
            Err(err) if is_busy(&err) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(err) => return Err(err).context("enabling WAL"),
        }
    }
}

/// Whether SQLite refused for a lock another connection holds.
fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

trait Context<T> {
    fn context(self, what: &str) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn context(self, what: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            context: what.to_string(),
            source,
        })
    }
}

impl<T> Context<T> for Result<T, serde_json::Error> {
    fn context(self, what: &str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Json {
            context: what.to_string(),
            source,
        })
    }
}

/// A document's identity and sourcing, as the linker and the report need it.
#[derive(Clone, Debug)]
pub struct DocRow {
    /// Content hash.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<DateValue>,
    /// The document it copies, when it is a duplicate.
    pub copy_of: Option<String>,
    /// The story (same real-world incident) it belongs to, once the linker has run.
    pub story: Option<u32>,
}

/// One stored event with the document it came from.
#[derive(Clone, Debug)]
pub struct EventRow {
    /// Document id.
    pub doc: String,
    /// Index within the document.
    pub index: u32,
    /// The event.
    pub event: Event,
}

/// One stored quote with the speaker's actor code when resolved.
#[derive(Clone, Debug)]
pub struct QuoteRow {
    /// Document id.
    pub doc: String,
    /// The quote.
    pub quote: Quote,
    /// The speaker entity's canonical name, when resolved.
    pub speaker: Option<String>,
    /// The speaker entity's actor code, when resolved.
    pub speaker_code: Option<String>,
}

/// How often an actor is mentioned.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ActorCount {
    /// Canonical name.
    pub name: String,
    /// Actor code.
    pub code: String,
    /// Kind, lower case.
    pub kind: String,
    /// Documents that mention it.
    pub documents: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// Totals over the whole database.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Totals {
    /// Documents stored.
    pub documents: u64,
    /// Documents that copy another.
    pub duplicates: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Events.
    pub events: u64,
    /// Facts.
    pub facts: u64,
    /// Quotes.
    pub quotes: u64,
    /// Stories: groups of documents about the same real-world incident.
    pub stories: u64,
    /// Earliest publication date.
    pub first_published: Option<String>,
    /// Latest publication date.
    pub last_published: Option<String>,
}

/// An open database: an embedded SQLite file, or a PostgreSQL server (with the
/// `postgres` feature) for several users. Both have the same schema, migrations, insert
/// semantics and read API.
pub struct Store {
    backend: Backend,
}

/// Where a [`Store`] keeps its data.
enum Backend {
    Sqlite(Connection),
    #[cfg(feature = "postgres")]
    Postgres(Box<pg::PgStore>),
}

/// True when `db` names a PostgreSQL database (`postgres://` or `postgresql://` URL)
/// rather than a SQLite file.
pub fn is_postgres_url(db: &Path) -> bool {
    db.to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

impl Store {
    /// Opens (creating and migrating when needed) the database at `path`, or the
    /// PostgreSQL database when `path` is a `postgres://` URL (see [`is_postgres_url`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if is_postgres_url(path) {
            return Store::open_postgres(path);
        }
        let conn = Connection::open(path).context(&format!("opening {}", path.display()))?;
        Store::init(conn)
    }

    #[cfg(feature = "postgres")]
    fn open_postgres(url: &Path) -> Result<Store, StoreError> {
        let pg = pg::PgStore::open(&url.to_string_lossy())?;
        Ok(Store {
            backend: Backend::Postgres(Box::new(pg)),
        })
    }

    #[cfg(not(feature = "postgres"))]
    fn open_postgres(url: &Path) -> Result<Store, StoreError> {
        Err(StoreError::NoPostgres(pg_redacted(url)))
    }

    /// An in-memory database, for tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory().context("opening in-memory database")?)
    }

    fn init(conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .context("setting busy timeout")?;
        enable_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .context("setting synchronous")?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .context("enabling foreign keys")?;
        schema::migrate(&conn)?;
        Ok(Store {
            backend: Backend::Sqlite(conn),
        })
    }

    /// The SQLite connection, for tests that run raw SQL.
    #[cfg(test)]
    pub(crate) fn sqlite_conn(&self) -> Option<&Connection> {
        match &self.backend {
            Backend::Sqlite(conn) => Some(conn),
            #[cfg(feature = "postgres")]
            Backend::Postgres(_) => None,
        }
    }

    /// True when a document with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let conn = sqlite!(self, pg => pg.contains(id));
        conn.query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .context("looking up a document")
    }

    /// Writes documents with all their layers, one transaction for the batch; documents
    /// already stored are left alone. Returns how many were new.
    pub fn insert_documents(&mut self, docs: &[Document]) -> Result<usize, StoreError> {
        let conn = sqlite_mut!(self, pg => pg.insert_documents(docs));
        let tx = conn.transaction().context("starting a transaction")?;
        let mut new = 0;
        for doc in docs {
            if insert_document(&tx, doc)? {
                new += 1;
            }
        }
        tx.commit().context("committing documents")?;
        Ok(new)
    }

    /// Gives a stored document that has no publication date the date `doc` carries: the
    /// same article (same id) arriving again with its date, whose time expressions and
    /// event dates were resolved against it. The stored row and its entities, quotes and
    /// events are replaced by `doc`'s; its copy marks and story stay. Returns whether it
    /// did (false when nothing is stored under the id, or it has a date, or `doc` has
    /// none). Facts are not touched: they are recomputed after each run.
    pub fn date_document(&mut self, doc: &Document) -> Result<bool, StoreError> {
        let conn = sqlite_mut!(self, pg => pg.date_document(doc));
        if doc.published.is_none() {
            return Ok(false);
        }
        // Most documents seen again are dated already: one read settles them, and the
        // guarded write below keeps a concurrent dating from being undone.
        let undated: Option<bool> = conn
            .query_row(
                "SELECT published IS NULL FROM documents WHERE id = ?1",
                [&doc.id],
                |r| r.get(0),
            )
            .optional()
            .context("looking up a document's date")?;
        if undated != Some(true) {
            return Ok(false);
        }
        let tx = conn.transaction().context("starting a transaction")?;
        if write_document_row(&tx, doc, DATE_UNDATED)? == 0 {
            return Ok(false);
        }
        // `actor_stats` is kept by insert triggers only: take the old layers' share out
        // before they go, as the re-inserted layers add theirs back.
        for sql in UNCOUNT_DOCUMENT {
            tx.execute(sql, [&doc.id])
                .context("taking a dated document out of the actor counts")?;
        }
        for table in ["entities", "quotes", "events"] {
            tx.execute(&format!("DELETE FROM {table} WHERE doc_id = ?1"), [&doc.id])
                .context(&format!("replacing the {table} of a dated document"))?;
        }
        insert_entities(&tx, doc)?;
        insert_quotes(&tx, doc)?;
        insert_events(&tx, doc)?;
        tx.execute("DELETE FROM actor_stats WHERE documents <= 0", [])
            .context("dropping actors no document names")?;
        tx.commit().context("committing a dated document")?;
        Ok(true)
    }

    /// Records that `doc` copies `of` (kind `exact` or `near`).
    pub fn mark_copy(
        &mut self,
        doc: &str,
        of: &str,
        kind: &str,
        similarity: f32,
    ) -> Result<(), StoreError> {
        let conn = sqlite!(self, pg => pg.mark_copy(doc, of, kind, similarity));
        conn.execute(
            "UPDATE documents SET copy_of = ?2, copy_kind = ?3, copy_similarity = ?4 WHERE id = ?1",
            params![doc, of, kind, similarity],
        )
        .context("marking a duplicate")?;
        Ok(())
    }

    /// Records each document's story number, in one transaction.
    pub fn set_stories(&mut self, stories: &[(String, u32)]) -> Result<(), StoreError> {
        let conn = sqlite_mut!(self, pg => pg.set_stories(stories));
        let tx = conn.transaction().context("starting a transaction")?;
        {
            let mut stmt = tx
                .prepare("UPDATE documents SET story = ?2 WHERE id = ?1")
                .context("preparing the story update")?;
            for (id, story) in stories {
                stmt.execute(params![id, story])
                    .context("recording a story")?;
            }
        }
        tx.commit().context("committing stories")
    }

    /// Every stored document's identity, in insertion order.
    pub fn documents(&self) -> Result<Vec<DocRow>, StoreError> {
        let conn = sqlite!(self, pg => pg.documents());
        let mut stmt = conn
            .prepare(
                "SELECT id, source, title, outlet, published, published_precision, copy_of, story
                 FROM documents ORDER BY rowid",
            )
            .context("listing documents")?;
        let rows = stmt
            .query_map([], |r| {
                let published: Option<String> = r.get(4)?;
                let precision: Option<String> = r.get(5)?;
                Ok(DocRow {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    published: published.map(|value| DateValue {
                        precision: precision
                            .as_deref()
                            .and_then(parse_precision)
                            .unwrap_or(Precision::Day),
                        value,
                    }),
                    copy_of: r.get(6)?,
                    story: r.get(7)?,
                })
            })
            .context("listing documents")?;
        rows.collect::<Result<_, _>>().context("reading documents")
    }

    /// Calls `f` with each stored document's id and body, in insertion order, without
    /// holding them all in memory.
    pub fn for_each_text(&self, mut f: impl FnMut(&str, &str)) -> Result<(), StoreError> {
        let conn = sqlite!(self, pg => pg.for_each_text(f));
        let mut stmt = conn
            .prepare("SELECT id, text FROM documents ORDER BY rowid")
            .context("reading texts")?;
        let mut rows = stmt.query([]).context("reading texts")?;
        while let Some(row) = rows.next().context("reading texts")? {
            let id: String = row.get(0).context("reading texts")?;
            let text: String = row.get(1).context("reading texts")?;
            f(&id, &text);
        }
        Ok(())
    }

    /// Every stored event.
    pub fn events(&self) -> Result<Vec<EventRow>, StoreError> {
        let conn = sqlite!(self, pg => pg.events());
        let mut stmt = conn
            .prepare("SELECT doc_id, idx, json FROM events ORDER BY doc_id, idx")
            .context("listing events")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .context("listing events")?;
        let mut out = Vec::new();
        for row in rows {
            let (doc, index, json) = row.context("reading events")?;
            let event = serde_json::from_str(&json).context("decoding a stored event")?;
            out.push(EventRow { doc, index, event });
        }
        Ok(out)
    }

    /// Replaces all facts (they are recomputed from every stored event after each run).
    pub fn replace_facts(&mut self, facts: &[Fact]) -> Result<(), StoreError> {
        let conn = sqlite_mut!(self, pg => pg.replace_facts(facts));
        let tx = conn.transaction().context("starting a transaction")?;
        tx.execute("DELETE FROM fact_events", [])
            .context("clearing facts")?;
        tx.execute("DELETE FROM facts", [])
            .context("clearing facts")?;
        {
            let mut fact_stmt = tx
                .prepare(
                    "INSERT INTO facts (id, rank, source, target, root, cameo, label, documents,
                     origins, contested, first_seen, last_seen, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .context("preparing fact insert")?;
            let mut link_stmt = tx
                .prepare("INSERT OR IGNORE INTO fact_events (fact_id, doc_id, event_idx) VALUES (?1, ?2, ?3)")
                .context("preparing fact link insert")?;
            for (rank, fact) in facts.iter().enumerate() {
                let json = serde_json::to_string(fact).context("encoding a fact")?;
                fact_stmt
                    .execute(params![
                        fact.id,
                        rank as i64,
                        fact.source,
                        fact.target,
                        fact.root,
                        fact.cameo,
                        fact.label,
                        fact.documents,
                        fact.origins,
                        fact.contested,
                        fact.first_seen,
                        fact.last_seen,
                        json
                    ])
                    .context("inserting a fact")?;
                for e in &fact.events {
                    link_stmt
                        .execute(params![fact.id, e.doc, e.event])
                        .context("linking a fact to its events")?;
                }
            }
        }
        tx.commit().context("committing facts")
    }

    /// Facts, strongest first.
    pub fn facts(&self) -> Result<Vec<Fact>, StoreError> {
        let conn = sqlite!(self, pg => pg.facts());
        let mut stmt = conn
            .prepare("SELECT json FROM facts ORDER BY rank")
            .context("listing facts")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .context("listing facts")?;
        let mut out = Vec::new();
        for row in rows {
            let json = row.context("reading facts")?;
            out.push(serde_json::from_str(&json).context("decoding a stored fact")?);
        }
        Ok(out)
    }

    /// The actors mentioned in the most documents.
    pub fn top_actors(&self, limit: usize) -> Result<Vec<ActorCount>, StoreError> {
        let conn = sqlite!(self, pg => pg.top_actors(limit));
        let mut stmt = conn
            .prepare(
                "SELECT name, code, kind, COUNT(DISTINCT doc_id), SUM(mentions) FROM entities
                 GROUP BY name, code ORDER BY 4 DESC, 5 DESC, name LIMIT ?1",
            )
            .context("counting actors")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(ActorCount {
                    name: r.get(0)?,
                    code: r.get(1)?,
                    kind: r.get(2)?,
                    documents: r.get(3)?,
                    mentions: r.get(4)?,
                })
            })
            .context("counting actors")?;
        rows.collect::<Result<_, _>>().context("reading actors")
    }

    /// Quotes whose speaker is known, longest first, leaving out copies of other documents.
    pub fn quotes(&self, limit: usize) -> Result<Vec<QuoteRow>, StoreError> {
        let conn = sqlite!(self, pg => pg.quotes(limit));
        let mut stmt = conn
            .prepare(
                "SELECT q.doc_id, q.json, q.speaker, q.speaker_code FROM quotes q
                 JOIN documents d ON d.id = q.doc_id
                 WHERE q.speaker IS NOT NULL AND d.copy_of IS NULL
                 ORDER BY length(q.text) DESC LIMIT ?1",
            )
            .context("listing quotes")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .context("listing quotes")?;
        let mut out = Vec::new();
        for row in rows {
            let (doc, json, speaker, speaker_code) = row.context("reading quotes")?;
            let quote = serde_json::from_str(&json).context("decoding a stored quote")?;
            out.push(QuoteRow {
                doc,
                quote,
                speaker,
                speaker_code,
            });
        }
        Ok(out)
    }

    /// Totals over the whole database.
    pub fn totals(&self) -> Result<Totals, StoreError> {
        let conn = sqlite!(self, pg => pg.totals());
        let count = |sql: &str| -> Result<u64, StoreError> {
            conn.query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .context("counting")
        };
        let (first_published, last_published) = conn
            .query_row(
                "SELECT MIN(published), MAX(published) FROM documents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .context("reading the date range")?;
        Ok(Totals {
            documents: count("SELECT COUNT(*) FROM documents")?,
            duplicates: count("SELECT COUNT(*) FROM documents WHERE copy_of IS NOT NULL")?,
            outlets: count("SELECT COUNT(DISTINCT outlet) FROM documents")?,
            events: count("SELECT COUNT(*) FROM events")?,
            facts: count("SELECT COUNT(*) FROM facts")?,
            quotes: count("SELECT COUNT(*) FROM quotes")?,
            stories: count("SELECT COUNT(DISTINCT story) FROM documents")?,
            first_published,
            last_published,
        })
    }

    /// Loads one whole document with its layers.
    pub fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let conn = sqlite!(self, pg => pg.document(id));
        let json: Option<String> = conn
            .query_row("SELECT json FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .context("loading a document")?;
        json.map(|j| serde_json::from_str(&j).context("decoding a stored document"))
            .transpose()
    }
}

/// Empties (dropping and creating) the PostgreSQL schema `schema` in the database at
/// `url` and returns a URL whose connections work in it, so several stores can share one
/// database: for tests and throwaway setups. `schema` must be lower-case ASCII letters,
/// digits and `_`. Fails with [`StoreError::NoPostgres`] without the `postgres` feature.
#[cfg(feature = "postgres")]
pub fn reset_postgres_schema(url: &str, schema: &str) -> Result<String, StoreError> {
    pg::reset_schema(url, schema)
}

/// See the `postgres` build of this function: without the feature it always fails with
/// [`StoreError::NoPostgres`].
#[cfg(not(feature = "postgres"))]
pub fn reset_postgres_schema(url: &str, _schema: &str) -> Result<String, StoreError> {
    Err(StoreError::NoPostgres(pg_redacted(Path::new(url))))
}

/// How to name a database in messages: the file path, or the URL without its password.
pub fn db_label(db: &Path) -> String {
    if is_postgres_url(db) {
        pg_redacted(db)
    } else {
        db.display().to_string()
    }
}

/// A database URL for messages, without any password in it.
pub(crate) fn pg_redacted(url: &Path) -> String {
    let s = url.to_string_lossy();
    let Some((scheme, rest)) = s.split_once("://") else {
        return s.into_owned();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => s.into_owned(),
    }
}

/// An actor kind as stored: its lower-case serde name.
fn kind_name(kind: sitrep_model::ActorKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse_precision(s: &str) -> Option<Precision> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn precision_name(p: Precision) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Removes one document's entities and event roles (`?1` is its id) from `actor_stats`,
/// exactly as the insert triggers of `schema.rs` added them.
const UNCOUNT_DOCUMENT: [&str; 2] = [
    "UPDATE actor_stats SET documents = documents - e.n, mentions = mentions - e.m
     FROM (SELECT name, code, COUNT(*) AS n, SUM(mentions) AS m FROM entities
           WHERE doc_id = ?1 GROUP BY name, code) AS e
     WHERE e.name = actor_stats.name AND e.code = actor_stats.code",
    "UPDATE actor_stats SET as_source = as_source - r.s, as_target = as_target - r.t,
         as_claimant = as_claimant - r.c
     FROM (SELECT name, code, SUM(role = 'source') AS s, SUM(role = 'target') AS t,
                  SUM(role = 'claimant') AS c
           FROM event_actors WHERE doc_id = ?1 AND name IS NOT NULL AND code IS NOT NULL
           GROUP BY name, code) AS r
     WHERE r.name = actor_stats.name AND r.code = actor_stats.code",
];

/// What a document row does when its id is stored already: a plain insert leaves the
/// stored row alone; dating replaces an undated row with the same article's dated one.
pub(crate) const KEEP_STORED: &str = "ON CONFLICT (id) DO NOTHING";
pub(crate) const DATE_UNDATED: &str = "ON CONFLICT (id) DO UPDATE SET source = excluded.source,
     url = excluded.url, outlet = excluded.outlet, title = excluded.title,
     byline = excluded.byline, published = excluded.published,
     published_precision = excluded.published_precision,
     published_origin = excluded.published_origin, language = excluded.language,
     words = excluded.words, text = excluded.text, json = excluded.json
     WHERE documents.published IS NULL AND excluded.published IS NOT NULL";

/// Writes the row of `doc` (not its layers); `on_conflict` is [`KEEP_STORED`] or
/// [`DATE_UNDATED`]. Returns how many rows changed.
fn write_document_row(
    tx: &rusqlite::Transaction<'_>,
    doc: &Document,
    on_conflict: &str,
) -> Result<usize, StoreError> {
    let published = doc.published.as_ref();
    let json = serde_json::to_string(doc).context("encoding a document")?;
    tx.execute(
        &format!(
            "INSERT INTO documents (id, source, url, outlet, title, byline, published,
             published_precision, published_origin, language, words, text, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) {on_conflict}"
        ),
        params![
            doc.id,
            doc.source,
            doc.url,
            doc.outlet,
            doc.title,
            doc.byline,
            published.map(|p| p.date.value.clone()),
            published.map(|p| precision_name(p.date.precision)),
            published.map(|p| p.origin.clone()),
            doc.language,
            doc.word_count() as i64,
            doc.text,
            json
        ],
    )
    .context("writing a document")
}

fn insert_document(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<bool, StoreError> {
    let inserted = write_document_row(tx, doc, KEEP_STORED)?;
    if inserted == 0 {
        return Ok(false);
    }
    insert_entities(tx, doc)?;
    insert_quotes(tx, doc)?;
    insert_events(tx, doc)?;
    Ok(true)
}

fn insert_entities(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO entities (doc_id, idx, name, kind, country, role, code, rule, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .context("preparing entity insert")?;
    for (i, entity) in doc.entities.iter().enumerate() {
        let mentions = doc
            .mentions
            .iter()
            .filter(|m| m.entity as usize == i)
            .count();
        let kind = kind_name(entity.actor.kind);
        stmt.execute(params![
            doc.id,
            i as i64,
            entity.actor.name,
            kind,
            entity.actor.country,
            entity.actor.role,
            entity.actor.code,
            entity.rule,
            mentions as i64
        ])
        .context("inserting an entity")?;
    }
    Ok(())
}

fn insert_quotes(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO quotes (doc_id, idx, start, end, text, kind, speaker, speaker_code, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .context("preparing quote insert")?;
    for (i, quote) in doc.quotes.iter().enumerate() {
        let entity = quote.speaker.and_then(|s| doc.entities.get(s as usize));
        let speaker = entity
            .map(|e| e.actor.name.clone())
            .or_else(|| quote.speaker_name.clone());
        let json = serde_json::to_string(quote).context("encoding a quote")?;
        stmt.execute(params![
            doc.id,
            i as i64,
            quote.span.start,
            quote.span.end,
            quote.text,
            format!("{:?}", quote.kind).to_lowercase(),
            speaker,
            entity.map(|e| e.actor.code.clone()),
            json
        ])
        .context("inserting a quote")?;
    }
    Ok(())
}

fn insert_events(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<(), StoreError> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO events (doc_id, idx, source, target, cameo, root, quad_class, goldstein,
             plover, modality, claimant, date, rule, confidence, evidence, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )
        .context("preparing event insert")?;
    for (i, event) in doc.events.iter().enumerate() {
        let json = serde_json::to_string(event).context("encoding an event")?;
        stmt.execute(params![
            doc.id,
            i as i64,
            event.source.as_ref().map(|a| a.code.clone()),
            event.target.as_ref().map(|a| a.code.clone()),
            event.cameo,
            event.root,
            event.quad_class,
            event.goldstein,
            event.plover,
            event.modality.as_str(),
            event.claimant.as_ref().map(|a| a.name.clone()),
            event.date.as_ref().map(|d| d.date.value.clone()),
            event.rule,
            event.confidence,
            event.evidence_text,
            json
        ])
        .context("inserting an event")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
