// Keyed functions behind `dedupe`, `top` and `process`, shared by the fused and the interpreted paths.
import {
  ValueStateDescriptor, type Collector, type KeyedProcessFunction, type ProcessWindowFunction, type RuntimeContext, type ValueState, type Window,
} from "../index.js";
import { compareValues } from "./order-value.js";

/**
 * `dedupe key within d`: a record passes unless a record with the same key passed less than `d` earlier (in event
 * time; without timestamps, in processing time). An event-time timer clears the key's state once `d` has passed.
 */
export function dedupeFunction<T>(withinMs: number): KeyedProcessFunction<unknown, T, T> {
  const fn: KeyedProcessFunction<unknown, T, T> & { lastPassed: ValueState<number> } = {
    // why: a field, not a closure variable — each subtask opens its own shallow copy of this object (copyForSubtask),
    // and a handle shared by the copies would read and write the last-opened subtask's state under another's keys
    lastPassed: undefined as unknown as ValueState<number>,
    open(ctx: RuntimeContext) {
      this.lastPassed = ctx.getState(new ValueStateDescriptor<number>("dedupe-last-passed"));
    },
    processElement(value, ctx, out) {
      const ts = ctx.timestamp() ?? ctx.timerService().currentProcessingTime();
      const last = this.lastPassed.value();
      if (last !== undefined && ts < last + withinMs) return;
      this.lastPassed.update(ts);
      out.collect(value);
      if (ctx.timestamp() !== null) ctx.timerService().registerEventTimeTimer(ts + withinMs);
    },
    onTimer(timestamp) {
      const last = this.lastPassed.value();
      if (last !== undefined && timestamp >= last + withinMs) this.lastPassed.clear();
    },
  };
  return fn;
}

/** `top n by e [desc]`: the n best records of each key and window, best first (ties keep arrival order). */
export function topFunction<T>(n: number, by: (r: T) => number | string | null, descending: boolean, tieBreak?: (a: T, b: T) => number): ProcessWindowFunction<T, T, unknown, Window> {
  return {
    process(_key, _ctx, elements, out) {
      const ranked = elements.map((r, i) => ({ r, i, v: by(r) }));
      // NULL ranks first ascending, last descending (compareValues); two NULLs tie
      ranked.sort((a, b) => {
        const c = compareValues(a.v, b.v);
        return c === 0 ? tieBreak?.(a.r, b.r) || a.i - b.i : descending ? -c : c;
      });
      for (let i = 0; i < Math.min(n, ranked.length); i++) out.collect(ranked[i]!.r);
    },
  };
}

/** `process f`: calls the TypeScript function per record; it returns a record, an array of records, or null. */
export function processFunction<T, R>(fn: (value: T, ctx: unknown) => R | readonly R[] | null | undefined): KeyedProcessFunction<unknown, T, R> {
  return {
    processElement(value, ctx, out: Collector<R>) {
      const result = fn(value, ctx);
      if (result === null || result === undefined) return;
      if (Array.isArray(result)) for (const r of result) out.collect(r);
      else out.collect(result as R);
    },
  };
}
