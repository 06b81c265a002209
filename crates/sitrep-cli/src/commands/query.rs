//! `sitrep events|facts|actors|search`: filtered lists from the database, as a table on
//! a terminal and JSON lines (or CSV) when piped.

use anyhow::Context;
use clap::ValueEnum;
use serde::Serialize;
use sitrep_model::Fact;
use sitrep_store::query::{ActorHit, EventHit, Filter, FilterInput, Page, SearchHit};
use sitrep_store::Store;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output formats of the query commands.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// Filters shared by the query commands.
#[derive(clap::Args, Debug, Default)]
pub struct FilterArgs {
    /// Actor name or code (case-insensitive) as source, target or claimant; a country
    /// code such as PRK also takes in PRKGOV, PRKMIL.
    #[arg(long)]
    pub actor: Option<String>,
    /// CAMEO code prefix (07, 072) or PLOVER type (AID).
    #[arg(long)]
    pub category: Option<String>,
    /// asserted, claimed, hedged, denied, planned, hypothetical or negated.
    #[arg(long)]
    pub modality: Option<String>,
    /// Earliest date: YYYY, YYYY-MM or YYYY-MM-DD (event date, else publication date).
    #[arg(long)]
    pub from: Option<String>,
    /// Latest date: YYYY, YYYY-MM or YYYY-MM-DD; a month or year includes all of it.
    #[arg(long)]
    pub to: Option<String>,
    /// Part of the outlet name, case-insensitive.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only contested (denied by someone) results; `--contested false` for the others.
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    pub contested: Option<bool>,
    /// Fact order: rank (strongest first) or date.
    #[arg(long)]
    pub sort: Option<String>,
    /// Rows per page (at most 500).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

impl FilterArgs {
    /// Validates the flags as the HTTP API validates its query parameters.
    pub fn filter(&self) -> anyhow::Result<Filter> {
        let input = FilterInput {
            actor: self.actor.clone(),
            category: self.category.clone(),
            modality: self.modality.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            outlet: self.outlet.clone(),
            contested: self.contested.map(|c| c.to_string()),
            sort: self.sort.clone(),
            limit: Some(self.limit.to_string()),
            offset: Some(self.offset.to_string()),
        };
        Ok(input.parse()?)
    }
}

/// `sitrep events`, `sitrep facts`, `sitrep actors`.
#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    /// Filters and paging.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The SQLite database file to read, or a `postgres://user@host:port/dbname` URL
    /// (with the `postgres` feature).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Output format (default: table on a terminal, JSON lines when piped).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
}

/// `sitrep search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// Words that must all appear; "quoted phrases", `OR`, and `word*` for prefixes.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Filters (actor, outlet, dates), paging, database and format, as for the queries.
    #[command(flatten)]
    pub common: QueryArgs,
}

/// A named column and how to print one row's cell.
pub struct Column<T> {
    /// Header.
    pub name: &'static str,
    /// Widest cell in a table; longer text is cut with `…`.
    pub width: usize,
    /// The cell text.
    pub cell: fn(&T) -> String,
}

/// A column, written on one line in the tables below.
fn col<T>(name: &'static str, width: usize, cell: fn(&T) -> String) -> Column<T> {
    Column { name, width, cell }
}

/// Opens an existing database for reading.
pub fn open(db: &Path) -> anyhow::Result<Store> {
    super::require_db(db)?;
    match Store::open_read_only(db) {
        // An older database is migrated once by opening it for writing.
        Err(sitrep_store::query::QueryError::Outdated { .. }) => {
            drop(
                Store::open(db)
                    .with_context(|| format!("migrating {}", sitrep_store::db_label(db)))?,
            );
            Store::open_read_only(db)
        }
        other => other,
    }
    .with_context(|| format!("opening {}", sitrep_store::db_label(db)))
}

/// `sitrep events`.
pub fn events(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let page = open(&args.db)?.query_events(&args.filter.filter()?)?;
    emit(args.format, &page, &event_columns())
}

/// `sitrep facts`.
pub fn facts(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let page = open(&args.db)?.query_facts(&args.filter.filter()?)?;
    emit(args.format, &page, &fact_columns())
}

/// `sitrep actors`.
pub fn actors(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let page = open(&args.db)?.query_actors(&args.filter.filter()?)?;
    emit(args.format, &page, &actor_columns())
}

/// `sitrep search`.
pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    let QueryArgs { filter, db, format } = args.common;
    let page = open(&db)?.search(&query, &filter.filter()?)?;
    emit(format, &page, &search_columns())
}

