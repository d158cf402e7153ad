// A batch of records with their timestamps: the unit that flows between operators and through channels.

/**
 * Parallel arrays instead of one wrapper object per record: a batch costs two array slots per
 * record and is reused by its producer (chained outputs) or handed over whole (channels).
 */
export class RecordBatch<T = unknown> {
  values: T[];
  timestamps: number[];
  length = 0;

  constructor(capacity = 0) {
    this.values = new Array<T>(capacity);
    this.timestamps = new Array<number>(capacity);
  }

  push(value: T, timestamp: number): void {
    this.values[this.length] = value;
    this.timestamps[this.length] = timestamp;
    this.length++;
  }

  /** Forget the contents; drops references so records can be collected. */
  clear(): void {
    const n = this.length;
    for (let i = 0; i < n; i++) this.values[i] = undefined as T;
    this.length = 0;
  }

  static of<T>(values: readonly T[], timestamps?: readonly number[]): RecordBatch<T> {
    const batch = new RecordBatch<T>(values.length);
    for (let i = 0; i < values.length; i++) batch.push(values[i] as T, timestamps?.[i] ?? Number.NEGATIVE_INFINITY);
    return batch;
  }
}
