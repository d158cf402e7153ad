// A subtask: one parallel instance of a job vertex — its operator chain, input gates, output
// writers and mailbox — run cooperatively in bounded slices by a scheduler.
import type { ChannelEntry } from "../core/elements.js";
import { isControl } from "../core/elements.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { StreamOperator } from "../operators/operator.js";
import type { RoutingOutput } from "../operators/output.js";
import { isPolledOperator, type PolledOperator } from "../operators/polled-operator.js";
import type { ValveOutput } from "../time/watermark-valve.js";
import type { BarrierElement } from "../core/elements.js";
import type { EncodedOperatorSnapshot, PendingOperatorSnapshot } from "../checkpoint/snapshot.js";
import type { CheckpointTask } from "../checkpoint/checkpoint-task.js";
import type { FaultInjector } from "../checkpoint/fault-injector.js";
import type { InputGate, InputGateState } from "./input-gate.js";
import type { RecordWriter } from "./record-writer.js";

export type SubtaskState = "CREATED" | "RUNNING" | "FINISHED" | "FAILED" | "CANCELED";

/**
 * How stop-with-savepoint stops a source subtask (Flink's stop --drain / stop): `drain` ends its input now (the final
 * watermark fires every event-time timer downstream, then the chain finishes); `halt` reads no more records, and
 * after the savepoint's barrier runs nothing more (its timers wait), so nothing leaves the source after the savepoint;
 * `resume` undoes a halt whose savepoint failed.
 */
export type SourceStop = "drain" | "halt" | "resume";

/** How a subtask takes part in checkpoints; set by the executor when checkpointing is enabled. */
export interface SubtaskCheckpointing {
  readonly mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE";
  readonly faults: FaultInjector | null;
  /** State entries written per slice while an asynchronous snapshot is in progress. */
  readonly snapshotStep: number;
  /** The subtask took its snapshot of `checkpointId` (one entry per operator of the chain). */
  acknowledge(subtask: Subtask, checkpointId: number, snapshots: EncodedOperatorSnapshot[], timing: SnapshotTiming): void;
  /** The subtask finished: pending checkpoints it never saw a barrier for take its final state. */
  finished(subtask: Subtask): void;
  /** Part of a snapshot that completes later (an asynchronous pre-commit) failed: the job fails. */
  fail(subtask: Subtask, error: unknown): void;
}

/** Where the time of one subtask's part of a checkpoint went, ms. */
export interface SnapshotTiming {
  /** From the first barrier to the last (inputs blocked meanwhile). */
  readonly alignmentMs: number;
  /** Taking the snapshot on the barrier: records wait for this part. */
  readonly syncMs: number;
  /** Writing the keyed state afterwards, in steps between record batches. */
  readonly asyncMs: number;
}

/** A snapshot whose barrier has passed and whose keyed state is still being written. */
interface SnapshotInProgress {
  readonly checkpointId: number;
  readonly parts: PendingOperatorSnapshot[];
  readonly alignmentMs: number;
  readonly syncMs: number;
  readonly asyncStartedAt: number;
}

interface Alignment {
  readonly barrier: BarrierElement;
  readonly startedAt: number;
  /** `gate:channel` of the channels that delivered the barrier (or ended). */
  readonly done: Set<string>;
}

export interface SubtaskMetrics {
  recordsIn: number;
  /** Milliseconds this subtask had input but could not run because an output channel was full. */
  backpressureMs: number;
  /** Milliseconds spent in this subtask's slices (records, timers, checkpoints): Flink's busy time. */
  busyMs: number;
}

/**
 * What a subtask of movable operators (StreamOperator.movable) holds between two slices, as plain data: a copy of the
 * subtask on another worker continues from it (work stealing). Its records are in the channels, which both copies
 * reach.
 */
export interface SubtaskMoveState {
  readonly gates: readonly InputGateState[];
  /** Each operator's moveState, in chain order. */
  readonly operators: readonly unknown[];
  readonly acknowledged: readonly number[];
}

