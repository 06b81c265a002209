//! Structured and full-text queries over the stored record, shared by the CLI and the
//! HTTP API so both accept the same filters and validate them the same way.
//!
//! A [`Filter`] is built from user text with [`FilterInput::parse`], which rejects bad
//! dates, unknown modalities and oversized pages with a [`FilterError`] a user can act
//! on. Every list comes back as a [`Page`] in a stable order, so paging with `offset`
//! never skips or repeats a row while the database is unchanged.

use crate::{Context, Store, StoreError, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use sitrep_model::{Event, Fact, Modality};
use std::path::Path;

pub(crate) mod search;
pub(crate) mod sql;

pub use search::{fts_query, SearchHit};
use sql::Where;

/// The largest page any query returns.
pub const MAX_LIMIT: usize = 500;
/// The page size when none is asked for.
pub const DEFAULT_LIMIT: usize = 50;

/// A filter a user gave that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterError {
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("bad date {0:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    /// `from` after `to`.
    #[error("empty date range: from {from} is after to {to}")]
    EmptyRange {
        /// Start.
        from: String,
        /// End.
        to: String,
    },
    /// A page larger than [`MAX_LIMIT`].
    #[error("limit {0} is larger than the maximum of {MAX_LIMIT}")]
    LimitTooLarge(usize),
    /// A number that does not parse.
    #[error("bad {name} {value:?}: expected a whole number")]
    BadNumber {
        /// Parameter name.
        name: &'static str,
        /// What was given.
        value: String,
    },
    /// A modality name not in the model.
    #[error("unknown modality {0:?}: expected one of asserted, claimed, hedged, denied, planned, hypothetical, negated")]
    UnknownModality(String),
    /// A category that is neither a CAMEO code nor a PLOVER type.
    #[error("bad category {0:?}: expected a CAMEO code (07, 072) or a PLOVER type (AID)")]
    BadCategory(String),
    /// A yes/no value that is neither.
    #[error("bad {name} {value:?}: expected true or false")]
    BadBool {
        /// Parameter name.
        name: &'static str,
        /// What was given.
        value: String,
    },
    /// A full-text query with no searchable word.
    #[error("empty search: give at least one word")]
    EmptySearch,
    /// A sort order this list does not know.
    #[error("bad sort {0:?}: expected rank or date")]
    BadSort(String),
}

/// A failed query.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The filter was invalid.
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The query was stopped through its [`Interrupt`] handle, usually for taking too long.
    #[error("the query was stopped for taking too long; narrow the filters")]
    Interrupted,
    /// The database needs a migration a read-only connection cannot apply.
    #[error("database schema version {found} is older than this build's {supported}: open it once with `sitrep run` or `sitrep serve` to migrate")]
    Outdated {
        /// Version in the file.
        found: i64,
        /// Version this build reads.
        supported: i64,
    },
}

impl From<(rusqlite::Error, &str)> for QueryError {
    fn from((e, what): (rusqlite::Error, &str)) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
            return QueryError::Interrupted;
        }
        QueryError::Store(StoreError::Sqlite {
            context: what.to_string(),
            source: e,
        })
    }
}

/// Shorthand for `map_err` into [`QueryError`] with a context.
trait Ctx<T> {
    fn ctx(self, what: &str) -> Result<T, QueryError>;
}

impl<T> Ctx<T> for Result<T, rusqlite::Error> {
    fn ctx(self, what: &str) -> Result<T, QueryError> {
        self.map_err(|e| QueryError::from((e, what)))
    }
}

impl<T> Ctx<T> for Result<T, serde_json::Error> {
    fn ctx(self, what: &str) -> Result<T, QueryError> {
        self.context(what).map_err(QueryError::from)
    }
}

/// An action category: a CAMEO code prefix or a PLOVER type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Category {
    /// CAMEO digits, matched as a prefix of the full code (`07` root, `072` base code).
    Cameo(String),
    /// PLOVER event type, upper case.
    Plover(String),
}

