//! The CAMEO code table: name, root, quad class, Goldstein score, PLOVER type.

use sitrep_data::{Dictionary, LoadError};
use std::collections::HashMap;

/// Facts about one CAMEO code.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeInfo {
    /// Short label (`provide military aid`).
    pub name: String,
    /// Two-digit root.
    pub root: String,
    /// Quad class 0–4.
    pub quad: u8,
    /// Goldstein score.
    pub goldstein: f32,
    /// PLOVER type, `-` when PLOVER has none.
    pub plover: String,
    /// PLOVER mode, possibly empty.
    pub mode: String,
}

/// All codes by code string.
#[derive(Clone, Debug, Default)]
pub struct CodeTable {
    codes: HashMap<String, CodeInfo>,
}

impl CodeTable {
    /// Reads `cameo/codes.tsv`.
    pub fn from_dict(dict: &Dictionary, errors: &mut Vec<LoadError>) -> CodeTable {
        let mut codes = HashMap::new();
        for e in &dict.entries {
            let f = |c| e.get(dict, c).unwrap_or("");
            let (Ok(quad), Ok(goldstein)) =
                (f("quad").parse::<u8>(), f("goldstein").parse::<f32>())
            else {
                errors.push(LoadError::Line {
                    path: dict.name.clone(),
                    line: e.line,
                    message: "quad and goldstein must be numbers".into(),
                });
                continue;
            };
            let info = CodeInfo {
                name: f("name").to_string(),
                root: f("root").to_string(),
                quad,
                goldstein,
                plover: f("plover").to_string(),
                mode: f("mode").to_string(),
            };
            codes.insert(f("code").to_string(), info);
        }
        CodeTable { codes }
    }

    /// The facts about `code`, falling back to its parent codes.
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        let mut c = code;
        loop {
            if let Some(i) = self.codes.get(c) {
                return Some(i);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// True when the code itself is listed.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}
