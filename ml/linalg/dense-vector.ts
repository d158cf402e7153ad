// A dense vector of doubles on a Float64Array (Flink ML's DenseVector).
import { SparseVector } from "./sparse-vector.js";

export class DenseVector {
  readonly kind = "dense" as const;
  readonly values: Float64Array;

  /** A vector over `values` (shared, not copied), or a zero vector of that size. */
  constructor(values: Float64Array | number) {
    this.values = typeof values === "number" ? new Float64Array(values) : values;
  }

  size(): number {
    return this.values.length;
  }

  get(i: number): number {
    return this.values[i]!;
  }

  set(i: number, value: number): void {
    this.values[i] = value;
  }

  toArray(): Float64Array {
    return this.values;
  }

  toDense(): DenseVector {
    return this;
  }

  toSparse(): SparseVector {
    let nnz = 0;
    const values = this.values;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) nnz++;
    const indices = new Int32Array(nnz);
    const nonZeros = new Float64Array(nnz);
    for (let i = 0, k = 0; i < values.length; i++) {
      if (values[i] === 0) continue;
      indices[k] = i;
      nonZeros[k++] = values[i]!;
    }
    return new SparseVector(values.length, indices, nonZeros);
  }

  clone(): DenseVector {
    return new DenseVector(this.values.slice());
  }

  equals(other: unknown): boolean {
    if (!(other instanceof DenseVector) || other.values.length !== this.values.length) return false;
    for (let i = 0; i < this.values.length; i++) if (!Object.is(this.values[i], other.values[i]) && this.values[i] !== other.values[i]) return false;
    return true;
  }

  toString(): string {
    return `[${Array.from(this.values).join(", ")}]`;
  }
}
