// What an outer join (window or interval) is built from: which sides keep their unmatched rows, the residual
// condition, and how a pair or an unmatched row becomes an output record; and the window outer join's coGroup
// function, which pads a window's unmatched rows when the window fires (Flink SQL's window outer join).
import type { Collector } from "../api/functions.js";

/** Which sides keep their unmatched rows: `left` the left's, `right` the right's, `full` both (SQL's LEFT/RIGHT/FULL OUTER JOIN). */
export type OuterJoinKind = "left" | "right" | "full";

/** Plain functions, generated per join: no closures are made per record. */
export interface OuterJoinFunctions<A, B, OUT> {
  readonly kind: OuterJoinKind;
  /** The join condition beyond the key equality (a pair with equal keys joins only when this holds). */
  matches(left: A, right: B): boolean;
  /** The output record of a matched pair. */
  joined(left: A, right: B): OUT;
  /** The output record of a left row that matched nothing: its right side null. */
  padRight(left: A): OUT;
  /** The output record of a right row that matched nothing: its left side null. */
  padLeft(right: B): OUT;
}

export function keepsLeft(kind: OuterJoinKind): boolean {
  return kind === "left" || kind === "full";
}

export function keepsRight(kind: OuterJoinKind): boolean {
  return kind === "right" || kind === "full";
}

/**
 * The coGroup function of a window outer join: per key and window, every matching pair, then each row of a kept side
 * that matched no row of the other side, padded. O(|left| · |right|) per group, like the inner window join.
 */
export function windowOuterJoin<A, B, OUT>(fns: OuterJoinFunctions<A, B, OUT>): (left: readonly A[], right: readonly B[], out: Collector<OUT>) => void {
  const padLeftRows = keepsLeft(fns.kind);
  const padRightRows = keepsRight(fns.kind);
  return (left, right, out) => {
    // why: one flag per right row, allocated per window firing (not per record), only when right rows are kept
    const rightMatched = padRightRows ? new Uint8Array(right.length) : null;
    for (let i = 0; i < left.length; i++) {
      const l = left[i]!;
      let matched = false;
      for (let j = 0; j < right.length; j++) {
        const r = right[j]!;
        if (!fns.matches(l, r)) continue;
        out.collect(fns.joined(l, r));
        matched = true;
        if (rightMatched !== null) rightMatched[j] = 1;
      }
      if (!matched && padLeftRows) out.collect(fns.padRight(l));
    }
    if (rightMatched !== null) for (let j = 0; j < right.length; j++) if (rightMatched[j] === 0) out.collect(fns.padLeft(right[j]!));
  };
}
