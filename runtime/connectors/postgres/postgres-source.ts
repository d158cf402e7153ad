// A bounded scan of a PostgreSQL table (Flink's JDBC scan source): the rows as they are when each split is read, then
// the end. With a partition column the table is read in ranges, split among the subtasks; a checkpoint keeps which
// splits a reader finished and how many rows of the next one it emitted, so a restored job neither repeats nor skips.
import { EddyError } from "../../core/errors.js";
import type { Boundedness, Source, SourceReader, SourceReaderContext } from "../source.js";
import type { PostgresConnection } from "./connection.js";
import { PostgresScanReader } from "./postgres-scan-reader.js";
import { partitionProblem, scanSplits, splitsOfSubtask, type PostgresScanPartition, type ScanSplit } from "./scan-splits.js";

/** A row `deserialize` refused: skipped, and reported to `onDeadLetter` when given. */
export interface PostgresDeadLetter {
  readonly table: string;
  /** The split's range of the partition column, or null for a whole-table read. */
  readonly range: ScanSplit["range"];
  /** The row's place in its split's order (the primary key's, or the row text's), from 1. */
  readonly row: number;
  /** What deserialize threw. */
  readonly reason: string;
  /** The row as the JSON document it was read as. */
  readonly data: string;
}

export interface PostgresSourceOptions<T> {
  /** A connection string or a pg ClientConfig. */
  readonly connection: PostgresConnection;
  /** `table` or `schema.table` (a view works too). */
  readonly table: string;
  /** The columns read: the keys of the row `deserialize` gets. */
  readonly columns: readonly string[];
  /**
   * A row — its columns as PostgreSQL writes them in JSON: numbers, strings, booleans, timestamps as ISO 8601 text,
   * arrays, json values, null — to a record; throwing marks the row malformed (see `onDeadLetter`).
   */
  readonly deserialize: (row: Record<string, unknown>) => T;
  /** Read in ranges of a numeric column, split among the subtasks; without it one subtask reads the whole table. */
  readonly partition?: PostgresScanPartition;
  /** Rows per round trip (Flink's scan.fetch-size; default 1000): two fetches are the most a reader holds in memory. */
  readonly fetchSize?: number;
  /**
   * Malformed rows: without it, the first one fails the job (not retried — it would fail again at the same row); with
   * it, each is skipped and handed here (a replay reports it again).
   */
  readonly onDeadLetter?: (letter: PostgresDeadLetter) => void;
}

/** @internal the validated options a reader works with. */
export interface PostgresSourceSpec<T> extends PostgresSourceOptions<T> {
  readonly fetchSize: number;
  readonly splits: readonly ScanSplit[];
}

const DEFAULT_FETCH_SIZE = 1000;

/**
 * Each split is read in its own REPEATABLE READ transaction through a cursor, in the order of the table's primary key
 * (or of the row's text without one): a total order, so the rows a restored reader skips (`MOVE`) are exactly those
 * it emitted, as long as the table did not change in between. Splits are assigned statically — split i to subtask
 * i mod parallelism — and the source's parallelism is at most its number of splits. Different splits see different
 * snapshots (as in Flink, whose splits are separate queries).
 */
export class PostgresSource<T> implements Source<T> {
  readonly boundedness: Boundedness = "BOUNDED";
  readonly maxParallelism: number;
  readonly replayable = true;
  // why: a reader owns a connection with an open transaction and cursor, tied to the worker that opened it
  readonly movable = false;
  private readonly spec: PostgresSourceSpec<T>;

  constructor(options: PostgresSourceOptions<T>) {
    this.spec = validate(options);
    this.maxParallelism = this.spec.splits.length;
  }

  createReader(context: SourceReaderContext): SourceReader<T> {
    return new PostgresScanReader(this.spec, splitsOfSubtask(this.spec.splits, context.subtaskIndex, context.parallelism), { operator: `PostgresSource(${this.spec.table})`, subtask: context.subtaskIndex });
  }
}

function validate<T>(o: PostgresSourceOptions<T>): PostgresSourceSpec<T> {
  const bad = (message: string) => new EddyError("user", `PostgresSource on table '${o.table}': ${message}`, {}, { retriable: false });
  if (typeof o.table !== "string" || o.table.length === 0) throw bad("table must be a table name, `table` or `schema.table`");
  if (!Array.isArray(o.columns) || !o.columns.every((c) => typeof c === "string" && c.length > 0)) throw bad("columns must be column names");
  if (typeof o.deserialize !== "function") throw bad("deserialize must be a function from a row to a record");
  const fetchSize = o.fetchSize ?? DEFAULT_FETCH_SIZE;
  if (!Number.isSafeInteger(fetchSize) || fetchSize < 1) throw bad(`fetchSize must be a positive integer, got ${fetchSize}`);
  if (o.partition !== undefined) {
    const problem = partitionProblem(o.partition);
    if (problem !== null) throw bad(problem);
  }
  return { ...o, fetchSize, splits: scanSplits(o.partition) };
}
