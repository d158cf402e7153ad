// Renders a job plan for `eddy explain`: indented text, Graphviz dot or Mermaid, plus the fusion report.
import { printAggregation, printDedupe, printIr, printJoin, printLookup, printOver, printStep, printWindow, type PrintNames } from "../ir/print.js";
import type { LineMap } from "../diagnostics/line-map.js";
import { printTypeStructure } from "../types/print-type.js";
import { formatParallelism, type JobPlan, type Partitioning, type PlanEdge, type PlanNode, type ProgramPlan } from "./plan.js";

export type PlanFormat = "text" | "dot" | "mermaid";

/** One line per operator step of a node (a fused chain has several). */
export function describeNode(node: PlanNode): string[] {
  switch (node.kind) {
    case "source": return [
      `source ${node.name}: ${node.source.recordTypeName ?? printTypeStructure(node.outputType)} = ${node.source.connector.name}(…)`,
      ...(node.partitionFilter === undefined ? [] : [`  prunes partitions: ${printIr(node.partitionFilter)}`]),
    ];
    case "sink": return [`sink ${node.name} = ${node.sink.connector.name}(…)`];
    case "chain": return node.steps.map(printStep);
    case "aggregate": {
      const split = node.changelog?.split ?? node.post.length;
      return [
        ...node.pre.map(printStep),
        ...(node.window === null ? [] : [printWindow(node.window)]),
        printAggregation(node.op),
        ...node.post.slice(0, split).map(printStep),
        ...(node.changelog === undefined ? [] : [`changelog of the update stream, by ${node.changelog.key.exprs.map((k) => printIr(k)).join(", ")} (emitted by the aggregate from the row it keeps)`]),
        ...node.post.slice(split).map(printStep),
      ];
    }
    // why the table is printed here: it is loaded by the lookup as it opens, not read as a source node of the job
    case "lookup": return [printLookup(node.op), `  table ${node.table.name}: ${node.table.recordTypeName ?? printTypeStructure(node.rightType)} = ${node.table.connector.name}(…), loaded whole as each subtask opens`];
    case "join": return [printJoin(node.op)];
    case "dedupe": return [printDedupe(node.op, node.key!.exprs[0]!)];
    case "normalize": return [`changelog of the update stream, by ${node.key.exprs.map((k) => printIr(k)).join(", ")} (ChangelogNormalize)`];
    case "over": return [printOver(node.op)];
    case "process": return [`process ${node.op.name}`];
    case "union": return [`union ${node.op.streams.join(", ")}`];
    case "match": return [`match ${node.op.pattern}${node.op.timeoutsTo === null ? "" : ` timeoutsTo ${node.op.timeoutsTo}`}`];
    case "predict": return [`predict model(${JSON.stringify(node.op.path)})`];
    case "train": return [`train ${node.op.learner}(${node.op.written.join(", ")})`];
    case "predictLatest": return [`predict latest(${node.op.stream})`];
  }
}

function nodeKind(node: PlanNode): string {
  if (node.kind === "chain") return node.steps.length > 1 ? `fused chain (${node.steps.length} operators)` : "stateless";
  if (node.kind === "aggregate") {
    const fused = node.pre.length + node.post.length;
    return `${node.window === null ? "running aggregate" : "window aggregate"}${fused > 0 ? ` (+${fused} fused)` : ""}`;
  }
  return node.kind;
}

export function describePartitioning(p: Partitioning, names: PrintNames = {}): string {
  return p.kind === "hash" ? `hash(${p.key.exprs.map((e) => printIr(e, names)).join(", ")})` : p.kind;
}

/** An edge's partitioning; the right input of a join hashes the right record, which reads as the join's alias. */
export function describeEdgePartitioning(job: JobPlan, edge: PlanEdge): string {
  const to = job.nodes.find((n) => n.id === edge.to);
  return describePartitioning(edge.partitioning, edge.input === 1 && to?.kind === "join" ? { right: to.op.alias } : {});
}

function edgeLabel(job: JobPlan, edge: PlanEdge): string {
  const side = edge.side === undefined ? "" : ` [${edge.side}]`;
  const input = edge.input === 1 ? " (right)" : "";
  return `${describeEdgePartitioning(job, edge)}${side}${input}`;
}

function settingsText(job: JobPlan): string {
  const s = job.settings;
  const parts = [`parallelism ${s.parallelism}`];
  if (s.checkpoint !== null) parts.push(`checkpoint every ${s.checkpoint.intervalMs}ms ${s.checkpoint.mode}`);
  if (s.restart !== null) parts.push(`restart ${s.restart.kind}`);
  return parts.join(", ");
}

