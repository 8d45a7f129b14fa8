//! Word lookups shared by the date and people stages: the Fx hash, and closed word lists keyed by
//! lower-case text. Most words of a text are in no list, so a list keeps a bit set over the
//! (first byte, last byte, length) of its words, and a word whose signature is not in it is turned
//! away before it is hashed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher for word lookups (the Firefox/rustc "Fx" hash).
#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxSet<T> = HashSet<T, FxBuild>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// Bits of the signature set: 32 first bytes × 32 last bytes × 16 lengths.
const SIGNATURE_BITS: usize = 32 * 32 * 16;

/// A closed list of lower-case words with a value each, looked up by lower-case text.
pub struct WordMap<V> {
    words: FxMap<&'static str, V>,
    present: Box<[u64; SIGNATURE_BITS / 64]>,
}

impl<V> WordMap<V> {
    /// The list of `(word, value)` pairs; a word listed twice keeps its last value, as when
    /// collecting into a map.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        Self::from_map(entries.into_iter().collect())
    }

    /// The words of `words` with their values.
    pub fn from_map(words: FxMap<&'static str, V>) -> Self {
        let mut present = Box::new([0u64; SIGNATURE_BITS / 64]);
        for w in words.keys() {
            if let Some(i) = signature(w) {
                present[i / 64] |= 1 << (i % 64);
            }
        }
        Self { words, present }
    }

    /// The value of `lower`, a lower-case word.
    pub fn get(&self, lower: &str) -> Option<&V> {
        let i = signature(lower)?;
        if self.present[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
        self.words.get(lower)
    }

    /// The listed words and their values.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> + '_ {
        self.words.iter().map(|(w, v)| (*w, v))
    }
}

impl<V> FromIterator<(&'static str, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (&'static str, V)>>(entries: I) -> Self {
        WordMap::new(entries)
    }
}

/// A closed list of lower-case words.
pub struct WordSet(WordMap<()>);

impl WordSet {
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        WordSet(WordMap::new(words.into_iter().map(|w| (w, ()))))
    }

    /// Whether `lower`, a lower-case word, is listed.
    pub fn contains(&self, lower: &str) -> bool {
        self.0.get(lower).is_some()
    }

    /// The listed words.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(w, _)| w)
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        WordSet::new(words)
    }
}

/// Index of a word's (first byte, last byte, length mod 16) in the signature set; `None` for
/// the empty word, which no list holds.
fn signature(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let (first, last) = (*b.first()?, *b.last()?);
    Some(usize::from(first & 31) << 9 | usize::from(last & 31) << 4 | (b.len() & 15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_list_finds_exactly_its_words() {
        let set: WordSet = ["the", "police", "county", "a"].into_iter().collect();
        for w in ["the", "police", "county", "a"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["", "th", "thee", "polices", "countz", "b", "smith", "The"] {
            assert!(!set.contains(w), "{w}");
        }
    }

    #[test]
    fn a_word_map_keeps_the_last_value_of_a_word_listed_twice() {
        let map = WordMap::new([("may", 0), ("june", 6), ("may", 5)]);
        assert_eq!(map.get("may"), Some(&5));
        assert_eq!(map.get("june"), Some(&6));
        assert_eq!(map.get("july"), None);
        assert_eq!(map.iter().count(), 2);
    }
}
