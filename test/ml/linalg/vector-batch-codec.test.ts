// The ml vector codec: batches round-trip with DenseVector / SparseVector values kept as those classes, bit for bit,
// wherever they sit (a record, a column, inside arrays and objects of model data), and the input batch is left alone.
import { Buffer } from "node:buffer";
import test from "ava";
import fc from "fast-check";
import { createGenericBatchCodec, RecordBatch, type BatchCodec } from "../../../runtime/index.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { SparseVector } from "../../../ml/linalg/sparse-vector.js";
import { vectorBatchCodec } from "../../../ml/linalg/vector-batch-codec.js";

function roundTrip(codec: BatchCodec, values: unknown[], timestamps?: number[], decoder: BatchCodec = codec): RecordBatch {
  const batch = RecordBatch.of(values, timestamps);
  const bound = codec.prepare(batch);
  // why 8 bytes before the frame: decode from an 8-aligned offset that is not 0, as a ring hands it; 16 after: the
  // generic codec's column writer takes a 16-byte DataView at a column's start even when it writes fewer
  const target = Buffer.alloc(8 + bound + 16);
  const written = codec.write(target, 8);
  t_assert(written <= bound, `wrote ${written} bytes past the bound ${bound}`);
  const into = new RecordBatch();
  decoder.decode(target, 8, written, into);
  return into;
}

function t_assert(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** A value with every vector as a tagged list of its bits and class, so deepEqual tells classes and -0 / NaN apart. */
function canonical(value: unknown): unknown {
  if (value instanceof DenseVector) return ["DenseVector", [...new Uint8Array(value.values.buffer, value.values.byteOffset, value.values.byteLength)]];
  if (value instanceof SparseVector) return ["SparseVector", value.n, [...value.indices], [...new Uint8Array(value.values.buffer, value.values.byteOffset, value.values.byteLength)]];
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return ["instance of", (value as object).constructor.name];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

const double = fc.oneof(fc.double(), fc.constant(-0), fc.constant(Number.NaN));
const dense = fc.array(double, { maxLength: 7 }).map((xs) => new DenseVector(Float64Array.from(xs)));
const sparse = fc.uniqueArray(fc.integer({ min: 0, max: 19 }), { maxLength: 5 }).chain((idx) =>
  fc.array(double, { minLength: idx.length, maxLength: idx.length }).map((vs) => new SparseVector(20, idx, vs)));
const vector = fc.oneof(dense, sparse);
const record = fc.oneof(
  fc.record({ id: fc.integer(), features: vector, label: fc.constantFrom(0, 1) }),
  fc.record({ id: fc.integer(), name: fc.string(), a: vector, b: vector }),
  vector,
  fc.record({ centroids: fc.array(dense, { maxLength: 4 }), weights: dense, modelVersion: fc.nat() }),
  fc.record({ nested: fc.record({ inner: vector, n: fc.integer() }) }),
  fc.array(vector, { maxLength: 3 }),
  fc.record({ subtask: fc.nat(), features: fc.array(vector, { maxLength: 5 }), labels: fc.constant(null) }),
  fc.record({ id: fc.integer(), text: fc.string() }),
  fc.integer(),
  fc.constant(null),
);

test("any batch of rows, vectors and model data round-trips: classes, bits, keys and timestamps kept", (t) => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 30 }), (values) => {
      const before = canonical(values);
      const timestamps = values.map((_, i) => i * 10);
      const out = roundTrip(vectorBatchCodec(), values, timestamps);
      t.deepEqual(canonical(out.values.slice(0, out.length)), before);
      t.deepEqual(out.timestamps.slice(0, out.length), timestamps);
      t.deepEqual(canonical(values), before, "the input records are not changed");
    }),
    { numRuns: 300 },
  );
});

test("one codec instance encodes batch after batch, of changing shapes (its scratch is reset each time)", (t) => {
  const codec = vectorBatchCodec();
  const batches: unknown[][] = [
    [{ f: new DenseVector(Float64Array.of(1, 2)) }, { f: new DenseVector(Float64Array.of(3, 4)) }],
    [new SparseVector(5, [4], [9]), 7],
    [{ id: 1 }],
    [],
    [{ centroids: [new DenseVector(Float64Array.of(0.5))], weights: new DenseVector(Float64Array.of(2)) }],
  ];
  for (const values of batches) t.deepEqual(canonical(roundTrip(codec, values).values.slice(0, values.length)), canonical(values));
});

test("the decoded vectors own their values (no view of the channel's buffer) and rows are fresh objects", (t) => {
  const row = { features: new DenseVector(Float64Array.of(1, 2, 3)) };
  const [back] = roundTrip(vectorBatchCodec(), [row]).values as { features: DenseVector }[];
  t.not(back, row);
  t.true(back!.features instanceof DenseVector);
  t.is(back!.features.values.byteOffset, 0);
  t.is(back!.features.values.buffer.byteLength, 24);
});

test("the premise: the generic codec gives a plain object where a DenseVector went in", (t) => {
  const out = roundTrip(createGenericBatchCodec(), [{ features: new DenseVector(Float64Array.of(1, 2)) }]);
  t.false((out.values[0] as { features: unknown }).features instanceof DenseVector);
});
