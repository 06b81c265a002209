//! A small, forgiving WARC reader: record headers, `Content-Length` bodies, HTTP
//! responses inside. Malformed input never stops the walk: a bad record is reported as
//! [`Skipped`] and the reader looks for the next `WARC/` line; a truncated body ends
//! the file with a `Skipped` that says so.
//!
//! Why not the `warc` crate (0.4): it reads header lines without a length bound (a binary
//! file with no newline is read whole into one buffer), buffers every body whole, has no
//! way to find the next record after a damaged one (its iterator resumes mid-record and
//! reports a cascade of errors), and its `from_path` opens files for writing and creates
//! them. Real crawls (`../shared/corpus/warc/`) have exactly such damage, so the reader
//! here bounds header lines and header counts and resynchronises on `WARC/` lines.

use crate::read::{read_line, skipped, stream_error, Item, Line, Reader};
use crate::{Format, IngestOptions, RawArticle};
use flate2::read::MultiGzDecoder;
use sitrep_model::Skipped;
use std::io::{self, Read};
use std::sync::Arc;

/// Longest header line kept; longer ones are garbage.
const MAX_HEADER_LINE: u64 = 64 << 10;
/// Most header lines in one record before it is declared garbage.
const MAX_HEADERS: usize = 500;

/// The records of one WARC stream.
pub(crate) struct Records {
    path: String,
    reader: Reader,
    opts: Arc<IngestOptions>,
    count: usize,
    done: bool,
    pending: Option<Item>,
}

/// A WARC record's header block.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Records {
    pub(crate) fn new(path: String, reader: Reader, opts: Arc<IngestOptions>) -> Records {
        Records {
            path,
            reader,
            opts,
            count: 0,
            done: false,
            pending: None,
        }
    }

    fn source(&self) -> String {
        format!("{}#{}", self.path, self.count)
    }

    /// Skips to the next `WARC/` version line; returns how many stray bytes it passed,
    /// and whether a record starts there (false at the end of the stream).
    fn find_start(&mut self) -> io::Result<(u64, bool)> {
        let mut buf = Vec::new();
        let mut stray = 0u64;
        loop {
            match read_line(&mut self.reader, &mut buf, MAX_HEADER_LINE)? {
                Line::Eof => return Ok((stray, false)),
                Line::TooLong => stray += MAX_HEADER_LINE,
                Line::Done if buf.starts_with(b"WARC/") => return Ok((stray, true)),
                Line::Done => stray += buf.trim_ascii().len() as u64,
            }
        }
    }

    fn read_header(&mut self) -> io::Result<Option<Header>> {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut buf = Vec::new();
        for _ in 0..MAX_HEADERS {
            match read_line(&mut self.reader, &mut buf, MAX_HEADER_LINE)? {
                Line::Eof | Line::TooLong => return Ok(None),
                Line::Done => {}
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.trim().is_empty() {
                return Ok(Some(Header { fields }));
            }
            if line.starts_with([' ', '\t']) {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        Ok(None)
    }

    /// Reads one record after its version line.
    fn record(&mut self) -> Item {
        let source = self.source();
        let header = match self.read_header() {
            Ok(Some(h)) => h,
            Ok(None) => {
                return Err(skipped(
                    source,
                    "WARC record header is malformed or cut off",
                ))
            }
            Err(e) => return Err(self.fail(source, &e)),
        };
        let Some(length) = header
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return Err(skipped(source, "WARC record has no valid Content-Length"));
        };
        if length > self.opts.max_bytes {
            return Err(self.discard(source, length));
        }
        let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
        if let Err(e) = (&mut self.reader).take(length).read_to_end(&mut body) {
            return Err(self.fail(source, &e));
        }
        if (body.len() as u64) < length {
            self.done = true;
            let reason = format!("WARC record truncated ({} of {length} bytes)", body.len());
            return Err(skipped(source, reason));
        }
        record_article(source, &header, body, self.opts.max_bytes)
    }

    fn discard(&mut self, source: String, length: u64) -> Skipped {
        if let Err(e) = io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
            return self.fail(source, &e);
        }
        let max = self.opts.max_bytes;
        skipped(
            source,
            format!("WARC record larger than max_bytes ({length} > {max} bytes)"),
        )
    }

    fn fail(&mut self, source: String, e: &io::Error) -> Skipped {
        self.done = true;
        stream_error(source, e)
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.pending.take() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        let stray = match self.find_start() {
            Ok((stray, true)) => stray,
            Ok((0, false)) => {
                self.done = true;
                return None;
            }
            Ok((stray, false)) => {
                self.done = true;
                let what = if self.count == 0 {
                    "no WARC record found"
                } else {
                    "trailing data"
                };
                let reason = format!("{what}: {stray} bytes of unparseable data skipped");
                return Some(Err(skipped(format!("{}#end", self.path), reason)));
            }
            Err(e) => {
                self.count += 1;
                let source = self.source();
                return Some(Err(self.fail(source, &e)));
            }
        };
        self.count += 1;
        let item = self.record();
        if stray > 0 {
            self.pending = Some(item);
            let reason =
                format!("{stray} bytes of unparseable data before this record were skipped");
            return Some(Err(skipped(self.source(), reason)));
        }
        Some(item)
    }
}

