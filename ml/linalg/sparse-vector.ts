// A sparse vector: its size and the sorted indices and values of its non-zeros (Flink ML's SparseVector).
import { DenseVector } from "./dense-vector.js";

export class SparseVector {
  readonly kind = "sparse" as const;
  readonly n: number;
  readonly indices: Int32Array;
  readonly values: Float64Array;

  /**
   * Indices need not be sorted (they are sorted here, as Flink ML does); they must be distinct and in [0, n).
   * The arrays are taken over, not copied.
   */
  constructor(n: number, indices: Int32Array | readonly number[], values: Float64Array | readonly number[]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`SparseVector: size must be a non-negative integer, got ${n}`);
    if (indices.length !== values.length) {
      throw new RangeError(`SparseVector: ${indices.length} indices but ${values.length} values — give one value per index`);
    }
    this.n = n;
    this.indices = indices instanceof Int32Array ? indices : Int32Array.from(indices);
    this.values = values instanceof Float64Array ? values : Float64Array.from(values);
    this.sortIndices();
    this.validate();
  }

  size(): number {
    return this.n;
  }

  /** The value at `i` (0 where there is no non-zero); a binary search, O(log nnz). */
  get(i: number): number {
    const k = this.position(i);
    return k >= 0 ? this.values[k]! : 0;
  }

  /** Sets an entry that is stored; a sparse vector cannot grow — convert with toDense() to set other entries. */
  set(i: number, value: number): void {
    const k = this.position(i);
    if (k < 0) throw new RangeError(`SparseVector.set: index ${i} holds no stored value (size ${this.n}); use toDense() to set arbitrary entries`);
    this.values[k] = value;
  }

  toArray(): Float64Array {
    const dense = new Float64Array(this.n);
    for (let k = 0; k < this.indices.length; k++) dense[this.indices[k]!] = this.values[k]!;
    return dense;
  }

  toDense(): DenseVector {
    return new DenseVector(this.toArray());
  }

  toSparse(): SparseVector {
    return this;
  }

  clone(): SparseVector {
    return new SparseVector(this.n, this.indices.slice(), this.values.slice());
  }

  equals(other: unknown): boolean {
    if (!(other instanceof SparseVector) || other.n !== this.n || other.indices.length !== this.indices.length) return false;
    for (let k = 0; k < this.indices.length; k++) {
      if (this.indices[k] !== other.indices[k]) return false;
      if (this.values[k] !== other.values[k] && !(Number.isNaN(this.values[k]) && Number.isNaN(other.values[k]))) return false;
    }
    return true;
  }

  toString(): string {
    return `(${this.n}, [${Array.from(this.indices).join(", ")}], [${Array.from(this.values).join(", ")}])`;
  }

  private position(i: number): number {
    let lo = 0;
    let hi = this.indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.indices[mid]!;
      if (at === i) return mid;
      if (at < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private sortIndices(): void {
    const { indices, values } = this;
    let sorted = true;
    for (let k = 1; k < indices.length; k++) if (indices[k - 1]! > indices[k]!) sorted = false;
    if (sorted) return;
    const order = Array.from(indices.keys()).sort((a, b) => indices[a]! - indices[b]!);
    const i2 = Int32Array.from(order, (k) => indices[k]!);
    const v2 = Float64Array.from(order, (k) => values[k]!);
    indices.set(i2);
    values.set(v2);
  }

  private validate(): void {
    const { indices, n } = this;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (i < 0 || i >= n) throw new RangeError(`SparseVector: index ${i} is out of bounds for size ${n}`);
      if (k > 0 && indices[k - 1] === i) throw new RangeError(`SparseVector: index ${i} appears twice — indices must be distinct`);
    }
  }
}
