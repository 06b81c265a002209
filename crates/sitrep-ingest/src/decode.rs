//! Bytes to text: BOM, declared charset, UTF-8, else detection; and binary sniffing.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text plus notes for `Document::diagnostics`.
pub(crate) struct Decoded {
    pub text: String,
    pub notes: Vec<String>,
}

/// True when the bytes look like a binary file rather than text in any encoding.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// Decodes `bytes`; `declared` is a charset from the container or the HTML meta tag.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut notes = Vec::new();
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let text = finish(enc, &bytes[bom..], &mut notes);
        if enc != UTF_8 {
            notes.push(format!("decoded as {} (byte order mark)", enc.name()));
        }
        return Decoded { text, notes };
    }
    // Validated once: most pages are UTF-8 and this is a pass over the whole page.
    let utf8 = std::str::from_utf8(bytes).ok();
    let declared = declared.and_then(|d| Encoding::for_label(d.trim().as_bytes()));
    if let Some(enc) = declared {
        // A page that declares a legacy charset but is valid UTF-8 with non-ASCII bytes
        // is UTF-8: the declaration is the usual lie (or the body was transcoded), and
        // legacy text is almost never valid UTF-8 by chance.
        let lying = utf8.is_some() && enc != UTF_8 && !bytes.is_ascii();
        if !lying {
            if enc != UTF_8 {
                notes.push(format!("decoded as {} (declared)", enc.name()));
            }
            let text = match utf8 {
                Some(text) if enc == UTF_8 => text.to_owned(),
                _ => finish(enc, bytes, &mut notes),
            };
            return Decoded { text, notes };
        }
        notes.push(format!("declared {} but the bytes are UTF-8", enc.name()));
    }
    if let Some(text) = utf8 {
        return Decoded {
            text: text.to_owned(),
            notes,
        };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    notes.push(format!("decoded as {} (detected)", enc.name()));
    let text = finish(enc, bytes, &mut notes);
    Decoded { text, notes }
}

fn finish(enc: &'static Encoding, bytes: &[u8], notes: &mut Vec<String>) -> String {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.matches('\u{fffd}').count();
        notes.push(format!("{bad} undecodable byte sequences replaced"));
    }
    text.into_owned()
}

/// The charset an HTML page declares in its first bytes (`<meta charset>` or
/// `http-equiv` content type).
pub(crate) fn html_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = head[from..].find("charset") {
        let at = from + i + "charset".len();
        let rest = head[at..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
                .unwrap_or(value.len());
            if end > 0 {
                return Some(value[..end].to_string());
            }
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encodings_decode() {
        // "café – naïve" in windows-1252
        let bytes = b"The caf\xe9 \x96 na\xefve owner said prices rose again this week.";
        let d = decode(bytes, None);
        assert!(d.text.contains("café – naïve"), "{}", d.text);
        assert!(
            d.notes.iter().any(|n| n.contains("windows-1252")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn declared_charset_and_lies() {
        let sjis = Encoding::for_label(b"shift_jis")
            .unwrap()
            .encode("東京の天気は晴れです。")
            .0;
        let d = decode(&sjis, Some("shift_jis"));
        assert_eq!(d.text, "東京の天気は晴れです。");
        let d = decode("naïve".as_bytes(), Some("iso-8859-1"));
        assert_eq!(d.text, "naïve");
    }

    #[test]
    fn bom_and_binary() {
        let d = decode(b"\xef\xbb\xbfhello", None);
        assert_eq!(d.text, "hello");
        assert!(is_binary(b"PK\x03\x04\x00\x00binary"));
        assert!(!is_binary(b"plain words\nand lines\n"));
        assert!(!is_binary(b"\xff\xfeh\x00i\x00"));
        assert_eq!(
            html_charset(b"<meta charset=\"EUC-KR\">").as_deref(),
            Some("euc-kr")
        );
        assert_eq!(
            html_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'>"
            )
            .as_deref(),
            Some("windows-1251")
        );
    }
}
