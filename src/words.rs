//! Word lookups shared by the date and people stages: the Fx hash, name normalization, and closed
//! word lists keyed by lower-case text. Most words of a text are in no list, so a list keeps a bit set over the
//! (first byte, last byte, length) of its words, and a word whose signature is not in it is turned
//! away before any table is read.

use std::collections::{HashMap, HashSet};

/// The Fx hash (rustc's): small and fast, not for keys an adversary picks; word lists and article
/// vocabularies only.
pub use rustc_hash::FxHasher;
pub type FxBuild = rustc_hash::FxBuildHasher;
pub type FxSet<T> = HashSet<T, FxBuild>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// Lower-case letters and digits only: "O'Neal" and "ONeal" compare equal.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// `norm` of `s` into `out` (cleared first), so that a loop reuses one buffer.
pub fn norm_into(s: &str, out: &mut String) {
    out.clear();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // A plain word ("Smith"), the most common: copied whole and lower-cased in place.
        out.push_str(s);
        out.make_ascii_lowercase();
    } else if s.is_ascii() {
        out.extend(ascii_folded(s).map(char::from));
    } else {
        out.extend(folded(s));
    }
}

/// `norm(a) == norm(b)`, without building either string.
pub fn same_norm(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        ascii_folded(a).eq(ascii_folded(b))
    } else {
        folded(a).eq(folded(b))
    }
}

/// The chars of `norm(s)`: letters and digits, lower-cased.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// `folded` for ASCII text, a byte at a time.
fn ascii_folded(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// Typographic quotes, dashes and the ellipsis: the chars beyond ASCII that news text holds most,
/// none a letter, digit or white space. Asking for them first spares a Unicode table lookup.
#[inline]
pub fn is_typographic_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}'
    )
}

/// `char::is_alphabetic`, with typographic punctuation answered without a table lookup.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    !is_typographic_punctuation(c) && c.is_alphabetic()
}

/// `char::is_alphanumeric`, with typographic punctuation answered without a table lookup.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    !is_typographic_punctuation(c) && c.is_alphanumeric()
}

/// Bits of the signature set: 32 first bytes × 32 last bytes × 16 lengths.
const SIGNATURE_BITS: usize = 32 * 32 * 16;

/// A closed list of lower-case words with a value each, looked up by lower-case text. A word of up
/// to 16 bytes is found in an open-addressing table by its packed bytes (two 64-bit loads, no
/// hashing of the string and no byte comparison); longer words in a hash map.
pub struct WordMap<V> {
    words: Vec<&'static str>,
    values: Vec<V>,
    /// The packed key of each short word (`pack`), by word index; `None` for long words.
    keys: Vec<Option<Packed>>,
    /// Slot → word index + 1 (0: empty); its length is a power of two, at least four times the
    /// number of short words.
    slots: Vec<u32>,
    long: FxMap<&'static str, u32>,
    present: Box<[u64; SIGNATURE_BITS / 64]>,
}

/// A word of up to 16 bytes, packed: its length and bytes that together cover all of it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Packed {
    len: usize,
    lo: u64,
    hi: u64,
}

/// The packed form of a word of 1 to 16 bytes. With the length given, the packed bytes say
/// every byte: 8–16 bytes as the first and the last eight, 4–7 as the first and the last four,
/// 1–3 as the first, middle and last byte.
fn pack(b: &[u8]) -> Option<Packed> {
    let n = b.len();
    let u32_at = |i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let u64_at = |i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let (lo, hi) = match n {
        0 => return None,
        1..=3 => (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ),
        4..=7 => (u32_at(0) | u32_at(n - 4) << 32, 0),
        8..=16 => (u64_at(0), u64_at(n - 8)),
        _ => return None,
    };
    Some(Packed { len: n, lo, hi })
}

