// Warns about a transactional sink (`file(...)`, `postgres(...)` exactly-once, `jetstream(...)`) in a job that takes no checkpoints but
// reads an unbounded source: such a sink makes its output visible when a checkpoint completes or a bounded input ends,
// so nothing it writes would ever be seen (Flink's FileSink behaves the same; Flink does not warn).
import type { ConnectorCall, JobDecl } from "../ast/nodes.js";
import { connectorArgs } from "../types/constants.js";
import type { CheckContext } from "./context.js";
import { feedingSources } from "./feeding-sources.js";
import type { JobStream } from "./symbols.js";

export function reportUncommittedSinks(ctx: CheckContext): void {
  for (const job of ctx.program.declarations) {
    if (job.kind !== "JobDecl" || job.items.some((i) => i.kind === "CheckpointSetting")) continue;
    const streams = ctx.jobStreams.get(job) ?? new Map<string, JobStream>();
    for (const item of job.items) {
      const pipeline = item.kind === "Pipeline" ? item : item.kind === "LetStatement" ? item.pipeline : null;
      const to = pipeline?.operators.find((op) => op.kind === "ToOp");
      if (pipeline == null || to?.kind !== "ToOp") continue;
      const sink = ctx.symbols.get(to.sink.name);
      if (sink?.kind !== "sink" || !commitsOnCheckpoints(sink.decl.connector)) continue;
      const source = feedingSources(ctx, pipeline, streams, new Set()).find((decl) => isUnbounded(decl.connector))?.name.name;
      if (source !== undefined) ctx.reporter.report("FLOW5013", to.span, { sink: to.sink.name, job: jobName(job), source });
    }
  }
}

const jobName = (job: JobDecl) => job.name.name;

function commitsOnCheckpoints(call: ConnectorCall): boolean {
  if (call.name.name === "file" || call.name.name === "jetstream") return true;
  if (call.name.name !== "postgres") return false;
  return connectorArgs(call, ["url", "table", "mode"]).get("mode") !== "upsert";
}

/** Whether a source never ends by itself: a watched file, a socket, or a JetStream stream read without `bounded`. */
function isUnbounded(call: ConnectorCall): boolean {
  if (call.name.name === "socket") return true;
  if (call.name.name === "jetstream") return connectorArgs(call, ["servers", "stream", "subject", "bounded"]).get("bounded") !== true;
  return call.name.name === "file" && connectorArgs(call, ["path", "format", "watch"]).get("watch") === true;
}

