// Flink's regular (unbounded) inner join of two keyed streams: every record is kept in keyed state for ever and
// joins each stored record of the other side with the same key (the streaming form of SQL's `A JOIN B ON a.k = b.k`).
import type { Collector } from "../api/functions.js";
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { bothKeySelectors, keyedTwoInputStream } from "./keyed-two-input.js";
import { AbstractStreamOperator } from "./operator.js";

/** Called once per joined pair; emits zero or more results (a residual condition filters here). */
export type RegularJoinFunction<A, B, OUT> = (left: A, right: B, out: Collector<OUT>) => void;

/**
 * Inner join, insert-only inputs, so the output is insert-only too: a pair is emitted once, when its second record
 * arrives. State: one array of records per key and side (O(1) append; a record costs O(matches) to join). Nothing
 * expires — as in Flink without state TTL, the state grows with the input; use an interval or window join when a time
 * bound exists. Output records carry the timestamp of the record that completed the pair (Flink's regular join output
 * has no time attribute; this keeps downstream event-time operators usable on in-order input).
 */
export class RegularJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private left!: HeapValueState<A[]>;
  private right!: HeapValueState<B[]>;
  private keySelectors: ((value: any) => Key)[] = [];
  private timestamp = 0;

  constructor(name: string, private readonly join: RegularJoinFunction<A, B, OUT>) {
    super(name);
  }

  override open(): void {
    this.left = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<A[]>("regular-join-left").withCopy(copyList)) as HeapValueState<A[]>;
    this.right = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<B[]>("regular-join-right").withCopy(copyList)) as HeapValueState<B[]>;
    this.keySelectors = bothKeySelectors(this.ctx.keySelectors, "a regular join");
  }

  collect(value: OUT): void {
    this.output.collect(value, this.timestamp);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const select = this.keySelectors[input]!;
    const backend = this.keyedBackend;
    const mine = (input === 0 ? this.left : this.right) as HeapValueState<unknown[]>;
    const theirs = (input === 0 ? this.right : this.left) as HeapValueState<unknown[]>;
    const join = this.join;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        const v = values[i];
        backend.setCurrentKey(select(v));
        this.timestamp = timestamps[i]!;
        // 1. keep the record for the other side's future records
        const stored = mine.value();
        if (stored === undefined) mine.update([v]);
        else stored.push(v);
        // 2. join it with every stored record of the other side
        const others = theirs.value();
        if (others === undefined) continue;
        if (input === 0) for (let j = 0; j < others.length; j++) join(v as A, others[j] as B, this);
        else for (let j = 0; j < others.length; j++) join(others[j] as A, v as B, this);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}

/** `left ⋈ right` on their keys (both streams keyed by equal keys), as one two-input operator. */
export function regularJoin<A, B, K, OUT>(left: KeyedStream<A, K>, right: KeyedStream<B, K>, join: RegularJoinFunction<A, B, OUT>, name = "Regular Join"): DataStream<OUT> {
  return keyedTwoInputStream(left, right, name, () => new RegularJoinOperator<A, B, OUT>(name, join));
}

/** Stored records are only appended to, never changed: a copy of the array will do. */
function copyList<T>(list: T[]): T[] {
  return list.slice();
}
