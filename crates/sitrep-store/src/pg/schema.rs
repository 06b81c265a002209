//! The PostgreSQL schema: the same tables, columns and version numbers as the SQLite
//! schema (`crate::schema`), written in PostgreSQL's dialect.
//!
//! Differences that keep behaviour the same: every text column uses the "C" collation,
//! so sorting and the `code < 'PRK~'` prefix ranges compare bytes as SQLite does
//! whatever the database locale; integers are BIGINT and reals DOUBLE PRECISION;
//! `documents.seq` stands in for SQLite's rowid (insertion order); full-text search
//! uses stored `tsvector` columns with GIN indexes instead of FTS5 tables; the
//! SQLite triggers are PL/pgSQL triggers. Each step runs in its own transaction and
//! records its version, under an advisory lock so concurrent openers migrate once.

use super::{Ctx, PgClient};
use crate::{StoreError, SCHEMA_VERSION};

/// Text columns: byte-order collation, as SQLite's default BINARY.
const CTEXT: &str = r#"TEXT COLLATE "C""#;

/// Key of the advisory lock held while migrating.
const MIGRATION_LOCK: i64 = 0x5177_2e70;

/// Migration steps; step `i` takes the database from version `i` to `i + 1`. `CTEXT`
/// stands for [`CTEXT`].
const STEPS: &[&str] = &[
    STEP_1_TABLES,
    STEP_2_QUERY,
    STEP_3_SPEED,
    crate::schema::STEP_4_COPIES,
    crate::schema::STEP_5_STORIES,
];

