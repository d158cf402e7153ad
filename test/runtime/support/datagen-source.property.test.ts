// The datagen source: the rows of all subtasks together are the same at any parallelism, sequences cover exactly
// [start, end] (split among subtasks in contiguous ranges, as Flink's SequenceGenerator does), random values stay in
// their bounds and come back the same from the same seed, and a reader restored from its state goes on where it was.
import test from "ava";
import fc from "fast-check";
import type { SchemaType } from "../../../runtime/support/validate.js";
import { datagenSource, type DatagenOptions } from "../../../runtime/support/index.js";
import type { Source, SourceReader } from "../../../runtime/index.js";
import { assertProperty } from "../../helpers/property.js";

const TYPE: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "int" } },
    { name: "n", type: { kind: "int" } },
    { name: "x", type: { kind: "float" } },
    { name: "s", type: { kind: "string" } },
    { name: "b", type: { kind: "bool" } },
  ],
};

type Row = { id: number; n: number; x: number; s: string; b: boolean };

const reader = (source: Source<Row>, subtask: number, parallelism: number) =>
  source.createReader({ subtaskIndex: subtask, parallelism, clock: { now: () => 0 } as never });

/** Everything a reader emits (in batches of `batch`), to its end. */
function drain(r: SourceReader<Row>, batch = 3, limit = 10_000): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < limit; i++) {
    const status = r.pollNext({ collect: (row) => void out.push(row) }, batch);
    if (status === "END_OF_INPUT") return out;
  }
  throw new Error("the reader did not end");
}

const key = (r: Row) => JSON.stringify(r);

const options = fc.record({
  rows: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  seed: fc.integer({ min: 0, max: 1000 }),
  start: fc.integer({ min: -20, max: 20 }),
  length: fc.integer({ min: 1, max: 30 }),
  min: fc.integer({ min: -50, max: 50 }),
  span: fc.integer({ min: 0, max: 20 }),
  strLength: fc.integer({ min: 0, max: 8 }),
}).map(({ rows, seed, start, length, min, span, strLength }): DatagenOptions & { expected: { start: number; end: number } } => ({
  ...(rows === undefined ? {} : { rows }),
  seed,
  rate: 1e12,
  fields: {
    id: { kind: "sequence", start, end: start + length - 1 },
    n: { kind: "random", min, max: min + span },
    x: { min: -1, max: 1 },
    s: { length: strLength },
  },
  expected: { start, end: Math.min(start + length - 1, start + (rows ?? Infinity) - 1) },
}));

test("every parallelism makes the same rows; the sequence is start..end once; random values within bounds", async (t) => {
  await assertProperty(
    t,
    fc.property(options, fc.integer({ min: 1, max: 5 }), (o, p) => {
      const source = datagenSource<Row>(TYPE, o);
      const one = drain(reader(source, 0, 1));
      const parts = Array.from({ length: p }, (_, s) => drain(reader(source, s, p)));
      const all = parts.flat();
      // the same rows at any parallelism; each subtask's ids contiguous and ascending (Flink's split of the range)
      if (JSON.stringify(all.map(key).sort()) !== JSON.stringify(one.map(key).sort())) return false;
      for (const part of parts) if (!part.every((r, i) => i === 0 || r.id === part[i - 1]!.id + 1)) return false;
      const ids = all.map((r) => r.id).sort((a, b) => a - b);
      const expectedIds = Array.from({ length: Math.max(0, o.expected.end - o.expected.start + 1) }, (_, i) => o.expected.start + i);
      if (JSON.stringify(ids) !== JSON.stringify(expectedIds)) return false;
      const n = o.fields!["n"]!;
      return all.every((r) => Number.isInteger(r.n) && r.n >= n.min! && r.n <= n.max! && r.x >= -1 && r.x <= 1 && r.s.length === o.fields!["s"]!.length && /^[0-9a-f]*$/.test(r.s) && typeof r.b === "boolean");
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});

test("the same seed makes the same rows, another seed other values", (t) => {
  const o: DatagenOptions = { rows: 20, seed: 1, rate: 1e12 };
  const a = drain(reader(datagenSource<Row>(TYPE, o), 0, 1));
  t.deepEqual(drain(reader(datagenSource<Row>(TYPE, o), 0, 1)), a);
  const b = drain(reader(datagenSource<Row>(TYPE, { ...o, seed: 2 }), 0, 1));
  t.notDeepEqual(b.map((r) => r.n), a.map((r) => r.n));
  t.true(a.every((r) => r.s.length === 100), "Flink's default string length");
});

test("a reader restored from a snapshot goes on with the next row; no rows or sequence: unbounded", (t) => {
  const source = datagenSource<Row>(TYPE, { rows: 10, seed: 5, rate: 1e12 });
  const whole = drain(reader(source, 0, 1));
  const first = reader(source, 0, 1);
  const head: Row[] = [];
  first.pollNext({ collect: (r) => void head.push(r) }, 4);
  const restored = reader(source, 0, 1);
  restored.restoreState!(first.snapshotState!());
  t.deepEqual([...head, ...drain(restored)], whole);
  t.is(datagenSource<Row>(TYPE, { seed: 1 }).boundedness, "CONTINUOUS_UNBOUNDED");
  t.is(datagenSource<Row>(TYPE, { rows: 3 }).boundedness, "BOUNDED");
});
