//! Shared helpers for reading gold files and matching spans.

use crate::EvalError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Reads a whole file, decompressing `.gz`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(io)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Parses every line of a JSONL file into `T`, naming the line of the first bad one.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let file = std::fs::File::open(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            message: format!("line {}: {e}", i + 1),
        })?);
    }
    Ok(out)
}

/// The `.jsonl` files of a gold folder, sorted; a file path stands for itself.
pub fn jsonl_files(data: &Path) -> Result<Vec<std::path::PathBuf>, EvalError> {
    if data.is_file() {
        return Ok(vec![data.to_path_buf()]);
    }
    let entries = std::fs::read_dir(data).map_err(|source| EvalError::Io {
        path: data.to_path_buf(),
        source,
    })?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Format {
            path: data.to_path_buf(),
            message: "no .jsonl file here".into(),
        });
    }
    Ok(files)
}

/// Maps character offsets of `text` to byte offsets (one entry per char, plus the end).
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut map: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    map.push(text.len());
    map
}

/// Converts a character range to a byte range, clamping out-of-range offsets.
pub fn byte_range(map: &[usize], start: usize, end: usize) -> (usize, usize) {
    let last = map.len() - 1;
    (map[start.min(last)], map[end.min(last)])
}

/// Intersection over union of two half-open ranges.
pub fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Greedy one-to-one matching of predicted to gold ranges by IoU, best pairs first.
/// Returns `(pred index, gold index)` pairs whose IoU is at least `threshold`.
pub fn match_spans(
    pred: &[(usize, usize)],
    gold: &[(usize, usize)],
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let score = iou(*p, *g);
            if score >= threshold && score > 0.0 {
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_p, mut used_g) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iou_and_matching() {
        assert_eq!(iou((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(iou((0, 5), (5, 10)), 0.0);
        let m = match_spans(&[(0, 10), (20, 30)], &[(21, 30), (0, 9)], 0.5);
        assert_eq!(m.len(), 2);
        assert!(m.contains(&(0, 1)) && m.contains(&(1, 0)));
    }

    #[test]
    fn char_offsets_become_byte_offsets() {
        let map = char_to_byte("é a");
        assert_eq!(byte_range(&map, 0, 1), (0, 2));
        assert_eq!(byte_range(&map, 2, 3), (3, 4));
        assert_eq!(byte_range(&map, 9, 9), (4, 4));
    }
}
