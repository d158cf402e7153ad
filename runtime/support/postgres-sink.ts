// The `postgres(url, table, mode, key, batchSize)` sink of a .flow job: the runtime's PostgresSink, exactly-once
// (prepared transactions committed with the checkpoint) or upserting by key; one column per field of the records. In
// upsert mode the records of a changelog with deletions delete their key's row when their `__rowKind` says so.
import { ROW_KIND_FIELD } from "../../compiler/types/row-kind.js";
import { assert } from "../core/errors.js";
import { PostgresSink } from "../index.js";

export interface PostgresSinkSpec {
  /** A connection string; what it leaves out comes from the PG* environment variables (PGPASSWORD, …). */
  readonly url: string;
  readonly table: string;
  readonly mode: "exactly_once" | "upsert";
  /** The conflict target of `upsert` (null for exactly-once). */
  readonly key: readonly string[] | null;
  /** The record's fields in schema order: the table's columns (but `__rowKind`, the change a record makes). */
  readonly columns: readonly string[];
  /** Fields of type `timestamp` (epoch milliseconds in Eddy), written as dates for timestamp columns. */
  readonly timestamps: readonly string[];
  readonly batchSize?: number;
}

export function postgresSink<T>(spec: PostgresSinkSpec): PostgresSink<T> {
  // why: a changelog's records say in `__rowKind` what to do with their row; the field is no column of the table
  const columns = spec.columns.filter((c) => c !== ROW_KIND_FIELD);
  const changelog = columns.length !== spec.columns.length;
  const isTimestamp = columns.map((c) => spec.timestamps.includes(c));
  const toRow = (record: T): unknown[] => {
    const r = record as Record<string, unknown>;
    const row = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const v = r[columns[i]!];
      row[i] = v === undefined ? null : isTimestamp[i] && typeof v === "number" ? new Date(v) : v;
    }
    return row;
  };
  const options = { connection: spec.url, table: spec.table, columns, toRow, ...(spec.batchSize === undefined ? {} : { batchSize: spec.batchSize }) };
  if (spec.mode === "upsert") return PostgresSink.upsert<T>({ ...options, key: spec.key ?? [], ...(changelog ? { deletes: deletesItsRow } : {}) });
  assert(!changelog, `the exactly-once postgres sink on ${spec.table} was given a changelog with deletions (the checker refuses it: FLOW4042)`);
  return PostgresSink.exactlyOnce<T>(options);
}

/**
 * A -D deletes its row, and so does a -U (Flink's JDBC sink does the same): the +U that usually follows upserts the
 * new row — in the same batch, where only it goes out — and when the row's key changed, the old key's row must go.
 */
function deletesItsRow(record: unknown): boolean {
  const kind = (record as Record<string, unknown>)[ROW_KIND_FIELD];
  return kind === "-D" || kind === "-U";
}