impl Category {
    /// Reads `07`, `7`, `072`, `0234`, `aid`, `CONSULT`.
    pub fn parse(s: &str) -> Result<Category, FilterError> {
        let t = s.trim();
        let bad = || FilterError::BadCategory(s.to_string());
        if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            let code = if t.len() == 1 {
                format!("0{t}")
            } else {
                t.to_string()
            };
            let root: u32 = code.get(..2).and_then(|r| r.parse().ok()).ok_or_else(bad)?;
            return if (1..=20).contains(&root) {
                Ok(Category::Cameo(code))
            } else {
                Err(bad())
            };
        }
        if !t.is_empty() && t.len() <= 32 && t.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return Ok(Category::Plover(t.to_ascii_uppercase()));
        }
        Err(bad())
    }
}

/// Order of the fact list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Strongest first (facts) or oldest first (events).
    #[default]
    Default,
    /// Oldest first by date, undated last.
    Date,
}

/// Validated filters and a page window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Actor name or code, lower case; matches source, target or claimant, and every
    /// name or code the entities table pairs with it.
    pub actor: Option<String>,
    /// Action category.
    pub category: Option<Category>,
    /// Modality of the event (of at least one supporting event, for facts).
    pub modality: Option<Modality>,
    /// Earliest date, an ISO prefix; compared with the event date or else the
    /// publication date.
    pub from: Option<String>,
    /// Latest date, an ISO prefix; a month or year includes all of it.
    pub to: Option<String>,
    /// Case-insensitive part of the outlet name.
    pub outlet: Option<String>,
    /// Only facts (or events of facts) somebody denies, or only those nobody denies.
    pub contested: Option<bool>,
    /// List order.
    pub sort: Sort,
    /// Page size, at most [`MAX_LIMIT`].
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            actor: None,
            category: None,
            modality: None,
            from: None,
            to: None,
            outlet: None,
            contested: None,
            sort: Sort::Default,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// Filters as a user typed them (query string or command line); all optional text.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterInput {
    /// See [`Filter::actor`].
    pub actor: Option<String>,
    /// See [`Filter::category`].
    pub category: Option<String>,
    /// See [`Filter::modality`].
    pub modality: Option<String>,
    /// See [`Filter::from`].
    pub from: Option<String>,
    /// See [`Filter::to`].
    pub to: Option<String>,
    /// See [`Filter::outlet`].
    pub outlet: Option<String>,
    /// `true` or `false`.
    pub contested: Option<String>,
    /// `rank` or `date`.
    pub sort: Option<String>,
    /// See [`Filter::limit`].
    pub limit: Option<String>,
    /// See [`Filter::offset`].
    pub offset: Option<String>,
}

impl FilterInput {
    /// The names this input accepts, for callers that report unknown parameters.
    pub const NAMES: &'static [&'static str] = &[
        "actor",
        "category",
        "modality",
        "from",
        "to",
        "outlet",
        "contested",
        "sort",
        "limit",
        "offset",
    ];

    /// Validates everything; blank values count as absent.
    pub fn parse(&self) -> Result<Filter, FilterError> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let filter = Filter {
            actor: text(&self.actor).map(|a| a.to_lowercase()),
            category: text(&self.category)
                .map(|c| Category::parse(&c))
                .transpose()?,
            modality: text(&self.modality)
                .map(|m| parse_modality(&m))
                .transpose()?,
            from: text(&self.from).map(|d| parse_date(&d)).transpose()?,
            to: text(&self.to).map(|d| parse_date(&d)).transpose()?,
            outlet: text(&self.outlet).map(|o| o.to_lowercase()),
            contested: text(&self.contested)
                .map(|b| parse_bool("contested", &b))
                .transpose()?,
            sort: text(&self.sort)
                .map(|s| parse_sort(&s))
                .transpose()?
                .unwrap_or_default(),
            limit: text(&self.limit)
                .map(|n| parse_number("limit", &n))
                .transpose()?
                .unwrap_or(DEFAULT_LIMIT),
            offset: text(&self.offset)
                .map(|n| parse_number("offset", &n))
                .transpose()?
                .unwrap_or(0),
        };
        filter.check()?;
        Ok(filter)
    }
}