export class Subtask implements CheckpointTask {
  state: SubtaskState = "CREATED";
  readonly mailbox: (() => void)[] = [];
  /** Set by the scheduler: wakes it when work arrives from outside (a checkpoint trigger, a timer). */
  wake: () => void = () => {};
  readonly metrics: SubtaskMetrics = { recordsIn: 0, backpressureMs: 0, busyMs: 0 };
  /**
   * A source waiting for its reader, or an operator of the chain that takes no input for now (a sink whose output
   * is full): the promise that resolves when the subtask may read input again.
   */
  waitingFor: Promise<void> | null = null;
  /**
   * Set when the subtask finished while an output channel still held entries its ring had no room for (a burst at the
   * end of input: every window firing at once): the subtask is FINISHED, yet its scheduler must keep it until they
   * are in the ring (sendUnsentOutput), or the consumer would never get them nor the end of input.
   */
  unsentOutput = false;
  private backpressuredSince: number | null = null;
  private readonly valveOutputs: ValveOutput[];
  private readonly head: StreamOperator<unknown>;
  /** The chain's head when it is polled (a source, an iteration head) rather than fed by input channels. */
  private readonly source: PolledOperator<unknown> | null;
  /** Operators of the chain that may report they take no input for now. */
  private readonly gated: readonly StreamOperator<unknown>[];
  /** Set by the executor when the job checkpoints. */
  checkpointing: SubtaskCheckpointing | null = null;
  private alignment: Alignment | null = null;
  /** The chain's state when it finished: acknowledges checkpoints triggered afterwards. */
  finalSnapshot: EncodedOperatorSnapshot[] | null = null;
  private snapshotInProgress: SnapshotInProgress | null = null;
  /** Checkpoints this subtask has acknowledged (so a late final snapshot does not ack twice). */
  readonly acknowledged = new Set<number>();
  /** Checkpoints acknowledged with the final snapshot: completing them commits everything. */
  readonly acknowledgedWithFinal = new Set<number>();
  /** Records already reported to the fault injector per chained operator. */
  private readonly chainedSeen: number[] = [];
  /** A source stopped by stop-with-savepoint (see SourceStop); null while it runs normally. */
  private stopping: { readonly mode: "drain" | "halt"; readonly resume: () => void; sealed: boolean; readonly deferred: (() => void)[] } | null = null;

  constructor(
    readonly name: string,
    readonly vertexId: number,
    readonly index: number,
    /** Chain order: head first, every operator after the one feeding it. */
    readonly operators: readonly StreamOperator<unknown>[],
    readonly outputs: readonly RoutingOutput[],
    readonly gates: readonly InputGate[],
    readonly writers: readonly RecordWriter[],
    /** The uid of each operator of the chain (state in checkpoints is stored by uid). */
    readonly operatorUids: readonly string[],
    /** The name the user gave each operator of the chain (fault injection matches names or uids). */
    readonly operatorNames: readonly string[],
    private readonly sourceBatchSize: number,
    private readonly monotonicNow: () => number,
    /** BATCH execution: processing-time timers fire at the end of input. */
    private readonly batchMode = false,
  ) {
    this.head = operators[0]!;
    this.source = isPolledOperator(this.head) ? this.head : null;
    this.gated = operators.filter((op) => op.availability !== undefined);
    this.valveOutputs = gates.map((gate) => ({
      watermark: (ts) => this.head.processWatermark(ts, gate.inputIndex),
      status: (idle) => this.head.processWatermarkStatus(idle, gate.inputIndex),
    }));
  }

  /** Queues an action for the subtask's next slice and wakes the scheduler. */
  enqueue(action: () => void): void {
    this.mailbox.push(action);
    this.wake();
  }

  /** Opens the chain from its tail, so every operator's consumers are ready before it is. */
  async open(): Promise<void> {
    for (let i = this.operators.length - 1; i >= 0; i--) await this.operators[i]!.open();
    this.state = "RUNNING";
  }

  private closed = false;

  /** Closes every operator once (a failed job may be closed by the attempt and by the final failure). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let first: unknown;
    for (const op of this.operators) {
      try {
        await op.close();
      } catch (e) {
        first ??= e;
      }
    }
    if (first !== undefined && this.state === "FINISHED") throw first;
  }

  /** Why the subtask cannot run now, for a scheduler that finds nothing to do (diagnostics). */
  describeBlock(): string {
    if (this.state !== "RUNNING") return this.state;
    if (this.waitingFor !== null) return "waiting";
    const full = this.writers.flatMap((w) => w.channels.filter((c) => c.isFull()).map((c) => c.id));
    if (full.length > 0) return `output full (${full.join(", ")})`;
    return this.hasInput() ? "runnable" : "no input";
  }

