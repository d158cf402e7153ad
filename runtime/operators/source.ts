// The source operator: polls its reader in batches, assigns timestamps and generates watermarks.
import { EddyError } from "../core/errors.js";
import { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK, MIN_WATERMARK, NO_TIMESTAMP } from "../core/time.js";
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../connectors/source.js";
import { NoWatermarksGenerator, type WatermarkGenerator, type WatermarkOutput, WatermarksWithIdleness } from "../time/watermark-generator.js";
import type { TimestampAssigner, WatermarkStrategy } from "../time/watermark-strategy.js";
import { AbstractStreamOperator, type DirectRecordWriter } from "./operator.js";
import type { PolledOperator } from "./polled-operator.js";

/** SourceOperator.writing between two records handed to a direct writer. */
const NOT_WRITING: unknown = Symbol("not writing");

/** What a source hands to its copy on another worker (work stealing). */
interface SourceMoveState {
  readonly reader: unknown;
  readonly lastWatermark: number;
  readonly sourceIdle: boolean;
  readonly generator: unknown;
}

export class SourceOperator<T> extends AbstractStreamOperator<T> implements PolledOperator<T>, ReaderOutput<T>, WatermarkOutput {
  /**
   * Whether a copy on another worker can continue this source exactly: its readers continue from their snapshot
   * (Source.movable), its watermark generator hands over its state, and watermarks follow the data (no periodic
   * timer, which would stay behind on the old worker).
   */
  static canMove<T>(source: Source<T>, strategy: WatermarkStrategy<T>, watermarkInterval: number): boolean {
    return source.movable === true && watermarkInterval === 0 && strategy.generatorsMove();
  }

  readonly movable: boolean;
  readonly polled = true as const;

  private reader!: SourceReader<T>;
  private generator!: WatermarkGenerator<T>;
  private assigner: TimestampAssigner<T> | null = null;
  private lastWatermark = MIN_WATERMARK;
  private sourceIdle = false;
  private batchMode = false;
  /**
   * The generator never emits (noWatermarks, without idleness): the per-record pass only assigns timestamps, and with
   * no assigner either (passThrough) it would change nothing, so a polled batch goes on as the reader filled it.
   */
  private silentGenerator = false;
  private passThrough = false;
  /**
   * With passThrough and a sink chained right behind that takes records one at a time: the sink's writer, which
   * `collect` calls as the reader emits each record (no batch in between). Looked up at the first poll (the sink's
   * writer is made when it opens); undefined until then.
   */
  private direct: DirectRecordWriter<T> | null | undefined = undefined;
  /** The direct writer's function (a field: a call through it is one load). */
  private deliver: ((record: T) => void) | null = null;
  /** Records handed to the direct writer during the current poll. */
  private delivered = 0;
  /** The record the direct writer failed on, else NOT_WRITING: tells the sink's failure from the reader's. */
  private writing: unknown = NOT_WRITING;
  private idleCheckScheduled = false;
  /** Records the reader emitted, over every poll (the records read, unless the reader counts those itself). */
  private emitted = 0;
  /** Records read by one poll; reused (the reader fills it through `collect`). */
  private readonly batch = new RecordBatch<T>(0);
  /** Part of the batch forwarded ahead of a watermark the generator emitted while the batch was scanned. */
  private readonly part = new RecordBatch<T>(0);
  /** While the batch is scanned: the index of the record whose event the generator sees (-1: not scanning). */
  private scanning = -1;
  /** Records of the scanned batch forwarded already (ahead of a punctuated watermark). */
  private forwarded = 0;

  constructor(
    name: string,
    readonly source: Source<T>,
    private readonly strategy: WatermarkStrategy<T>,
    /** Periodic watermark emission on the processing-time clock; 0 = after every batch (deterministic). */
    private readonly watermarkInterval: number,
  ) {
    super(name);
    this.movable = SourceOperator.canMove(source, strategy, watermarkInterval);
  }

  /** Null while a processing-time idleness check is pending (a timer of this worker's): the source stays for now. */
  override moveState(): unknown {
    if (this.idleCheckScheduled) return null;
    const state: SourceMoveState = { reader: this.reader.snapshotState?.(), lastWatermark: this.lastWatermark, sourceIdle: this.sourceIdle, generator: this.generator.moveState!() };
    return state;
  }

  override restoreMoveState(state: unknown): void {
    const s = state as SourceMoveState;
    this.reader.restoreState?.(s.reader);
    this.lastWatermark = s.lastWatermark;
    this.sourceIdle = s.sourceIdle;
    this.generator.restoreMoveState!(s.generator);
    // why: downstream has this watermark already; a restore from a checkpoint re-sends it, a move must not
    this.resumeWatermark = false;
  }

  private restoredPosition: { reader: unknown; watermark: number } | null = null;
  private resumeWatermark = false;

