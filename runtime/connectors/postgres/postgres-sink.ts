// PostgreSQL sinks: exactly-once through prepared transactions (two-phase commit), or idempotent
// upserts and deletions by key for keyed results and changelogs.
import { EddyError } from "../../core/errors.js";
import type { Sink, SinkWriterContext } from "../sink.js";
import type { PostgresConnection } from "./connection.js";
import { PostgresExactlyOnceWriter } from "./exactly-once-writer.js";
import { PostgresUpsertWriter } from "./upsert-writer.js";

export interface PostgresSinkOptions<T> {
  /** A connection string or a pg ClientConfig. */
  readonly connection: PostgresConnection;
  /** `table` or `schema.table`; it must exist. */
  readonly table: string;
  readonly columns: readonly string[];
  /** The column values of one record, in the order of `columns`. */
  readonly toRow: (record: T) => readonly unknown[];
  /** Rows per INSERT statement (multi-row VALUES; default 500, capped by the 65535-parameter limit). */
  readonly batchSize?: number;
  /** Exactly-once: how long pre-commit may wait for PREPARE TRANSACTION (default 60 s). */
  readonly prepareTimeoutMs?: number;
}

export interface PostgresUpsertOptions<T> extends PostgresSinkOptions<T> {
  /** The conflict target: columns of a primary key or unique constraint. */
  readonly key: readonly string[];
  /**
   * True for a record that deletes its key's row (a changelog's -D or -U) rather than upserting it: the row is deleted
   * by the key values `toRow` gives for it. Absent: every record upserts.
   */
  readonly deletes?: (record: T) => boolean;
}

/** @internal the validated options a writer works with. */
export interface PostgresSinkSpec<T> extends PostgresSinkOptions<T> {
  readonly batchSize: number;
  readonly prepareTimeoutMs: number;
  readonly key: readonly string[] | null;
  /** Upsert mode: which records delete (null: none do). */
  readonly deletes: ((record: T) => boolean) | null;
}

export class PostgresSink<T> implements Sink<T> {
  private constructor(private readonly spec: PostgresSinkSpec<T>) {}

  /**
   * Exactly-once: each checkpoint interval's rows form one transaction per subtask, prepared on the
   * barrier (`PREPARE TRANSACTION 'eddy:<job>:<operator>:<subtask>:<checkpoint>:<attempt>'`) and
   * committed when the checkpoint completes. Needs `max_prepared_transactions` > 0 on the server,
   * and job and sink names unique among jobs writing to the database (they are the gid prefix).
   * Rows become visible one checkpoint interval late. Row values cross into a worker thread, so
   * they must be plain data (numbers, strings, bigints, Dates, Buffers, JSON-like objects).
   */
  static exactlyOnce<T>(options: PostgresSinkOptions<T>): PostgresSink<T> {
    return new PostgresSink(validate(options, null, null));
  }

  /**
   * Idempotent upserts (`INSERT … ON CONFLICT (key) DO UPDATE`) and, for records `deletes` picks,
   * deletions by key (`DELETE … WHERE key IN …`): for keyed results whose latest value per key is
   * what matters, and changelogs whose rows leave. Each batch keeps the last change of each key
   * (Flink's JDBC sink does the same). Rows are visible at once; after a failure some changes are
   * applied again, in their order, which converges to the same table.
   */
  static upsert<T>(options: PostgresUpsertOptions<T>): PostgresSink<T> {
    return new PostgresSink(validate(options, options.key, options.deletes ?? null));
  }

  createWriter(context: SinkWriterContext): Promise<PostgresExactlyOnceWriter<T> | PostgresUpsertWriter<T>> {
    const spec = this.spec;
    if (spec.key !== null) return PostgresUpsertWriter.create({ ...spec, key: spec.key }, context);
    return PostgresExactlyOnceWriter.create(spec, context);
  }
}

function validate<T>(o: PostgresSinkOptions<T>, key: readonly string[] | null, deletes: ((record: T) => boolean) | null): PostgresSinkSpec<T> {
  const bad = (message: string) => new EddyError("user", `PostgresSink on '${o.table}': ${message}`, {}, { retriable: false });
  if (typeof o.table !== "string" || o.table.length === 0) throw bad("table must be a table name ('table' or 'schema.table')");
  if (o.columns.length === 0) throw bad("columns must name at least one column");
  if (new Set(o.columns).size !== o.columns.length) throw bad(`columns must be distinct, got ${o.columns.join(", ")}`);
  if (typeof o.toRow !== "function") throw bad("toRow must be a function from a record to its column values");
  const batchSize = o.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw bad(`batchSize must be a positive integer, got ${batchSize}`);
  const prepareTimeoutMs = o.prepareTimeoutMs ?? 60_000;
  if (!(prepareTimeoutMs > 0)) throw bad(`prepareTimeoutMs must be positive, got ${prepareTimeoutMs}`);
  if (key !== null) {
    if (key.length === 0) throw bad("upsert needs the key columns (a primary key or unique constraint)");
    const missing = key.filter((k) => !o.columns.includes(k));
    if (missing.length > 0) throw bad(`key columns ${missing.join(", ")} are not among the columns (${o.columns.join(", ")})`);
  }
  if (deletes !== null && typeof deletes !== "function") throw bad("deletes must be a function from a record to whether it deletes its key's row");
  return { ...o, batchSize, prepareTimeoutMs, key, deletes };
}