  /**
   * Of a finished subtask with unsent output: moves as much of it into the rings as they have room for (an output
   * channel's isFull() does, and asks the consumer to ring this worker when it frees room); true once all is sent.
   */
  sendUnsentOutput(): boolean {
    for (const w of this.writers) for (const c of w.channels) c.isFull();
    this.unsentOutput = !this.outputsSettled();
    return !this.unsentOutput;
  }

  /** Whether every output channel has handed the other end everything written to it. */
  private outputsSettled(): boolean {
    for (const w of this.writers) for (const c of w.channels) if (c.isSettled?.() === false) return false;
    return true;
  }

  outputsAvailable(): boolean {
    for (const w of this.writers) if (!w.isAvailable()) return false;
    return true;
  }

  private hasInput(): boolean {
    if (this.waitingFor !== null) return false;
    if (this.source !== null) return true;
    for (const g of this.gates) if (g.hasData()) return true;
    return false;
  }

  /** Whether a slice would make progress now; also tracks backpressure time. */
  canRun(): boolean {
    if (this.state !== "RUNNING") return false;
    if (this.mailbox.length > 0 || this.snapshotInProgress !== null) return true;
    if (!this.hasInput()) {
      this.endBackpressure();
      return false;
    }
    if (this.outputsAvailable()) {
      this.endBackpressure();
      return true;
    }
    if (this.backpressuredSince === null) this.backpressuredSince = this.monotonicNow();
    return false;
  }

  /** Stop-with-savepoint at a source subtask (see SourceStop); other subtasks ignore it. */
  stopSource(mode: SourceStop): void {
    if (this.source === null || this.state !== "RUNNING") return;
    const current = this.stopping;
    if (mode === "resume") {
      if (current === null) return;
      this.stopping = null;
      if (this.waitingFor !== null) this.waitingFor = null;
      this.mailbox.unshift(...current.deferred);
      current.resume();
      this.wake();
      return;
    }
    if (current?.mode === "drain") return;
    let resume = () => {};
    // why a promise that only a resume settles: the scheduler then waits (instead of finding nothing to run), and the
    // source is not polled again
    const halted = new Promise<void>((resolve) => (resume = resolve));
    this.stopping = { mode, resume, sealed: false, deferred: current?.deferred ?? [] };
    if (mode === "halt") this.waitingFor = halted;
    else {
      this.waitingFor = null;
      this.mailbox.unshift(...this.stopping.deferred);
      this.stopping.deferred.length = 0;
    }
    this.wake();
  }

  /** Processes mailbox actions and up to `budget` input entries (batches or control elements). */
  runSlice(budget: number): void {
    if (this.stopping !== null && this.runStopped()) return;
    while (this.mailbox.length > 0) {
      this.mailbox.shift()!();
      this.flushChain();
    }
    for (let n = 0; n < budget && this.state === "RUNNING"; ) {
      if (this.waitingFor !== null || !this.outputsAvailable()) break;
      if (this.source !== null) {
        const batches = Math.min(budget - n, this.batchesPerPoll(this.source));
        if (!this.pollSource(batches)) break;
        n += batches;
      } else {
        if (!this.pollInputs()) break;
        n++;
      }
      if (this.gated.length > 0 && this.waitForGatedOperator()) break;
    }
    this.flushChain();
    if (this.snapshotInProgress !== null && this.state === "RUNNING") this.advanceSnapshot(this.checkpointing!.snapshotStep);
  }

  /** A slice of a stopped source; true when the slice is over. */
  private runStopped(): boolean {
    const stopping = this.stopping!;
    if (stopping.mode === "drain") {
      // why the mailbox first: a barrier already injected goes out before the end of input
      while (this.mailbox.length > 0) this.mailbox.shift()!();
      this.flushChain();
      if (this.state !== "RUNNING") return true;
      this.source!.emitFinalWatermark();
      this.finishChain();
      return true;
    }
    if (!stopping.sealed) return false;
    // why: after the savepoint's barrier nothing may leave the source (a periodic watermark would fire windows
    // downstream whose results the savepoint's state does not account for); its timers wait for a resume
    stopping.deferred.push(...this.mailbox);
    this.mailbox.length = 0;
    if (this.snapshotInProgress !== null) this.advanceSnapshot(this.checkpointing!.snapshotStep);
    return true;
  }

