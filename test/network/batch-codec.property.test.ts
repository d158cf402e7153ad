// The batch codec's contract: decoding an encoded batch gives, for each value, exactly what a v8.serialize/deserialize
// round trip of the value gives — key order, -0, NaN, undefined vs a missing key, holes — and the timestamps as they
// were; the encoded size never exceeds what prepare promised.
import test from "ava";
import fc from "fast-check";
import { Buffer } from "node:buffer";
import { deserialize, serialize } from "node:v8";
import { NexmarkGenerator } from "../../runtime/connectors/nexmark/index.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { type BatchCodec, createGenericBatchCodec } from "../../runtime/network/batch-codec.js";
import { exactlyEqual } from "../helpers/exactly-equal.js";
import { assertProperty, propertyRuns } from "../helpers/property.js";

const v8RoundTrip = <T>(x: T): T => deserialize(serialize(x)) as T;

/** A target with junk around the frame, at an 8-aligned offset that is not 0, in shared memory like a ring. */
const TARGET = Buffer.from(new SharedArrayBuffer(8 << 20));

/** Encodes and decodes one batch; a description of the first difference, or null. */
function roundTrip(codec: BatchCodec, values: readonly unknown[], timestamps?: readonly number[]): string | null {
  const batch = RecordBatch.of(values, timestamps);
  const expected = values.map((v) => v8RoundTrip(v));
  const bound = codec.prepare(batch);
  if (bound + 64 > TARGET.length) return null; // too big for this target: not what this test is about
  TARGET.fill(0xa5, 0, bound + 64);
  const written = codec.write(TARGET, 16);
  if (written > bound) return `wrote ${written} bytes, prepare promised at most ${bound}`;
  const into = new RecordBatch<unknown>();
  into.values.push("stale", "stale");
  codec.decode(TARGET, 16, written, into);
  if (into.length !== values.length) return `decoded ${into.length} records of ${values.length}`;
  for (let i = 0; i < values.length; i++) {
    if (!exactlyEqual(into.values[i], expected[i])) return `record ${i}: ${String(describe(into.values[i]))} instead of ${String(describe(expected[i]))}`;
    if (!Object.is(into.timestamps[i], batch.timestamps[i])) return `timestamp ${i}: ${into.timestamps[i]} instead of ${batch.timestamps[i]}`;
  }
  return null;
}

function describe(x: unknown): string {
  try {
    return JSON.stringify(x, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : Object.is(v, -0) ? "-0" : v === undefined ? "<undefined>" : v)) ?? String(x);
  } catch {
    return String(x);
  }
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }), // lone surrogates included
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "grapheme-ascii", minLength: 13, maxLength: 80 }), // sliced strings when decoded
  fc.constantFrom("", "é", "ÿ\u0080", "\ud800", "\udc00x", "a\ud83d", "😀", "x".repeat(70_000), "é€".repeat(3_000)),
);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, 2 ** 53));
const scalar = fc.oneof(
  { weight: 3, arbitrary: number },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.bigInt() },
);
/** What v8 keeps whole: nested records, arrays (sparse too), Dates, Maps… */
const nested = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true, withBoxedValues: true, maxDepth: 2 });
/** Each field holds one kind of value mostly, sometimes another (a null, a string among numbers, a nested object). */
const fieldValues = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(number, text, fc.boolean(), fc.option(number), fc.option(text), fc.option(fc.boolean(), { nil: undefined })) },
  { weight: 2, arbitrary: scalar },
  { weight: 1, arbitrary: nested },
);

/** Keys such as "__proto__", "0", "constructor" included; set with defineProperty so they are own data keys. */
const keyList = fc.uniqueArray(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "0", "7", "constructor", "length", "toString")), { maxLength: 8 });

function makeRecord(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  keys.forEach((key, k) => Object.defineProperty(record, key, { value: values[k], enumerable: true, writable: true, configurable: true }));
  return record;
}

/** Batches of one shape: per field, values drawn from one arbitrary, so columns of one kind are common. */
const sameShaped = keyList.chain((keys) =>
  fc.tuple(...keys.map(() => fieldValues)).chain((perField) =>
    fc.array(fc.tuple(...keys.map((_k, c) => fc.oneof({ weight: 9, arbitrary: fc.constant(perField[c]) }, { weight: 1, arbitrary: fieldValues }))), { maxLength: 60 })
      .map((rows) => rows.map((row) => makeRecord(keys, row))),
  ),
);