const STEP_1_TABLES: &str = r#"
CREATE TABLE documents (
    seq BIGSERIAL NOT NULL UNIQUE,
    id CTEXT PRIMARY KEY,
    source CTEXT NOT NULL,
    url CTEXT,
    outlet CTEXT,
    title CTEXT,
    byline CTEXT,
    published CTEXT,
    published_precision CTEXT,
    published_origin CTEXT,
    language CTEXT,
    words BIGINT NOT NULL,
    text CTEXT NOT NULL,
    copy_of CTEXT,
    copy_kind CTEXT,
    copy_similarity DOUBLE PRECISION,
    json CTEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE TABLE entities (
    doc_id CTEXT NOT NULL REFERENCES documents (id),
    idx BIGINT NOT NULL,
    name CTEXT NOT NULL,
    kind CTEXT NOT NULL,
    country CTEXT,
    role CTEXT,
    code CTEXT NOT NULL,
    rule CTEXT NOT NULL,
    mentions BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX entities_code ON entities (code);
CREATE TABLE quotes (
    doc_id CTEXT NOT NULL REFERENCES documents (id),
    idx BIGINT NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    text CTEXT NOT NULL,
    kind CTEXT NOT NULL,
    speaker CTEXT,
    speaker_code CTEXT,
    json CTEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE events (
    doc_id CTEXT NOT NULL REFERENCES documents (id),
    idx BIGINT NOT NULL,
    source CTEXT,
    target CTEXT,
    cameo CTEXT NOT NULL,
    root CTEXT NOT NULL,
    quad_class BIGINT NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    plover CTEXT NOT NULL,
    modality CTEXT NOT NULL,
    claimant CTEXT,
    date CTEXT,
    rule CTEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    evidence CTEXT NOT NULL,
    json CTEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_actors ON events (source, target);
CREATE TABLE facts (
    id CTEXT PRIMARY KEY,
    rank BIGINT NOT NULL,
    source CTEXT NOT NULL,
    target CTEXT NOT NULL,
    root CTEXT NOT NULL,
    cameo CTEXT NOT NULL,
    label CTEXT NOT NULL,
    documents BIGINT NOT NULL,
    origins BIGINT NOT NULL,
    contested BIGINT NOT NULL,
    first_seen CTEXT,
    last_seen CTEXT,
    json CTEXT NOT NULL
);
CREATE TABLE fact_events (
    fact_id CTEXT NOT NULL REFERENCES facts (id),
    doc_id CTEXT NOT NULL,
    event_idx BIGINT NOT NULL,
    PRIMARY KEY (fact_id, doc_id, event_idx)
);
"#;

/// Version 2: `event_actors` kept by trigger, and full-text search columns.
const STEP_2_QUERY: &str = r#"
CREATE TABLE event_actors (
    doc_id CTEXT NOT NULL,
    idx BIGINT NOT NULL,
    role CTEXT NOT NULL,
    code CTEXT,
    name CTEXT
);
CREATE INDEX event_actors_event ON event_actors (doc_id, idx);
CREATE INDEX event_actors_code ON event_actors (code);
CREATE INDEX event_actors_name ON event_actors (lower(name));
INSERT INTO event_actors (doc_id, idx, role, code, name)
    SELECT e.doc_id, e.idx, r.role, e.json::jsonb -> r.role ->> 'code',
           e.json::jsonb -> r.role ->> 'name'
    FROM events e, (VALUES ('source'), ('target'), ('claimant')) AS r (role)
    WHERE jsonb_typeof(e.json::jsonb -> r.role) = 'object';
CREATE FUNCTION sitrep_event_actors_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_actors (doc_id, idx, role, code, name)
        SELECT NEW.doc_id, NEW.idx, r.role, NEW.json::jsonb -> r.role ->> 'code',
               NEW.json::jsonb -> r.role ->> 'name'
        FROM (VALUES ('source'), ('target'), ('claimant')) AS r (role)
        WHERE jsonb_typeof(NEW.json::jsonb -> r.role) = 'object';
    RETURN NULL;
END $$;
CREATE TRIGGER events_actors_ai AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION sitrep_event_actors_ai();
CREATE FUNCTION sitrep_event_actors_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_actors WHERE doc_id = OLD.doc_id AND idx = OLD.idx;
    RETURN NULL;
END $$;
CREATE TRIGGER events_actors_ad AFTER DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION sitrep_event_actors_ad();
CREATE INDEX fact_events_event ON fact_events (doc_id, event_idx);
CREATE INDEX entities_name ON entities (lower(name));
ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', text), 'D')) STORED;
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('english', text || ' ' || coalesce(speaker, ''))) STORED;
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
"#;

/// Version 3: covering indexes and per-actor totals kept on insert.
const STEP_3_SPEED: &str = r#"
CREATE INDEX documents_meta ON documents (id, published, outlet);
CREATE INDEX events_keys ON events (doc_id, idx, date, modality, cameo, plover);
CREATE INDEX facts_rank ON facts (rank);
CREATE INDEX facts_first_seen ON facts (first_seen, rank);
CREATE TABLE actor_stats (
    name CTEXT NOT NULL,
    code CTEXT NOT NULL,
    kind CTEXT NOT NULL,
    documents BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    as_source BIGINT NOT NULL DEFAULT 0,
    as_target BIGINT NOT NULL DEFAULT 0,
    as_claimant BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (name, code)
);
CREATE INDEX actor_stats_order ON actor_stats (documents DESC, mentions DESC, name, code);
INSERT INTO actor_stats (name, code, kind, documents, mentions)
    SELECT name, code, MIN(kind), COUNT(DISTINCT doc_id), SUM(mentions) FROM entities
    GROUP BY name, code;
UPDATE actor_stats SET as_source = r.s, as_target = r.t, as_claimant = r.c
    FROM (SELECT name, code, COUNT(*) FILTER (WHERE role = 'source') AS s,
                 COUNT(*) FILTER (WHERE role = 'target') AS t,
                 COUNT(*) FILTER (WHERE role = 'claimant') AS c
          FROM event_actors WHERE name IS NOT NULL AND code IS NOT NULL GROUP BY name, code) AS r
    WHERE r.name = actor_stats.name AND r.code = actor_stats.code;
CREATE FUNCTION sitrep_entities_stats_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO actor_stats (name, code, kind, documents, mentions)
        VALUES (NEW.name, NEW.code, NEW.kind, 1, NEW.mentions)
        ON CONFLICT (name, code) DO UPDATE SET
            documents = actor_stats.documents + 1,
            mentions = actor_stats.mentions + EXCLUDED.mentions;
    RETURN NULL;
END $$;
CREATE TRIGGER entities_stats_ai AFTER INSERT ON entities
    FOR EACH ROW EXECUTE FUNCTION sitrep_entities_stats_ai();
CREATE FUNCTION sitrep_event_actors_stats_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE actor_stats SET
        as_source = as_source + (NEW.role = 'source')::int,
        as_target = as_target + (NEW.role = 'target')::int,
        as_claimant = as_claimant + (NEW.role = 'claimant')::int
    WHERE name = NEW.name AND code = NEW.code;
    RETURN NULL;
END $$;
CREATE TRIGGER event_actors_stats_ai AFTER INSERT ON event_actors
    FOR EACH ROW EXECUTE FUNCTION sitrep_event_actors_stats_ai();
"#;

/// The version recorded in `meta`, 0 for an empty database.
pub(super) fn version(client: &mut PgClient) -> Result<i64, StoreError> {
    let row = client
        .query_opt("SELECT to_regclass('meta') IS NOT NULL", &[])
        .ctx("looking for the meta table")?;
    if !row.is_some_and(|r| r.get::<_, bool>(0)) {
        return Ok(0);
    }
    let row = client
        .query_opt(
            "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'schema_version'",
            &[],
        )
        .ctx("reading the schema version")?;
    Ok(row.map(|r| r.get::<_, i64>(0)).unwrap_or(0))
}

/// Brings the database to [`SCHEMA_VERSION`].
pub(super) fn migrate(client: &mut PgClient) -> Result<(), StoreError> {
    if version(client)? == SCHEMA_VERSION {
        return Ok(());
    }
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .ctx("locking for migration")?;
    let result = apply_steps(client);
    let unlock = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .ctx("unlocking after migration");
    result.and(unlock.map(drop))
}

/// Applies the missing steps, each in one transaction with its version record.
fn apply_steps(client: &mut PgClient) -> Result<(), StoreError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        )
        .ctx("creating the meta table")?;
    // Read again under the lock: another process may have migrated meanwhile.
    let found = version(client)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, step) in STEPS.iter().enumerate().skip(found.max(0) as usize) {
        let mut tx = client.transaction().ctx("starting a migration")?;
        tx.batch_execute(&step.replace("CTEXT", CTEXT))
            .ctx(&format!("applying migration {}", i + 1))?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&(i + 1).to_string()],
        )
        .ctx("recording the schema version")?;
        tx.commit().ctx("committing a migration")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_step_per_version() {
        assert_eq!(super::STEPS.len() as i64, crate::SCHEMA_VERSION);
    }
}
