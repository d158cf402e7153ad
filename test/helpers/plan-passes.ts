// Runs one optimiser pass on the plan of a small `.flow` program and shows the plan before and after it, as text that
// names node kinds, steps and edges (not parallelism, whose representation is not part of what the passes promise).
import { describeNode, describePartitioning } from "../../compiler/plan/print-plan.js";
import type { JobPlan, PlanNode } from "../../compiler/plan/plan.js";
import { check } from "../../compiler/index.js";
import { createBackEndContext, type BackEndContext, type BackEndPass } from "../../compiler/passes/back-end-context.js";
import { lowerToPlan } from "../../compiler/passes/lower-to-plan.js";

export interface PassRun {
  readonly before: JobPlan;
  readonly after: JobPlan;
  /** `shape(before)` and `shape(after)`. */
  readonly beforeText: string;
  readonly afterText: string;
}

/**
 * Checks `source` (one job), lowers it to a plan, runs `prior` passes (the optimiser passes that run before `pass` in
 * compiler/passes/index.ts, when the spec needs their effect), then `pass`. Throws on diagnostics: a spec's program
 * must be valid.
 */
export function runPass(source: string, pass: BackEndPass, prior: readonly BackEndPass[] = []): PassRun {
  const checked = check(source, "main.flow", { host: { readFile: () => undefined } });
  if (!checked.ok || checked.program === undefined) {
    throw new Error(`the spec's program does not check:\n${checked.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
  }
  const ctx: BackEndContext = createBackEndContext(checked.program, source, checked.symbols, checked.jobStreams, {
    fuse: true, outDir: "/eddy-out", runtimeImport: "eddy/runtime", supportImport: "eddy/runtime-support",
  }, checked.sources);
  lowerToPlan(ctx);
  for (const p of prior) p(ctx);
  const before = structuredClone(ctx.plan.jobs[0]!);
  pass(ctx);
  const after = ctx.plan.jobs[0]!;
  return { before, after, beforeText: shape(before), afterText: shape(after) };
}

/**
 * One line per node — `kind: step | step` — in id order, then one line per edge — `a -> b partitioning` — with nodes
 * named by their first step (ids change as passes splice nodes out).
 */
export function shape(job: JobPlan): string {
  const name = (n: PlanNode) => `${n.kind}(${describeNode(n)[0] ?? ""})`;
  const byId = new Map(job.nodes.map((n) => [n.id, n]));
  const nodes = [...job.nodes].sort((a, b) => a.id - b.id).map((n) => `${n.kind}: ${describeNode(n).join(" | ")}`);
  const edges = job.edges.map((e) => `${name(byId.get(e.from)!)} -> ${name(byId.get(e.to)!)} ${describePartitioning(e.partitioning)}${e.side === undefined ? "" : ` [${e.side}]`}`);
  return [...nodes, ...edges].join("\n");
}

/** The field names of the records a node emits. */
export function fieldsOut(node: PlanNode): string[] {
  return node.outputType.fields.map((f) => f.name);
}
