// When a partition of the file sink is committed (Flink's PartitionTimeCommitTrigger and ProcTimeCommitTrigger),
// decided from what every subtask of the sink has committed: a pure function of their progress.
import { extractPartitionTime, partitionValuesOf } from "./partitions.js";

export interface PartitionCommitOptions {
  /**
   * `partition-time`: once the watermark passes the partition's time (from its values, by `timePattern`) plus
   * `delay`; `process-time`: once processing time passes the time the partition's first data was committed plus
   * `delay`.
   */
  readonly trigger: "partition-time" | "process-time";
  /** Milliseconds (Flink's `sink.partition-commit.delay`, default 0). */
  readonly delay: number;
  /** `$key` references to partition values making `yyyy-MM-dd HH:mm:ss`; null: the first partition value. */
  readonly timePattern: string | null;
}

/** What one subtask of the sink has committed, as the partition committer sees it (plain data, one file each). */
export interface SubtaskCommitProgress {
  readonly subtask: number;
  readonly parallelism: number;
  /** The last checkpoint whose data this subtask committed in this run; -1 before its first commit. */
  readonly checkpointId: number;
  /** The watermark this subtask had seen when that checkpoint's barrier reached it: its data below is committed. */
  readonly watermark: number;
  /** The subtask's input ended and everything it wrote is committed. */
  readonly ended: boolean;
  /** Partitions (relative paths) with committed data and no success file yet → processing time first committed. */
  readonly partitions: Readonly<Record<string, number>>;
}

/**
 * The partitions to commit now, given every subtask's progress (`progress[i]` is subtask i's): none until all
 * subtasks have committed the checkpoint `checkpointId` (Flink's committer waits for every task's report); all
 * once every subtask's input ended (Flink commits everything at the end of input); otherwise those whose trigger
 * fired. A partition-time trigger uses the smallest watermark of the subtasks, so no subtask can still hold data
 * for a partition it commits (data that arrives late is written into the committed partition, as in Flink).
 */
export function committablePartitions(options: PartitionCommitOptions, keys: readonly string[], progress: readonly SubtaskCommitProgress[], checkpointId: number, now: number): string[] {
  if (progress.some((p) => p.checkpointId < checkpointId)) return [];
  const firstCommitted = new Map<string, number>();
  for (const p of progress) {
    for (const [partition, at] of Object.entries(p.partitions)) firstCommitted.set(partition, Math.min(at, firstCommitted.get(partition) ?? at));
  }
  const partitions = [...firstCommitted.keys()].sort();
  if (progress.every((p) => p.ended)) return partitions;
  if (options.trigger === "process-time") {
    // why `delay === 0` apart: with no delay a partition commits on the checkpoint that committed its data (Flink)
    return partitions.filter((p) => options.delay === 0 || now > firstCommitted.get(p)! + options.delay);
  }
  const watermark = Math.min(...progress.map((p) => p.watermark));
  return partitions.filter((p) => {
    const values = partitionValuesOf(p, keys);
    // why: a directory that is not one of this sink's partitions is never committed (nor an error of the job)
    return values !== null && watermark > extractPartitionTime(options.timePattern, keys, values) + options.delay;
  });
}
