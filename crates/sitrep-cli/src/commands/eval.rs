//! `sitrep eval <suite> --data PATH`: quality and throughput against a gold set.

use crate::args::EvalArgs;
use clap::ValueEnum;
use std::process::ExitCode;

/// The evaluation suites.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// Sentence splitting sanity on built-in text (placeholder until gold suites land).
    Sentences,
}

/// Runs one suite and prints its table and JSON line.
pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("no evaluation suite is available yet")
}
