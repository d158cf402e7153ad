// The generated chain functions run on a batch: 1:1 and filtering chains write survivors over the batch in place and
// hand it on whole (one collectBatch, no collect per record); a flatMap chain emits record by record.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { RecordBatch } from "../../../runtime/index.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { compileText } from "../helpers/compile.js";

const PROGRAM = `schema T { k: string, a: int, b: float, tags: [string], ts: timestamp }
source s: T = collection([]) watermark ts delay 0s
sink m = collect()
sink f = collect()
sink x = collect()
job mapped { s | map { k, c: a * 2, b } | to m }
job filtered { s | map { k, c: a * 2, b } | filter c > 10 | extend { half: b / 2.0 } | to f }
job spread { s | flatMap tags as tag | map { k, tag } | to x }
`;

interface T { k: string; a: number; b: number; tags: string[]; ts: number }
type Chain = (batch: RecordBatch<T>, out: Recorder) => void;

/** An Output that records what the chain handed on, and how. */
class Recorder {
  readonly records: unknown[] = [];
  readonly timestamps: number[] = [];
  collects = 0;
  batches = 0;
  collect(value: unknown, timestamp: number): void {
    this.collects++;
    this.records.push(value);
    this.timestamps.push(timestamp);
  }
  collectBatch(batch: RecordBatch): void {
    this.batches++;
    for (let i = 0; i < batch.length; i++) {
      this.records.push(batch.values[i]);
      this.timestamps.push(batch.timestamps[i]!);
    }
  }
}

/** The generated chains.ts, transpiled on its own: its imports are types only, so it runs without the runtime. */
async function loadChains(): Promise<Record<string, Chain>> {
  const result = compileText(PROGRAM);
  if (!result.ok) throw new Error(`the test program does not compile: ${result.check.diagnostics.map((d) => d.message).join("; ")}`);
  const js = ts.transpileModule(result.files.get("chains.ts")!, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = mkdtempSync(join(tmpdir(), "eddy-chains-"));
  try {
    writeFileSync(join(dir, "chains.mjs"), js);
    return (await import(pathToFileURL(join(dir, "chains.mjs")).href)) as Record<string, Chain>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const chains = loadChains();
const record = fc.record({ k: fc.string({ maxLength: 3 }), a: fc.integer({ min: -20, max: 20 }), b: fc.double({ noNaN: true, min: -100, max: 100 }), tags: fc.array(fc.string({ maxLength: 2 }), { maxLength: 3 }), ts: fc.integer({ min: 0, max: 1e6 }) });
const OPTIONS = { file: import.meta.url, numRuns: propertyRuns(200) };
const batchOf = (rs: readonly T[]) => RecordBatch.of(rs, rs.map((r) => r.ts));

test("a 1:1 chain replaces each record in place, keeps every timestamp and hands the batch on whole", async (t) => {
  const chain = (await chains).mappedChain1!;
  await assertProperty(t, fc.property(fc.array(record, { maxLength: 40 }), (rs) => {
    const out = new Recorder();
    chain(batchOf(rs), out);
    assert.deepEqual(out.records, rs.map((r) => ({ k: r.k, c: r.a * 2, b: r.b })));
    assert.deepEqual(out.timestamps, rs.map((r) => r.ts));
    assert.equal(out.collects, 0, "no call per record");
    assert.equal(out.batches, 1);
  }), OPTIONS);
});

test("a filtering chain keeps the survivors' order and timestamps, drops exactly the filtered records, and hands on one batch (none when nothing survives)", async (t) => {
  const chain = (await chains).filteredChain1!;
  await assertProperty(t, fc.property(fc.array(record, { maxLength: 40 }), (rs) => {
    const out = new Recorder();
    const batch = batchOf(rs);
    chain(batch, out);
    const survivors = rs.filter((r) => r.a * 2 > 10);
    assert.deepEqual(out.records, survivors.map((r) => ({ k: r.k, c: r.a * 2, b: r.b, half: r.b / 2 })));
    assert.deepEqual(out.timestamps, survivors.map((r) => r.ts));
    assert.equal(out.collects, 0, "no call per record");
    assert.equal(out.batches, survivors.length > 0 ? 1 : 0);
    assert.equal(batch.length, survivors.length, "the batch was compacted to its survivors");
  }), OPTIONS);
});

test("a flatMap chain emits record by record, each element with its input's timestamp", async (t) => {
  const chain = (await chains).spreadChain1!;
  await assertProperty(t, fc.property(fc.array(record, { maxLength: 20 }), (rs) => {
    const out = new Recorder();
    chain(batchOf(rs), out);
    const expected = rs.flatMap((r) => r.tags.map((tag) => ({ record: { k: r.k, tag }, ts: r.ts })));
    assert.deepEqual(out.records, expected.map((x) => x.record));
    assert.deepEqual(out.timestamps, expected.map((x) => x.ts));
    assert.equal(out.batches, 0);
  }), OPTIONS);
});

test("hand-computed: of a = 9, 1, 8 the filter c > 10 keeps the first and the last, with their timestamps", async (t) => {
  const chain = (await chains).filteredChain1!;
  const rs: T[] = [
    { k: "a", a: 9, b: 1, tags: [], ts: 1 },
    { k: "b", a: 1, b: 2, tags: [], ts: 2 },
    { k: "c", a: 8, b: 3, tags: [], ts: 3 },
  ];
  const batch = batchOf(rs);
  const out = new Recorder();
  chain(batch, out);
  t.deepEqual(out.records, [{ k: "a", c: 18, b: 1, half: 0.5 }, { k: "c", c: 16, b: 3, half: 1.5 }]);
  t.deepEqual(out.timestamps, [1, 3]);
  t.is(batch.length, 2);
});
