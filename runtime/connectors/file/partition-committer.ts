// The partition commit of the file sink (Flink's PartitionCommitter with the `success-file` policy): after a
// subtask commits a checkpoint's parts it records its progress in a hidden file of the sink directory; the subtask
// that sees every subtask's progress at that checkpoint writes `_SUCCESS` into each partition whose trigger fired.
// Flink sends the same progress to one committer task; Eddy's subtasks share the directory instead, so the
// decision needs no extra operator and runs the same in one thread, in the worker pool and after a restore.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { syncDirectory } from "./part-files.js";
import { committablePartitions, type PartitionCommitOptions, type SubtaskCommitProgress } from "./partition-commit-trigger.js";

/** Flink's `sink.partition-commit.success-file.name` default. */
export const SUCCESS_FILE = "_SUCCESS";

const PROGRESS = /^\.partition-commit-(\d+)\.json$/;
const progressName = (subtask: number) => `.partition-commit-${subtask}.json`;

/** What one subtask's commit adds: the checkpoint's watermark, whether input ended, the partitions it wrote. */
export interface CommittedCheckpoint {
  readonly checkpointId: number;
  readonly watermark: number;
  readonly ended: boolean;
  readonly partitions: readonly string[];
}

export class PartitionCommitter {
  private progress: SubtaskCommitProgress;

  constructor(
    private readonly directory: string,
    private readonly keys: readonly string[],
    private readonly options: PartitionCommitOptions,
    private readonly subtask: number,
    private readonly parallelism: number,
    private readonly now: () => number,
  ) {
    this.progress = { subtask, parallelism, checkpointId: -1, watermark: Number.NEGATIVE_INFINITY, ended: false, partitions: {} };
  }

  /**
   * On open, before any checkpoint of this run can complete: start this run's progress (checkpoint -1, so nobody
   * commits on it until this subtask has committed in this run), keeping the partitions an earlier run committed
   * data to but did not commit. Subtask 0 also takes over the partitions of subtasks a rescale removed.
   */
  open(): void {
    const kept: Record<string, number> = { ...(this.read(this.subtask)?.partitions ?? {}) };
    if (this.subtask === 0) {
      for (const name of readdirSync(this.directory)) {
        const m = PROGRESS.exec(name);
        if (m === null || Number(m[1]) < this.parallelism) continue;
        Object.assign(kept, this.read(Number(m[1]))?.partitions ?? {});
        rmSync(join(this.directory, name), { force: true });
      }
    }
    this.progress = { ...this.progress, partitions: kept };
    this.write();
  }

  /** On restore: the partitions of the restored checkpoint's data, committed now (this run decides nothing yet). */
  restored(partitions: readonly string[]): void {
    const now = this.now();
    const kept = { ...this.progress.partitions };
    for (const p of partitions) kept[p] ??= now;
    this.progress = { ...this.progress, partitions: kept };
    this.write();
  }

  /**
   * After this subtask committed the parts of `checkpoints` (in order): record its progress, then — if every
   * subtask has committed the last of them — write the success files of the partitions whose trigger fired.
   * Returns the partitions committed by this call.
   */
  afterCommit(checkpoints: readonly CommittedCheckpoint[]): string[] {
    if (checkpoints.length === 0) return [];
    // 1. forget partitions already committed (late data re-adds them below, and they are committed again)
    const partitions: Record<string, number> = {};
    for (const [p, at] of Object.entries(this.progress.partitions)) if (!existsSync(join(this.directory, p, SUCCESS_FILE))) partitions[p] = at;
    // 2. this commit's partitions, first committed now
    const now = this.now();
    for (const c of checkpoints) for (const p of c.partitions) partitions[p] ??= now;
    const last = checkpoints.at(-1)!;
    this.progress = {
      subtask: this.subtask,
      parallelism: this.parallelism,
      checkpointId: last.checkpointId,
      watermark: Math.max(this.progress.watermark, ...checkpoints.map((c) => c.watermark)),
      ended: this.progress.ended || checkpoints.some((c) => c.ended),
      partitions,
    };
    this.write();
    // 3. decide from everyone's progress; the last subtask to commit the checkpoint sees them all
    const all: SubtaskCommitProgress[] = [];
    for (let i = 0; i < this.parallelism; i++) {
      const p = i === this.subtask ? this.progress : this.read(i);
      if (p === null || p.parallelism !== this.parallelism) return [];
      all.push(p);
    }
    const commit = committablePartitions(this.options, this.keys, all, last.checkpointId, now);
    for (const p of commit) writeSuccessFile(join(this.directory, p), this.subtask);
    return commit;
  }

  private read(subtask: number): SubtaskCommitProgress | null {
    const path = join(this.directory, progressName(subtask));
    if (!existsSync(path)) return null;
    const p = JSON.parse(readFileSync(path, "utf8")) as SubtaskCommitProgress & { watermark: number | null };
    // why: JSON has no infinities; null stands for -∞ and Number.MAX_VALUE for +∞ (the end of input)
    return { ...p, watermark: p.watermark === null ? Number.NEGATIVE_INFINITY : p.watermark };
  }

  private write(): void {
    const p = this.progress;
    const text = JSON.stringify({ ...p, watermark: Number.isFinite(p.watermark) ? p.watermark : p.watermark > 0 ? Number.MAX_VALUE : null });
    writeAtomically(this.directory, progressName(this.subtask), text, this.subtask);
  }
}

/**
 * Flink's `success-file` policy: an empty `_SUCCESS` in the partition directory. Two subtasks may both decide to
 * commit a partition; rewriting the file is harmless.
 */
export function writeSuccessFile(partitionDirectory: string, subtask: number): void {
  writeAtomically(partitionDirectory, SUCCESS_FILE, "", subtask);
}

/**
 * Readers in other threads see the old file or the new one, never half of it; durable once this returns. The
 * temporary file is hidden and named after the writing subtask, so two subtasks writing one file do not collide.
 */
function writeAtomically(directory: string, name: string, text: string, subtask: number): void {
  const path = join(directory, name);
  const temporary = join(directory, `.${name}.${subtask}.tmp`);
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(directory);
}
