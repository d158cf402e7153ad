// The Source interface: a factory of per-subtask readers that poll records in batches.
import type { Clock } from "../time/clock.js";

export type Boundedness = "BOUNDED" | "CONTINUOUS_UNBOUNDED";

/** What `pollNext` reports: more records now, none right now (wait for `isAvailable`), or the end. */
export type InputStatus = "MORE_AVAILABLE" | "NOTHING_AVAILABLE" | "END_OF_INPUT";

export interface ReaderOutput<T> {
  /** Emits a record; `timestamp` is the event time the source knows, if any. */
  collect(record: T, timestamp?: number): void;
}

export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly clock: Clock;
}

export interface SourceReader<T> {
  /**
   * Emits at most `max` records. Readers fill the batch whenever they can, so batch boundaries —
   * where watermarks are emitted — depend only on the data, and replay is exact.
   */
  pollNext(output: ReaderOutput<T>, max: number): InputStatus;
  /** After NOTHING_AVAILABLE: resolves when `pollNext` may have data again. */
  isAvailable(): Promise<void>;
  /**
   * Records this reader has read since it was created, when that is not the number it emitted: a reader that drops
   * or expands records as it reads them (a source-fused filter or flatMap, runtime/support/fused-array-source.ts).
   * Absent: every record emitted is one record read. The job's records in are the records its sources read.
   */
  recordsRead?(): number;
  /** The reader's position, to be restored after a failure (checkpointing). */
  snapshotState?(): unknown;
  restoreState?(state: unknown): void;
  close?(): void | Promise<void>;
}

export interface Source<T> {
  readonly boundedness: Boundedness;
  /** The largest parallelism the source supports (1 for a plain collection). */
  readonly maxParallelism?: number;
  /** Whether the source can rewind to a snapshotted position (exactly-once needs it). */
  readonly replayable?: boolean;
  /**
   * Whether a reader created on another worker of this process continues exactly from this one's snapshotState —
   * no connection, file handle or callback tied to the thread that opened it, and nothing to do when a checkpoint
   * completes. Such a source's subtask may move to an idle worker (work stealing).
   */
  readonly movable?: boolean;
  createReader(context: SourceReaderContext): SourceReader<T>;
}