fn clean_uri(uri: &str) -> String {
    uri.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// Turns a response, resource or conversion record into an article.
fn record_article(source: String, header: &Header, block: Vec<u8>, max: u64) -> Item {
    let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let url = header
        .get("WARC-Target-URI")
        .map(clean_uri)
        .filter(|u| !u.is_empty());
    let (content_type, body) = match kind.as_str() {
        "response" if is_http(&block) => http_body(&source, block, max)?,
        "response" | "resource" | "conversion" => (
            header
                .get("Content-Type")
                .unwrap_or("")
                .to_ascii_lowercase(),
            block,
        ),
        other => {
            let what = if other.is_empty() { "untyped" } else { other };
            return Err(skipped(
                source,
                format!("WARC {what} record carries no article"),
            ));
        }
    };
    let format = format_of(&source, &content_type, &body)?;
    let body = to_utf8(body, charset_of(&content_type).as_deref());
    let mut raw = RawArticle::new(source, format, body);
    raw.url = url;
    Ok(raw)
}

fn is_http(block: &[u8]) -> bool {
    block.starts_with(b"HTTP/")
}

fn format_of(source: &str, content_type: &str, body: &[u8]) -> Result<Format, Skipped> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if mime.contains("html") || mime.contains("xml") && looks_html(body) {
        Ok(Format::Html)
    } else if mime.contains("xml") {
        Err(skipped(
            source,
            format!("{mime} document (feed, sitemap) is not an article"),
        ))
    } else if mime.starts_with("text/") || mime.is_empty() {
        Ok(if looks_html(body) {
            Format::Html
        } else {
            Format::Text
        })
    } else {
        Err(skipped(
            source,
            format!("content type {mime} is not text or HTML"),
        ))
    }
}

pub(crate) fn looks_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<?xml") && t.contains("<html")
        || t.starts_with('<')
            && (t.contains("<head")
                || t.contains("<body")
                || t.contains("<div")
                || t.contains("<p>"))
}

/// Applies the HTTP charset here, since a raw article carries only bytes: a body that
/// declares a legacy charset and is not already UTF-8 is transcoded to UTF-8.
fn to_utf8(body: Vec<u8>, charset: Option<&str>) -> Vec<u8> {
    let Some(enc) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) else {
        return body;
    };
    if enc == encoding_rs::UTF_8 || std::str::from_utf8(&body).is_ok() {
        return body;
    }
    let (text, _, _) = enc.decode(&body);
    text.into_owned().into_bytes()
}

fn charset_of(content_type: &str) -> Option<String> {
    let i = content_type.find("charset=")?;
    let cs = content_type[i + 8..]
        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .split([';', ' ', '"'])
        .next()?;
    (!cs.is_empty()).then(|| cs.to_string())
}

