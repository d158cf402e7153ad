// Flink SQL's `jdbc` connector into a real PostgreSQL: an INSERT of a GROUP BY (an update stream) into a table with a
// PRIMARY KEY leaves the last count per key — worked out here from the input — and an INSERT of plain rows into a
// table without one leaves every row exactly once.
import type { ExecutionContext } from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { isolated, PG_URL, pgTest as test, query } from "./pg-harness.js";

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

const ROWS = Array.from({ length: 300 }, (_, i) => ({ id: i, k: `k${(i * 7) % 11}`, v: i % 13 }));
const INPUT = "CREATE TABLE input_ (id INT NOT NULL, k STRING NOT NULL, v INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl', 'format' = 'json');\n";

/** `jdbc:postgresql://…` for the test server's `postgres://…` URL, and its user. */
function jdbc(): { url: string; user: string } {
  const u = new URL(PG_URL);
  return { url: `jdbc:postgresql://${u.host}${u.pathname}`, user: decodeURIComponent(u.username) };
}

/** Compiles the script and runs its one INSERT job to the end, its declared sink writing into PostgreSQL. */
async function runInsert(t: ExecutionContext, script: string): Promise<void> {
  const result = compileSql(script, "load.sql");
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, () => script));
  const bundle = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir }), "eddy-sql-jdbc-");
  t.teardown(() => bundle.dispose());
  const [insert] = result.queries;
  await bundle.module[insert!.job]!({ sources: { input_: ROWS }, workers: 1 }).run();
}

test("GROUP BY into a jdbc table with a PRIMARY KEY: one row per key holding the final count and sum", async (t) => {
  const { schema } = await isolated(t, "sql_jdbc_upsert");
  await query(`CREATE TABLE ${schema}.totals (k text PRIMARY KEY, n bigint NOT NULL, total bigint NOT NULL)`);
  const { url, user } = jdbc();
  await runInsert(t, `${INPUT}CREATE TABLE totals (k STRING, n BIGINT, total BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '${url}', 'username' = '${user}', 'table-name' = '${schema}.totals', 'sink.buffer-flush.max-rows' = '7');
INSERT INTO totals SELECT k, COUNT(*), SUM(v) FROM input_ GROUP BY k;`);
  const expected = new Map<string, { n: number; total: number }>();
  for (const r of ROWS) {
    const e = expected.get(r.k) ?? { n: 0, total: 0 };
    expected.set(r.k, { n: e.n + 1, total: e.total + r.v });
  }
  const rows = await query<{ k: string; n: string; total: string }>(`SELECT k, n, total FROM ${schema}.totals ORDER BY k`);
  t.deepEqual(rows.map((r) => `${r.k}:${r.n}:${r.total}`), [...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, e]) => `${k}:${e.n}:${e.total}`));
});

test("plain rows into a jdbc table without a key: every row once (exactly-once appends)", async (t) => {
  const { schema } = await isolated(t, "sql_jdbc_append");
  await query(`CREATE TABLE ${schema}.big (id integer NOT NULL, k text NOT NULL)`);
  const { url, user } = jdbc();
  await runInsert(t, `${INPUT}CREATE TABLE big (id INT, k STRING) WITH ('connector' = 'jdbc', 'url' = '${url}', 'username' = '${user}', 'table-name' = '${schema}.big');
INSERT INTO big SELECT id, k FROM input_ WHERE v > 9;`);
  const rows = await query<{ id: number; k: string }>(`SELECT id, k FROM ${schema}.big ORDER BY id`);
  t.deepEqual(rows.map((r) => `${r.id}:${r.k}`), ROWS.filter((r) => r.v > 9).map((r) => `${r.id}:${r.k}`));
});