  override open(): void {
    this.reader = this.source.createReader({ subtaskIndex: this.ctx.subtaskIndex, parallelism: this.ctx.parallelism, clock: this.ctx.clock });
    if (this.restoredPosition !== null) this.reader.restoreState?.(this.restoredPosition.reader);
    this.generator = this.strategy.buildGenerator({ now: () => this.ctx.clock.now() });
    this.assigner = this.strategy.timestampAssigner;
    this.silentGenerator = this.generator instanceof NoWatermarksGenerator;
    this.passThrough = this.assigner === null && this.silentGenerator;
    this.direct = undefined;
    if (this.restoredPosition !== null) {
      // why: resuming the watermark where it was keeps late-data decisions as in a run without failure
      this.lastWatermark = this.restoredPosition.watermark;
      this.resumeWatermark = true;
      this.generator.restoreWatermarkState?.(this.restoredPosition.watermark);
    }
    this.batchMode = this.ctx.executionMode === "BATCH";
    if (this.watermarkInterval > 0 && !this.batchMode) this.schedulePeriodicEmit();
  }

  processBatch(_batch: RecordBatch<unknown>): void {
    throw new EddyError("internal", "a source has no inputs", this.errorContext());
  }

  /**
   * Unbounded (the subtask caps it at its slice) while records go straight to a sink's function: nothing fills up,
   * and the per-poll work of the source and its subtask then comes once per slice instead of once per 512 records —
   * q0 of bench/peers 11–15 % faster (`npx tsx bench/peers/engine-overhead.bench.ts`: "engine, a slice per poll"
   * against "engine, slices of one batch of 512").
   */
  batchesPerPoll(): number {
    if (this.direct === undefined) this.resolveDirect();
    return this.direct === null ? 1 : Number.POSITIVE_INFINITY;
  }