/// Splits an HTTP response into its content type and decoded body.
fn http_body(source: &str, block: Vec<u8>, max: u64) -> Result<(String, Vec<u8>), Skipped> {
    let (head_end, body_start) = match find(&block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(&block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Err(skipped(source, format!("HTTP status {code} is not a page")));
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        .collect();
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut body = block.get(body_start..).unwrap_or(&[]).to_vec();
    if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    // Crawlers often store the payload already decoded but keep the header.
    let gzipped = body.starts_with(&[0x1f, 0x8b]);
    match get("content-encoding").unwrap_or("identity") {
        "gzip" | "x-gzip" if !gzipped => {}
        "gzip" | "x-gzip" => body = inflate(source, MultiGzDecoder::new(&body[..]), max)?,
        "deflate" => {
            if let Ok(inflated) = inflate(source, flate2::read::ZlibDecoder::new(&body[..]), max) {
                body = inflated;
            }
        }
        "identity" | "" | "none" => {}
        other => {
            return Err(skipped(
                source,
                format!("unsupported content encoding {other}"),
            ))
        }
    }
    Ok((get("content-type").unwrap_or("").to_string(), body))
}

fn inflate(source: &str, reader: impl Read, max: u64) -> Result<Vec<u8>, Skipped> {
    let mut out = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| skipped(source, format!("bad HTTP content encoding: {e}")))?;
    if out.len() as u64 > max {
        return Err(skipped(
            source,
            format!("decoded body larger than max_bytes ({max} bytes)"),
        ));
    }
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Joins an HTTP chunked body; `None` when the chunking is broken (then the raw body
/// is used, as browsers do).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = find(rest, b"\n")?;
        let size_text = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(bytes: &[u8]) -> Vec<Item> {
        let reader: Reader = Box::new(io::Cursor::new(bytes.to_vec()));
        Records::new("t.warc".into(), reader, Arc::new(IngestOptions::default())).collect()
    }

    fn record(kind: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <http://example.org/a b>\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    #[test]
    fn reads_responses_and_reports_the_rest() {
        let page = "<html><body><p>Harbour officials opened the new pier today.</p></body></html>";
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let text = [
            record("warcinfo", "software: test"),
            record("response", &http),
        ]
        .concat();
        let items = records(text.as_bytes());
        assert_eq!(items.len(), 2);
        assert!(items[0]
            .as_ref()
            .is_err_and(|s| s.reason.contains("warcinfo")));
        let raw = items[1].as_ref().unwrap();
        assert_eq!(raw.format, Format::Html);
        assert_eq!(
            to_utf8(b"caf\xe9".to_vec(), Some("iso-8859-1")),
            "café".as_bytes()
        );
        assert_eq!(raw.url.as_deref(), Some("http://example.org/a b"));
        assert_eq!(raw.body, page.as_bytes());
    }

    #[test]
    fn truncated_and_garbage_are_reported() {
        let good = record("resource", "plain words");
        let mut text = format!("junk line\n{good}");
        text.push_str("WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\nshort");
        let items = records(text.as_bytes());
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(items[0]
            .as_ref()
            .is_err_and(|s| s.reason.contains("unparseable")));
        assert!(items[1].is_ok());
        assert!(items[2]
            .as_ref()
            .is_err_and(|s| s.reason.contains("truncated")));
    }

    #[test]
    fn a_file_without_records_is_reported() {
        let items = records(b"this is not a warc file\nat all\n");
        assert_eq!(items.len(), 1);
        assert!(items[0]
            .as_ref()
            .is_err_and(|s| s.reason.starts_with("no WARC record found")));
    }

    #[test]
    fn chunked_bodies_join() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\nbad").is_none());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            bytes.extend(tail);
            let reader: Reader = Box::new(io::Cursor::new(bytes));
            let n = Records::new("p".into(), reader, Arc::new(IngestOptions::default())).count();
            prop_assert!(n >= 1);
        }
    }
}
