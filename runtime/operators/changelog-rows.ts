// The rows of a changelog with deletions as the operators that keep them see them: a record's change kind is in one
// field (`+I`/`+U` enter the result, `-D`/`-U` leave it), and a leaving record names the row it takes out by being
// equal to it, that field aside (Flink's retract messages carry the whole row, not an id).
import { isDeepStrictEqual } from "node:util";

/** True for a record that takes a row out (-D, -U); a record without a kind enters. */
export function leaves(kind: unknown): boolean {
  return kind === "-D" || kind === "-U";
}

/** Where in `rows` a row equal to `row` is, its kind field aside (an entering row was stored with its own kind). */
export function indexOfEqual(rows: readonly unknown[], row: Record<string, unknown>, kindField: string): number {
  for (let i = 0; i < rows.length; i++) {
    if (sameRow(rows[i] as Record<string, unknown>, row, kindField)) return i;
  }
  return -1;
}

/** Deep equality of two records (isDeepStrictEqual per field; NaN equals NaN), the kind field aside. */
export function sameRow(a: Record<string, unknown>, b: Record<string, unknown>, kindField: string): boolean {
  let fields = 0;
  for (const k in a) {
    if (k === kindField) continue;
    fields++;
    if (!sameValue(a[k], b[k])) return false;
  }
  // why count b's fields rather than look each up in a: a field of b missing from a makes b's count larger
  for (const k in b) if (k !== kindField) fields--;
  return fields === 0;
}

/**
 * Primitives by identity (the common case, without a call into node:util), NaN equal to NaN, objects and arrays
 * structurally: when two versions of a row's field are the same value.
 */
export function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x === "object" && x !== null && typeof y === "object" && y !== null) return isDeepStrictEqual(x, y);
  return x !== x && y !== y;
}
