// The Sink interface: a factory of per-subtask writers.

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly jobName: string;
  readonly operatorName: string;
  readonly attemptNumber: number;
}

export interface SinkWriteContext {
  /** The record's event timestamp, or null. */
  readonly timestamp: number | null;
  readonly currentWatermark: number;
}

export interface SinkWriter<T> {
  write(value: T, context: SinkWriteContext): void;
  /** Called at the end of input (`endOfInput` true) and, later, before checkpoints. */
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

/** A sink from a plain function, called once per record (Flink's SinkFunction.invoke). */
export function functionSink<T>(fn: (value: T, context: SinkWriteContext) => void): Sink<T> {
  return { createWriter: () => ({ write: fn }) };
}
