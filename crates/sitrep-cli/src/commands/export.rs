//! `sitrep export`: the database as JSONL, CSV, GDELT 2.0-style event and mention
//! tables, or Parquet (with the `parquet` feature).

mod gdelt;
#[cfg(feature = "parquet")]
mod parquet;

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
    /// events.parquet, facts.parquet, actors.parquet, documents.parquet with typed
    /// columns (needs a build with the `parquet` feature).
    Parquet,
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
    /// The SQLite database file to read, or a `postgres://user@host:port/dbname` URL
    /// (with the `postgres` feature).
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
        ExportFormat::Parquet => parquet_tables(&store, &args.out)?,
    };
    for (path, rows) in written {
        eprintln!("{}: {rows} rows", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn parquet_tables(store: &Store, dir: &Path) -> anyhow::Result<Vec<(PathBuf, usize)>> {
    parquet::write(store, dir)
}

#[cfg(not(feature = "parquet"))]
fn parquet_tables(_: &Store, _: &Path) -> anyhow::Result<Vec<(PathBuf, usize)>> {
    anyhow::bail!(
        "this sitrep was built without Parquet support: build it with \
         `cargo build -p sitrep-cli --features parquet`"
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{ActorRef, Document, Event, EventRef, Fact, Modality, Span};

    pub(super) fn store(dir: &Path) -> Store {
        let text = "Officials said Pyongyang sent shells to Moscow.";
        let actor = |code: &str, name: &str, at: usize| ActorRef {
            code: code.into(),
            name: name.into(),
            entity: None,
            span: Span::new(at, at + 4),
        };
        let mut doc = Document::new("a.txt", text);
        doc.id = "d".into();
        doc.url = Some("https://example.org/a".into());
        doc.events.push(Event {
            source: Some(actor("PRK", "North Korea", 15)),
            target: Some(actor("RUS", "Russia", 40)),
            cameo: "072".into(),
            root: "07".into(),
            quad_class: 2,
            goldstein: 8.3,
            plover: "AID".into(),
            object: None,
            modality: Modality::Claimed,
            claimant: Some(actor("USAGOV", "Officials; unnamed", 0)),
            date: None,
            place: None,
            sentence: 0,
            trigger: Span::new(25, 29),
            evidence: Span::new(0, text.len()),
            evidence_text: text.into(),
            rule: "verbs/aid.tsv:1".into(),
            confidence: 0.75,
            denies: None,
        });
        let fact: Fact = serde_json::from_value(serde_json::json!({
            "id": "f", "source": "PRK", "source_name": "North Korea", "target": "RUS",
            "target_name": "Russia", "root": "07", "cameo": "072", "plover": "AID",
            "quad_class": 2, "label": "aid", "objects": [], "mentions": 1, "documents": 1,
            "outlets": 1, "origins": 1, "asserted_by": [], "hedged_by": [], "denied_by": [],
            "contested": false, "first_seen": null, "last_seen": null, "events": []
        }))
        .unwrap();
        let fact = Fact {
            events: vec![EventRef {
                doc: "d".into(),
                event: 0,
            }],
            ..fact
        };
        let path = dir.join("x.db");
        let mut s = Store::open(&path).unwrap();
        s.insert_documents(&[doc]).unwrap();
        s.replace_facts(&[fact]).unwrap();
        Store::open_read_only(&path).unwrap()
    }

    #[test]
    fn csv_and_jsonl_tables_have_one_row_per_item() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        for kind in [Kind::Csv, Kind::Jsonl] {
            let written = tables(&s, dir.path(), kind).unwrap();
            let rows: Vec<usize> = written.iter().map(|(_, n)| *n).collect();
            assert_eq!(rows, [1, 1, 0, 1]);
        }
        let csv = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
        assert_eq!(csv.lines().count(), 2);
        assert!(csv.lines().next().unwrap().starts_with("date,source,"));
    }

    #[test]
    fn gdelt_files_link_mentions_to_events() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        gdelt::write(&s, dir.path(), false).unwrap();
        let events = std::fs::read_to_string(dir.path().join("events.tsv")).unwrap();
        let event: Vec<&str> = events.trim_end_matches('\n').split('\t').collect();
        assert_eq!(event.len(), gdelt::EVENT_COLUMNS.len());
        assert_eq!(event[0], "1");
        assert_eq!(event[60], "https://example.org/a");
        let mentions = std::fs::read_to_string(dir.path().join("mentions.tsv")).unwrap();
        let m: Vec<&str> = mentions.trim_end_matches('\n').split('\t').collect();
        assert_eq!(m.len(), gdelt::MENTION_COLUMNS.len());
        assert_eq!(
            (m[0], m[6], m[7], m[9], m[11]),
            ("1", "1", "15", "25", "75")
        );
        assert!(m[15].contains("modality=claimed") && m[15].contains("Officials, unnamed"));
    }
}
