// The generated running aggregate that takes rows back (emit/retracting-aggregate-code.ts) emits exactly what the
// runtime's retractingAggregate (`--no-fuse`, runtime/support/retracting-aggregate.ts) emits. Over a changelog with
// deletions — a left join's output (`+I`, `-D` of a padded row, a group emptied and filled again) and that
// aggregate's own output (its `-U`/`+U` move rows between groups) — each key's change sequence is equal: count, count
// of a nullable value, sum, avg, min, max of strings and distinctCount, nulls skipped. Over an update stream (each
// replaced row taken back) each key's rows are, and their changelog where a filter needs it. At parallelism 1 every
// record in order; at 2–3 the rows the changes leave and the rows each key ends with. Checkpoints written while
// records flow change nothing, and the generated code passes strict tsc.
import test from "ava";
import fc from "fast-check";
import { rmSync } from "node:fs";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { netRows } from "../../helpers/net-rows.js";
import { propertyRuns } from "../../helpers/property.js";
import { TickingClock } from "../../helpers/ticking-clock.js";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const SOURCE = `
schema Order { k: int, id: int, v: int, ts: timestamp }
schema Pick { k: int, z: int?, name: string, ts: timestamp }
source orders: Order = collection([]) watermark ts delay 0s
source picks: Pick = collection([]) watermark ts delay 0s
sink changes = collect()
sink latest = collect()
sink regrouped = collect()
sink bigs = collect()
job j {
  let groups = orders | left join picks as p on k == p.k unbounded
    | map { k, z: if p == null then null else p.z, name: if p == null then "-" else p.name }
    | keyBy k
    | aggregate { n: count(), c: count(z), s: sum(z), av: avg(z), lo: min(z), hi: max(name), d: distinctCount(z) }
  groups | to changes
  // its -U/+U move a group's row between the groups of c
  groups | keyBy c | aggregate { keys: count(), total: sum(s) } | map { k: c, keys, total } | to regrouped
  orders | keyBy k, id | aggregate { lv: last(v) } | keyBy k | aggregate { n: count(), s: sum(lv), av: avg(lv), lo: min(lv), hi: max(lv), d: distinctCount(lv) } | to latest
  // the same, emitting its changelog (the normalize merged into it) for a filter a group can stop matching
  orders | keyBy k, id | aggregate { lv: last(v) } | keyBy k | aggregate { s: sum(lv) } | changelog | filter s > 3 | to bigs
}
`;

interface Order { readonly k: number; readonly id: number; readonly v: number; readonly ts: number }
interface Pick { readonly k: number; readonly z: number | null; readonly name: string; readonly ts: number }

const compiled = new Map<boolean, Promise<CompiledQuery>>();
const queryFor = (fuse: boolean) => {
  let q = compiled.get(fuse);
  if (q === undefined) compiled.set(fuse, (q = compileQuery(SOURCE, "retracting-aggregate.flow", "j", { fuse })));
  return q;
};

const byKey = (records: readonly Record<string, unknown>[]) => {
  const keys: Record<string, string[]> = {};
  for (const r of records) (keys[String(r["k"])] ??= []).push(JSON.stringify(r));
  return keys;
};
/** The last row of each key of an update stream. */
const lastRows = (records: readonly Record<string, unknown>[]) => Object.values(byKey(records)).map((rows) => rows[rows.length - 1]!).sort();

async function run(fuse: boolean, orders: readonly Order[], picks: readonly Pick[], parallelism: number, checkpoints = false) {
  const { collected, checkpoints: completed } = await runCompiled(await queryFor(fuse), {
    sources: { orders: orders.map((o) => ({ ...o })), picks: picks.map((p) => ({ ...p })) },
    parallelism,
    ...(checkpoints ? { clock: new TickingClock(), batchSize: 2 } : {}),
    checkpointing: checkpoints ? { intervalMs: 2, snapshotStep: 1 } : null,
  });
  const changes = (collected["changes"] ?? []) as Record<string, unknown>[];
  const latest = (collected["latest"] ?? []) as Record<string, unknown>[];
  const regrouped = (collected["regrouped"] ?? []) as Record<string, unknown>[];
  const bigs = (collected["bigs"] ?? []) as Record<string, unknown>[];
  return {
    changes: byKey(changes), net: netRows(changes), regrouped: byKey(regrouped), regroupedNet: netRows(regrouped),
    latest, lastRows: lastRows(latest), bigs: byKey(bigs), bigsNet: netRows(bigs), checkpoints: completed,
  };
}

