// SQL text of the PostgreSQL sinks: quoted identifiers, batched INSERT / upsert / DELETE-by-key statements, and
// the global ids of prepared transactions.
import { createHash } from "node:crypto";
import pg from "pg";

/** Parameters per statement are limited to 65535 by the wire protocol. */
export const MAX_PARAMETERS = 65_535;

/** `schema.table` or `table`, each part quoted (so names keep their case and may be keywords). */
export function quoteTable(table: string): string {
  return table.split(".").map((part) => pg.escapeIdentifier(part)).join(".");
}

export interface InsertShape {
  readonly table: string;
  readonly columns: readonly string[];
  /** Upsert: the conflict target (a unique or primary key); null for plain inserts. */
  readonly key: readonly string[] | null;
}

/** `INSERT INTO t (a, b) VALUES ($1, $2), … [ON CONFLICT (k) DO UPDATE SET b = EXCLUDED.b]`. */
export function insertStatement(shape: InsertShape, rows: number): string {
  const width = shape.columns.length;
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    const params: string[] = [];
    for (let c = 1; c <= width; c++) params.push(`$${r * width + c}`);
    values.push(`(${params.join(", ")})`);
  }
  let text = `INSERT INTO ${quoteTable(shape.table)} (${shape.columns.map((c) => pg.escapeIdentifier(c)).join(", ")}) VALUES ${values.join(", ")}`;
  if (shape.key !== null) {
    const target = shape.key.map((c) => pg.escapeIdentifier(c)).join(", ");
    const updates = shape.columns.filter((c) => !shape.key!.includes(c)).map((c) => `${pg.escapeIdentifier(c)} = EXCLUDED.${pg.escapeIdentifier(c)}`);
    text += updates.length === 0 ? ` ON CONFLICT (${target}) DO NOTHING` : ` ON CONFLICT (${target}) DO UPDATE SET ${updates.join(", ")}`;
  }
  return text;
}

/**
 * `DELETE FROM t WHERE "k" IN ($1, $2, …)`, or `WHERE ("a", "b") IN (($1, $2), …)` for a key of several columns
 * (PostgreSQL plans either as lookups in the key's index): the parameters are each row's key values in key order.
 */
export function deleteStatement(shape: { readonly table: string; readonly key: readonly string[] }, rows: number): string {
  const width = shape.key.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const params: string[] = [];
    for (let c = 1; c <= width; c++) params.push(`$${r * width + c}`);
    tuples.push(width === 1 ? params[0]! : `(${params.join(", ")})`);
  }
  const columns = shape.key.map((c) => pg.escapeIdentifier(c)).join(", ");
  return `DELETE FROM ${quoteTable(shape.table)} WHERE ${width === 1 ? columns : `(${columns})`} IN (${tuples.join(", ")})`;
}

/** Names in a gid: no ':' (the separator) or quotes, and short enough for PostgreSQL's 200-byte limit. */
function gidPart(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.\- ]/g, "_");
  if (clean.length <= 48) return clean;
  // why: a truncated name keeps a hash of the whole, so two long names still differ
  return `${clean.slice(0, 39)}~${createHash("sha1").update(name).digest("hex").slice(0, 8)}`;
}

/** The gid prefix of one sink subtask: every transaction it prepares starts with it. */
export function gidPrefix(job: string, operator: string, subtask: number): string {
  return `eddy:${gidPart(job)}:${gidPart(operator)}:${subtask}:`;
}

/** `eddy:<job>:<operator>:<subtask>:<checkpointId>:<attempt>`. */
export function transactionGid(job: string, operator: string, subtask: number, checkpointId: number, attempt: number): string {
  return `${gidPrefix(job, operator, subtask)}${checkpointId}:${attempt}`;
}

/** A gid as an SQL string literal (PREPARE / COMMIT PREPARED take no parameters). */
export function gidLiteral(gid: string): string {
  return `'${gid.replace(/'/g, "''")}'`;
}
