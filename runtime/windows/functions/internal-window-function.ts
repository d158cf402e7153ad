// The one shape the window operator calls on fire, and adapters from every user-facing window function to it.
import { callableOf, type Collector } from "../../api/functions.js";
import type { AggregateFunction } from "../../state/descriptors.js";
import type { Window } from "../window.js";
import type {
  AllWindowFunction,
  ProcessAllWindowFunctionLike,
  ProcessWindowContext,
  ProcessWindowFunctionLike,
  WindowFunction,
} from "./window-functions.js";

/**
 * `contents` is what the window state holds when it fires: the single reduced/aggregated value,
 * or the element array. `userFunction` is opened and closed by the operator (rich functions).
 */
export interface InternalWindowFunction<C, OUT, K, W extends Window> {
  readonly userFunction: unknown;
  process(key: K, window: W, context: ProcessWindowContext<W>, contents: C, out: Collector<OUT>): void;
  clear(window: W, context: ProcessWindowContext<W>): void;
}

const noClear = (): void => {};

/** reduce/aggregate without a window function: the pre-aggregated value is the result. */
export function passThrough<V, K, W extends Window>(): InternalWindowFunction<V, V, K, W> {
  return { userFunction: null, process: (_k, _w, _c, value, out) => out.collect(value), clear: noClear };
}

/** aggregate without a window function: the accumulator's result is the output. */
export function aggregateResult<ACC, OUT, K, W extends Window>(fn: AggregateFunction<any, ACC, OUT>): InternalWindowFunction<ACC, OUT, K, W> {
  return { userFunction: null, process: (_k, _w, _c, acc, out) => out.collect(fn.getResult(acc)), clear: noClear };
}

/** A ProcessWindowFunction over the element array. */
export function processIterable<IN, OUT, K, W extends Window>(fn: ProcessWindowFunctionLike<IN, OUT, K, W>): InternalWindowFunction<readonly IN[], OUT, K, W> {
  const process = callableOf<(k: K, c: ProcessWindowContext<W>, e: readonly IN[], o: Collector<OUT>) => void>(fn as any, "process");
  const clear = typeof fn === "object" && typeof fn.clear === "function" ? fn.clear.bind(fn) : noClear;
  return { userFunction: fn, process: (key, _w, context, elements, out) => process(key, context, elements, out), clear: (_w, context) => clear(context) };
}

/** A ProcessWindowFunction after reduce: it sees the one reduced value. */
export function processSingle<V, OUT, K, W extends Window>(fn: ProcessWindowFunctionLike<V, OUT, K, W>): InternalWindowFunction<V, OUT, K, W> {
  const inner = processIterable(fn);
  return { userFunction: fn, process: (key, w, context, value, out) => inner.process(key, w, context, [value], out), clear: inner.clear };
}

/** A ProcessWindowFunction after aggregate: it sees the accumulator's one result. */
export function processAggregate<ACC, R, OUT, K, W extends Window>(
  agg: AggregateFunction<any, ACC, R>,
  fn: ProcessWindowFunctionLike<R, OUT, K, W>,
): InternalWindowFunction<ACC, OUT, K, W> {
  const inner = processIterable(fn);
  return { userFunction: fn, process: (key, w, context, acc, out) => inner.process(key, w, context, [agg.getResult(acc)], out), clear: inner.clear };
}

/** With an evictor the state is the element list: reduce it when the window fires (Flink's ReduceApplyProcessWindowFunction). */
export function reduceOnFire<T, OUT, K, W extends Window>(reduce: (a: T, b: T) => T, inner: InternalWindowFunction<T, OUT, K, W>): InternalWindowFunction<readonly T[], OUT, K, W> {
  return {
    userFunction: inner.userFunction,
    process: (key, w, context, elements, out) => {
      // why: Flink would hand the window function a null for an empty (fully evicted) window; we emit nothing
      if (elements.length === 0) return;
      let acc: T = elements[0]!;
      for (let i = 1; i < elements.length; i++) acc = reduce(acc, elements[i] as T);
      inner.process(key, w, context, acc, out);
    },
    clear: inner.clear,
  };
}

/** With an evictor the state is the element list: aggregate it when the window fires (Flink's AggregateApplyWindowFunction). */
export function aggregateOnFire<T, ACC, OUT, K, W extends Window>(fn: AggregateFunction<T, ACC, any>, inner: InternalWindowFunction<ACC, OUT, K, W>): InternalWindowFunction<readonly T[], OUT, K, W> {
  return {
    userFunction: inner.userFunction,
    process: (key, w, context, elements, out) => {
      let acc = fn.createAccumulator();
      for (const e of elements) acc = fn.add(e, acc);
      inner.process(key, w, context, acc, out);
    },
    clear: inner.clear,
  };
}

/** Flink's WindowFunction (`apply(key, window, input, out)`). */
export function applyIterable<IN, OUT, K, W extends Window>(fn: WindowFunction<IN, OUT, K, W>): InternalWindowFunction<readonly IN[], OUT, K, W> {
  const apply = callableOf<(k: K, w: W, e: readonly IN[], o: Collector<OUT>) => void>(fn as any, "apply");
  return { userFunction: fn, process: (key, w, _c, elements, out) => apply(key, w, elements, out), clear: noClear };
}

/** windowAll's ProcessAllWindowFunction: the constant key is dropped. */
export function processAllIterable<IN, OUT, W extends Window>(fn: ProcessAllWindowFunctionLike<IN, OUT, W>): InternalWindowFunction<readonly IN[], OUT, unknown, W> {
  const process = callableOf<(c: ProcessWindowContext<W>, e: readonly IN[], o: Collector<OUT>) => void>(fn as any, "process");
  const clear = typeof fn === "object" && typeof fn.clear === "function" ? fn.clear.bind(fn) : noClear;
  return { userFunction: fn, process: (_k, _w, context, elements, out) => process(context, elements, out), clear: (_w, context) => clear(context) };
}

/** windowAll's AllWindowFunction (`apply(window, input, out)`). */
export function applyAllIterable<IN, OUT, W extends Window>(fn: AllWindowFunction<IN, OUT, W>): InternalWindowFunction<readonly IN[], OUT, unknown, W> {
  const apply = callableOf<(w: W, e: readonly IN[], o: Collector<OUT>) => void>(fn as any, "apply");
  return { userFunction: fn, process: (_k, w, _c, elements, out) => apply(w, elements, out), clear: noClear };
}
