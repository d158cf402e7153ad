// Source spans: half-open [start, end) character offsets into one file's text.
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The smallest span covering both `a` and `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
