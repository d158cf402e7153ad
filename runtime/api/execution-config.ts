// ExecutionConfig: job-wide settings beyond parallelism (watermark interval, batch sizes, parameters).
import { DEFAULT_BATCH_SIZE } from "../operators/output.js";

export type WorkStealingMode = boolean | "always";

export class ExecutionConfig {
  private autoWatermarkInterval = 0;
  private globalJobParameters: Record<string, unknown> = {};
  batchSize = DEFAULT_BATCH_SIZE;
  /** Records a channel holds before its producer is backpressured. */
  channelCapacity = 8 * DEFAULT_BATCH_SIZE;
  /** Input entries a subtask processes before the scheduler moves on. */
  sliceBudget = 64;
  /** Seed for everything random in the engine (shuffle partitioning). */
  seed = 42;
  /**
   * On the worker pool: an idle worker may take over a movable subtask (a chain of stateless operators after an
   * exchange) from a busy one. false: every subtask stays where it was placed. "always": a worker hands over every
   * subtask it is asked for, busy or not — subtasks move as often as they can (tests of the handover; slower).
   */
  workStealing: WorkStealingMode = true;

  /**
   * 0 (the default): watermarks are emitted after every source batch, driven by the data, so the
   * same input always gives the same output. > 0: emitted every that many ms of processing time.
   */
  setAutoWatermarkInterval(ms: number): this {
    if (!(ms >= 0)) throw new RangeError(`watermark interval must be ≥ 0 ms, got ${ms}`);
    this.autoWatermarkInterval = ms;
    return this;
  }
  getAutoWatermarkInterval(): number {
    return this.autoWatermarkInterval;
  }
  setGlobalJobParameters(parameters: Record<string, unknown>): this {
    this.globalJobParameters = { ...parameters };
    return this;
  }
  getGlobalJobParameters(): Readonly<Record<string, unknown>> {
    return this.globalJobParameters;
  }
  /** Records per batch between operators and per channel transfer (also the source read size). */
  setBatchSize(records: number): this {
    if (!Number.isInteger(records) || records < 1) throw new RangeError(`batch size must be a positive integer, got ${records}`);
    this.batchSize = records;
    return this;
  }
  setChannelCapacity(records: number): this {
    if (!Number.isInteger(records) || records < 1) throw new RangeError(`channel capacity must be a positive integer, got ${records}`);
    this.channelCapacity = records;
    return this;
  }
  setWorkStealing(mode: WorkStealingMode): this {
    if (mode !== true && mode !== false && mode !== "always") throw new RangeError(`work stealing is true, false or "always", got ${String(mode)}`);
    this.workStealing = mode;
    return this;
  }
  setSeed(seed: number): this {
    this.seed = seed | 0;
    return this;
  }
}
