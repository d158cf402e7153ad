// A regular (unbounded) inner join whose inputs are changelogs with deletions (a regular outer join's output, EXCEPT,
// an aggregate over them), as Flink's StreamingJoinOperator over retracting inputs: a row that enters one side joins
// the other side's rows of its key and inserts each pair; a row that leaves (-D, -U) takes one equal row out of its
// side and deletes each pair it had made. A record without a kind (an insert-only input) enters. A side that is an
// update stream keyed by the join key (`upsertLeft`/`upsertRight`) keeps one row per key, which each new row replaces.
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { indexOfEqual, leaves, sameRow } from "./changelog-rows.js";
import { bothKeySelectors, keyedTwoInputStream } from "./keyed-two-input.js";
import { AbstractStreamOperator } from "./operator.js";
import type { ChangeKind } from "./regular-outer-join.js";

/** Plain functions, generated per join (no closures per record). */
export interface ChangelogJoinFunctions<A, B, OUT> {
  /** The field of an input record holding its kind (+I, +U enter; -D, -U leave); absent means +I. */
  readonly rowKindField: string;
  /**
   * The left (right) input is an update stream keyed by the join key: its new row replaces the key's row (one per key),
   * deleting the old row's pairs (nothing when the rows are equal) — ChangelogNormalize folded into the join.
   */
  readonly upsertLeft?: boolean;
  readonly upsertRight?: boolean;
  /** The join condition beyond the key equality. */
  matches(left: A, right: B): boolean;
  /** The output record of a pair, entering (+I) or leaving (-D) the result. */
  joined(left: A, right: B, kind: ChangeKind): OUT;
}

/**
 * Per record O(rows of its key on both sides); a leaving row is found by deep equality (its kind field aside). State
 * grows with the rows present, as in Flink without state TTL. Output records carry the timestamp of the record that
 * made them.
 */
export class ChangelogJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> {
  private left!: HeapValueState<A[]>;
  private right!: HeapValueState<B[]>;
  private keySelectors: ((value: any) => Key)[] = [];
  private readonly upserts: readonly [boolean, boolean];

  constructor(name: string, private readonly fns: ChangelogJoinFunctions<A, B, OUT>) {
    super(name);
    this.upserts = [fns.upsertLeft === true, fns.upsertRight === true];
  }

  override open(): void {
    this.left = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<A[]>("changelog-join-left").withCopy(copyList)) as HeapValueState<A[]>;
    this.right = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<B[]>("changelog-join-right").withCopy(copyList)) as HeapValueState<B[]>;
    this.keySelectors = bothKeySelectors(this.ctx.keySelectors, "a changelog join");
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const select = this.keySelectors[input]!;
    const backend = this.keyedBackend;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        backend.setCurrentKey(select(values[i]));
        this.change(values[i], timestamps[i]!, input);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private change(row: any, ts: number, input: number): void {
    if (this.upserts[input]!) {
      this.replace(row, ts, input);
      return;
    }
    const fns = this.fns;
    const kind = row[fns.rowKindField];
    const leaving = leaves(kind);
    const mine = (input === 0 ? this.left : this.right) as HeapValueState<unknown[]>;
    const stored = mine.value();
    if (leaving) {
      // why: a row that is not there (its entry came before a restore, or never) deletes nothing and joins nothing
      const at = stored === undefined ? -1 : indexOfEqual(stored, row, fns.rowKindField);
      if (at < 0) return;
      // why the stored row, not the leaving record: the pairs it deletes must equal the pairs it inserted, and a right
      // row is a field of the pair (with the kind it entered with)
      row = stored!.splice(at, 1)[0];
    } else if (stored === undefined) mine.update([row]);
    else stored.push(row);
    const others = (input === 0 ? this.right : this.left).value() as unknown[] | undefined;
    if (others === undefined) return;
    const out = this.output;
    const outKind: ChangeKind = leaving ? "-D" : "+I";
    for (let j = 0; j < others.length; j++) {
      const l = (input === 0 ? row : others[j]) as A;
      const r = (input === 0 ? others[j] : row) as B;
      if (fns.matches(l, r)) out.collect(fns.joined(l, r, outKind), ts);
    }
  }

  /** An update stream's row for its key (the join key): the key's previous row leaves with its pairs, the new one enters. */
  private replace(row: any, ts: number, input: number): void {
    const fns = this.fns;
    const mine = (input === 0 ? this.left : this.right) as HeapValueState<unknown[]>;
    const stored = mine.value();
    const before = stored === undefined || stored.length === 0 ? undefined : stored[0];
    if (before !== undefined && sameRow(before as Record<string, unknown>, row, fns.rowKindField)) return;
    if (stored === undefined) mine.update([row]);
    else stored[0] = row;
    const others = (input === 0 ? this.right : this.left).value() as unknown[] | undefined;
    if (others === undefined) return;
    const out = this.output;
    for (let j = 0; j < others.length; j++) {
      const l = (input === 0 ? before : others[j]) as A;
      const r = (input === 0 ? others[j] : before) as B;
      if (before !== undefined && fns.matches(l, r)) out.collect(fns.joined(l, r, "-D"), ts);
    }
    for (let j = 0; j < others.length; j++) {
      const l = (input === 0 ? row : others[j]) as A;
      const r = (input === 0 ? others[j] : row) as B;
      if (fns.matches(l, r)) out.collect(fns.joined(l, r, "+I"), ts);
    }
  }
}

/** `left ⋈ right` on their keys, both changelogs with deletions (or one of them insert-only), as one two-input operator. */
export function changelogJoin<A, B, K, OUT>(left: KeyedStream<A, K>, right: KeyedStream<B, K>, fns: ChangelogJoinFunctions<A, B, OUT>, name = "Changelog Join"): DataStream<OUT> {
  return keyedTwoInputStream(left, right, name, () => new ChangelogJoinOperator<A, B, OUT>(name, fns));
}

/** A snapshot must not see later appends or removals: the array is copied (the rows themselves never change). */
function copyList<T>(list: T[]): T[] {
  return list.slice();
}
