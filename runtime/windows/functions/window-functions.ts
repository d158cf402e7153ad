// The user functions of windowed streams: ProcessWindowFunction, WindowFunction and their all-window forms.
import type { Collector, RichFunction } from "../../api/functions.js";
import type { OutputTag } from "../../core/output-tag.js";
import type {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../../state/descriptors.js";
import type { AggregatingState, ListState, MapState, ReducingState, ValueState } from "../../state/state.js";
import type { Window } from "../window.js";

/** Keyed state reachable from a window function: per window (`windowState`) or per key (`globalState`). */
export interface KeyedStateStore {
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  getMapState<K, V>(descriptor: MapStateDescriptor<K, V>): MapState<K, V>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

/** What a ProcessWindowFunction sees besides the elements (Flink's ProcessWindowFunction.Context). */
export interface ProcessWindowContext<W extends Window> {
  window(): W;
  currentProcessingTime(): number;
  currentWatermark(): number;
  /** State of this key and window; clear it in `clear(context)` or it outlives the window. */
  windowState(): KeyedStateStore;
  /** State of this key across all its windows. */
  globalState(): KeyedStateStore;
  /** Emits to a side output; the record carries the window's max timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Called with all elements of a window (or the one pre-aggregated value after reduce/aggregate). */
export interface ProcessWindowFunction<IN, OUT, K, W extends Window> extends RichFunction {
  process(key: K, context: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
  /** The window is being purged at its cleanup time: clear per-window state here. */
  clear?(context: ProcessWindowContext<W>): void;
}

/** A ProcessWindowFunction, or its `process` as a plain function. */
export type ProcessWindowFunctionLike<IN, OUT, K, W extends Window> =
  | ProcessWindowFunction<IN, OUT, K, W>
  | ((key: K, context: ProcessWindowContext<W>, elements: readonly IN[], out: Collector<OUT>) => void);

/** Flink's older WindowFunction (`apply`). */
export type WindowFunction<IN, OUT, K, W extends Window> =
  | ((key: K, window: W, input: readonly IN[], out: Collector<OUT>) => void)
  | ({ apply(key: K, window: W, input: readonly IN[], out: Collector<OUT>): void } & RichFunction);

/** The non-keyed forms, for windowAll. */
export type ProcessAllWindowContext<W extends Window> = ProcessWindowContext<W>;

export interface ProcessAllWindowFunction<IN, OUT, W extends Window> extends RichFunction {
  process(context: ProcessAllWindowContext<W>, elements: readonly IN[], out: Collector<OUT>): void;
  clear?(context: ProcessAllWindowContext<W>): void;
}

export type ProcessAllWindowFunctionLike<IN, OUT, W extends Window> =
  | ProcessAllWindowFunction<IN, OUT, W>
  | ((context: ProcessAllWindowContext<W>, elements: readonly IN[], out: Collector<OUT>) => void);

export type AllWindowFunction<IN, OUT, W extends Window> =
  | ((window: W, input: readonly IN[], out: Collector<OUT>) => void)
  | ({ apply(window: W, input: readonly IN[], out: Collector<OUT>): void } & RichFunction);
