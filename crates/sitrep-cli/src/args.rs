//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn news articles into a sourced record of who did what to whom, and who says so.
#[derive(Parser, Debug)]
#[command(name = "sitrep", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Ingest, annotate and code articles, then link them into facts in the database.
    Run(RunArgs),
    /// Print a situation report from the database.
    Report(ReportArgs),
    /// Measure throughput and peak memory end to end and per stage on a corpus.
    Bench(BenchArgs),
    /// Score a stage against a gold set laid out like `../shared/eval/<suite>`.
    Eval(EvalArgs),
    /// List coded events matching filters.
    Events(crate::commands::query::QueryArgs),
    /// List facts (events merged across documents) matching filters.
    Facts(crate::commands::query::QueryArgs),
    /// List actors by the number of documents that mention them.
    Actors(crate::commands::query::QueryArgs),
    /// Full-text search over article text, headlines and quotes.
    Search(crate::commands::query::SearchArgs),
    /// Write the database as JSONL, CSV or GDELT 2.0-style TSV files.
    Export(crate::commands::export::ExportArgs),
    /// Serve the HTTP API and the web page (loopback only by default).
    Serve(crate::commands::serve::ServeArgs),
}

/// `sitrep run`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Files, directories (read recursively) or `-` for stdin: .txt, .html, .jsonl,
    /// optionally .gz or .zst compressed.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The SQLite database file to write, or a `postgres://user@host:port/dbname` URL
    /// (with the `postgres` feature).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Also write documents, entities, events, quotes and facts as JSONL files here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Skip items larger than this many bytes.
    #[arg(long, default_value_t = 64 << 20)]
    pub max_bytes: u64,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Code every language instead of English only.
    #[arg(long)]
    pub all_languages: bool,
    /// A PETRARCH/TABARI-format actor dictionary to add to the embedded ones (repeatable).
    #[arg(long, value_name = "FILE")]
    pub petrarch_actors: Vec<PathBuf>,
    /// A PETRARCH/TABARI-format agent dictionary to add to the embedded ones (repeatable).
    #[arg(long, value_name = "FILE")]
    pub petrarch_agents: Vec<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Report formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown, readable as plain text.
    Md,
    /// One JSON object.
    Json,
}

/// `sitrep report`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The SQLite database file to read, or a `postgres://user@host:port/dbname` URL
    /// (with the `postgres` feature).
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// How many relations to list.
    #[arg(long, default_value_t = 15)]
    pub relations: usize,
}

/// `sitrep bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// A corpus: JSONL (optionally .zst/.gz), a directory or any input `run` accepts.
    #[arg(long, required = true)]
    pub corpus: Vec<PathBuf>,
    /// Stop after this many articles.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Worker threads (default: all cores; 1 measures one core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also write into a temporary database, to time the store.
    #[arg(long)]
    pub store: bool,
    /// Time duplicate detection alone (MinHash signatures + LSH + exact keys) on the
    /// articles' cleaned text, on one thread, instead of the whole pipeline.
    #[arg(long, conflicts_with = "store")]
    pub dedup: bool,
}

/// `sitrep eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The suite.
    #[arg(value_enum)]
    pub suite: crate::commands::eval::Suite,
    /// The gold data, laid out like the suite's folder in `../shared/eval/`.
    #[arg(long)]
    pub data: PathBuf,
}