const order = fc.record({ k: fc.integer({ min: 0, max: 3 }), id: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: -2, max: 5 }) });
const pick = fc.record({ k: fc.integer({ min: 0, max: 3 }), z: fc.option(fc.integer({ min: 0, max: 4 })), name: fc.constantFrom("a", "b", "c") });
const stamped = <T extends object>(xs: readonly T[]) => xs.map((x, i) => ({ ...x, ts: i }));

test("hand-computed: a group's first row +I, its padded row's -D and the match's +I move it by -U/+U, and a group of no rows is deleted", async (t) => {
  const orders = stamped([{ k: 1, id: 0, v: 0 }]);
  const picks = stamped([{ k: 1, z: 3, name: "b" }, { k: 1, z: null, name: "a" }]);
  const { changes } = await run(true, orders, picks, 1);
  // the order is padded first (no pick yet): one row with z null; then each pick takes the padded row back (-D) or adds a pair
  t.deepEqual(changes["1"]!.map((r) => JSON.parse(r) as Record<string, unknown>).map(({ n, c, s, lo, hi, d, __rowKind }) => ({ n, c, s, lo, hi, d, __rowKind })), [
    { n: 1, c: 0, s: null, lo: null, hi: "-", d: 0, __rowKind: "+I" },
    { n: 1, c: 0, s: null, lo: null, hi: "-", d: 0, __rowKind: "-D" }, // the padded row leaves: no rows
    { n: 1, c: 1, s: 3, lo: 3, hi: "b", d: 1, __rowKind: "+I" }, // the pair arrives: a new first row
    { n: 1, c: 1, s: 3, lo: 3, hi: "b", d: 1, __rowKind: "-U" },
    { n: 2, c: 1, s: 3, lo: 3, hi: "b", d: 1, __rowKind: "+U" },
  ]);
});

test("each key's changes are the runtime retractingAggregate's (--no-fuse) at parallelism 1; at 2–3 the rows they leave", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(order, { maxLength: 25 }), fc.array(pick, { maxLength: 15 }), fc.integer({ min: 1, max: 3 }), async (os, ps, parallelism) => {
      const orders = stamped(os);
      const picks = stamped(ps);
      const reference = await run(false, orders, picks, 1);
      const generated = await run(true, orders, picks, 1);
      t.deepEqual(generated.changes, reference.changes);
      t.deepEqual(generated.regrouped, reference.regrouped);
      t.deepEqual(generated.latest, reference.latest);
      t.deepEqual(generated.bigs, reference.bigs);
      if (parallelism > 1) {
        const parallel = await run(true, orders, picks, parallelism);
        // why the net rows: a left join at parallelism p sees the two sources interleaved differently, so it emits other changes for the same final rows
        t.deepEqual(parallel.net, reference.net);
        t.deepEqual(parallel.regroupedNet, reference.regroupedNet);
        t.deepEqual(parallel.lastRows, reference.lastRows);
        t.deepEqual(parallel.bigsNet, reference.bigsNet);
      }
    }),
    { numRuns: propertyRuns(20) },
  );
});

test("checkpoints written while records flow change none of the changes", async (t) => {
  const orders = stamped(fc.sample(order, { numRuns: 120, seed: 11 }));
  const picks = stamped(fc.sample(pick, { numRuns: 60, seed: 12 }));
  const reference = await run(false, orders, picks, 1);
  const checkpointed = await run(true, orders, picks, 1, true);
  t.true(checkpointed.checkpoints > 1, `several checkpoints completed (${checkpointed.checkpoints})`);
  // why the net rows of the join's side: paced by the ticking clock in batches of 2, the sources interleave otherwise
  t.deepEqual(checkpointed.net, reference.net);
  t.deepEqual(checkpointed.regroupedNet, reference.regroupedNet);
  t.deepEqual(checkpointed.latest, reference.latest);
  t.deepEqual(checkpointed.bigs, reference.bigs);
});

test("the generated retracting aggregates pass strict tsc, and nothing is interpreted", (t) => {
  const dir = scratchDir("retracting-aggregate");
  try {
    const result = compileText(SOURCE, { outDir: dir, fuse: true });
    t.true(result.ok);
    const chains = result.files.get("chains.ts") ?? "";
    for (const what of ["running aggregate over a changelog, emitting its own", "running aggregate taking replaced rows back.", "running aggregate taking replaced rows back, emitting its changelog"]) {
      t.true(chains.includes(what), what);
    }
    t.false(result.files.get("job.ts")?.includes("retractingAggregate") ?? true, "job.ts runs no interpreted aggregate");
    t.deepEqual(typeCheck(result).diagnostics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
