// Flink's ChangelogNormalize: an update stream (each record replaces the previous record with the same update key — a
// running aggregate's rows, a running top-N's (key, rank) slots) turned into a changelog with deletions, which the
// operators that keep rows (regular joins) can apply: they must take the replaced row out, and an upsert does not say
// what it was. Keyed by the update key, the operator keeps each key's current row and emits `+I` for a key's first
// row, `-U` (the row it had) then `+U` (the new one) for a change, and nothing for a row equal to the current one.
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { sameRow } from "./changelog-rows.js";
import { AbstractStreamOperator } from "./operator.js";

/** What a normalized record says: a key's first row, the row it replaces, the row that replaces it. */
export type NormalizedKind = "+I" | "-U" | "+U";

/** Plain functions, generated per operator (no closures per record). */
export interface ChangelogNormalizeFunctions<T, OUT> {
  /** `row` with its change kind (a new record: the stored row is never handed on). */
  withKind(row: T, kind: NormalizedKind): OUT;
}

/**
 * State: one row per update key, for ever (as Flink without state TTL). Per record, one state read and a comparison
 * with the current row (deep equality: rows may hold arrays and records). Output records carry the timestamp of the
 * record that made them, the `-U` too (it is emitted because of that record).
 */
export class ChangelogNormalizeOperator<T, OUT> extends AbstractStreamOperator<OUT> {
  private current!: HeapValueState<T>;

  constructor(name: string, private readonly fns: ChangelogNormalizeFunctions<T, OUT>) {
    super(name);
  }

  override open(): void {
    // why the row itself as its copy: a stored row is never changed (a new row replaces it), so a snapshot may share it
    this.current = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<T>("changelog-normalize").withCopy(sharedRow)) as HeapValueState<T>;
  }

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const select = this.inputKeySelector!;
    const backend = this.keyedBackend;
    const state = this.current;
    const fns = this.fns;
    const out = this.output;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        const row = values[i]!;
        backend.setCurrentKey(select(row));
        const before = state.value();
        const ts = timestamps[i]!;
        if (before === undefined) out.collect(fns.withKind(row, "+I"), ts);
        else if (sameRow(before as Record<string, unknown>, row as Record<string, unknown>, "")) continue;
        else {
          out.collect(fns.withKind(before, "-U"), ts);
          out.collect(fns.withKind(row, "+U"), ts);
        }
        state.update(row);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}

/** The changelog of `updates`, keyed by its update key. */
export function changelogNormalize<T, K, OUT>(updates: KeyedStream<T, K>, fns: ChangelogNormalizeFunctions<T, OUT>, name = "Changelog Normalize"): DataStream<OUT> {
  return updates.transformKeyed<OUT>(name, () => new ChangelogNormalizeOperator<T, OUT>(name, fns));
}

function sharedRow<T>(row: T): T {
  return row;
}
