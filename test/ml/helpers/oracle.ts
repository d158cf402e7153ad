// Helpers for ml tests: oracle fixtures (written by scripts/ml/fixtures.py), tables as streams, and comparisons.
import { readFileSync } from "node:fs";
import type { ExecutionContext } from "ava";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { isVector, type Row, Vectors } from "../../../ml/index.js";

/** A fixture of test/ml/fixtures by name (without .json). */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** An environment with `parallelism` subtasks per operator (the one thread runs them all). */
export function env(parallelism = 1): StreamExecutionEnvironment {
  return StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
}

/** Rows { id, <col>: DenseVector } from a matrix's rows. */
export function vectorRows(matrix: readonly (readonly number[])[], col = "input"): Row[] {
  return matrix.map((values, id) => ({ id, [col]: Vectors.denseOf(values) }));
}

/** Rows sorted by their `id` (parallel operators interleave rows). */
export function byId(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => (a["id"] as number) - (b["id"] as number));
}

/** The column's values as plain arrays (vectors densified). */
export function column(rows: readonly Row[], col: string): unknown[] {
  return rows.map((r) => (isVector(r[col]) ? Array.from(r[col].toArray()) : r[col]));
}

/** Asserts two (nested) numeric arrays agree entry by entry within `tolerance` (absolute, or relative for large). */
export function assertClose(t: ExecutionContext, actual: unknown, expected: unknown, tolerance = 1e-9, what = "value"): void {
  const problem = difference(actual, expected, tolerance, what);
  if (problem === null) t.pass();
  else t.fail(problem);
}

/** True when the (nested) numeric arrays agree within `tolerance` (for properties). */
export function closeTo(actual: unknown, expected: unknown, tolerance = 1e-9): boolean {
  return difference(actual, expected, tolerance, "value") === null;
}

function difference(actual: unknown, expected: unknown, tolerance: number, path: string): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path}: expected ${expected.length} entries, got ${Array.isArray(actual) ? `${actual.length} entries` : typeof actual}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const problem = difference(actual[i], expected[i], tolerance, `${path}[${i}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof expected === "number" && typeof actual === "number") {
    const ok = Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)) || (Number.isNaN(actual) && Number.isNaN(expected));
    return ok ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  return actual === expected ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
