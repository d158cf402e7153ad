// Warns about programs that are valid but probably not what was meant.
import type { StreamReference } from "../ast/annotations.js";
import type { Pipeline } from "../ast/nodes.js";
import { visit } from "../ast/visit.js";
import { printType } from "../types/print-type.js";
import type { CheckContext } from "./context.js";
import type { JobStream } from "./symbols.js";

export function reportFootGuns(ctx: CheckContext): void {
  const r = ctx.reporter;
  for (const job of ctx.program.declarations) {
    if (job.kind !== "JobDecl") continue;
    const streams = ctx.jobStreams.get(job) ?? new Map<string, JobStream>();
    for (const item of job.items) {
      const pipeline = item.kind === "Pipeline" ? item : item.kind === "LetStatement" ? item.pipeline : null;
      if (pipeline !== null) checkPipeline(ctx, pipeline, streams);
    }
  }
  visit(ctx.program, {
    BinaryExpr(node) {
      const left = node.left.type;
      if (node.op === "??" && left !== undefined && left.kind !== "nullable" && left.kind !== "null" && left.kind !== "unknown") {
        r.report("FLOW5005", node.left.span, { type: printType(left) });
      }
      const right = node.right;
      if ((node.op === "/" || node.op === "%") && (right.kind === "IntLiteral" || right.kind === "FloatLiteral") && right.value === 0) {
        r.report("FLOW5007", node.span);
      }
    },
  });
}

function checkPipeline(ctx: CheckContext, pipeline: Pipeline, streams: Map<string, JobStream>): void {
  const r = ctx.reporter;
  const unwatermarked = () => sourcesWithoutWatermark(ctx, pipeline, streams, new Set());
  for (const op of pipeline.operators) {
    if (op.kind === "WindowOp") {
      const spec = op.assigner.spec;
      if (op.flow?.key === null) r.report("FLOW5004", op.span);
      if (spec !== undefined && spec.time === "event" && spec.kind !== "count" && spec.kind !== "global") {
        const source = unwatermarked()[0];
        if (source !== undefined) r.report("FLOW5002", op.assigner.span, { what: "this window", source });
      }
      // Lateness is measured against the watermark, so it means nothing without event-time bounds.
      const lateness = op.allowedLateness ?? op.lateTo;
      if (lateness !== null && spec !== undefined && (spec.time === "processing" || spec.kind === "count" || spec.kind === "global")) {
        const what = spec.time === "processing" ? "processing-time" : spec.kind;
        r.report("FLOW5006", lateness.span, { name: op.allowedLateness !== null ? "allowedLateness" : "lateTo", what });
      }
    } else if (op.kind === "MatchOp") {
      if (op.flow?.key === null) r.report("FLOW5003", op.span);
    } else if (op.kind === "JoinOp") {
      const eventTime = op.between !== null || (op.window?.spec !== undefined && op.window.spec.time === "event");
      const source = eventTime ? unwatermarked()[0] : undefined;
      if (source !== undefined) r.report("FLOW5002", op.span, { what: "this join", source });
    }
  }
}

/** Sources feeding `pipeline` (through lets, joins and unions) that declare no watermark. */
function sourcesWithoutWatermark(ctx: CheckContext, pipeline: Pipeline, streams: Map<string, JobStream>, visiting: Set<Pipeline>): string[] {
  if (visiting.has(pipeline)) return [];
  visiting.add(pipeline);
  const refs: (StreamReference | undefined)[] = [pipeline.headRef];
  for (const op of pipeline.operators) {
    if (op.kind === "JoinOp") refs.push(op.streamRef);
    if (op.kind === "UnionOp") refs.push(...(op.streamRefs ?? []));
  }
  const out: string[] = [];
  for (const ref of refs) {
    if (ref?.kind === "source") {
      const symbol = ctx.symbols.get(ref.name);
      if (symbol?.kind === "source" && symbol.decl.watermark === null && !out.includes(ref.name)) out.push(ref.name);
    } else if (ref?.kind === "let") {
      const let_ = streams.get(ref.name)?.let;
      if (let_ !== undefined) out.push(...sourcesWithoutWatermark(ctx, let_.pipeline, streams, visiting).filter((s) => !out.includes(s)));
    }
  }
  return out;
}
