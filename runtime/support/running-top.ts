// `keyBy k | top n by e [desc], …` without a window: the runtime's running Top-N, with the ordering keys of the
// `.flow` operator turned into a comparator and each output row extended with its 1-based rank (in `rank`, or the
// field `top … as name` names).
import { RetractingTopNOperator, RunningTopNOperator } from "../index.js";
import { compareValues } from "./order-value.js";

export interface OrderKey<T> {
  readonly by: (r: T) => unknown;
  readonly descending: boolean;
}

/** Negative when `a` ranks before `b` under the keys (the first key decides unless it ties). */
export function comparatorOf<T>(keys: readonly OrderKey<T>[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareValues(k.by(a), k.by(b));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  };
}

/** Each output row is the input row with its rank in `rankField` (`top … as name`; SQL names it after ROW_NUMBER's alias). */
export function runningTopN<IN extends object, OUT>(name: string, n: number, keys: readonly OrderKey<IN>[], rankField = "rank"): RunningTopNOperator<IN, OUT> {
  // why two functions: a literal key is a named store, cheaper per row than a computed one
  const emit = rankField === "rank" ? (r: IN, rank: number) => ({ ...r, rank }) as OUT : (r: IN, rank: number) => ({ ...r, [rankField]: rank }) as OUT;
  return new RunningTopNOperator<IN, OUT>(name, { n, compare: comparatorOf(keys), emit });
}

/** A running top over a changelog with deletions: each output row with its rank and its change kind. */
export function retractingTopN<IN extends object, OUT>(name: string, n: number, keys: readonly OrderKey<IN>[], rowKindField: string, rankField = "rank"): RetractingTopNOperator<IN, OUT> {
  return new RetractingTopNOperator<IN, OUT>(name, { n, rowKindField, compare: comparatorOf(keys), emit: (r, rank, kind) => ({ ...r, [rankField]: rank, [rowKindField]: kind }) as OUT });
}