impl Packed {
    /// The table slot of the key: its words folded together, times an odd constant with well
    /// spread bits, whose high half is well mixed.
    fn slot(&self, mask: usize) -> usize {
        const MIX: u64 = 0x517c_c1b7_2722_0a95;
        let h = (self.lo ^ self.hi.rotate_left(29) ^ self.len as u64).wrapping_mul(MIX);
        (h >> 32) as usize & mask
    }
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
        let (words, values): (Vec<&'static str>, Vec<V>) = words.into_iter().unzip();
        let keys: Vec<Option<Packed>> = words.iter().map(|w| pack(w.as_bytes())).collect();
        let short = keys.iter().flatten().count();
        let mut slots = vec![0u32; (short * 4).next_power_of_two().max(8)];
        let mask = slots.len() - 1;
        let mut long = FxMap::default();
        for (i, (w, key)) in words.iter().zip(&keys).enumerate() {
            if let Some(s) = signature(w) {
                present[s / 64] |= 1 << (s % 64);
            }
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            match key {
                Some(k) => {
                    let mut slot = k.slot(mask);
                    while slots[slot] != 0 {
                        slot = (slot + 1) & mask;
                    }
                    slots[slot] = index.saturating_add(1);
                }
                None => {
                    long.insert(*w, index);
                }
            }
        }
        Self {
            words,
            values,
            keys,
            slots,
            long,
            present,
        }
    }