/** A record of a batch changed the way a same-shape check must catch. */
type Misfit = "missing" | "extra" | "reordered" | "undefined" | "class" | "null-prototype" | "array" | "accessor";
const misfit = fc.constantFrom<Misfit>("missing", "extra", "reordered", "undefined", "class", "null-prototype", "array", "accessor");

class Point {
  constructor(readonly x: number, readonly y: string) {}
}

function spoil(record: Record<string, unknown>, how: Misfit): unknown {
  const keys = Object.keys(record);
  switch (how) {
    case "missing": {
      const copy = { ...record };
      if (keys.length > 0) delete copy[keys[keys.length - 1]!];
      return copy;
    }
    case "extra":
      return Object.assign({ ...record }, { zz_extra: 1 });
    case "reordered":
      return makeRecord([...keys].reverse(), [...keys].reverse().map((k) => record[k]));
    case "undefined":
      return makeRecord([...keys, "maybe"], [...keys.map((k) => record[k]), undefined]);
    case "class":
      return new Point(1, "p");
    case "null-prototype":
      return Object.assign(Object.create(null) as object, record);
    case "array":
      return keys.map((k) => record[k]);
    case "accessor": {
      const copy = { ...record };
      Object.defineProperty(copy, "computed", { get: () => 42, enumerable: true });
      return copy;
    }
  }
}

const timestamps = (n: number) => fc.oneof(fc.constant(undefined), fc.array(fc.double(), { minLength: n, maxLength: n }), fc.constant(new Array<number>(n).fill(-0)));

