//! Text normalisation shared by duplicate detection and story similarity.
//!
//! A document's normal form is its words (maximal runs of alphanumeric characters),
//! lower-cased and joined by single spaces: punctuation and layout disappear, so two
//! copies that differ only in quotes, dashes or line breaks normalise identically.
//! It runs on every document, so ASCII bytes take a fast path and only other characters
//! are decoded.

/// Byte classes: separators, ASCII letters and digits, and the first byte of anything else.
const SEP: u8 = 0;
const ASCII_WORD: u8 = 1;
const OTHER: u8 = 2;

const CLASS: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            OTHER
        } else if c.is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            SEP
        };
        b += 1;
    }
    t
};

/// Writes the normal form of `text` into `buf` (cleared first; always valid UTF-8) and the
/// byte range of every word in `buf` into `words`.
pub(crate) fn normalize_into(text: &str, buf: &mut Vec<u8>, words: &mut Vec<(u32, u32)>) {
    buf.clear();
    words.clear();
    buf.reserve(text.len());
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, len) = match CLASS[bytes[i] as usize] {
            // Whole runs of ASCII letters and digits are copied at once.
            ASCII_WORD => (true, ascii_run(&bytes[i..])),
            SEP => (false, 1),
            _ => {
                let ch = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                (ch.is_alphanumeric(), ch.len_utf8())
            }
        };
        if alnum {
            if start.is_none() {
                if !buf.is_empty() {
                    buf.push(b' ');
                }
                start = Some(buf.len());
            }
            push_lower(buf, text, i, len);
        } else if let Some(s) = start.take() {
            words.push((s as u32, buf.len() as u32));
        }
        i += len;
    }
    if let Some(s) = start {
        words.push((s as u32, buf.len() as u32));
    }
}

fn ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| CLASS[b as usize] != ASCII_WORD)
        .unwrap_or(bytes.len())
}

fn push_lower(buf: &mut Vec<u8>, text: &str, i: usize, len: usize) {
    let Some(part) = text.get(i..i + len) else {
        return;
    };
    if part.is_ascii() {
        let from = buf.len();
        buf.extend_from_slice(part.as_bytes());
        buf[from..].make_ascii_lowercase();
        return;
    }
    let mut tmp = [0u8; 4];
    for ch in part.chars().flat_map(char::to_lowercase) {
        buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
    }
}

/// Reusable buffers for [`word_hashes`].
#[derive(Default)]
pub(crate) struct Scratch {
    buf: Vec<u8>,
    words: Vec<(u32, u32)>,
}

/// Pushes one 64-bit hash per word of the normal form of `text` onto `out` (cleared first).
/// Equal normal forms give equal sequences. Pure-ASCII text (most news wire) never builds
/// the normal form: words are found 64 bytes at a time with SWAR masks and hashed straight
/// from the input with case folded; other text goes through [`normalize_into`].
pub(crate) fn word_hashes(text: &str, out: &mut Vec<u64>, scratch: &mut Scratch) {
    out.clear();
    if !text.is_ascii() {
        normalize_into(text, &mut scratch.buf, &mut scratch.words);
        for &(s, e) in &scratch.words {
            out.push(hash_folded(&scratch.buf, s as usize, e as usize));
        }
        return;
    }
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    for (block_no, block) in bytes.chunks(64).enumerate() {
        let base = block_no * 64;
        let mask = alnum_mask(block);
        let carry = u64::from(start.is_some());
        let mut changes = mask ^ (mask << 1 | carry);
        while changes != 0 {
            let p = changes.trailing_zeros() as usize;
            changes &= changes - 1;
            match start.take() {
                None => start = Some(base + p),
                Some(s) => out.push(hash_folded(bytes, s, base + p)),
            }
        }
    }
    if let Some(s) = start {
        out.push(hash_folded(bytes, s, bytes.len()));
    }
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit `i` set when byte `i` of an ASCII block (at most 64 bytes) is a letter or digit.
fn alnum_mask(block: &[u8]) -> u64 {
    let mut mask = 0u64;
    let mut i = 0;
    while i < block.len() {
        let x = load8(block, i) & keep(block.len() - i);
        mask |= pack_high_bits(alnum8(x)) << i;
        i += 8;
    }
    mask
}

/// Eight bytes from `i` as a little-endian word, zero-padded past the end.
#[inline]
fn load8(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(b) => <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes),
        None => {
            let mut b = [0u8; 8];
            let rest = bytes.get(i..).unwrap_or_default();
            b[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(b)
        }
    }
}

