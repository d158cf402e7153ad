// Flink's regular (unbounded) outer join (StreamingJoinOperator with outer sides): both sides are kept per key for
// ever. A row of a kept side that matches nothing yet is emitted at once, padded with NULLs; when its first match
// arrives later, that padded row is retracted (-D) before the joined row (+I) is emitted. Its output is therefore a
// changelog with deletions, not an append stream: each output record says which it is. Its inputs may be such
// changelogs too: a leaving row (-D, -U) deletes its pairs, and a kept row that loses its last match is padded again
// (Flink's association counts, OuterJoinRecordStateView).
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { indexOfEqual, leaves } from "./changelog-rows.js";
import { bothKeySelectors, keyedTwoInputStream } from "./keyed-two-input.js";
import { AbstractStreamOperator } from "./operator.js";
import { keepsLeft, keepsRight, type OuterJoinKind } from "./outer-join.js";

/** What an output record of a changelog with deletions is: an insertion (+I) or the deletion of an earlier row (-D). */
export type ChangeKind = "+I" | "-D";

/** Plain functions, generated per join (no closures per record); each output record carries its change kind. */
export interface RegularOuterJoinFunctions<A, B, OUT> {
  readonly kind: OuterJoinKind;
  /** The field holding an input record's change kind when an input is a changelog with deletions; null when both are insert-only. */
  readonly rowKindField: string | null;
  /** The join condition beyond the key equality (a pair with equal keys joins only when this holds). */
  matches(left: A, right: B): boolean;
  /** The output record of a matched pair, inserted or (once one of its rows left) deleted. */
  joined(left: A, right: B, kind: ChangeKind): OUT;
  /** A left row that matched nothing: its right side null, inserted or (once a match came) deleted. */
  padRight(left: A, kind: ChangeKind): OUT;
  /** A right row that matched nothing: its left side null, inserted or deleted. */
  padLeft(right: B, kind: ChangeKind): OUT;
}

/**
 * One side's rows of a key, and for each how many rows of the other side it matches now (0: a kept side's row is
 * present padded). Over insert-only inputs rows are only appended and counts only rise.
 */
interface SideRows<T> {
  readonly rows: T[];
  readonly matched: number[];
}

/**
 * Per record, O(rows of the other side with its key). State grows with the input, as in Flink without state TTL.
 * Output records carry the timestamp of the record that made them (as the inner RegularJoinOperator).
 */
export class RegularOuterJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> {
  private left!: HeapValueState<SideRows<A>>;
  private right!: HeapValueState<SideRows<B>>;
  private keySelectors: ((value: any) => Key)[] = [];
  private readonly padsLeftRows: boolean;
  private readonly padsRightRows: boolean;

  constructor(name: string, private readonly fns: RegularOuterJoinFunctions<A, B, OUT>) {
    super(name);
    this.padsLeftRows = keepsLeft(fns.kind);
    this.padsRightRows = keepsRight(fns.kind);
  }

