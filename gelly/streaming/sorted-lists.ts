// Merging two ascending lists of distinct vertex keys: the intersection step of triangle counting. O(|a| + |b|).
import type { OrderedVertexKey } from "./edge.js";

/** How many keys greater than `floor` both sorted lists hold; with `out`, they are also appended to it. */
export function commonAbove<K extends OrderedVertexKey>(a: readonly K[], b: readonly K[], floor: K, out: K[] | null = null): number {
  let i = upperBound(a, floor);
  let j = upperBound(b, floor);
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      if (out !== null) out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

/** The index of the first key greater than `floor` in a sorted list (binary search). */
function upperBound<K extends OrderedVertexKey>(list: readonly K[], floor: K): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= floor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
