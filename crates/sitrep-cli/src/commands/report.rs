//! `sitrep report`: the situation report from the database.

use crate::args::{Format, ReportArgs};
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

/// Prints the report.
pub fn report(args: ReportArgs) -> anyhow::Result<ExitCode> {
    super::require_db(&args.db)?;
    let store = sitrep_store::Store::open(&args.db)
        .with_context(|| format!("opening {}", sitrep_store::db_label(&args.db)))?;
    let limits = sitrep_report::Limits {
        relations: args.relations,
        ..Default::default()
    };
    let report = sitrep_report::build(&store, limits).context("building the report")?;
    let text = match args.format {
        Format::Md => sitrep_report::to_markdown(&report),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
