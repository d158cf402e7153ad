// User function types of the DataStream API: plain functions or objects, optionally rich (open/close).
import type { OutputTag } from "../core/output-tag.js";
import type { RuntimeContext } from "./runtime-context.js";

/** Lifecycle hooks any function object may have (Flink's RichFunction). */
export interface RichFunction {
  open?(context: RuntimeContext): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** Base class for rich functions that want `getRuntimeContext()` like Flink's Rich*Function. */
export abstract class AbstractRichFunction implements RichFunction {
  private runtimeContext: RuntimeContext | undefined;
  /** Called by the engine before `open`. */
  setRuntimeContext(context: RuntimeContext): void {
    this.runtimeContext = context;
  }
  getRuntimeContext(): RuntimeContext {
    if (this.runtimeContext === undefined) throw new Error("the runtime context is only available once the function is opened");
    return this.runtimeContext;
  }
  open(_context: RuntimeContext): void | Promise<void> {}
  close(): void | Promise<void> {}
}

export interface Collector<T> {
  collect(value: T): void;
}

export type MapFunction<IN, OUT> = ((value: IN) => OUT) | ({ map(value: IN): OUT } & RichFunction);
export type FilterFunction<T> = ((value: T) => boolean) | ({ filter(value: T): boolean } & RichFunction);
/** Emit through the collector, or return an iterable of results (or both). */
export type FlatMapFunction<IN, OUT> =
  | ((value: IN, out: Collector<OUT>) => Iterable<OUT> | void)
  | ({ flatMap(value: IN, out: Collector<OUT>): Iterable<OUT> | void } & RichFunction);
export type ReduceFunction<T> = ((a: T, b: T) => T) | ({ reduce(a: T, b: T): T } & RichFunction);
export type KeySelector<T, K> = ((value: T) => K) | { getKey(value: T): K };

export type TimeDomain = "EVENT_TIME" | "PROCESSING_TIME";

export interface TimerService {
  currentProcessingTime(): number;
  currentWatermark(): number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

export interface ProcessContext {
  /** The record's event timestamp, or null when it has none. */
  timestamp(): number | null;
  timerService(): TimerService;
  output<X>(tag: OutputTag<X>, value: X): void;
}

export interface KeyedProcessContext<K> extends ProcessContext {
  getCurrentKey(): K;
}

export interface OnTimerContext<K> extends KeyedProcessContext<K> {
  timeDomain(): TimeDomain;
}

export interface ProcessFunction<IN, OUT> extends RichFunction {
  processElement(value: IN, ctx: ProcessContext, out: Collector<OUT>): void;
}

export interface KeyedProcessFunction<K, IN, OUT> extends RichFunction {
  processElement(value: IN, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void;
}

export interface CoMapFunction<IN1, IN2, OUT> extends RichFunction {
  map1(value: IN1): OUT;
  map2(value: IN2): OUT;
}

export interface CoFlatMapFunction<IN1, IN2, OUT> extends RichFunction {
  flatMap1(value: IN1, out: Collector<OUT>): void;
  flatMap2(value: IN2, out: Collector<OUT>): void;
}

export interface CoProcessFunction<IN1, IN2, OUT> extends RichFunction {
  processElement1(value: IN1, ctx: ProcessContext, out: Collector<OUT>): void;
  processElement2(value: IN2, ctx: ProcessContext, out: Collector<OUT>): void;
}

export interface KeyedCoProcessFunction<K, IN1, IN2, OUT> extends RichFunction {
  processElement1(value: IN1, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  processElement2(value: IN2, ctx: KeyedProcessContext<K>, out: Collector<OUT>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void;
}

/** The callable behind a function-or-object, bound once so the hot loop makes a direct call. */
export function callableOf<F extends (...args: any[]) => any>(fn: F | Record<string, unknown>, method: string): F {
  if (typeof fn === "function") return fn as unknown as F;
  const m = (fn as Record<string, unknown>)[method];
  if (typeof m !== "function") throw new TypeError(`expected a function or an object with a '${method}' method`);
  return (m as F).bind(fn) as F;
}

/** The rich-function hooks of a user function, if it has any. */
export function richOf(fn: unknown): RichFunction & { setRuntimeContext?(ctx: RuntimeContext): void } {
  return typeof fn === "object" && fn !== null ? (fn as RichFunction) : {};
}

/**
 * Each parallel subtask gets its own copy of a function object, as Flink gives each subtask its own
 * deserialized instance: fields set in `open` (state handles, counters) are then per subtask.
 * The copy is shallow: nested objects stay shared.
 */
export function copyForSubtask<F>(fn: F): F {
  if (typeof fn !== "object" || fn === null) return fn;
  return Object.assign(Object.create(Object.getPrototypeOf(fn)), fn) as F;
}
