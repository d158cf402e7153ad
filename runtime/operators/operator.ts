// The operator interface and its base class: lifecycle hooks with defaults, watermark combining,
// keyed state and timer services.
import type { RuntimeContext, TaskInfo } from "../api/runtime-context.js";
import { EddyError, userFunctionError } from "../core/errors.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { MIN_WATERMARK } from "../core/time.js";
import type { StateDescriptor } from "../state/descriptors.js";
import type { HeapKeyedStateBackend } from "../state/keyed-state-backend.js";
import type { Clock } from "../time/clock.js";
import { InternalTimerService, type Triggerable } from "../time/internal-timer-service.js";
import type { Output } from "./output.js";
import type { ContextHost } from "./user-function-context.js";
import type { CoLocatedObjects } from "../scheduler/co-located-objects.js";
import { type KeyGroupSnapshot, type OperatorRestore, type OperatorSnapshot, type PendingOperatorSnapshot, VOID_NAMESPACE_CODE } from "../checkpoint/snapshot.js";
import type { KeyedStateSnapshot } from "../state/keyed-state-snapshot.js";
import { VOID_NAMESPACE } from "../state/state-table.js";

export type ExecutionMode = "STREAMING" | "BATCH";

export interface OperatorContext {
  readonly jobName: string;
  readonly operatorName: string;
  readonly operatorUid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly attemptNumber: number;
  readonly numberOfInputs: number;
  readonly executionMode: ExecutionMode;
  readonly clock: Clock;
  readonly jobParameters: Readonly<Record<string, unknown>>;
  /** The keyed state of this subtask; null when the operator is not on a keyed stream. */
  readonly keyedBackend: HeapKeyedStateBackend | null;
  /** The key selector per input, for keyed operators. */
  readonly keySelectors: readonly (((value: any) => Key) | null)[];
  /** Objects shared with the operators of this attempt in the same thread (iteration heads and tails meet here). */
  readonly coLocated: CoLocatedObjects;
  /** Calls `callback` through the task's mailbox once processing time reaches `timestamp`. */
  scheduleProcessingTime(timestamp: number, callback: (time: number) => void): void;
}

export interface StreamOperator<OUT = unknown> {
  readonly name: string;
  /**
   * True when all the operator holds between two batches can be handed to a copy of it on another worker (moveState):
   * no keyed or timer state, no per-subtask function object — an operator's input watermarks, a source's read
   * position. A chain of movable operators may then be stolen by an idle worker of the pool between two slices
   * (runtime/scheduler/pool/steal-board.ts).
   */
  readonly movable?: boolean;
  /** What a copy on another worker continues from, as plain data; null when the operator cannot move right now. */
  moveState?(): unknown;
  restoreMoveState?(state: unknown): void;
  setup(ctx: OperatorContext, output: Output<OUT>): void;
  open(): void | Promise<void>;
  /** Processes a batch from input `input` (0, or 1 for the second input of a two-input operator). */
  processBatch(batch: RecordBatch<any>, input: number): void;
  processWatermark(timestamp: number, input: number): void;
  processWatermarkStatus(idle: boolean, input: number): void;
  /** Input `input` has ended (bounded input). */
  endInput(input: number): void;
  /** All inputs ended: emit whatever is still buffered. */
  finish(): void;
  close(): void | Promise<void>;
  /** The combined input watermark (metrics). */
  currentWatermark(): number;
  /** Restores from a checkpoint before `open` (null: a fresh start). */
  initializeState(restore: OperatorRestore | null): void;
  /**
   * Takes the operator's part of checkpoint `checkpointId` on the barrier: operator state and
   * timers now, keyed state copy-on-write — written afterwards in steps, while records flow.
   */
  snapshotStateOnBarrier(checkpointId: number): PendingOperatorSnapshot;
  /** The same in one go, as data (tests, tools). */
  snapshotState(checkpointId: number): OperatorSnapshot;
  /** Checkpoint `checkpointId` completed: side effects held back for it may now happen (2PC commit). */
  notifyCheckpointComplete(checkpointId: number): void | Promise<void>;
  notifyCheckpointAborted(checkpointId: number): void;
  /** Null while the operator takes input; otherwise a promise resolved once it does again (a sink's full output). */
  availability?(): Promise<void> | null;
  /** A sink's writer that takes records one at a time with nothing else, or null (see DirectRecordWriter). */
  directRecordWriter?(): DirectRecordWriter<unknown> | null;
}

