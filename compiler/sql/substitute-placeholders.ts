// `${KEY}` placeholders (as in Nexmark's SQL files) replaced before parsing, with a map from the result back to the original.
import type { Span } from "../ast/span.js";

/** One replacement: `[from, to)` in the original became `[substitutedFrom, substitutedTo)` in the result. */
interface Replacement {
  readonly from: number;
  readonly to: number;
  readonly substitutedFrom: number;
  readonly substitutedTo: number;
}

export interface Substitution {
  readonly text: string;
  /** Placeholders with no value in the defines, located in the original text; they are left as written. */
  readonly undefined: readonly { readonly name: string; readonly span: Span }[];
  /** Maps a span of `text` to the original: a span touching a substituted value covers the whole placeholder. */
  readonly toOriginal: (span: Span) => Span;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `${KEY}` that `defines` has a value for, everywhere (inside strings too, as Nexmark does with its
 * `'${TPS}'`). Values are inserted verbatim, not re-scanned for placeholders.
 */
export function substitutePlaceholders(text: string, defines: Readonly<Record<string, string>>): Substitution {
  const replacements: Replacement[] = [];
  const missing: { name: string; span: Span }[] = [];
  let out = "";
  let copied = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    const from = match.index;
    const to = from + match[0].length;
    if (!Object.hasOwn(defines, name)) {
      missing.push({ name, span: { start: from, end: to } });
      continue;
    }
    out += text.slice(copied, from);
    const substitutedFrom = out.length;
    out += defines[name]!;
    replacements.push({ from, to, substitutedFrom, substitutedTo: out.length });
    copied = to;
  }
  out += text.slice(copied);
  return { text: out, undefined: missing, toOriginal: (span) => mapSpan(span, replacements) };
}

function mapSpan(span: Span, replacements: readonly Replacement[]): Span {
  if (replacements.length === 0) return span;
  return { start: mapOffset(span.start, replacements, "start"), end: Math.max(mapOffset(span.end, replacements, "end"), mapOffset(span.start, replacements, "start")) };
}

/**
 * An offset before, between or after replacements shifts by the length change so far; one inside a substituted value
 * goes to the placeholder's start (for a span's start) or end (for its end), so the caret underlines `${KEY}`.
 * O(log n) by binary search over the replacements, which are in order.
 */
function mapOffset(offset: number, replacements: readonly Replacement[], side: "start" | "end"): number {
  let lo = 0;
  let hi = replacements.length - 1;
  let last = -1;
  // The last replacement starting at or before the offset (a start at a value's first character belongs to it).
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = replacements[mid]!;
    const begins = side === "start" ? r.substitutedFrom <= offset : r.substitutedFrom < offset;
    if (begins) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (last < 0) return offset;
  const r = replacements[last]!;
  const inside = side === "start" ? offset < r.substitutedTo : offset <= r.substitutedTo;
  if (inside) return side === "start" ? r.from : r.to;
  return offset - r.substitutedTo + r.to;
}
