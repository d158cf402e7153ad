// Which aggregations the compiler specialises into generated operators, and which go through the window library.
import type { AggregateNode } from "./plan.js";

/**
 * `tumbling`: an event-time tumbling window aggregate, generated as a keyed operator with in-place accumulators;
 * `running`: an aggregate per key without a window, same technique (also one that takes rows back, over an update
 * stream or a changelog with deletions: emit/retracting-aggregate-code.ts); `library`: everything else (the runtime's
 * window operators, with a generated AggregateFunction where the operator is `aggregate`), windows with a `trigger`
 * among them.
 */
export type AggregateStrategy = "tumbling" | "running" | "library";

export function aggregateStrategy(node: AggregateNode, fuse: boolean): AggregateStrategy {
  if (!fuse || node.op.kind !== "aggregate") return "library";
  // (an aggregate over an update stream or a changelog with deletions takes rows back: running, without a window)
  if (node.window === null) return node.key === null ? "library" : "running";
  // A custom trigger fires windows the generated operator does not know about: the library's window operator runs it.
  if (node.window.trigger !== null) return "library";
  const spec = node.window.spec;
  return spec?.kind === "tumbling" && spec.time === "event" ? "tumbling" : "library";
}