    /// The value of `lower`, a lower-case word.
    pub fn get(&self, lower: &str) -> Option<&V> {
        let i = signature(lower)?;
        if self.present[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
        let index = match pack(lower.as_bytes()) {
            Some(key) => {
                let mask = self.slots.len() - 1;
                let mut slot = key.slot(mask);
                loop {
                    let at = *self.slots.get(slot)?;
                    if at == 0 {
                        return None;
                    }
                    let index = at as usize - 1;
                    if self.keys.get(index).copied().flatten() == Some(key) {
                        break index;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            None => *self.long.get(lower)? as usize,
        };
        self.values.get(index)
    }

    /// The listed words and their values.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> + '_ {
        self.words.iter().copied().zip(&self.values)
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

/// The end of the run of ASCII letters starting at byte `i` of `bytes` (`i` itself when none),
/// read eight bytes at a time: a word's length costs no mispredicted branch per letter, as a
/// loop over its bytes does at the word's end.
#[inline]
pub fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const EACH: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = bytes.get(i..i.saturating_add(8)) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let v = u64::from_le_bytes(eight);
        // Each byte's 7 low bits with the case bit set: letters are then 'a'..='z'. Adding 0x1f
        // to a 7-bit value reaches 0x80 from 'a' (0x61) up, adding 0x05 from '{' (0x7b) up, and
        // neither carries into the next byte.
        let lowered = (v | (0x20 * EACH)) & LOW7;
        let from_a = lowered + 0x1f * EACH;
        let past_z = lowered + 0x05 * EACH;
        let letters = from_a & !past_z & !v & HIGH;
        let others = !letters & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ascii_letters_end` by the definition: one byte at a time.
    fn letters_end_bytewise(bytes: &[u8], mut i: usize) -> usize {
        while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        i
    }

    #[test]
    fn a_run_of_letters_ends_where_a_byte_by_byte_scan_ends_it() {
        // Every byte value after runs of every length up to 20, from every start.
        for len in 0..=20 {
            for stop in 0..=255u8 {
                let mut text: Vec<u8> = (0..len).map(|k| b"aZqMz"[k % 5]).collect();
                text.push(stop);
                text.extend_from_slice(b"abcdefghij");
                for start in 0..text.len() {
                    assert_eq!(
                        ascii_letters_end(&text, start),
                        letters_end_bytewise(&text, start),
                        "{text:?} from {start}"
                    );
                }
            }
        }
        assert_eq!(ascii_letters_end(b"", 0), 0);
        assert_eq!(ascii_letters_end(b"abc", 3), 3);
        assert_eq!(ascii_letters_end(b"abc", 9), 9);
    }

    proptest::proptest! {
        #[test]
        fn a_run_of_letters_ends_as_bytewise_in_any_text(
            text in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            start in 0usize..70,
        ) {
            proptest::prop_assert_eq!(
                ascii_letters_end(&text, start),
                letters_end_bytewise(&text, start)
            );
        }
    }

    #[test]
    fn typographic_punctuation_is_no_letter_digit_or_space() {
        for c in [
            '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2013}', '\u{2014}', '\u{2026}',
        ] {
            assert!(is_typographic_punctuation(c));
            assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c}");
        }
        for c in ['a', 'É', 'ß', '7', '٣', ' ', '\u{a0}', '-', '\'', '"', 'ⁱ'] {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c}");
        }
    }

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
    fn a_word_map_tells_apart_words_that_share_their_packed_bytes() {
        // Words of every length up to 17, and pairs that agree on the bytes a shorter packing
        // reads: the lengths keep them apart.
        let words: Vec<&'static str> = vec![
            "a",
            "aa",
            "aaa",
            "aba",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghabcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "x",
            "xyz",
            "xaz",
        ];
        let map: WordMap<usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&i), "{w}");
        }
        for w in [
            "ab",
            "abca",
            "abcdx",
            "abcdefgx",
            "abcdefgha",
            "abcdefghabcdefgha",
            "abcdefghabcdefg",
            "xbz",
            "xyzz",
            "",
            "abcdefghijklmnopqr",
        ] {
            assert_eq!(map.get(w), None, "{w}");
        }
        assert_eq!(map.iter().count(), words.len());
    }

    #[test]
    fn a_word_map_keeps_the_last_value_of_a_word_listed_twice() {
        let map = WordMap::new([("may", 0), ("june", 6), ("may", 5)]);
        assert_eq!(map.get("may"), Some(&5));
        assert_eq!(map.get("june"), Some(&6));
        assert_eq!(map.get("july"), None);
        assert_eq!(map.iter().count(), 2);
    }

    /// The definition `norm` follows: letters and digits, lower-cased by Unicode's rules, with
    /// no fast path.
    fn norm_by_definition(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn names_normalize_to_lower_case_letters_and_digits() {
        assert_eq!(norm("O'Neal"), "oneal");
        assert_eq!(norm("Smith"), "smith");
        assert_eq!(norm("R2D2"), "r2d2");
        assert_eq!(norm(""), "");
        assert_eq!(norm("Jean-Luc II"), "jeanlucii");
        assert_eq!(norm("ÉMILE"), "émile");
        let mut buffer = String::from("left over");
        norm_into("D'Andre", &mut buffer);
        assert_eq!(buffer, "dandre");
    }

    #[test]
    fn names_that_differ_only_in_case_and_punctuation_have_the_same_norm() {
        assert!(same_norm("O'Neal", "ONEAL"));
        assert!(same_norm("Jean-Luc", "jean luc"));
        assert!(same_norm("Émile", "ÉMILE"));
        assert!(!same_norm("Oneal", "O'Neil"));
        assert!(!same_norm("Ann", "Anna"));
        assert!(!same_norm("Zoë", "Zoe"));
        assert!(same_norm("", "'-."));
    }

    proptest::proptest! {
        #[test]
        fn norm_agrees_with_its_definition_on_any_text(s in "\\PC{0,12}") {
            proptest::prop_assert_eq!(norm(&s), norm_by_definition(&s));
        }

        #[test]
        fn two_texts_have_the_same_norm_exactly_when_their_norms_are_equal(
            a in "[a-zA-Z' .-]{0,8}|\\PC{0,8}",
            b in "[a-zA-Z' .-]{0,8}|\\PC{0,8}",
        ) {
            proptest::prop_assert_eq!(same_norm(&a, &b), norm(&a) == norm(&b));
            // A text has the norm of its ASCII upper-case form with punctuation added.
            let punctuated = format!("{}'-", a.to_ascii_uppercase());
            proptest::prop_assert!(same_norm(&a, &punctuated));
        }
    }
}
