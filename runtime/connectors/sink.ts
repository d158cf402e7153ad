// The Sink interface: a factory of per-subtask writers.
import type { RecordBatch } from "../core/record-batch.js";
import type { Clock } from "../time/clock.js";

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly jobName: string;
  readonly operatorName: string;
  readonly attemptNumber: number;
  /** The job's processing-time clock (a writer that waits for processing time reads it, never Date.now). */
  readonly clock?: Clock;
}

export interface SinkWriteContext {
  /** The record's event timestamp, or null. */
  readonly timestamp: number | null;
  readonly currentWatermark: number;
}

export interface SinkWriter<T> {
  write(value: T, context: SinkWriteContext): void;
  /**
   * Optional: the batch's records in order, as `write` would take them one by one — one call per batch instead of one
   * per record. The batch is the caller's (read it during the call, keep no reference to it or its arrays); the
   * context's `currentWatermark` is set, its `timestamp` is the writer's to set per record if it reads it. A record
   * that fails is reported by throwing a SinkBatchFailure with its index (the sink operator names the record).
   */
  writeBatch?(batch: RecordBatch<T>, context: MutableSinkWriteContext): void;
  /**
   * Optional: a function equivalent to `write` for every record, that reads no context and needs no flush, close or
   * availability between records — a source chained right before the sink may then call it as it reads each record
   * (no batch in between; see SourceOperator). It is called without its object (`this` is undefined).
   */
  recordFunction?(value: T): void;
  /** Optional: the subtask's watermark advanced (a writer that commits by event time needs it between records). */
  processWatermark?(watermark: number): void;
  /** Called at the end of input (`endOfInput` true) and before each checkpoint of a writer without transactions (false). */
  flush?(endOfInput: boolean): void;
  close?(): void | Promise<void>;
  /**
   * Null while the writer takes records; otherwise a promise that resolves once it does again (a full pipe). The
   * subtask reads no more input until then — backpressure from outside the job, as Flink's AvailabilityProvider.
   */
  availability?(): Promise<void> | null;
}

export interface Sink<T> {
  createWriter(context: SinkWriterContext): SinkWriter<T> | Promise<SinkWriter<T>>;
}

/** The context a batch writer fills per record before handing it to code that reads a SinkWriteContext. */
export interface MutableSinkWriteContext extends SinkWriteContext {
  timestamp: number | null;
}

/** Thrown by SinkWriter.writeBatch: the record at `index` of the batch failed with `error`. */
export class SinkBatchFailure extends Error {
  constructor(readonly error: unknown, readonly index: number) {
    super(`record ${index} of the batch failed`);
  }
}

/** A sink from a plain function, called once per record (Flink's SinkFunction.invoke) with its context. */
export function functionSink<T>(fn: (value: T, context: SinkWriteContext) => void): Sink<T> {
  return {
    createWriter: () => ({
      write: fn,
      writeBatch(batch, context) {
        const { values, timestamps } = batch;
        const n = batch.length;
        let i = 0;
        try {
          for (; i < n; i++) {
            const ts = timestamps[i]!;
            context.timestamp = ts === Number.NEGATIVE_INFINITY ? null : ts;
            fn(values[i]!, context);
          }
        } catch (e) {
          throw new SinkBatchFailure(e, i);
        }
      },
    }),
  };
}

/**
 * A sink from a function that takes only the record (a generated job's `sinks: { name: fn }`): called once per record,
 * in order, with nothing else — the batch loop calls it directly, with no wrapper between the runtime and `fn`.
 * `what` names the sink in the error for a value that is not a function.
 */
export function recordFunctionSink<T>(fn: (record: T) => void, what = "the sink"): Sink<T> {
  if (typeof fn !== "function") throw new TypeError(`${what} must be a function taking one record, got ${fn === null ? "null" : typeof fn}`);
  return {
    createWriter: () => ({
      write: (value) => fn(value),
      recordFunction: fn,
      writeBatch(batch) {
        const values = batch.values;
        const n = batch.length;
        let i = 0;
        try {
          for (; i < n; i++) fn(values[i]!);
        } catch (e) {
          throw new SinkBatchFailure(e, i);
        }
      },
    }),
  };
}
