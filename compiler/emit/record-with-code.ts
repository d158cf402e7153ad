// Code for a copy of a record with some fields added or replaced (a join's pair, a changelog's kind, a lookup's row).
//
// why one object literal listing every field, not `{ ...l, x: r }`: on Node 20 (V8 11.3) a hot spread gives each
// object it makes a hidden class of its own, so the operators after it go megamorphic, and it is several times slower
// than a literal (runtime/core/copy-record.ts). The compiler knows the record's fields, so it spells them out: every
// copy has one class. A replaced field keeps its place, as with the spread; new fields come last.

/**
 * `source`'s fields (`fields`, in order) with `extra` ([field name, code]) replacing or following them, as an expression.
 * Without known fields (a stream of records the checker could not see into) it copies whatever the record holds.
 */
export function recordWithCode(source: string, fields: readonly string[], extra: readonly (readonly [string, string])[]): string {
  const replacing = new Map(extra);
  const entry = (name: string, value: string) => `${key(name)}: ${value}`;
  if (fields.length === 0) return `Object.assign({}, ${source}, { ${extra.map(([n, v]) => entry(n, v)).join(", ")} })`;
  const copied = fields.map((f) => entry(f, replacing.get(f) ?? (IDENTIFIER.test(f) ? `${source}.${f}` : `${source}[${JSON.stringify(f)}]`)));
  const added = extra.filter(([n]) => !fields.includes(n)).map(([n, v]) => entry(n, v));
  return `({ ${[...copied, ...added].join(", ")} })`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}
