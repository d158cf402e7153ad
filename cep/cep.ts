// The entry point that applies a pattern to a stream (Flink's CEP class).
import { type DataStream, KeyedStream } from "../runtime/index.js";
import { PatternStream } from "./operator/pattern-stream.js";
import type { EventComparator } from "./operator/pattern-functions.js";
import type { Pattern } from "./pattern/pattern.js";

export const CEP = {
  /**
   * Matches `pattern` on `input`: per key on a keyed stream (in parallel), or on one subtask for
   * the whole stream otherwise. Events with equal timestamps are ordered by `comparator`, if
   * given, else by arrival.
   */
  pattern<T, K = unknown>(input: KeyedStream<T, K> | DataStream<T>, pattern: Pattern<T>, comparator?: EventComparator<T>): PatternStream<T, K> {
    const keyed = input instanceof KeyedStream;
    // why: as Flink does for a non-keyed stream, one constant key; parallelism 1 is set on the operator
    const stream = keyed ? (input as KeyedStream<T, K>) : (input.keyBy(() => 0) as unknown as KeyedStream<T, K>);
    return new PatternStream<T, K>(stream, pattern, !keyed, comparator ?? null);
  },
} as const;
