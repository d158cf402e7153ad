// Names of the record types of a program as TypeScript interfaces: schemas keep their name, inferred records are
// named after where they first appear (`AlertsRecord` for what reaches sink `alerts`).
import type { RecordType, Type } from "../types/type.js";

export class TypeNames {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Every named record, in registration order (what types.ts declares). */
  readonly declared: { readonly name: string; readonly type: RecordType }[] = [];

  /** Registers `type` (and the records inside it) and returns its interface name. */
  name(type: RecordType, hint: string): string {
    const key = keyOf(type);
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    for (const f of type.fields) this.registerInner(f.type, `${pascal(hint)}${pascal(f.name)}`);
    let name = pascal(type.name ?? hint);
    while (this.used.has(name)) name = `${name}_`;
    this.used.add(name);
    this.byKey.set(key, name);
    this.declared.push({ name, type });
    return name;
  }

  private registerInner(type: Type, hint: string): void {
    if (type.kind === "record") this.name(type, hint);
    else if (type.kind === "nullable") this.registerInner(type.inner, hint);
    else if (type.kind === "array") this.registerInner(type.element, hint);
  }

  /** The TypeScript spelling of a type (registered records by name, others inline). */
  ts(type: Type): string {
    switch (type.kind) {
      case "int": case "float": case "timestamp": case "duration": return "number";
      case "string": return "string";
      case "bool": return "boolean";
      case "null": return "null";
      case "unknown": return "unknown";
      case "nullable": return `${this.ts(type.inner)} | null`;
      case "array": {
        const inner = this.ts(type.element);
        return /[ |]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
      }
      case "record": {
        const named = this.byKey.get(keyOf(type));
        if (named !== undefined) return named;
        return `{ ${type.fields.map((f) => `${f.name}: ${this.ts(f.type)}`).join("; ")} }`;
      }
    }
  }
}

function keyOf(type: Type): string {
  return JSON.stringify(type);
}

export function pascal(name: string): string {
  return name.replace(/(^|[_\-\s]+)([a-zA-Z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
}

export function camel(name: string): string {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
}