impl Filter {
    /// Checks the page size and the date range.
    pub fn check(&self) -> Result<(), FilterError> {
        if self.limit > MAX_LIMIT {
            return Err(FilterError::LimitTooLarge(self.limit));
        }
        if let (Some(from), Some(to)) = (&self.from, &self.to) {
            // A shorter `to` covers its whole period, so compare on the common prefix.
            let n = from.len().min(to.len());
            if from.get(..n) > to.get(..n) {
                return Err(FilterError::EmptyRange {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
        Ok(())
    }
}

/// Reads a modality name, case-insensitively.
pub fn parse_modality(s: &str) -> Result<Modality, FilterError> {
    Modality::parse(&s.trim().to_lowercase()).ok_or_else(|| FilterError::UnknownModality(s.into()))
}

/// Checks `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day) and returns it trimmed.
pub fn parse_date(s: &str) -> Result<String, FilterError> {
    let t = s.trim();
    let bad = || FilterError::BadDate(s.to_string());
    let parts: Vec<&str> = t.split('-').collect();
    let widths_ok = matches!(parts.len(), 1..=3)
        && parts
            .iter()
            .zip([4, 2, 2])
            .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
    if !widths_ok {
        return Err(bad());
    }
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    if let Some(m) = num(1) {
        if !(1..=12).contains(&m) {
            return Err(bad());
        }
        if let (Some(d), Some(y)) = (num(2), num(0)) {
            if d == 0 || d > days_in_month(y, m) {
                return Err(bad());
            }
        }
    }
    Ok(t.to_string())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_bool(name: &'static str, s: &str) -> Result<bool, FilterError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(FilterError::BadBool {
            name,
            value: s.to_string(),
        }),
    }
}

fn parse_number(name: &'static str, s: &str) -> Result<usize, FilterError> {
    s.trim().parse().map_err(|_| FilterError::BadNumber {
        name,
        value: s.to_string(),
    })
}

fn parse_sort(s: &str) -> Result<Sort, FilterError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "rank" | "default" => Ok(Sort::Default),
        "date" => Ok(Sort::Date),
        _ => Err(FilterError::BadSort(s.to_string())),
    }
}

/// One page of results.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    /// Rows matching the filters, over all pages.
    pub total: u64,
    /// Page size asked for.
    pub limit: usize,
    /// Rows skipped.
    pub offset: usize,
    /// This page.
    pub items: Vec<T>,
}

/// A stored event with its document's sourcing.
#[derive(Clone, Debug, Serialize)]
pub struct EventHit {
    /// Document id.
    pub doc: String,
    /// Index of the event in its document.
    pub index: u32,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Article URL.
    pub url: Option<String>,
    /// Where the document came from (path, record id).
    pub source: String,
    /// Publication date.
    pub published: Option<String>,
    /// The event date, else the publication date.
    pub date: Option<String>,
    /// The fact this event supports, when linked.
    pub fact: Option<String>,
    /// The event itself, with evidence, claimant, modality and rule.
    pub event: Event,
}

/// A fact with every event that supports or denies it.
#[derive(Clone, Debug, Serialize)]
pub struct FactDetail {
    /// The fact.
    pub fact: Fact,
    /// Supporting events that assert, claim, hedge or plan it, oldest first.
    pub assertions: Vec<EventHit>,
    /// Supporting events that deny or negate it, oldest first.
    pub denials: Vec<EventHit>,
}

/// An actor with how often it appears.
#[derive(Clone, Debug, Serialize)]
pub struct ActorHit {
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
    /// Events it is the source of.
    pub as_source: u64,
    /// Events it is the target of.
    pub as_target: u64,
    /// Events it is the claimant of.
    pub as_claimant: u64,
}

/// Who acts on whom, summed over facts.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    /// Source actor code.
    pub source: String,
    /// Source actor name.
    pub source_name: String,
    /// Target actor code.
    pub target: String,
    /// Target actor name.
    pub target_name: String,
    /// `cooperation` (quad class 1–2), `conflict` (3–4) or `neutral` (0).
    pub kind: String,
    /// Facts on this edge.
    pub facts: u64,
    /// Of which contested.
    pub contested: u64,
    /// Documents over all its facts.
    pub documents: u64,
}

