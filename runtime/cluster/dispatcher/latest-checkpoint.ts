// The newest completed checkpoint in a job's checkpoint directory: the highest `chk-<id>` that has its `_metadata`
// (a checkpoint without it was cut short when its JobManager died, and must not be restored).
import { existsSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export function latestCompletedCheckpoint(directory: string): string | null {
  // why again: a running job may complete a newer checkpoint and discard the listed one (retention) between the
  // listing and the look at its _metadata; a listing with checkpoints but none completed is read once more. why ten
  // times: at a checkpoint every 100 ms on a loaded machine three listings in a row lost that race (CI, 2026-12-07)
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!existsSync(directory)) return null;
    const ids = readdirSync(directory).flatMap((name) => {
      const m = /^chk-(\d+)$/.exec(name);
      return m === null ? [] : [Number(m[1])];
    });
    const newestFirst = ids.sort((a, b) => b - a);
    const completed = newestFirst.find((id) => existsSync(join(directory, `chk-${id}`, "_metadata")));
    if (completed !== undefined) return join(directory, `chk-${completed}`);
    if (ids.length === 0) return null;
  }
  return null;
}

/** What a savepoint path names: `path` itself when it is a completed `chk-<id>`, else the newest completed one in it. */
export function restorePathOf(path: string): string | null {
  const dir = resolve(path);
  if (/^chk-\d+$/.test(basename(dir))) return existsSync(join(dir, "_metadata")) ? dir : null;
  return latestCompletedCheckpoint(dir);
}
