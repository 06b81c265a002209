//! The database schema and its migrations.
//!
//! `meta.schema_version` records the version; [`migrate`] applies every missing step in
//! one transaction, so a database is either at the old or the new version.

use crate::{Context, StoreError};
use rusqlite::Connection;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Migration steps; step `i` takes the database from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    r#"
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
"#,
    STEP_2_QUERY,
    STEP_3_SPEED,
    STEP_4_COPIES,
    STEP_5_STORIES,
];

/// Version 4: counting and listing copies reads a small partial index instead of every
/// wide document row (the totals on a 100k-document database went from seconds to
/// milliseconds).
/// Version 5: the story (same real-world incident) each document belongs to, numbered by
/// the linker in document order.
pub(crate) const STEP_5_STORIES: &str = "ALTER TABLE documents ADD COLUMN story INTEGER;
CREATE INDEX documents_story ON documents (story);";

pub(crate) const STEP_4_COPIES: &str =
    "CREATE INDEX documents_copies ON documents (copy_of) WHERE copy_of IS NOT NULL;";

/// Version 2: what the query layer needs. `event_actors` lists each event's source,
/// target and claimant so an actor filter is an index lookup rather than a JSON scan;
/// the FTS5 tables index documents and quotes through their rowids (external content),
/// so the text is not stored twice. Triggers keep both in step with every insert path.
/// `documents` and `quotes` have no INTEGER PRIMARY KEY, so a VACUUM may renumber their
/// rowids: after one, run `INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')`
/// (and the same for `quotes_fts`).
const STEP_2_QUERY: &str = r#"
CREATE TABLE event_actors (
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    code TEXT,
    name TEXT
);
CREATE INDEX event_actors_event ON event_actors (doc_id, idx);
CREATE INDEX event_actors_code ON event_actors (code);
CREATE INDEX event_actors_name ON event_actors (lower(name));
INSERT INTO event_actors (doc_id, idx, role, code, name)
    SELECT e.doc_id, e.idx, r.role,
           json_extract(e.json, '$.' || r.role || '.code'),
           json_extract(e.json, '$.' || r.role || '.name')
    FROM events e, (SELECT 'source' AS role UNION ALL SELECT 'target' UNION ALL SELECT 'claimant') r
    WHERE json_extract(e.json, '$.' || r.role) IS NOT NULL;
CREATE TRIGGER events_actors_ai AFTER INSERT ON events BEGIN
    INSERT INTO event_actors (doc_id, idx, role, code, name)
        SELECT new.doc_id, new.idx, r.role,
               json_extract(new.json, '$.' || r.role || '.code'),
               json_extract(new.json, '$.' || r.role || '.name')
        FROM (SELECT 'source' AS role UNION ALL SELECT 'target' UNION ALL SELECT 'claimant') r
        WHERE json_extract(new.json, '$.' || r.role) IS NOT NULL;
END;
CREATE TRIGGER events_actors_ad AFTER DELETE ON events BEGIN
    DELETE FROM event_actors WHERE doc_id = old.doc_id AND idx = old.idx;
END;
CREATE INDEX fact_events_event ON fact_events (doc_id, event_idx);
CREATE INDEX entities_name ON entities (lower(name));
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker, content = 'quotes', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker)
        VALUES ('delete', old.rowid, old.text, old.speaker);
END;
CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text, speaker ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker)
        VALUES ('delete', old.rowid, old.text, old.speaker);
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
END;
"#;

/// Brings the database to [`SCHEMA_VERSION`].
///
/// Several processes may open a new database at once (a run and a reader polling it), so
/// the version is read again under the write lock: only the first opener migrates, the
/// others find the work done.
pub(crate) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )
    .context("creating the meta table")?;
    if schema_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")
        .context("locking for migration")?;
    let result = (|| {
        // A negative version (a hand-edited meta row) counts as a new database.
        let found = schema_version(conn)?.max(0);
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
        Ok(()) => conn
            .execute_batch("COMMIT")
            .context("committing the migration"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The recorded schema version (0 for a new database); an error when it is newer than
/// this build understands.
fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
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
    Ok(found)
}

/// Version 3: query speed on large databases. Covering indexes let the event and fact
/// lists sort and filter without reading the wide document and event rows, and
/// `actor_stats` keeps per-actor totals up to date on insert so the unfiltered actor
/// list needs no scan of `entities`. (Documents are never deleted, so no delete
/// triggers are needed.)
const STEP_3_SPEED: &str = r#"
CREATE INDEX documents_meta ON documents (id, published, outlet);
CREATE INDEX events_keys ON events (doc_id, idx, date, modality, cameo, plover);
CREATE INDEX facts_rank ON facts (rank);
CREATE INDEX facts_first_seen ON facts (first_seen, rank);
CREATE TABLE actor_stats (
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    documents INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    as_source INTEGER NOT NULL DEFAULT 0,
    as_target INTEGER NOT NULL DEFAULT 0,
    as_claimant INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, code)
);
CREATE INDEX actor_stats_order ON actor_stats (documents DESC, mentions DESC, name, code);
INSERT INTO actor_stats (name, code, kind, documents, mentions)
    SELECT name, code, MIN(kind), COUNT(DISTINCT doc_id), SUM(mentions) FROM entities
    GROUP BY name, code;
UPDATE actor_stats SET as_source = r.s, as_target = r.t, as_claimant = r.c
    FROM (SELECT name, code, SUM(role = 'source') AS s, SUM(role = 'target') AS t,
                 SUM(role = 'claimant') AS c
          FROM event_actors WHERE name IS NOT NULL AND code IS NOT NULL GROUP BY name, code) AS r
    WHERE r.name = actor_stats.name AND r.code = actor_stats.code;
CREATE TRIGGER entities_stats_ai AFTER INSERT ON entities BEGIN
    INSERT INTO actor_stats (name, code, kind, documents, mentions)
        VALUES (new.name, new.code, new.kind, 1, new.mentions)
        ON CONFLICT (name, code) DO UPDATE SET
            documents = documents + 1, mentions = mentions + excluded.mentions;
END;
CREATE TRIGGER event_actors_stats_ai AFTER INSERT ON event_actors BEGIN
    UPDATE actor_stats SET
        as_source = as_source + (new.role = 'source'),
        as_target = as_target + (new.role = 'target'),
        as_claimant = as_claimant + (new.role = 'claimant')
    WHERE name = new.name AND code = new.code;
END;
"#;