/// Stops a running query from another thread.
pub struct Interrupt(InterruptHandle);

enum InterruptHandle {
    Sqlite(rusqlite::InterruptHandle),
    #[cfg(feature = "postgres")]
    Postgres(postgres::CancelToken),
}

impl Interrupt {
    /// Makes the query running on the store's connection fail with
    /// [`QueryError::Interrupted`]; does nothing when none runs. For PostgreSQL this
    /// opens a connection to send the cancel request, so call it off async threads
    /// (e.g. in `spawn_blocking`).
    pub fn interrupt(&self) {
        match &self.0 {
            InterruptHandle::Sqlite(h) => h.interrupt(),
            // A failed cancel leaves the query to finish or hit its own timeout.
            #[cfg(feature = "postgres")]
            InterruptHandle::Postgres(t) => drop(t.cancel_query(postgres::NoTls)),
        }
    }
}

pub(crate) const EVENT_COLUMNS: &str = "e.doc_id, e.idx, e.json, d.title, d.outlet, d.url, d.source,
    d.published, COALESCE(e.date, d.published),
    (SELECT fe.fact_id FROM fact_events fe WHERE fe.doc_id = e.doc_id AND fe.event_idx = e.idx LIMIT 1)";

impl Store {
    /// Opens an existing database for reading only; it must be at [`SCHEMA_VERSION`].
    /// Many of these can read while one writer runs, since the store uses WAL.
    /// A `postgres://` URL opens a PostgreSQL connection in read-only mode instead.
    pub fn open_read_only(path: &Path) -> Result<Store, QueryError> {
        if crate::is_postgres_url(path) {
            return Store::open_postgres_read_only(path);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .ctx(&format!("opening {} read-only", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .ctx("setting busy timeout")?;
        let found: i64 = conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading the schema version")?
            .unwrap_or(0);
        match found.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Less => Err(QueryError::Outdated {
                found,
                supported: SCHEMA_VERSION,
            }),
            std::cmp::Ordering::Greater => Err(StoreError::TooNew {
                found,
                supported: SCHEMA_VERSION,
            }
            .into()),
            std::cmp::Ordering::Equal => Ok(Store {
                backend: crate::Backend::Sqlite(conn),
            }),
        }
    }

    #[cfg(feature = "postgres")]
    fn open_postgres_read_only(url: &Path) -> Result<Store, QueryError> {
        let pg = crate::pg::PgStore::open_read_only(&url.to_string_lossy())?;
        Ok(Store {
            backend: crate::Backend::Postgres(Box::new(pg)),
        })
    }

    #[cfg(not(feature = "postgres"))]
    fn open_postgres_read_only(url: &Path) -> Result<Store, QueryError> {
        Err(StoreError::NoPostgres(crate::pg_redacted(url)).into())
    }

    /// A handle that stops this store's running query from another thread.
    pub fn interrupt_handle(&self) -> Interrupt {
        match &self.backend {
            crate::Backend::Sqlite(conn) => {
                Interrupt(InterruptHandle::Sqlite(conn.get_interrupt_handle()))
            }
            #[cfg(feature = "postgres")]
            crate::Backend::Postgres(pg) => Interrupt(InterruptHandle::Postgres(pg.cancel_token())),
        }
    }

    /// Events matching the filter, oldest first (undated last), then by document and index.
    pub fn query_events(&self, f: &Filter) -> Result<Page<EventHit>, QueryError> {
        let conn = sqlite!(self, pg => pg.query_events(f));
        let w = event_where(f);
        // The covering indexes start with the same columns as the primary keys, so forcing
        // them never loses a lookup, and the sort reads no wide row.
        let from = "FROM events e INDEXED BY events_keys
                    JOIN documents d INDEXED BY documents_meta ON d.id = e.doc_id";
        // Sort only the keys, counting all matches on the way (the window is computed
        // before LIMIT), then fetch the wide rows of one page.
        let page = format!(
            "page AS (SELECT e.doc_id AS k_doc, e.idx AS k_idx,
             COALESCE(e.date, d.published) AS k_date, {} AS k_total {from}{}
             ORDER BY k_date IS NULL, k_date, e.doc_id, e.idx LIMIT {} OFFSET {})",
            w.window_count(),
            w.sql(),
            f.limit,
            f.offset
        );
        let sql = format!(
            "{} SELECT {EVENT_COLUMNS}, page.k_total FROM page
             JOIN events e ON e.doc_id = page.k_doc AND e.idx = page.k_idx
             JOIN documents d ON d.id = e.doc_id
             ORDER BY page.k_date IS NULL, page.k_date, e.doc_id, e.idx",
            w.with_also(&page)
        );
        let mut stmt = conn.prepare(&sql).ctx("preparing the event query")?;
        let mut rows = stmt.query(&*w.named()).ctx("querying events")?;
        let (mut items, mut total) = (Vec::new(), None);
        while let Some(row) = rows.next().ctx("reading events")? {
            total = Some(row.get::<_, i64>(10).ctx("reading events")?);
            items.push(event_hit(row)?);
        }
        let count = format!("{} SELECT COUNT(*) {from}{}", w.with(), w.sql());
        let total = Self::total(conn, total, f, &count, &w)?;
        Ok(page_of(total, f, items))
    }

    /// Facts matching the filter, strongest first (or by first date with [`Sort::Date`]).
    pub fn query_facts(&self, f: &Filter) -> Result<Page<Fact>, QueryError> {
        let conn = sqlite!(self, pg => pg.query_facts(f));
        let w = fact_where(f);
        let order = match f.sort {
            Sort::Default => "f.rank",
            Sort::Date => "f.first_seen IS NULL, f.first_seen, f.rank",
        };
        let page = format!(
            "page AS (SELECT f.id AS k_id, f.rank AS k_rank, f.first_seen AS k_seen,
             {} AS k_total FROM facts f{} ORDER BY {order} LIMIT {} OFFSET {})",
            w.window_count(),
            w.sql(),
            f.limit,
            f.offset
        );
        let outer = order
            .replace("f.first_seen", "page.k_seen")
            .replace("f.rank", "page.k_rank");
        let sql = format!(
            "{} SELECT f.json, page.k_total FROM page JOIN facts f ON f.id = page.k_id
             ORDER BY {outer}",
            w.with_also(&page)
        );
        let mut stmt = conn.prepare(&sql).ctx("preparing the fact query")?;
        let rows = stmt
            .query_map(&*w.named(), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .ctx("querying facts")?;
        let (mut items, mut total) = (Vec::new(), None);
        for row in rows {
            let (json, n) = row.ctx("reading facts")?;
            total = Some(n);
            items.push(serde_json::from_str(&json).ctx("decoding a stored fact")?);
        }
        let count = format!("{} SELECT COUNT(*) FROM facts f{}", w.with(), w.sql());
        let total = Self::total(conn, total, f, &count, &w)?;
        Ok(page_of(total, f, items))
    }

    /// The match count a page query saw, or a separate count when the page came back
    /// empty for a reason other than there being no match (a zero limit, an offset past
    /// the end), since the window then had no row to report on, or when the page query
    /// did not count (a negative count, see [`Where::window_count`]).
    fn total(
        conn: &Connection,
        seen: Option<i64>,
        f: &Filter,
        count: &str,
        w: &Where,
    ) -> Result<u64, QueryError> {
        match seen {
            Some(n) if n >= 0 => Ok(n as u64),
            None if f.offset == 0 && f.limit > 0 => Ok(0),
            _ => Self::count(conn, count, w),
        }
    }

    /// One fact with every supporting event, denials apart from assertions.
    pub fn fact_detail(&self, id: &str) -> Result<Option<FactDetail>, QueryError> {
        let conn = sqlite!(self, pg => pg.fact_detail(id));
        let json: Option<String> = conn
            .query_row("SELECT json FROM facts WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .ctx("loading a fact")?;
        let Some(json) = json else { return Ok(None) };
        let fact: Fact = serde_json::from_str(&json).ctx("decoding a stored fact")?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM fact_events l
             JOIN events e ON e.doc_id = l.doc_id AND e.idx = l.event_idx
             JOIN documents d ON d.id = e.doc_id WHERE l.fact_id = :id
             ORDER BY COALESCE(e.date, d.published) IS NULL, COALESCE(e.date, d.published),
             e.doc_id, e.idx"
        );
        let hits = Self::event_hits(conn, &sql, &[(":id", &id as &dyn ToSql)])?;
        let (denials, assertions) = hits
            .into_iter()
            .partition(|h| matches!(h.event.modality, Modality::Denied | Modality::Negated));
        Ok(Some(FactDetail {
            fact,
            assertions,
            denials,
        }))
    }

    /// Actors by documents mentioning them; `actor` matches part of a name or code,
    /// `outlet` and the dates filter the documents counted. Other filters are ignored,
    /// and the role counts (`as_source`, ...) are always over the whole database.
    pub fn query_actors(&self, f: &Filter) -> Result<Page<ActorHit>, QueryError> {
        let conn = sqlite!(self, pg => pg.query_actors(f));
        if f.outlet.is_none() && f.from.is_none() && f.to.is_none() {
            return Self::actor_totals(conn, f);
        }
        let w = actor_where(f, "en.name", "en.code");
        // Group and count in one pass; role totals are joined to the page alone.
        let sql = format!(
            "SELECT g.name, g.code, g.kind, g.documents, g.mentions, COALESCE(s.as_source, 0),
                COALESCE(s.as_target, 0), COALESCE(s.as_claimant, 0), g.total
             FROM (SELECT en.name AS name, en.code AS code, MIN(en.kind) AS kind,
                     COUNT(DISTINCT en.doc_id) AS documents, SUM(en.mentions) AS mentions,
                     COUNT(*) OVER () AS total
                   FROM entities en JOIN documents d INDEXED BY documents_meta ON d.id = en.doc_id{}
                   GROUP BY en.name, en.code ORDER BY 4 DESC, 5 DESC, en.name, en.code
                   LIMIT {} OFFSET {}) g
             LEFT JOIN actor_stats s ON s.name = g.name AND s.code = g.code
             ORDER BY g.documents DESC, g.mentions DESC, g.name, g.code",
            w.sql(),
            f.limit,
            f.offset
        );
        let (items, seen) = Self::actor_hits(conn, &sql, &w)?;
        let count = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM entities en JOIN documents d ON d.id = en.doc_id{}
             GROUP BY en.name, en.code)",
            w.sql()
        );
        let total = Self::total(conn, seen, f, &count, &w)?;
        Ok(page_of(total, f, items))
    }

    /// The actor list from the totals kept on insert: no scan of `entities`.
    fn actor_totals(conn: &Connection, f: &Filter) -> Result<Page<ActorHit>, QueryError> {
        let w = actor_where(f, "name", "code");
        let total = Self::count(
            conn,
            &format!("SELECT COUNT(*) FROM actor_stats{}", w.sql()),
            &w,
        )?;
        let sql = format!(
            "SELECT name, code, kind, documents, mentions, as_source, as_target, as_claimant, -1
             FROM actor_stats{} ORDER BY documents DESC, mentions DESC, name, code
             LIMIT {} OFFSET {}",
            w.sql(),
            f.limit,
            f.offset
        );
        let (items, _) = Self::actor_hits(conn, &sql, &w)?;
        Ok(page_of(total, f, items))
    }

    /// Actor rows and the match count in their ninth column (negative: not counted).
    fn actor_hits(
        conn: &Connection,
        sql: &str,
        w: &Where,
    ) -> Result<(Vec<ActorHit>, Option<i64>), QueryError> {
        let mut stmt = conn.prepare(sql).ctx("preparing the actor query")?;
        let rows = stmt
            .query_map(&*w.named(), |r| {
                let hit = ActorHit {
                    name: r.get(0)?,
                    code: r.get(1)?,
                    kind: r.get(2)?,
                    documents: r.get(3)?,
                    mentions: r.get(4)?,
                    as_source: r.get(5)?,
                    as_target: r.get(6)?,
                    as_claimant: r.get(7)?,
                };
                Ok((hit, r.get::<_, i64>(8)?))
            })
            .ctx("querying actors")?;
        let rows = rows.collect::<Result<Vec<_>, _>>().ctx("reading actors")?;
        let seen = rows.first().map(|(_, n)| *n);
        Ok((rows.into_iter().map(|(h, _)| h).collect(), seen))
    }

    /// Who acts on whom over the facts matching the filter, heaviest edges first;
    /// `limit` caps the number of edges.
    pub fn network(&self, f: &Filter) -> Result<Vec<Edge>, QueryError> {
        let conn = sqlite!(self, pg => pg.network(f));
        let mut w = fact_where(f);
        w.add("f.source <> '' AND f.target <> ''".into());
        let sql = format!(
            "{} SELECT f.source, MAX(json_extract(f.json, '$.source_name')), f.target,
             MAX(json_extract(f.json, '$.target_name')),
             CASE WHEN json_extract(f.json, '$.quad_class') IN (1, 2) THEN 'cooperation'
                  WHEN json_extract(f.json, '$.quad_class') IN (3, 4) THEN 'conflict'
                  ELSE 'neutral' END AS kind,
             COUNT(*), SUM(f.contested), SUM(f.documents)
             FROM facts f{} GROUP BY f.source, f.target, kind
             ORDER BY 6 DESC, f.source, f.target, kind LIMIT {}",
            w.with(),
            w.sql(),
            f.limit
        );
        let mut stmt = conn.prepare(&sql).ctx("preparing the network query")?;
        let rows = stmt
            .query_map(&*w.named(), |r| {
                Ok(Edge {
                    source: r.get(0)?,
                    source_name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    target: r.get(2)?,
                    target_name: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    kind: r.get(4)?,
                    facts: r.get(5)?,
                    contested: r.get(6)?,
                    documents: r.get(7)?,
                })
            })
            .ctx("querying the network")?;
        rows.collect::<Result<_, _>>().ctx("reading the network")
    }

    /// Calls `f` with every stored event in document order, for exports; stops at the
    /// first error `f` returns.
    pub fn for_each_event_hit<E: From<QueryError>>(
        &self,
        mut f: impl FnMut(EventHit) -> Result<(), E>,
    ) -> Result<(), E> {
        let conn = sqlite!(self, pg => pg.for_each_event_hit(f));
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id
             ORDER BY e.doc_id, e.idx"
        );
        let mut stmt = conn.prepare(&sql).ctx("preparing the event export")?;
        let mut rows = stmt.query([]).ctx("reading events")?;
        while let Some(row) = rows.next().ctx("reading events")? {
            f(event_hit(row)?)?;
        }
        Ok(())
    }

    /// A document's body, for exports that need character offsets.
    pub fn document_text(&self, id: &str) -> Result<Option<String>, QueryError> {
        let conn = sqlite!(self, pg => pg.document_text(id));
        conn.query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .ctx("loading a document's text")
    }

    fn count(conn: &Connection, sql: &str, w: &Where) -> Result<u64, QueryError> {
        conn.query_row(sql, &*w.named(), |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .ctx("counting matches")
    }

    fn event_hits(
        conn: &Connection,
        sql: &str,
        params: &[(&str, &dyn ToSql)],
    ) -> Result<Vec<EventHit>, QueryError> {
        let mut stmt = conn.prepare(sql).ctx("preparing the event query")?;
        let mut rows = stmt.query(params).ctx("querying events")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().ctx("reading events")? {
            out.push(event_hit(row)?);
        }
        Ok(out)
    }
}

