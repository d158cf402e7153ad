// What taking rows back costs: a SQL GROUP BY with a HAVING that a group can stop matching (compiled to `aggregate |
// changelog | filter`: the update stream turned into its changelog, Flink's filter over UPDATE_BEFORE/UPDATE_AFTER)
// against the same GROUP BY without HAVING (the update stream alone), and a hand-written loop that keeps each key's
// sum and the set of matching keys. Rows per wall second through the generated code (fused, one thread, output counted
// where it arrives), each a ratio to the loop; all three checksum the final matching rows.
//
// Run: npx tsx bench/changelog/having.bench.ts [rows] [--quick]   (results: bench/results/having[-quick].json)
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { importBundle } from "../../compiler/bundle/import-bundle.js";
import { compileSql } from "../../compiler/sql/compile-sql.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Row {
  k: number;
  v: number;
}
type Factory = (options: Record<string, unknown>) => { run(): Promise<unknown> };

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000);
/** About ten rows per key, so a key's sum passes the bound after about half of them. */
const KEYS = Math.max(1, Math.floor(N / 10));
const BOUND = 250;
const rows: Row[] = Array.from({ length: N }, (_, i) => ({ k: (i * 7919) % KEYS, v: (i * 31) % 50 }));

const TABLE = "CREATE TABLE t (k INT NOT NULL, v INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";

/** A compiled SQL query run over `rows`; the checksum of its final rows (a changelog's net, an update stream's last per key). */
async function compiled(select: string): Promise<() => Promise<number>> {
  const result = compileSql(`${TABLE}${select};`, "having.sql", { fuse: true, format: false });
  if (!result.ok) throw new Error(`${select} does not compile`);
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir }), "eddy-having-bench-");
  const info = result.queries[0]!;
  const retract = info.changelog.kind === "retract";
  return async () => {
    // the checksum of the result at the end: sum of k × s over its rows, kept as changes arrive
    const last = new Map<number, number>();
    let checksum = 0;
    const sink = (r: { k: number; s: number; __rowKind?: string }) => {
      if (retract) {
        checksum += (r.__rowKind === "-U" || r.__rowKind === "-D" ? -1 : 1) * r.k * r.s;
        return;
      }
      checksum += r.k * r.s - r.k * (last.get(r.k) ?? 0);
      last.set(r.k, r.s);
    };
    await module[info.job]!({ sources: { t: rows }, sinks: { [info.sink]: sink }, workers: 1 }).run();
    return checksum;
  };
}

function handWritten(bound: number | null): number {
  const sums = new Map<number, number>();
  for (const r of rows) sums.set(r.k, (sums.get(r.k) ?? 0) + r.v);
  let checksum = 0;
  for (const [k, s] of sums) if (bound === null || s < bound) checksum += k * s;
  return checksum;
}

const having = await compiled(`SELECT k, SUM(v) AS s FROM t GROUP BY k HAVING SUM(v) < ${BOUND}`);
const plain = await compiled("SELECT k, SUM(v) AS s FROM t GROUP BY k");
let sums = { loop: 0, having: 0, plain: 0 };
const loop = await measure("hand-written loop: sums, then the matching keys (baseline)", N, () => void (sums.loop = handWritten(BOUND)));
const withHaving = await measure("GROUP BY … HAVING (aggregate | changelog | filter)", N, async () => void (sums.having = await having()));
const withoutHaving = await measure("GROUP BY without HAVING (aggregate: the update stream)", N, async () => void (sums.plain = await plain()));
if (sums.having !== sums.loop) throw new Error(`HAVING checksum ${sums.having} ≠ loop ${sums.loop}`);
if (sums.plain !== handWritten(null)) throw new Error(`GROUP BY checksum ${sums.plain} ≠ loop ${handWritten(null)}`);
printTable(`GROUP BY with a HAVING rows leave, ${N.toLocaleString("en")} rows over ${KEYS.toLocaleString("en")} keys (rows per wall second)`, loop, [withHaving, withoutHaving]);
console.log(`HAVING ÷ without: ${(withHaving.perSecond / withoutHaving.perSecond).toFixed(2)}`);
saveResult(process.argv.includes("--quick") ? "having-quick" : "having", {
  unit: "rows per wall second", rows: N, keys: KEYS,
  results: [loop, withHaving, withoutHaving].map((r) => ({ name: r.name, perSecond: r.perSecond, runs: r.runs, vsBaseline: r.perSecond / loop.perSecond })),
  havingVsWithout: withHaving.perSecond / withoutHaving.perSecond,
});
sums = { loop: 0, having: 0, plain: 0 };
