//! The database schema and its migrations.
//!
//! `meta.schema_version` records the version; [`migrate`] applies every missing step in
//! one transaction, so a database is either at the old or the new version.

use crate::{Context, StoreError};
use rusqlite::Connection;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Migration steps; step `i` takes the database from version `i` to `i + 1`.
const STEPS: &[&str] = &[r#"
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    byline TEXT,
    published TEXT,
    published_precision TEXT,
    published_origin TEXT,
    language TEXT,
    words INTEGER NOT NULL,
    text TEXT NOT NULL,
    copy_of TEXT,
    copy_kind TEXT,
    copy_similarity REAL,
    json TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    role TEXT,
    code TEXT NOT NULL,
    rule TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX entities_code ON entities (code);
CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_code TEXT,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    idx INTEGER NOT NULL,
    source TEXT,
    target TEXT,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover TEXT NOT NULL,
    modality TEXT NOT NULL,
    claimant TEXT,
    date TEXT,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_actors ON events (source, target);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    root TEXT NOT NULL,
    cameo TEXT NOT NULL,
    label TEXT NOT NULL,
    documents INTEGER NOT NULL,
    origins INTEGER NOT NULL,
    contested INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    json TEXT NOT NULL
);
CREATE TABLE fact_events (
    fact_id TEXT NOT NULL REFERENCES facts (id),
    doc_id TEXT NOT NULL,
    event_idx INTEGER NOT NULL,
    PRIMARY KEY (fact_id, doc_id, event_idx)
);
"#];

/// Brings the database to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        .context("creating the meta table")?;
    let found: i64 = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(0),
            e => Err(e),
        })
        .context("reading the schema version")?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE").context("locking for migration")?;
    let result = (|| {
        for step in &STEPS[found as usize..] {
            conn.execute_batch(step).context("applying a migration")?;
        }
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
            [SCHEMA_VERSION.to_string()],
        )
        .context("recording the schema version")?;
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT").context("committing the migration"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
