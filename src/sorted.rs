//! Sorted vectors that grow by merging: a sorted run merged into a sorted vector in place, from
//! the back, within the vector's own room when it has enough (no second buffer the size of the
//! vector). Used where memory is kept per article or per hash of a whole corpus.

/// Merges `add` (ascending) into `sorted` (ascending); the result is ascending. Equal elements
/// are both kept.
pub fn merge_into<T: Copy + Ord + Default>(sorted: &mut Vec<T>, add: &[T]) {
    let old = sorted.len();
    sorted.resize(old + add.len(), T::default());
    let (mut i, mut j, mut k) = (old, add.len(), old + add.len());
    while j > 0 {
        k -= 1;
        if i > 0 && sorted[i - 1] > add[j - 1] {
            sorted[k] = sorted[i - 1];
            i -= 1;
        } else {
            sorted[k] = add[j - 1];
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_run_lands_in_order_wherever_it_falls() {
        let mut v = vec![2, 4, 6, 8];
        merge_into(&mut v, &[1, 5, 9]);
        assert_eq!(v, [1, 2, 4, 5, 6, 8, 9]);
        merge_into(&mut v, &[]);
        assert_eq!(v, [1, 2, 4, 5, 6, 8, 9]);
        merge_into(&mut v, &[4]);
        assert_eq!(v, [1, 2, 4, 4, 5, 6, 8, 9]);
        let mut empty: Vec<u32> = Vec::new();
        merge_into(&mut empty, &[3, 7]);
        assert_eq!(empty, [3, 7]);
    }
}
