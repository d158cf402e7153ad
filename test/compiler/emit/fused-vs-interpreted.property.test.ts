// Property: for any input, the fused generated code and the interpreter (--no-fuse) produce the same records — the
// two paths share nothing but the typed AST, so this checks the expression emitter, liveness and the accumulators.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { compileText } from "../helpers/compile.js";

const PROGRAM = `schema R { k: string, a: int, b: float, s: string, tags: [string], ts: timestamp }
source rs: R = collection([]) watermark ts delay 0s
sink flat = collect()
sink agg = collect()
job p {
  let base = rs
    | map { k, a, b, s, tags, ts, c: if a % 3 == 0 then a * 2 else a - 1 }
    | filter b > 0.25 or len(s) > 2
    | extend { label: concat(upper(k), "-", toString(c)), half: b / 2.0 }
  base | flatMap tags as tag | filter tag != "x" | map { k, tag, label, m: max(a, c) } | to flat
  base | keyBy k | window tumbling(10ms) | aggregate { n: count(), total: sum(c), hi: max(half), first: first(s), ds: distinctCount(s) } | to agg
}
`;

interface R { k: string; a: number; b: number; s: string; tags: string[]; ts: number }
type Factory = (o: object) => { run(): Promise<{ collected: Record<string, unknown[]> }> };

async function load(fuse: boolean): Promise<Factory> {
  const result = compileText(PROGRAM, { fuse });
  if (!result.ok) throw new Error(JSON.stringify(result.check.diagnostics.map((d) => d.message)));
  const dir = mkdtempSync(join(tmpdir(), "eddy-prop-"));
  writeFileSync(join(dir, "m.mjs"), await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }));
  const module = await import(pathToFileURL(join(dir, "m.mjs")).href);
  // why at exit: on the worker pool every worker imports the bundle (the job's module and its runtime) when a job starts
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return module.p as Factory;
}

const record = fc.record({
  k: fc.constantFrom("a", "b", "c"),
  a: fc.integer({ min: -50, max: 50 }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  s: fc.string({ maxLength: 4 }),
  tags: fc.array(fc.constantFrom("x", "y", "z"), { maxLength: 3 }),
  ts: fc.integer({ min: 0, max: 100 }),
});

test("fused and interpreted jobs agree on random inputs", async (t) => {
  const [fused, interpreted] = await Promise.all([load(true), load(false)]);
  const run = async (factory: Factory, rs: R[]) => {
    const result = await factory({ sources: { rs } }).run();
    return Object.fromEntries(Object.entries(result.collected).map(([k, v]) => [k, v.map((x) => JSON.stringify(x)).sort()]));
  };
  await assertProperty(
    t,
    fc.asyncProperty(fc.array(record, { maxLength: 40 }), async (input) => {
      const rs = [...input].sort((x, y) => x.ts - y.ts);
      const a = await run(fused, rs);
      const b = await run(interpreted, rs);
      assert.deepStrictEqual(a, b);
    }),
    { numRuns: 40, file: import.meta.url },
  );
});