fn emit<T: Serialize>(
    format: Option<OutFormat>,
    page: &Page<T>,
    columns: &[Column<T>],
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let format = format.unwrap_or(if stdout.is_terminal() {
        OutFormat::Table
    } else {
        OutFormat::Json
    });
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        OutFormat::Json => {
            for item in &page.items {
                serde_json::to_writer(&mut out, item)?;
                out.write_all(b"\n")?;
            }
        }
        OutFormat::Csv => write_csv(&mut out, &page.items, columns)?,
        OutFormat::Table => {
            write_table(&mut out, &page.items, columns)?;
            let end = page.offset + page.items.len();
            let more = if (end as u64) < page.total {
                format!(" (--offset {end} for more)")
            } else {
                String::new()
            };
            let first = if page.items.is_empty() {
                0
            } else {
                page.offset + 1
            };
            writeln!(out, "{first}–{end} of {}{more}", page.total)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// CSV with a header row; fields quoted when they need it (RFC 4180).
pub fn write_csv<T>(
    out: &mut impl Write,
    items: &[T],
    columns: &[Column<T>],
) -> std::io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| c.name.to_string()).collect();
    csv_line(out, &header)?;
    for item in items {
        let cells: Vec<String> = columns.iter().map(|c| (c.cell)(item)).collect();
        csv_line(out, &cells)?;
    }
    Ok(())
}

/// One CSV record.
pub fn csv_line(out: &mut impl Write, cells: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    writeln!(out, "{}", line.join(","))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_table<T>(out: &mut impl Write, items: &[T], columns: &[Column<T>]) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            columns
                .iter()
                .map(|c| clip(&(c.cell)(item), c.width))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([c.name.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(columns.iter().map(|c| c.name).collect()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// One line, at most `width` characters.
fn clip(s: &str, width: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut cut: String = flat.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Columns of an event row.
pub fn event_columns() -> Vec<Column<EventHit>> {
    vec![
        col("date", 16, |h| opt(&h.date)),
        col("source", 24, |h| {
            h.event
                .source
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default()
        }),
        col("cameo", 5, |h| h.event.cameo.clone()),
        col("action", 30, |h| {
            sitrep_report::action_label(&h.event.cameo).to_string()
        }),
        col("target", 24, |h| {
            h.event
                .target
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default()
        }),
        col("modality", 12, |h| h.event.modality.as_str().to_string()),
        col("claimant", 20, |h| {
            h.event
                .claimant
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_default()
        }),
        col("outlet", 20, |h| opt(&h.outlet)),
        col("rule", 24, |h| h.event.rule.clone()),
        col("doc", 12, |h| format!("{}#{}", h.doc, h.index)),
        col("evidence", 70, |h| h.event.evidence_text.clone()),
    ]
}

/// Columns of a fact row.
pub fn fact_columns() -> Vec<Column<Fact>> {
    vec![
        col("id", 16, |f| f.id.clone()),
        col("first_seen", 16, |f| opt(&f.first_seen)),
        col("last_seen", 16, |f| opt(&f.last_seen)),
        col("source", 24, |f| f.source_name.clone()),
        col("action", 30, |f| f.label.clone()),
        col("target", 24, |f| f.target_name.clone()),
        col("cameo", 5, |f| f.cameo.clone()),
        col("plover", 10, |f| f.plover.clone()),
        col("docs", 5, |f| f.documents.to_string()),
        col("origins", 7, |f| f.origins.to_string()),
        col("contested", 9, |f| f.contested.to_string()),
        col("asserted_by", 30, |f| f.asserted_by.join("; ")),
        col("denied_by", 30, |f| f.denied_by.join("; ")),
    ]
}

/// Columns of an actor row.
pub fn actor_columns() -> Vec<Column<ActorHit>> {
    vec![
        col("name", 32, |a| a.name.clone()),
        col("code", 10, |a| a.code.clone()),
        col("kind", 12, |a| a.kind.clone()),
        col("documents", 9, |a| a.documents.to_string()),
        col("mentions", 8, |a| a.mentions.to_string()),
        col("as_source", 9, |a| a.as_source.to_string()),
        col("as_target", 9, |a| a.as_target.to_string()),
        col("as_claimant", 11, |a| a.as_claimant.to_string()),
    ]
}

/// Columns of a search hit.
pub fn search_columns() -> Vec<Column<SearchHit>> {
    vec![
        col("kind", 8, |h| h.kind.clone()),
        col("score", 7, |h| format!("{:.2}", h.score)),
        col("published", 16, |h| opt(&h.published)),
        col("outlet", 20, |h| opt(&h.outlet)),
        col("speaker", 20, |h| opt(&h.speaker)),
        col("title", 40, |h| opt(&h.title)),
        col("doc", 12, |h| h.doc.clone()),
        col("snippet", 80, |h| h.snippet.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        let mut out = Vec::new();
        csv_line(&mut out, &["a".into(), "b,c".into(), "say \"hi\"".into()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
    }

    #[test]
    fn clip_keeps_one_line_within_width() {
        assert_eq!(clip("one\ntwo  three", 20), "one two three");
        assert_eq!(clip("abcdefgh", 5), "abcd…");
    }

    #[test]
    fn flags_are_validated_like_the_api() {
        let bad = FilterArgs {
            modality: Some("perhaps".into()),
            limit: 10,
            ..Default::default()
        };
        assert!(bad
            .filter()
            .unwrap_err()
            .to_string()
            .contains("unknown modality"));
        let bad = FilterArgs {
            limit: 900,
            ..Default::default()
        };
        assert!(bad.filter().unwrap_err().to_string().contains("limit 900"));
        let ok = FilterArgs {
            contested: Some(true),
            limit: 5,
            ..Default::default()
        };
        assert_eq!(ok.filter().unwrap().contested, Some(true));
    }
}
