//! Evaluation suites: each reads a gold set laid out like the folders in
//! `../shared/eval/`, runs the matching sitrep stage, and returns a [`Report`]: a table
//! for people, then one JSON object of the figures for scripts.

use std::io::Write;
use std::path::PathBuf;

/// Precision, recall and F1 from counts.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prf {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    pub fn_: u64,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when nothing was expected).
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.p(), self.r())
    }
}

/// Harmonic mean of a precision and a recall (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Rounds to three decimals so JSON figures diff stably.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The result of one suite.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Suite name (`ner`, `timex`, ...).
    pub suite: String,
    /// Human-readable lines: a table and short notes.
    pub lines: Vec<String>,
    /// The figures, printed as the last line in one JSON object.
    pub figures: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    /// A report with its `suite` figure set.
    pub fn new(suite: &str) -> Report {
        let mut figures = serde_json::Map::new();
        figures.insert("suite".into(), suite.into());
        Report {
            suite: suite.to_string(),
            lines: Vec::new(),
            figures,
        }
    }

    /// Adds a figure, rounded when it is a float.
    pub fn figure(&mut self, name: &str, value: impl Into<serde_json::Value>) {
        let value = match value.into() {
            serde_json::Value::Number(n) if n.is_f64() => n
                .as_f64()
                .map_or(serde_json::Value::Null, |f| round3(f).into()),
            other => other,
        };
        self.figures.insert(name.to_string(), value);
    }

    /// Writes the table, then exactly one JSON line.
    pub fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        for line in &self.lines {
            writeln!(w, "{line}")?;
        }
        writeln!(w, "{}", serde_json::Value::Object(self.figures.clone()))
    }
}

/// Why a suite could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A gold file could not be read.
    #[error("reading {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A gold file is not in the expected format.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The stage under test could not be built.
    #[error("building the stage: {0}")]
    Stage(String),
}

pub mod clock;
pub mod dates;
pub mod extraction;
pub mod gold;
pub mod ner;
pub mod petrarch;
pub mod plover;
pub mod quotes;
pub mod stories;
pub mod timex;
