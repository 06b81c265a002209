//! A small builder for WHERE clauses with named parameters, so optional filters can be
//! combined without counting `?` placeholders.

use super::Filter;
use rusqlite::types::Value;
use rusqlite::ToSql;

/// Events (as `doc_id, idx` pairs) whose source, target or claimant is one of the
/// aliases. A three-letter alias is also a country prefix, so `PRK` (or `North Korea`,
/// whose code is `PRK`) takes in `PRKGOV` and `PRKMIL`. Written as a union of lookups
/// so each arm can use an index.
pub(crate) const ACTOR_EVENTS: &str = "
    SELECT ea.doc_id, ea.idx FROM alias JOIN event_actors ea ON ea.code = upper(alias.v)
    UNION SELECT ea.doc_id, ea.idx FROM alias JOIN event_actors ea ON lower(ea.name) = alias.v
    UNION SELECT ea.doc_id, ea.idx FROM alias JOIN event_actors ea
        ON length(alias.v) = 3 AND ea.code > upper(alias.v) AND ea.code < upper(alias.v) || '~'";

/// WHERE clauses joined by AND, their parameters, and the actor alias table when an
/// actor filter is present.
#[derive(Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    params: Vec<(String, Value)>,
    alias: Option<String>,
}

impl Where {
    /// Binds a value and returns its placeholder (`:p3`).
    pub(crate) fn bind(&mut self, v: impl Into<Value>) -> String {
        let name = format!(":p{}", self.params.len());
        self.params.push((name.clone(), v.into()));
        name
    }

    /// Adds a condition.
    pub(crate) fn add(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// Declares the `alias(v)` table for an actor: the lower-cased query plus every name
    /// and code the entities table pairs with it. A person's name does not bring in its
    /// code: "John Kirby" is `USAGOV` like the whole US government, which asking for him
    /// does not mean.
    pub(crate) fn alias(&mut self, actor: &str) {
        let p = self.bind(actor.to_lowercase());
        self.alias = Some(p);
    }

    /// The `WITH` prefix the clauses need, or nothing.
    pub(crate) fn with(&self) -> String {
        self.with_also("")
    }

    /// The `WITH` prefix with one more common table expression (`name AS (...)`) after
    /// the alias table, or nothing when both are absent.
    pub(crate) fn with_also(&self, more: &str) -> String {
        let Some(p) = &self.alias else {
            return if more.is_empty() {
                String::new()
            } else {
                format!("WITH {more}")
            };
        };
        let more = if more.is_empty() {
            String::new()
        } else {
            format!(", {more}")
        };
        format!(
            "WITH alias(v) AS (
                SELECT lower(code) FROM entities
                    WHERE (lower(name) = {p} AND kind <> 'person') OR code = upper({p})
                UNION SELECT lower(name) FROM entities WHERE lower(name) = {p} OR code = upper({p})
                UNION SELECT {p}){more}"
        )
    }

    /// The page query's count column: a window count of all matches when there are
    /// conditions (one pass instead of two), else `-1`, because without conditions a
    /// separate `COUNT(*)` is cheap and the window would stop an index-ordered scan from
    /// ending at the page.
    pub(crate) fn window_count(&self) -> &'static str {
        if self.clauses.is_empty() {
            "-1"
        } else {
            "COUNT(*) OVER ()"
        }
    }

    /// ` WHERE a AND b`, or nothing.
    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The parameters as text (every filter binds text), for other drivers.
    #[cfg(feature = "postgres")]
    pub(crate) fn texts(&self) -> Vec<String> {
        self.params
            .iter()
            .map(|(_, v)| match v {
                Value::Text(s) => s.clone(),
                Value::Integer(n) => n.to_string(),
                Value::Real(x) => x.to_string(),
                Value::Null | Value::Blob(_) => String::new(),
            })
            .collect()
    }

    /// The parameters for rusqlite.
    pub(crate) fn named(&self) -> Vec<(&str, &dyn ToSql)> {
        self.params
            .iter()
            .map(|(n, v)| (n.as_str(), v as &dyn ToSql))
            .collect()
    }

    /// Date range conditions: `from_col` must reach `from`, `to_col` must start by `to`.
    /// A `to` of `2024-05` includes the whole month, so only its prefix is compared.
    pub(crate) fn dates(&mut self, from_col: &str, to_col: &str, f: &Filter) {
        if let Some(from) = &f.from {
            let p = self.bind(from.clone());
            self.add(format!("{from_col} >= {p}"));
        }
        if let Some(to) = &f.to {
            let p = self.bind(to.clone());
            self.add(format!("substr({to_col}, 1, length({p})) <= {p}"));
        }
    }
}
