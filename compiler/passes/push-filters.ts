// Moves a filter ahead of the map, extend or flatMap before it when the filter only reads fields that operator passes
// through (or renames): records that are dropped then never pay for the projection.
import type { Expr, FilterOp, NameExpr } from "../ast/nodes.js";
import { inputsOf, outputsOf, sameParallelism, type ChainNode, type JobPlan, type StatelessOp } from "../plan/plan.js";
import { fieldsRead } from "../plan/rewrite.js";
import type { BackEndContext } from "./back-end-context.js";

export function pushFiltersBeforeProjections(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    // Each swap moves one filter one step up; repeat until nothing moves (a filter may climb several steps).
    let moved = true;
    while (moved) {
      moved = false;
      for (const node of job.nodes) {
        if (node.kind !== "chain" || node.steps.length !== 1 || node.steps[0]!.kind !== "FilterOp") continue;
        const above = projectionAbove(job, node);
        if (above === undefined) continue;
        const rewritten = rewriteThrough(node.steps[0] as FilterOp, above.steps[0]!);
        if (rewritten === undefined) continue;
        const projection = above.steps[0]!;
        above.steps = [rewritten];
        above.outputType = above.inputType;
        node.steps = [projection];
        node.inputType = above.inputType;
        node.outputType = projection.flow!.output;
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
  if (above?.kind !== "chain" || above.steps.length !== 1 || above.steps[0]!.kind === "FilterOp") return undefined;
  // why: with a second consumer the projection's other output would see the filter too
  if (outputsOf(job, above.id).length !== 1 || !sameParallelism(above.parallelism, node.parallelism)) return undefined;
  return above;
}

/** The filter rewritten to read the projection's input, or undefined when it needs a computed field. */
function rewriteThrough(filter: FilterOp, projection: StatelessOp): FilterOp | undefined {
  const substitutes = new Map<string, Expr>();
  for (const name of fieldsRead(filter.condition)) {
    const replacement = sourceOf(name, projection);
    if (replacement === undefined) return undefined;
    substitutes.set(name, replacement);
  }
  const input = projection.flow!.input;
  return { ...filter, condition: substitute(filter.condition, substitutes), flow: { ...filter.flow!, input, output: input } };
}

/** What field `name` of the projection's output is, in terms of its input: a pass-through or a rename. */
function sourceOf(name: string, projection: StatelessOp): Expr | undefined {
  switch (projection.kind) {
    case "MapOp": {
      const init = projection.fields.find((f) => f.name.name === name);
      return init !== undefined && isFieldRead(init.value) ? init.value : undefined;
    }
    case "ExtendOp": {
      const init = projection.fields.find((f) => f.name.name === name);
      if (init === undefined) return { kind: "NameExpr", name, span: { start: 0, end: 0 }, ref: { kind: "field", name }, type: projection.flow!.input.fields.find((f) => f.name === name)?.type ?? { kind: "unknown" } } satisfies NameExpr;
      return isFieldRead(init.value) ? init.value : undefined;
    }
    case "FlatMapOp":
      return name === projection.as.name ? undefined : ({ kind: "NameExpr", name, span: { start: 0, end: 0 }, ref: { kind: "field", name }, type: projection.flow!.input.fields.find((f) => f.name === name)?.type ?? { kind: "unknown" } } satisfies NameExpr);
    case "FilterOp":
      return undefined;
  }
}

function isFieldRead(e: Expr): boolean {
  return e.kind === "NameExpr" && e.ref?.kind === "field";
}

function substitute(expr: Expr, map: ReadonlyMap<string, Expr>): Expr {
  const s = (e: Expr) => substitute(e, map);
  switch (expr.kind) {
    case "NameExpr": return expr.ref?.kind === "field" ? map.get(expr.ref.name) ?? expr : expr;
    case "FieldAccess": return { ...expr, object: s(expr.object) };
    case "IndexExpr": return { ...expr, object: s(expr.object), index: s(expr.index) };
    case "CallExpr": return { ...expr, args: expr.args.map((a) => ({ ...a, value: s(a.value) })) };
    case "UnaryExpr": return { ...expr, operand: s(expr.operand) };
    case "BinaryExpr": return { ...expr, left: s(expr.left), right: s(expr.right) };
    case "IfExpr": return { ...expr, condition: s(expr.condition), then: s(expr.then), else: s(expr.else) };
    case "RecordLiteral": return { ...expr, fields: expr.fields.map((f) => ({ ...f, value: s(f.value) })) };
    case "ArrayLiteral": return { ...expr, elements: expr.elements.map(s) };
    default: return expr;
  }
}