  /** True when an operator of the chain takes no input for now; the subtask then waits until it does. */
  private waitForGatedOperator(): boolean {
    for (const op of this.gated) {
      const ready = op.availability!();
      if (ready === null) continue;
      const waiting = ready.then(() => {
        if (this.waitingFor === waiting) this.waitingFor = null;
      });
      this.waitingFor = waiting;
      return true;
    }
    return false;
  }

  /** Batches' worth of records the source may read in one poll (see PolledOperator.batchesPerPoll). */
  private batchesPerPoll(source: PolledOperator<unknown>): number {
    // why: injected record faults fire between polls, placed by record counts as if every poll read one batch
    if (this.checkpointing?.faults != null) return 1;
    return source.batchesPerPoll?.() ?? 1;
  }

  private pollSource(batches: number): boolean {
    const source = this.source!;
    const status = source.emitNext(this.sourceBatchSize * batches);
    // why: operators chained behind a source see its records only inside the chain (their faults, as after handle())
    if (status !== "NOTHING_AVAILABLE" && this.checkpointing?.faults != null) {
      this.flushChain();
      this.injectChainedRecordFaults(this.checkpointing.faults);
    }
    if (status === "END_OF_INPUT") {
      source.emitFinalWatermark();
      this.finishChain();
      return false;
    }
    if (status === "NOTHING_AVAILABLE") {
      const waiting = source.isAvailable().then(() => {
        if (this.waitingFor === waiting) this.waitingFor = null;
      });
      this.waitingFor = waiting;
      return false;
    }
    this.flushChain();
    return true;
  }

  private pollInputs(): boolean {
    for (const gate of this.gates) {
      const next = gate.poll();
      if (next === undefined) continue;
      this.handle(gate, next.entry, next.channel);
      return true;
    }
    return false;
  }

  private handle(gate: InputGate, entry: ChannelEntry, channel: number): void {
    if (!isControl(entry)) {
      this.metrics.recordsIn += entry.length;
      this.checkpointing?.faults?.onRecords(this.operatorNames[0]!, this.operatorUids[0]!, this.index, entry.length);
      this.head.processBatch(entry as RecordBatch<unknown>, gate.inputIndex);
      this.flushChain();
      gate.recycle(channel, entry as RecordBatch<unknown>);
      if (this.checkpointing?.faults != null) this.injectChainedRecordFaults(this.checkpointing.faults);
      return;
    }
    const out = this.valveOutputs[gate.inputIndex]!;
    switch (entry.kind) {
      case "watermark":
        gate.valve.inputWatermark(channel, entry.timestamp, out);
        break;
      case "watermark-status":
        gate.valve.inputStatus(channel, entry.idle, out);
        break;
      case "end-of-input":
        // why: the last watermark may fire every window at once; doing that while a snapshot is
        // written would route every change through the copy-on-write delta
        this.completeSnapshotNow();
        gate.valve.inputEnded(channel, out);
        // why: an ended channel has delivered everything it will; it counts as aligned
        this.alignment?.done.add(`${gate.inputIndex}:${channel}`);
        if (gate.markEnded(channel)) {
          this.head.endInput(gate.inputIndex);
          if (this.gates.every((g) => g.isFinished())) {
            this.finishChain();
            return;
          }
        }
        this.completeAlignmentIfReady();
        break;
      case "barrier":
        this.onBarrier(gate, channel, entry);
        break;
    }
    this.flushChain();
  }

  /** All inputs ended: each operator in chain order ends its input and flushes, then the outputs end. */
  private finishChain(): void {
    this.completeSnapshotNow();
    for (let i = 0; i < this.operators.length; i++) {
      const op = this.operators[i]!;
      if (i > 0) op.endInput(0);
      if (this.batchMode) (op as Partial<{ fireProcessingTimersAtEndOfInput(): void }>).fireProcessingTimersAtEndOfInput?.();
      op.finish();
      this.outputs[i]!.flush();
    }
    for (const w of this.writers) w.endOfInput();
    this.unsentOutput = !this.outputsSettled();
    this.alignment = null;
    for (const g of this.gates) g.unblockAll();
    const checkpointing = this.checkpointing;
    // why: checkpoints that can no longer reach this subtask by a barrier take its final state
    const final = checkpointing === null ? null : completeParts(this.snapshotChain(Number.MAX_SAFE_INTEGER));
    this.state = "FINISHED";
    if (checkpointing === null || final === null) return;
    if (!(final instanceof Promise)) {
      this.finalSnapshot = final;
      checkpointing.finished(this);
      return;
    }
    final.then(
      (snapshots) => {
        this.finalSnapshot = snapshots;
        checkpointing.finished(this);
      },
      (e) => checkpointing.fail(this, e),
    );
  }

