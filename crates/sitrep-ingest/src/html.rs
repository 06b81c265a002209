//! HTML main-text extraction: one pass over the DOM collects text blocks (paragraphs,
//! headings, list items, quotes) and page metadata; a readability-style score picks the
//! container that holds the article; its blocks, minus link-heavy ones, are the text.

use crate::dates::parse_date;
use crate::dicts::{self, Hints};
use crate::tags;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use serde_json::Value;
use sitrep_model::{DateValue, PublishedDate, Removed};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Node ids are small distinct integers: hashing them through SipHash was a tenth of
/// the extraction time.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<NodeId, V, BuildHasherDefault<IdHasher>>;
type IdSet = HashSet<NodeId, BuildHasherDefault<IdHasher>>;

/// What [`extract_html`] found in a page.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The headline: `og:title`, JSON-LD `headline`, the first `<h1>` or `<title>`.
    pub title: Option<String>,
    /// The main text, blocks separated by blank lines, after the line cleaner.
    pub text: String,
    /// The publication date from meta tags, JSON-LD, `<time>` or the URL.
    pub date: Option<PublishedDate>,
    /// `og:site_name` or the JSON-LD publisher.
    pub outlet: Option<String>,
    /// The author from meta tags or JSON-LD.
    pub byline: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The `<html lang>` attribute.
    pub language: Option<String>,
    /// Lines the line cleaner removed from the extracted blocks.
    pub removed: Vec<Removed>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Para,
    Heading(u8),
    Item,
    Quote,
    Pre,
    Cell,
    Loose,
}

/// A run of text under one block element.
struct Block {
    text: String,
    link_chars: usize,
    kind: Kind,
    node: NodeId,
    /// Soft-dropped ancestors.
    soft: Vec<NodeId>,
}

/// Metadata seen during the walk.
#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    dates: Vec<(u8, String, &'static str)>,
    site: Option<String>,
    author: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    ld_json: Vec<String>,
    /// The first short block that is a date line (`Published: 3 May 2020`).
    text_date: Option<DateValue>,
}

/// Never article text. A `match` rather than a list: it runs for every element.
fn is_drop_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "svg"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "figure"
            | "figcaption"
            | "template"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "menu"
            | "time"
            | "label"
    )
}

/// Usually not article text, but some sites wrap the whole page in one of these; such
/// "soft" drops are undone when the element holds most of the page's text.
fn is_soft_drop_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "footer" | "aside" | "header" | "form")
}

/// What an element's class and id say about dates, read in one pass over the hint
/// (seven substring searches per element were a fifth of the walk).
#[derive(Clone, Copy, Default)]
struct DateHint {
    /// `updat` or `modif`: an update stamp, not the publication date.
    update: bool,
    /// `published`.
    published: bool,
    /// `date`, `publish`, `posted` or `time`.
    dated: bool,
}

impl DateHint {
    fn of(hint: &str) -> DateHint {
        let mut h = DateHint::default();
        let b = hint.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            let rest = &b[i..];
            match c {
                b'u' => h.update |= rest.starts_with(b"updat"),
                b'm' => h.update |= rest.starts_with(b"modif"),
                b'd' => h.dated |= rest.starts_with(b"date"),
                b't' => h.dated |= rest.starts_with(b"time"),
                b'p' if rest.starts_with(b"publish") => {
                    h.dated = true;
                    h.published |= rest.starts_with(b"published");
                }
                b'p' => h.dated |= rest.starts_with(b"posted"),
                _ => {}
            }
        }
        h
    }
}

fn block_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "p" => Kind::Para,
        "h1" => Kind::Heading(1),
        "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading(2),
        "li" | "dd" | "dt" => Kind::Item,
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "td" | "th" => Kind::Cell,
        "div" | "section" | "article" | "main" | "body" | "ul" | "ol" | "dl" | "table" | "tr"
        | "center" | "address" | "tbody" => Kind::Loose,
        _ => return None,
    })
}

