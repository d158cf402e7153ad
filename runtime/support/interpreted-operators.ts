// Runtime functions built from embedded IR for the interpreted path (`--no-fuse`): one closure per operator that
// evaluates its expressions through the interpreter for every record.
import { copyRecord, withField } from "../core/copy-record.js";
import {
  ValueStateDescriptor, type AggregateFunction, type Collector, type KeyedProcessFunction, type ProcessWindowFunction,
  type RuntimeContext, type TimeWindow, type ValueState,
} from "../index.js";
import type { IrAggregateCall, IrField } from "../../compiler/ir/expr.js";
import { addToSlots, aggregateCalls, createSlots, evaluate, mergeSlots, slotResult, type ExprNode, type Scope } from "./interpret.js";

type Udfs = Scope["udfs"];
type Rec = Record<string, unknown>;
/** A `name: value` field of map, extend or aggregate, as embedded IR. */
export type FieldNode = IrField;

export function interpretFilter(condition: ExprNode, udfs: Udfs): (r: Rec) => boolean {
  return (record) => evaluate(condition, { record, udfs }) === true;
}

function evalFields(fields: readonly FieldNode[], scope: Scope, into: Rec): Rec {
  for (const f of fields) into[f.name] = evaluate(f.value, scope);
  return into;
}

export function interpretMap(fields: readonly FieldNode[], udfs: Udfs): (r: Rec) => Rec {
  return (record) => evalFields(fields, { record, udfs }, {});
}

export function interpretExtend(fields: readonly FieldNode[], udfs: Udfs): (r: Rec) => Rec {
  return (record) => evalFields(fields, { record, udfs }, copyRecord(record));
}

export function interpretFlatMap(expr: ExprNode, as: string, udfs: Udfs): (r: Rec, out: Collector<Rec>) => void {
  return (record, out) => {
    for (const element of evaluate(expr, { record, udfs }) as unknown[]) out.collect(withField(record, as, element));
  };
}

/** A key selector: one expression gives its value, several an array. */
export function interpretKey(exprs: readonly ExprNode[], udfs: Udfs, right = false): (r: any) => unknown {
  const scope = (record: any): Scope => (right ? { record: {}, right: record, udfs } : { record, udfs });
  if (exprs.length === 1) return (r) => evaluate(exprs[0]!, scope(r));
  return (r) => exprs.map((e) => evaluate(e, scope(r)));
}

interface Acc {
  slots: unknown[];
  n: number;
}

/** The output record of an aggregate: key fields first, then the aggregate fields (what the checker typed). */
function aggregateOutput(fields: readonly FieldNode[], calls: readonly IrAggregateCall[], keyNames: readonly string[], key: unknown, acc: Acc, udfs: Udfs, window?: { start: number; end: number }): Rec {
  const keys: Rec = {};
  keyNames.forEach((k, i) => (keys[k] = keyNames.length === 1 ? key : (key as unknown[])[i]));
  const scope: Scope = {
    record: keys,
    udfs,
    ...(window === undefined ? {} : { window }),
    aggregate: (call) => slotResult(call, acc.slots[call.slot]),
  };
  const out: Rec = {};
  for (const k of keyNames) if (!fields.some((f) => f.name === k)) out[k] = keys[k];
  return evalFields(fields, scope, out);
}

/** A window aggregate: an AggregateFunction over interpreted slots and the window function that shapes the output. */
export function interpretAggregate(fields: readonly FieldNode[], keyNames: readonly string[], udfs: Udfs): {
  aggregate: AggregateFunction<Rec, Acc, Acc>;
  window: ProcessWindowFunction<Acc, Rec, unknown, TimeWindow>;
} {
  const calls = aggregateCalls(fields);
  return {
    aggregate: {
      createAccumulator: () => ({ slots: createSlots(calls), n: 0 }),
      add: (record, acc) => {
        addToSlots(calls, acc.slots, { record, udfs }, acc.n === 0);
        acc.n++;
        return acc;
      },
      getResult: (acc) => acc,
      merge: (a, b) => ({ slots: mergeSlots(calls, a.slots, b.slots), n: a.n + b.n }),
    },
    window: {
      process(key, ctx, elements, out) {
        const w = ctx.window() as unknown as { start?: number; end?: number };
        out.collect(aggregateOutput(fields, calls, keyNames, key, elements[0]!, udfs, { start: w.start ?? 0, end: w.end ?? 0 }));
      },
    },
  };
}

/** A running aggregate per key (no window): every record updates the key's slots and emits the aggregate. */
export function interpretRunningAggregate(fields: readonly FieldNode[], keyNames: readonly string[], keyOf: (r: Rec) => unknown, udfs: Udfs): KeyedProcessFunction<unknown, Rec, Rec> {
  const calls = aggregateCalls(fields);
  const fn: KeyedProcessFunction<unknown, Rec, Rec> & { state: ValueState<Acc> } = {
    // why: a field, not a closure variable — each subtask opens its own shallow copy of this object (copyForSubtask),
    // and a handle shared by the copies would read and write the last-opened subtask's state under another's keys
    state: undefined as unknown as ValueState<Acc>,
    open(ctx: RuntimeContext) {
      this.state = ctx.getState(new ValueStateDescriptor<Acc>("running-aggregate"));
    },
    processElement(record, _ctx, out) {
      const acc = this.state.value() ?? { slots: createSlots(calls), n: 0 };
      addToSlots(calls, acc.slots, { record, udfs }, acc.n === 0);
      acc.n++;
      this.state.update(acc);
      out.collect(aggregateOutput(fields, calls, keyNames, keyOf(record), acc, udfs));
    },
  };
  return fn;
}

/** `reduce (a, b) => body`. */
export function interpretReduce(body: ExprNode, udfs: Udfs): (a: Rec, b: Rec) => Rec {
  return (a, b) => evaluate(body, { record: {}, params: [a, b], udfs });
}
