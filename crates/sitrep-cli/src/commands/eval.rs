//! `sitrep eval <suite> --data PATH`: quality and throughput against a gold set.

use crate::args::EvalArgs;
use anyhow::Context;
use clap::ValueEnum;
use std::process::ExitCode;

/// The evaluation suites, each reading the layout of its folder in `../shared/eval/`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// HTML main-text extraction (`extraction/scrapinghub`).
    Extraction,
    /// Publication dates of HTML pages (`dates/htmldate`).
    Dates,
    /// Named actors as CoNLL PER/ORG/LOC (`ner/conll2003/*.jsonl`).
    Ner,
    /// Time expressions and their values (`temporal/tempeval3`).
    Timex,
    /// The PETRARCH validation suite from raw text (`events/petrarch`).
    Petrarch,
    /// PLOVER types of the CAMEO-manual example sentences (`events/plover`).
    Plover,
    /// Quotes and speakers (`quotes/polnear`).
    Quotes,
    /// Same-story document pairs (`dedup/ecbplus`).
    Stories,
}

/// Runs one suite and prints its table and JSON line.
pub fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if !args.data.exists() {
        anyhow::bail!("no gold data at {}", args.data.display());
    }
    let report = match args.suite {
        Suite::Extraction => sitrep_eval::extraction::run(&args.data),
        Suite::Dates => sitrep_eval::dates::run(&args.data),
        Suite::Ner => sitrep_eval::ner::run(&args.data),
        Suite::Timex => sitrep_eval::timex::run(&args.data),
        Suite::Petrarch => sitrep_eval::petrarch::run(&args.data),
        Suite::Plover => sitrep_eval::plover::run(&args.data),
        Suite::Quotes => sitrep_eval::quotes::run(&args.data),
        Suite::Stories => sitrep_eval::stories::run(&args.data),
    }
    .with_context(|| {
        format!(
            "running the {:?} suite on {}",
            args.suite,
            args.data.display()
        )
    })?;
    report.write(&mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
