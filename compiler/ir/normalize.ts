// Flink's ChangelogNormalize in IR terms: an update stream, keyed by its update key (the plan node's), turned into a
// changelog with deletions — each key's first row `+I`, a replaced row `-U` before its successor `+U` — for a regular
// join, which must take a replaced row out. The compiler adds it; it is never written.
import type { Span } from "../ast/span.js";

export interface IrNormalize {
  readonly kind: "normalize";
  /** The join it feeds (the node has no operator of its own in the source). */
  readonly span: Span;
}
