// Flink SQL's `jdbc` connector reading a real PostgreSQL table: a query over a table of every SQL type Eddy maps (NULLs
// included) returns the rows inserted here, and a row that does not fit its column's declared type is a dead letter; a
// partitioned scan at parallelism 3 returns the whole table; a lookup join against a jdbc table returns what DuckDB
// computes from the same rows.
import type { ExecutionContext } from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import type { DeadLetter } from "../../../runtime/support/index.js";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { isolated, PG_URL, pgTest as test, query } from "./pg-harness.js";

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

/** `jdbc:postgresql://…` for the test server's `postgres://…` URL, and its user. */
function jdbc(): { url: string; user: string } {
  const u = new URL(PG_URL);
  return { url: `jdbc:postgresql://${u.host}${u.pathname}`, user: decodeURIComponent(u.username) };
}

/** Compiles the script and runs its SELECTs, in order: the rows of each, and the dead letters of all. */
async function runQueries(t: ExecutionContext, script: string, options: Record<string, unknown> = {}): Promise<{ rows: Record<string, unknown>[][]; letters: DeadLetter[]; operators: { name: string; parallelism: number }[] }> {
  const result = compileSql(script, "read.sql");
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, () => script));
  const bundle = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-sql-jdbc-source-");
  t.teardown(() => bundle.dispose());
  const rows: Record<string, unknown>[][] = [];
  const letters: DeadLetter[] = [];
  const operators: { name: string; parallelism: number }[] = [];
  for (const q of result.queries) {
    const out: Record<string, unknown>[] = [];
    const run = (await bundle.module[q.job]!({ sinks: { [q.sink]: (r: Record<string, unknown>) => void out.push(r) }, onDeadLetter: (d: DeadLetter) => letters.push(d), workers: 1, ...options }).run()) as { metrics: { operators: { name: string; parallelism: number }[] } };
    rows.push(out);
    operators.push(...run.metrics.operators);
  }
  return { rows, letters, operators };
}

type Customer = {
  id: number; qty: number | null; price: number | null; amount: number | null; name: string | null; active: boolean | null;
  created: number | null; changed: number | null; day: number | null; tags: (string | null)[] | null;
};

const T0 = Date.UTC(2024, 4, 17, 8, 30, 0, 250);
/** Customer i as inserted, and as a query reads it (timestamps in epoch ms); every 5th has NULL in each nullable column. */
function customer(i: number): Customer {
  if (i % 5 === 4) return { id: i, qty: null, price: null, amount: null, name: null, active: null, created: null, changed: null, day: null, tags: null };
  return {
    id: i, qty: 10_000_000_000 + i, price: i * 2.5, amount: i + 0.75, name: `c'${i}`, active: i % 3 === 0,
    created: T0 + i * 3_600_000, changed: T0 - i * 1000, day: Date.UTC(2024, 1, 1 + i), tags: i % 2 === 0 ? [`t${i}`, null] : [],
  };
}

const N = 40;
const CUSTOMERS = Array.from({ length: N }, (_, i) => customer(i));

async function createCustomers(schema: string): Promise<string> {
  const table = `${schema}.customers`;
  await query(`CREATE TABLE ${table} (id integer PRIMARY KEY, qty bigint, price double precision, amount numeric(10, 2), name varchar(40), active boolean,
    created timestamp(3), changed timestamptz, day date, tags text[])`);
  const ts = (ms: number | null, offset: boolean) => (ms === null ? null : offset ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, -1));
  for (const c of CUSTOMERS) {
    await query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      c.id, c.qty, c.price, c.amount, c.name, c.active, ts(c.created, false), ts(c.changed, true), c.day === null ? null : new Date(c.day).toISOString().slice(0, 10), c.tags,
    ]);
  }
  return table;
}

const ddl = (table: string, options = "") => {
  const { url, user } = jdbc();
  return `CREATE TABLE customers (id INT NOT NULL, qty BIGINT, price DOUBLE, amount DECIMAL(10, 2), name STRING, active BOOLEAN, created TIMESTAMP(3), changed TIMESTAMP_LTZ(3), day DATE, tags ARRAY<STRING>,
  PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '${url}', 'username' = '${user}', 'table-name' = '${table}'${options});\n`;
};

