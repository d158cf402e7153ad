// Drives a one-input keyed operator directly (Flink's KeyedOneInputStreamOperatorTestHarness): records, watermarks, processing time, snapshots.
import { CoLocatedObjects } from "../../../runtime/spi.js";
import type { OperatorContext, Output, OutputTag, StreamOperator } from "../../../runtime/index.js";
import { ManualClock, RecordBatch } from "../../../runtime/index.js";
import type { OperatorRestore, OperatorSnapshot } from "../../../runtime/checkpoint/snapshot.js";
import type { Key } from "../../../runtime/core/key-groups.js";
import { HeapKeyedStateBackend } from "../../../runtime/state/keyed-state-backend.js";

/** One thing the operator emitted, in order: a record, a side-output record, or a watermark. */
export type Emission<T> =
  | { readonly kind: "record"; readonly value: T; readonly timestamp: number }
  | { readonly kind: "side"; readonly tag: string; readonly value: unknown; readonly timestamp: number }
  | { readonly kind: "watermark"; readonly timestamp: number };

export class OneInputHarness<OUT, Op extends StreamOperator<OUT> = StreamOperator<OUT>> {
  readonly emitted: Emission<OUT>[] = [];
  readonly backend = new HeapKeyedStateBackend(128, () => this.clock.now());
  readonly clock = new ManualClock(0);
  private readonly scheduled: { at: number; callback: (time: number) => void }[] = [];

  constructor(
    readonly operator: Op,
    keySelector: (v: any) => Key,
  ) {
    const ctx: OperatorContext = {
      jobName: "harness",
      operatorName: operator.name,
      operatorUid: "cep-op",
      subtaskIndex: 0,
      parallelism: 1,
      maxParallelism: 128,
      attemptNumber: 0,
      numberOfInputs: 1,
      executionMode: "STREAMING",
      clock: this.clock,
      jobParameters: {},
      keyedBackend: this.backend,
      keySelectors: [keySelector],
      coLocated: new CoLocatedObjects(),
      scheduleProcessingTime: (at, callback) => void this.scheduled.push({ at, callback }),
    };
    const output: Output<OUT> = {
      collect: (value, timestamp) => void this.emitted.push({ kind: "record", value, timestamp }),
      collectBatch: (batch) => {
        for (let i = 0; i < batch.length; i++) this.emitted.push({ kind: "record", value: batch.values[i]!, timestamp: batch.timestamps[i]! });
      },
      collectSide: (tag, value, timestamp) => void this.emitted.push({ kind: "side", tag: tag.id, value, timestamp }),
      emitWatermark: (timestamp) => void this.emitted.push({ kind: "watermark", timestamp }),
      emitWatermarkStatus: () => {},
      flush: () => {},
    };
    operator.setup(ctx, output);
  }

  /** Restores a snapshot (as a checkpoint would, before open) and opens the operator. */
  async open(restore: OperatorSnapshot | null = null): Promise<this> {
    if (restore !== null) {
      const keyGroups = new Map(Object.entries(restore.keyGroups ?? {}).map(([kg, g]) => [Number(kg), g]));
      const r: OperatorRestore = { keyGroups, operatorState: restore.operatorState ?? [], previousParallelism: restore.parallelism };
      this.operator.initializeState(r);
    }
    await this.operator.open();
    return this;
  }

  record(value: unknown, timestamp = Number.NEGATIVE_INFINITY): this {
    this.operator.processBatch(RecordBatch.of([value], [timestamp]), 0);
    return this;
  }

  watermark(timestamp: number): this {
    this.operator.processWatermark(timestamp, 0);
    return this;
  }

  /** Moves the clock and runs the processing-time callbacks that became due, in time order. */
  setProcessingTime(time: number): this {
    this.clock.set(time);
    for (;;) {
      const due = this.scheduled.filter((s) => s.at <= time).sort((a, b) => a.at - b.at);
      if (due.length === 0) return this;
      for (const s of due) this.scheduled.splice(this.scheduled.indexOf(s), 1);
      for (const s of due) s.callback(time);
    }
  }

  /** Main-output records, in order. */
  records(): OUT[] {
    return this.emitted.flatMap((e) => (e.kind === "record" ? [e.value] : []));
  }

  side<T>(tag: OutputTag<T>): { value: T; timestamp: number }[] {
    return this.emitted.flatMap((e) => (e.kind === "side" && e.tag === tag.id ? [{ value: e.value as T, timestamp: e.timestamp }] : []));
  }

  /** Emissions as compact strings, watermarks included: the order in which things came out. */
  trace(show: (v: unknown) => string = (v) => JSON.stringify(v)): string[] {
    return this.emitted.map((e) =>
      e.kind === "watermark" ? `W${e.timestamp}` : e.kind === "record" ? `${show(e.value)}@${e.timestamp}` : `${e.tag}:${show(e.value)}@${e.timestamp}`,
    );
  }

  /** Entries per keyed state (0 everywhere once every key was cleaned up). */
  stateSizes(): Record<string, number> {
    return this.backend.stateSizes();
  }

  snapshot(checkpointId = 1): OperatorSnapshot {
    return this.operator.snapshotState(checkpointId);
  }
}