fn event_hit(row: &rusqlite::Row<'_>) -> Result<EventHit, QueryError> {
    let get = |i: usize| row.get::<_, Option<String>>(i).ctx("reading an event");
    let json: String = row.get(2).ctx("reading an event")?;
    Ok(EventHit {
        doc: row.get(0).ctx("reading an event")?,
        index: row.get(1).ctx("reading an event")?,
        event: serde_json::from_str(&json).ctx("decoding a stored event")?,
        title: get(3)?,
        outlet: get(4)?,
        url: get(5)?,
        source: get(6)?.unwrap_or_default(),
        published: get(7)?,
        date: get(8)?,
        fact: get(9)?,
    })
}

pub(crate) fn page_of<T>(total: u64, f: &Filter, items: Vec<T>) -> Page<T> {
    Page {
        total,
        limit: f.limit,
        offset: f.offset,
        items,
    }
}

/// Conditions on `events e JOIN documents d`.
pub(crate) fn event_where(f: &Filter) -> Where {
    let mut w = Where::default();
    if let Some(a) = &f.actor {
        w.alias(a);
        w.add(format!("(e.doc_id, e.idx) IN ({})", sql::ACTOR_EVENTS));
    }
    match &f.category {
        Some(Category::Cameo(c)) => {
            let p = w.bind(c.clone());
            w.add(format!("substr(e.cameo, 1, length({p})) = {p}"));
        }
        Some(Category::Plover(p)) => {
            let p = w.bind(p.clone());
            w.add(format!("upper(e.plover) = {p}"));
        }
        None => {}
    }
    if let Some(m) = f.modality {
        let p = w.bind(m.as_str().to_string());
        w.add(format!("e.modality = {p}"));
    }
    w.dates(
        "COALESCE(e.date, d.published)",
        "COALESCE(e.date, d.published)",
        f,
    );
    if let Some(o) = &f.outlet {
        let p = w.bind(o.clone());
        w.add(format!("instr(lower(d.outlet), {p}) > 0"));
    }
    if let Some(c) = f.contested {
        let not = if c { "" } else { "NOT " };
        w.add(format!(
            "{not}EXISTS (SELECT 1 FROM fact_events fe JOIN facts ff ON ff.id = fe.fact_id
             WHERE fe.doc_id = e.doc_id AND fe.event_idx = e.idx AND ff.contested = 1)"
        ));
    }
    w
}

