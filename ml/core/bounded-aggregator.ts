// What a fit computes in one pass over a bounded table: an accumulator per parallel subtask, merged into one, turned
// into the model data at the end of input (the shape of Flink ML's computeMeta/buildModel operator pairs).
import type { Row } from "./row.js";

export interface BoundedAggregator<ACC, MD> {
  /** An empty accumulator (also what a subtask that saw no rows sends on). */
  createAccumulator(): ACC;
  /** Adds one row; may update `acc` in place and return it. */
  add(acc: ACC, row: Row): ACC;
  /** Combines two accumulators; may update `a` in place and return it. */
  merge(a: ACC, b: ACC): ACC;
  /** The model data records for the whole table (throw when it cannot be built, e.g. an empty training set). */
  result(acc: ACC): MD[];
}
