// WindowedStream: a keyed stream cut into windows (Flink's WindowedStream) — trigger, evictor,
// lateness settings, then reduce / aggregate / process / apply to get a DataStream back.
import type { OutputTag } from "../core/output-tag.js";
import { EvictingWindowOperator } from "../operators/evicting-window-operator.js";
import type { FieldRef } from "../operators/field-aggregations.js";
import { maxByReducer, maxReducer, minByReducer, minReducer, sumReducer } from "../operators/field-aggregations.js";
import { WindowOperator, type WindowOperatorSpec } from "../operators/window-operator.js";
import type { AggregateFunction } from "../state/descriptors.js";
import { isMergingAssigner, type WindowAssigner } from "../windows/assigners/window-assigner.js";
import type { Evictor } from "../windows/evictors/evictor.js";
import {
  aggregateOnFire,
  aggregateResult,
  applyIterable,
  type InternalWindowFunction,
  passThrough,
  processAggregate,
  processIterable,
  processSingle,
  reduceOnFire,
} from "../windows/functions/internal-window-function.js";
import type { ProcessWindowFunctionLike, WindowFunction } from "../windows/functions/window-functions.js";
import type { Trigger } from "../windows/triggers/trigger.js";
import type { Window } from "../windows/window.js";
import type { DataStream, KeyedStream } from "./data-stream.js";
import { callableOf, copyForSubtask, type ReduceFunction } from "./functions.js";

/** The settings every window operator shares, collected by WindowedStream and AllWindowedStream. */
export interface WindowSettings<T, W extends Window> {
  readonly assigner: WindowAssigner<T, W>;
  trigger: Trigger<T, W>;
  evictor: Evictor<T, W> | null;
  allowedLateness: number;
  lateDataOutputTag: OutputTag<T> | null;
}

export function defaultWindowSettings<T, W extends Window>(assigner: WindowAssigner<T, W>): WindowSettings<T, W> {
  return { assigner, trigger: assigner.getDefaultTrigger(), evictor: null, allowedLateness: 0, lateDataOutputTag: null };
}

export function setTrigger<T, W extends Window>(settings: WindowSettings<T, W>, trigger: Trigger<T, W>): void {
  if (isMergingAssigner(settings.assigner) && !trigger.canMerge()) {
    throw new Error(`a merging window assigner (${String(settings.assigner)}) cannot be used with a trigger that does not support merging (${String(trigger)})`);
  }
  settings.trigger = trigger;
}

export function setAllowedLateness(settings: WindowSettings<any, any>, lateness: number): void {
  if (!(lateness >= 0)) throw new RangeError(`the allowed lateness cannot be negative, got ${lateness}`);
  settings.allowedLateness = lateness;
}

/** As Flink: a reduce or aggregate function of a window is called per element and must not be rich. */
export function rejectRich(fn: unknown, what: string): void {
  if (typeof fn === "object" && fn !== null && ("open" in fn || "close" in fn || "setRuntimeContext" in fn)) {
    throw new Error(`the ${what} function of a window cannot be a rich function: put open/close logic into a window function passed alongside it`);
  }
}

/**
 * Builds the operator for one windowed transformation. Window functions come as factories: every
 * parallel subtask builds its own around its own copy of the user's function (copyForSubtask). Without an evictor, reduce and aggregate
 * keep O(1) state per key and window; with one, every element is kept and reduced on fire (Flink).
 */
export function windowTransform<T, K, W extends Window, R>(
  input: KeyedStream<T, K>,
  settings: WindowSettings<T, W>,
  name: string,
  incremental:
    | { kind: "reduce"; fn: (a: T, b: T) => T; windowFunction: () => InternalWindowFunction<T, R, K, W> }
    | { kind: "aggregate"; fn: AggregateFunction<T, any, any>; windowFunction: () => InternalWindowFunction<any, R, K, W> }
    | { kind: "list"; windowFunction: () => InternalWindowFunction<readonly T[], R, K, W> },
): DataStream<R> {
  const s = { ...settings };
  const operatorName = `Window(${String(s.assigner)}, ${String(s.trigger)}${s.evictor === null ? "" : `, ${String(s.evictor)}`}, ${name})`;
  const base = { assigner: s.assigner, trigger: s.trigger, allowedLateness: s.allowedLateness, lateDataOutputTag: s.lateDataOutputTag };
  if (s.evictor !== null) {
    const evictor = s.evictor;
    const fn = (): InternalWindowFunction<readonly T[], R, K, W> =>
      incremental.kind === "reduce"
        ? reduceOnFire(incremental.fn, incremental.windowFunction())
        : incremental.kind === "aggregate"
          ? aggregateOnFire(incremental.fn, incremental.windowFunction())
          : incremental.windowFunction();
    return input.transformKeyed<R>(operatorName, () => new EvictingWindowOperator(operatorName, { ...base, state: { kind: "list" }, windowFunction: fn() }, evictor));
  }
  const spec = (): WindowOperatorSpec<T, any, R, K, W> =>
    incremental.kind === "reduce"
      ? { ...base, state: { kind: "reducing", fn: incremental.fn }, windowFunction: incremental.windowFunction() }
      : incremental.kind === "aggregate"
        ? { ...base, state: { kind: "aggregating", fn: incremental.fn }, windowFunction: incremental.windowFunction() }
        : { ...base, state: { kind: "list" }, windowFunction: incremental.windowFunction() };
  return input.transformKeyed<R>(operatorName, () => new WindowOperator(operatorName, spec()));
}

