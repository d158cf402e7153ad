// Reports invalid job settings: repeated settings, non-positive parallelism or intervals, unknown restart strategies.
import type { JobItem } from "../ast/nodes.js";
import { bindArguments, checkDurationConstant, checkParam } from "../types/check-arguments.js";
import type { ExprEnv } from "../types/check-expression.js";
import { RESTART_STRATEGIES } from "../types/connectors.js";
import { record } from "../types/type.js";
import type { CheckContext } from "./context.js";

const SETTING_NAMES: Partial<Record<JobItem["kind"], string>> = {
  ParallelismSetting: "parallelism", CheckpointSetting: "checkpoint", RestartSetting: "restart",
};

export function reportJobSettings(ctx: CheckContext): void {
  const env: ExprEnv = { reporter: ctx.reporter, record: record([]), functions: () => undefined };
  for (const job of ctx.program.declarations) {
    if (job.kind !== "JobDecl") continue;
    const seen = new Map<string, JobItem>();
    for (const item of job.items) {
      const name = SETTING_NAMES[item.kind];
      if (name === undefined) continue;
      const first = seen.get(name);
      if (first !== undefined) ctx.reporter.report("FLOW4023", item.span, { name }, { notes: [ctx.reporter.note("first set here", first.span)] });
      else seen.set(name, item);

      if (item.kind === "ParallelismSetting") {
        if (item.value.value < 1) ctx.reporter.report("FLOW4024", item.value.span, { what: "parallelism", value: item.value.raw });
      } else if (item.kind === "CheckpointSetting") {
        checkDurationConstant(ctx.reporter, item.interval, "the checkpoint interval", "positive", env, (ms) => ms > 0);
      } else if (item.kind === "RestartSetting") {
        const params = RESTART_STRATEGIES.get(item.strategy.name);
        if (params === undefined) {
          ctx.reporter.report("FLOW2017", item.strategy.span, { name: item.strategy.name });
          continue;
        }
        for (const [param, arg] of bindArguments(ctx.reporter, item.strategy.name, params, item.args, false, item.span)) {
          if (param === undefined) continue;
          if (param.type.kind === "duration") checkDurationConstant(ctx.reporter, arg.value, `\`${param.name}\``, "positive", env, (ms) => ms > 0);
          else checkParam(ctx.reporter, param, arg.value, env);
        }
      }
    }
  }
}
