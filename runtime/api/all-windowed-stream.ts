// AllWindowedStream: windows over a whole non-keyed stream (Flink's AllWindowedStream): one
// operator instance with parallelism 1 and a constant key, as Flink builds it.
import type { AggregateFunction } from "../state/descriptors.js";
import type { WindowAssigner } from "../windows/assigners/window-assigner.js";
import {
  aggregateResult,
  applyAllIterable,
  type InternalWindowFunction,
  passThrough,
  processAggregate,
  processAllIterable,
  processSingle,
} from "../windows/functions/internal-window-function.js";
import type {
  AllWindowFunction,
  ProcessAllWindowFunctionLike,
  ProcessWindowFunction,
} from "../windows/functions/window-functions.js";
import type { Window } from "../windows/window.js";
import type { DataStream, KeyedStream } from "./data-stream.js";
import { callableOf, copyForSubtask, type ReduceFunction } from "./functions.js";
import { rejectRich, WindowConfiguration, windowTransform } from "./windowed-stream.js";

/** Flink's NullByteKeySelector: every record has the same key, so one subtask sees them all. */
const ALL = 0;

export class AllWindowedStream<T, W extends Window> extends WindowConfiguration<T, W> {
  private readonly keyed: KeyedStream<T, number>;

  constructor(input: DataStream<T>, assigner: WindowAssigner<T, W>) {
    super(assigner);
    this.keyed = input.keyBy(() => ALL);
  }

  reduce(fn: ReduceFunction<T>): DataStream<T>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction: ProcessAllWindowFunctionLike<T, R, W>): DataStream<R>;
  reduce<R>(fn: ReduceFunction<T>, windowFunction?: ProcessAllWindowFunctionLike<T, R, W>): DataStream<R> {
    rejectRich(fn, "reduce");
    const reduce = callableOf<(a: T, b: T) => T>(fn as any, "reduce");
    const wf = () =>
      windowFunction === undefined ? (passThrough<T, number, W>() as unknown as InternalWindowFunction<T, R, number, W>) : processSingle(keyless(copyForSubtask(windowFunction)));
    return this.finish(windowTransform<T, number, W, R>(this.keyed, this.settings, "reduce", { kind: "reduce", fn: reduce, windowFunction: wf }));
  }

  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): DataStream<V>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFunction: ProcessAllWindowFunctionLike<V, R, W>): DataStream<R>;
  aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFunction?: ProcessAllWindowFunctionLike<V, R, W>): DataStream<R> {
    rejectRich(fn, "aggregate");
    const wf = () =>
      windowFunction === undefined
        ? (aggregateResult<ACC, V, number, W>(fn) as unknown as InternalWindowFunction<ACC, R, number, W>)
        : processAggregate<ACC, V, R, number, W>(fn, keyless(copyForSubtask(windowFunction)));
    return this.finish(windowTransform<T, number, W, R>(this.keyed, this.settings, "aggregate", { kind: "aggregate", fn, windowFunction: wf }));
  }

  process<R>(fn: ProcessAllWindowFunctionLike<T, R, W>): DataStream<R> {
    const wf = () => processAllIterable(copyForSubtask(fn)) as InternalWindowFunction<readonly T[], R, number, W>;
    return this.finish(windowTransform<T, number, W, R>(this.keyed, this.settings, "process", { kind: "list", windowFunction: wf }));
  }

  apply<R>(fn: AllWindowFunction<T, R, W>): DataStream<R> {
    const wf = () => applyAllIterable(copyForSubtask(fn)) as InternalWindowFunction<readonly T[], R, number, W>;
    return this.finish(windowTransform<T, number, W, R>(this.keyed, this.settings, "apply", { kind: "list", windowFunction: wf }));
  }

  /** why: a window over all records is one operator instance (Flink forces it non-parallel) */
  private finish<R>(stream: DataStream<R>): DataStream<R> {
    return stream.forceNonParallel();
  }
}

/** A ProcessAllWindowFunction seen as a keyed one that ignores its key; open/close pass through. */
function keyless<IN, OUT, W extends Window>(fn: ProcessAllWindowFunctionLike<IN, OUT, W>): ProcessWindowFunction<IN, OUT, number, W> {
  const process = callableOf<(c: any, e: readonly IN[], o: any) => void>(fn as any, "process");
  if (typeof fn === "function") return { process: (_key, context, elements, out) => process(context, elements, out) };
  return {
    process: (_key, context, elements, out) => process(context, elements, out),
    clear: fn.clear === undefined ? undefined : (context) => fn.clear!(context),
    open: (context) => fn.open?.(context),
    close: () => fn.close?.(),
    setRuntimeContext: (context: any) => (fn as { setRuntimeContext?: (c: unknown) => void }).setRuntimeContext?.(context),
  } as ProcessWindowFunction<IN, OUT, number, W>;
}
