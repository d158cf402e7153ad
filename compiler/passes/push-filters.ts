// Moves a filter ahead of the map, extend or flatMap before it when the filter only reads fields that operator passes
// through (or renames): records that are dropped then never pay for the projection.
import type { IrExpr } from "../ir/expr.js";
import { inputFieldsRead, inputRead, substituteInputs, type IrFilterStep } from "../ir/stateless.js";
import { inputsOf, outputsOf, sameParallelism, type ChainNode, type JobPlan, type StatelessOp } from "../plan/plan.js";
import type { BackEndContext } from "./back-end-context.js";

export function pushFiltersBeforeProjections(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    // Each swap moves one filter one step up; repeat until nothing moves (a filter may climb several steps).
    let moved = true;
    while (moved) {
      moved = false;
      for (const node of job.nodes) {
        const filter = node.kind === "chain" && node.steps.length === 1 ? node.steps[0]! : undefined;
        if (node.kind !== "chain" || filter?.kind !== "filter") continue;
        const above = projectionAbove(job, node);
        if (above === undefined) continue;
        const rewritten = rewriteThrough(filter, above.steps[0]!);
        if (rewritten === undefined) continue;
        const projection = above.steps[0]!;
        above.steps = [rewritten];
        above.outputType = above.inputType;
        node.steps = [projection];
        node.inputType = above.inputType;
        node.outputType = projection.output;
        moved = true;
      }
    }
  }
}

/** The single-step projection feeding `node` through a plain forward edge, if there is one. */
function projectionAbove(job: JobPlan, node: ChainNode): ChainNode | undefined {
  const ins = inputsOf(job, node.id);
  if (ins.length !== 1 || ins[0]!.partitioning.kind !== "forward" || ins[0]!.side !== undefined) return undefined;
  const above = job.nodes.find((n) => n.id === ins[0]!.from);
  if (above?.kind !== "chain" || above.steps.length !== 1 || above.steps[0]!.kind === "filter") return undefined;
  // why: with a second consumer the projection's other output would see the filter too
  if (outputsOf(job, above.id).length !== 1 || !sameParallelism(above.parallelism, node.parallelism)) return undefined;
  return above;
}

/** The filter rewritten to read the projection's input, or undefined when it needs a computed field. */
function rewriteThrough(filter: IrFilterStep, projection: StatelessOp): IrFilterStep | undefined {
  const substitutes = new Map<string, IrExpr>();
  for (const name of inputFieldsRead(filter.condition)) {
    const replacement = sourceOf(name, projection);
    if (replacement === undefined) return undefined;
    substitutes.set(name, replacement);
  }
  return { ...filter, condition: substituteInputs(filter.condition, substitutes), input: projection.input, output: projection.input };
}

/** What field `name` of the projection's output is, in terms of its input: a pass-through or a rename. */
function sourceOf(name: string, projection: StatelessOp): IrExpr | undefined {
  switch (projection.kind) {
    case "project": {
      const assigned = projection.fields.find((f) => f.name === name);
      if (assigned === undefined) return projection.keepInput ? inputRead(name, projection.input) : undefined;
      return isFieldRead(assigned.value) ? assigned.value : undefined;
    }
    case "unnest": return name === projection.as ? undefined : inputRead(name, projection.input);
    case "filter": return undefined;
  }
}

function isFieldRead(e: IrExpr): boolean {
  return e.kind === "read" && e.source.kind === "input";
}
