// Evaluates a `cumulate(size, step)` window assigner, whose size must be a whole multiple of its step (as in Flink).
import type { WindowSpec } from "../ast/annotations.js";
import type { WindowAssigner } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";

/** The cumulate spec, or null when an argument had errors (already reported) or the size is not n × step (FLOW4040). */
export function cumulateSpec(reporter: Reporter, assigner: WindowAssigner, sizeMs: number | undefined, stepMs: number | undefined, time: "event" | "processing"): WindowSpec | null {
  // why `> 0`: a zero or negative duration is already FLOW4009, and n × 0 would say nothing more
  if (sizeMs === undefined || stepMs === undefined || !(sizeMs > 0) || !(stepMs > 0)) return null;
  if (sizeMs % stepMs !== 0) {
    reporter.report("FLOW4040", assigner.span, { size: sizeMs, step: stepMs });
    return null;
  }
  return { kind: "cumulate", sizeMs, stepMs, time };
}
