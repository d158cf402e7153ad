// An in-memory sink for tests and executeAndCollect: appends every record to a shared array.
import type { Sink, SinkWriter } from "./sink.js";

export class CollectSink<T> implements Sink<T> {
  readonly values: T[] = [];
  /** Records per subtask, in arrival order (to check per-key ordering). */
  readonly bySubtask = new Map<number, T[]>();

  createWriter(context: { subtaskIndex: number }): SinkWriter<T> {
    const own: T[] = [];
    this.bySubtask.set(context.subtaskIndex, own);
    const all = this.values;
    return {
      write: (value) => {
        all.push(value);
        own.push(value);
      },
      // why: a batch is appended in one call (no per-record call through the sink operator)
      writeBatch: (batch) => {
        const values = batch.values;
        const n = batch.length;
        for (let i = 0; i < n; i++) {
          const v = values[i]!;
          all.push(v);
          own.push(v);
        }
      },
    };
  }

  /** Records a writer in a worker thread forwarded (runtime/api/job-module.ts). */
  append(records: { readonly subtask: number; readonly values: readonly unknown[] }): void {
    let own = this.bySubtask.get(records.subtask);
    if (own === undefined) this.bySubtask.set(records.subtask, (own = []));
    for (const v of records.values) {
      this.values.push(v as T);
      own.push(v as T);
    }
  }
}
