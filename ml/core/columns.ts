// Reading and writing columns of rows, with errors that name the stage, the column and what it holds.
import { copyRecord, withField } from "../../runtime/spi.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { reviveVector } from "../linalg/revive-vector.js";
import { isVector, type Vector } from "../linalg/vector.js";
import type { Row } from "./row.js";

/** The vector in `row[col]`; throws naming the stage and the column when it holds something else. */
export function vectorAt(row: Row, col: string, stage: string): Vector {
  const value = row[col];
  // why revive: a row from another worker over an edge without ml's vector codec holds a plain { kind, values }
  if (isVector(value)) return reviveVector(value);
  throw new Error(`${stage}: column '${col}' must hold a DenseVector or SparseVector, got ${describeValue(value)} — set the input column to a vector column (VectorAssembler builds one)`);
}

/** The number in `row[col]`; throws naming the stage and the column when it holds something else. */
export function numberAt(row: Row, col: string, stage: string): number {
  const value = row[col];
  if (typeof value === "number") return value;
  throw new Error(`${stage}: column '${col}' must hold a number, got ${describeValue(value)}`);
}

/** A copy of `row` with `col` set to `value` (the input row is never changed: other consumers may hold it). */
export function withColumn(row: Row, col: string, value: unknown): Row {
  return withField(row, col, value);
}

/** A copy of `row` with several columns set. */
export function withColumns(row: Row, cols: readonly string[], values: readonly unknown[]): Row {
  const out: Row = copyRecord(row);
  for (let i = 0; i < cols.length; i++) out[cols[i]!] = values[i];
  return out;
}

export function denseOf(values: Float64Array): DenseVector {
  return new DenseVector(values);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (no such column)";
  if (value === null) return "null";
  if (typeof value === "object") return `${(value as object).constructor?.name ?? "an object"} ${safeJson(value)}`;
  return `${typeof value} ${String(value)}`;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? "" : text.length > 80 ? text.slice(0, 77) + "..." : text;
  } catch {
    return "";
  }
}