/// Conditions on `facts f`: actor, modality and outlet look at the supporting events.
pub(crate) fn fact_where(f: &Filter) -> Where {
    let mut w = Where::default();
    let support = |cond: &str| {
        format!(
            "f.id IN (SELECT fe.fact_id FROM fact_events fe
             JOIN events e ON e.doc_id = fe.doc_id AND e.idx = fe.event_idx
             JOIN documents d ON d.id = e.doc_id WHERE {cond})"
        )
    };
    if let Some(a) = &f.actor {
        w.alias(a);
        w.add(format!(
            "f.id IN (SELECT fe.fact_id FROM fact_events fe WHERE (fe.doc_id, fe.event_idx) IN ({}))",
            sql::ACTOR_EVENTS
        ));
    }
    match &f.category {
        Some(Category::Cameo(c)) => {
            let p = w.bind(c.clone());
            w.add(format!("substr(f.cameo, 1, length({p})) = {p}"));
        }
        Some(Category::Plover(p)) => {
            let p = w.bind(p.clone());
            w.add(format!("upper(json_extract(f.json, '$.plover')) = {p}"));
        }
        None => {}
    }
    if let Some(m) = f.modality {
        let p = w.bind(m.as_str().to_string());
        w.add(support(&format!("e.modality = {p}")));
    }
    // A fact overlaps the range when it was last seen after `from` and first seen before `to`.
    w.dates("f.last_seen", "f.first_seen", f);
    if let Some(o) = &f.outlet {
        let p = w.bind(o.clone());
        w.add(support(&format!("instr(lower(d.outlet), {p}) > 0")));
    }
    if let Some(c) = f.contested {
        w.add(format!("f.contested = {}", i32::from(c)));
    }
    w
}

/// Conditions on `entities en JOIN documents d`, or on `actor_stats` when the filter
/// has no document condition.
pub(crate) fn actor_where(f: &Filter, name: &str, code: &str) -> Where {
    let mut w = Where::default();
    if let Some(a) = &f.actor {
        let p = w.bind(a.clone());
        w.add(format!(
            "(instr(lower({name}), {p}) > 0 OR instr(lower({code}), {p}) > 0)"
        ));
    }
    w.dates("d.published", "d.published", f);
    if let Some(o) = &f.outlet {
        let p = w.bind(o.clone());
        w.add(format!("instr(lower(d.outlet), {p}) > 0"));
    }
    w
}

#[cfg(test)]
pub(crate) mod tests;
