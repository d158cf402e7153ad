// A subtask: one parallel instance of a job vertex — its operator chain, input gates, output
// writers and mailbox — run cooperatively in bounded slices by a scheduler.
import type { ChannelEntry } from "../core/elements.js";
import { isControl } from "../core/elements.js";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { StreamOperator } from "../operators/operator.js";
import type { RoutingOutput } from "../operators/output.js";
import { SourceOperator } from "../operators/source.js";
import type { ValveOutput } from "../time/watermark-valve.js";
import type { InputGate } from "./input-gate.js";
import type { RecordWriter } from "./record-writer.js";

export type SubtaskState = "CREATED" | "RUNNING" | "FINISHED" | "FAILED" | "CANCELED";

export interface SubtaskMetrics {
  recordsIn: number;
  /** Milliseconds this subtask had input but could not run because an output channel was full. */
  backpressureMs: number;
}

export class Subtask {
  state: SubtaskState = "CREATED";
  readonly mailbox: (() => void)[] = [];
  readonly metrics: SubtaskMetrics = { recordsIn: 0, backpressureMs: 0 };
  /** A source waiting for its reader: the promise that resolves when it may poll again. */
  waitingFor: Promise<void> | null = null;
  private backpressuredSince: number | null = null;
  private readonly valveOutputs: ValveOutput[];
  private readonly head: StreamOperator<unknown>;
  private readonly source: SourceOperator<unknown> | null;

  constructor(
    readonly name: string,
    readonly vertexId: number,
    readonly index: number,
    /** Chain order: head first, every operator after the one feeding it. */
    readonly operators: readonly StreamOperator<unknown>[],
    readonly outputs: readonly RoutingOutput[],
    readonly gates: readonly InputGate[],
    readonly writers: readonly RecordWriter[],
    private readonly sourceBatchSize: number,
    private readonly monotonicNow: () => number,
  ) {
    this.head = operators[0]!;
    this.source = this.head instanceof SourceOperator ? this.head : null;
    this.valveOutputs = gates.map((gate) => ({
      watermark: (ts) => this.head.processWatermark(ts, gate.inputIndex),
      status: (idle) => this.head.processWatermarkStatus(idle, gate.inputIndex),
    }));
  }

  /** Opens the chain from its tail, so every operator's consumers are ready before it is. */
  async open(): Promise<void> {
    for (let i = this.operators.length - 1; i >= 0; i--) await this.operators[i]!.open();
    this.state = "RUNNING";
  }

  async close(): Promise<void> {
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

  outputsAvailable(): boolean {
    for (const w of this.writers) if (!w.isAvailable()) return false;
    return true;
  }

  private hasInput(): boolean {
    if (this.source !== null) return this.waitingFor === null;
    for (const g of this.gates) if (g.hasData()) return true;
    return false;
  }

  /** Whether a slice would make progress now; also tracks backpressure time. */
  canRun(): boolean {
    if (this.state !== "RUNNING") return false;
    if (this.mailbox.length > 0) return true;
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

  /** Processes mailbox actions and up to `budget` input entries (batches or control elements). */
  runSlice(budget: number): void {
    while (this.mailbox.length > 0) {
      this.mailbox.shift()!();
      this.flushChain();
    }
    for (let n = 0; n < budget && this.state === "RUNNING"; n++) {
      if (!this.outputsAvailable()) break;
      if (this.source !== null) {
        if (this.waitingFor !== null || !this.pollSource()) break;
      } else if (!this.pollInputs()) break;
    }
    this.flushChain();
  }

  private pollSource(): boolean {
    const source = this.source!;
    const status = source.emitNext(this.sourceBatchSize);
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
      this.head.processBatch(entry as RecordBatch<unknown>, gate.inputIndex);
      this.flushChain();
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
        gate.valve.inputEnded(channel, out);
        if (gate.markEnded(channel)) {
          this.head.endInput(gate.inputIndex);
          if (this.gates.every((g) => g.isFinished())) this.finishChain();
        }
        break;
      case "barrier":
        throw new EddyError("internal", "checkpoint barriers are not handled by this subtask yet", { operator: this.name, subtask: this.index });
    }
    this.flushChain();
  }

  /** All inputs ended: each operator in chain order ends its input and flushes, then the outputs end. */
  private finishChain(): void {
    for (let i = 0; i < this.operators.length; i++) {
      const op = this.operators[i]!;
      if (i > 0) op.endInput(0);
      op.finish();
      this.outputs[i]!.flush();
    }
    for (const w of this.writers) w.endOfInput();
    this.state = "FINISHED";
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
