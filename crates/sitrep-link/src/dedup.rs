//! Exact and near-duplicate documents in one pass with bounded memory.
//!
//! Data layout:
//! - every document gets an exact key, the xxh3 of the word hashes of its normal form (see
//!   [`crate::normalize`]), which stand for its text; a map from key to the first document with that text finds
//!   exact copies;
//! - near copies are found with a MinHash signature of [`SIG_LEN`] values over 5-word
//!   shingles. Words are hashed once, straight from the input, and a shingle's hash mixes
//!   its five word hashes. The signature is computed by one-permutation hashing: one hash
//!   per shingle, whose top 7 bits choose a bin and whose remaining bits compete for that bin's minimum;
//!   empty bins (short documents) borrow from a bin chosen by a fixed probe sequence
//!   ("optimal densification", Shrivastava 2017), so equal bins still estimate Jaccard;
//! - locality-sensitive hashing: the signature is cut into bands; each band key maps to the
//!   earliest indexed document that had it, so only documents sharing a band are compared;
//! - candidates are confirmed when the fraction of equal signature values (the Jaccard
//!   estimate) reaches the configured threshold.
//!
//! Memory: per remembered document the detector keeps its id, its exact key, a 16-bit
//! truncated signature (256 bytes) and at most one 8-byte slot per band in an
//! open-addressing table (about 1 KB in all). Everything lives in two generations of
//! `window / 2` documents each; when the newer one fills up the older one is dropped, so
//! memory is bounded by the window while syndicated copies, which arrive close together,
//! are still found.

use crate::{Duplicate, DuplicateKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// Number of values in a MinHash signature.
pub const SIG_LEN: usize = 128;
const BIN_SHIFT: u32 = 64 - 7;
const VALUE_MASK: u64 = (1 << BIN_SHIFT) - 1;
const EMPTY: u64 = u64::MAX;
/// Words per shingle.
pub const SHINGLE: usize = 5;

/// Tuning of a [`Dedup`].
#[derive(Clone, Debug)]
pub struct DedupConfig {
    /// Minimum estimated Jaccard similarity of shingle sets for a near duplicate.
    pub threshold: f32,
    /// Number of LSH bands; `bands * rows` must not exceed [`SIG_LEN`].
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
    /// How many recent documents the index remembers (between `window / 2` and `window`);
    /// memory is about 1 KB per remembered document. Copies of older documents are missed.
    pub window: usize,
    /// Documents with fewer words are never reported as near duplicates (exact copies
    /// still are): short texts share shingles by chance.
    pub min_words: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        // 32 bands of 3 rows: a pair at Jaccard 0.5 becomes a candidate with probability
        // 1 - (1 - 0.5^3)^32 = 0.986, one at 0.2 with probability 0.23 (then rejected by
        // the full estimate). Every band costs a cache miss per document.
        DedupConfig {
            threshold: 0.5,
            bands: 32,
            rows: 3,
            window: 1_000_000,
            min_words: 8,
        }
    }
}

/// A document's fingerprint: exact key plus MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// xxh3 of the normal form.
    pub exact: u64,
    /// Number of words in the normal form.
    pub words: usize,
    /// MinHash values, one per bin (full precision; the index keeps 16 bits of each).
    pub mins: Vec<u64>,
}

impl Signature {
    /// Estimated Jaccard similarity of the two documents' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / SIG_LEN as f32
    }

    fn compact(&self) -> impl Iterator<Item = u16> + '_ {
        // The low bits of a bin minimum are uniform, its high bits mostly zero.
        self.mins.iter().map(|&m| m as u16)
    }
}

/// Reusable buffers for computing signatures without allocating per document.
#[derive(Default)]
pub struct Signer {
    words: Vec<u64>,
    scratch: crate::normalize::Scratch,
    raw: Vec<u8>,
}

