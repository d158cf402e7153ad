// The Eddy type representation: what every expression, field and record evaluates to.

export type PrimitiveName = "int" | "float" | "string" | "bool" | "timestamp" | "duration";

export interface PrimitiveType {
  readonly kind: PrimitiveName;
}
/** The type of the `null` literal; only assignable to nullable types. */
export interface NullType {
  readonly kind: "null";
}
export interface NullableType {
  readonly kind: "nullable";
  /** Never itself nullable or null: `nullable()` flattens. */
  readonly inner: Type;
}
export interface ArrayType {
  readonly kind: "array";
  readonly element: Type;
}
export interface RecordField {
  readonly name: string;
  readonly type: Type;
}
export interface RecordType {
  readonly kind: "record";
  /** Ordered: field order is the order of declaration and of emitted JSON. */
  readonly fields: readonly RecordField[];
  /** The schema this record came from, kept for printing and for emitting named interfaces. */
  readonly name?: string;
}
/** Produced where an error was already reported; compatible with everything so errors do not cascade. */
export interface UnknownType {
  readonly kind: "unknown";
}

export type Type = PrimitiveType | NullType | NullableType | ArrayType | RecordType | UnknownType;

export const INT: PrimitiveType = { kind: "int" };
export const FLOAT: PrimitiveType = { kind: "float" };
export const STRING: PrimitiveType = { kind: "string" };
export const BOOL: PrimitiveType = { kind: "bool" };
export const TIMESTAMP: PrimitiveType = { kind: "timestamp" };
export const DURATION: PrimitiveType = { kind: "duration" };
export const NULL: NullType = { kind: "null" };
export const UNKNOWN: UnknownType = { kind: "unknown" };

export function primitive(name: PrimitiveName): PrimitiveType {
  return { kind: name };
}

/** `T?`; idempotent, and `null?` / `unknown?` stay as they are. */
export function nullable(inner: Type): Type {
  if (inner.kind === "nullable" || inner.kind === "null" || inner.kind === "unknown") return inner;
  return { kind: "nullable", inner };
}

export function arrayOf(element: Type): ArrayType {
  return { kind: "array", element };
}

export function record(fields: readonly RecordField[], name?: string): RecordType {
  return name === undefined ? { kind: "record", fields } : { kind: "record", fields, name };
}

export function fieldOf(type: RecordType, name: string): RecordField | undefined {
  return type.fields.find((f) => f.name === name);
}

/** The non-null part of a type (`T?` → `T`). */
export function nonNull(type: Type): Type {
  return type.kind === "nullable" ? type.inner : type;
}

export function isNullable(type: Type): boolean {
  return type.kind === "nullable" || type.kind === "null";
}

export function isNumeric(type: Type): boolean {
  return type.kind === "int" || type.kind === "float";
}

/** Record with `overrides` replacing same-named fields in place and new ones appended (extend, flatMap). */
export function withFields(base: RecordType, overrides: readonly RecordField[]): RecordType {
  const fields = base.fields.map((f) => overrides.find((o) => o.name === f.name) ?? f);
  for (const o of overrides) if (!base.fields.some((f) => f.name === o.name)) fields.push(o);
  return record(fields);
}
