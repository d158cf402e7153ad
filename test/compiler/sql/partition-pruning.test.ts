// Partition pruning end to end: a query on a PARTITIONED BY filesystem table whose WHERE restricts partition columns
// reads only the matching partition directories — fused and with --no-fuse — and returns the rows the same query
// returns without pruning. The proof that other partitions are not opened: their malformed files, which every read
// turns into dead letters, leave none. A partition value that does not convert is still read (its dead letter stays).
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { printIr } from "../../../compiler/ir/print.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import type { DeadLetter } from "../../../runtime/support/validate.js";

type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "eddy-partition-pruning-sql-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A table as the partitioned sink writes it, plus files no read can take: only pruning keeps them out of the dead letters. */
const TREE: Readonly<Record<string, string>> = {
  "dt=2026-01-01/hr=1/part-0-0.jsonl": '{"x":3,"name":"a"}\n{"x":7,"name":"b"}\n',
  "dt=2026-01-01/hr=2/part-0-0.jsonl": '{"x":9,"name":"c"}\n',
  "dt=2026-01-02/hr=1/part-0-0.jsonl": 'not json\n{"x":10,"name":"z"}\n',
  "dt=__DEFAULT_PARTITION__/hr=1/part-0-0.jsonl": "not json either\n",
  // a matching day whose hour does not convert to INT: read, and its row a dead letter, with or without pruning
  "dt=2026-01-01/hr=seven/part-0-0.jsonl": '{"x":8,"name":"d"}\n',
};

function writeTree(dir: string): void {
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const table = (path: string) =>
  `CREATE TABLE t (x INT, name STRING, dt STRING, hr INT) PARTITIONED BY (dt, hr) WITH ('connector' = 'filesystem', 'path' = 'file://${path}', 'format' = 'json');\n`;

/** Compiles and runs the one query of `script`: its rows, its dead letters, and the pruning condition of its source. */
async function run(script: string, fuse: boolean): Promise<{ rows: Record<string, unknown>[]; dead: DeadLetter[]; pruning: string | null }> {
  const result = compileSql(script, "q.sql", { fuse, format: false });
  if (!result.ok) throw new Error(`the script does not compile:\n${formatDiagnostics(result.check.diagnostics, () => script)}`);
  const source = result.plan!.jobs[0]!.nodes.find((n) => n.kind === "source")!;
  const pruning = source.kind === "source" && source.partitionFilter !== undefined ? printIr(source.partitionFilter) : null;
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-sql-pruning-");
  const rows: Record<string, unknown>[] = [];
  const dead: DeadLetter[] = [];
  const q = result.queries[0]!;
  await module[q.job]!({ sinks: { [q.sink]: (r: Record<string, unknown>) => void rows.push(r) }, onDeadLetter: (d: DeadLetter) => dead.push(d), workers: 1 }).run();
  rows.sort((a, b) => (a["x"] as number) - (b["x"] as number));
  return { rows, dead, pruning };
}

const WHERE_PRUNED = "WHERE dt = '2026-01-01' AND x > 5";
// why this one reads every partition: its disjunct on `x` reads a row field, so no conjunct is on partition columns only
const WHERE_UNPRUNED = "WHERE (dt = '2026-01-01' OR x < -1000) AND x > 5";
const EXPECTED = [{ name: "b", x: 7, hr: 1 }, { name: "c", x: 9, hr: 2 }];
const HOUR_SEVEN = "t (dt=2026-01-01/hr=seven/part-0-0.jsonl)";

for (const fuse of [true, false]) {
  const mode = fuse ? "fused" : "--no-fuse";

  test(`${mode}: WHERE on a partition column reads only the matching partitions, with the rows of a full read`, async (t) => {
    const dir = tempDir(t);
    writeTree(dir);
    const pruned = await run(`${table(dir)}SELECT name, x, hr FROM t ${WHERE_PRUNED};`, fuse);
    const full = await run(`${table(dir)}SELECT name, x, hr FROM t ${WHERE_UNPRUNED};`, fuse);
    t.is(pruned.pruning, '(if dt == null then null else dt ?? "" == "2026-01-01") == true');
    t.is(full.pruning, null);
    t.deepEqual(pruned.rows, EXPECTED);
    t.deepEqual(full.rows, EXPECTED);
    // the full read opened the other days' and the default partition's files; the pruned one only the matching day's
    t.deepEqual(pruned.dead.map((d) => d.source), [HOUR_SEVEN]);
    t.deepEqual(full.dead.map((d) => d.source).sort(), ["t (dt=2026-01-02/hr=1/part-0-0.jsonl)", "t (dt=__DEFAULT_PARTITION__/hr=1/part-0-0.jsonl)", HOUR_SEVEN].sort());
  });

  test(`${mode}: IS NULL on a partition column reads the default partition only`, async (t) => {
    const dir = tempDir(t);
    writeTree(dir);
    writeFileSync(join(dir, "dt=__DEFAULT_PARTITION__/hr=1/part-0-1.jsonl"), '{"x":6,"name":"n"}\n');
    const { rows, dead, pruning } = await run(`${table(dir)}SELECT name, x, hr FROM t WHERE dt IS NULL AND hr >= 1;`, fuse);
    t.not(pruning, null);
    t.deepEqual(rows, [{ name: "n", x: 6, hr: 1 }]);
    // the other days are pruned; the hour that does not convert is read whatever the filter says
    t.deepEqual(dead.map((d) => d.source), ["t (dt=__DEFAULT_PARTITION__/hr=1/part-0-0.jsonl)", HOUR_SEVEN]);
  });
}