test("property: batches of same-shaped records round-trip like v8", async (t) => {
  const codec = createGenericBatchCodec();
  await assertProperty(
    t,
    fc.property(sameShaped.chain((rows) => fc.tuple(fc.constant(rows), timestamps(rows.length))), ([rows, ts]) => {
      const problem = roundTrip(codec, rows, ts);
      if (problem !== null) throw new Error(problem);
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("property: a record that breaks the batch's shape is caught, wherever it is", async (t) => {
  const codec = createGenericBatchCodec();
  const arb = sameShaped
    .filter((rows) => rows.length > 0)
    .chain((rows) => fc.tuple(fc.constant(rows), fc.nat(rows.length - 1), misfit));
  await assertProperty(
    t,
    fc.property(arb, ([rows, at, how]) => {
      // the same batch first as it is, so the codec has the shape compiled, then with one record spoilt
      const clean = roundTrip(codec, rows);
      if (clean !== null) throw new Error(`clean: ${clean}`);
      const spoilt: unknown[] = [...rows];
      spoilt[at] = spoil(rows[at]!, how);
      const problem = roundTrip(codec, spoilt);
      if (problem !== null) throw new Error(`${how} at ${at}: ${problem}`);
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("property: scalars, mixed values and anything v8 takes round-trip like v8", async (t) => {
  const codec = createGenericBatchCodec();
  const batch = fc.oneof(
    fc.array(scalar, { maxLength: 50 }),
    fc.array(number, { maxLength: 50 }),
    fc.array(fc.option(text), { maxLength: 50 }),
    fc.array(nested, { maxLength: 20 }),
    fc.array(fc.oneof(nested, scalar, sameShaped.map((rows) => rows[0])), { maxLength: 20 }),
  );
  await assertProperty(
    t,
    fc.property(batch, (values) => {
      const problem = roundTrip(codec, values);
      if (problem !== null) throw new Error(problem);
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("Nexmark bids become columns: about 160 bytes a bid, most of it the strings", (t) => {
  const codec = createGenericBatchCodec();
  const generator = new NexmarkGenerator({});
  for (let round = 0; round < 40; round++) {
    const bids: unknown[] = [];
    const times: number[] = [];
    while (bids.length < 1000) {
      const event = generator.next();
      if (event.type === 2) {
        bids.push(event.bid);
        times.push(event.bid.dateTime);
      }
    }
    t.is(roundTrip(codec, bids, times), null);
    const bytes = codec.prepare(RecordBatch.of(bids, times)) && codec.write(TARGET, 0);
    const strings = bids.reduce<number>((sum, b) => sum + (b as { channel: string; url: string; extra: string }).extra.length + 40, 0);
    // columns: 4 numbers (4 or 8 bytes), a timestamp, 3 strings; v8 would take ~215
    t.true(bytes / bids.length < 200, `${bytes / bids.length} bytes a bid (strings ≈ ${strings / bids.length})`);
  }
});

test("numbers: int32 columns keep -0 and NaN out, float64 columns keep them", (t) => {
  const codec = createGenericBatchCodec();
  for (const column of [[1, 2, -3], [1, -0, 3], [NaN, 1], [2 ** 31, 1], [-(2 ** 31), 2 ** 31 - 1], [0.5, -0, Infinity]]) {
    t.is(roundTrip(codec, column.map((n) => ({ n }))), null, String(column));
    t.is(roundTrip(codec, column), null, String(column));
  }
});

test("strings: ASCII, Latin-1, UTF-16 and lone surrogates, long and repeated", (t) => {
  const codec = createGenericBatchCodec();
  const samples = ["", "plain", "é", "ÿ", "€", "😀", "\ud800", "\udfff", "a\ud83d", "\ude00b", "x".repeat(100_000), "channel-1", "channel-1"];
  t.is(roundTrip(codec, samples.map((s) => ({ s }))), null);
  t.is(roundTrip(codec, samples), null);
  // a high surrogate at the end of one string and a low one at the start of the next stay two strings
  t.is(roundTrip(codec, ["a\ud83d", "\ude00b"]), null);
  // dictionary columns (repeats) and plain ones (unique), switching as the batches change
  const repeated = Array.from({ length: 500 }, (_, i) => ({ c: ["Google", "Apple", null, "Baidu"][i % 4], u: `unique-${i}-${"y".repeat(20)}` }));
  for (let round = 0; round < 50; round++) t.is(roundTrip(codec, round % 7 === 0 ? repeated.map((r) => ({ c: `${r.u}`, u: r.c })) : repeated), null);
});

test("strings are decoded a few KB at a time: entries on both sides of a chunk boundary come out whole", (t) => {
  const codec = createGenericBatchCodec();
  const lengths = [4095, 1, 4096, 0, 4097, 2000, 2096, 2097, 13, 12, 5000, 1, 1, 4094];
  for (const unit of ["a", "é", "€", "\ud800"]) {
    const strings = lengths.map((n, i) => String.fromCharCode(97 + (i % 26)) + unit.repeat(Math.max(0, n - 1)));
    t.is(roundTrip(codec, strings.map((s) => ({ s }))), null, `unit ${unit}`);
    t.is(roundTrip(codec, [...strings, ...strings].map((s) => ({ s }))), null, `unit ${unit}, repeated`);
  }
});

test("a batch of records with different shapes, or nested values, goes through v8 whole", (t) => {
  const codec = createGenericBatchCodec();
  t.is(roundTrip(codec, [{ a: 1 }, { b: 1 }, { a: 1, b: 2 }, { b: 1, a: 2 }]), null);
  t.is(roundTrip(codec, [{ a: { nested: [1, , 3] } }, { a: new Date(0) }, { a: new Map([[1, 2]]) }]), null);
  const shared = { x: 1 };
  t.is(roundTrip(codec, [{ a: shared, b: shared }, { a: shared, b: shared }]), null);
  t.is(roundTrip(codec, []), null);
  t.is(roundTrip(codec, [{}, {}, {}]), null);
});

test("batches of two shapes taking turns, and a stream that turns from nested values to flat ones", (t) => {
  const codec = createGenericBatchCodec();
  const person = (i: number) => ({ id: i, name: `p${i}` });
  const bid = (i: number) => ({ auction: i, price: i * 1.5, channel: i % 2 === 0 ? "Google" : null });
  for (let round = 0; round < 20; round++) {
    t.is(roundTrip(codec, Array.from({ length: 30 }, (_, i) => (round % 2 === 0 ? person(i) : bid(i)))), null);
  }
  for (let round = 0; round < 100; round++) {
    const nested = round < 50;
    t.is(roundTrip(codec, Array.from({ length: 10 }, (_, i) => (nested ? { a: { deep: i } } : { a: i }))), null);
  }
});

test("a record v8 cannot serialise fails the encode with the reason", (t) => {
  const codec = createGenericBatchCodec();
  const error = t.throws(() => codec.prepare(RecordBatch.of([{ f: () => 1 }])));
  t.regex(error!.message, /cannot be sent to another worker thread/);
  t.throws(() => codec.prepare(RecordBatch.of([{ s: Symbol("x") }])));
});
