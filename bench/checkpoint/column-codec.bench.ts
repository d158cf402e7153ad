// Restore and snapshot cost of the column codec against plain v8.serialize of the values array:
// encode+serialize vs serialize, deserialize+decode vs deserialize, for 1M values of a few shapes
// in one call, and in 1,000 calls of 1k values (the per-key-group chunks a checkpoint makes).
//
// Run: npx tsx bench/checkpoint/column-codec.bench.ts [values] [repeats]
import { deserialize, serialize } from "node:v8";
import { decodeColumn, type EncodedColumn, encodeColumn } from "../../runtime/checkpoint/column-codec.js";

const VALUES = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const CHUNK = 1_000;

const PAD = "x".repeat(60);
const shapes: Record<string, (i: number) => unknown> = {
  "int numbers": (i) => i % 100_000,
  "float numbers": (i) => i * 0.37,
  "{name: string(~70), n}": (i) => ({ name: `user-${PAD}${i}`, n: i % 1000 }),
  "{a, b, c: string}": (i) => ({ a: i, b: i * 0.5, c: `c-${i % 5000}` }),
  "short lists": (i) => [i, i + 1, i % 7].slice(0, 1 + (i % 3)),
  "{name, email: string|null}": (i) => ({ name: `user-${i}`, email: i % 4 === 0 ? null : `u${i}@example.com` }),
};

/** Best wall time of `repeats` runs, ms (best, not mean: the machine is shared). */
function best(repeats: number, body: () => unknown): number {
  let fastest = Infinity;
  for (let r = 0; r < repeats; r++) {
    const began = performance.now();
    body();
    fastest = Math.min(fastest, performance.now() - began);
  }
  return fastest;
}

interface Row {
  shape: string;
  chunk: number;
  serializeMs: number;
  encodeSerializeMs: number;
  deserializeMs: number;
  deserializeDecodeMs: number;
  rawBytes: number;
  encodedBytes: number;
  kind: string;
}

function measure(shape: string, make: (i: number) => unknown, chunk: number): Row {
  const chunks: unknown[][] = [];
  for (let at = 0; at < VALUES; at += chunk) chunks.push(Array.from({ length: Math.min(chunk, VALUES - at) }, (_, j) => make(at + j)));
  let raw: Buffer[] = [];
  let encoded: Buffer[] = [];
  const serializeMs = best(REPEATS, () => (raw = chunks.map((c) => serialize(c))));
  const encodeSerializeMs = best(REPEATS, () => (encoded = chunks.map((c) => serialize(encodeColumn(c)))));
  const deserializeMs = best(REPEATS, () => raw.map((b) => deserialize(b) as unknown[]));
  const deserializeDecodeMs = best(REPEATS, () => encoded.map((b) => decodeColumn(deserialize(b) as EncodedColumn)));
  const bytes = (bs: Buffer[]) => bs.reduce((sum, b) => sum + b.length, 0);
  const kind = (deserialize(encoded[0]!) as EncodedColumn).kind;
  return { shape, chunk, serializeMs, encodeSerializeMs, deserializeMs, deserializeDecodeMs, rawBytes: bytes(raw), encodedBytes: bytes(encoded), kind };
}

const rows: Row[] = [];
for (const [shape, make] of Object.entries(shapes)) {
  for (const chunk of [VALUES, CHUNK]) {
    const row = measure(shape, make, chunk);
    rows.push(row);
    process.stderr.write(`  measured ${shape} × ${chunk}\n`);
  }
}

const ms = (x: number) => x.toFixed(0).padStart(6);
const ratio = (x: number) => `${x.toFixed(2)}×`.padStart(7);
console.log(`column codec vs v8.serialize of the raw array: ${VALUES.toLocaleString("en")} values, best of ${REPEATS}; restore ratio < 1 is faster`);
console.log(
  `${"shape".padEnd(28)} ${"chunk".padStart(7)} ${"kind".padEnd(7)} | ${"ser".padStart(6)} ${"enc+ser".padStart(7)} ${"ratio".padStart(7)} | ${"deser".padStart(6)} ${"deser+dec".padStart(9)} ${"ratio".padStart(7)} | ${"MB raw".padStart(7)} ${"MB enc".padStart(7)}`,
);
for (const r of rows) {
  console.log(
    `${r.shape.padEnd(28)} ${String(r.chunk).padStart(7)} ${r.kind.padEnd(7)} | ${ms(r.serializeMs)} ${ms(r.encodeSerializeMs).padStart(7)} ${ratio(r.encodeSerializeMs / r.serializeMs)} | ${ms(r.deserializeMs)} ${ms(r.deserializeDecodeMs).padStart(9)} ${ratio(r.deserializeDecodeMs / r.deserializeMs)} | ${(r.rawBytes / 1e6).toFixed(1).padStart(7)} ${(r.encodedBytes / 1e6).toFixed(1).padStart(7)}`,
  );
}
