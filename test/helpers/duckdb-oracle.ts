// DuckDB as the oracle of the SQL tests: tables filled with the rows the job reads, the same queries run on them, the
// result rows as plain values (a COUNT's BIGINT as a number).
import { DuckDBInstance } from "@duckdb/node-api";

type Value = number | string | null;

export interface OracleTable {
  /** The columns in order, with their DuckDB types: [["k", "INTEGER"], ["y", "VARCHAR"]]. */
  readonly columns: readonly (readonly [name: string, type: string])[];
  readonly rows: readonly Readonly<Record<string, Value>>[];
}

/** Each query's rows, in query order. */
export async function duckdbRows(tables: Readonly<Record<string, OracleTable>>, queries: readonly string[]): Promise<Record<string, unknown>[][]> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const literal = (v: Value) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v}'`);
  for (const [name, table] of Object.entries(tables)) {
    await connection.run(`CREATE TABLE ${name} (${table.columns.map(([c, type]) => `${c} ${type}`).join(", ")})`);
    await connection.run(`INSERT INTO ${name} VALUES ${table.rows.map((r) => `(${table.columns.map(([c]) => literal(r[c] ?? null)).join(", ")})`).join(", ")}`);
  }
  // why Number: DuckDB's COUNT is a BIGINT, which the driver gives as a bigint
  const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));
  const out: Record<string, unknown>[][] = [];
  for (const q of queries) out.push(((await connection.runAndReadAll(q)).getRowObjects() as Record<string, unknown>[]).map(plain));
  return out;
}

/** Rows as a sorted bag of JSON texts (what an unordered result is compared by). */
export function bag(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
