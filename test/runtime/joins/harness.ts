// Drives a two-input keyed operator directly (Flink's KeyedTwoInputStreamOperatorTestHarness): records, watermarks, outputs.
import { CoLocatedObjects } from "../../../runtime/spi.js";
import type { OperatorContext, Output, OutputTag, StreamOperator } from "../../../runtime/index.js";
import type { Key } from "../../../runtime/core/key-groups.js";
import { ManualClock, RecordBatch } from "../../../runtime/index.js";
import { HeapKeyedStateBackend } from "../../../runtime/state/keyed-state-backend.js";

export interface Emitted<T> {
  readonly value: T;
  readonly timestamp: number;
}

export class TwoInputHarness<OUT, Op extends StreamOperator<OUT> = StreamOperator<OUT>> {
  readonly records: Emitted<OUT>[] = [];
  readonly sideOutputs = new Map<string, Emitted<unknown>[]>();
  readonly watermarks: number[] = [];
  readonly backend: HeapKeyedStateBackend | null;

  constructor(
    readonly operator: Op,
    keySelectors: readonly (((v: any) => Key) | null)[],
    options: { keyed?: boolean } = {},
  ) {
    this.backend = options.keyed === false ? null : new HeapKeyedStateBackend(128, () => 0);
    const ctx: OperatorContext = {
      jobName: "harness",
      operatorName: operator.name,
      operatorUid: "harness-op",
      subtaskIndex: 0,
      parallelism: 1,
      maxParallelism: 128,
      attemptNumber: 0,
      numberOfInputs: 2,
      executionMode: "STREAMING",
      clock: new ManualClock(0),
      jobParameters: {},
      keyedBackend: this.backend,
      keySelectors,
      coLocated: new CoLocatedObjects(),
      scheduleProcessingTime: () => {},
    };
    const output: Output<OUT> = {
      collect: (value, timestamp) => void this.records.push({ value, timestamp }),
      collectBatch: (batch) => {
        for (let i = 0; i < batch.length; i++) this.records.push({ value: batch.values[i]!, timestamp: batch.timestamps[i]! });
      },
      collectSide: (tag, value, timestamp) => {
        const list = this.sideOutputs.get(tag.id) ?? [];
        list.push({ value, timestamp });
        this.sideOutputs.set(tag.id, list);
      },
      emitWatermark: (ts) => void this.watermarks.push(ts),
      emitWatermarkStatus: () => {},
      flush: () => {},
    };
    operator.setup(ctx, output);
  }

  async open(): Promise<this> {
    await this.operator.open();
    return this;
  }

  left(value: unknown, timestamp: number): this {
    this.operator.processBatch(RecordBatch.of([value], [timestamp]), 0);
    return this;
  }

  right(value: unknown, timestamp: number): this {
    this.operator.processBatch(RecordBatch.of([value], [timestamp]), 1);
    return this;
  }

  /** The same watermark on both inputs. */
  watermark(timestamp: number): this {
    this.operator.processWatermark(timestamp, 0);
    this.operator.processWatermark(timestamp, 1);
    return this;
  }

  side<T>(tag: OutputTag<T>): Emitted<T>[] {
    return (this.sideOutputs.get(tag.id) ?? []) as Emitted<T>[];
  }
}
