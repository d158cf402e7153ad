// The generated per-schema batch codecs keep the generic codec's contract: for random record types and random records
// of them, decoding gives exactly what a v8.serialize/deserialize round trip gives (and what the generic codec gives),
// batches that fit the type go in the schema's own format, and a batch with any record that does not fit (a wrong
// value type, a missing, extra or moved key, a class instance…) falls back to the generic format, still exactly.
import test from "ava";
import fc from "fast-check";
import { Buffer } from "node:buffer";
import { deserialize, serialize } from "node:v8";
import { batchCodecCode, columnKindOf } from "../../../compiler/emit/batch-codec-code.js";
import { compileBatchCodec } from "../../../bench/exchange/compile-batch-codec.js";
import { NEXMARK_TABLES } from "../../../compiler/types/nexmark.js";
import { arrayOf, BOOL, FLOAT, INT, nullable, record, STRING, TIMESTAMP, type RecordType, type Type } from "../../../compiler/types/type.js";
import { NexmarkGenerator } from "../../../runtime/connectors/nexmark/index.js";
import { RecordBatch } from "../../../runtime/core/record-batch.js";
import { type BatchCodec, createGenericBatchCodec } from "../../../runtime/network/batch-codec.js";
import { FORMAT_COLUMNS, FORMAT_SCHEMA } from "../../../runtime/network/column-codec.js";
import { SchemaBatchCodec, schemaBatchCodec } from "../../../runtime/network/schema-batch-codec.js";
import { exactlyEqual } from "../../helpers/exactly-equal.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

const TARGET = Buffer.from(new SharedArrayBuffer(8 << 20));

/** Encodes `values` with `codec` at a non-zero offset; the frame's format and what decoding gives. */
function encodeDecode(codec: BatchCodec, values: readonly unknown[], timestamps?: readonly number[]): { format: number; decoded: RecordBatch<unknown>; bound: number; written: number } {
  const batch = RecordBatch.of(values, timestamps);
  const bound = codec.prepare(batch);
  TARGET.fill(0xa5, 0, bound + 64);
  const written = codec.write(TARGET, 16);
  const format = TARGET.readUInt32LE(16);
  const decoded = new RecordBatch<unknown>();
  decoded.values.push("stale", "stale");
  codec.decode(TARGET, 16, written, decoded);
  return { format, decoded, bound, written };
}

/** Null when `codec` round-trips `values` exactly as v8 does (timestamps too, within the promised size), else why not. */
function differenceFromV8(codec: BatchCodec, values: readonly unknown[], timestamps?: readonly number[]): { problem: string | null; format: number; decoded: readonly unknown[] } {
  const { format, decoded, bound, written } = encodeDecode(codec, values, timestamps);
  const out = decoded.values.slice(0, decoded.length);
  if (written > bound) return { problem: `wrote ${written} bytes, prepare promised ${bound}`, format, decoded: out };
  if (decoded.length !== values.length) return { problem: `decoded ${decoded.length} records of ${values.length}`, format, decoded: out };
  for (let i = 0; i < values.length; i++) {
    const expected = deserialize(serialize(values[i]));
    if (!exactlyEqual(out[i], expected)) return { problem: `record ${i}: ${show(out[i])} instead of ${show(expected)}`, format, decoded: out };
    const t = timestamps?.[i] ?? Number.NEGATIVE_INFINITY;
    if (!Object.is(decoded.timestamps[i], t)) return { problem: `timestamp ${i}: ${decoded.timestamps[i]} instead of ${t}`, format, decoded: out };
  }
  return { problem: null, format, decoded: out };
}

function show(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (Object.is(v, -0) ? "-0" : v === undefined ? "<undefined>" : typeof v === "bigint" ? `${v}n` : v)) ?? String(x);
}

// ---- random record types and records of them ----------------------------------------------------------------------

