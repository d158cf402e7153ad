// SQL text of the PostgreSQL scan source: the primary key that orders a split's rows, and the query a split's cursor
// runs — each row as one JSON document of the columns read.
import pg from "pg";
import { quoteTable } from "./sql.js";
import type { ScanSplit } from "./scan-splits.js";

/** The table's primary key columns in key order (none for a table without one, or a view); fails for an unknown table. */
export function primaryKeyQuery(table: string): { readonly text: string; readonly values: unknown[] } {
  return {
    text:
      "SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) " +
      "WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
    values: [quoteTable(table)],
  };
}

export interface ScanShape {
  readonly table: string;
  /** The columns read: the keys of each row's JSON document. */
  readonly columns: readonly string[];
  /** The primary key: the rows' order; empty: the rows are ordered by their JSON text. */
  readonly key: readonly string[];
  /** The partition column the split's range is on (null: the whole table). */
  readonly partitionColumn: string | null;
}

/**
 * `SELECT to_json(r.*)::text FROM t AS s, LATERAL (SELECT s."a", …) AS r [WHERE range] ORDER BY …`: one JSON document
 * per row — PostgreSQL converts every type (numbers, booleans, timestamps as ISO 8601, arrays, json) the way the
 * source's schema then checks. The order is total, so the same query in another snapshot of an unchanged table skips
 * exactly the rows a restored reader emitted before: the primary key, or — without one — the document itself (rows
 * with equal documents are equal records, so which of them comes first does not matter).
 */
export function scanQuery(shape: ScanShape, split: ScanSplit): { readonly text: string; readonly values: number[] } {
  const id = (c: string) => `s.${pg.escapeIdentifier(c)}`;
  // why `r.*`: a bare `r` would also name a column `r` of the table (ambiguous); `r.*` is always the row
  const row = "to_json(r.*)::text";
  let text = `SELECT ${row} AS row FROM ${quoteTable(shape.table)} AS s CROSS JOIN LATERAL (SELECT ${shape.columns.map(id).join(", ")}) AS r`;
  const values: number[] = [];
  if (split.range !== null) {
    if (shape.partitionColumn === null) throw new RangeError("a split with a range needs the partition column");
    const column = id(shape.partitionColumn);
    const { lower, upper, last } = split.range;
    // why `< upper + 1`: see ScanSplit — no value of a fractional column falls between two ranges
    text += last ? ` WHERE ${column} >= $1 AND ${column} <= $2` : ` WHERE ${column} >= $1 AND ${column} < $2`;
    values.push(lower, last ? upper : upper + 1);
  }
  // why COLLATE "C": byte order is total and the same on every server, whatever the database's collation
  text += shape.key.length > 0 ? ` ORDER BY ${shape.key.map(id).join(", ")}` : ` ORDER BY ${row} COLLATE "C"`;
  return { text, values };
}
