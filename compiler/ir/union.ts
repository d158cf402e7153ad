// `union a, b, …`: the records of several streams as one (no order between them).
import type { Span } from "../ast/span.js";

export interface IrUnion {
  readonly kind: "union";
  readonly span: Span;
  /** The streams merged with the pipeline's own, as written. */
  readonly streams: readonly string[];
}
