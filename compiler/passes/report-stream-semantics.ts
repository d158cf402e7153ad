// Reports operators used where they have no meaning: pipelines without a sink, a window with nothing to
// evaluate it, aggregate/reduce/top/process/dedupe/join without the key, window or bound they need.
//
// Decisions (see docs/language.md): `aggregate` after `keyBy` without a window is a running aggregate per key;
// `window` without `keyBy` is a non-keyed (windowAll) window; `reduce` needs a key or a window.
import type { JobDecl, Pipeline } from "../ast/nodes.js";
import type { CheckContext } from "./context.js";
import { unloadable } from "./lookup-table.js";
import { feedingSources } from "./feeding-sources.js";
import type { JobStream } from "./symbols.js";

const WINDOW_CONSUMERS = new Set(["AggregateOp", "ReduceOp", "TopOp"]);

export function reportStreamSemantics(ctx: CheckContext): void {
  for (const job of ctx.program.declarations) {
    if (job.kind !== "JobDecl") continue;
    for (const item of job.items) {
      if (item.kind === "Pipeline") checkPipeline(ctx, item, false, job);
      else if (item.kind === "LetStatement") checkPipeline(ctx, item.pipeline, true, job);
    }
  }
}

function checkPipeline(ctx: CheckContext, pipeline: Pipeline, isLet: boolean, job: JobDecl): void {
  const r = ctx.reporter;
  const ops = pipeline.operators;
  const last = ops[ops.length - 1];
  if (!isLet && last?.kind !== "ToOp") r.report("FLOW4001", last?.span ?? pipeline.head.span);
  ops.forEach((op, i) => {
    const flow = op.flow;
    switch (op.kind) {
      case "ToOp":
        if (isLet) r.report("FLOW4027", op.span);
        else if (i !== ops.length - 1) r.report("FLOW4002", op.span);
        break;
      case "WindowOp":
        if (!WINDOW_CONSUMERS.has(ops[i + 1]?.kind ?? "")) r.report("FLOW4003", op.span);
        break;
      case "AggregateOp":
        if (flow !== undefined && flow.key === null && flow.window === null) r.report("FLOW4004", op.span);
        break;
      case "ReduceOp":
        if (flow !== undefined && flow.key === null && flow.window === null) r.report("FLOW4005", op.span);
        break;
      case "TopOp":
        if (flow !== undefined && flow.window === null && flow.key === null) r.report("FLOW4006", op.span);
        break;
      case "ProcessOp":
        if (flow !== undefined && flow.key === null) r.report("FLOW4007", op.span);
        break;
      case "DedupeOp":
        if (op.within === null) r.report("FLOW4008", op.span);
        break;
      case "OverOp": {
        if (op.processing) break;
        // why an error, not FLOW5002's warning: without timestamps `over` has no order to aggregate in, and drops every row
        const streams = ctx.jobStreams.get(job) ?? new Map<string, JobStream>();
        const source = feedingSources(ctx, pipeline, streams, new Set()).find((s) => s.watermark === null);
        if (source !== undefined) r.report("FLOW4033", op.span, { source: source.name.name });
        break;
      }
      case "JoinOp":
        if (op.window === null && op.between === null && !op.unbounded && !op.temporal) r.report("FLOW4025", op.span);
        if (op.temporal && (op.outer === "right" || op.outer === "full")) r.report("FLOW4041", op.span, { outer: op.outer });
        if (op.keyPairs !== undefined && op.keyPairs.length === 0) r.report("FLOW4011", op.on.span, { alias: op.alias.name });
        break;
      case "LookupOp":
        if (op.keyPairs !== undefined && op.keyPairs.length === 0) r.report("FLOW4038", op.on.span, { alias: op.alias.name });
        if (op.tableDecl !== undefined) {
          const why = unloadable(op.tableDecl);
          if (why !== null) r.report("FLOW4037", op.table.span, { source: op.table.name, why }, { notes: [r.note("declared here", op.tableDecl.span)] });
        }
        break;
      default:
        break;
    }
  });
}
