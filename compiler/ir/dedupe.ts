// `dedupe key [within d]` in IR terms: the first record of each key passes, repeats are dropped for `withinMs` of
// event time (for ever when null). The key itself is the plan node's.
import type { Span } from "../ast/span.js";

export interface IrDedupe {
  readonly kind: "dedupe";
  readonly span: Span;
  readonly withinMs: number | null;
}
