// Assignability and unification: which values fit where, and the common type of two branches.
import { arrayOf, nullable, record, type RecordType, type Type } from "./type.js";

/** Can a value of type `from` be used where `to` is expected? int widens to float; records allow extra fields. */
export function isAssignable(from: Type, to: Type): boolean {
  if (from.kind === "unknown" || to.kind === "unknown") return true;
  if (to.kind === "nullable") return from.kind === "null" || isAssignable(from.kind === "nullable" ? from.inner : from, to.inner);
  switch (from.kind) {
    case "null": return to.kind === "null";
    case "nullable": return false;
    case "int": return to.kind === "int" || to.kind === "float";
    case "array": return to.kind === "array" && isAssignable(from.element, to.element);
    case "record": return to.kind === "record" && isRecordAssignable(from, to);
    default: return from.kind === to.kind;
  }
}

// Width subtyping: every field the target needs is present with an assignable type (a missing nullable field is fine).
function isRecordAssignable(from: RecordType, to: RecordType): boolean {
  return to.fields.every((t) => {
    const f = from.fields.find((x) => x.name === t.name);
    return f === undefined ? t.type.kind === "nullable" : isAssignable(f.type, t.type);
  });
}

/** Structural equality (schema names ignored). */
export function typesEqual(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "nullable": return typesEqual(a.inner, (b as typeof a).inner);
    case "array": return typesEqual(a.element, (b as typeof a).element);
    case "record": {
      const other = b as RecordType;
      return a.fields.length === other.fields.length && a.fields.every((f, i) => f.name === other.fields[i]!.name && typesEqual(f.type, other.fields[i]!.type));
    }
    default: return true;
  }
}

/**
 * The least type both `a` and `b` fit into (if/else branches, array elements, `??`, union inputs),
 * or undefined when there is none. int ∪ float = float; T ∪ null = T?; records need the same field names.
 */
export function unify(a: Type, b: Type): Type | undefined {
  if (a.kind === "unknown") return b;
  if (b.kind === "unknown") return a;
  if (a.kind === "null") return nullable(b);
  if (b.kind === "null") return nullable(a);
  if (a.kind === "nullable" || b.kind === "nullable") {
    const inner = unify(a.kind === "nullable" ? a.inner : a, b.kind === "nullable" ? b.inner : b);
    return inner === undefined ? undefined : nullable(inner);
  }
  if ((a.kind === "int" && b.kind === "float") || (a.kind === "float" && b.kind === "int")) return { kind: "float" };
  if (a.kind === "array" && b.kind === "array") {
    const element = unify(a.element, b.element);
    return element === undefined ? undefined : arrayOf(element);
  }
  if (a.kind === "record" && b.kind === "record") {
    if (a.fields.length !== b.fields.length) return undefined;
    const fields = [];
    for (const f of a.fields) {
      const g = b.fields.find((x) => x.name === f.name);
      const t = g === undefined ? undefined : unify(f.type, g.type);
      if (t === undefined) return undefined;
      fields.push({ name: f.name, type: t });
    }
    return a.name !== undefined && a.name === b.name ? record(fields, a.name) : record(fields);
  }
  return a.kind === b.kind ? a : undefined;
}