const scalarType = fc.constantFrom<Type>(INT, FLOAT, STRING, BOOL, TIMESTAMP, { kind: "duration" });
const fieldType: fc.Arbitrary<Type> = fc.oneof(
  { weight: 6, arbitrary: scalarType },
  { weight: 3, arbitrary: scalarType.map((t) => nullable(t)) },
  { weight: 1, arbitrary: scalarType.map((t) => arrayOf(t)) },
  { weight: 1, arbitrary: fc.constant<Type>(record([{ name: "a", type: INT }, { name: "b", type: STRING }])) },
  { weight: 1, arbitrary: fc.constant<Type>({ kind: "null" }) },
);
/** Field names as .flow allows them (identifiers), plus a few that are special to JavaScript objects. */
const fieldName = fc.oneof(fc.stringMatching(/^[a-z_][a-zA-Z0-9_]{0,6}$/), fc.constantFrom("constructor", "toString", "length", "valueOf"));
const recordType: fc.Arbitrary<RecordType> = fc
  .uniqueArray(fc.tuple(fieldName, fieldType), { maxLength: 9, selector: ([name]) => name })
  .filter((fields) => !fields.some(([name]) => name === "__proto__"))
  .map((fields) => record(fields.map(([name, type]) => ({ name, type })), "Random"));

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme-ascii", minLength: 13, maxLength: 40 }),
  fc.constantFrom("", "é", "\ud800", "😀", "x".repeat(5000)),
);
const integer = fc.oneof(fc.integer(), fc.constantFrom(0, -0, 2 ** 31, -(2 ** 31), 2 ** 53, -1));
const float = fc.oneof(fc.double(), fc.constantFrom(-0, NaN, Infinity, -Infinity, 0.5));

/** A value of `type` (what the compiled program would hand the codec). */
function valueOf(type: Type): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case "int": return integer;
    case "float": return float;
    case "timestamp":
    case "duration": return fc.oneof(integer, float);
    case "string": return text;
    case "bool": return fc.boolean();
    case "null": return fc.constant(null);
    case "nullable": return fc.oneof({ weight: 3, arbitrary: valueOf(type.inner) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
    case "array": return fc.array(valueOf(type.element), { maxLength: 4 });
    case "record": return fc.tuple(...type.fields.map((f) => valueOf(f.type))).map((vs) => Object.fromEntries(type.fields.map((f, i) => [f.name, vs[i]])));
    case "unknown": return fc.anything();
  }
}

/** A record with `keys` in this order, each an own enumerable data property (names like "constructor" included). */
function makeRecord(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  keys.forEach((key, k) => Object.defineProperty(r, key, { value: values[k], enumerable: true, writable: true, configurable: true }));
  return r;
}

const recordsOf = (type: RecordType, maxLength = 40) =>
  fc.array(fc.tuple(...type.fields.map((f) => valueOf(f.type))).map((vs) => makeRecord(type.fields.map((f) => f.name), vs)), { minLength: 1, maxLength });

const timestampsFor = (n: number) => fc.oneof(fc.constant(undefined), fc.array(fc.double(), { minLength: n, maxLength: n }), fc.constant(new Array<number>(n).fill(7)));

/** Ways one record can fail to fit its type, each one the generated gather must catch. */
type Misfit = "wrong-type" | "missing" | "extra" | "reordered" | "class" | "array" | "scalar" | "null-prototype";
class Point {
  constructor(readonly x = 1) {}
}

/** `record` spoilt as `how` says, or null when that cannot spoil it (no field a wrong value is refused by). */
function spoil(type: RecordType, r: Record<string, unknown>, how: Misfit): unknown {
  const keys = type.fields.map((f) => f.name);
  switch (how) {
    case "wrong-type": {
      const c = type.fields.findIndex((f) => columnKindOf(f.type) !== "O");
      if (c < 0) return null;
      const kind = columnKindOf(type.fields[c]!.type);
      return makeRecord(keys, keys.map((k, i) => (i === c ? (kind === "S" ? 5 : kind === "B" ? "yes" : "5") : r[k])));
    }
    case "missing": return keys.length === 0 ? null : makeRecord(keys.slice(1), keys.slice(1).map((k) => r[k]));
    case "extra": return makeRecord([...keys, "zz_extra"], [...keys.map((k) => r[k]), 1]);
    case "reordered": return keys.length < 2 ? null : makeRecord([...keys].reverse(), [...keys].reverse().map((k) => r[k]));
    case "class": return new Point();
    case "array": return keys.map((k) => r[k]);
    case "scalar": return "not a record";
    case "null-prototype": return Object.assign(Object.create(null) as object, r);
  }
}

