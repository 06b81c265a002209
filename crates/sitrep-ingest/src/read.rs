//! Walking paths and streaming raw articles out of files, compressed files and stdin.
//!
//! Memory stays bounded: whole-file items are read through `take(max_bytes + 1)`, JSONL
//! and WARC are read record by record, and directories are expanded lazily.

use crate::{Format, IngestOptions, RawArticle};
use flate2::read::MultiGzDecoder;
use serde_json::Value;
use sitrep_model::Skipped;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) type Item = Result<RawArticle, Skipped>;
type Items = Box<dyn Iterator<Item = Item> + Send>;
pub(crate) type Reader = Box<dyn BufRead + Send>;

const BUF: usize = 64 << 10;

pub(crate) fn skipped(source: impl Into<String>, reason: impl Into<String>) -> Skipped {
    Skipped {
        source: source.into(),
        reason: reason.into(),
    }
}

/// The lazy walk over all inputs.
pub(crate) struct Inputs {
    options: Arc<IngestOptions>,
    /// Paths still to open, last one first.
    pending: Vec<PathBuf>,
    current: Option<Items>,
}

impl Inputs {
    pub(crate) fn new(paths: &[PathBuf], options: IngestOptions) -> Inputs {
        Inputs {
            options: Arc::new(options),
            pending: paths.iter().rev().cloned().collect(),
            current: None,
        }
    }

    /// Opens one path: a directory pushes its sorted entries, a file becomes a stream.
    fn open(&mut self, path: PathBuf) -> Option<Items> {
        let shown = path.display().to_string();
        if shown == "-" {
            let reader: Box<dyn Read + Send> = Box::new(io::stdin());
            return Some(stream(shown, "", reader, &self.options));
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(one(Err(skipped(shown, format!("cannot read: {e}"))))),
        };
        if meta.is_dir() {
            return self.expand(&path, shown);
        }
        let kind = Kind::of(&path);
        if meta.len() > self.options.max_bytes && !kind.compressed && !kind.streamed() {
            let reason = too_big(meta.len(), self.options.max_bytes);
            return Some(one(Err(skipped(shown, reason))));
        }
        match std::fs::File::open(&path) {
            Ok(f) => Some(stream(shown, &name_of(&path), Box::new(f), &self.options)),
            Err(e) => Some(one(Err(skipped(shown, format!("cannot open: {e}"))))),
        }
    }

    fn expand(&mut self, dir: &Path, shown: String) -> Option<Items> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return Some(one(Err(skipped(shown, format!("cannot list: {e}"))))),
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        self.pending.extend(paths.into_iter().rev());
        None
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.pending.pop()?;
            self.current = self.open(path);
        }
    }
}

fn one(item: Item) -> Items {
    Box::new(std::iter::once(item))
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn too_big(size: u64, max: u64) -> String {
    format!("larger than max_bytes ({size} > {max} bytes)")
}

/// What a file name says about its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Jsonl,
    Warc,
    Html,
    Text,
    /// No telling extension: sniff the first bytes.
    Unknown,
}

#[derive(Clone, Copy, Debug)]
struct Kind {
    compressed: bool,
    container: Container,
}

impl Kind {
    fn of(path: &Path) -> Kind {
        Kind::from_name(&name_of(path))
    }

    fn from_name(name: &str) -> Kind {
        let mut name = name;
        let mut compressed = false;
        for ext in [".gz", ".gzip", ".zst", ".zstd"] {
            if let Some(stem) = name.strip_suffix(ext) {
                name = stem;
                compressed = true;
            }
        }
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let container = match ext {
            "jsonl" | "ndjson" | "jsonlines" | "json" => Container::Jsonl,
            "warc" => Container::Warc,
            "html" | "htm" | "xhtml" | "shtml" => Container::Html,
            "txt" | "text" => Container::Text,
            _ => Container::Unknown,
        };
        Kind {
            compressed,
            container,
        }
    }