  /** Reads up to `max` records from the reader and forwards them; returns the reader's status. */
  emitNext(max: number): InputStatus {
    if (this.resumeWatermark) {
      // why: downstream operators restart at no watermark; give them the one they had at the checkpoint
      this.resumeWatermark = false;
      if (this.lastWatermark !== MIN_WATERMARK) this.output.emitWatermark(this.lastWatermark);
    }
    let status: InputStatus;
    const batch = this.batch;
    if (this.direct === undefined) this.resolveDirect();
    this.delivered = 0;
    // why: a sink failure that a reader caught and went on from must not take the blame for a later poll's failure
    this.writing = NOT_WRITING;
    try {
      status = this.reader.pollNext(this, max);
    } catch (e) {
      batch.length = 0;
      const record = this.writing;
      if (record === NOT_WRITING) throw this.failure(e);
      this.writing = NOT_WRITING;
      // why: the sink failed, not the reader; it is described as the sink operator's failure (with its record)
      throw this.direct!.failure(e, record as T);
    } finally {
      if (this.delivered > 0) this.output.countDirect!(this.delivered);
    }
    this.emitted += batch.length + this.delivered;
    if (this.silentGenerator) {
      // why: no watermark can come between records, so only the timestamps may change (see silentGenerator)
      if (this.assigner !== null) this.assignTimestamps(this.assigner);
      if (batch.length > 0) this.output.collectBatch(batch);
      batch.length = 0;
      return status;
    }
    // why: timestamps and watermark bookkeeping in one loop, then the batch goes on whole
    const { values, timestamps } = batch;
    const n = batch.length;
    const assigner = this.assigner;
    const generator = this.generator;
    let i = 0;
    this.forwarded = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        const ts = assigner === null ? timestamps[i]! : assigner(v, timestamps[i]!);
        timestamps[i] = ts;
        this.scanning = i;
        generator.onEvent(v, ts, this);
      }
    } catch (e) {
      this.scanning = -1;
      batch.length = 0;
      throw this.failure(e, values[i]);
    }
    this.scanning = -1;
    if (this.forwarded === 0) {
      if (n > 0) this.output.collectBatch(batch);
    } else this.forwardRecords(n);
    batch.length = 0;
    if (!this.batchMode && this.watermarkInterval === 0) this.generator.onPeriodicEmit(this);
    if (status === "NOTHING_AVAILABLE") this.scheduleIdleCheck();
    return status;
  }

  isAvailable(): Promise<void> {
    return this.reader.isAvailable();
  }

  /**
   * Records read from the outside so far (Flink's numRecordsIn of a source; the job's records in): what the reader
   * emitted, unless it counts what it read itself (SourceReader.recordsRead). 0 before the source opened (a copy of
   * a movable subtask that another worker runs counts there).
   */
  recordsRead(): number {
    return this.reader?.recordsRead?.() ?? this.emitted;
  }

  collect(record: T, timestamp?: number): void {
    const deliver = this.deliver;
    if (deliver !== null) {
      // why a try per record: the record is kept only when the sink fails, so a sink that keeps nothing lets V8 drop
      // the record's allocation (escape analysis); a field set around every call made every record escape and
      // halved q0's rate (bench/peers). The catch only marks the record: emitNext describes the failure.
      try {
        deliver(record);
      } catch (e) {
        this.writing = record;
        throw e;
      }
      this.delivered++;
      return;
    }
    const b = this.batch;
    b.values[b.length] = record;
    b.timestamps[b.length] = timestamp ?? NO_TIMESTAMP;
    b.length++;
  }

  /** The assigner's timestamp for every record of the batch (no generator to tell). */
  private assignTimestamps(assigner: TimestampAssigner<T>): void {
    const batch = this.batch;
    const { values, timestamps } = batch;
    const n = batch.length;
    let i = 0;
    try {
      for (; i < n; i++) timestamps[i] = assigner(values[i]!, timestamps[i]!);
    } catch (e) {
      batch.length = 0;
      throw this.failure(e, values[i]);
    }
  }

  /** Whether records may go straight to a sink writer behind (see `direct`); decided at the first poll. */
  private resolveDirect(): void {
    const direct = this.passThrough ? (this.output.directRecordWriter?.() ?? null) : null;
    this.direct = this.output.countDirect === undefined ? null : direct;
    this.deliver = this.direct?.write ?? null;
  }

  /** End of a bounded input: everything event time can fire, then end of input downstream. */
  emitFinalWatermark(): void {
    if (this.sourceIdle) this.markActive();
    this.lastWatermark = MAX_WATERMARK;
    // why: unconditionally — after a restore at the end of input the last watermark is already MAX
    this.output.emitWatermark(MAX_WATERMARK);
  }

  emitWatermark(timestamp: number): void {
    if (timestamp <= this.lastWatermark) return;
    this.lastWatermark = timestamp;
    // why: a punctuated watermark (emitted by onEvent while the batch is scanned) follows the records read before it
    // and the one it was emitted for; the rest of the batch follows it
    if (this.scanning >= 0) this.forwardRecords(this.scanning + 1);
    this.output.emitWatermark(timestamp);
  }

  markIdle(): void {
    if (this.sourceIdle) return;
    this.sourceIdle = true;
    if (this.scanning >= 0) this.forwardRecords(this.scanning + 1);
    this.output.emitWatermarkStatus(true);
  }

  markActive(): void {
    if (!this.sourceIdle) return;
    this.sourceIdle = false;
    if (this.scanning >= 0) this.forwardRecords(this.scanning + 1);
    this.output.emitWatermarkStatus(false);
  }

  /** Forwards the records of the batch being scanned from the first not yet forwarded up to `end` (exclusive). */
  private forwardRecords(end: number): void {
    const from = this.forwarded;
    if (end <= from) return;
    const part = this.part;
    const { values, timestamps } = this.batch;
    for (let k = from; k < end; k++) {
      part.values[k - from] = values[k]!;
      part.timestamps[k - from] = timestamps[k]!;
    }
    part.length = end - from;
    this.forwarded = end;
    this.output.collectBatch(part);
    part.clear();
  }

  override currentWatermark(): number {
    return this.lastWatermark;
  }

  override async close(): Promise<void> {
    await this.reader?.close?.();
  }

  protected override snapshotOperatorState(): unknown[] {
    return [{ reader: this.reader.snapshotState?.(), watermark: this.lastWatermark }];
  }

  protected override restoreOperatorState(state: readonly unknown[], previousParallelism: number): void {
    if (state.length === 0) return;
    if (previousParallelism !== this.ctx.parallelism) {
      throw new EddyError("user", `source '${this.name}' cannot change its parallelism on restore (${previousParallelism} → ${this.ctx.parallelism}): keep the source's parallelism`, this.errorContext(), { retriable: false });
    }
    this.restoredPosition = state[0] as { reader: unknown; watermark: number };
  }

  /** Whether the reader can rewind to a snapshotted position (exactly-once needs it). */
  isReplayable(): boolean {
    return this.source.replayable === true;
  }

  private scheduleIdleCheck(): void {
    if (!(this.generator instanceof WatermarksWithIdleness) || this.idleCheckScheduled || this.batchMode) return;
    const generator = this.generator;
    this.idleCheckScheduled = true;
    this.ctx.scheduleProcessingTime(generator.nextIdleCheck(), () => {
      this.idleCheckScheduled = false;
      generator.onPeriodicEmit(this);
      // why: a quiet reader is not polled, so nothing else would check again
      if (!this.sourceIdle) this.scheduleIdleCheck();
    });
  }

  private schedulePeriodicEmit(): void {
    this.ctx.scheduleProcessingTime(this.ctx.clock.now() + this.watermarkInterval, () => {
      this.generator.onPeriodicEmit(this);
      this.schedulePeriodicEmit();
    });
  }
}
