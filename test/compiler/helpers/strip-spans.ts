// Removes spans (and undefined annotation fields) so that ASTs from different source layouts can be compared.
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== "span" && v !== undefined) out[k] = stripSpans(v);
  return out;
}