/**
 * What a source may hand its records to as it reads them, instead of collecting them into a batch for the operator
 * chained behind it: the record-only function of a sink writer (SinkWriter.recordFunction). `failure` describes a
 * failure of `write` as the sink operator would (its job, operator, subtask and the record).
 */
export interface DirectRecordWriter<T> {
  /** Called without its object (`this` is undefined). */
  write(record: T): void;
  failure(cause: unknown, record: T): Error;
}

/** What an operator knows of its inputs' time (plain data: it crosses threads when a subtask moves). */
export interface OperatorWatermarkState {
  readonly inputWatermarks: readonly number[];
  readonly inputIdle: readonly boolean[];
  readonly combinedWatermark: number;
  readonly idle: boolean;
}

/**
 * Defaults for every hook: watermarks combine as the minimum over non-idle inputs, advance the
 * timer services, then go downstream. Subclasses override only what they need.
 */
export abstract class AbstractStreamOperator<OUT> implements StreamOperator<OUT> {
  protected ctx!: OperatorContext;
  protected output!: Output<OUT>;
  private inputWatermarks: number[] = [];
  private inputIdle: boolean[] = [];
  private combinedWatermark = MIN_WATERMARK;
  private idle = false;
  private readonly timerServices: InternalTimerService<any>[] = [];

  constructor(readonly name: string) {}

  /** For operators on a keyed stream: the key selector of input 0, else null. */
  protected inputKeySelector: ((value: any) => Key) | null = null;

  setup(ctx: OperatorContext, output: Output<OUT>): void {
    this.ctx = ctx;
    this.output = output;
    this.inputKeySelector = ctx.keySelectors[0] ?? null;
    this.inputWatermarks = new Array<number>(ctx.numberOfInputs).fill(MIN_WATERMARK);
    this.inputIdle = new Array<boolean>(ctx.numberOfInputs).fill(false);
  }

  open(): void | Promise<void> {}
  abstract processBatch(batch: RecordBatch<any>, input: number): void;
  endInput(_input: number): void {}
  finish(): void {}
  close(): void | Promise<void> {}

  processWatermark(timestamp: number, input: number): void {
    if (timestamp <= this.inputWatermarks[input]!) return;
    this.inputWatermarks[input] = timestamp;
    this.combineWatermarks();
  }

  processWatermarkStatus(idle: boolean, input: number): void {
    if (this.inputIdle[input] === idle) return;
    this.inputIdle[input] = idle;
    const allIdle = this.inputIdle.every(Boolean);
    if (allIdle !== this.idle) {
      this.idle = allIdle;
      if (!allIdle) this.output.emitWatermarkStatus(false);
    }
    if (!allIdle) this.combineWatermarks();
    else this.output.emitWatermarkStatus(true);
  }

  currentWatermark(): number {
    return this.combinedWatermark;
  }

  /** By default the watermarks and idleness the operator has seen on its inputs (OperatorWatermarkState). */
  moveState(): unknown {
    const state: OperatorWatermarkState = { inputWatermarks: [...this.inputWatermarks], inputIdle: [...this.inputIdle], combinedWatermark: this.combinedWatermark, idle: this.idle };
    return state;
  }

  restoreMoveState(state: unknown): void {
    const s = state as OperatorWatermarkState;
    this.inputWatermarks = [...s.inputWatermarks];
    this.inputIdle = [...s.inputIdle];
    this.combinedWatermark = s.combinedWatermark;
    this.idle = s.idle;
  }

  /** Called when the combined watermark advanced, after timers fired and before it goes downstream. */
  protected onWatermark(_timestamp: number): void {}

