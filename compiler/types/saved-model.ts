// Reads a saved ml/ model's metadata (Flink ML's layout: `<dir>/metadata` is JSON with className and paramMap; a
// PipelineModel adds numStages and keeps its stages under `<dir>/stages/<i>`, i zero-padded to the width of the stage
// count — ml/core/read-write.ts) through the compiler host, without importing ml/. Model data is never read here.
import { join } from "node:path";
import type { CompilerHost } from "../passes/context.js";

export interface SavedStage {
  readonly className: string;
  readonly paramMap: Readonly<Record<string, unknown>>;
  /** Where this stage is saved (a pipeline's stage: under its `stages/`). */
  readonly dir: string;
}

export type SavedModel =
  | { readonly ok: true; readonly className: string; readonly stages: readonly SavedStage[] }
  | { readonly ok: false; readonly reason: string };

/** The row-wise stages of the model saved at `dir`, in scoring order (nested pipelines flattened). */
export function readSavedModel(host: CompilerHost, dir: string): SavedModel {
  const top = readMetadata(host, dir);
  if (!top.ok) return top;
  const stages: SavedStage[] = [];
  const problem = collectStages(host, dir, top.metadata, stages);
  return problem === null ? { ok: true, className: top.metadata.className, stages } : { ok: false, reason: problem };
}

interface Metadata {
  readonly className: string;
  readonly paramMap: Readonly<Record<string, unknown>>;
  readonly numStages?: unknown;
}

function readMetadata(host: CompilerHost, dir: string): { ok: true; metadata: Metadata } | { ok: false; reason: string } {
  const file = join(dir, "metadata");
  const text = host.readFile(file);
  if (text === undefined) return { ok: false, reason: `${file} cannot be read` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `${file} is not JSON (${(e as Error).message})` };
  }
  if (typeof raw !== "object" || raw === null || typeof (raw as { className?: unknown }).className !== "string") {
    return { ok: false, reason: `${file} has no className: it is not the metadata of a saved stage` };
  }
  const { className, paramMap, numStages } = raw as { className: string; paramMap?: unknown; numStages?: unknown };
  const params = typeof paramMap === "object" && paramMap !== null ? (paramMap as Record<string, unknown>) : {};
  return { ok: true, metadata: { className, paramMap: params, numStages } };
}

/** Appends the stages of `metadata` (saved at `dir`) to `out`; returns what went wrong, or null. */
function collectStages(host: CompilerHost, dir: string, metadata: Metadata, out: SavedStage[]): string | null {
  if (metadata.className !== "PipelineModel") {
    out.push({ className: metadata.className, paramMap: metadata.paramMap, dir });
    return null;
  }
  const count = metadata.numStages;
  if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) return `${join(dir, "metadata")} is a PipelineModel without a valid numStages`;
  for (let i = 0; i < count; i++) {
    // why the padding: ml/core/read-write.ts pathForPipelineStage (Flink ML's getPathForPipelineStage)
    const stageDir = join(dir, "stages", String(i).padStart(String(count).length, "0"));
    const stage = readMetadata(host, stageDir);
    if (!stage.ok) return `stage ${i} of the PipelineModel: ${stage.reason}`;
    const problem = collectStages(host, stageDir, stage.metadata, out);
    if (problem !== null) return problem;
  }
  return null;
}