  // ---- moving between workers ---------------------------------------------------------------

  /**
   * The subtask's state if it may move to another worker now, else null: not while it aligns a barrier, writes a
   * snapshot, has mailbox actions, waits for an operator, or a channel end holds what the other end cannot see.
   * Called between slices, when the chain has flushed its outputs.
   */
  exportForMove(): SubtaskMoveState | null {
    if (this.state !== "RUNNING" || this.alignment !== null || this.snapshotInProgress !== null || this.mailbox.length > 0 || this.waitingFor !== null) return null;
    for (const g of this.gates) for (const c of g.channels) if (c.isSettled?.() === false) return null;
    if (!this.outputsSettled()) return null;
    const operators: unknown[] = [];
    for (const op of this.operators) {
      const state = op.movable === true ? op.moveState?.() ?? null : null;
      if (state === null) return null;
      operators.push(state);
    }
    return { gates: this.gates.map((g) => g.exportState()), operators, acknowledged: [...this.acknowledged] };
  }

  /** Continues from another copy's exportForMove (this copy's channels must be claimed by its worker as well). */
  restoreForMove(state: SubtaskMoveState): void {
    this.gates.forEach((g, i) => g.restoreState(state.gates[i]!));
    this.operators.forEach((op, i) => op.restoreMoveState?.(state.operators[i]!));
    this.acknowledged.clear();
    for (const id of state.acknowledged) this.acknowledged.add(id);
  }

  // ---- checkpoints --------------------------------------------------------------------------

  get isSource(): boolean {
    return this.source !== null;
  }

  injectBarrier(barrier: BarrierElement): void {
    this.enqueue(() => this.triggerCheckpoint(barrier));
  }

  /** At a source: snapshot the chain between two batches and send the barrier downstream. */
  triggerCheckpoint(barrier: BarrierElement): void {
    if (this.state !== "RUNNING") return;
    this.takeSnapshot(barrier, 0);
    if (barrier.savepoint && this.stopping?.mode === "halt") this.stopping.sealed = true;
  }

  private onBarrier(gate: InputGate, channel: number, barrier: BarrierElement): void {
    const current = this.alignment;
    if (current !== null && barrier.checkpointId < current.barrier.checkpointId) return; // a subsumed checkpoint
    if (current === null || barrier.checkpointId > current.barrier.checkpointId) {
      // why: a newer barrier means the older checkpoint was given up; start over for the new one
      for (const g of this.gates) g.unblockAll();
      const done = new Set<string>();
      this.gates.forEach((g) => g.channels.forEach((ch, c) => ch.ended && done.add(`${g.inputIndex}:${c}`)));
      this.alignment = { barrier, startedAt: this.monotonicNow(), done };
    }
    this.alignment!.done.add(`${gate.inputIndex}:${channel}`);
    if (this.checkpointing?.mode !== "AT_LEAST_ONCE") gate.blocked[channel] = true;
    this.completeAlignmentIfReady();
  }

  private completeAlignmentIfReady(): void {
    const a = this.alignment;
    if (a === null) return;
    let total = 0;
    for (const g of this.gates) total += g.channels.length;
    if (a.done.size < total) return;
    this.alignment = null;
    this.takeSnapshot(a.barrier, this.monotonicNow() - a.startedAt);
    for (const g of this.gates) g.unblockAll();
  }

  /**
   * The synchronous part: operator state and timers are taken and keyed state is frozen
   * (copy-on-write), then the barrier goes on at once; the keyed state is written in steps after
   * later slices (advanceSnapshot) and acknowledged when complete.
   */
  private takeSnapshot(barrier: BarrierElement, alignmentMs: number): void {
    // why: one snapshot at a time per subtask; an older one still being written completes first
    this.completeSnapshotNow();
    const started = this.monotonicNow();
    this.flushChain();
    const parts = this.snapshotChain(barrier.checkpointId);
    for (const w of this.writers) w.barrier(barrier);
    this.acknowledged.add(barrier.checkpointId);
    const now = this.monotonicNow();
    this.snapshotInProgress = { checkpointId: barrier.checkpointId, parts, alignmentMs, syncMs: now - started, asyncStartedAt: now };
    if (parts.every((p) => p.keyed === null)) this.advanceSnapshot(0);
  }

