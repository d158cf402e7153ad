// The `postgres(url, table, …)` source of a .flow job: the runtime's PostgresSource reading one column per field of
// the source's schema; rows that do not fit the schema become dead letters, named by their place in their split.
import { PostgresSource } from "../index.js";
import { readPostgresRow } from "./postgres-row.js";
import type { DeadLetterHandler, SchemaType } from "./validate.js";

/** The connector's arguments, as written (Flink's scan.partition.* and scan.fetch-size under .flow names). */
export interface PostgresSourceArgs {
  /** A connection string; what it leaves out comes from the PG* environment variables (PGPASSWORD, …). */
  readonly url: string;
  readonly table: string;
  readonly partitionColumn?: string;
  readonly partitions?: number;
  readonly lowerBound?: number;
  readonly upperBound?: number;
  readonly fetchSize?: number;
}

/** Thrown by deserialize for a row that does not fit: the source turns it into a dead letter. */
class MisfitRow extends Error {}

export function postgresSource<T>(name: string, args: PostgresSourceArgs, type: SchemaType, onDeadLetter: DeadLetterHandler): PostgresSource<T> {
  if (type.kind !== "record") throw new RangeError(`postgres source ${name} reads records, not ${type.kind}`);
  const partition = args.partitionColumn === undefined
    ? undefined
    : { column: args.partitionColumn, partitions: args.partitions!, lowerBound: args.lowerBound!, upperBound: args.upperBound! };
  return new PostgresSource<T>({
    connection: args.url,
    table: args.table,
    columns: type.fields.map((f) => f.name),
    deserialize: (row) => {
      const read = readPostgresRow(row, type);
      if ("reason" in read) throw new MisfitRow(read.reason);
      return read.value as T;
    },
    ...(partition === undefined ? {} : { partition }),
    ...(args.fetchSize === undefined ? {} : { fetchSize: args.fetchSize }),
    // why the range in the source's name: a row's place counts within its split, so the split says which count
    onDeadLetter: (letter) => onDeadLetter({
      source: letter.range === null ? name : `${name} (${args.partitionColumn} in [${letter.range.lower}, ${letter.range.upper}])`,
      position: letter.row,
      reason: letter.reason,
      raw: letter.data,
    }),
  });
}
