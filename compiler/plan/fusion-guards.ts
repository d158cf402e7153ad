// The fusion guards: when two plan nodes joined by an edge may become one function (STYLE.md rule 6).
import { formatParallelism, inputsOf, nodeById, outputsOf, sameParallelism, type JobPlan, type PlanEdge } from "./plan.js";

/**
 * Null when `edge` can fuse; otherwise why not ("" when it is not an edge between two operators at all).
 * The guards, in order:
 */
export function whyNotFuse(job: JobPlan, edge: PlanEdge): string | null {
  const up = nodeById(job, edge.from);
  const down = nodeById(job, edge.to);
  // Sources and sinks are connectors, not operators: the runtime chains them, the compiler does not fuse them.
  if (up.kind === "source" || down.kind === "sink") return "";
  // A side output (late records, timeouts) leaves its operator by its own route.
  if (edge.side !== undefined) return "side output";
  // A shuffle between them: records change subtask, so the two run in different tasks.
  if (edge.partitioning.kind !== "forward") return `${edge.partitioning.kind} partitioning`;
  // Different parallelism means a redistribution even without a keyBy — and parallelism that only agrees for some
  // run-time overrides is different too: a fused chain cannot split again when the job runs.
  if (!sameParallelism(up.parallelism, down.parallelism)) return `parallelism ${formatParallelism(up.parallelism)} → ${formatParallelism(down.parallelism)}`;
  // `predict` keeps no state but loads its model when its subtask opens: chain functions have no open step.
  if (up.kind === "predict" || down.kind === "predict") return "predict loads its model as it opens";
  // `lookup` likewise loads its table when its subtask opens (and chain functions have no open step).
  if (up.kind === "lookup" || down.kind === "lookup") return "lookup loads its table as it opens";
  // Stateful operators keep their own node (aggregates may still absorb neighbours, see fuse-aggregates).
  if (up.kind !== "chain" || down.kind !== "chain") return `${up.kind === "chain" ? down.kind : up.kind} is stateful`;
  // A node with several inputs (union, join) merges streams: it cannot be inlined into one of them.
  if (inputsOf(job, down.id).length !== 1) return "the consumer has several inputs";
  // Fan-out: the producer's records are needed by more than one consumer.
  if (outputsOf(job, up.id).length !== 1) return "the producer fans out to several consumers";
  return null;
}
