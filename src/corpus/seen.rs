//! The content hashes a run has seen, for spotting duplicate articles: exact (every key is kept
//! whole) and compact, since a run holds one key per article for its whole extraction.
//!
//! Keys arrive a batch at a time (a chunk of articles, in input order). The newest sit in a small
//! hash set; when it fills they move to the older keys, which are kept one of two ways:
//! - in memory, for a small corpus: one sorted vector reserved up front at the expected count so
//!   that it never moves (the reserved part it has not reached yet takes no memory), the newest
//!   merged into it in place; about 16 bytes a key;
//! - on disk, for a large one: an unnamed file in the staging folder, with a Bloom filter over
//!   its keys in memory (3 to 6 bytes a key). The filter clears nearly every new key at once; the
//!   few it cannot clear (a duplicate, or about one new key in 100,000) are looked up in one pass
//!   over the file for the whole batch.

use super::SPILL_FROM;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Keys held in the hash set before they move to the older keys.
const RECENT: usize = 1 << 14;

/// Bloom filter bits per expected key, and probes per key: about one false "maybe" in 100,000
/// at the expected count.
const FILTER_BITS_PER_KEY: usize = 24;
const PROBES: u64 = 16;

/// Bytes of a key in the file (little-endian).
const KEY_BYTES: usize = 16;

/// Bytes read from the file at a time when looking keys up.
const READ_BYTES: usize = 1 << 16;

/// A set of bits that answers "certainly not added" or "maybe added" for a key. Keys are hashes
/// already: the probe positions come from their two halves (double hashing).
#[derive(Debug)]
struct Bloom {
    words: Vec<u64>,
    /// Bit count minus one (the count is a power of two).
    mask: u64,
    /// The keys it was sized for: beyond them it clears fewer and fewer.
    capacity: usize,
}

impl Bloom {
    fn for_keys(expected: usize) -> Self {
        let capacity = expected.clamp(1, 1 << 32);
        let bits = capacity
            .saturating_mul(FILTER_BITS_PER_KEY)
            .next_power_of_two()
            .max(1 << 12);
        Self {
            words: vec![0; bits / 64],
            mask: bits as u64 - 1,
            capacity,
        }
    }

    fn probes(&self, key: u128) -> impl Iterator<Item = u64> + use<> {
        let (low, high) = (key as u64, (key >> 64) as u64 | 1);
        let mask = self.mask;
        (0..PROBES).map(move |i| low.wrapping_add(high.wrapping_mul(i)) & mask)
    }

