// Eddy's `jetstream` SQL connector against the NATS server: a script reads one stream (bounded) as a table typed by
// its DDL, filters and projects it, and writes each row to another stream as a JSON message — the rows expected are
// worked out here from what was published.
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll, readStream } from "./js-harness.js";

test.after.always(closeShared);

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

const ORDERS = Array.from({ length: 400 }, (_, i) => ({ id: i, customer: `c${i % 9}`, amount: (i * 37) % 500, ts: new Date(1_700_000_000_000 + i * 1000).toISOString() }));

test("INSERT INTO a jetstream table SELECT … FROM a jetstream table: the filtered rows, once each, in stream order", async (t) => {
  const from = await isolatedStream(t, "sql_in");
  const to = await isolatedStream(t, "sql_out");
  await publishAll(ORDERS.map((o) => JSON.stringify(o)), () => `${from}.orders`);
  const script = `CREATE TABLE orders (id BIGINT NOT NULL, customer STRING NOT NULL, amount INT NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'jetstream', 'servers' = '${NATS}', 'stream' = '${from}', 'subject' = '${from}.orders', 'scan.bounded' = 'true');
CREATE TABLE big (id BIGINT, customer STRING, euros DOUBLE)
  WITH ('connector' = 'jetstream', 'servers' = '${NATS}', 'stream' = '${to}', 'subject' = '${to}.big', 'sink.min-duplicate-window' = '1 min');
INSERT INTO big SELECT id, customer, amount * 0.5 FROM orders WHERE amount >= 400;`;
  const result = compileSql(script, "copy.sql");
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, () => script));
  const bundle = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-sql-js-");
  t.teardown(() => bundle.dispose());
  await bundle.module[result.queries[0]!.job]!({ workers: 1 }).run();
  const written = (await readStream(to)).map((m) => m.text);
  const expected = ORDERS.filter((o) => o.amount >= 400).map((o) => ({ id: o.id, customer: o.customer, euros: o.amount * 0.5 }));
  t.deepEqual(written.map((d) => JSON.parse(d)), expected);
});
