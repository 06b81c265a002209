//! `sitrep export`: the database as JSONL, CSV, or GDELT 2.0-style event and mention
//! tables.

mod gdelt;

use super::query::{actor_columns, csv_line, event_columns, fact_columns, open, Column};
use anyhow::Context;
use clap::ValueEnum;
use serde::Serialize;
use sitrep_store::query::{ActorHit, Filter, MAX_LIMIT};
use sitrep_store::Store;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Export formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// events.jsonl, facts.jsonl, actors.jsonl, documents.jsonl.
    Jsonl,
    /// The same tables as CSV with header rows.
    Csv,
    /// events.tsv (facts in the 61-column order of GDELT 2.0's event table) and
    /// mentions.tsv (the supporting events in GDELT's mentions table order); no header
    /// rows, like GDELT's own files, unless `--header`.
    Gdelt,
}

/// `sitrep export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// The directory to write into (created when missing).
    #[arg(long, required = true)]
    pub out: PathBuf,
    /// The SQLite database to read.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Write a header row into the GDELT files too.
    #[arg(long)]
    pub header: bool,
}

/// Writes the export files and lists them on stderr.
pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let written = match args.format {
        ExportFormat::Jsonl => tables(&store, &args.out, Kind::Jsonl)?,
        ExportFormat::Csv => tables(&store, &args.out, Kind::Csv)?,
        ExportFormat::Gdelt => gdelt::write(&store, &args.out, args.header)?,
    };
    for (path, rows) in written {
        eprintln!("{}: {rows} rows", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Jsonl,
    Csv,
}

/// One output file in JSONL or CSV.
struct Table<T> {
    path: PathBuf,
    out: BufWriter<File>,
    kind: Kind,
    columns: Vec<Column<T>>,
    rows: usize,
}

impl<T: Serialize> Table<T> {
    fn create(dir: &Path, name: &str, kind: Kind, columns: Vec<Column<T>>) -> anyhow::Result<Self> {
        let ext = if kind == Kind::Csv { "csv" } else { "jsonl" };
        let path = dir.join(format!("{name}.{ext}"));
        let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut out = BufWriter::new(file);
        if kind == Kind::Csv {
            let header: Vec<String> = columns.iter().map(|c| c.name.to_string()).collect();
            csv_line(&mut out, &header)?;
        }
        Ok(Table {
            path,
            out,
            kind,
            columns,
            rows: 0,
        })
    }

    fn write(&mut self, item: &T) -> anyhow::Result<()> {
        match self.kind {
            Kind::Jsonl => {
                serde_json::to_writer(&mut self.out, item)?;
                self.out.write_all(b"\n")?;
            }
            Kind::Csv => {
                let cells: Vec<String> = self.columns.iter().map(|c| (c.cell)(item)).collect();
                csv_line(&mut self.out, &cells)?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<(PathBuf, usize)> {
        self.out
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))?;
        Ok((self.path, self.rows))
    }
}

/// A document's identity for the documents table.
#[derive(Serialize)]
struct DocOut {
    id: String,
    source: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    copy_of: Option<String>,
}

fn doc_columns() -> Vec<Column<DocOut>> {
    vec![
        Column {
            name: "id",
            width: 0,
            cell: |d| d.id.clone(),
        },
        Column {
            name: "source",
            width: 0,
            cell: |d| d.source.clone(),
        },
        Column {
            name: "title",
            width: 0,
            cell: |d| d.title.clone().unwrap_or_default(),
        },
        Column {
            name: "outlet",
            width: 0,
            cell: |d| d.outlet.clone().unwrap_or_default(),
        },
        Column {
            name: "published",
            width: 0,
            cell: |d| d.published.clone().unwrap_or_default(),
        },
        Column {
            name: "copy_of",
            width: 0,
            cell: |d| d.copy_of.clone().unwrap_or_default(),
        },
    ]
}

fn tables(store: &Store, dir: &Path, kind: Kind) -> anyhow::Result<Vec<(PathBuf, usize)>> {
    let mut events = Table::create(dir, "events", kind, event_columns())?;
    store.for_each_event_hit(|hit| events.write(&hit))?;
    let mut facts = Table::create(dir, "facts", kind, fact_columns())?;
    for fact in store.facts()? {
        facts.write(&fact)?;
    }
    let mut actors: Table<ActorHit> = Table::create(dir, "actors", kind, actor_columns())?;
    let mut filter = Filter {
        limit: MAX_LIMIT,
        ..Filter::default()
    };
    loop {
        let page = store.query_actors(&filter)?;
        for a in &page.items {
            actors.write(a)?;
        }
        if page.items.len() < MAX_LIMIT {
            break;
        }
        filter.offset += MAX_LIMIT;
    }
    let mut docs = Table::create(dir, "documents", kind, doc_columns())?;
    for d in store.documents()? {
        docs.write(&DocOut {
            id: d.id,
            source: d.source,
            title: d.title,
            outlet: d.outlet,
            published: d.published.map(|p| p.value),
            copy_of: d.copy_of,
        })?;
    }
    Ok(vec![
        events.finish()?,
        facts.finish()?,
        actors.finish()?,
        docs.finish()?,
    ])
}