    fn streamed(self) -> bool {
        matches!(self.container, Container::Jsonl | Container::Warc)
    }
}

/// Wraps `reader` in the decompressor its magic bytes call for, then dispatches.
fn stream(
    source: String,
    name: &str,
    reader: Box<dyn Read + Send>,
    opts: &Arc<IngestOptions>,
) -> Items {
    let mut buffered = BufReader::with_capacity(BUF, reader);
    let magic = match buffered.fill_buf() {
        Ok(b) => b.get(..4).unwrap_or(b).to_vec(),
        Err(e) => return one(Err(skipped(source, format!("cannot read: {e}")))),
    };
    let kind = Kind::from_name(name);
    let reader: Reader = if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(BUF, MultiGzDecoder::new(buffered)))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        match zstd::stream::read::Decoder::with_buffer(buffered) {
            Ok(d) => Box::new(BufReader::with_capacity(BUF, d)),
            Err(e) => return one(Err(skipped(source, format!("bad zstd stream: {e}")))),
        }
    } else {
        Box::new(buffered)
    };
    dispatch(source, kind.container, reader, opts)
}

fn dispatch(
    source: String,
    container: Container,
    mut reader: Reader,
    opts: &Arc<IngestOptions>,
) -> Items {
    let container = match container {
        Container::Unknown => match sniff(&mut reader) {
            Ok(c) => c,
            Err(e) => return one(Err(stream_error(source, &e))),
        },
        c => c,
    };
    match container {
        Container::Jsonl => Box::new(Jsonl {
            reader,
            path: source,
            line: 0,
            done: false,
            opts: Arc::clone(opts),
        }),
        Container::Warc => Box::new(crate::warc::Records::new(source, reader, Arc::clone(opts))),
        Container::Html => one(whole(source, Format::Html, reader, opts.max_bytes)),
        _ => one(whole(source, Format::Text, reader, opts.max_bytes)),
    }
}

/// Guesses the container of an input with no telling name (stdin, `README`).
fn sniff(reader: &mut Reader) -> io::Result<Container> {
    let head = reader.fill_buf()?;
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    Ok(if head.starts_with(b"WARC/") {
        Container::Warc
    } else if head.starts_with(b"{") {
        Container::Jsonl
    } else {
        Container::Text
    })
}

/// The reason for a failed read in the middle of a stream, in words a user understands.
pub(crate) fn stream_error(source: String, e: &io::Error) -> Skipped {
    let reason = match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("truncated or corrupt compressed stream: {e}")
        }
        _ => format!("read error: {e}"),
    };
    skipped(source, reason)
}

/// Reads a whole-file article, refusing more than `max` bytes.
fn whole(source: String, format: Format, reader: Reader, max: u64) -> Item {
    let mut body = Vec::new();
    if let Err(e) = reader.take(max.saturating_add(1)).read_to_end(&mut body) {
        return Err(stream_error(source, &e));
    }
    if body.len() as u64 > max {
        return Err(skipped(
            source,
            format!("larger than max_bytes ({max} bytes)"),
        ));
    }
    Ok(RawArticle::new(source, format, body))
}

/// Outcome of reading one bounded line.
pub(crate) enum Line {
    Eof,
    Done,
    /// The line had more than the limit; its bytes were discarded.
    TooLong,
}

/// Reads one line into `buf` (newline kept), keeping at most `max` bytes of it.
pub(crate) fn read_line(reader: &mut Reader, buf: &mut Vec<u8>, max: u64) -> io::Result<Line> {
    buf.clear();
    let (mut seen, mut over) = (0u64, false);
    loop {
        let avail = reader.fill_buf()?;
        if avail.is_empty() {
            return Ok(match (seen, over) {
                (0, _) => Line::Eof,
                (_, true) => Line::TooLong,
                _ => Line::Done,
            });
        }
        let (take, found) = match avail.iter().position(|&b| b == b'\n') {
            Some(p) => (p + 1, true),
            None => (avail.len(), false),
        };
        seen += take as u64;
        if seen > max.saturating_add(1) {
            over = true;
            buf.clear();
        } else {
            buf.extend_from_slice(&avail[..take]);
        }
        reader.consume(take);
        if found {
            return Ok(if over { Line::TooLong } else { Line::Done });
        }
    }
}

