// `keyBy k | top n by e [desc], …` without a window: the runtime's running Top-N, with the ordering keys of the
// `.flow` operator turned into a comparator and each output row extended with its 1-based `rank`.
import { RunningTopNOperator } from "../index.js";

export interface OrderKey<T> {
  readonly by: (r: T) => unknown;
  readonly descending: boolean;
}

/** Negative when `a` ranks before `b` under the keys (the first key decides unless it ties). */
export function comparatorOf<T>(keys: readonly OrderKey<T>[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = k.by(a) as number | string;
      const y = k.by(b) as number | string;
      if (x === y) continue;
      return (x < y) === k.descending ? 1 : -1;
    }
    return 0;
  };
}

export function runningTopN<IN extends object, OUT>(name: string, n: number, keys: readonly OrderKey<IN>[]): RunningTopNOperator<IN, OUT> {
  return new RunningTopNOperator<IN, OUT>(name, { n, compare: comparatorOf(keys), emit: (r, rank) => ({ ...r, rank }) as OUT });
}
