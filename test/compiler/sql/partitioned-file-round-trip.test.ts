// A PARTITIONED BY filesystem table written by one SQL job (the partitioned file sink) and read back by another (the
// partitioned file source, as Flink's filesystem connector reads its own tables): the rows read, partition columns
// included, are the rows written — in JSON and in Flink's header-less CSV, with values the directory names escape, a
// null partition value, and an INT partition column; and a lookup join loads such a table with its partition columns.
import test from "ava";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

interface Row {
  id: number;
  name: string | null;
  price: number;
  ts: number;
  dt: string | null;
  hm: string;
  bucket: number;
}

/** The rows written: `hm` holds `:` and `/` (escaped in directory names), one `dt` is null (`__DEFAULT_PARTITION__`). */
const ROWS: readonly Row[] = [
  { id: 1, name: "a", price: 1.5, ts: Date.UTC(2015, 6, 15, 12, 5), dt: "2015-07-15", hm: "12:05", bucket: 0 },
  { id: 2, name: null, price: -2, ts: Date.UTC(2015, 6, 15, 12, 5, 30), dt: "2015-07-15", hm: "12:05", bucket: 1 },
  { id: 3, name: "c, \"quoted\"", price: 0.25, ts: Date.UTC(2015, 6, 15, 13), dt: "2015-07-15", hm: "13:00", bucket: 0 },
  { id: 4, name: "d", price: 4, ts: Date.UTC(2015, 6, 16), dt: "2015-07-16", hm: "a/b=c%", bucket: 12 },
  { id: 5, name: "e", price: 5, ts: Date.UTC(2015, 6, 16, 1), dt: null, hm: "01:00", bucket: 3 },
  { id: 6, name: "f", price: 6, ts: Date.UTC(2015, 6, 16, 1, 1), dt: null, hm: "01:00", bucket: 3 },
];

const COLUMNS = "id INT, name STRING, price DOUBLE, ts TIMESTAMP(3), dt STRING, hm STRING, bucket INT";

const table = (name: string, path: string, format: string, partitioned: string) =>
  `CREATE TABLE ${name} (${COLUMNS}) ${partitioned} WITH ('connector' = 'filesystem', 'path' = 'file://${path}', 'format' = '${format}');\n`;

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "eddy-partitioned-table-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the one INSERT of `script` to its end, its table `t` replaced by `rows`: its sink writes its files. */
async function runInsert(script: string, rows: readonly object[]): Promise<void> {
  const result = compileSql(script, "write.sql", { fuse: true, format: false });
  if (!result.ok) throw new Error(`the script does not compile:\n${formatDiagnostics(result.check.diagnostics, () => script)}`);
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-sql-write-");
  await module[result.queries[0]!.job]!({ sources: { t: rows }, workers: 1, parallelism: 2 }).run();
}

for (const format of ["json", "csv"] as const) {
  test(`${format}: the rows a PARTITIONED BY table is read back with are the rows written to it, partition columns included`, async (t) => {
    const dir = tempDir(t);
    const out = join(dir, "bids");
    const partitioned = "PARTITIONED BY (dt, hm, bucket)";
    await runInsert(`${table("t", join(dir, "unused.jsonl"), "json", "")}${table("p", out, format, partitioned)}INSERT INTO p SELECT * FROM t;`, ROWS);
    // the sink wrote partition directories (the names are the sink's tests' subject; here only that there are some)
    t.deepEqual(readdirSync(out).filter((n) => !n.startsWith(".")).sort(), ["dt=2015-07-15", "dt=2015-07-16", "dt=__DEFAULT_PARTITION__"]);
    // a record that did not read back would be a dead letter, missing here
    const [read] = await runSqlQueries(`${table("p", out, format, partitioned)}SELECT * FROM p;`, {});
    t.deepEqual([...read!].sort((a, b) => (a["id"] as number) - (b["id"] as number)), ROWS as unknown as Record<string, unknown>[]);
  });
}

test("a lookup join loads a PARTITIONED BY table whole, partition columns included", async (t) => {
  const dir = tempDir(t);
  const out = join(dir, "dim");
  const partitioned = "PARTITIONED BY (dt, hm, bucket)";
  await runInsert(`${table("t", join(dir, "unused.jsonl"), "json", "")}${table("p", out, "json", partitioned)}INSERT INTO p SELECT * FROM t;`, ROWS);
  const script =
    "CREATE TABLE o (k INT) WITH ('connector' = 'filesystem', 'path' = 'o.jsonl', 'format' = 'json');\n" +
    `${table("p", out, "json", partitioned)}` +
    "SELECT o.k, d.dt, d.hm, d.bucket FROM (SELECT *, PROCTIME() AS pt FROM o) AS o LEFT JOIN p FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.id;";
  const [rows] = await runSqlQueries(script, { o: [{ k: 4 }, { k: 5 }, { k: 9 }] });
  t.deepEqual([...rows!].sort((a, b) => (a["k"] as number) - (b["k"] as number)), [
    { k: 4, dt: "2015-07-16", hm: "a/b=c%", bucket: 12 },
    { k: 5, dt: null, hm: "01:00", bucket: 3 },
    { k: 9, dt: null, hm: null, bucket: null },
  ]);
});
