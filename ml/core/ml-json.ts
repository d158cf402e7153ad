// JSON for what ml/ writes (param values, model data, operator state): vectors, matrices, typed arrays and the
// maps and the non-finite doubles plain JSON cannot hold survive the round trip exactly.
import { DenseMatrix } from "../linalg/dense-matrix.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";

/** The tag a tagged object carries; a record field of that name is refused when writing (it would read back wrong). */
const TAG = "@ml";

type Tagged =
  | { [TAG]: "dense"; values: unknown[] }
  | { [TAG]: "sparse"; n: number; indices: number[]; values: unknown[] }
  | { [TAG]: "matrix"; numRows: number; numCols: number; values: unknown[] }
  | { [TAG]: "f64"; values: unknown[] }
  | { [TAG]: "i32"; values: number[] }
  | { [TAG]: "number"; value: "NaN" | "Infinity" | "-Infinity" }
  | { [TAG]: "map"; entries: [unknown, unknown][] };

function encodeNumbers(values: Float64Array): unknown[] {
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeNumber(values[i]!);
  return out;
}

function encodeNumber(value: number): unknown {
  // why: JSON has no NaN or infinities (JSON.stringify writes null); Imputer's missing value is NaN by default
  if (Number.isFinite(value)) return Object.is(value, -0) ? 0 : value;
  return { [TAG]: "number", value: String(value) };
}

function decodeNumbers(values: readonly unknown[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = decodeNumber(values[i]);
  return out;
}

function decodeNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "object" && value !== null && (value as Tagged)[TAG] === "number") return Number((value as { value: string }).value);
  throw new TypeError(`ml JSON: expected a number, got ${JSON.stringify(value)}`);
}

/** Turns a value into plain JSON data (tagged objects for vectors, matrices, typed arrays and non-finite numbers). */
export function toJsonData(value: unknown): unknown {
  if (typeof value === "number") return encodeNumber(value);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof DenseVector) return { [TAG]: "dense", values: encodeNumbers(value.values) };
  if (value instanceof SparseVector) return { [TAG]: "sparse", n: value.n, indices: Array.from(value.indices), values: encodeNumbers(value.values) };
  if (value instanceof DenseMatrix) return { [TAG]: "matrix", numRows: value.numRows, numCols: value.numCols, values: encodeNumbers(value.values) };
  if (value instanceof Float64Array) return { [TAG]: "f64", values: encodeNumbers(value) };
  if (value instanceof Int32Array) return { [TAG]: "i32", values: Array.from(value) };
  if (Array.isArray(value)) return value.map(toJsonData);
  if (value instanceof Map) return { [TAG]: "map", entries: [...value].map(([k, v]) => [toJsonData(k), toJsonData(v)]) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === TAG) throw new TypeError(`ml JSON: a field may not be named '${TAG}' (it marks vectors in saved data)`);
    out[k] = toJsonData(v);
  }
  return out;
}

/** The inverse of toJsonData. */
export function fromJsonData(data: unknown): unknown {
  if (typeof data !== "object" || data === null) return data;
  if (Array.isArray(data)) return data.map(fromJsonData);
  const tagged = data as Tagged;
  switch (tagged[TAG]) {
    case "dense":
      return new DenseVector(decodeNumbers(tagged.values));
    case "sparse":
      return new SparseVector(tagged.n, Int32Array.from(tagged.indices), decodeNumbers(tagged.values));
    case "matrix":
      return new DenseMatrix(tagged.numRows, tagged.numCols, decodeNumbers(tagged.values));
    case "f64":
      return decodeNumbers(tagged.values);
    case "i32":
      return Int32Array.from(tagged.values);
    case "number":
      return decodeNumber(tagged);
    case "map":
      return new Map(tagged.entries.map(([k, v]) => [fromJsonData(k), fromJsonData(v)]));
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(data)) out[k] = fromJsonData(v);
      return out;
    }
  }
}

export function stringifyMl(value: unknown): string {
  return JSON.stringify(toJsonData(value));
}

export function parseMl(text: string): unknown {
  return fromJsonData(JSON.parse(text));
}
