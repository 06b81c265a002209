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
    /// Filters (actor, outlet, dates) and paging.
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

/// A named column and how to print one row's cell.
pub struct Column<T> {
    /// Header.
    pub name: &'static str,
    /// Widest cell in a table; longer text is cut with `…`.
    pub width: usize,
    /// The cell text.
    pub cell: fn(&T) -> String,
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
    let page = open(&args.db)?.search(&query, &args.filter.filter()?)?;
    emit(args.format, &page, &search_columns())
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
        Column {
            name: "date",
            width: 16,
            cell: |h| opt(&h.date),
        },
        Column {
            name: "source",
            width: 24,
            cell: |h| {
                h.event
                    .source
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            },
        },
        Column {
            name: "cameo",
            width: 5,
            cell: |h| h.event.cameo.clone(),
        },
        Column {
            name: "action",
            width: 30,
            cell: |h| sitrep_report::action_label(&h.event.cameo).to_string(),
        },
        Column {
            name: "target",
            width: 24,
            cell: |h| {
                h.event
                    .target
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            },
        },
        Column {
            name: "modality",
            width: 12,
            cell: |h| h.event.modality.as_str().to_string(),
        },
        Column {
            name: "claimant",
            width: 20,
            cell: |h| {
                h.event
                    .claimant
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            },
        },
        Column {
            name: "outlet",
            width: 20,
            cell: |h| opt(&h.outlet),
        },
        Column {
            name: "rule",
            width: 24,
            cell: |h| h.event.rule.clone(),
        },
        Column {
            name: "doc",
            width: 12,
            cell: |h| format!("{}#{}", h.doc, h.index),
        },
        Column {
            name: "evidence",
            width: 70,
            cell: |h| h.event.evidence_text.clone(),
        },
    ]
}

/// Columns of a fact row.
pub fn fact_columns() -> Vec<Column<Fact>> {
    vec![
        Column {
            name: "id",
            width: 16,
            cell: |f| f.id.clone(),
        },
        Column {
            name: "first_seen",
            width: 16,
            cell: |f| opt(&f.first_seen),
        },
        Column {
            name: "last_seen",
            width: 16,
            cell: |f| opt(&f.last_seen),
        },
        Column {
            name: "source",
            width: 24,
            cell: |f| f.source_name.clone(),
        },
        Column {
            name: "action",
            width: 30,
            cell: |f| f.label.clone(),
        },
        Column {
            name: "target",
            width: 24,
            cell: |f| f.target_name.clone(),
        },
        Column {
            name: "cameo",
            width: 5,
            cell: |f| f.cameo.clone(),
        },
        Column {
            name: "plover",
            width: 10,
            cell: |f| f.plover.clone(),
        },
        Column {
            name: "docs",
            width: 5,
            cell: |f| f.documents.to_string(),
        },
        Column {
            name: "origins",
            width: 7,
            cell: |f| f.origins.to_string(),
        },
        Column {
            name: "contested",
            width: 9,
            cell: |f| f.contested.to_string(),
        },
        Column {
            name: "asserted_by",
            width: 30,
            cell: |f| f.asserted_by.join("; "),
        },
        Column {
            name: "denied_by",
            width: 30,
            cell: |f| f.denied_by.join("; "),
        },
    ]
}

/// Columns of an actor row.
pub fn actor_columns() -> Vec<Column<ActorHit>> {
    vec![
        Column {
            name: "name",
            width: 32,
            cell: |a| a.name.clone(),
        },
        Column {
            name: "code",
            width: 10,
            cell: |a| a.code.clone(),
        },
        Column {
            name: "kind",
            width: 12,
            cell: |a| a.kind.clone(),
        },
        Column {
            name: "documents",
            width: 9,
            cell: |a| a.documents.to_string(),
        },
        Column {
            name: "mentions",
            width: 8,
            cell: |a| a.mentions.to_string(),
        },
        Column {
            name: "as_source",
            width: 9,
            cell: |a| a.as_source.to_string(),
        },
        Column {
            name: "as_target",
            width: 9,
            cell: |a| a.as_target.to_string(),
        },
        Column {
            name: "as_claimant",
            width: 11,
            cell: |a| a.as_claimant.to_string(),
        },
    ]
}

/// Columns of a search hit.
pub fn search_columns() -> Vec<Column<SearchHit>> {
    vec![
        Column {
            name: "kind",
            width: 8,
            cell: |h| h.kind.clone(),
        },
        Column {
            name: "score",
            width: 7,
            cell: |h| format!("{:.2}", h.score),
        },
        Column {
            name: "published",
            width: 16,
            cell: |h| opt(&h.published),
        },
        Column {
            name: "outlet",
            width: 20,
            cell: |h| opt(&h.outlet),
        },
        Column {
            name: "speaker",
            width: 20,
            cell: |h| opt(&h.speaker),
        },
        Column {
            name: "title",
            width: 40,
            cell: |h| opt(&h.title),
        },
        Column {
            name: "doc",
            width: 12,
            cell: |h| h.doc.clone(),
        },
        Column {
            name: "snippet",
            width: 80,
            cell: |h| h.snippet.clone(),
        },
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
