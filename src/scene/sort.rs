//! A stable sort with one copy of its code in the wasm.
//!
//! `slice::sort_by` is monomorphised for every element type and comparator:
//! the scene's five sorts carried five copies of the standard library's
//! driftsort and its small-sort networks, about 8 KB of the gzipped wasm.
//! Here a merge sort over indices is compiled once and compares through a
//! `&dyn Fn`; only the few lines that reorder the elements are generic.
//! The result is the same as `sort_by`'s: ties keep their order.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably, like `slice::sort_by`.
///
/// ```
/// use bridge_map::scene::sort::sort_by;
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
/// sort_by(&mut v, |a, b| a.0.cmp(&b.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = stable_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    // Place v[order[k]] at k, one cycle of the permutation at a time, with
    // swaps only; a placed position is marked by order[k] == k.
    for start in 0..v.len() {
        let mut k = start;
        while order[k] != start {
            let next = order[k];
            v.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

/// The indices `0..n` in sorted order: a bottom-up merge sort that takes
/// from the left run on ties.
fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                let take_right = j < end && (i == mid || cmp(a[j], a[i]) == Ordering::Less);
                if take_right {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}
