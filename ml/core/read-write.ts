// Saving and loading stages in Flink ML's layout (ReadWriteUtils): `<path>/metadata` holds the class name and the
// param map as JSON; a model's data is written under `<path>/data/`, one record per line; a pipeline's stages under
// `<path>/stages/<i>` (i zero-padded to the width of the stage count).
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fromJsonData, parseMl, stringifyMl, toJsonData } from "./ml-json.js";
import type { WithParams } from "./with-params.js";

export interface StageMetadata {
  readonly className: string;
  readonly timestamp: number;
  readonly paramMap: Record<string, unknown>;
  readonly [extra: string]: unknown;
}

/** Writes `<path>/metadata`; refuses to overwrite a saved stage (as Flink ML). */
export async function saveMetadata(stage: WithParams, path: string, extra: Record<string, unknown> = {}): Promise<void> {
  await mkdir(path, { recursive: true });
  const file = join(path, "metadata");
  if (await exists(file)) throw new Error(`${stage.className}: cannot save to '${path}': a stage is already saved there — choose a new path or delete it`);
  const metadata = { ...extra, className: stage.className, timestamp: Date.now(), paramMap: toJsonData(stage.paramValuesByName()) };
  await writeFile(file, JSON.stringify(metadata));
}

/** Reads `<path>/metadata`; with `expectedClassName`, checks the saved class is that one. */
export async function loadMetadata(path: string, expectedClassName?: string): Promise<StageMetadata> {
  const file = join(path, "metadata");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new Error(`cannot load an ml stage from '${path}': ${file} cannot be read — is this a path a stage was saved to?`, { cause });
  }
  const raw = JSON.parse(text) as { className: string; timestamp: number; paramMap: unknown };
  const metadata = { ...raw, paramMap: fromJsonData(raw.paramMap) as Record<string, unknown> } as StageMetadata;
  if (expectedClassName !== undefined && metadata.className !== expectedClassName) {
    throw new Error(`'${path}' holds a saved ${metadata.className}, not a ${expectedClassName}: load it with ${metadata.className}.load or loadStage`);
  }
  return metadata;
}

/** Writes model data records to `<path>/data/part-0`, one JSON line per record. */
export async function saveModelData(records: readonly unknown[], path: string): Promise<void> {
  const dir = join(path, "data");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "part-0"), records.map((r) => stringifyMl(r) + "\n").join(""));
}

/** Reads every record of every file under `<path>/data/`, files in name order. */
export async function loadModelData(path: string): Promise<unknown[]> {
  const dir = join(path, "data");
  let files: string[];
  try {
    files = (await readdir(dir)).sort();
  } catch (cause) {
    throw new Error(`'${path}' has no model data (${dir} cannot be read) — was the model saved with save()?`, { cause });
  }
  const records: unknown[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), "utf8");
    for (const line of text.split("\n")) if (line !== "") records.push(parseMl(line));
  }
  return records;
}

/** Where stage `index` of `count` is saved inside a pipeline's directory (Flink ML's getPathForPipelineStage). */
export function pathForPipelineStage(index: number, count: number, path: string): string {
  return join(path, "stages", String(index).padStart(String(count).length, "0"));
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
