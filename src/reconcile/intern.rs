//! Compact string storage for reconcile: an arena of strings addressed by `u32` ordinals, an
//! interner over it (names, mention texts, predicates: few distinct values however many rows), and
//! the sorted article ids (ordinal order is string order, so sorting ordinals sorts ids).

use crate::words::FxHasher;
use jiff::civil::Date;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Strings in one buffer, addressed by position.
#[derive(Default)]
pub struct Arena {
    text: String,
    ends: Vec<usize>,
}

impl Arena {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends `s`; `None` when the ordinal no longer fits a `u32`.
    fn push(&mut self, s: &str) -> Option<u32> {
        let id = u32::try_from(self.ends.len())
            .ok()
            .filter(|&id| id < u32::MAX)?;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        Some(id)
    }

    /// The string at `id` ("" when out of range).
    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end).unwrap_or("")
    }

    fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// A string's hash: Fx over its bytes, then mixed (the splitmix64 finalizer) so that the low bits
/// a hash table uses depend on every byte.
fn hash_of(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    let mut x = h.finish() ^ s.len() as u64;
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Keys that are already well-mixed hashes, used as they are.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const NONE: u32 = u32::MAX;

/// Distinct strings, each stored once; equal strings get equal ids.
#[derive(Default)]
pub struct Interner {
    arena: Arena,
    /// Hash → newest id with that hash; `next` chains older ids of the same hash.
    heads: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    next: Vec<u32>,
}

impl Interner {
    /// The id of `s`, adding it when new; `None` when there are more than `u32::MAX` strings.
    pub fn intern(&mut self, s: &str) -> Option<u32> {
        let h = hash_of(s);
        if let Some(id) = self.find_hashed(h, s) {
            return Some(id);
        }
        let id = self.arena.push(s)?;
        let prev = self.heads.insert(h, id).unwrap_or(NONE);
        self.next.push(prev);
        Some(id)
    }

    /// The id of `s` when it was interned.
    pub fn find(&self, s: &str) -> Option<u32> {
        self.find_hashed(hash_of(s), s)
    }

    fn find_hashed(&self, h: u64, s: &str) -> Option<u32> {
        let mut id = *self.heads.get(&h)?;
        while id != NONE {
            if self.arena.get(id) == s {
                return Some(id);
            }
            id = self.next.get(id as usize).copied().unwrap_or(NONE);
        }
        None
    }

    pub fn get(&self, id: u32) -> &str {
        self.arena.get(id)
    }

    pub fn len(&self) -> usize {
        self.arena.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arena.is_empty()
    }
}

/// Marks the ids a `Layered` interner gave out itself (the base's ids have it clear).
const OWN: u32 = 1 << 31;

/// An interner over a shared, read-only base: a string the base holds keeps the base's id, and
/// any other is stored here. Reconcile's two halves each intern their own texts (mention aliases
/// on one side; predicates, objects and statements on the other) over the names they share,
/// without a copy of the names and without a lock.
pub struct Layered<'a> {
    base: &'a Interner,
    own: Interner,
}

impl<'a> Layered<'a> {
    pub fn new(base: &'a Interner) -> Self {
        Self {
            base,
            own: Interner::default(),
        }
    }

    /// The id of `s`, adding it when neither the base nor this layer holds it; `None` when either
    /// side holds more strings than its half of the `u32` ids (the layer's last id would be
    /// `u32::MAX`, which callers use as "none", so a layer holds at most 2³¹ − 1 strings).
    pub fn intern(&mut self, s: &str) -> Option<u32> {
        if let Some(id) = self.base.find(s) {
            return (id < OWN).then_some(id);
        }
        self.own
            .intern(s)
            .filter(|&id| id < OWN - 1)
            .map(|id| id | OWN)
    }

    pub fn get(&self, id: u32) -> &str {
        if id & OWN == 0 {
            self.base.get(id)
        } else {
            self.own.get(id & !OWN)
        }
    }
}

