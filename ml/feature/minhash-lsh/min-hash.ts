// MinHash for the Jaccard distance of sets (Broder, "On the resemblance and containment of documents", 1997), as
// Flink ML's MinHashLSHModelData: a vector is the set of its non-zero indices; hash function (a, b) maps it to
// min over indices i of ((1 + i)·a + b) mod P, with P = 2038074743 and a, b drawn from java.util.Random(seed).
import { JavaRandom } from "../../common/java-random.js";
import { DenseVector } from "../../linalg/dense-vector.js";
import type { Vector } from "../../linalg/vector.js";

/** A large prime below sqrt(2^63 − 1) (Flink ML's HASH_PRIME); vectors may have at most this many entries. */
export const HASH_PRIME = 2038074743;

/** Flink ML's MinHashLSHModelData. Coefficients of hash function j of table i are at i · numHashFunctionsPerTable + j. */
export interface MinHashLSHModelData {
  readonly numHashTables: number;
  readonly numHashFunctionsPerTable: number;
  readonly randCoefficientA: number[];
  readonly randCoefficientB: number[];
}

/** Flink ML's generateModelData: for each hash function, a = 1 + nextInt(P − 1), then b = nextInt(P − 1). */
export function generateModelData(numHashTables: number, numHashFunctionsPerTable: number, dim: number, seed: number): MinHashLSHModelData {
  if (dim > HASH_PRIME) throw new Error(`MinHashLSH: the input vector dimension ${dim} exceeds the threshold ${HASH_PRIME}`);
  const random = new JavaRandom(seed);
  const count = numHashTables * numHashFunctionsPerTable;
  const randCoefficientA: number[] = [];
  const randCoefficientB: number[] = [];
  for (let i = 0; i < count; i++) {
    randCoefficientA.push(1 + random.nextIntBounded(HASH_PRIME - 1));
    randCoefficientB.push(random.nextIntBounded(HASH_PRIME - 1));
  }
  return { numHashTables, numHashFunctionsPerTable, randCoefficientA, randCoefficientB };
}

/** The non-zero indices of a vector (Flink ML's vec.toSparse().indices). */
function nonZeroIndices(x: Vector): Int32Array {
  if (x.kind === "dense") return x.toSparse().indices;
  // why not x.indices: a sparse vector may store explicit zeros, which are not members of the set
  let zeros = 0;
  for (let k = 0; k < x.values.length; k++) if (x.values[k] === 0) zeros++;
  return zeros === 0 ? x.indices : x.toDense().toSparse().indices;
}

/** Below this, (1 + index) · a + b < 2^52 (a, b < 2^31): one exact double product and one remainder suffice. */
const SMALL_INDEX = 2 ** 21;

/**
 * ((1 + index) · a + b) mod P, exactly. Java computes it in a long; the product reaches 2^62, beyond a double's 53
 * bits, so a large index is split in 16-bit halves (3 remainders). The one-remainder path for small indices took
 * minHash from 0.13–0.22 to 0.39–0.40 M vectors/s (6 non-zeros, 5 tables × 2 functions; `npx tsx
 * scripts/ml/time-new-stages.ts`, load average ≈ 20–30 on the shared 2-core machine).
 */
function hashIndex(index: number, a: number, b: number): number {
  const x = index + 1;
  if (x < SMALL_INDEX) return (x * a + b) % HASH_PRIME;
  const xHi = Math.floor(x / 65536);
  const xLo = x - xHi * 65536;
  return ((((xHi * a) % HASH_PRIME) * 65536 + xLo * a) % HASH_PRIME + b) % HASH_PRIME;
}

/** The hash vectors of `x`, one per table (Flink ML's hashFunction). */
export function minHash(data: MinHashLSHModelData, x: Vector): DenseVector[] {
  const indices = nonZeroIndices(x);
  if (indices.length === 0) throw new Error("MinHashLSH: a vector must have at least 1 non-zero entry (its set of non-zero indices is what is hashed)");
  const perTable = data.numHashFunctionsPerTable;
  const out: DenseVector[] = [];
  for (let t = 0; t < data.numHashTables; t++) {
    const values = new Float64Array(perTable);
    for (let j = 0; j < perTable; j++) {
      const a = data.randCoefficientA[t * perTable + j]!;
      const b = data.randCoefficientB[t * perTable + j]!;
      let min = HASH_PRIME;
      for (let k = 0; k < indices.length; k++) {
        const h = hashIndex(indices[k]!, a, b);
        if (h < min) min = h;
      }
      values[j] = min;
    }
    out.push(new DenseVector(values));
  }
  return out;
}

/** 1 − |X ∩ Y| / |X ∪ Y| over the sets of non-zero indices (Flink ML's keyDistance). */
export function jaccardDistance(x: Vector, y: Vector): number {
  const xs = nonZeroIndices(x);
  const ys = nonZeroIndices(y);
  if (xs.length + ys.length === 0) throw new Error("MinHashLSH: the union of two input sets must have at least 1 element");
  let px = 0;
  let py = 0;
  let intersection = 0;
  while (px < xs.length && py < ys.length) {
    if (xs[px] === ys[py]) {
      intersection++;
      px++;
      py++;
    } else if (xs[px]! < ys[py]!) px++;
    else py++;
  }
  return 1 - intersection / (xs.length + ys.length - intersection);
}

/** True when some table's hash vector of `a` equals that of `b` (OR over tables, AND within one). */
export function shareBucket(a: readonly DenseVector[], b: readonly DenseVector[]): boolean {
  for (let t = 0; t < a.length; t++) {
    const x = a[t]!.values;
    const y = b[t]!.values;
    let same = x.length === y.length;
    for (let j = 0; same && j < x.length; j++) same = x[j] === y[j];
    if (same) return true;
  }
  return false;
}
