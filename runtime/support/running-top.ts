// `keyBy k | top n by e [desc], …` without a window: the runtime's running Top-N, with the ordering keys of the
// `.flow` operator turned into a comparator and each output row extended with its 1-based rank (in `rank`, or the
// field `top … as name` names).
import { RetractingTopNOperator, RunningTopNOperator } from "../index.js";
import { withField } from "../core/copy-record.js";
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
  return new RunningTopNOperator<IN, OUT>(name, { n, compare: comparatorOf(keys), emit: (r, rank) => withField(r, rankField, rank) as OUT });
}

/** A running top over a changelog with deletions: each output row with its rank and its change kind. */
export function retractingTopN<IN extends object, OUT>(name: string, n: number, keys: readonly OrderKey<IN>[], rowKindField: string, rankField = "rank"): RetractingTopNOperator<IN, OUT> {
  return new RetractingTopNOperator<IN, OUT>(name, { n, rowKindField, compare: comparatorOf(keys), emit: (r, rank, kind) => {
    const row: Record<string, unknown> = withField(r, rankField, rank);
    row[rowKindField] = kind;
    return row as OUT;
  } });
}