impl Signer {
    /// Computes the signature of `text`; `None` when it has no word at all.
    pub fn sign(&mut self, text: &str) -> Option<Signature> {
        crate::normalize::word_hashes(text, &mut self.words, &mut self.scratch);
        let n = self.words.len();
        if n == 0 {
            return None;
        }
        // The word-hash sequence stands for the normal form, so its xxh3 is the exact key.
        self.raw.clear();
        for w in &self.words {
            self.raw.extend_from_slice(&w.to_le_bytes());
        }
        let exact = xxh3_64(&self.raw);
        let mut mins = vec![EMPTY; SIG_LEN];
        let mut keep_min = |h: u64| {
            let bin = (h >> BIN_SHIFT) as usize;
            mins[bin] = mins[bin].min(h & VALUE_MASK);
        };
        if n < SHINGLE {
            keep_min(shingle_hash(&self.words));
        } else {
            // Fixed-size windows let the compiler unroll the mix.
            for shingle in self.words.windows(SHINGLE) {
                if let Ok(shingle) = <&[u64; SHINGLE]>::try_from(shingle) {
                    keep_min(shingle_hash(shingle));
                }
            }
        }
        densify(&mut mins);
        Some(Signature {
            exact,
            words: n,
            mins,
        })
    }
}

/// Order-sensitive mix of a shingle's word hashes. Word hashes are already well mixed, so
/// each word is rotated by its position and the results xored (no multiply per word); one
/// multiply-xorshift then spreads the bits for the bin number in the top bits.
#[inline]
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = 0u64;
    for (i, &w) in words.iter().enumerate() {
        h ^= w.rotate_left(13 * i as u32);
    }
    fmix(h)
}

/// One multiply-xorshift round: spreads bits that rotations and xors only moved around.
#[inline]
fn fmix(h: u64) -> u64 {
    let h = (h ^ h >> 31).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ h >> 29
}

/// Fills empty bins from the first non-empty bin of a probe sequence that depends only on
/// the bin number, so two documents fill the same bin the same way.
fn densify(mins: &mut [u64]) {
    if !mins.contains(&EMPTY) {
        return;
    }
    let full: Vec<u64> = mins.to_vec();
    for (i, slot) in mins.iter_mut().enumerate() {
        if *slot != EMPTY {
            continue;
        }
        for attempt in 1u64.. {
            let j = (splitmix((i as u64) << 32 | attempt) % SIG_LEN as u64) as usize;
            if full[j] != EMPTY {
                *slot = full[j];
                break;
            }
        }
    }
}

/// A cheap 64-bit mixer (splitmix64's finaliser).
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Hasher for keys that already are hashes.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<PassThrough>>;

/// Band key → earliest document, as one open-addressing array of `tag << 32 | seq` words,
/// so a probe costs one cache miss (a general hash map touches a control array and a
/// bucket array). A key is known by a 32-bit tag: a rare tag collision only adds a
/// candidate, which the signature comparison then rejects.
#[derive(Default)]
struct BandTable {
    slots: Vec<u64>,
    len: usize,
}

impl BandTable {
    fn tag(key: u64) -> u64 {
        // Never 0, which marks an empty slot.
        (key >> 32) | 1
    }

    fn home(&self, tag: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (tag.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Loads `key`'s home slot and returns it, for [`Dedup::probe_and_index`] to touch every
    /// band's slot before probing: the probes are independent cache misses in a table much
    /// larger than the cache, and loads whose results nothing waits for overlap, where the
    /// probe loop's branches would serialise them.
    fn touch(&self, key: u64) -> u64 {
        match self.slots.is_empty() {
            true => 0,
            false => self.slots[self.home(Self::tag(key))],
        }
    }

    /// The slot holding `tag`, or the empty slot where it would go (linear probing). The
    /// table is never full, so the probe ends.
    fn probe(&self, tag: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        while self.slots[i] != 0 && self.slots[i] >> 32 != tag {
            i = (i + 1) & mask;
        }
        i
    }

    fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.probe(Self::tag(key))];
        (slot != 0).then_some(slot as u32)
    }

