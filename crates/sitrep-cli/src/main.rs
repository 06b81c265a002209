//! `sitrep`: turns piles or streams of news articles into a sourced, deduplicated,
//! time-resolved record of who did what to whom, and who says so.
//!
//! This binary only parses arguments, calls the library crates and prints. Exit codes:
//! 0 success; 1 the command finished but some inputs were skipped (listed on stderr);
//! 2 a fatal error (bad arguments, unreadable database, broken dictionary).

use clap::Parser;
use std::process::ExitCode;

mod args;
mod commands;

fn main() -> ExitCode {
    let args = args::Args::parse();
    match commands::dispatch(args) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `sitrep report | head` must not be an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