/// One JSON object per line.
struct Jsonl {
    reader: Reader,
    path: String,
    line: usize,
    done: bool,
    opts: Arc<IngestOptions>,
}

impl Iterator for Jsonl {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut buf = Vec::new();
        while !self.done {
            self.line += 1;
            let source = format!("{}:{}", self.path, self.line);
            match read_line(&mut self.reader, &mut buf, self.opts.max_bytes) {
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    let reason =
                        format!("line larger than max_bytes ({} bytes)", self.opts.max_bytes);
                    return Some(Err(skipped(source, reason)));
                }
                Ok(Line::Done) if buf.trim_ascii().is_empty() => {}
                Ok(Line::Done) => return Some(json_article(source, buf.trim_ascii(), &self.opts)),
                Err(e) => {
                    self.done = true;
                    let mut s = stream_error(source, &e);
                    s.reason = format!("{} (after {} lines)", s.reason, self.line - 1);
                    return Some(Err(s));
                }
            }
        }
        None
    }
}

/// The first field of `fields` present as text.
fn field(obj: &serde_json::Map<String, Value>, fields: &[String]) -> Option<String> {
    fields.iter().find_map(|f| match obj.get(f)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    })
}

fn json_article(source: String, line: &[u8], opts: &IngestOptions) -> Item {
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return Err(skipped(source, format!("invalid JSON: {e}"))),
    };
    let Value::Object(obj) = value else {
        return Err(skipped(source, "JSON line is not an object"));
    };
    let body = field(&obj, &opts.html_fields)
        .map(|h| (Format::Html, h))
        .or_else(|| string_field(&obj, &opts.text_fields).map(|t| (Format::Text, t)));
    let Some((format, body)) = body else {
        let tried = [opts.html_fields.as_slice(), opts.text_fields.as_slice()].concat();
        return Err(skipped(
            source,
            format!("no text field (tried {})", tried.join(", ")),
        ));
    };
    let mut raw = RawArticle::new(source, format, body.into_bytes());
    raw.title = field(&obj, &opts.title_fields);
    raw.date = field(&obj, &opts.date_fields);
    raw.url = field(&obj, &opts.url_fields);
    raw.outlet = field(&obj, &opts.outlet_fields);
    Ok(raw)
}

/// A text field that is present, even when empty, so an empty body is reported as such.
fn string_field(obj: &serde_json::Map<String, Value>, fields: &[String]) -> Option<String> {
    fields
        .iter()
        .find_map(|f| obj.get(f).and_then(Value::as_str).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_containers() {
        let k = Kind::from_name("a.jsonl.zst");
        assert!(k.compressed && k.container == Container::Jsonl);
        assert_eq!(Kind::from_name("x.warc.gz").container, Container::Warc);
        assert_eq!(
            Kind::from_name("page.HTM".to_lowercase().as_str()).container,
            Container::Html
        );
        assert_eq!(Kind::from_name("README").container, Container::Unknown);
    }

    #[test]
    fn bounded_lines() {
        let mut r: Reader = Box::new(io::Cursor::new(b"short\nthis one is long\nend".to_vec()));
        let mut buf = Vec::new();
        assert!(matches!(
            read_line(&mut r, &mut buf, 8).unwrap(),
            Line::Done
        ));
        assert_eq!(buf, b"short\n");
        assert!(matches!(
            read_line(&mut r, &mut buf, 8).unwrap(),
            Line::TooLong
        ));
        assert!(matches!(
            read_line(&mut r, &mut buf, 8).unwrap(),
            Line::Done
        ));
        assert_eq!(buf, b"end");
        assert!(matches!(read_line(&mut r, &mut buf, 8).unwrap(), Line::Eof));
    }
}