    /// The document stored under `key`, after storing `seq` there when it was absent.
    fn get_or_insert(&mut self, key: u64, seq: u32) -> u32 {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let tag = Self::tag(key);
        let i = self.probe(tag);
        if self.slots[i] == 0 {
            self.slots[i] = tag << 32 | u64::from(seq);
            self.len += 1;
        }
        self.slots[i] as u32
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        // Tags are unique, so the probe for each one ends on an empty slot.
        for slot in old.into_iter().filter(|&s| s != 0) {
            let i = self.probe(slot >> 32);
            self.slots[i] = slot;
        }
    }
}

/// One generation of the index: everything known about `window / 2` consecutive documents.
#[derive(Default)]
struct Generation {
    /// Sequence number of the generation's first document.
    first: u32,
    /// The ids back to back (one allocation for all of them, not one per document).
    id_text: String,
    /// End of each document's id in `id_text`, in sequence order.
    id_ends: Vec<usize>,
    /// Exact key → first document with it.
    exact: KeyMap,
    /// Band key → sequence number of the earliest document with it.
    bands: BandTable,
    /// Compact signatures, [`SIG_LEN`] per document, for documents that are not exact copies.
    sigs: Vec<u16>,
    /// Sequence numbers of the documents in `sigs`.
    seqs: Vec<u32>,
}

impl Generation {
    fn starting_at(first: u32) -> Generation {
        Generation {
            first,
            ..Generation::default()
        }
    }

    fn sig(&self, seq: u32) -> Option<&[u16]> {
        let i = self.seqs.binary_search(&seq).ok()?;
        self.sigs.get(i * SIG_LEN..(i + 1) * SIG_LEN)
    }

    fn id(&self, seq: u32) -> Option<&str> {
        let i = seq.checked_sub(self.first)? as usize;
        let end = *self.id_ends.get(i)?;
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] };
        self.id_text.get(start..end)
    }

    fn push_id(&mut self, id: &str) {
        self.id_text.push_str(id);
        self.id_ends.push(self.id_text.len());
    }
}

/// Incremental duplicate detector: feed documents in arrival order.
pub struct Dedup {
    config: DedupConfig,
    signer: Signer,
    added: u32,
    current: Generation,
    previous: Generation,
    band_keys: Vec<u64>,
    compact: Vec<u16>,
    candidates: Vec<u32>,
}

impl Default for Dedup {
    fn default() -> Self {
        Dedup::with_config(DedupConfig::default())
    }
}

impl Dedup {
    /// An empty detector with the default configuration.
    pub fn new() -> Dedup {
        Dedup::default()
    }

