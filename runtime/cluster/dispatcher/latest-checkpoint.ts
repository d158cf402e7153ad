// The newest completed checkpoint in a job's checkpoint directory: the highest `chk-<id>` that has its `_metadata`
// (a checkpoint without it was cut short when its JobManager died, and must not be restored).
import { existsSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export function latestCompletedCheckpoint(directory: string): string | null {
  if (!existsSync(directory)) return null;
  let best: { id: number; name: string } | null = null;
  for (const name of readdirSync(directory)) {
    const m = /^chk-(\d+)$/.exec(name);
    if (m === null || !existsSync(join(directory, name, "_metadata"))) continue;
    const id = Number(m[1]);
    if (best === null || id > best.id) best = { id, name };
  }
  return best === null ? null : join(directory, best.name);
}

/** What a savepoint path names: `path` itself when it is a completed `chk-<id>`, else the newest completed one in it. */
export function restorePathOf(path: string): string | null {
  const dir = resolve(path);
  if (/^chk-\d+$/.test(basename(dir))) return existsSync(join(dir, "_metadata")) ? dir : null;
  return latestCompletedCheckpoint(dir);
}
