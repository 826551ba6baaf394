//! Stable sorting whose code exists once in the bundle.
//!
//! `slice::sort_by` is compiled anew for every element type and comparator,
//! and each copy of core's sort is about 3.7 KB of wasm. Here a merge sort
//! over positions, behind a `dyn` comparator, is the only sorting code; the
//! generic part left is a comparator shim and an in-place reordering by
//! swaps. O(n log n) comparisons, n extra words; stable like `sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = order(
        items.len(),
        &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        },
    );
    permute(items, order);
}

/// The positions `0..len` in sorted order: a bottom-up merge sort.
fn order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut into = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = start.saturating_add(width).min(len);
            let end = start.saturating_add(width.saturating_mul(2)).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in into.iter_mut().take(end).skip(start) {
                let l = from.get(left).copied().filter(|_| left < mid);
                let r = from.get(right).copied().filter(|_| right < end);
                // The left run wins ties: that is what keeps the sort stable.
                *slot = match (l, r) {
                    (Some(l), Some(r)) if compare(l, r) == Ordering::Greater => {
                        right += 1;
                        r
                    }
                    (Some(l), _) => {
                        left += 1;
                        l
                    }
                    (None, Some(r)) => {
                        right += 1;
                        r
                    }
                    (None, None) => break,
                };
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut into);
        width = width.saturating_mul(2);
    }
    from
}

/// Reorders `items` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation once.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let next = std::mem::replace(slot, DONE);
            if next == DONE || next == start || next >= items.len() {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    /// A deterministic xorshift, so failures can be replayed.
    fn numbers(seed: u64, count: usize, modulo: u64) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state % modulo
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        for len in (0..40).chain([63, 64, 65, 127, 128, 129, 1000, 4097]) {
            for modulo in [1, 3, 50, u64::MAX] {
                // (key, original position): equal keys must keep their order.
                let items: Vec<(u64, usize)> = numbers(len as u64 + 7, len, modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(i, key)| (key, i))
                    .collect();
                let mut expected = items.clone();
                expected.sort_by_key(|item| item.0);
                let mut got = items;
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, expected, "len {len}, keys below {modulo}");
            }
        }
    }

    #[test]
    fn sorts_owned_values_in_any_order() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "fig", "kiwi", "apple"]
            .map(String::from)
            .to_vec();
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["pear", "kiwi", "fig", "fig", "apple", "apple"]);
        let mut sorted = vec![1, 2, 3, 4];
        sort_by(&mut sorted, Ord::cmp);
        assert_eq!(sorted, [1, 2, 3, 4]);
    }
}
