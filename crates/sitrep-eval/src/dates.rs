//! `dates`: publication dates of HTML pages on the htmldate evaluation layout
//! (`eval_*.json` `{url: {file, date}}` beside `eval_*-html.tar.zst`).

use crate::{EvalError, Report};
use std::path::Path;

/// Runs the suite.
pub fn run(data: &Path) -> Result<Report, EvalError> {
    Err(EvalError::Format {
        path: data.to_path_buf(),
        message: "the dates suite is not built yet".into(),
    })
}