/// Ordinals of articles, remembering the last one found (`Articles::lookup`).
pub struct Lookup<'a> {
    articles: &'a Articles,
    last: Option<u32>,
}

impl Lookup<'_> {
    /// The ordinal of article `id`.
    pub fn ordinal(&mut self, id: &str) -> Option<u32> {
        if let Some(last) = self.last
            && self.articles.id(last) == id
        {
            return Some(last);
        }
        let found = self.articles.ordinal(id);
        if found.is_some() {
            self.last = found;
        }
        found
    }
}

/// Collects article ids (in one buffer, not one allocation each) for `Articles`.
#[derive(Default)]
pub struct ArticlesBuilder {
    raw: Arena,
    dates: Vec<Date>,
}

impl ArticlesBuilder {
    /// Adds an article; `None` when there are more than `u32::MAX`.
    pub fn add(&mut self, id: &str, published: Date) -> Option<()> {
        self.raw.push(id)?;
        self.dates.push(published);
        Some(())
    }

    pub fn finish(self) -> Option<Articles> {
        Articles::from_arena(self.raw, self.dates)
    }
}

/// Article ids in string order with their publication dates; an article's ordinal is its rank.
#[derive(Default)]
pub struct Articles {
    ids: Arena,
    published: Vec<Date>,
    /// `prefix_key` of every `SAMPLE`-th id (ids 0, SAMPLE, 2 SAMPLE, …): a search narrows to a
    /// few blocks of `SAMPLE` ids by comparing numbers, then compares strings within them. A
    /// quarter of a byte an article.
    samples: Vec<u64>,
}

/// Ids per block of the sampled index.
const SAMPLE: usize = 32;