test("a query reads a jdbc table: every column type as inserted, NULLs as NULL; a value that does not fit is a dead letter", async (t) => {
  const { schema } = await isolated(t, "sql_jdbc_read");
  const table = await createCustomers(schema);
  await query(`INSERT INTO ${table} (id, qty) VALUES (500, 1152921504606846976)`); // 2^60: beyond a double's integers
  const { rows, letters } = await runQueries(t, `${ddl(table, ", 'scan.fetch-size' = '6'")}SELECT * FROM customers;
SELECT name, price * 2 AS doubled FROM customers WHERE active;`);
  t.deepEqual(rows[0], CUSTOMERS, "in primary key order");
  t.deepEqual(rows[1], CUSTOMERS.filter((c) => c.active === true).map((c) => ({ name: c.name, doubled: c.price! * 2 })));
  // one per query: each job reads the table; the raw row keeps the digits
  t.regex(letters[0]!.raw, /"qty":1152921504606846976/);
  t.deepEqual(letters.map((l) => [l.source, l.position, l.reason]), [
    ["customers", N + 1, "field `qty` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly"],
    ["customers", N + 1, "field `qty` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly"],
  ]);
});

test("a partitioned scan ('scan.partition.*') at parallelism 3 returns the whole table (on two worker threads)", async (t) => {
  const { schema } = await isolated(t, "sql_jdbc_partitioned");
  const table = await createCustomers(schema);
  const partition = `, 'scan.partition.column' = 'id', 'scan.partition.num' = '4', 'scan.partition.lower-bound' = '0', 'scan.partition.upper-bound' = '${N - 1}', 'scan.fetch-size' = '3'`;
  const { rows, letters, operators } = await runQueries(t, `${ddl(table, partition)}SELECT * FROM customers;`, { parallelism: 3, workers: 2 });
  t.deepEqual(operators.filter((o) => o.name === "source:customers").map((o) => o.parallelism), [3], "three readers of four ranges");
  t.deepEqual(bag(rows[0]!), bag(CUSTOMERS));
  t.deepEqual(letters, []);
});

test("a lookup join against a jdbc table returns what DuckDB computes from the same rows", async (t) => {
  const { schema } = await isolated(t, "sql_jdbc_lookup");
  const table = await createCustomers(schema);
  const orders = Array.from({ length: 60 }, (_, i) => ({ oid: i, cid: i % 9 === 8 ? null : (i * 7) % (N + 5) }));
  const ordersDdl = "CREATE TABLE orders (oid INT NOT NULL, cid INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');\n";
  const join = (kind: string) => `SELECT o.oid, o.cid, c.name, c.price FROM (SELECT *, PROCTIME() AS pt FROM orders) AS o ${kind} JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.cid = c.id`;
  const { rows } = await runQueries(t, `${ordersDdl}${ddl(table, ", 'scan.fetch-size' = '8'")}${join("")};\n${join("LEFT")};`, { sources: { orders } });
  const expected = await duckdbRows(
    {
      orders: { columns: [["oid", "INTEGER"], ["cid", "INTEGER"]], rows: orders },
      customers: { columns: [["id", "INTEGER"], ["name", "VARCHAR"], ["price", "DOUBLE"]], rows: CUSTOMERS.map((c) => ({ id: c.id, name: c.name === null ? null : c.name.replace("'", "''"), price: c.price })) },
    },
    ["SELECT o.oid, o.cid, c.name, c.price FROM orders o JOIN customers c ON o.cid = c.id", "SELECT o.oid, o.cid, c.name, c.price FROM orders o LEFT JOIN customers c ON o.cid = c.id"],
  );
  t.deepEqual(bag(rows[0]!), bag(expected[0]!));
  t.deepEqual(bag(rows[1]!), bag(expected[1]!));
  t.true(expected[1]!.some((r) => r.name === null && r.cid !== null), "some orders find no customer");
});
