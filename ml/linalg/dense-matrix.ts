// A dense matrix of doubles in column-major order (Flink ML's DenseMatrix, like LAPACK's layout).

export class DenseMatrix {
  readonly kind = "matrix" as const;
  readonly values: Float64Array;

  /** An m × n matrix over `values` (column-major, taken over), or zeros. */
  constructor(readonly numRows: number, readonly numCols: number, values?: Float64Array) {
    if (values !== undefined && values.length !== numRows * numCols) {
      throw new RangeError(`DenseMatrix: ${numRows} × ${numCols} needs ${numRows * numCols} values, got ${values.length}`);
    }
    this.values = values ?? new Float64Array(numRows * numCols);
  }

  /** A matrix from rows given as arrays (tests, small constants). */
  static fromRows(rows: readonly (readonly number[])[]): DenseMatrix {
    const m = rows.length;
    const n = m === 0 ? 0 : rows[0]!.length;
    const matrix = new DenseMatrix(m, n);
    for (let i = 0; i < m; i++) {
      if (rows[i]!.length !== n) throw new RangeError(`DenseMatrix.fromRows: row ${i} has ${rows[i]!.length} values, row 0 has ${n}`);
      for (let j = 0; j < n; j++) matrix.values[j * m + i] = rows[i]![j]!;
    }
    return matrix;
  }

  get(i: number, j: number): number {
    return this.values[j * this.numRows + i]!;
  }

  set(i: number, j: number, value: number): void {
    this.values[j * this.numRows + i] = value;
  }

  clone(): DenseMatrix {
    return new DenseMatrix(this.numRows, this.numCols, this.values.slice());
  }
}