test("property: a generated codec round-trips records of random types exactly like v8 and like the generic codec, in the schema's format", async (t) => {
  const arb = recordType.chain((type) => fc.tuple(fc.constant(type), recordsOf(type)).chain(([ty, rows]) => fc.tuple(fc.constant(ty), fc.constant(rows), timestampsFor(rows.length))));
  await assertProperty(
    t,
    fc.property(arb, ([type, rows, ts]) => {
      const codec = schemaBatchCodec(compileBatchCodec(type));
      const mine = differenceFromV8(codec, rows, ts);
      if (mine.problem !== null) throw new Error(`generated codec: ${mine.problem}`);
      if (mine.format !== FORMAT_SCHEMA) throw new Error(`records of the type went out in format ${mine.format}, not the schema's (${FORMAT_SCHEMA})`);
      const generic = differenceFromV8(createGenericBatchCodec(), rows, ts);
      for (let i = 0; i < rows.length; i++) {
        if (!exactlyEqual(mine.decoded[i], generic.decoded[i])) throw new Error(`record ${i}: the generic codec gives ${show(generic.decoded[i])}, the generated ${show(mine.decoded[i])}`);
      }
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("property: a batch with a record that does not fit the type falls back to the generic format and still round-trips exactly", async (t) => {
  const how = fc.constantFrom<Misfit>("wrong-type", "missing", "extra", "reordered", "class", "array", "scalar", "null-prototype");
  const arb = recordType.chain((type) => fc.tuple(fc.constant(type), recordsOf(type)).chain(([ty, rows]) => fc.tuple(fc.constant(ty), fc.constant(rows), fc.nat(rows.length - 1), how)));
  await assertProperty(
    t,
    fc.property(arb, ([type, rows, at, misfit]) => {
      const codec = schemaBatchCodec(compileBatchCodec(type));
      const spoilt = spoil(type, rows[at]!, misfit);
      fc.pre(spoilt !== null);
      const batch: unknown[] = [...rows];
      batch[at] = spoilt;
      // the clean batch first (the schema's format), then the spoilt one, then clean again: one codec, three formats
      for (const [values, expected] of [[rows, FORMAT_SCHEMA], [batch, -1], [rows, FORMAT_SCHEMA]] as const) {
        const result = differenceFromV8(codec, values);
        if (result.problem !== null) throw new Error(`${misfit} at ${at}: ${result.problem}`);
        if (expected === FORMAT_SCHEMA ? result.format !== FORMAT_SCHEMA : result.format === FORMAT_SCHEMA) {
          throw new Error(`${misfit} at ${at}: format ${result.format} (the schema's is ${FORMAT_SCHEMA})`);
        }
      }
      if (codec.fallbackBatches !== 1 || codec.schemaBatches !== 2) throw new Error(`counted ${codec.schemaBatches} schema and ${codec.fallbackBatches} fallback batches, expected 2 and 1`);
    }),
    { file: import.meta.url, numRuns: propertyRuns(300) },
  );
});

test("the column kinds follow the field types: numbers N (M when nullable), strings S, booleans B, the rest O", (t) => {
  const type = record([
    { name: "i", type: INT }, { name: "f", type: nullable(FLOAT) }, { name: "s", type: STRING }, { name: "ns", type: nullable(STRING) },
    { name: "b", type: BOOL }, { name: "a", type: arrayOf(INT) }, { name: "r", type: record([{ name: "x", type: INT }]) }, { name: "t", type: TIMESTAMP },
  ]);
  t.is(batchCodecCode(type, "K", false).kinds, "NMSSBOON");
});

test("Nexmark bids: the generated Bid codec sends them in its own format (the generic columns without the descriptor), equal to v8", (t) => {
  const bid = NEXMARK_TABLES.get("bid")!;
  const codec = schemaBatchCodec(compileBatchCodec(bid));
  const generic = createGenericBatchCodec();
  const generator = new NexmarkGenerator({});
  for (let round = 0; round < 20; round++) {
    const bids: unknown[] = [];
    const times: number[] = [];
    while (bids.length < 500) {
      const event = generator.next();
      if (event.type === 2) {
        bids.push(event.bid);
        times.push(event.bid.dateTime);
      }
    }
    t.is(differenceFromV8(codec, bids, times).problem, null);
    const mine = encodeDecode(codec, bids, times);
    t.is(mine.format, FORMAT_SCHEMA);
    const theirs = encodeDecode(generic, bids, times);
    t.is(theirs.format, FORMAT_COLUMNS);
    // the same columns; the generic frame adds its descriptor (~2 bytes a character of ["NNNSSNS",[…keys]])
    const descriptor = 2 * JSON.stringify(["NNNSSNS", bid.fields.map((f) => f.name)]).length;
    t.true(Math.abs(theirs.written - mine.written - descriptor) <= 8, `generic ${theirs.written} bytes, generated ${mine.written}, descriptor ${descriptor}`);
  }
  t.is(codec.fallbackBatches, 0);
  t.true(codec instanceof SchemaBatchCodec);
});

test("a frame of another schema is refused loudly, not misread", (t) => {
  const a = schemaBatchCodec(compileBatchCodec(record([{ name: "x", type: INT }], "A")));
  const b = schemaBatchCodec(compileBatchCodec(record([{ name: "x", type: STRING }], "B")));
  const written = (a.prepare(RecordBatch.of([{ x: 1 }])), a.write(TARGET, 0));
  t.throws(() => b.decode(TARGET, 0, written, new RecordBatch()), { message: /another schema/ });
});
