// Folds constant sub-expressions in stateless operators and aggregates (`2 * 60 * 1000`, `lower("A")`, `if true …`)
// and drops filters that became `true`; expressions are pure, so evaluating them at compile time is exact. What a
// constant operation evaluates to is the IR pass's answer (compiler/ir/passes/fold-constants.ts); this pass applies it
// to the plan's IR and removes the filters (and the chains) that went.
import { numberSlots } from "../ir/aggregation.js";
import type { IrField } from "../ir/expr.js";
import { foldConstants as foldIr } from "../ir/passes/fold-constants.js";
import { inputsOf, type ChainNode, type JobPlan, type StatelessOp } from "../plan/plan.js";
import { spliceOut } from "../plan/rewrite.js";
import type { BackEndContext } from "./back-end-context.js";

export function foldConstants(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    for (const node of [...job.nodes]) {
      if (node.kind === "chain") {
        node.steps = node.steps.map(foldStep);
        node.steps = node.steps.filter((s) => !(s.kind === "filter" && s.condition.kind === "literal" && s.condition.value === true));
        // A chain reduced to nothing (`filter true`) passes records through: remove it when that is a plain splice.
        if (node.steps.length === 0 && removable(job, node)) spliceOut(job, node.id, inputsOf(job, node.id)[0]!.from);
      } else if (node.kind === "aggregate" && node.op.kind === "aggregate") {
        // folding may drop aggregate calls (`if false then count() else sum(v)`): the rest take the slots in order
        node.op = { ...node.op, fields: numberSlots(foldFields(node.op.fields)) };
      }
    }
  }
}

/** An empty chain can go when its one input is a plain forward edge: its outputs then leave from that input. */
function removable(job: JobPlan, node: ChainNode): boolean {
  const ins = inputsOf(job, node.id);
  return ins.length === 1 && ins[0]!.partitioning.kind === "forward" && ins[0]!.side === undefined;
}

function foldStep(op: StatelessOp): StatelessOp {
  switch (op.kind) {
    case "filter": return { ...op, condition: foldIr(op.condition) };
    case "project": return { ...op, fields: foldFields(op.fields) };
    case "unnest": return { ...op, elements: foldIr(op.elements) };
  }
}

function foldFields(fields: readonly IrField[]): IrField[] {
  return fields.map((f) => ({ name: f.name, value: foldIr(f.value) }));
}
