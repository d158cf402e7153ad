// Drops fields nobody reads from records that only feed aggregates: a chain before `keyBy … | aggregate` then
// builds records with just the key and the aggregated fields. (Inside a chain, fields that no later step or output
// reads are never computed at all: the chain emitter works from the same liveness.)
import { record } from "../types/type.js";
import { outputsOf, type AggregateNode, type JobPlan, type PlanNode } from "../plan/plan.js";
import { inputFieldsRead } from "../ir/stateless.js";
import { ROW_KIND_FIELD } from "../types/row-kind.js";
import type { BackEndContext } from "./back-end-context.js";

export function pruneFields(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    for (const node of job.nodes) {
      if (node.kind !== "chain") continue;
      // why: a filter-only chain forwards its input records as they are; pruning would allocate a copy per record
      if (node.steps.every((s) => s.kind === "filter")) continue;
      const consumers = outputsOf(job, node.id).map((e) => job.nodes.find((n) => n.id === e.to)!);
      if (consumers.length === 0 || !consumers.every((c) => isPlainAggregate(job, c))) continue;
      const needed = new Set<string>();
      for (const c of consumers as AggregateNode[]) readsOf(c, needed);
      const kept = node.outputType.fields.filter((f) => needed.has(f.name));
      if (kept.length === node.outputType.fields.length) continue;
      node.outputType = record(kept);
      for (const c of consumers as AggregateNode[]) {
        c.inputType = node.outputType;
        c.preInputType = node.outputType;
        c.windowInputType = node.outputType;
      }
    }
  }
}

function isPlainAggregate(job: JobPlan, node: PlanNode): boolean {
  if (node.kind !== "aggregate" || node.op.kind !== "aggregate" || node.pre.length !== 0) return false;
  // why: late records (`lateTo`) leave the window as they came in, with every field the sink was typed with
  return outputsOf(job, node.id).every((e) => e.side === undefined);
}

function readsOf(node: AggregateNode, into: Set<string>): void {
  for (const expr of node.key?.exprs ?? []) inputFieldsRead(expr, into);
  if (node.op.kind === "aggregate") {
    for (const f of node.op.fields) inputFieldsRead(f.value, into);
    // why: an aggregate over an update stream finds the row to take back by these fields (retracting-aggregate.ts)
    for (const f of node.op.retractOn ?? []) into.add(f);
    if (node.op.retractsChanges === true) into.add(ROW_KIND_FIELD);
  }
}
