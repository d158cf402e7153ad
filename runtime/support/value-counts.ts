// The value multisets of a generated aggregate that takes rows back (min, max and distinctCount over a changelog or
// an update stream): value → how many live rows hold it, so a retracted minimum gives way to the next one. Add and
// take back are O(1); min and max scan the distinct values, as runtime/support/retracting-aggregate.ts does.

/** Adds `sign` (1: a row holding `value` arrived, -1: one left) to the count of `value`; a count of 0 is removed. */
export function changeCount(counts: Map<unknown, number>, value: unknown, sign: number): void {
  const n = (counts.get(value) ?? 0) + sign;
  if (n === 0) counts.delete(value);
  else counts.set(value, n);
}

/** The smallest value held, or null when none is. */
export function minOf<T extends number | string | boolean>(counts: Map<T, number>): T | null {
  let best: T | null = null;
  for (const v of counts.keys()) if (best === null || v < best) best = v;
  return best;
}

/** The largest value held, or null when none is. */
export function maxOf<T extends number | string | boolean>(counts: Map<T, number>): T | null {
  let best: T | null = null;
  for (const v of counts.keys()) if (best === null || v > best) best = v;
  return best;
}