/// A mask keeping the low `n` bytes of a word (all of them when `n >= 8`).
#[inline]
fn keep(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// High bit of each byte set when the byte is within `lo..=hi`; every byte must be < 0x80,
/// so the additions never carry into the next byte.
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let ge = v.wrapping_add(LOW * u64::from(0x80 - lo));
    let gt = v.wrapping_add(LOW * u64::from(0x7F - hi));
    ge & !gt & HIGH
}

fn alnum8(x: u64) -> u64 {
    in_range(x, b'0', b'9') | in_range(x | (LOW * 0x20), b'a', b'z')
}

/// Gathers the high bit of each byte into the low eight bits.
fn pack_high_bits(m: u64) -> u64 {
    (((m >> 7) & LOW).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// A fast hash of the word `bytes[s..e]` with ASCII case folded (`| 0x20`, which leaves
/// digits alone), eight bytes at a time.
#[inline]
fn hash_folded(bytes: &[u8], s: usize, e: usize) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = ((e - s) as u64).wrapping_mul(K);
    let mut i = s;
    while i < e {
        let m = keep(e - i);
        h = (h ^ ((load8(bytes, i) | (LOW * 0x20)) & m))
            .wrapping_mul(K)
            .rotate_left(29);
        i += 8;
    }
    // One multiply-xorshift finishes the mix: shingle hashes combine word hashes by
    // rotation alone, so every bit of a word hash must depend on the whole word.
    h = (h ^ h >> 32).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ h >> 29
}

/// The normal form of `text`: lower-case words joined by single spaces.
pub fn normalize(text: &str) -> String {
    let (mut buf, mut words) = (Vec::new(), Vec::new());
    normalize_into(text, &mut buf, &mut words);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The words of the normal form of `text`.
pub fn words(text: &str) -> Vec<String> {
    let (mut buf, mut words) = (Vec::new(), Vec::new());
    normalize_into(text, &mut buf, &mut words);
    words
        .iter()
        .map(|&(s, e)| String::from_utf8_lossy(&buf[s as usize..e as usize]).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_case_and_layout_vanish() {
        assert_eq!(
            normalize("  Hello,\n\tWORLD -- it's  2024!"),
            "hello world it s 2024"
        );
        assert_eq!(normalize("Ünïcode Straße—ÉTÉ"), "ünïcode straße été");
        assert_eq!(normalize("...!"), "");
    }

    fn hashes(t: &str) -> Vec<u64> {
        let mut v = Vec::new();
        word_hashes(t, &mut v, &mut Scratch::default());
        v
    }

    #[test]
    fn fast_and_slow_paths_agree() {
        let ascii = "Hello, WORLD -- 42 times; the quick-brown fox\njumps. ".repeat(7);
        let with_accent = format!("{ascii} é");
        let slow = hashes(&with_accent);
        assert_eq!(hashes(&ascii), slow[..slow.len() - 1]);
        assert_eq!(hashes(&ascii).len(), words(&ascii).len());
        assert_eq!(hashes("Ärger…über").len(), 2);
        assert_eq!(hashes("ABC def"), hashes("abc\tDEF!"));
        assert_ne!(hashes("alpha beta"), hashes("alpha bet"));
    }

    #[test]
    fn masks_match_the_byte_classes() {
        let block: Vec<u8> = (0u8..64).map(|i| i * 2).collect();
        let mask = alnum_mask(&block);
        for (i, &b) in block.iter().enumerate() {
            assert_eq!(mask >> i & 1 == 1, b.is_ascii_alphanumeric(), "byte {b:#x}");
        }
        let block: Vec<u8> = (64u8..128).collect();
        let mask = alnum_mask(&block);
        for (i, &b) in block.iter().enumerate() {
            assert_eq!(mask >> i & 1 == 1, b.is_ascii_alphanumeric(), "byte {b:#x}");
        }
    }

    #[test]
    fn word_list_matches_normal_form() {
        assert_eq!(words("A b, CDE"), ["a", "b", "cde"]);
        assert_eq!(words("Ärger…über"), ["ärger", "über"]);
    }
}
