// A running aggregate that takes rows back (Flink's retracting GROUP BY). Over an update stream (a GROUP BY over a
// GROUP BY) each input record replaces the previous record with the same update key, so that record's contribution is
// taken back before the new one is added, and the group's new row is emitted. Over a changelog with deletions (a
// GROUP BY over a regular outer join) each record says itself whether it adds its row (+I, +U) or takes an equal one
// back (-D, -U), and the output is such a changelog too: a group's first row +I, then -U of its previous row and +U
// of the new one, -D once its last row is gone, nothing when its row did not change (Flink's GroupAggFunction).
import { withField } from "../core/copy-record.js";
import { isDeepStrictEqual } from "node:util";
import { ValueStateDescriptor, type KeyedProcessFunction, type RuntimeContext, type ValueState } from "../index.js";
import { aggregateCalls, evaluate, type Scope } from "./interpret.js";
import type { FieldNode } from "./interpreted-operators.js";

type Rec = Record<string, unknown>;

/** A value multiset (min, max, distinctCount): value → how many live rows hold it. O(1) add/retract; min/max O(distinct). */
type Counts = Map<unknown, number>;

interface Group {
  /** Per aggregate call: a number (count), [sum, non-null values] (sum, avg) or Counts (min, max, distinctCount). */
  readonly slots: unknown[];
  /** The live row of each update key in this group, by the update key's JSON (over an update stream). */
  readonly rows: Map<string, Rec>;
  /** Over a changelog with deletions: the rows added and not taken back, and the row last emitted (null: none). */
  live: number;
  emitted: Rec | null;
}

/** How the input's rows change: replaced per update key (the key's fields), or by the kind each record carries. */
export type RetractedRows = readonly string[] | { readonly rowKindField: string };

function createSlot(fn: string): unknown {
  switch (fn) {
    case "count": return 0;
    case "sum": case "avg": return [0, 0];
    default: return new Map<unknown, number>();
  }
}

/**
 * Adds (`sign` = 1) or takes back (`sign` = -1) one row's argument value. sum, avg, min and max skip null as SQL does,
 * so taking back a row whose value was null undoes nothing.
 */
function apply(fn: string, slots: unknown[], i: number, arg: unknown, counted: boolean, sign: 1 | -1): void {
  switch (fn) {
    case "count": if (counted) slots[i] = (slots[i] as number) + sign; return;
    case "sum": case "avg": {
      if (arg == null) return;
      const a = slots[i] as number[];
      a[0]! += sign * (arg as number);
      a[1]! += sign;
      return;
    }
    default: {
      if (arg == null) return;
      const counts = slots[i] as Counts;
      const n = (counts.get(arg) ?? 0) + sign;
      if (n === 0) counts.delete(arg);
      else counts.set(arg, n);
    }
  }
}

/** `nullable`: the call's result type is nullable — a sum over no non-null value is then null, as in SQL. */
function result(fn: string, slot: unknown, nullable: boolean): unknown {
  switch (fn) {
    case "count": return slot;
    // why 0 when not nullable: the row of a group without live rows keeps the sum it always had (counts 0, sums 0)
    case "sum": { const [sum, n] = slot as number[]; return n === 0 ? (nullable ? null : 0) : sum; }
    case "avg": { const [sum, n] = slot as number[]; return n === 0 ? null : sum! / n!; }
    case "distinctCount": return (slot as Counts).size;
    default: {
      let best: any = null;
      for (const v of (slot as Counts).keys()) if (best === null || (fn === "min" ? (v as any) < best : (v as any) > best)) best = v;
      return best;
    }
  }
}

/**
 * `fields` are the aggregate's output fields (embedded IR), `keyNames` the group key's output names, `rows` how the
 * input's rows change. Over an update stream a group without live rows still has its row emitted (counts 0), as an
 * update; over a changelog with deletions it is deleted.
 */
export function retractingAggregate(fields: readonly FieldNode[], keyNames: readonly string[], keyOf: (r: Rec) => unknown, rows: RetractedRows, udfs: Scope["udfs"]): KeyedProcessFunction<unknown, Rec, Rec> {
  const rowKey = Array.isArray(rows) ? (rows as readonly string[]) : null;
  const rowKindField = Array.isArray(rows) ? null : (rows as { readonly rowKindField: string }).rowKindField;
  const calls = aggregateCalls(fields);
  const fns = calls.map((c) => c.name as string);
  const nullable = calls.map((c) => c.type.kind === "nullable");
  const change = (group: Group, record: Rec, sign: 1 | -1) => {
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      const arg = call.args[0] === undefined ? undefined : evaluate(call.args[0], { record, udfs });
      apply(fns[i]!, group.slots, i, arg, call.args.length === 0 || arg != null, sign);
    }
  };
  const fn: KeyedProcessFunction<unknown, Rec, Rec> & { state: ValueState<Group> } = {
    // why: a field, not a closure variable — each subtask opens its own shallow copy of this object (copyForSubtask),
    // and a handle shared by the copies would read and write the last-opened subtask's state under another's keys
    state: undefined as unknown as ValueState<Group>,
    open(ctx: RuntimeContext) {
      this.state = ctx.getState(new ValueStateDescriptor<Group>("retracting-aggregate"));
    },
    processElement(record, _ctx, out) {
      let group = this.state.value();
      if (group === undefined) this.state.update((group = { slots: fns.map(createSlot), rows: new Map(), live: 0, emitted: null }));
      if (rowKindField !== null) {
        const kind = record[rowKindField];
        const sign = kind === "-D" || kind === "-U" ? -1 : 1;
        change(group, record, sign);
        group.live += sign;
        const before = group.emitted;
        const after = group.live > 0 ? rowOf(group, record) : null;
        if (after !== null && before !== null && isDeepStrictEqual(after, before)) return;
        if (before !== null) out.collect(withField(before, rowKindField, after === null ? "-D" : "-U"));
        if (after !== null) out.collect(withField(after, rowKindField, before === null ? "+I" : "+U"));
        // why clear: a group whose rows are all gone is gone (Flink clears its accumulator state too)
        if (after === null) this.state.clear();
        else group.emitted = after;
        return;
      }
      // 1. take back the row this record replaces, 2. add the record, 3. emit the group's new row
      const id = JSON.stringify(rowKey!.map((k) => record[k]));
      const previous = group.rows.get(id);
      if (previous !== undefined) change(group, previous, -1);
      change(group, record, 1);
      group.rows.set(id, record);
      out.collect(rowOf(group, record));
    },
  };
  /** The group's row now: its key fields (from `record`, one of its rows) and the aggregates. */
  const rowOf = (group: Group, record: Rec): Rec => {
    const key = keyOf(record);
    const keys: Rec = {};
    keyNames.forEach((k, i) => (keys[k] = keyNames.length === 1 ? key : (key as unknown[])[i]));
    const scope: Scope = { record: keys, udfs, aggregate: (call) => result(fns[call.slot]!, group.slots[call.slot], nullable[call.slot]!) };
    const row: Rec = {};
    for (const k of keyNames) if (!fields.some((f) => f.name === k)) row[k] = keys[k];
    for (const f of fields) row[f.name] = evaluate(f.value, scope);
    return row;
  };
  return fn;
}
