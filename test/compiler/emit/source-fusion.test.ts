// Source fusion: which chains run inside their source's read loop, and that a source-fused job computes what the
// unfused one (an iterable source, the same chain as an operator) and the interpreter compute.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { fusedSourceOf, usesEventTime } from "../../../compiler/emit/source-fusion.js";
import type { ChainNode, JobPlan } from "../../../compiler/plan/plan.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { compileText } from "../helpers/compile.js";

const SCHEMA = `schema T { k: string, a: int, b: float, ts: timestamp }
source s: T = collection([]) watermark ts delay 0s
`;

function jobsOf(source: string, fuse = true): Map<string, JobPlan> {
  const result = compileText(source, { fuse });
  if (!result.ok) throw new Error(`does not compile: ${result.check.diagnostics.map((d) => d.message).join("; ")}`);
  return new Map(result.plan!.jobs.map((j) => [j.name, j]));
}

const firstChain = (job: JobPlan) => job.nodes.find((n): n is ChainNode => n.kind === "chain")!;

test("a stateless chain right behind its source in a stateless job reads inside the source, filters and flatMaps too; shared sources, imported functions and event-time jobs do not", (t) => {
  const jobs = jobsOf(`${SCHEMA}sink o1 = collect()
sink o2 = collect()
sink o3 = collect()
sink o4 = collect()
sink o5 = collect()
sink o6 = collect()
sink o7 = collect()
job mapped { s | map { k, c: a * 2 } | extend { d: c + 1 } | to o1 }
job filtered { s | filter a > 0 | map { k } | to o2 }
job windowed { s | map { k, a, ts } | keyBy k | window tumbling(1m) | aggregate { n: count() } | to o3 }
job shared {
  s | map { k, a } | to o4
  s | map { k } | to o5
}
job spread { s | map { k, ks: [k, k] } | to o6 }
job fanned { s | flatMap [a, a + 1] as x | map { k, x } | to o7 }
`);
  const mapped = jobs.get("mapped")!;
  t.is(fusedSourceOf(mapped, firstChain(mapped), true)?.name, "s");
  t.is(fusedSourceOf(mapped, firstChain(mapped), false), null, "--no-fuse stays operator by operator");
  const filtered = jobs.get("filtered")!;
  t.is(fusedSourceOf(filtered, firstChain(filtered), true)?.name, "s", "a filter fuses: the job's records in are what the source read");
  const fanned = jobs.get("fanned")!;
  t.is(fusedSourceOf(fanned, firstChain(fanned), true)?.name, "s", "a flatMap fuses");
  const windowed = jobs.get("windowed")!;
  t.true(usesEventTime(windowed));
  t.false(usesEventTime(mapped));
  const shared = jobs.get("shared")!;
  for (const chain of shared.nodes.filter((n): n is ChainNode => n.kind === "chain")) t.is(fusedSourceOf(shared, chain, true), null, "two consumers need the source's own records");
  const spread = jobs.get("spread")!;
  t.is(fusedSourceOf(spread, firstChain(spread), true)?.name, "s", "a list-valued field is still one record per input");
});

test("a chain calling an imported function stays an operator (its failure names the record there)", (t) => {
  const dir = "/virtual/fusion";
  const result = compileText(`import { twice } from "./udf.ts"
${SCHEMA}sink o = collect()
job j { s | map { k, c: twice(a) } | to o }
`, { fileName: join(dir, "main.flow"), files: { [join(dir, "udf.ts")]: "export function twice(x: number): number { return 2 * x; }\n" } });
  t.true(result.ok, result.check.diagnostics.map((d) => d.message).join("; "));
  const j = result.plan!.jobs.find((x) => x.name === "j")!;
  t.is(fusedSourceOf(j, firstChain(j), true), null);
  t.notRegex(result.files.get("job.ts")!, /FusedArraySource/);
});