/// Extracts the main text and metadata of an HTML page.
///
/// ```
/// let page = "<html><head><title>Port deal | Daily</title></head><body>\
///   <nav><a href='/'>Home</a></nav><article><h1>Port deal</h1>\
///   <p>The two ministers signed the port deal on Monday, officials said.</p></article></body></html>";
/// let ex = sitrep_ingest::extract_html(page);
/// assert_eq!(ex.text, "The two ministers signed the port deal on Monday, officials said.");
/// ```
pub fn extract_html(html: &str) -> Extracted {
    let html = strip_scripts(html);
    let dom = Html::parse_document(&html);
    let mut walk = Walk::default();
    walk.run(dom.tree.root());
    let meta = std::mem::take(&mut walk.meta);
    let blocks = std::mem::take(&mut walk.blocks);
    let chosen = choose(&dom, &blocks);
    let raw_text = chosen
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    finish(meta, &raw_text)
}

/// [`extract_html`] for undecoded bytes: the charset comes from a byte order mark, the
/// page's `<meta charset>`, UTF-8 validity or detection, in that order.
pub fn extract_html_bytes(bytes: &[u8]) -> Extracted {
    let declared = crate::decode::html_charset(bytes);
    let decoded = crate::decode::decode(bytes, declared.as_deref());
    extract_html(&decoded.text)
}

/// `"datePublished": "..."` found by hand in JSON-LD that does not parse.
fn loose_ld_date(script: &str) -> Option<String> {
    let key = "\"datePublished\"";
    let at = script.find(key)? + key.len();
    let rest = script
        .get(at..)?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let value = rest.strip_prefix('"')?;
    let end = value.find('"')?;
    Some(value[..end].to_string())
}