  override open(): void {
    this.left = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<SideRows<A>>("outer-join-left").withCopy(copySide)) as HeapValueState<SideRows<A>>;
    this.right = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<SideRows<B>>("outer-join-right").withCopy(copySide)) as HeapValueState<SideRows<B>>;
    this.keySelectors = bothKeySelectors(this.ctx.keySelectors, "a regular outer join");
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const select = this.keySelectors[input]!;
    const backend = this.keyedBackend;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        backend.setCurrentKey(select(values[i]));
        this.row(values[i], timestamps[i]!, input);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  /** A row of side `input` (0 left, 1 right): joined with the other side's matches, or padded when it has none. */
  private row(v: unknown, ts: number, input: number): void {
    const fns = this.fns;
    const kindField = fns.rowKindField;
    if (kindField !== null && leaves((v as Record<string, unknown>)[kindField])) {
      this.leave(v as Record<string, unknown>, ts, input, kindField);
      return;
    }
    const out = this.output;
    const fromLeft = input === 0;
    const others = (fromLeft ? this.right : this.left).value() as SideRows<unknown> | undefined;
    const padsOthers = fromLeft ? this.padsRightRows : this.padsLeftRows;
    let matches = 0;
    if (others !== undefined) {
      const rows = others.rows;
      for (let j = 0; j < rows.length; j++) {
        const l = (fromLeft ? v : rows[j]) as A;
        const r = (fromLeft ? rows[j] : v) as B;
        if (!fns.matches(l, r)) continue;
        matches++;
        // why first: the other row's padded version leaves the result before its first joined row enters it
        if (padsOthers && others.matched[j] === 0) out.collect(this.padded(1 - input, rows[j], "-D"), ts);
        others.matched[j]!++;
        out.collect(fns.joined(l, r, "+I"), ts);
      }
    }
    if (matches === 0 && (fromLeft ? this.padsLeftRows : this.padsRightRows)) out.collect(this.padded(input, v, "+I"), ts);
    append((fromLeft ? this.left : this.right) as HeapValueState<SideRows<unknown>>, v, matches);
  }

  /**
   * A row of side `input` leaving: one equal stored row is taken out, its pairs are deleted, and each row of a kept
   * other side that loses its last match enters again padded; the row's own padded version leaves if it had no match.
   */
  private leave(v: Record<string, unknown>, ts: number, input: number, kindField: string): void {
    const fns = this.fns;
    const out = this.output;
    const fromLeft = input === 0;
    const mine = (fromLeft ? this.left : this.right).value() as SideRows<unknown> | undefined;
    // why: a row that is not there (it entered before a restore from an older savepoint, or never) changes nothing
    const at = mine === undefined ? -1 : indexOfEqual(mine.rows, v, kindField);
    if (at < 0) return;
    // why the stored row, not the leaving record: what is deleted must equal what was inserted, and a right row is a
    // field of a pair (with the kind it entered with)
    const gone = mine!.rows.splice(at, 1)[0];
    const hadMatches = mine!.matched.splice(at, 1)[0]!;
    const others = (fromLeft ? this.right : this.left).value() as SideRows<unknown> | undefined;
    const padsOthers = fromLeft ? this.padsRightRows : this.padsLeftRows;
    if (others !== undefined && hadMatches > 0) {
      const rows = others.rows;
      for (let j = 0; j < rows.length; j++) {
        const l = (fromLeft ? gone : rows[j]) as A;
        const r = (fromLeft ? rows[j] : gone) as B;
        if (!fns.matches(l, r)) continue;
        out.collect(fns.joined(l, r, "-D"), ts);
        // why after the pair: the pair leaves the result before the other row's padded version enters it again
        if (--others.matched[j]! === 0 && padsOthers) out.collect(this.padded(1 - input, rows[j], "+I"), ts);
      }
    }
    if (hadMatches === 0 && (fromLeft ? this.padsLeftRows : this.padsRightRows)) out.collect(this.padded(input, gone, "-D"), ts);
  }

  /** A row of side `side` without a partner: the other side's fields null. */
  private padded(side: number, row: unknown, kind: ChangeKind): OUT {
    return side === 0 ? this.fns.padRight(row as A, kind) : this.fns.padLeft(row as B, kind);
  }
}

function append<T>(state: HeapValueState<SideRows<T>>, row: T, matched: number): void {
  const stored = state.value();
  if (stored === undefined) {
    state.update({ rows: [row], matched: [matched] });
    return;
  }
  stored.rows.push(row);
  stored.matched.push(matched);
}

/** `left ⟕ right` (or ⟖, ⟗) on their keys (both streams keyed by equal keys), as one two-input operator. */
export function regularOuterJoin<A, B, K, OUT>(left: KeyedStream<A, K>, right: KeyedStream<B, K>, fns: RegularOuterJoinFunctions<A, B, OUT>, name = "Regular Outer Join"): DataStream<OUT> {
  return keyedTwoInputStream(left, right, name, () => new RegularOuterJoinOperator<A, B, OUT>(name, fns));
}

/** A snapshot must not see later appends, removals or count changes: both arrays are copied (the rows themselves never change). */
function copySide<T>(side: SideRows<T>): SideRows<T> {
  return { rows: side.rows.slice(), matched: side.matched.slice() };
}
