//! `map`: a slice mapped into a `Vec` with one small function per pair of
//! types, for code that is not on a hot path.
//!
//! `items.iter().map(f).collect::<Vec<_>>()` compiles to three functions
//! per call site in the WebAssembly bundle (`from_iter`, `extend_trusted`,
//! `fold`, with the closure inside), about 30 bytes more after gzip than a
//! call to this. The closure is called through `dyn`, which costs a few
//! nanoseconds per item: the evaluation's hot paths keep their iterators.

/// `f` applied to each item, in order.
#[inline(never)]
pub fn map<'a, T, U>(items: &'a [T], f: &mut dyn FnMut(&'a T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn maps_in_order_like_an_iterator() {
        let items = ["a", "bb", "", "ccc"];
        assert_eq!(map(&items, &mut |s| s.len()), vec![1, 2, 0, 3]);
        assert!(map(&[] as &[u8], &mut |b| *b).is_empty());
    }
}