test("generated code: a stateless job's source generates no watermarks and its chain has a read loop with the event time inlined; a windowed job keeps its watermarks", (t) => {
  const result = compileText(`${SCHEMA}sink o = collect()
sink w = collect()
job mapped { s | map { k, c: a * 2, ts } | to o }
job windowed { s | keyBy k | window tumbling(1m) | aggregate { n: count() } | to w }
`);
  t.true(result.ok);
  const job = result.files.get("job.ts")!;
  const chains = result.files.get("chains.ts")!;
  const mapped = job.slice(job.indexOf("export function buildMapped"), job.indexOf("export function buildWindowed"));
  const windowed = job.slice(job.indexOf("export function buildWindowed"));
  t.regex(mapped, /WatermarkStrategy\.noWatermarks<T>\(\)\.withTimestampAssigner\(\(r\) => r\.ts\)/);
  t.regex(mapped, /Array\.isArray\(sources\.s\)\n\s+\? env\.fromSource<\w+>\(new FusedArraySource<T, \w+>\(sources\.s, mappedRead1\)/);
  t.notRegex(mapped, /forBoundedOutOfOrderness/);
  t.regex(windowed, /forBoundedOutOfOrderness<T>\(0\)/);
  t.notRegex(windowed, /FusedArraySource/);
  t.regex(chains, /export function mappedRead1\(elements: readonly T\[\], from: number, to: number, out: ReaderOutput<\w+>\): void \{\n\s+for \(let i = from; i < to; i\+\+\) \{\n\s+const r = elements\[i\]!;/);
  t.regex(chains, /out\.collect\(\{ k: r\.k, c, ts: r\.ts \}, r\.ts\);/);
});

interface T { k: string; a: number; b: number; ts: number }
interface RunResult { recordsIn: number; recordsOut: number; metrics: { operators: { name: string; recordsIn: number; recordsOut: number; recordsRead: number }[] } }
type Factory = (o: object) => { run(): Promise<RunResult> };

const PROGRAM = `${SCHEMA}sink o = collect()
job j { s | map { k, c: a * 2, b, ts } | extend { half: b / 2.0, big: c > 10 } | to o }
`;

async function load(fuse: boolean, program = PROGRAM): Promise<Factory> {
  const result = compileText(program, { fuse });
  if (!result.ok) throw new Error("the test program does not compile");
  const dir = mkdtempSync(join(tmpdir(), "eddy-source-fusion-"));
  writeFileSync(join(dir, "m.mjs"), await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }));
  const module = await import(pathToFileURL(join(dir, "m.mjs")).href);
  // why at exit: on the worker pool every worker imports the bundle when a job starts
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return module.j as Factory;
}

const record = fc.record({ k: fc.constantFrom("a", "b"), a: fc.integer({ min: -20, max: 20 }), b: fc.double({ min: -10, max: 10, noNaN: true }), ts: fc.integer({ min: 0, max: 1e6 }) });

test("a source-fused job (array) puts out the records, in order and counts, of the unfused job (iterable) and of --no-fuse", async (t) => {
  const [fused, interpreted] = await Promise.all([load(true), load(false)]);
  const run = async (factory: Factory, input: Iterable<T>) => {
    const out: unknown[] = [];
    const result = await factory({ sources: { s: input }, sinks: { o: (r: unknown) => out.push(r) }, workers: 1 }).run();
    return { out, recordsIn: result.recordsIn, recordsOut: result.recordsOut, operators: result.metrics.operators.map((o) => o.name) };
  };
  await assertProperty(t, fc.asyncProperty(fc.array(record, { maxLength: 1200 }), async (rs) => {
    const array = await run(fused, rs);
    const iterable = await run(fused, (function* () { yield* rs; })());
    const noFuse = await run(interpreted, rs);
    const expected = rs.map((r) => ({ k: r.k, c: r.a * 2, b: r.b, ts: r.ts, half: r.b / 2, big: r.a * 2 > 10 }));
    assert.deepEqual(array.out, expected);
    assert.deepEqual(iterable.out, expected);
    assert.deepEqual(noFuse.out, expected);
    for (const r of [array, iterable, noFuse]) {
      assert.equal(r.recordsIn, rs.length);
      assert.equal(r.recordsOut, rs.length);
    }
    // the array ran through the fused source (no chain operator); the iterable through the chain operator
    assert.deepEqual(array.operators, ["source:s", "sink:o"]);
    assert.ok(iterable.operators.some((n) => n.startsWith("map")), iterable.operators.join(", "));
  }), { file: import.meta.url, numRuns: propertyRuns(25) });
});

// a filter drops records inside the read loop and a flatMap expands them: the source emits a different number of
// records than it reads, and the job's records in must still be the records read
const FILTERING = `${SCHEMA}sink o = collect()
job j { s | filter a % 3 != 0 | flatMap [a, a * 10] as x | map { k, x, ts } | to o }
`;

test("a source-fused filter and flatMap: the job's records in are the elements read, its records out what the chain emitted, as unfused and --no-fuse", async (t) => {
  const [fused, interpreted] = await Promise.all([load(true, FILTERING), load(false, FILTERING)]);
  const run = async (factory: Factory, input: Iterable<T>, workers = 1) => {
    const out: unknown[] = [];
    const result = await factory({ sources: { s: input }, sinks: { o: (r: unknown) => out.push(r) }, workers }).run();
    const source = result.metrics.operators.find((o) => o.name === "source:s")!;
    return { out, recordsIn: result.recordsIn, recordsOut: result.recordsOut, source, operators: result.metrics.operators.map((o) => o.name) };
  };
  await assertProperty(t, fc.asyncProperty(fc.array(record, { maxLength: 1200 }), async (rs) => {
    const array = await run(fused, rs);
    const iterable = await run(fused, (function* () { yield* rs; })());
    const noFuse = await run(interpreted, rs);
    // the oracle, by hand: JavaScript's % keeps the dividend's sign, as the generated code and the interpreter do
    const expected = rs.filter((r) => r.a % 3 !== 0).flatMap((r) => [r.a, r.a * 10].map((x) => ({ k: r.k, x, ts: r.ts })));
    for (const r of [array, iterable, noFuse]) {
      assert.deepEqual(r.out, expected);
      assert.equal(r.recordsIn, rs.length, "records in: every element the source read, also those the filter dropped");
      assert.equal(r.recordsOut, expected.length);
      assert.equal(r.source.recordsRead, rs.length);
      // why 0: as in Flink, no record crosses an edge into a source
      assert.equal(r.source.recordsIn, 0);
    }
    // the array ran through the fused source: it emitted the chain's output, not the elements it read
    assert.deepEqual(array.operators, ["source:s", "sink:o"]);
    assert.equal(array.source.recordsOut, expected.length);
    assert.equal(iterable.source.recordsOut, rs.length);
  }), { file: import.meta.url, numRuns: propertyRuns(25) });
  // on the worker pool the counts come from the worker that ran the source (OperatorCounters cross threads)
  const rs = Array.from({ length: 3000 }, (_, i) => ({ k: "a", a: i, b: 0, ts: i }));
  const pooled = await run(fused, rs, 2);
  t.is(pooled.recordsIn, 3000);
  t.is(pooled.recordsOut, 2 * 2000, "i % 3 != 0 keeps 2000 of 3000, each twice");
});
