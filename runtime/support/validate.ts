// Checks records arriving from outside (files, sockets, callers' iterables) against their schema, converting what
// has an unambiguous reading (ISO timestamps); a record that does not fit becomes a dead letter. CSV text is read
// by csv-rows.ts. JSON fields the schema does not name are ignored (JSON records may carry more than a job reads).

/** The compiler's type representation, as embedded in generated code (JSON). */
export type SchemaType =
  | { readonly kind: "int" | "float" | "string" | "bool" | "timestamp" | "duration" | "null" | "unknown" }
  | { readonly kind: "nullable"; readonly inner: SchemaType }
  | { readonly kind: "array"; readonly element: SchemaType }
  | { readonly kind: "record"; readonly fields: readonly { readonly name: string; readonly type: SchemaType }[]; readonly name?: string };

/** A record that could not be read: where it came from, why, and its text. */
export interface DeadLetter {
  readonly source: string;
  /** Line number (files, sockets) or index (iterables), from 1. */
  readonly position: number;
  readonly reason: string;
  readonly raw: string;
}

export type DeadLetterHandler = (letter: DeadLetter) => void;

/** The default: one line on stderr per dead letter. */
export const printDeadLetter: DeadLetterHandler = (d) => {
  process.stderr.write(`dead letter [${d.source}:${d.position}] ${d.reason}: ${d.raw.length > 200 ? `${d.raw.slice(0, 200)}…` : d.raw}\n`);
};

/** A value that fits its type (converted), or the reason it does not. */
export type Checked = { readonly value: unknown } | { readonly reason: string };

/** The value converted to `type`, or why it does not fit. `path` names the field in messages. */
export function coerce(value: unknown, type: SchemaType, path: string): Checked {
  switch (type.kind) {
    case "nullable":
      return value === null || value === undefined ? { value: null } : coerce(value, type.inner, path);
    case "int": case "duration":
      return typeof value === "number" && Number.isSafeInteger(value) ? { value } : wrong(path, type.kind === "int" ? "an integer" : "a duration in milliseconds", value);
    case "float":
      return typeof value === "number" && Number.isFinite(value) ? { value } : wrong(path, "a number", value);
    case "string":
      return typeof value === "string" ? { value } : wrong(path, "a string", value);
    case "bool":
      return typeof value === "boolean" ? { value } : wrong(path, "true or false", value);
    case "timestamp": {
      if (typeof value === "number" && Number.isSafeInteger(value)) return { value };
      if (typeof value === "string") {
        const ms = Date.parse(value);
        if (Number.isFinite(ms)) return { value: ms };
      }
      return wrong(path, "a timestamp (epoch milliseconds or ISO 8601)", value);
    }
    case "array": {
      if (!Array.isArray(value)) return wrong(path, "an array", value);
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const c = coerce(value[i], type.element, `${path}[${i}]`);
        if ("reason" in c) return c;
        out.push(c.value);
      }
      return { value: out };
    }
    case "record": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return wrong(path, "a record", value);
      const out: Record<string, unknown> = {};
      for (const f of type.fields) {
        const v = (value as Record<string, unknown>)[f.name];
        if (v === undefined && f.type.kind !== "nullable") return { reason: `missing field \`${path === "" ? f.name : `${path}.${f.name}`}\`` };
        const c = coerce(v, f.type, path === "" ? f.name : `${path}.${f.name}`);
        if ("reason" in c) return c;
        out[f.name] = c.value;
      }
      return { value: out };
    }
    case "null":
      return value === null || value === undefined ? { value: null } : wrong(path, "null", value);
    case "unknown":
      return { value };
  }
}

function wrong(path: string, expected: string, value: unknown): Checked {
  const shown = value === undefined ? "nothing" : JSON.stringify(value);
  return { reason: `${path === "" ? "record" : `field \`${path}\``} should be ${expected}, got ${shown}` };
}

/** Parses one JSON line against the record type. */
export function readJsonLine(line: string, type: SchemaType): Checked {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    return { reason: `malformed JSON (${(e as Error).message})` };
  }
  return coerce(parsed, type, "");
}
