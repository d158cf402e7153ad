// The types the SQL translator tracks for its columns: enough to choose Flink's semantics where `.flow`'s differ
// (integer AVG and division) and to declare table schemas; the shared `.flow` checker types everything precisely later.
import type { TypeNode } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { DataType } from "./ast.js";

export type ColumnType =
  | { readonly kind: "int" | "float" | "string" | "bool" | "timestamp" | "duration" | "unknown" }
  | { readonly kind: "row"; readonly fields: readonly { readonly name: string; readonly type: ColumnType }[] }
  /** `ARRAY<T>`: its elements may be NULL unless declared `ARRAY<T NOT NULL>` (what UNNEST reads). */
  | { readonly kind: "array"; readonly element: ColumnType; readonly elementNullable: boolean };

export const INT_COLUMN: ColumnType = { kind: "int" };
export const FLOAT_COLUMN: ColumnType = { kind: "float" };
export const STRING_COLUMN: ColumnType = { kind: "string" };
export const BOOL_COLUMN: ColumnType = { kind: "bool" };
export const TIMESTAMP_COLUMN: ColumnType = { kind: "timestamp" };
export const UNKNOWN_COLUMN: ColumnType = { kind: "unknown" };

const BY_NAME: ReadonlyMap<string, ColumnType> = new Map([
  ["TINYINT", INT_COLUMN], ["SMALLINT", INT_COLUMN], ["INT", INT_COLUMN], ["INTEGER", INT_COLUMN], ["BIGINT", INT_COLUMN],
  ["FLOAT", FLOAT_COLUMN], ["DOUBLE", FLOAT_COLUMN], ["REAL", FLOAT_COLUMN], ["DECIMAL", FLOAT_COLUMN], ["DEC", FLOAT_COLUMN], ["NUMERIC", FLOAT_COLUMN],
  ["CHAR", STRING_COLUMN], ["VARCHAR", STRING_COLUMN], ["STRING", STRING_COLUMN],
  ["BOOLEAN", BOOL_COLUMN],
  ["TIMESTAMP", TIMESTAMP_COLUMN], ["TIMESTAMP_LTZ", TIMESTAMP_COLUMN], ["DATE", TIMESTAMP_COLUMN],
]);

/** The column type of a declared SQL type, or undefined when Eddy has no such type (reported by the caller). */
export function columnTypeOf(t: DataType): ColumnType | undefined {
  const name = t.name.toUpperCase();
  if (name === "ROW") {
    const fields: { name: string; type: ColumnType }[] = [];
    for (const f of t.fields) {
      const type = columnTypeOf(f.type);
      if (type === undefined) return undefined;
      fields.push({ name: f.name.name, type });
    }
    return { kind: "row", fields };
  }
  if (name === "ARRAY") {
    const element = t.element === null ? undefined : columnTypeOf(t.element);
    return element === undefined || element.kind === "row" ? undefined : { kind: "array", element, elementNullable: !t.element!.notNull };
  }
  return BY_NAME.get(name);
}

/** `.flow` type syntax for a column (every SQL column is nullable unless declared NOT NULL). */
export function typeNodeOf(t: ColumnType, nullable: boolean, span: Span): TypeNode | undefined {
  if (t.kind === "row" || t.kind === "unknown") return undefined;
  if (t.kind === "array") {
    const element = typeNodeOf(t.element, t.elementNullable, span);
    if (element === undefined) return undefined;
    const array: TypeNode = { kind: "ArrayTypeNode", element, span };
    return nullable ? { kind: "NullableTypeNode", inner: array, span } : array;
  }
  const name = t.kind === "int" ? "int" : t.kind === "float" ? "float" : t.kind === "string" ? "string" : t.kind === "bool" ? "bool" : t.kind === "timestamp" ? "timestamp" : "duration";
  const base: TypeNode = { kind: "PrimitiveTypeNode", name, span };
  return nullable ? { kind: "NullableTypeNode", inner: base, span } : base;
}

/** The type of `a op b` for arithmetic, as Flink computes it: integers stay integers (also under `/`). */
export function arithmeticType(op: string, a: ColumnType, b: ColumnType): ColumnType {
  if (a.kind === "timestamp" || b.kind === "timestamp") return op === "-" && a.kind === "timestamp" && b.kind === "timestamp" ? { kind: "duration" } : TIMESTAMP_COLUMN;
  if (a.kind === "duration" && b.kind === "duration") return { kind: "duration" };
  if (a.kind === "int" && b.kind === "int") return INT_COLUMN;
  if (a.kind === "unknown" || b.kind === "unknown") return UNKNOWN_COLUMN;
  return FLOAT_COLUMN;
}