  /** Writes about `budget` entries of the snapshot in progress; acknowledges it once complete. */
  private advanceSnapshot(budget: number): void {
    const s = this.snapshotInProgress!;
    for (const part of s.parts) {
      if (part.keyed === null) continue;
      if (!part.keyed.step(budget)) return;
    }
    this.snapshotInProgress = null;
    const checkpointing = this.checkpointing!;
    const acknowledge = (snapshots: EncodedOperatorSnapshot[]) => {
      const timing = { alignmentMs: s.alignmentMs, syncMs: s.syncMs, asyncMs: this.monotonicNow() - s.asyncStartedAt };
      checkpointing.acknowledge(this, s.checkpointId, snapshots, timing);
    };
    const snapshots = completeParts(s.parts);
    if (!(snapshots instanceof Promise)) return acknowledge(snapshots);
    // why: records keep flowing, and later barriers pass, while a pre-commit completes
    snapshots.then(
      (done) => {
        if (this.state === "RUNNING" || this.state === "FINISHED") acknowledge(done);
      },
      (e) => {
        if (this.state === "RUNNING" || this.state === "FINISHED") checkpointing.fail(this, e);
      },
    );
  }

  private completeSnapshotNow(): void {
    if (this.snapshotInProgress !== null) this.advanceSnapshot(Number.MAX_SAFE_INTEGER);
  }

  private snapshotChain(checkpointId: number): PendingOperatorSnapshot[] {
    const faults = this.checkpointing?.faults ?? null;
    return this.operators.map((op, i) => {
      faults?.onSnapshot(this.operatorNames[i]!, this.operatorUids[i]!, this.index);
      return op.snapshotStateOnBarrier(checkpointId);
    });
  }

  /** Checkpoint `checkpointId` completed: operators may make its side effects visible. */
  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const faults = this.checkpointing?.faults ?? null;
    // why: the final snapshot pre-committed under the pseudo id MAX_SAFE_INTEGER
    if (this.acknowledgedWithFinal.has(checkpointId)) checkpointId = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < this.operators.length; i++) {
      const op = this.operators[i]!;
      if (hasCommit(op)) faults?.onCommit(this.operatorNames[i]!, this.operatorUids[i]!, this.index);
      await op.notifyCheckpointComplete(checkpointId);
    }
  }

  /** Chained operators see records only inside the chain: check their faults after each batch. */
  private injectChainedRecordFaults(faults: FaultInjector): void {
    for (let i = 1; i < this.operators.length; i++) {
      const total = this.outputs[i - 1]!.recordsOut;
      const delta = total - (this.chainedSeen[i] ?? 0);
      if (delta <= 0) continue;
      this.chainedSeen[i] = total;
      faults.onRecords(this.operatorNames[i]!, this.operatorUids[i]!, this.index, delta);
    }
  }

  private flushChain(): void {
    for (const out of this.outputs) out.flush();
  }

  private endBackpressure(): void {
    if (this.backpressuredSince === null) return;
    this.metrics.backpressureMs += this.monotonicNow() - this.backpressuredSince;
    this.backpressuredSince = null;
  }
}

/**
 * The parts as they are acknowledged: keyed state written to the end now; a promise when some
 * operator state completes later.
 */
function completeParts(parts: readonly PendingOperatorSnapshot[]): EncodedOperatorSnapshot[] | Promise<EncodedOperatorSnapshot[]> {
  const snapshots = parts.map((part): EncodedOperatorSnapshot => {
    if (part.keyed === null) return part.snapshot;
    part.keyed.finish();
    return { ...part.snapshot, encodedKeyGroups: part.keyed.encodedKeyGroups() };
  });
  if (parts.every((p) => p.operatorState === null)) return snapshots;
  return Promise.all(
    parts.map(async (part, i): Promise<EncodedOperatorSnapshot> => {
      if (part.operatorState === null) return snapshots[i]!;
      const operatorState = await part.operatorState;
      return operatorState === undefined ? snapshots[i]! : { ...snapshots[i]!, operatorState };
    }),
  );
}

/** Only operators that hold back side effects until a checkpoint completes count as committing. */
function hasCommit(op: StreamOperator<unknown>): boolean {
  return (op as { commitsOnCheckpoint?: boolean }).commitsOnCheckpoint === true;
}