/// `Headline | Site Name` → `Headline`, when the last part is short.
fn strip_site(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// Empties `<script>` (except JSON-LD), `<style>` and `<svg>` elements, drops comments and
/// the attributes nothing reads (see [`tags::Pruner`]) before parsing: they are often
/// most of a page's bytes and the parser would only skip them later.
fn strip_scripts(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let (mut copied, mut at) = (0, 0);
    let mut pruner = tags::Pruner::default();
    while let Some(i) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + i;
        if bytes.get(start..start + 4) == Some(b"<!--") {
            // Comments carry no text; conditional ones hold only markup for old browsers.
            let Some(end) = html[start..].find("-->").map(|j| start + j + 3) else {
                break;
            };
            out.push_str(&html[copied..start]);
            (copied, at) = (end, end);
            continue;
        }
        let Some(name) = raw_text_tag(bytes, start) else {
            at = pruner.visit(html, start, &mut out, &mut copied);
            continue;
        };
        let Some(open_end) = html[start..].find('>').map(|j| start + j + 1) else {
            break;
        };
        // `<svg ... />` is a whole element in HTML (a `/>` on script or style is ignored).
        let self_closing = html[start..open_end - 1].trim_end().ends_with('/');
        if name == "svg" && self_closing {
            at = open_end;
            continue;
        }
        let is_ld = html[start..open_end]
            .to_ascii_lowercase()
            .contains("ld+json");
        let Some(close) = find_close(html, open_end, name) else {
            break;
        };
        if !is_ld {
            out.push_str(&html[copied..open_end]);
            copied = close;
        }
        at = close;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// `script`, `style` or `svg` when an opening tag of that name starts at `i`.
fn raw_text_tag(bytes: &[u8], i: usize) -> Option<&'static str> {
    ["script", "style", "svg"].into_iter().find(|name| {
        let end = i + 1 + name.len();
        bytes
            .get(i + 1..end)
            .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(end)
                .is_some_and(|&c| c == b'>' || c.is_ascii_whitespace())
    })
}

/// Byte offset of `</name` after `from`, case-insensitive. Scripts are long and full of
/// `<`, so the scan jumps from `<` to `<` (a memchr search) rather than matching `</`.
pub(crate) fn find_close(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + i;
        if bytes.get(start + 1) == Some(&b'/')
            && bytes
                .get(start + 2..start + 2 + name.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

fn finish(meta: Meta, raw_text: &str) -> Extracted {
    let mut ex = Extracted::default();
    let mut ld = LdFacts::default();
    for script in &meta.ld_json {
        match serde_json::from_str::<Value>(script) {
            Ok(v) => ld.read(&v),
            // Broken JSON-LD is common; its date is still worth a look.
            Err(_) if ld.date.is_none() => ld.date = loose_ld_date(script),
            Err(_) => {}
        }
    }
    ex.title = meta
        .og_title
        .or(ld.headline)
        .or(meta.h1)
        .or(meta.title_tag.map(|t| strip_site(&t)))
        .map(|t| crate::clean::squash(&t))
        .filter(|t| !t.is_empty());
    ex.url = meta.url;
    ex.outlet = meta.site.or(ld.publisher);
    ex.byline = meta.author.or(ld.author).filter(|a| !a.starts_with("http"));
    ex.language = meta.lang;
    let mut dates = meta.dates;
    if let Some(d) = ld.date {
        dates.push((1, d, "json-ld"));
    }
    dates.sort_by_key(|(rank, _, _)| *rank);
    ex.date = dates.iter().find_map(|(_, s, origin)| {
        parse_date(s).map(|date| PublishedDate {
            date,
            origin: origin.to_string(),
        })
    });
    let text_date = meta.text_date.map(|date| (date, "html:text"));
    let url_date = ex
        .url
        .as_deref()
        .and_then(crate::dates::url_date)
        .map(|d| (d, "url"));
    if ex.date.is_none() {
        ex.date = text_date.or(url_date).map(|(date, origin)| PublishedDate {
            date,
            origin: origin.into(),
        });
    }
    // Pages that render the body with scripts often carry it whole in JSON-LD.
    let ld_body = ld.body.as_deref().map(str::trim).unwrap_or("");
    let raw_text = if ld_body.len() > raw_text.len() * 3 / 2 + 200 {
        ld_body
    } else {
        raw_text
    };
    let (text, removed, _) = crate::clean::clean_text(raw_text, ex.title.as_deref());
    ex.text = text;
    ex.removed = removed;
    ex
}

/// The DOM walk: blocks in document order plus metadata.
#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    meta: Meta,
    /// Open block elements: (node, kind, text so far, link chars so far).
    open: Vec<(NodeId, Kind, String, usize)>,
    links: usize,
    /// Open soft-dropped elements.
    soft: Vec<NodeId>,
    /// Open elements whose class says "updated": their dates are not publication dates.
    updates: Vec<NodeId>,
    in_title: bool,
    in_h1: bool,
}

impl Walk {
    fn run(&mut self, root: NodeRef<Node>) {
        let hints = &dicts::get().hints;
        let mut stack: Vec<(NodeRef<Node>, bool)> = vec![(root, false)];
        while let Some((node, closing)) = stack.pop() {
            if closing {
                self.close(node);
                continue;
            }
            match node.value() {
                Node::Text(t) => self.text(t),
                Node::Element(el) => {
                    if !self.open_element(node, el, hints) {
                        continue;
                    }
                    stack.push((node, true));
                    push_children(&mut stack, node);
                }
                Node::Document => push_children(&mut stack, node),
                _ => {}
            }
        }
    }

    /// Handles an opening tag; false means skip its subtree.
    fn open_element(
        &mut self,
        node: NodeRef<Node>,
        el: &scraper::node::Element,
        hints: &Hints,
    ) -> bool {
        let tag = el.name();
        let hint = hint_text(el);
        let date_hint = DateHint::of(&hint);
        match tag {
            "html" => self.meta.lang = attr(el, "lang").map(str::to_string),
            "meta" => self.meta_tag(el),
            "link" if attr(el, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                self.meta
                    .url
                    .get_or_insert_with(|| attr(el, "href").unwrap_or("").to_string());
            }
            "title" => self.in_title = self.meta.title_tag.is_none(),
            "script" if attr(el, "type").is_some_and(|t| t.contains("ld+json")) => {
                let text: String = node
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect();
                self.meta.ld_json.push(text);
                return false;
            }
            "time" => self.time_tag(el),
            "h1" => self.in_h1 = self.meta.h1.is_none(),
            "br" => self.flush(),
            _ if self.meta.dates.len() < 12 => self.date_attrs(node, el, date_hint),
            _ => {}
        }
        if tag == "title" {
            return true;
        }
        if is_drop_tag(tag) || hidden(el) {
            return false;
        }
        if date_hint.update {
            self.updates.push(node.id());
        }
        if is_soft_drop_tag(tag) || dropped_by_hint(tag, &hint, hints) {
            self.flush();
            self.soft.push(node.id());
        }
        if tag == "a" {
            self.links += 1;
        }
        if let Some(kind) = block_kind(tag) {
            self.flush();
            self.open.push((node.id(), kind, String::new(), 0));
        }
        true
    }

    fn close(&mut self, node: NodeRef<Node>) {
        let Some(el) = node.value().as_element() else {
            return;
        };
        match el.name() {
            "a" => self.links = self.links.saturating_sub(1),
            "title" => self.in_title = false,
            "h1" => self.in_h1 = false,
            _ => {}
        }
        if block_kind(el.name()).is_some() && self.open.last().is_some_and(|o| o.0 == node.id()) {
            self.flush();
            self.open.pop();
        }
        if self.soft.last() == Some(&node.id()) {
            self.flush();
            self.soft.pop();
        }
        if self.updates.last() == Some(&node.id()) {
            self.updates.pop();
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_title {
            self.meta
                .title_tag
                .get_or_insert_with(String::new)
                .push_str(t);
            return;
        }
        if self.in_h1 {
            self.meta.h1.get_or_insert_with(String::new).push_str(t);
        }
        let Some(top) = self.open.last_mut() else {
            return;
        };
        top.2.push_str(t);
        if self.links > 0 {
            top.3 += t.chars().filter(|c| !c.is_whitespace()).count();
        }
    }

    /// Emits the text gathered so far in the innermost open block.
    fn flush(&mut self) {
        let Some(top) = self.open.last_mut() else {
            return;
        };
        let text = crate::clean::squash(&top.2);
        let links = std::mem::take(&mut top.3);
        top.2.clear();
        let datable = text.len() <= 90
            && self.updates.is_empty()
            && text.bytes().filter(u8::is_ascii_digit).count() >= 4;
        if self.meta.text_date.is_none() && datable {
            if let Some((date, false)) = crate::dates::date_line(&text) {
                self.meta.text_date = Some(date);
            }
        }
        if !text.is_empty() {
            let soft = self.soft.clone();
            self.blocks.push(Block {
                text,
                link_chars: links,
                kind: top.1,
                node: top.0,
                soft,
            });
        }
    }

    fn meta_tag(&mut self, el: &scraper::node::Element) {
        let key = attr(el, "property")
            .or_else(|| attr(el, "name"))
            .or_else(|| attr(el, "itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(content) = attr(el, "content").map(str::trim).filter(|c| !c.is_empty()) else {
            return;
        };
        let content = content.to_string();
        match key.as_str() {
            "og:title" | "twitter:title" => {
                self.meta.og_title.get_or_insert(content);
            }
            "og:site_name" => {
                self.meta.site.get_or_insert(content);
            }
            "author" | "article:author" | "byl" | "sailthru.author" | "parsely-author" => {
                self.meta
                    .author
                    .get_or_insert(content.trim_start_matches("By ").to_string());
            }
            "og:url" => {
                self.meta.url.get_or_insert(content);
            }
            _ => {
                if let Some(rank) = date_meta_rank(&key) {
                    self.meta.dates.push((rank, content, "html:meta"));
                }
            }
        }
    }

    /// Dates in microdata attributes and in small elements whose class says "date".
    fn date_attrs(&mut self, node: NodeRef<Node>, el: &scraper::node::Element, hint: DateHint) {
        let value = || {
            attr(el, "content")
                .or(attr(el, "datetime"))
                .or(attr(el, "title"))
        };
        let itemprop = attr(el, "itemprop").or(attr(el, "property")).unwrap_or("");
        if itemprop.to_ascii_lowercase().contains("datepublished") {
            if let Some(v) = value() {
                self.meta.dates.push((1, v.to_string(), "html:itemprop"));
                return;
            }
        }
        if hint.published && attr(el, "title").is_some() {
            if let Some(v) = attr(el, "title") {
                self.meta.dates.push((2, v.to_string(), "html:published"));
                return;
            }
        }
        if hint.dated && !hint.update {
            let text = short_text(node, 120);
            if text.bytes().filter(u8::is_ascii_digit).count() >= 4 {
                self.meta.dates.push((4, text, "html:date element"));
            }
        }
    }

    fn time_tag(&mut self, el: &scraper::node::Element) {
        let Some(dt) = attr(el, "datetime") else {
            return;
        };
        let strong = attr(el, "pubdate").is_some()
            || attr(el, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || attr(el, "class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
        let rank = if strong { 2 } else { 6 };
        self.meta.dates.push((rank, dt.to_string(), "html:time"));
    }
}

/// Pushes the children last-first, so they pop in document order.
fn push_children<'a>(stack: &mut Vec<(NodeRef<'a, Node>, bool)>, node: NodeRef<'a, Node>) {
    let mut child = node.last_child();
    while let Some(c) = child {
        stack.push((c, false));
        child = c.prev_sibling();
    }
}

/// The first `max` bytes or so of an element's text.
fn short_text(node: NodeRef<Node>, max: usize) -> String {
    let mut out = String::new();
    for t in node
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| &**t))
    {
        out.push_str(t);
        out.push(' ');
        if out.len() >= max {
            break;
        }
    }
    out
}

/// Lower is stronger; `None` for keys that are not publication dates.
fn date_meta_rank(key: &str) -> Option<u8> {
    Some(match key {
        "article:published_time"
        | "og:published_time"
        | "datepublished"
        | "article.published"
        | "published_time"
        | "parsely-pub-date"
        | "sailthru.date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "dc.date.issued"
        | "dcterms.issued" => 0,
        "date"
        | "dc.date"
        | "dcterms.date"
        | "dcterms.created"
        | "dc.date.created"
        | "originalpublicationdate"
        | "article.created"
        | "datecreated"
        | "creation_date" => 3,
        _ => return None,
    })
}

/// The value of attribute `name`. Scraper's own lookup interns the name first, which
/// costs more than comparing the few attributes an element has.
fn attr<'e>(el: &'e scraper::node::Element, name: &str) -> Option<&'e str> {
    el.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}

