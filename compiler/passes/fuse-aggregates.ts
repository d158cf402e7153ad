// Fuses the stateless chains around a specialised aggregate into it: the chain after it (its emit computes the
// aggregate into locals and allocates only the final record), the changelog normalize behind a running aggregate
// (passes/absorb-normalize.ts) with the chain after that, and, when no real shuffle separates them (one subtask on
// both sides under every run-time parallelism), the chain before it (records are accumulated straight from the chain's locals, no intermediate record).
import { aggregateStrategy } from "../plan/specialise.js";
import { alwaysOneSubtask, inputsOf, nodeById, outputsOf, sameParallelism, type AggregateNode, type JobPlan } from "../plan/plan.js";
import { spliceIn, spliceOut } from "../plan/rewrite.js";
import { absorbNormalize } from "./absorb-normalize.js";
import type { BackEndContext } from "./back-end-context.js";

export function fuseAggregates(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    for (const node of [...job.nodes]) {
      if (node.kind !== "aggregate" || aggregateStrategy(node, ctx.options.fuse) === "library") continue;
      fusePost(job, node);
      // why fusePost again: the chain behind the normalize (a filter on the changes) now follows the aggregate
      if (aggregateStrategy(node, ctx.options.fuse) === "running" && absorbNormalize(job, node)) fusePost(job, node);
      fusePre(job, node);
    }
  }
}

function fusePost(job: JobPlan, node: AggregateNode): void {
  // The aggregate's records go to exactly one consumer (side outputs such as late records leave separately)…
  const outs = outputsOf(job, node.id).filter((e) => e.side === undefined);
  if (outs.length !== 1) return;
  const edge = outs[0]!;
  const next = nodeById(job, edge.to);
  // …which is a stateless chain…
  if (next.kind !== "chain") return;
  // …on the same subtasks, without a shuffle in between…
  if (edge.partitioning.kind !== "forward" || !sameParallelism(next.parallelism, node.parallelism)) return;
  // …and with no other input.
  if (inputsOf(job, next.id).length !== 1) return;
  node.post = [...node.post, ...next.steps];
  node.outputType = next.outputType;
  spliceOut(job, next.id, node.id);
  job.notes.push({ kind: "fused", from: `[${node.id}] ${node.op.kind === "aggregate" ? "aggregate" : "window"}`, to: `${next.steps.length} following operator(s)`, reason: "the emit computes the aggregate into locals and allocates only the final record" });
}

function fusePre(job: JobPlan, node: AggregateNode): void {
  const ins = inputsOf(job, node.id);
  // One input…
  if (ins.length !== 1) return;
  const edge = ins[0]!;
  const prev = nodeById(job, edge.from);
  // …from a stateless chain that feeds nothing else…
  if (prev.kind !== "chain" || outputsOf(job, prev.id).length !== 1 || edge.side !== undefined) return;
  // …and the shuffle between them is a no-op: one subtask on each side under every run-time parallelism (a job
  // written with `parallelism 1` may run with -p 3, so only non-parallel operators and `parallelism 1` hints count;
  // at run time the engine still chains a keyBy between two single subtasks).
  if (!alwaysOneSubtask(prev.parallelism) || !alwaysOneSubtask(node.parallelism)) return;
  // …and the aggregate does not keep its input rows (over an update stream it keeps each, to take back when replaced)
  if (node.op.kind === "aggregate" && node.op.retractOn !== undefined) return;
  node.pre = [...prev.steps, ...node.pre];
  node.preInputType = prev.inputType;
  node.inputType = prev.inputType;
  spliceIn(job, prev.id, node.id);
  job.notes.push({ kind: "fused", from: `[${prev.id}] ${prev.steps.length} operator(s)`, to: `[${node.id}] aggregate`, reason: "one subtask on both sides under any parallelism makes the keyBy shuffle a no-op; records are accumulated from locals" });
}
