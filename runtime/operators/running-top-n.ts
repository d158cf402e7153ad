// Top-N per key over an unbounded stream (Flink SQL's `ROW_NUMBER() OVER (PARTITION BY k ORDER BY …) <= n`),
// emitted as an upsert stream keyed by (key, rank): each change of a key's ranking re-emits the ranks that changed.
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { AbstractStreamOperator } from "./operator.js";

export interface RunningTopNSpec<IN, OUT> {
  readonly n: number;
  /** Negative when `a` ranks before `b`; 0 for ties, which keep arrival order (the earlier record ranks first). */
  readonly compare: (a: IN, b: IN) => number;
  /** The output row of `record` at 1-based `rank`. */
  readonly emit: (record: IN, rank: number) => OUT;
}

/**
 * Per key, the n best records so far, best first (O(n) insert by a scan from the end: n is small). A record that
 * enters the top n at rank r is emitted with rank r, and every record it pushes down with its new rank (ranks r..n);
 * the one pushed past n simply stops being current. So the latest row per (key, rank) is the current top n: Flink's
 * retract/upsert output of a Top-N, written as upserts on (key, rank). A record that does not enter emits nothing.
 */
export class RunningTopNOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  private ranking!: HeapValueState<IN[]>;

  constructor(name: string, private readonly spec: RunningTopNSpec<IN, OUT>) {
    super(name);
    if (!Number.isSafeInteger(spec.n) || spec.n < 1) throw new RangeError(`top-n needs n >= 1, got ${spec.n}`);
  }

  override open(): void {
    this.ranking = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<IN[]>("running-top-n").withCopy((list: IN[]) => list.slice())) as HeapValueState<IN[]>;
  }

  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const { n, compare, emit } = this.spec;
    const select = this.inputKeySelector!;
    const backend = this.keyedBackend;
    const out = this.output;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        const r = values[i]!;
        backend.setCurrentKey(select(r));
        let list = this.ranking.value();
        if (list === undefined) this.ranking.update((list = []));
        // 1. the insertion point: after every record that ranks before r or ties with it
        let at = list.length;
        while (at > 0 && compare(r, list[at - 1]!) < 0) at--;
        if (at >= n) continue;
        // 2. insert, dropping the record pushed past n
        list.splice(at, 0, r);
        if (list.length > n) list.length = n;
        // 3. the ranks that changed
        const ts = timestamps[i]!;
        for (let rank = at; rank < list.length; rank++) out.collect(emit(list[rank]!, rank + 1), ts);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