fn hidden(el: &scraper::node::Element) -> bool {
    attr(el, "hidden").is_some()
        || attr(el, "aria-hidden").is_some_and(|v| v == "true")
        || attr(el, "style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

fn hint_text(el: &scraper::node::Element) -> String {
    let class = attr(el, "class").unwrap_or("");
    let id = el.id();
    let mut s = String::with_capacity(class.len() + id.map_or(0, |i| i.len() + 1));
    s.push_str(class);
    if let Some(i) = id {
        s.push(' ');
        s.push_str(i);
    }
    s.make_ascii_lowercase();
    s
}

fn dropped_by_hint(tag: &str, hint: &str, hints: &Hints) -> bool {
    if hint.is_empty() || matches!(tag, "body" | "article" | "main" | "a" | "html" | "p") {
        return false;
    }
    hints.has_drop(hint) && !hints.has_keep(hint)
}

/// Readability's score for one container.
fn base_score(el: &scraper::node::Element, hints: &Hints) -> f64 {
    let tag = match el.name() {
        "div" | "article" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let h = hint_text(el);
    let mut class = 0.0;
    if hints.has_positive(&h) {
        class += 25.0;
    }
    if hints.has_negative(&h) {
        class -= 25.0;
    }
    tag + class
}

struct Scores {
    score: IdMap<f64>,
    chars: IdMap<(usize, usize)>,
}

fn scores(dom: &Html, blocks: &[&Block]) -> Scores {
    let hints = &dicts::get().hints;
    let mut s = Scores {
        score: IdMap::default(),
        chars: IdMap::default(),
    };
    for b in blocks {
        let len = b.text.chars().count();
        let Some(node) = dom.tree.get(b.node) else {
            continue;
        };
        for anc in std::iter::once(node).chain(node.ancestors()) {
            let e = s.chars.entry(anc.id()).or_default();
            e.0 += len;
            e.1 += b.link_chars;
        }
        if len < 25
            || !matches!(
                b.kind,
                Kind::Para | Kind::Pre | Kind::Cell | Kind::Loose | Kind::Quote
            )
        {
            continue;
        }
        let commas = b.text.matches([',', '，', '、']).count() as f64;
        let content = 1.0 + commas + (len as f64 / 100.0).min(3.0);
        let start = if b.kind == Kind::Loose {
            Some(node)
        } else {
            node.parent()
        };
        let Some(start) = start else {
            continue;
        };
        for (level, anc) in std::iter::once(start)
            .chain(start.ancestors())
            .take(3)
            .enumerate()
        {
            let Some(el) = anc.value().as_element() else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let entry = s
                .score
                .entry(anc.id())
                .or_insert_with(|| base_score(el, hints));
            *entry += content / divider;
        }
    }
    s
}

impl Scores {
    fn link_density(&self, id: NodeId) -> f64 {
        match self.chars.get(&id) {
            Some(&(len, links)) if len > 0 => links as f64 / len as f64,
            _ => 0.0,
        }
    }

    fn final_score(&self, id: NodeId) -> Option<f64> {
        self.score
            .get(&id)
            .map(|s| s * (1.0 - self.link_density(id)))
    }
}

/// The blocks of the best container and its qualifying siblings.
fn choose<'b>(dom: &Html, all: &'b [Block]) -> Vec<&'b Block> {
    let dropped = really_dropped(all);
    let blocks: Vec<&Block> = all
        .iter()
        .filter(|b| !b.soft.iter().any(|id| dropped.contains(id)))
        .collect();
    let s = scores(dom, &blocks);
    let top = s
        .score
        .keys()
        .filter_map(|&id| Some((id, s.final_score(id)?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((top, top_score)) = top else {
        return blocks.into_iter().filter(|b| b.text.len() > 80).collect();
    };
    let mut chosen = IdSet::default();
    chosen.insert(top);
    let threshold = (top_score * 0.2).max(10.0);
    if let Some(parent) = dom.tree.get(top).and_then(|n| n.parent()) {
        for sib in parent.children().filter(|c| c.id() != top) {
            if sibling_fits(&s, sib, threshold) {
                chosen.insert(sib.id());
            }
        }
    }
    chosen.extend(same_class(dom, &s, top));
    blocks
        .into_iter()
        .filter(|b| keep_block(dom, &chosen, b))
        .collect()
}

/// Articles split into chunks (around ad slots) repeat the container's class: take the
/// other chunks too.
fn same_class(dom: &Html, s: &Scores, top: NodeId) -> Vec<NodeId> {
    let class = |id: NodeId| {
        dom.tree
            .get(id)
            .and_then(|n| n.value().as_element())
            .and_then(|e| attr(e, "class"))
            .map(str::trim)
            .filter(|c| !c.is_empty())
    };
    let Some(top_class) = class(top) else {
        return Vec::new();
    };
    s.score
        .keys()
        .filter(|&&id| id != top && class(id) == Some(top_class))
        .filter(|&&id| s.final_score(id).is_some_and(|v| v > 0.0) && s.link_density(id) < 0.5)
        .copied()
        .collect()
}

/// Soft-dropped elements that hold less than half of the page's text stay dropped.
fn really_dropped(blocks: &[Block]) -> IdSet {
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let mut held: IdMap<usize> = IdMap::default();
    for b in blocks {
        for id in &b.soft {
            *held.entry(*id).or_default() += b.text.len();
        }
    }
    held.into_iter()
        .filter(|&(_, n)| n * 2 < total)
        .map(|(id, _)| id)
        .collect()
}

fn sibling_fits(s: &Scores, sib: NodeRef<Node>, threshold: f64) -> bool {
    if s.final_score(sib.id()).is_some_and(|v| v >= threshold) {
        return true;
    }
    let is_p = sib.value().as_element().is_some_and(|e| e.name() == "p");
    let Some(&(len, _)) = s.chars.get(&sib.id()) else {
        return false;
    };
    let ld = s.link_density(sib.id());
    is_p && ((len > 80 && ld < 0.25)
        || (len > 0 && ld == 0.0 && len <= 80 && has_sentence_end(sib)))
}

fn has_sentence_end(node: NodeRef<Node>) -> bool {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .any(|t| t.contains(". ") || t.trim_end().ends_with('.'))
}

fn keep_block(dom: &Html, chosen: &IdSet, b: &Block) -> bool {
    if b.kind == Kind::Heading(1) {
        return false;
    }
    let len = b.text.chars().count().max(1);
    if b.link_chars * 2 > len {
        return false;
    }
    let Some(node) = dom.tree.get(b.node) else {
        return false;
    };
    std::iter::once(node)
        .chain(node.ancestors())
        .any(|a| chosen.contains(&a.id()))
}

/// Facts read from JSON-LD.
#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    body: Option<String>,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
}

impl LdFacts {
    fn read(&mut self, v: &Value) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.read(i)),
            Value::Object(map) => {
                let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
                if self.date.is_none() {
                    self.date = text("datePublished");
                }
                if self.headline.is_none() {
                    self.headline = text("headline");
                }
                if self.body.is_none() {
                    self.body = text("articleBody");
                }
                if self.author.is_none() {
                    self.author = map.get("author").and_then(name_of);
                }
                if self.publisher.is_none() {
                    self.publisher = map.get("publisher").and_then(name_of);
                }
                if let Some(graph) = map.get("@graph") {
                    self.read(graph);
                }
            }
            _ => {}
        }
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => a.first().and_then(name_of),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html lang="en"><head>
<title>Harbour deal signed | Coast Gazette</title>
<meta property="og:site_name" content="Coast Gazette">
<meta property="article:published_time" content="2023-03-09T14:20:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Ana Ruiz"}}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="share-tools"><a href="#">Share on Facebook</a></div>
<article class="story"><h1>Harbour deal signed</h1>
<p>The harbour authority and the shipping union signed a five-year deal on Thursday, ending a strike that had idled the port for weeks.</p>
<p>Union leaders said the agreement raises wages, limits night shifts, and funds new safety training for crane operators.</p>
<h2>What comes next</h2>
<p>Ships waiting offshore will be unloaded first, the authority said, with normal traffic expected by the end of the month.</p>
<p><a href="/a">Read more: port strike timeline</a></p>
</article>
<aside class="related"><ul><li><a href="/x">Other story about the weather that is long enough</a></li></ul></aside>
<div id="comments"><p>Great article, thanks for writing it, I learned a lot today!</p></div>
<footer>Copyright 2023 Coast Gazette</footer>
</body></html>"##;

    #[test]
    fn extracts_article_and_metadata() {
        let ex = extract_html(PAGE);
        assert!(ex.text.starts_with("The harbour authority"), "{}", ex.text);
        assert!(ex.text.contains("What comes next"));
        assert!(ex.text.ends_with("by the end of the month."), "{}", ex.text);
        for junk in [
            "Share on",
            "Read more",
            "Other story",
            "Great article",
            "Copyright",
            "Home",
        ] {
            assert!(!ex.text.contains(junk), "{junk} in {}", ex.text);
        }
        assert_eq!(ex.outlet.as_deref(), Some("Coast Gazette"));
        assert_eq!(ex.byline.as_deref(), Some("Ana Ruiz"));
        let d = ex.date.unwrap();
        assert_eq!(
            (d.date.value.as_str(), d.origin.as_str()),
            ("2023-03-09T14:20", "html:meta")
        );
        assert_eq!(ex.title.as_deref(), Some("Harbour deal signed"));
    }

    #[test]
    fn a_self_closing_svg_keeps_what_follows() {
        let page = "<svg class=\"icon\" /><p>The council met on Monday.</p><svg><path/></svg>";
        assert_eq!(
            strip_scripts(page),
            "<svg class=\"icon\" /><p>The council met on Monday.</p><svg></svg>"
        );
    }

    #[test]
    fn comments_and_svg_are_dropped_before_parsing() {
        let page =
            "<p>a<!-- <p>hidden</p> --></p><svg viewBox=\"0 0 9 9\"><path d=\"M0 0\"/></svg>\
                    <p>b</p><!--[if IE]><p>old</p><![endif]--><!-- unclosed";
        assert_eq!(
            strip_scripts(page),
            "<p>a</p><svg viewBox=\"0 0 9 9\"></svg><p>b</p><!-- unclosed"
        );
        let ex = extract_html(&format!(
            "<article><p>The council met on Monday to vote.</p>{page}</article>"
        ));
        assert!(
            !ex.text.contains("hidden") && !ex.text.contains("old"),
            "{}",
            ex.text
        );
    }

    #[test]
    fn scripts_are_emptied_but_json_ld_stays() {
        let page = "<p>a</p><SCRIPT src=x>var s = '<p>no</p>';</SCRIPT><style>p{}</style>\
                    <script type=\"application/ld+json\">{}</script><script>unclosed";
        let out = strip_scripts(page);
        assert_eq!(
            out,
            "<p>a</p><SCRIPT src=x></SCRIPT><style></style><script type=\"application/ld+json\">{}</script><script>unclosed"
        );
        assert_eq!(strip_scripts("<p>plain</p>"), "<p>plain</p>");
    }

    #[test]
    fn dates_from_microdata_classes_and_text() {
        let body = "<p>The harbour authority said on Thursday that the new pier will open next month, after long delays.</p>";
        let date_of = |head: &str| {
            let page = format!("<html><body>{head}<article>{body}</article></body></html>");
            extract_html(&page).date.map(|d| (d.date.value, d.origin))
        };
        assert_eq!(
            date_of("<span itemprop=\"datePublished\" content=\"2019-03-02\"></span>"),
            Some(("2019-03-02".into(), "html:itemprop".into()))
        );
        assert_eq!(
            date_of("<div class=\"post-date\">am 25.08.2015 22:30</div>"),
            Some(("2015-08-25T22:30".into(), "html:date element".into()))
        );
        assert_eq!(
            date_of("<div><p>Published: 4 March 2021</p></div>"),
            Some(("2021-03-04".into(), "html:text".into()))
        );
        assert_eq!(
            date_of("<div class=\"updated-date\">2020-01-01</div>"),
            None
        );
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(
            strip_site("Floods close the coast road | Daily Post"),
            "Floods close the coast road"
        );
        assert_eq!(strip_site("Home - Site"), "Home - Site");
    }

    #[test]
    fn survives_junk() {
        for page in [
            "",
            "<<<>>>",
            "<p>",
            "plain words only",
            "<div><div><div></span></p>",
        ] {
            let _ = extract_html(page);
        }
        let deep = "<div>".repeat(5000)
            + "A deep sentence that is long enough to count, surely."
            + &"</div>".repeat(5000);
        assert!(extract_html(&deep).text.contains("deep sentence"));
    }
}
