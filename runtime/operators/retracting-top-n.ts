// Top-N per key over a changelog with deletions (Flink's RetractableTopNFunction): rows enter (+I, +U) and leave (-D,
// -U), so a row that leaves the top n lets the next one in — which a running top that keeps only n rows cannot know.
// Each key keeps every present row, sorted; a change re-emits the ranks it moved as a changelog: the row a rank had
// (-U) and the row it has now (+U), `+I` for a rank that had no row, `-D` for one that has none any more.
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { indexOfEqual, leaves } from "./changelog-rows.js";
import { AbstractStreamOperator } from "./operator.js";

/** What a ranked output record says about its rank. */
export type RankChange = "+I" | "-U" | "+U" | "-D";

export interface RetractingTopNSpec<IN, OUT> {
  readonly n: number;
  /** The field of an input record holding its change kind (absent: +I). */
  readonly rowKindField: string;
  /** Negative when `a` ranks before `b`; 0 for ties, which keep arrival order (the earlier row ranks first). */
  readonly compare: (a: IN, b: IN) => number;
  /** The output row of `record` at 1-based `rank`, with its change kind. */
  readonly emit: (record: IN, rank: number, kind: RankChange) => OUT;
}

/**
 * Per change O(log m + m) for m present rows of its key (binary search, then an array splice), and O(n) output. State:
 * every present row of every key, as Flink's retractable Top-N without state TTL. Output records carry the timestamp
 * of the change that made them.
 */
export class RetractingTopNOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  private sorted!: HeapValueState<IN[]>;

  constructor(name: string, private readonly spec: RetractingTopNSpec<IN, OUT>) {
    super(name);
    if (!Number.isSafeInteger(spec.n) || spec.n < 1) throw new RangeError(`top-n needs n >= 1, got ${spec.n}`);
  }

  override open(): void {
    this.sorted = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<IN[]>("retracting-top-n").withCopy((list: IN[]) => list.slice())) as HeapValueState<IN[]>;
  }

  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const select = this.inputKeySelector!;
    const backend = this.keyedBackend;
    const kindField = this.spec.rowKindField;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        const r = values[i]!;
        backend.setCurrentKey(select(r));
        if (leaves((r as Record<string, unknown>)[kindField])) this.leave(r, timestamps[i]!);
        else this.enter(r, timestamps[i]!);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private enter(r: IN, ts: number): void {
    let list = this.sorted.value();
    if (list === undefined) this.sorted.update((list = []));
    const at = insertionPoint(list, r, this.spec.compare);
    list.splice(at, 0, r);
    this.movedDown(list, at, ts);
  }

  private leave(r: IN, ts: number): void {
    const list = this.sorted.value();
    // why: a row that is not there (it entered before a restore, or never) changes nothing
    const at = list === undefined ? -1 : indexOfEqual(list, r as Record<string, unknown>, this.spec.rowKindField);
    if (at < 0) return;
    const gone = list!.splice(at, 1)[0]!;
    this.movedUp(list!, at, gone, ts);
  }

  /** After inserting at `at`: each rank from `at` within the top n holds the row that was a place above it. */
  private movedDown(list: readonly IN[], at: number, ts: number): void {
    const { n, emit } = this.spec;
    const out = this.output;
    const before = list.length - 1;
    const end = Math.min(list.length, n);
    for (let rank = at; rank < end; rank++) {
      // the rank's previous row is now a place below it (a rank past the old length had none)
      if (rank < before) out.collect(emit(list[rank + 1]!, rank + 1, "-U"), ts);
      out.collect(emit(list[rank]!, rank + 1, rank < before ? "+U" : "+I"), ts);
    }
  }

  /** After removing `gone` from `at`: each rank from `at` within the top n holds the row a place below it, or none. */
  private movedUp(list: readonly IN[], at: number, gone: IN, ts: number): void {
    const { n, emit } = this.spec;
    const out = this.output;
    const end = Math.min(list.length + 1, n);
    for (let rank = at; rank < end; rank++) {
      // the rank's previous row: `gone` at `at`, else the one now a place above it
      out.collect(emit(rank === at ? gone : list[rank - 1]!, rank + 1, rank < list.length ? "-U" : "-D"), ts);
      if (rank < list.length) out.collect(emit(list[rank]!, rank + 1, "+U"), ts);
    }
  }
}

/** After every row that ranks before `r` or ties with it (a tie keeps arrival order): binary search. */
function insertionPoint<T>(list: readonly T[], r: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(r, list[mid]!) < 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
