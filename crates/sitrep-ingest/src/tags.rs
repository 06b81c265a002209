//! Start tags read the way html5ever's tokenizer reads them, so the pre-parse pass can
//! drop attributes that nothing downstream looks at (`href`, `src`, `srcset`, `data-*`,
//! event handlers...). They are a third of a typical page after scripts are emptied, and
//! the parser allocates a name and a value for every one of them.

/// One start or end tag: where it ends and where its attributes are.
#[derive(Default)]
struct Tag {
    /// Offset just past the closing `>`.
    end: usize,
    /// Each attribute as `(start, name end, end)`; `end` is past its value, if any.
    attrs: Vec<(usize, usize, usize)>,
    /// The tag ends in `/>`.
    self_closing: bool,
    /// A `<` inside the tag.
    has_lt: bool,
}

/// The end of the tag name that starts at `from`.
fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'/' && bytes[i] != b'>'
    {
        i += 1;
    }
    i
}

/// Reads the attributes from `from` (just after the tag name) to the `>` with the
/// tokenizer's states into `tag`; false when the input ends inside the tag (html5ever
/// drops such a tag).
fn scan(html: &str, from: usize, tag: &mut Tag) -> bool {
    #[derive(Clone, Copy)]
    enum S {
        BeforeName,
        AfterName,
        BeforeValue,
        AfterQuoted,
        SelfClosing,
    }
    let bytes = html.as_bytes();
    tag.attrs.clear();
    tag.self_closing = false;
    tag.has_lt = false;
    let mut state = S::BeforeName;
    let mut i = from;
    while let Some(&c) = bytes.get(i) {
        if c == b'>' {
            if let S::SelfClosing = state {
                tag.self_closing = true;
            }
            tag.end = i + 1;
            return true;
        }
        if c.is_ascii_whitespace() {
            state = match state {
                S::AfterQuoted | S::SelfClosing => S::BeforeName,
                s => s,
            };
            i += 1;
            continue;
        }
        match (state, c) {
            (S::BeforeName | S::AfterQuoted | S::SelfClosing, b'/') => {
                state = S::SelfClosing;
                i += 1;
            }
            (S::AfterName, b'/') => {
                state = S::SelfClosing;
                i += 1;
            }
            (S::AfterName, b'=') => {
                state = S::BeforeValue;
                i += 1;
            }
            (S::BeforeValue, b'"' | b'\'') => {
                // Values are long (URLs, JSON): jump to the closing quote.
                let Some(close) = html.get(i + 1..).and_then(|v| v.find(c as char)) else {
                    return false;
                };
                tag.has_lt |= html[i + 1..i + 1 + close].contains('<');
                i += close + 2;
                extend(tag, i);
                state = S::AfterQuoted;
            }
            (S::BeforeValue, _) => {
                // Unquoted: up to a space or `>`; quotes, `=` and `/` are part of it.
                while let Some(&v) = bytes.get(i) {
                    if v.is_ascii_whitespace() || v == b'>' {
                        break;
                    }
                    tag.has_lt |= v == b'<';
                    i += 1;
                }
                extend(tag, i);
                state = S::BeforeName;
            }
            _ => {
                // A name; its first character may be anything, even `=`.
                let start = i;
                i += 1;
                while let Some(&v) = bytes.get(i) {
                    if v.is_ascii_whitespace() || matches!(v, b'/' | b'=' | b'>') {
                        break;
                    }
                    i += 1;
                }
                tag.has_lt |= bytes[start..i].contains(&b'<');
                tag.attrs.push((start, i, i));
                state = S::AfterName;
            }
        }
    }
    false
}

/// Moves the end of the last attribute past its value.
fn extend(tag: &mut Tag, to: usize) {
    if let Some(last) = tag.attrs.last_mut() {
        last.2 = to;
    }
}

/// `name` in ASCII lower case in `buf`, or `None` when it is longer than any name
/// looked up here.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..name.len())?;
    for (d, s) in out.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    Some(out)
}

