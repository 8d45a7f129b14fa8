//! The content hashes a run has seen, for spotting duplicate articles: exact (every key is kept
//! whole) and compact, since a run holds one key per article for its whole extraction.
//!
//! Older keys sit in one sorted vector, reserved up front at the expected count so that it never
//! moves (the reserved part it has not reached yet takes no memory); the newest sit in a small
//! hash set, merged into the vector in place each time the set fills. About 16 bytes a key,
//! against about 30 in a hash set of all keys, which also copies itself as it grows.

use std::collections::HashSet;

/// Keys held in the hash set before they are merged into the sorted vector.
const RECENT: usize = 1 << 14;

#[derive(Debug, Default)]
pub struct SeenHashes {
    /// Older keys, ascending.
    sorted: Vec<u128>,
    /// The newest keys, none of them in `sorted`.
    recent: HashSet<u128>,
}

impl SeenHashes {
    /// An empty set with room for `expected` keys (more can be added).
    pub fn with_expected(expected: usize) -> Self {
        Self {
            sorted: Vec::with_capacity(expected),
            recent: HashSet::with_capacity(RECENT),
        }
    }

    pub fn len(&self) -> usize {
        self.sorted.len() + self.recent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `key`; false when it was already there.
    pub fn insert(&mut self, key: u128) -> bool {
        if self.recent.contains(&key) || self.sorted.binary_search(&key).is_ok() {
            return false;
        }
        self.recent.insert(key);
        if self.recent.len() >= RECENT {
            self.merge();
        }
        true
    }

    /// Moves the recent keys into the sorted vector: a merge from the back, within the vector's
    /// own room when it has enough.
    fn merge(&mut self) {
        let mut add: Vec<u128> = self.recent.drain().collect();
        add.sort_unstable();
        crate::sorted::merge_into(&mut self.sorted, &add);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_new_once_across_merges() {
        let mut seen = SeenHashes::with_expected(10);
        // A multiplicative walk gives distinct keys in no order.
        let keys: Vec<u128> = (0..(RECENT as u128) * 3 + 5)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) >> 7)
            .collect();
        assert!(
            keys.iter().all(|&k| seen.insert(k)),
            "every key is new once"
        );
        assert_eq!(seen.len(), keys.len());
        assert!(seen.recent.len() < RECENT, "full sets were merged");
        assert!(seen.sorted.is_sorted(), "the merged keys stay in order");
        assert!(keys.iter().all(|&k| !seen.insert(k)), "and never new again");
        assert_eq!(seen.len(), keys.len());
        assert!(seen.insert(u128::MAX));
        assert!(!seen.insert(u128::MAX));
    }

    #[test]
    fn reserving_the_expected_count_keeps_the_vector_in_place() {
        let n = RECENT * 4;
        let mut seen = SeenHashes::with_expected(n);
        let start = seen.sorted.as_ptr();
        for k in 0..n as u128 {
            seen.insert(k * 7919);
        }
        assert_eq!(seen.sorted.as_ptr(), start);
        assert_eq!(seen.len(), n);
    }
}
