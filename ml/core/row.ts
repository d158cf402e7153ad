// Rows: the records of the tables ml/ stages read and write — plain objects, one field per column.
import type { DataStream } from "../../runtime/index.js";

/** A record of a table: column name → value (numbers, strings, DenseVector/SparseVector objects, arrays…). */
export type Row = Record<string, unknown>;

/** Scores one row (a servable's transform, and what row-wise stages run inside their map operator). */
export type RowMapper = (row: Row) => Row;

/** The input tables as streams of Row: DataStream is invariant in its element type, and every row type is a Row. */
export function asRowStreams<T extends Row>(inputs: readonly DataStream<T>[]): DataStream<Row>[] {
  return inputs as unknown as DataStream<Row>[];
}