/// The first eight bytes of `s` as a big-endian number (zero-padded). Ids in byte order have
/// these in non-decreasing order, so comparing them narrows a search without reading the ids.
fn prefix_key(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

impl Articles {
    /// Builds the index from `(id, published)` pairs in any order; a repeated id keeps its first
    /// date. `None` when there are more than `u32::MAX` articles.
    pub fn build(pairs: impl IntoIterator<Item = (String, Date)>) -> Option<Self> {
        let mut raw = Arena::default();
        let mut dates = Vec::new();
        for (id, date) in pairs {
            raw.push(&id)?;
            dates.push(date);
        }
        Self::from_arena(raw, dates)
    }

    /// Builds the index from an arena of ids and their dates (parallel), in any order.
    fn from_arena(raw: Arena, dates: Vec<Date>) -> Option<Self> {
        let n = u32::try_from(raw.len()).ok()?;
        let mut order: Vec<u32> = (0..n).collect();
        // Stable: among equal ids the first stays first, and dedup keeps it.
        order.sort_by(|&a, &b| raw.get(a).cmp(raw.get(b)));
        let mut ids = Arena::default();
        let mut published = Vec::with_capacity(order.len());
        let mut last: Option<u32> = None;
        for i in order {
            if last.is_some_and(|l| raw.get(l) == raw.get(i)) {
                continue;
            }
            ids.push(raw.get(i))?;
            published.push(dates.get(i as usize).copied().unwrap_or_default());
            last = Some(i);
        }
        ids.shrink();
        published.shrink_to_fit();
        let samples = (0..ids.len())
            .step_by(SAMPLE)
            .map(|i| prefix_key(ids.get(i as u32)))
            .collect();
        Some(Self {
            ids,
            published,
            samples,
        })
    }

    /// A lookup of ordinals that remembers the last article found: rows come grouped by
    /// article, so most lookups compare one id instead of searching.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            articles: self,
            last: None,
        }
    }

    /// The ordinal of article `id`: the sampled keys give the blocks that could hold it, and
    /// the id is searched among their ids.
    pub fn ordinal(&self, id: &str) -> Option<u32> {
        let key = prefix_key(id);
        // Every block before `first` ends below the key (the next block starts at or below
        // it); every block from `last` on starts above it.
        let below = self.samples.partition_point(|&k| k < key);
        let first = below.saturating_sub(1);
        // Blocks starting at the key itself are few (ids sharing their first eight bytes).
        let last = below
            + self.samples[below..]
                .iter()
                .take_while(|&&k| k == key)
                .count();
        let (mut lo, mut hi) = (first * SAMPLE, (last * SAMPLE).min(self.ids.len()));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let mid32 = u32::try_from(mid).ok()?;
            match self.ids.get(mid32).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid32),
            }
        }
        None
    }

    pub fn id(&self, ordinal: u32) -> &str {
        self.ids.get(ordinal)
    }

    pub fn published(&self, ordinal: u32) -> Date {
        self.published
            .get(ordinal as usize)
            .copied()
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn equal_strings_share_an_id() {
        let mut i = Interner::default();
        let a = i.intern("Luna").unwrap();
        let b = i.intern("Chrissy").unwrap();
        assert_eq!(i.intern("Luna"), Some(a));
        assert_ne!(a, b);
        assert_eq!(i.get(b), "Chrissy");
        assert_eq!(i.find("none"), None);
    }

    #[test]
    fn a_layer_reuses_the_base_ids_and_keeps_its_own_strings_apart() {
        let mut base = Interner::default();
        let teigen = base.intern("Teigen").unwrap();
        let mut left = Layered::new(&base);
        let mut right = Layered::new(&base);
        // A string of the base keeps its id on every layer.
        assert_eq!(left.intern("Teigen"), Some(teigen));
        assert_eq!(right.intern("Teigen"), Some(teigen));
        // New strings get ids of their layer, equal for equal strings, readable back.
        let spouse = left.intern("spouse").unwrap();
        assert_ne!(spouse, teigen);
        assert_eq!(left.intern("spouse"), Some(spouse));
        assert_eq!(left.get(spouse), "spouse");
        assert_eq!(left.get(teigen), "Teigen");
        let model = right.intern("the model").unwrap();
        assert_eq!(right.get(model), "the model");
        // The base is untouched.
        assert_eq!(base.len(), 1);
    }

    #[test]
    fn article_ordinals_follow_string_order() {
        let d = date(2020, 1, 1);
        let a = Articles::build([("b".to_string(), d), ("a".into(), d), ("b".into(), d)]).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a.ordinal("a"), Some(0));
        assert_eq!(a.ordinal("b"), Some(1));
        assert_eq!(a.ordinal("c"), None);
        let mut lookup = a.lookup();
        let got: Vec<Option<u32>> = ["b", "b", "a", "c", "a", "b"]
            .into_iter()
            .map(|id| lookup.ordinal(id))
            .collect();
        assert_eq!(got, [Some(1), Some(1), Some(0), None, Some(0), Some(1)]);
        assert_eq!(a.id(1), "b");
    }

    #[test]
    fn every_article_is_found_by_its_id_across_the_sampled_blocks() {
        // Hash-like ids, ids sharing their first eight bytes (over several blocks), short ids
        // and ids that are prefixes of others.
        let mut ids: Vec<String> = (0..700u64)
            .map(|i| format!("{:016x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect();
        ids.extend((0..150).map(|i| format!("r000_000_{i:04}")));
        ids.extend(["", "a", "ab", "abc", "r000_000", "r000_000_"].map(String::from));
        let d = date(2020, 1, 1);
        let a = Articles::build(ids.iter().map(|id| (id.clone(), d))).unwrap();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(a.len(), sorted.len());
        for (rank, id) in sorted.iter().enumerate() {
            assert_eq!(a.ordinal(id), Some(rank as u32), "{id:?}");
        }
        for absent in ["0", "r000_000_0150", "r000_000_00", "zz", "abcd", "r000_00"] {
            assert_eq!(a.ordinal(absent), None, "{absent:?}");
        }
        assert_eq!(Articles::default().ordinal("a"), None);
    }
}
