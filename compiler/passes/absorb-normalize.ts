// Merges the ChangelogNormalize behind a generated running aggregate into it: the aggregate then emits its update
// stream's changelog itself (`+I`, `-U` of the row it emitted last, `+U`), as Flink's GroupAggFunction emits
// UPDATE_BEFORE from its accumulators. The normalize would keep every key's row a second time, in its own state, behind
// a hash shuffle on the same key; merged, the row's fields live in the accumulator and no record crosses an exchange.
import { inputsOf, nodeById, outputsOf, sameParallelism, type AggregateNode, type JobPlan } from "../plan/plan.js";
import { spliceOut } from "../plan/rewrite.js";

/** Absorbs the normalize right behind `node` (a specialised running aggregate); true when it did. */
export function absorbNormalize(job: JobPlan, node: AggregateNode): boolean {
  if (node.window !== null || node.key === null || node.changelog !== undefined) return false;
  // (an aggregate over a changelog with deletions emits one already: no normalize follows it)
  if (node.op.kind === "aggregate" && node.op.retractsChanges === true) return false;
  // The aggregate's rows go to exactly one consumer…
  const outs = outputsOf(job, node.id);
  if (outs.length !== 1 || outs[0]!.side !== undefined) return false;
  const next = nodeById(job, outs[0]!.to);
  // …a normalize, fed by nothing else, on the same subtasks…
  if (next.kind !== "normalize" || inputsOf(job, next.id).length !== 1 || !sameParallelism(next.parallelism, node.parallelism)) return false;
  // …keyed by the update key, which is the aggregate's group key followed through renames (infer-pipeline-types), so
  // the records of one update key all come from one accumulator and its shuffle sends them where they already are.
  if (next.key.fields.length !== node.key.fields.length) return false;
  node.changelog = { split: node.post.length, rowType: node.outputType, key: next.key, span: next.op.span };
  node.outputType = next.outputType;
  spliceOut(job, next.id, node.id);
  job.notes.push({
    kind: "fused",
    from: `[${next.id}] changelog of the update stream`,
    to: `[${node.id}] aggregate`,
    reason: "the aggregate emits -U from the row its accumulator kept: no second copy of each row, no shuffle on the same key",
  });
  return true;
}