/// Attributes read after parsing: by the DOM walk (dates, class and id hints, hidden
/// elements; `<link>` and `<meta>` keep all theirs) or by html5ever's tree builder
/// (`type` of a hidden input in a table, `color`/`face`/`size` of a font in foreign
/// content, and so on).
fn kept(name: &[u8]) -> bool {
    let mut buf = [0; 16];
    matches!(
        lower(name, &mut buf),
        Some(
            b"class"
                | b"id"
                | b"style"
                | b"hidden"
                | b"aria-hidden"
                | b"lang"
                | b"type"
                | b"itemprop"
                | b"property"
                | b"name"
                | b"content"
                | b"datetime"
                | b"title"
                | b"pubdate"
                | b"color"
                | b"face"
                | b"size"
                | b"encoding"
                | b"form"
                | b"shadowrootmode"
        )
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    /// All attributes stay: on metadata elements, and on the formatting elements whose
    /// attributes html5ever compares when it limits reopened copies of unclosed ones
    /// (an `a` never meets another: a new one closes the open one first).
    KeepAll,
    /// The tokenizer reads the content as text up to the end tag.
    RawText,
    /// Nothing after it is rewritten: `plaintext` makes the rest text, and `math` or
    /// `svg` open foreign content.
    StopHere,
}

fn class(name: &[u8]) -> Class {
    let mut buf = [0; 16];
    match lower(name, &mut buf) {
        Some(
            b"meta" | b"link" | b"html" | b"body" | b"time" | b"base" | b"b" | b"big" | b"code"
            | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small" | b"strike" | b"strong" | b"tt"
            | b"u",
        ) => Class::KeepAll,
        // `script` and `style` reach here only in forms the script stripper leaves alone
        // (`<script/type=...>`).
        Some(
            b"title" | b"textarea" | b"noscript" | b"iframe" | b"xmp" | b"noembed" | b"noframes"
            | b"script" | b"style",
        ) => Class::RawText,
        // In foreign content raw-text names are ordinary elements and `<![CDATA[` is a
        // section, so the tokenizer's state can no longer be followed byte by byte.
        Some(b"plaintext" | b"math" | b"svg") => Class::StopHere,
        _ => Class::Plain,
    }
}

/// True when `</name` followed by a space, `/` or `>` starts at `i`: the end tag that
/// takes the tokenizer out of a raw-text element.
fn is_end_of(bytes: &[u8], i: usize, name: &[u8]) -> bool {
    let at = i + 2 + name.len();
    bytes.get(i + 1) == Some(&b'/')
        && bytes
            .get(i + 2..at)
            .is_some_and(|b| b.eq_ignore_ascii_case(name))
        && bytes
            .get(at)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
}

/// Rewrites start tags without their unread attributes, as the pre-parse pass meets
/// them. Markup the tokenizer reads as text (raw-text elements, attribute values,
/// doctypes and bogus comments) stays as written, and so does any tag with a `<` inside,
/// so the byte-level passes see what they saw before.
#[derive(Default)]
pub(crate) struct Pruner {
    /// Nothing before this offset is rewritten.
    verbatim: usize,
    /// The raw-text element the tokenizer is in, by its name's span.
    raw_text: Option<(usize, usize)>,
    tag: Tag,
}

impl Pruner {
    /// Handles the `<` at `start`: appends `html[*copied..]` up to a rewritten tag and
    /// the tag to `out`, moving `copied` past it. Returns where to look for the next `<`.
    pub(crate) fn visit(
        &mut self,
        html: &str,
        start: usize,
        out: &mut String,
        copied: &mut usize,
    ) -> usize {
        let bytes = html.as_bytes();
        if start < self.verbatim {
            return start + 1;
        }
        if let Some((a, b)) = self.raw_text {
            if !is_end_of(bytes, start, &bytes[a..b]) {
                return start + 1;
            }
            self.raw_text = None;
        }
        match bytes.get(start + 1) {
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(html, start, out, copied),
            Some(b'/') if bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let name_end = name_end(bytes, start + 2);
                // Most end tags are bare; attributes on one are read, then ignored.
                self.verbatim = if bytes.get(name_end) == Some(&b'>') {
                    name_end + 1
                } else if scan(html, name_end, &mut self.tag) {
                    self.tag.end
                } else {
                    html.len()
                };
                start + 1
            }
            Some(b'!' | b'?' | b'/') => {
                // Doctypes and bogus comments hold no tags. `<![CDATA[` is a bogus comment
                // in HTML but a section in foreign content: too rare to follow, so nothing
                // after it is rewritten.
                let rest = &html[start..];
                self.verbatim = if rest.starts_with("<![CDATA[") {
                    html.len()
                } else {
                    rest.find('>').map_or(html.len(), |j| start + j + 1)
                };
                start + 1
            }
            _ => start + 1,
        }
    }

    fn start_tag(
        &mut self,
        html: &str,
        start: usize,
        out: &mut String,
        copied: &mut usize,
    ) -> usize {
        let bytes = html.as_bytes();
        let name_end = name_end(bytes, start + 1);
        if !scan(html, name_end, &mut self.tag) {
            self.verbatim = html.len();
            return start + 1;
        }
        let tag = &self.tag;
        let class = class(&bytes[start + 1..name_end]);
        match class {
            Class::RawText => self.raw_text = Some((start + 1, name_end)),
            Class::StopHere => self.verbatim = html.len(),
            Class::Plain | Class::KeepAll => {}
        }
        if tag.has_lt {
            self.verbatim = self.verbatim.max(tag.end);
            return start + 1;
        }
        if class == Class::KeepAll {
            return tag.end;
        }
        let mut rewriting = false;
        for (k, &(a, n, e)) in tag.attrs.iter().enumerate() {
            if kept(&bytes[a..n]) {
                if rewriting {
                    out.push(' ');
                    out.push_str(&html[a..e]);
                }
                continue;
            }
            if !rewriting {
                rewriting = true;
                out.push_str(&html[*copied..name_end]);
                for &(a, _, e) in &tag.attrs[..k] {
                    out.push(' ');
                    out.push_str(&html[a..e]);
                }
            }
        }
        if rewriting {
            // The space keeps a `/` out of an unquoted value before it (`hidden=true />`).
            out.push_str(if tag.self_closing { " />" } else { ">" });
            *copied = tag.end;
        }
        tag.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(text: &str) -> Vec<String> {
        let mut tag = Tag::default();
        assert!(scan(text, name_end(text.as_bytes(), 1), &mut tag));
        assert_eq!(tag.end, text.len());
        tag.attrs
            .iter()
            .map(|&(s, n, e)| format!("{}|{}", &text[s..n], &text[s..e]))
            .collect()
    }

    #[test]
    fn reads_attributes_like_the_tokenizer() {
        assert_eq!(
            attrs("<a href=\"x>y\" class = 'c d' hidden data-x=1>"),
            [
                "href|href=\"x>y\"",
                "class|class = 'c d'",
                "hidden|hidden",
                "data-x|data-x=1"
            ]
        );
        assert_eq!(attrs("<p a=\"1\"b=2/>"), ["a|a=\"1\"", "b|b=2/"]);
        assert_eq!(attrs("<br/ =x/>"), ["=x|=x"]);
        assert_eq!(attrs("<div>"), Vec::<String>::new());
        let mut tag = Tag::default();
        assert!(scan("<img src=x />", 4, &mut tag) && tag.self_closing);
        assert!(!scan("<a href='x", 2, &mut tag));
    }

    fn prune(html: &str) -> String {
        let mut pruner = Pruner::default();
        let (mut out, mut copied, mut at) = (String::new(), 0, 0);
        while let Some(i) = html.get(at..).and_then(|r| r.find('<')) {
            at = pruner.visit(html, at + i, &mut out, &mut copied);
        }
        out.push_str(&html[copied..]);
        out
    }

    #[test]
    fn drops_unread_attributes_outside_text() {
        assert_eq!(
            prune("<div class=x data-a='1' onclick=\"f()\"><img src=a.png alt=\"b\"/><p id=q>Hi</p></div>"),
            "<div class=x><img /><p id=q>Hi</p></div>"
        );
        for kept in [
            "<title><b data-x=1></title>",
            "<div title=\"<b data-x=1>\" data-y=2>",
            "<!DOCTYPE html data-x=1><![CDATA[<b data-x=1>]]>",
            "<meta name=a data-x=1><link rel=canonical href=u data-x=1>",
            "<plaintext><p data-x=1>",
            "<textarea></textareax><b data-x=1></textarea>",
        ] {
            assert_eq!(prune(kept), kept);
        }
        // A `/` right after an unquoted value would join the value.
        assert_eq!(
            prune("<div aria-hidden=true data-track=\"promo\"/>"),
            "<div aria-hidden=true />"
        );
        for stops in [
            "<![CDATA[x><title>]]><a href=/x>",
            "<math><iframe></math><noembed></iframe><a href=x>",
            "<script/type=application/ld+json>{\"a\":\"<a href=x>\"}</script>",
        ] {
            assert_eq!(prune(stops), stops);
        }
        assert_eq!(
            prune("<title>t</title ><span data-x=1><a href=u>x</a><b data-x=1>"),
            "<title>t</title ><span><a>x</a><b data-x=1>"
        );
    }
}
