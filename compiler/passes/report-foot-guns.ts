// Warns about programs that are valid but probably not what was meant.
import type { Pipeline } from "../ast/nodes.js";
import { feedingSources } from "./feeding-sources.js";
import { isBoundedSource } from "../types/source-arguments.js";
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
  const sources = () => feedingSources(ctx, pipeline, streams, new Set());
  const unwatermarked = () => sources().filter((s) => s.watermark === null).map((s) => s.name.name);
  for (const op of pipeline.operators) {
    if (op.kind === "WindowOp") {
      const spec = op.assigner.spec;
      const trigger = op.trigger;
      if (op.flow?.key === null) r.report("FLOW5004", op.span);
      if (spec === undefined) continue;
      // Event-time windows need timestamps to be assigned at all; a global window only when its trigger is timed.
      const eventTime = spec.time === "event" && (spec.kind === "global" ? trigger?.spec?.kind === "continuous" : spec.kind !== "count");
      if (eventTime) {
        const source = unwatermarked()[0];
        if (source !== undefined) r.report("FLOW5002", op.assigner.span, { what: "this window", source });
      }
      if (spec.kind === "global" && trigger === null) r.report("FLOW5009", op.assigner.span);
      // A processing-time window fires when the clock passes its end (or its trigger's interval): a job over inputs
      // that all end finishes first. The runtime runs such jobs in STREAMING mode, where pending processing-time
      // timers are dropped at the end of input.
      const byClock = spec.time === "processing" && spec.kind !== "count" && (trigger === null || trigger.spec?.kind === "continuous");
      if (byClock) {
        const all = sources();
        if (all.length > 0 && all.every(isBoundedSource)) r.report("FLOW5010", op.assigner.span, { source: all[0]!.name.name });
      }
      if (trigger?.spec?.kind === "count" && spec.kind !== "global") r.report("FLOW5011", trigger.firing!.span, { count: trigger.spec.count });
      if (trigger?.late != null && op.allowedLateness === null) r.report("FLOW5012", trigger.late.span);
      // Lateness is measured against the watermark, so it means nothing without event-time bounds.
      const lateness = op.allowedLateness ?? op.lateTo;
      if (lateness !== null && (spec.time === "processing" || spec.kind === "count" || spec.kind === "global")) {
        const what = spec.time === "processing" ? "processing-time" : spec.kind;
        r.report("FLOW5006", lateness.span, { name: op.allowedLateness !== null ? "allowedLateness" : "lateTo", what });
      }
    } else if (op.kind === "MatchOp") {
      if (op.flow?.key === null) r.report("FLOW5003", op.span);
      // CEP orders events by event time: without timestamps the operator fails on the first record.
      const source = unwatermarked()[0];
      if (source !== undefined) r.report("FLOW5002", op.span, { what: "this match", source });
    } else if (op.kind === "JoinOp") {
      const eventTime = op.between !== null || op.temporal || (op.window?.spec !== undefined && op.window.spec.time === "event");
      const source = eventTime ? unwatermarked()[0] : undefined;
      if (source !== undefined) r.report("FLOW5002", op.span, { what: "this join", source });
    }
  }
}

