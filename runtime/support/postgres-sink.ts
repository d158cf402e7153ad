// The `postgres(url, table, mode, key, batchSize)` sink of a .flow job: the runtime's PostgresSink, exactly-once
// (prepared transactions committed with the checkpoint) or upserting by key; one column per field of the records.
import { PostgresSink } from "../index.js";

export interface PostgresSinkSpec {
  /** A connection string; what it leaves out comes from the PG* environment variables (PGPASSWORD, …). */
  readonly url: string;
  readonly table: string;
  readonly mode: "exactly_once" | "upsert";
  /** The conflict target of `upsert` (null for exactly-once). */
  readonly key: readonly string[] | null;
  /** The record's fields in schema order: the table's columns. */
  readonly columns: readonly string[];
  /** Fields of type `timestamp` (epoch milliseconds in Eddy), written as dates for timestamp columns. */
  readonly timestamps: readonly string[];
  readonly batchSize?: number;
}

export function postgresSink<T>(spec: PostgresSinkSpec): PostgresSink<T> {
  const columns = spec.columns;
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
  return spec.mode === "upsert" ? PostgresSink.upsert<T>({ ...options, key: spec.key ?? [] }) : PostgresSink.exactlyOnce<T>(options);
}
