// Reads the metadata of the model each `predict model("…")` names (relative to the .flow file) and annotates the
// operator with what the model reads and adds; an unreadable directory or a stage `predict` cannot check is an error.
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { PredictOp } from "../ast/nodes.js";
import { visit } from "../ast/visit.js";
import { checkableStageNames, stageSignature, type StageSignature } from "../types/model-signature.js";
import { readSavedModel } from "../types/saved-model.js";
import type { CheckContext } from "./context.js";

export function resolveModels(ctx: CheckContext): void {
  visit(ctx.program, { PredictOp: (op) => resolveModel(ctx, op) });
}

function resolveModel(ctx: CheckContext, op: PredictOp): void {
  const written = op.path.value;
  // The host reads paths as the import resolver builds them; the job loads the model from the absolute path.
  const dir = isAbsolute(written) ? written : join(dirname(ctx.file), written);
  const saved = readSavedModel(ctx.host, dir);
  if (!saved.ok) {
    ctx.reporter.report("FLOW2040", op.path.span, { path: written, reason: saved.reason, resolved: resolve(dir) });
    return;
  }
  const stages: StageSignature[] = [];
  for (const stage of saved.stages) {
    const signature = stageSignature(stage.className, stage.paramMap);
    if (signature === undefined) {
      const where = stage.dir === dir ? "" : ` (${stage.dir})`;
      ctx.reporter.report("FLOW2041", op.path.span, { path: written, className: stage.className, where, supported: checkableStageNames().join(", ") });
      return;
    }
    stages.push(signature);
  }
  op.model = { dir: resolve(dir), className: saved.className, stages };
}
