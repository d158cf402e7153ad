// A generated running aggregate that emits its own changelog (passes/absorb-normalize.ts) emits exactly what the
// aggregate followed by a ChangelogNormalize emits: `--no-fuse` keeps the two operators apart, so it is the reference.
// Per key the change sequences must be equal — every aggregate function, nullable arguments, NaN, arrays, an unchanged
// row (nothing; a NaN is the same NaN), a renaming map before `changelog` and a filter and flatMap after it — at parallelism 1–3, and with
// checkpoints written copy-on-write while records flow. The generated code passes strict tsc.
import test from "ava";
import fc from "fast-check";
import { rmSync } from "node:fs";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { propertyRuns } from "../../helpers/property.js";
import { TickingClock } from "../../helpers/ticking-clock.js";
import { compileText, scratchDir, typeCheck } from "../helpers/compile.js";

const SOURCE = `
schema Row { k: int, v: int, x: float, o: int?, s: string, ts: timestamp }
source rows: Row = collection([]) watermark ts delay 0s
sink all = collect()
sink renamed = collect()
sink spread = collect()
sink nans = collect()
job j {
  rows | keyBy k | aggregate { n: count(), total: sum(v), mean: avg(x), low: min(v), high: max(s), oks: sum(o), first: first(o), last: last(s), seen: distinctCount(v), vs: collect(o), nan: max(x) } | changelog | to all
  rows | keyBy k % 3 | aggregate { high: max(v), cnt: count(o) } | map { bucket: key, high } | changelog | filter high % 2 == 0 | map { bucket, high } | to renamed
  rows | keyBy k | aggregate { total: sum(v) } | changelog | flatMap range(if total > 5 then 2 else 1) as copy | to spread
  rows | keyBy k | aggregate { high: max(x) } | changelog | to nans
}
`;
const SINKS = ["all", "renamed", "spread", "nans"] as const;
const KEYS: Record<(typeof SINKS)[number], string> = { all: "k", renamed: "bucket", spread: "k", nans: "k" };

interface Row {
  readonly k: number;
  readonly v: number;
  readonly x: number;
  readonly o: number | null;
  readonly s: string;
  readonly ts: number;
}

const compiled = new Map<boolean, Promise<CompiledQuery>>();
const queryFor = (fuse: boolean) => {
  let q = compiled.get(fuse);
  if (q === undefined) compiled.set(fuse, (q = compileQuery(SOURCE, "aggregate-changelog.flow", "j", { fuse })));
  return q;
};

/** Each sink's records per key, in the order they arrived (the order a key's changes must keep). */
async function changesPerKey(fuse: boolean, rows: readonly Row[], parallelism: number, checkpoints = false) {
  const { collected, checkpoints: completed } = await runCompiled(await queryFor(fuse), {
    sources: { rows: rows.map((r) => ({ ...r })) },
    parallelism,
    ...(checkpoints ? { clock: new TickingClock(), batchSize: 2 } : {}),
    checkpointing: checkpoints ? { intervalMs: 2, snapshotStep: 1 } : null,
  });
  const perKey: Record<string, Record<string, string[]>> = {};
  for (const sink of SINKS) {
    const keys: Record<string, string[]> = (perKey[sink] = {});
    // why JSON with NaN spelled out: JSON.stringify writes NaN as null, which would hide a NaN the reference kept
    for (const r of (collected[sink] ?? []) as Record<string, unknown>[]) (keys[String(r[KEYS[sink]])] ??= []).push(JSON.stringify(r, (_, v) => (Number.isNaN(v) ? "NaN" : v)));
  }
  return { perKey, checkpoints: completed };
}

const row = fc.record({
  k: fc.integer({ min: 0, max: 5 }),
  v: fc.integer({ min: -3, max: 6 }),
  x: fc.oneof(fc.constantFrom(0.5, 1.5, Number.NaN), fc.integer({ min: -2, max: 2 })),
  o: fc.option(fc.integer({ min: 0, max: 3 })),
  s: fc.constantFrom("a", "b", "c"),
});
const rowsOf = (xs: readonly Omit<Row, "ts">[]): Row[] => xs.map((r, i) => ({ ...r, ts: i }));

test("hand-computed: +I, then -U of the kept row and +U of the new one; an unchanged row emits nothing", async (t) => {
  const rows = rowsOf([
    { k: 1, v: 4, x: 1, o: null, s: "a" },
    { k: 1, v: 2, x: 1, o: null, s: "a" },
    { k: 5, v: 6, x: 1, o: null, s: "a" },
  ]);
  const { collected } = await runCompiled(await queryFor(true), { sources: { rows }, parallelism: 1, checkpointing: null });
  // max(v) of bucket 1 stays 4 for the second row (count(o) changes, but the map drops it): nothing is emitted
  t.deepEqual(collected["renamed"], [{ bucket: 1, high: 4, __rowKind: "+I" }, { bucket: 2, high: 6, __rowKind: "+I" }]);
  t.deepEqual(collected["spread"], [
    { k: 1, total: 4, copy: 0, __rowKind: "+I" },
    { k: 1, total: 4, copy: 0, __rowKind: "-U" },
    { k: 1, total: 6, copy: 0, __rowKind: "+U" },
    { k: 1, total: 6, copy: 1, __rowKind: "+U" },
    { k: 5, total: 6, copy: 0, __rowKind: "+I" },
    { k: 5, total: 6, copy: 1, __rowKind: "+I" },
  ]);
});

test("per key, the changes are the aggregate-then-normalize's (--no-fuse), at parallelism 1–3", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (xs, parallelism) => {
      const rows = rowsOf(xs);
      const reference = await changesPerKey(false, rows, 1);
      const merged = await changesPerKey(true, rows, parallelism);
      t.deepEqual(merged.perKey, reference.perKey);
    }),
    { numRuns: propertyRuns(25) },
  );
});

test("checkpoints written while records flow change none of the changes", async (t) => {
  const rows = rowsOf(fc.sample(row, { numRuns: 300, seed: 7 }));
  const reference = await changesPerKey(false, rows, 1);
  for (const parallelism of [1, 2]) {
    const checkpointed = await changesPerKey(true, rows, parallelism, true);
    t.true(checkpointed.checkpoints > 1, `several checkpoints completed (${checkpointed.checkpoints})`);
    t.deepEqual(checkpointed.perKey, reference.perKey, `parallelism ${parallelism}`);
  }
});

test("the aggregate emitting its changelog passes strict tsc", (t) => {
  const dir = scratchDir("aggregate-changelog");
  try {
    const result = compileText(SOURCE, { outDir: dir, fuse: true });
    t.true(result.ok && (result.files.get("chains.ts")?.match(/, emitting its changelog/g)?.length ?? 0) === 4, "each job's normalize was absorbed");
    t.deepEqual(typeCheck(result).diagnostics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