function printText(plan: ProgramPlan, lines: LineMap | null): string {
  const out: string[] = [];
  for (const job of plan.jobs) {
    out.push(`job ${job.name} (${settingsText(job)})`);
    for (const node of job.nodes) {
      const at = lines === null ? "" : `  ${job.file}:${lines.position(node.span.start).line}`;
      out.push(`  [${node.id}] ${nodeKind(node)}  p=${formatParallelism(node.parallelism)}${at}`);
      for (const line of describeNode(node)) out.push(`        ${line}`);
      for (const edge of job.edges.filter((e) => e.from === node.id)) out.push(`      -> [${edge.to}] ${edgeLabel(job, edge)}`);
    }
  }
  return out.join("\n");
}

const escape = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** A plan with the title it is shown under (`plan as written`, `plan optimised`). */
export interface TitledPlan {
  readonly title: string;
  readonly plan: ProgramPlan;
}

/**
 * One Graphviz digraph (`eddy explain -f dot x.flow | dot -Tsvg > plan.svg`): a cluster per plan, inside it a cluster
 * per job. Every id is quoted and prefixed with its plan and job, so two plans of the same program never share a node.
 */
export function printDot(plans: readonly TitledPlan[]): string {
  const out = ["digraph eddy {", "  rankdir=LR;", "  node [shape=box, fontname=monospace];", "  edge [fontname=monospace];"];
  plans.forEach(({ title, plan }, p) => {
    const indent = plans.length > 1 ? "    " : "  ";
    if (plans.length > 1) out.push(`  subgraph "cluster_${p}" {`, `    label="${escape(title)}";`);
    for (const job of plan.jobs) {
      const id = (node: number) => `"${escape(`${p}_${job.name}_${node}`)}"`;
      out.push(`${indent}subgraph "cluster_${p}_${escape(job.name)}" {`, `${indent}  label="job ${escape(job.name)}";`);
      for (const node of job.nodes) {
        const label = [`[${node.id}] ${nodeKind(node)} p=${formatParallelism(node.parallelism)}`, ...describeNode(node)].map(escape).join("\\l") + "\\l";
        out.push(`${indent}  ${id(node.id)} [label="${label}"];`);
      }
      for (const e of job.edges) out.push(`${indent}  ${id(e.from)} -> ${id(e.to)} [label="${escape(edgeLabel(job, e))}"];`);
      out.push(`${indent}}`);
    }
    if (plans.length > 1) out.push("  }");
  });
  out.push("}");
  return out.join("\n");
}

/** One complete Mermaid flowchart: a `%% title` comment line, then the chart (a subgraph per job). */
export function printMermaid({ title, plan }: TitledPlan): string {
  const out = [`%% ${title.replace(/\n/g, " ")}`, "flowchart LR"];
  const quote = (s: string) => s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/\|/g, "#124;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
  for (const job of plan.jobs) {
    out.push(`  subgraph job_${job.name} [job ${job.name}]`);
    for (const node of job.nodes) out.push(`    ${job.name}_${node.id}["${[`[${node.id}] ${nodeKind(node)} p=${formatParallelism(node.parallelism)}`, ...describeNode(node)].map(quote).join("<br/>")}"]`);
    for (const e of job.edges) out.push(`    ${job.name}_${e.from} -->|"${quote(edgeLabel(job, e))}"| ${job.name}_${e.to}`);
    out.push("  end");
  }
  return out.join("\n");
}

export function printPlan(plan: ProgramPlan, format: PlanFormat = "text", lines: LineMap | null = null): string {
  switch (format) {
    case "text": return printText(plan, lines);
    case "dot": return printDot([{ title: "plan", plan }]);
    case "mermaid": return printMermaid({ title: "plan", plan });
  }
}

/**
 * The plan as written and the optimised plan, for `eddy explain`: text under `== … ==` headings; dot as one digraph
 * with a cluster for each; mermaid as two complete documents separated by a blank line (paste each on its own).
 */
export function printPlans(written: ProgramPlan, optimised: ProgramPlan, format: PlanFormat, lines: LineMap | null = null): string {
  const plans = [{ title: "plan (as written)", plan: written }, { title: "plan (optimised)", plan: optimised }];
  switch (format) {
    case "text": return plans.map(({ title, plan }) => `== ${title} ==\n${printText(plan, lines)}`).join("\n\n");
    case "dot": return printDot(plans);
    case "mermaid": return plans.map(printMermaid).join("\n\n");
  }
}

/** What fused and why each chain broke, per job. */
export function printFusionReport(plan: ProgramPlan): string {
  const out: string[] = [];
  for (const job of plan.jobs) {
    out.push(`job ${job.name}:`);
    if (job.notes.length === 0) out.push("  (nothing to fuse)");
    for (const note of job.notes) out.push(`  ${note.kind === "fused" ? "fused" : "break"}  ${note.from} → ${note.to}: ${note.reason}`);
  }
  return out.join("\n");
}
