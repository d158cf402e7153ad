// Renders a job plan for `eddy explain`: indented text, Graphviz dot or Mermaid, plus the fusion report.
import { printExpr, printOperator } from "../ast/print.js";
import type { LineMap } from "../diagnostics/line-map.js";
import { printTypeStructure } from "../types/print-type.js";
import { formatParallelism, type JobPlan, type Partitioning, type PlanEdge, type PlanNode, type ProgramPlan } from "./plan.js";

export type PlanFormat = "text" | "dot" | "mermaid";

/** One line per operator step of a node (a fused chain has several). */
export function describeNode(node: PlanNode): string[] {
  switch (node.kind) {
    case "source": return [`source ${node.name}: ${node.decl.recordType?.name ?? printTypeStructure(node.outputType)} = ${node.decl.connector.name.name}(…)`];
    case "sink": return [`sink ${node.name} = ${node.decl.connector.name.name}(…)`];
    case "chain": return node.steps.map(printOperator);
    case "aggregate": return [
      ...node.pre.map(printOperator),
      ...(node.window === null ? [] : [printOperator(node.window)]),
      printOperator(node.op),
      ...node.post.map(printOperator),
    ];
    case "join": case "union": case "dedupe": case "match": case "process": return [printOperator(node.op)];
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

export function describePartitioning(p: Partitioning): string {
  return p.kind === "hash" ? `hash(${p.key.exprs.map((e) => printExpr(e)).join(", ")})` : p.kind;
}

function edgeLabel(edge: PlanEdge): string {
  const side = edge.side === undefined ? "" : ` [${edge.side}]`;
  const input = edge.input === 1 ? " (right)" : "";
  return `${describePartitioning(edge.partitioning)}${side}${input}`;
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
      for (const edge of job.edges.filter((e) => e.from === node.id)) out.push(`      -> [${edge.to}] ${edgeLabel(edge)}`);
    }
  }
  return out.join("\n");
}

const escape = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

function printDot(plan: ProgramPlan): string {
  const out = ["digraph eddy {", "  rankdir=LR;", "  node [shape=box, fontname=monospace];"];
  for (const job of plan.jobs) {
    out.push(`  subgraph cluster_${job.name} {`, `    label="job ${job.name}";`);
    for (const node of job.nodes) {
      const label = [`${nodeKind(node)} p=${formatParallelism(node.parallelism)}`, ...describeNode(node)].map(escape).join("\\l") + "\\l";
      out.push(`    ${job.name}_${node.id} [label="${label}"];`);
    }
    for (const e of job.edges) out.push(`    ${job.name}_${e.from} -> ${job.name}_${e.to} [label="${escape(edgeLabel(e))}"];`);
    out.push("  }");
  }
  out.push("}");
  return out.join("\n");
}

function printMermaid(plan: ProgramPlan): string {
  const out = ["flowchart LR"];
  const quote = (s: string) => s.replace(/"/g, "#quot;").replace(/\|/g, "#124;");
  for (const job of plan.jobs) {
    out.push(`  subgraph ${job.name}`);
    for (const node of job.nodes) out.push(`    ${job.name}_${node.id}["${[`${nodeKind(node)} p=${formatParallelism(node.parallelism)}`, ...describeNode(node)].map(quote).join("<br/>")}"]`);
    for (const e of job.edges) out.push(`    ${job.name}_${e.from} -->|"${quote(edgeLabel(e))}"| ${job.name}_${e.to}`);
    out.push("  end");
  }
  return out.join("\n");
}

export function printPlan(plan: ProgramPlan, format: PlanFormat = "text", lines: LineMap | null = null): string {
  switch (format) {
    case "text": return printText(plan, lines);
    case "dot": return printDot(plan);
    case "mermaid": return printMermaid(plan);
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
