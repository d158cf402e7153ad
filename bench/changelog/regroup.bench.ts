// What an aggregate of an aggregate costs: SQL GROUP BYs whose input rows are replaced, so the outer one takes each
// replaced row back — over an update stream regrouped by another column (its rows move between groups: the inner
// aggregate's changelog, `-U` then `+U`) and over an update stream grouped by part of its key (each group keeps its
// rows and takes the replaced one back). Rows per wall second through the generated code (fused) and through the
// interpreter (--no-fuse), each as a ratio to a hand-written loop keeping the same state; all checksum the final rows.
//
// Run: npx tsx bench/changelog/regroup.bench.ts [rows] [--quick]   (results: bench/results/regroup[-quick].json)
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { importBundle } from "../../compiler/bundle/import-bundle.js";
import { compileSql } from "../../compiler/sql/compile-sql.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Row {
  a: number;
  b: number;
  v: number;
}
type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };
type Out = Record<string, number | string | undefined>;

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000);
/** About ten rows per (a, b), ten b per a. */
const PAIRS = Math.max(1, Math.floor(N / 10));
const rows: Row[] = Array.from({ length: N }, (_, i) => {
  const pair = (i * 7919) % PAIRS;
  return { a: Math.floor(pair / 10), b: pair % 10, v: (i * 31) % 50 };
});

const TABLE = "CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, v INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
/** The inner sums regrouped by their value's tens: rows move between groups. */
const MOVING = "SELECT s / 10 AS g, COUNT(*) AS n, SUM(s) AS total FROM (SELECT a, b, SUM(v) AS s FROM t GROUP BY a, b) GROUP BY s / 10";
/** The inner sums grouped by `a`, part of their key: each group replaces a row of its own. */
const NESTED = "SELECT a, COUNT(*) AS n, SUM(s) AS total, MAX(s) AS top FROM (SELECT a, b, SUM(v) AS s FROM t GROUP BY a, b) GROUP BY a";

/** A compiled SQL query run over `rows`; the checksum of its final rows (a changelog's net, an update stream's last per key). */
async function compiled(select: string, key: string, fuse: boolean): Promise<() => Promise<number>> {
  const result = compileSql(`${TABLE}${select};`, "regroup.sql", { fuse, format: false });
  if (!result.ok) throw new Error(`${select} does not compile`);
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir }), "eddy-regroup-bench-");
  const info = result.queries[0]!;
  const retract = info.changelog.kind === "retract";
  return async () => {
    const last = new Map<unknown, number>();
    let checksum = 0;
    const weigh = (r: Out) => (Number(r[key]) + 1) * (Number(r["total"]) + 3 * Number(r["n"]) + Number(r["top"] ?? 0));
    const sink = (r: Out) => {
      if (retract) {
        checksum += (r["__rowKind"] === "-U" || r["__rowKind"] === "-D" ? -1 : 1) * weigh(r);
        return;
      }
      checksum += weigh(r) - (last.get(r[key]) ?? 0);
      last.set(r[key], weigh(r));
    };
    await module[info.job]!({ sources: { t: rows }, sinks: { [info.sink]: sink }, workers: 1 }).run();
    return checksum;
  };
}

/** The same state by hand: each pair's sum, and per outer group its row count, total and (nested) the values' counts. */
function handWritten(moving: boolean): number {
  const sums = new Map<number, number>();
  const groups = new Map<number, { n: number; total: number; values: Map<number, number> }>();
  const group = (g: number) => {
    let x = groups.get(g);
    if (x === undefined) groups.set(g, (x = { n: 0, total: 0, values: new Map() }));
    return x;
  };
  const change = (g: number, s: number, sign: number) => {
    const x = group(g);
    x.n += sign;
    x.total += sign * s;
    const c = (x.values.get(s) ?? 0) + sign;
    if (c === 0) x.values.delete(s);
    else x.values.set(s, c);
    if (x.n === 0) groups.delete(g);
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const pair = r.a * 10 + r.b;
    const before = sums.get(pair);
    const after = (before ?? 0) + r.v;
    sums.set(pair, after);
    const outer = moving ? Math.trunc(after / 10) : r.a;
    if (before !== undefined) change(moving ? Math.trunc(before / 10) : r.a, before, -1);
    change(outer, after, 1);
  }
  let checksum = 0;
  for (const [g, x] of groups) checksum += (g + 1) * (x.total + 3 * x.n + (moving ? 0 : Math.max(...x.values.keys())));
  return checksum;
}

const results = [];
for (const [what, select, key, moving] of [["rows move between groups", MOVING, "g", true], ["groups by part of the key", NESTED, "a", false]] as const) {
  const want = handWritten(moving);
  const fused = await compiled(select, key, true);
  const interpreted = await compiled(select, key, false);
  let sum = 0;
  const loop = await measure(`hand-written loop: ${what} (baseline)`, N, () => void (sum = handWritten(moving)));
  const generated = await measure(`generated (fused): ${what}`, N, async () => void (sum = await fused()));
  if (sum !== want) throw new Error(`fused checksum ${sum} ≠ loop ${want} (${what})`);
  const slow = await measure(`interpreted (--no-fuse): ${what}`, N, async () => void (sum = await interpreted()));
  if (sum !== want) throw new Error(`--no-fuse checksum ${sum} ≠ loop ${want} (${what})`);
  printTable(`GROUP BY over GROUP BY, ${what}: ${N.toLocaleString("en")} rows over ${PAIRS.toLocaleString("en")} inner groups (rows per wall second)`, loop, [generated, slow]);
  console.log(`fused ÷ --no-fuse: ${(generated.perSecond / slow.perSecond).toFixed(2)}`);
  results.push({ what, query: select, results: [loop, generated, slow].map((r) => ({ name: r.name, perSecond: r.perSecond, runs: r.runs, vsBaseline: r.perSecond / loop.perSecond })) });
}
saveResult(process.argv.includes("--quick") ? "regroup-quick" : "regroup", { unit: "rows per wall second", rows: N, pairs: PAIRS, results });
