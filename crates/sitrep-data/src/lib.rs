//! Loader for sitrep's dictionary and rule files.
//!
//! Every dictionary is a UTF-8 text file whose header is its spec:
//!
//! ```text
//! # sitrep-dict 1
//! # kind: verbs
//! # columns: pattern code note
//! # (any further `#` lines are free comments: provenance, license, conventions)
//! [src] arrest [tgt]<TAB>173<TAB>also catches "held in detention"
//! ```
//!
//! Rows are tab-separated (`<TAB>` above stands for a tab character); a row may leave trailing columns out, never add more than
//! the header names. Blank lines and lines starting with `#` after the header are
//! ignored. Every entry keeps its `file:line` so that output can say which line fired.
//!
//! ```
//! let text = "# sitrep-dict 1\n# kind: demo\n# columns: word code\nhello\tHI\n";
//! let dict = sitrep_data::parse("demo.tsv", text).unwrap();
//! assert_eq!(dict.entries[0].get(&dict, "code"), Some("HI"));
//! assert_eq!(dict.entries[0].rule(&dict), "demo.tsv:4");
//! ```

use std::path::Path;

/// The first line every dictionary file starts with.
pub const FORMAT: &str = "# sitrep-dict 1";

/// One problem in one dictionary file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("reading {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The header is missing or wrong.
    #[error("{path}: {message}")]
    Header {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A row does not fit the header.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Every problem found in a file at once: fixing a long dictionary one error per run is
/// miserable.
#[derive(Debug)]
pub struct LoadErrors(pub Vec<LoadError>);

impl std::fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// A parsed dictionary file.
#[derive(Clone, Debug)]
pub struct Dictionary {
    /// The name used in rule references (usually the file name, e.g. `actors/countries.tsv`).
    pub name: String,
    /// The `kind:` header value.
    pub kind: String,
    /// Column names from the `columns:` header.
    pub columns: Vec<String>,
    /// The rows, in file order.
    pub entries: Vec<Entry>,
}

/// One row of a dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number in the file.
    pub line: usize,
    /// The tab-separated fields, trimmed; missing trailing fields are absent.
    pub fields: Vec<String>,
}

impl Entry {
    /// The value of column `name`, or `None` when the row leaves it out or empty.
    pub fn get<'a>(&'a self, dict: &Dictionary, name: &str) -> Option<&'a str> {
        let i = dict.columns.iter().position(|c| c == name)?;
        self.fields
            .get(i)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// `file:line`, the reference kept on everything this entry produces.
    pub fn rule(&self, dict: &Dictionary) -> String {
        format!("{}:{}", dict.name, self.line)
    }
}

impl Dictionary {
    /// The index of a column, for loops that read many rows.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// Reads and parses a dictionary file from disk.
pub fn load(path: &Path) -> Result<Dictionary, LoadErrors> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| {
        LoadErrors(vec![LoadError::Io {
            path: name.clone(),
            source,
        }])
    })?;
    parse(&name, &text)
}

/// Parses dictionary text; `name` is used in rule references and errors.
pub fn parse(name: &str, text: &str) -> Result<Dictionary, LoadErrors> {
    let header_error = |message: &str| {
        LoadErrors(vec![LoadError::Header {
            path: name.to_string(),
            message: message.to_string(),
        }])
    };
    let mut lines = text.lines().enumerate().peekable();
    match lines.next() {
        Some((_, first)) if first.trim_end() == FORMAT => {}
        _ => return Err(header_error(&format!("first line must be {FORMAT:?}"))),
    }
    let (mut kind, mut columns) = (None, None);
    while let Some((_, line)) = lines.peek() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        if let Some(k) = comment.strip_prefix("kind:") {
            kind = Some(k.trim().to_string());
        } else if let Some(c) = comment.strip_prefix("columns:") {
            columns = Some(c.split_whitespace().map(str::to_string).collect::<Vec<_>>());
        }
        lines.next();
    }
    let kind = kind.ok_or_else(|| header_error("header lacks a `# kind:` line"))?;
    let columns = columns.ok_or_else(|| header_error("header lacks a `# columns:` line"))?;
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in lines {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = raw.split('\t').map(|f| f.trim().to_string()).collect();
        if fields.len() > columns.len() {
            errors.push(LoadError::Line {
                path: name.to_string(),
                line: i + 1,
                message: format!(
                    "expected at most {} tab-separated fields ({}), found {}",
                    columns.len(),
                    columns.join(", "),
                    fields.len()
                ),
            });
            continue;
        }
        entries.push(Entry {
            line: i + 1,
            fields,
        });
    }
    if errors.is_empty() {
        Ok(Dictionary {
            name: name.to_string(),
            kind,
            columns,
            entries,
        })
    } else {
        Err(LoadErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_bad_line() {
        let text = "# sitrep-dict 1\n# kind: t\n# columns: a b\nx\ty\tz\nok\n1\t2\t3\n";
        let errors = parse("t.tsv", text).unwrap_err();
        let shown = errors.to_string();
        assert!(shown.contains("t.tsv:4"), "{shown}");
        assert!(shown.contains("t.tsv:6"), "{shown}");
    }

    #[test]
    fn rejects_missing_header() {
        assert!(parse("t.tsv", "a\tb\n").is_err());
        assert!(parse("t.tsv", "# sitrep-dict 1\n# columns: a\n").is_err());
    }

    #[test]
    fn short_rows_leave_columns_empty() {
        let d = parse("t.tsv", "# sitrep-dict 1\n# kind: t\n# columns: a b\n\nx\n").unwrap();
        assert_eq!(d.entries[0].get(&d, "a"), Some("x"));
        assert_eq!(d.entries[0].get(&d, "b"), None);
        assert_eq!(d.entries[0].rule(&d), "t.tsv:5");
    }
}
