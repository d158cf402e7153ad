// CheckpointConfig: how often and how a job checkpoints, and where checkpoints are stored.
import type { CheckpointStorage } from "../checkpoint/checkpoint-storage.js";
import { type CheckpointingConfig, DEFAULT_CHECKPOINTING } from "../checkpoint/coordinator-state.js";

export class CheckpointConfig {
  private config: CheckpointingConfig = { ...DEFAULT_CHECKPOINTING, intervalMs: Number.POSITIVE_INFINITY };
  private storage: string | CheckpointStorage | null = null;

  isEnabled(): boolean {
    return Number.isFinite(this.config.intervalMs);
  }
  setCheckpointInterval(ms: number): this {
    if (!(ms > 0)) throw new RangeError(`checkpoint interval must be positive, got ${ms}`);
    return this.set({ intervalMs: ms });
  }
  setCheckpointingMode(mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE"): this {
    return this.set({ mode });
  }
  setCheckpointTimeout(ms: number): this {
    return this.set({ timeoutMs: ms });
  }
  setMaxConcurrentCheckpoints(n: number): this {
    return this.set({ maxConcurrent: n });
  }
  setMinPauseBetweenCheckpoints(ms: number): this {
    return this.set({ minPauseMs: ms });
  }
  setTolerableCheckpointFailureNumber(n: number): this {
    return this.set({ tolerableFailures: n });
  }
  /** Completed checkpoints kept on storage (Flink's state.checkpoints.num-retained). */
  setNumRetainedCheckpoints(n: number): this {
    return this.set({ retained: n });
  }
  /**
   * State entries a subtask writes per scheduler slice while a checkpoint's keyed state is
   * written in the background (default 65,536). Smaller steps interleave snapshotting with records
   * more finely; larger ones finish each checkpoint sooner.
   */
  setSnapshotStep(entries: number): this {
    if (!Number.isSafeInteger(entries) || entries < 1) throw new RangeError(`snapshot step must be a positive integer, got ${entries}`);
    return this.set({ snapshotStep: entries });
  }
  /** A directory for file-system storage, or a storage object; in memory when never set. */
  setCheckpointStorage(storage: string | CheckpointStorage): this {
    this.storage = storage;
    return this;
  }
  getCheckpointStorage(): string | CheckpointStorage | null {
    return this.storage;
  }
  toConfig(): CheckpointingConfig {
    return this.config;
  }
  private set(change: Partial<CheckpointingConfig>): this {
    this.config = { ...this.config, ...change };
    return this;
  }
}
