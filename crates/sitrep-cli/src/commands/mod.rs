//! One module per subcommand.

use crate::args::{Args, Command};
use std::process::ExitCode;

pub mod bench;
pub mod eval;
pub mod export;
pub mod query;
pub mod report;
pub mod run;
pub mod serve;

/// Runs the chosen subcommand.
pub fn dispatch(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Run(a) => run::run(a),
        Command::Report(a) => report::report(a),
        Command::Bench(a) => bench::bench(a),
        Command::Eval(a) => eval::eval(a),
        Command::Events(a) => query::events(a),
        Command::Facts(a) => query::facts(a),
        Command::Actors(a) => query::actors(a),
        Command::Search(a) => query::search(a),
        Command::Export(a) => export::export(a),
        Command::Serve(a) => serve::serve(a),
    }
}

/// Fails with a hint when `db` is a SQLite file that does not exist yet; a PostgreSQL
/// URL is checked by connecting.
pub fn require_db(db: &std::path::Path) -> anyhow::Result<()> {
    if !sitrep_store::is_postgres_url(db) && !db.exists() {
        anyhow::bail!(
            "no database at {}: run `sitrep run PATH...` first",
            db.display()
        );
    }
    Ok(())
}

/// Sets the size of rayon's global pool once.
pub fn init_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| anyhow::anyhow!("starting {n} worker threads: {e}"))?;
    }
    Ok(())
}

/// Peak resident memory of this process in MiB (Linux), from /proc.
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
