// Equality of vertex and edge values where Flink compares them with equals(): primitives by value, other values by
// their JSON text (so { w: 1 } equals another { w: 1 }). Used by intersect's (source, target, value) matching.

/** A Map key that is equal for equal values. */
export function valueKey(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  // why the replacer: JSON.stringify throws on bigint
  return `\u0000json:${JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`;
}