  private combineWatermarks(): void {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (let i = 0; i < this.inputWatermarks.length; i++) {
      if (this.inputIdle[i]) continue;
      any = true;
      if (this.inputWatermarks[i]! < min) min = this.inputWatermarks[i]!;
    }
    if (!any || min <= this.combinedWatermark) return;
    this.combinedWatermark = min;
    for (const service of this.timerServices) service.advanceWatermark(min);
    this.onWatermark(min);
    this.output.emitWatermark(min);
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  private restored: OperatorRestore | null = null;

  initializeState(restore: OperatorRestore | null): void {
    this.restored = restore;
    if (restore === null) return;
    const backend = this.ctx.keyedBackend;
    if (backend !== null) backend.restore(restore.keyGroups, (ns) => this.decodeNamespace(ns));
    this.restoreOperatorState(restore.operatorState, restore.previousParallelism);
  }

  snapshotStateOnBarrier(checkpointId: number): PendingOperatorSnapshot {
    const keyed = this.beginKeyedSnapshot();
    const operatorState = this.snapshotOperatorState(checkpointId);
    if (operatorState instanceof Promise) return { snapshot: this.snapshotHeader(undefined), keyed, operatorState };
    return { snapshot: this.snapshotHeader(operatorState), keyed, operatorState: null };
  }

  snapshotState(checkpointId: number): OperatorSnapshot {
    const keyed = this.beginKeyedSnapshot();
    const operatorState = this.snapshotOperatorState(checkpointId);
    if (operatorState instanceof Promise) throw new Error(`operator '${this.name}' takes its state asynchronously: use snapshotStateOnBarrier`);
    const header = this.snapshotHeader(operatorState);
    return keyed === null ? header : { ...header, keyGroups: keyed.collectAll() };
  }

  /** Timers are copied now (as Flink's heap timers); state tables freeze for copy-on-write. */
  private beginKeyedSnapshot(): KeyedStateSnapshot | null {
    const backend = this.ctx.keyedBackend;
    if (backend === null) return null;
    const encode = (ns: unknown) => this.encodeNamespace(ns);
    const timerGroups: Record<number, KeyGroupSnapshot> = {};
    for (const service of this.timerServices) service.snapshotInto(timerGroups, backend.maxParallelism, encode);
    return backend.beginSnapshot(encode, timerGroups);
  }

  private snapshotHeader(operatorState: unknown[] | undefined): Omit<OperatorSnapshot, "keyGroups"> {
    return {
      operatorUid: this.ctx.operatorUid,
      subtask: this.ctx.subtaskIndex,
      parallelism: this.ctx.parallelism,
      maxParallelism: this.ctx.maxParallelism,
      ...(operatorState === undefined ? {} : { operatorState }),
    };
  }

  notifyCheckpointComplete(_checkpointId: number): void | Promise<void> {}
  notifyCheckpointAborted(_checkpointId: number): void {}

  /**
   * The operator's own state (sources: positions; sinks: transactions); undefined = none. A
   * promise (an asynchronous pre-commit) delays the acknowledgement, not the records.
   */
  protected snapshotOperatorState(_checkpointId: number): unknown[] | undefined | Promise<unknown[] | undefined> {
    return undefined;
  }

  protected restoreOperatorState(_state: readonly unknown[], _previousParallelism: number): void {}

  /** Namespaces must become plain data in a checkpoint; windows override this pair. */
  protected encodeNamespace(namespace: unknown): unknown {
    return namespace === VOID_NAMESPACE ? VOID_NAMESPACE_CODE : namespace;
  }

  protected decodeNamespace(encoded: unknown): unknown {
    return encoded === VOID_NAMESPACE_CODE ? VOID_NAMESPACE : encoded;
  }

  // ---- keyed state and timers -------------------------------------------------------------

  protected get keyedBackend(): HeapKeyedStateBackend {
    const backend = this.ctx.keyedBackend;
    if (backend === null) {
      throw new EddyError("user", "keyed state and timers are only available on a keyed stream: call keyBy(...) first", this.errorContext());
    }
    return backend;
  }

  /** A timer service scoped to this operator; timers fire through `triggerable`. */
  protected getInternalTimerService<N>(name: string, triggerable: Triggerable<N>): InternalTimerService<N> {
    const backend = this.keyedBackend;
    const service = new InternalTimerService<N>(name, backend, triggerable, (t) =>
      this.ctx.scheduleProcessingTime(t, (now) => service.onProcessingTime(now)),
    );
    this.timerServices.push(service);
    // why: a timer service created after watermarks arrived must not fire old timers late
    if (this.combinedWatermark !== MIN_WATERMARK) service.advanceWatermark(this.combinedWatermark);
    if (this.restored !== null) service.restoreFrom(this.restored.keyGroups, (ns) => this.decodeNamespace(ns) as N);
    return service;
  }

  protected timerServicesOf(): readonly InternalTimerService<any>[] {
    return this.timerServices;
  }

  /**
   * BATCH execution: processing time does not advance during the job, and at the end of input
   * every pending processing-time timer fires (as Flink). Bounded by the last timer registered
   * now, so a timer that registers another cannot loop forever.
   */
  fireProcessingTimersAtEndOfInput(): void {
    for (const service of this.timerServices) {
      const pending = service.processingTimeTimers();
      if (pending.length > 0) service.onProcessingTime(pending[pending.length - 1]!.timestamp);
    }
  }

  // ---- user functions -----------------------------------------------------------------------

  /** What a process function's context needs from this operator; key and timers differ per operator kind. */
  protected contextHost(currentKey: () => unknown, timers: () => InternalTimerService<unknown>): ContextHost {
    return {
      now: () => this.ctx.clock.now(),
      watermark: () => this.currentWatermark(),
      sideOutput: (tag, value, ts) => this.output.collectSide(tag, value, ts),
      currentKey,
      timers,
    };
  }

  /** The RuntimeContext handed to rich user functions. */
  protected runtimeContext(): RuntimeContext {
    const ctx = this.ctx;
    const state = (d: StateDescriptor) => this.keyedBackend.getOrCreateState(d) as any;
    const info: TaskInfo = {
      jobName: ctx.jobName,
      taskName: ctx.operatorName,
      indexOfThisSubtask: ctx.subtaskIndex,
      numberOfParallelSubtasks: ctx.parallelism,
      maxNumberOfParallelSubtasks: ctx.maxParallelism,
      attemptNumber: ctx.attemptNumber,
    };
    return {
      getTaskInfo: () => info,
      getIndexOfThisSubtask: () => ctx.subtaskIndex,
      getNumberOfParallelSubtasks: () => ctx.parallelism,
      getMaxNumberOfParallelSubtasks: () => ctx.maxParallelism,
      getJobParameters: () => ctx.jobParameters,
      getState: state,
      getListState: state,
      getMapState: state,
      getReducingState: state,
      getAggregatingState: state,
    };
  }

  /** Opens a user function that may be rich (open/close, runtime context). */
  protected async openFunction(fn: unknown): Promise<void> {
    if (typeof fn !== "object" || fn === null) return;
    const rich = fn as { setRuntimeContext?: (c: RuntimeContext) => void; open?: (c: RuntimeContext) => unknown };
    const context = this.runtimeContext();
    if (typeof rich.setRuntimeContext === "function") rich.setRuntimeContext(context);
    if (typeof rich.open === "function") await rich.open(context);
  }

  protected async closeFunction(fn: unknown): Promise<void> {
    if (typeof fn !== "object" || fn === null) return;
    const rich = fn as { close?: () => unknown };
    if (typeof rich.close === "function") await rich.close();
  }

  /** Wraps an exception from user code with the job, operator, subtask and record. */
  protected failure(cause: unknown, record?: unknown): EddyError {
    if (cause instanceof EddyError) return cause; // why: raised (and described) by a downstream chained operator
    return userFunctionError(cause, { ...this.errorContext(), record });
  }

  protected errorContext(): { job: string; operator: string; subtask: number } {
    return { job: this.ctx?.jobName ?? "?", operator: this.name, subtask: this.ctx?.subtaskIndex ?? 0 };
  }
}