    /// An empty detector with the given tuning; band settings that do not fit the
    /// signature are clamped.
    pub fn with_config(mut config: DedupConfig) -> Dedup {
        config.rows = config.rows.clamp(1, SIG_LEN);
        config.bands = config.bands.clamp(1, SIG_LEN / config.rows);
        config.window = config.window.max(2);
        Dedup {
            config,
            signer: Signer::default(),
            added: 0,
            current: Generation::default(),
            previous: Generation::default(),
            band_keys: Vec::new(),
            compact: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// The signature of one text, as [`Dedup::add`] computes it.
    pub fn signature(text: &str) -> Option<Signature> {
        Signer::default().sign(text)
    }

    /// Number of documents added (with a non-empty body).
    pub fn len(&self) -> usize {
        self.added as usize
    }

    /// True before any non-empty document was added.
    pub fn is_empty(&self) -> bool {
        self.added == 0
    }

    /// Adds one document body; returns the earlier document it duplicates, if any.
    /// Bodies without any word are ignored: empty texts are not copies of each other.
    pub fn add(&mut self, id: &str, text: &str) -> Option<Duplicate> {
        let sig = self.signer.sign(text)?;
        self.add_signature(id, &sig)
    }

    /// Adds a document whose signature was computed elsewhere (e.g. on another thread).
    pub fn add_signature(&mut self, id: &str, sig: &Signature) -> Option<Duplicate> {
        let seq = self.added;
        self.added += 1;
        if self.current.id_ends.len() >= self.config.window / 2 {
            self.previous = std::mem::replace(&mut self.current, Generation::starting_at(seq));
        }
        self.current.push_id(id);
        let earlier = self.previous.exact.get(&sig.exact).copied();
        let first = earlier.unwrap_or_else(|| *self.current.exact.entry(sig.exact).or_insert(seq));
        if first != seq {
            return Some(self.duplicate(seq, first, DuplicateKind::Exact, 1.0));
        }
        self.fill_band_keys(sig);
        self.probe_and_index(seq);
        let mut compact = std::mem::take(&mut self.compact);
        compact.clear();
        compact.extend(sig.compact());
        let near = if sig.words >= self.config.min_words {
            self.best_candidate(&compact)
        } else {
            None
        };
        self.current.seqs.push(seq);
        self.current.sigs.extend_from_slice(&compact);
        self.compact = compact;
        near.map(|(of, sim)| self.duplicate(seq, of, DuplicateKind::Near, sim))
    }

    fn duplicate(&self, seq: u32, of: u32, kind: DuplicateKind, similarity: f32) -> Duplicate {
        let name = |s: u32| {
            let id = self.current.id(s).or_else(|| self.previous.id(s));
            id.unwrap_or_default().to_string()
        };
        Duplicate {
            doc: name(seq),
            of: name(of),
            kind,
            similarity,
        }
    }

    fn fill_band_keys(&mut self, sig: &Signature) {
        self.band_keys.clear();
        let rows = self.config.rows;
        for b in 0..self.config.bands {
            // The values are already hash bits: rotate them apart, salt with the band
            // number and mix once, rather than a full mixer per value.
            let mut k = (b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            for (i, &v) in sig.mins[b * rows..(b + 1) * rows].iter().enumerate() {
                k ^= v.rotate_left(19 * i as u32 + 7);
            }
            self.band_keys.push(fmix(k));
        }
    }

    /// Probes every band once: records candidates and indexes the new document's band keys
    /// (keeping the earliest document per key).
    fn probe_and_index(&mut self, seq: u32) {
        self.candidates.clear();
        let look_back = !self.previous.bands.is_empty();
        let mut touched = 0u64;
        for &k in &self.band_keys {
            if look_back {
                touched ^= self.previous.bands.touch(k);
            }
            touched ^= self.current.bands.touch(k);
        }
        std::hint::black_box(touched);
        for &k in &self.band_keys {
            if look_back {
                if let Some(old) = self.previous.bands.get(k) {
                    self.candidates.push(old);
                    continue;
                }
            }
            let first = self.current.bands.get_or_insert(k, seq);
            if first != seq {
                self.candidates.push(first);
            }
        }
        self.candidates.sort_unstable();
        self.candidates.dedup();
    }

    /// The candidate most similar to `compact`, when similar enough.
    fn best_candidate(&self, compact: &[u16]) -> Option<(u32, f32)> {
        let mut best: Option<(u32, f32)> = None;
        for &seq in &self.candidates {
            let Some(other) = self.current.sig(seq).or_else(|| self.previous.sig(seq)) else {
                continue;
            };
            let same = compact.iter().zip(other).filter(|(a, b)| a == b).count();
            let sim = same as f32 / SIG_LEN as f32;
            if sim >= self.config.threshold && best.is_none_or(|(_, s)| sim > s) {
                best = Some((seq, sim));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Officials in the harbour town said on Monday that the new ferry \
        line would start running in the spring, linking the islands to the mainland twice a \
        day. The council expects about four hundred passengers a day in the first year and \
        has set aside money for a second boat. Fishermen worry that the larger wake will \
        damage their nets near the pier, and asked for a lower speed limit inside the bay.";

    #[test]
    fn exact_copy_ignores_case_punctuation_and_layout() {
        let mut d = Dedup::new();
        assert_eq!(d.add("a", STORY), None);
        let copy = STORY.to_uppercase().replace(", ", " ,\n ");
        let dup = d.add("b", &copy).unwrap();
        assert_eq!((dup.of.as_str(), dup.kind), ("a", DuplicateKind::Exact));
    }

    #[test]
    fn syndicated_copy_with_other_boilerplate_is_near() {
        let mut d = Dedup::new();
        d.add("wire", STORY);
        let copy = format!(
            "Island Gazette - Local news you can trust\n{}\nSubscribe to our newsletter for more stories like this one.",
            STORY.replace("twice a day", "two times daily")
        );
        let dup = d.add("gazette", &copy).unwrap();
        assert_eq!(dup.kind, DuplicateKind::Near);
        assert_eq!(dup.of, "wire");
        assert!(dup.similarity >= 0.5, "{}", dup.similarity);
    }

    #[test]
    fn different_article_is_not_a_duplicate() {
        let mut d = Dedup::new();
        d.add("a", STORY);
        let other = "The national orchestra announced a winter tour of six cities, opening \
            with a concert in the capital and closing at the old opera house. Tickets go on \
            sale next week, the director told reporters after a rehearsal on Thursday.";
        assert_eq!(d.add("b", other), None);
    }

    #[test]
    fn band_table_keeps_the_first_document_per_key_across_growth() {
        let mut t = BandTable::default();
        assert_eq!(t.get(7), None);
        for i in 0..5000u32 {
            assert_eq!(t.get_or_insert(splitmix(u64::from(i)), i), i);
        }
        for i in 0..5000u32 {
            assert_eq!(t.get_or_insert(splitmix(u64::from(i)), 99_999), i);
            assert_eq!(t.get(splitmix(u64::from(i))), Some(i));
        }
        assert_eq!(t.len, 5000);
        assert!(!t.is_empty());
    }

    #[test]
    fn shingle_hash_depends_on_word_order() {
        let w: Vec<u64> = (1..=6).map(splitmix).collect();
        let swapped = [w[1], w[0], w[2], w[3], w[4]];
        assert_ne!(shingle_hash(&w[..5]), shingle_hash(&swapped));
        assert_ne!(shingle_hash(&w[..5]), shingle_hash(&w[1..6]));
        // A repeated word does not cancel itself out.
        assert_ne!(shingle_hash(&[w[0]; 5]), shingle_hash(&[w[1]; 5]));
        assert_ne!(shingle_hash(&[w[0]; 5]), 0);
    }

    #[test]
    fn empty_bodies_are_ignored() {
        let mut d = Dedup::new();
        assert_eq!(d.add("a", ""), None);
        assert_eq!(d.add("b", " ... "), None);
        assert!(d.is_empty());
    }

    #[test]
    fn similarity_estimates_jaccard() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let a = words[..300].join(" ");
        let b = words[100..].join(" ");
        // 296 and 296 shingles, 196 shared: Jaccard 196 / 396 ≈ 0.49.
        let sim = Dedup::signature(&a)
            .unwrap()
            .similarity(&Dedup::signature(&b).unwrap());
        assert!((sim - 0.49).abs() < 0.12, "{sim}");
    }

    #[test]
    fn window_forgets_old_documents() {
        let mut d = Dedup::with_config(DedupConfig {
            window: 4,
            ..DedupConfig::default()
        });
        d.add("first", STORY);
        for i in 0..6 {
            d.add(
                &format!("filler{i}"),
                &format!("unrelated filler text number {i} about nothing in particular at all"),
            );
        }
        let near = format!("{STORY} Extra closing line added by an editor.");
        assert_eq!(d.add("late", &near), None);
        // "first" is forgotten, so the same text is only a near copy of "late".
        let dup = d.add("again", STORY).unwrap();
        assert_eq!((dup.of.as_str(), dup.kind), ("late", DuplicateKind::Near));
        let dup = d.add("again and again", STORY).unwrap();
        assert_eq!((dup.of.as_str(), dup.kind), ("again", DuplicateKind::Exact));
        assert_eq!(d.len(), 10);
    }
}