    fn add(&mut self, key: u128) {
        for bit in self.probes(key) {
            self.words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }

    fn may_contain(&self, key: u128) -> bool {
        self.probes(key)
            .all(|bit| self.words[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
    }
}

#[derive(Debug)]
enum Older {
    /// Ascending.
    Memory(Vec<u128>),
    /// In the order they moved there; `filter` holds every one of them.
    File {
        file: File,
        keys: u64,
        filter: Bloom,
    },
}

#[derive(Debug)]
pub struct SeenHashes {
    older: Older,
    /// The newest keys, none of them among the older.
    recent: HashSet<u128>,
}

impl SeenHashes {
    /// An empty set in memory with room for `expected` keys (more can be added).
    pub fn with_expected(expected: usize) -> Self {
        Self {
            older: Older::Memory(Vec::with_capacity(expected)),
            recent: HashSet::with_capacity(RECENT),
        }
    }

    /// An empty set whose older keys go to an unnamed file in `dir` when `expected` keys are
    /// enough to make that worth it (in memory otherwise, as [`SeenHashes::with_expected`]).
    pub fn spilled_to(dir: &Path, expected: usize) -> io::Result<Self> {
        if expected < SPILL_FROM {
            return Ok(Self::with_expected(expected));
        }
        Ok(Self {
            older: Older::File {
                file: tempfile::tempfile_in(dir)?,
                keys: 0,
                filter: Bloom::for_keys(expected),
            },
            recent: HashSet::with_capacity(RECENT),
        })
    }

    pub fn len(&self) -> usize {
        let older = match &self.older {
            Older::Memory(sorted) => sorted.len(),
            Older::File { keys, .. } => *keys as usize,
        };
        older + self.recent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `keys` in order; for each, whether it was new (false when an older key or an earlier
    /// one of the batch equals it). An error is the staging folder's (the file of older keys).
    pub fn insert_all(&mut self, keys: &[u128]) -> io::Result<Vec<bool>> {
        // The older keys of the file this batch has: found in one pass, for the keys the filter
        // cannot clear.
        let mut in_file: Vec<u128> = Vec::new();
        if let Older::File {
            file,
            keys: n,
            filter,
        } = &mut self.older
        {
            let mut doubtful: Vec<u128> = keys
                .iter()
                .copied()
                .filter(|k| !self.recent.contains(k) && filter.may_contain(*k))
                .collect();
            if !doubtful.is_empty() {
                doubtful.sort_unstable();
                doubtful.dedup();
                in_file = find_in_file(file, *n, &doubtful)?;
            }
        }
        let new: Vec<bool> = keys
            .iter()
            .map(|&k| {
                let older = match &self.older {
                    Older::Memory(sorted) => sorted.binary_search(&k).is_ok(),
                    Older::File { .. } => in_file.binary_search(&k).is_ok(),
                };
                !older && self.recent.insert(k)
            })
            .collect();
        if self.recent.len() >= RECENT {
            self.move_recent()?;
        }
        Ok(new)
    }

    /// Moves the recent keys to the older ones.
    fn move_recent(&mut self) -> io::Result<()> {
        let mut add: Vec<u128> = self.recent.drain().collect();
        match &mut self.older {
            Older::Memory(sorted) => {
                add.sort_unstable();
                crate::sorted::merge_into(sorted, &add);
            }
            Older::File { file, keys, filter } => {
                let total = *keys as usize + add.len();
                if total > filter.capacity {
                    // More articles than the inputs foretold (record files hold many): a filter
                    // twice the size, refilled from the file, keeps lookups rare.
                    let mut bigger = Bloom::for_keys(total * 2);
                    for_each_key(file, *keys, |k| bigger.add(k))?;
                    *filter = bigger;
                }
                let mut bytes = Vec::with_capacity(add.len() * KEY_BYTES);
                for &k in &add {
                    filter.add(k);
                    bytes.extend_from_slice(&k.to_le_bytes());
                }
                file.seek(SeekFrom::Start(*keys * KEY_BYTES as u64))?;
                file.write_all(&bytes)?;
                *keys += add.len() as u64;
            }
        }
        Ok(())
    }
}

/// Which of `wanted` (ascending) are among the first `keys` keys of `file`, ascending.
fn find_in_file(file: &mut File, keys: u64, wanted: &[u128]) -> io::Result<Vec<u128>> {
    let mut found = Vec::new();
    for_each_key(file, keys, |key| {
        if wanted.binary_search(&key).is_ok() {
            found.push(key);
        }
    })?;
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// Calls `f` with each of the first `keys` keys of `file`, in file order.
fn for_each_key(file: &mut File, keys: u64, mut f: impl FnMut(u128)) -> io::Result<()> {
    let mut buf = vec![0u8; READ_BYTES];
    let mut left = keys * KEY_BYTES as u64;
    file.seek(SeekFrom::Start(0))?;
    while left > 0 {
        let n = usize::try_from(left).map_or(READ_BYTES, |l| l.min(READ_BYTES));
        file.read_exact(&mut buf[..n])?;
        for bytes in buf[..n].chunks_exact(KEY_BYTES) {
            let mut key = [0u8; KEY_BYTES];
            key.copy_from_slice(bytes);
            f(u128::from_le_bytes(key));
        }
        left -= n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct keys that look like hashes: each half is splitmix64 of a counter.
    fn keys(n: usize) -> Vec<u128> {
        let mix = |mut z: u64| {
            z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        (0..n as u64)
            .map(|i| u128::from(mix(2 * i)) << 64 | u128::from(mix(2 * i + 1)))
            .collect()
    }

    /// Adds `keys` in batches of `batch`; the flags of all of them.
    fn add(seen: &mut SeenHashes, keys: &[u128], batch: usize) -> Vec<bool> {
        keys.chunks(batch)
            .flat_map(|b| seen.insert_all(b).unwrap())
            .collect()
    }

    fn a_key_is_new_once(mut seen: SeenHashes) {
        let keys = keys(RECENT * 3 + 5);
        assert!(
            add(&mut seen, &keys, 1000).iter().all(|&n| n),
            "every key is new once"
        );
        assert_eq!(seen.len(), keys.len());
        assert!(
            seen.recent.len() < RECENT,
            "full sets moved to the older keys"
        );
        assert!(
            add(&mut seen, &keys, 777).iter().all(|&n| !n),
            "and never new again, wherever it is kept"
        );
        assert_eq!(seen.len(), keys.len());
        assert_eq!(
            seen.insert_all(&[u128::MAX, 7, u128::MAX]).unwrap(),
            [true, true, false]
        );
        assert_eq!(seen.insert_all(&[7]).unwrap(), [false]);
    }

    #[test]
    fn in_memory_a_key_is_new_once_across_batches_and_moves() {
        a_key_is_new_once(SeenHashes::with_expected(10));
    }

    #[test]
    fn on_disk_a_key_is_new_once_across_batches_and_moves() {
        let dir = tempfile::tempdir().unwrap();
        let seen = SeenHashes::spilled_to(dir.path(), SPILL_FROM).unwrap();
        assert!(matches!(seen.older, Older::File { .. }));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the file has no name"
        );
        a_key_is_new_once(seen);
    }

    #[test]
    fn a_filter_too_small_to_clear_anything_still_gives_exact_answers() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = SeenHashes::spilled_to(dir.path(), SPILL_FROM).unwrap();
        if let Older::File { filter, .. } = &mut seen.older {
            // Every bit set: every key is "maybe", so every batch is looked up in the file.
            filter.words.iter_mut().for_each(|w| *w = u64::MAX);
        }
        let keys = keys(RECENT * 2 + 1);
        assert!(add(&mut seen, &keys, 4096).iter().all(|&n| n));
        let again: Vec<bool> = add(&mut seen, &keys[..RECENT], 512);
        assert!(again.iter().all(|&n| !n));
    }

    #[test]
    fn a_small_corpus_keeps_its_keys_in_memory_and_the_vector_never_moves() {
        let dir = tempfile::tempdir().unwrap();
        let small = SeenHashes::spilled_to(dir.path(), SPILL_FROM - 1).unwrap();
        assert!(matches!(small.older, Older::Memory(_)));
        let n = RECENT * 4;
        let mut seen = SeenHashes::with_expected(n);
        let Older::Memory(sorted) = &seen.older else {
            unreachable!()
        };
        let start = sorted.as_ptr();
        let all: Vec<u128> = (0..n as u128).map(|k| k * 7919).collect();
        add(&mut seen, &all, 2048);
        let Older::Memory(sorted) = &seen.older else {
            unreachable!()
        };
        assert_eq!(sorted.as_ptr(), start);
        assert!(sorted.is_sorted());
        assert_eq!(seen.len(), n);
    }

    #[test]
    fn the_filter_clears_keys_it_never_saw_and_keeps_those_it_did() {
        let mut filter = Bloom::for_keys(RECENT);
        let keys = keys(RECENT * 2);
        let (added, others) = keys.split_at(RECENT);
        added.iter().for_each(|&k| filter.add(k));
        assert!(added.iter().all(|&k| filter.may_contain(k)));
        let false_maybes = others.iter().filter(|&&k| filter.may_contain(k)).count();
        assert!(
            false_maybes <= 2,
            "{false_maybes} of {RECENT} unseen keys were maybes"
        );
    }

    #[test]
    fn more_keys_than_foretold_grow_the_filter_and_every_answer_stays_exact() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = SeenHashes::spilled_to(dir.path(), SPILL_FROM).unwrap();
        let keys = keys(RECENT * 3);
        assert!(add(&mut seen, &keys, 2048).iter().all(|&n| n));
        let Older::File { filter, .. } = &seen.older else {
            unreachable!()
        };
        assert!(filter.capacity >= RECENT * 2, "grown past {SPILL_FROM}");
        assert!(
            keys[..RECENT * 2].iter().all(|&k| filter.may_contain(k)),
            "the grown filter holds the keys moved before it grew"
        );
        assert!(add(&mut seen, &keys, 3000).iter().all(|&n| !n));
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_wrong_answer() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = SeenHashes::spilled_to(dir.path(), SPILL_FROM).unwrap();
        let keys = keys(RECENT);
        add(&mut seen, &keys, 4096);
        if let Older::File { file, .. } = &mut seen.older {
            file.set_len(KEY_BYTES as u64).unwrap();
        }
        assert!(seen.insert_all(&keys[RECENT - 1..]).is_err());
    }
}