/** What both windowed streams configure before the window function: trigger, evictor, lateness. */
export abstract class WindowConfiguration<T, W extends Window> {
  protected readonly settings: WindowSettings<T, W>;

  protected constructor(assigner: WindowAssigner<T, W>) {
    this.settings = defaultWindowSettings(assigner);
  }

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger<T, W>): this {
    setTrigger(this.settings, trigger);
    return this;
  }

  /** Keeps every element and lets `evictor` remove some before/after the window function. */
  evictor(evictor: Evictor<T, W>): this {
    this.settings.evictor = evictor;
    return this;
  }

  /** Event time: elements up to `lateness` ms after a window's end still update it (and re-fire it). */
  allowedLateness(lateness: number): this {
    setAllowedLateness(this.settings, lateness);
    return this;
  }

  /** Elements too late for every window go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.settings.lateDataOutputTag = tag;
    return this;
  }

  /** Incremental reduction per window (the field aggregations below are reductions). */
  abstract reduce(fn: ReduceFunction<T>): DataStream<T>;

  /** Sum of a numeric field per window; other fields from the window's first element. */
  sum(field: FieldRef): DataStream<T> {
    return this.reduce(sumReducer<T>(field));
  }
  min(field: FieldRef): DataStream<T> {
    return this.reduce(minReducer<T>(field));
  }
  max(field: FieldRef): DataStream<T> {
    return this.reduce(maxReducer<T>(field));
  }
  /** The element with the smallest `field`; on ties the first (or, with first = false, the last). */
  minBy(field: FieldRef, first = true): DataStream<T> {
    return this.reduce(minByReducer<T>(field, first));
  }
  maxBy(field: FieldRef, first = true): DataStream<T> {
    return this.reduce(maxByReducer<T>(field, first));
  }
}

export class WindowedStream<T, K, W extends Window> extends WindowConfiguration<T, W> {
  constructor(
    readonly input: KeyedStream<T, K>,
    assigner: WindowAssigner<T, W>,
  ) {
    super(assigner);
  }

  /** Incremental reduce per key and window; `windowFunction` (optional) sees the one reduced value. */
  reduce(fn: ReduceFunction<T>): DataStream<T>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction: ProcessWindowFunctionLike<T, R, K, W>): DataStream<R>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction?: ProcessWindowFunctionLike<T, R, K, W>): DataStream<R> {
    rejectRich(fn, "reduce");
    const reduce = callableOf<(a: T, b: T) => T>(fn as any, "reduce");
    const wf = () => (windowFunction === undefined ? (passThrough<T, K, W>() as unknown as InternalWindowFunction<T, R, K, W>) : processSingle(copyForSubtask(windowFunction)));
    return windowTransform<T, K, W, R>(this.input, this.settings, "reduce", { kind: "reduce", fn: reduce, windowFunction: wf });
  }

  /** Incremental aggregation per key and window (O(1) accumulator); `windowFunction` sees the result. */
  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): DataStream<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFunction: ProcessWindowFunctionLike<V, R, K, W>): DataStream<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFunction?: ProcessWindowFunctionLike<V, R, K, W>): DataStream<R> {
    rejectRich(fn, "aggregate");
    const wf = () =>
      windowFunction === undefined
        ? (aggregateResult<ACC, V, K, W>(fn) as unknown as InternalWindowFunction<ACC, R, K, W>)
        : processAggregate<ACC, V, R, K, W>(fn, copyForSubtask(windowFunction));
    return windowTransform<T, K, W, R>(this.input, this.settings, "aggregate", { kind: "aggregate", fn, windowFunction: wf });
  }

  /** All elements of a window at once (kept in list state until it fires). */
  process<R>(fn: ProcessWindowFunctionLike<T, R, K, W>): DataStream<R> {
    return windowTransform<T, K, W, R>(this.input, this.settings, "process", { kind: "list", windowFunction: () => processIterable(copyForSubtask(fn)) });
  }

  /** Flink's WindowFunction: `apply(key, window, elements, out)`. */
  apply<R>(fn: WindowFunction<T, R, K, W>): DataStream<R> {
    return windowTransform<T, K, W, R>(this.input, this.settings, "apply", { kind: "list", windowFunction: () => applyIterable(copyForSubtask(fn)) });
  }

}
