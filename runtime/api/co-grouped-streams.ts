// Windowed coGroup (Flink's CoGroupedStreams): a.coGroup(b).where(k1).equalTo(k2).window(assigner)
// [.trigger()][.evictor()][.allowedLateness()].apply(fn) — both sides tagged, unioned, keyed, windowed.
import type { Window } from "../windows/window.js";
import type { WindowAssigner } from "../windows/assigners/window-assigner.js";
import type { Evictor } from "../windows/evictors/evictor.js";
import type { Trigger } from "../windows/triggers/trigger.js";
import { MapOperator } from "../operators/map.js";
import type { RuntimeContext } from "./runtime-context.js";
import type { DataStream } from "./data-stream.js";
import { callableOf, type Collector, type KeySelector, type RichFunction } from "./functions.js";
import type { WindowedStream } from "./windowed-stream.js";

/**
 * An element of either input on its way through the shared window (Flink's TaggedUnion); triggers,
 * evictors and dynamic session gaps of a coGroup or join see these. Plain data, not a class: window
 * state holds them, and checkpoints keep plain data only. The key is computed once when tagging, so
 * partitioning and the window operator read it instead of calling the key selector again.
 */
export type TaggedUnion<T1, T2> =
  | { readonly side: 1; readonly value: T1; readonly key: unknown }
  | { readonly side: 2; readonly value: T2; readonly key: unknown };

/** Called once per key and window firing with both sides' elements; either side may be empty. */
export type CoGroupFunction<IN1, IN2, OUT> =
  | ((first: readonly IN1[], second: readonly IN2[], out: Collector<OUT>) => void)
  | ({ coGroup(first: readonly IN1[], second: readonly IN2[], out: Collector<OUT>): void } & RichFunction);

export class CoGroupedStreams<T1, T2> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
  ) {
    if (input1.getExecutionEnvironment() !== input2.getExecutionEnvironment()) {
      throw new Error("coGroup(): both streams must belong to the same StreamExecutionEnvironment");
    }
  }

  /** The key of the first input's elements. */
  where<K>(keySelector: KeySelector<T1, K>): CoGroupWhere<T1, T2, K> {
    return new CoGroupWhere<T1, T2, K>(this.input1, this.input2, callableOf<(v: T1) => K>(keySelector as any, "getKey"));
  }
}

export class CoGroupWhere<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
  ) {}

  /** The key of the second input's elements; groups hold elements whose keys are equal. */
  equalTo(keySelector: KeySelector<T2, K>): CoGroupEqualTo<T1, T2, K> {
    return new CoGroupEqualTo<T1, T2, K>(this.input1, this.input2, this.key1, callableOf<(v: T2) => K>(keySelector as any, "getKey"));
  }
}

export class CoGroupEqualTo<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
    private readonly key2: (value: T2) => K,
  ) {}

  /** The windows the groups are formed in. */
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<T1, T2>, W>): CoGroupWithWindow<T1, T2, K, W> {
    return new CoGroupWithWindow<T1, T2, K, W>({ input1: this.input1, input2: this.input2, key1: this.key1, key2: this.key2, assigner, trigger: null, evictor: null, allowedLateness: null });
  }
}

/** Everything a windowed coGroup (or join) is built from. */
export interface CoGroupSpec<T1, T2, K, W extends Window> {
  readonly input1: DataStream<T1>;
  readonly input2: DataStream<T2>;
  readonly key1: (value: T1) => K;
  readonly key2: (value: T2) => K;
  readonly assigner: WindowAssigner<TaggedUnion<T1, T2>, W>;
  readonly trigger: Trigger<TaggedUnion<T1, T2>, W> | null;
  readonly evictor: Evictor<TaggedUnion<T1, T2>, W> | null;
  readonly allowedLateness: number | null;
}

/** A coGroup with keys and windows; each setter returns a new value, as Flink's WithWindow does. */
export class CoGroupWithWindow<T1, T2, K, W extends Window> {
  constructor(private readonly spec: CoGroupSpec<T1, T2, K, W>) {}

  /** Replaces the assigner's default trigger (it sees tagged elements of both inputs). */
  trigger(trigger: Trigger<TaggedUnion<T1, T2>, W>): CoGroupWithWindow<T1, T2, K, W> {
    return new CoGroupWithWindow({ ...this.spec, trigger });
  }

  /** Removes elements of either input from a window before/after the function runs. */
  evictor(evictor: Evictor<TaggedUnion<T1, T2>, W>): CoGroupWithWindow<T1, T2, K, W> {
    return new CoGroupWithWindow({ ...this.spec, evictor });
  }

  /** Elements up to `lateness` ms behind the watermark still join their window, which fires again. */
  allowedLateness(lateness: number): CoGroupWithWindow<T1, T2, K, W> {
    return new CoGroupWithWindow({ ...this.spec, allowedLateness: lateness });
  }

  /** Calls `fn` per key and window with the elements of both inputs; results carry the window's max timestamp. */
  apply<OUT>(fn: CoGroupFunction<T1, T2, OUT>): DataStream<OUT> {
    return windowedUnion(this.spec).apply<OUT>(new CoGroupWindowFunction<T1, T2, OUT, K, W>(fn));
  }
}

/**
 * Flink's construction: tag each input (chained to it, same parallelism), union the two, key by
 * the key both taggers computed, window, and apply the settings.
 */
export function windowedUnion<T1, T2, K, W extends Window>(spec: CoGroupSpec<T1, T2, K, W>): WindowedStream<TaggedUnion<T1, T2>, K, W> {
  const { key1, key2 } = spec;
  const tagged1 = tag<T1, TaggedUnion<T1, T2>>(spec.input1, "CoGroup Tag 1", (v): TaggedUnion<T1, T2> => ({ side: 1, value: v, key: key1(v) }));
  const tagged2 = tag<T2, TaggedUnion<T1, T2>>(spec.input2, "CoGroup Tag 2", (v): TaggedUnion<T1, T2> => ({ side: 2, value: v, key: key2(v) }));
  let windowed = tagged1
    .union(tagged2)
    .keyBy((u) => u.key as K)
    .window<W>(spec.assigner);
  if (spec.trigger !== null) windowed = windowed.trigger(spec.trigger);
  if (spec.evictor !== null) windowed = windowed.evictor(spec.evictor);
  if (spec.allowedLateness !== null) windowed = windowed.allowedLateness(spec.allowedLateness);
  return windowed;
}

function tag<T, U>(input: DataStream<T>, name: string, fn: (value: T) => U): DataStream<U> {
  // why: transform (not map) so that a keyed input does not make the tagger a keyed operator
  const tagged = input.transform<U>(name, () => new MapOperator<T, U>(name, fn));
  const t = input.getTransformation();
  // why: as Flink, the tagger runs with its input's parallelism so it chains to it
  if ((t.kind === "source" || t.kind === "operator") && t.parallelism !== null) tagged.setParallelism(t.parallelism);
  return tagged;
}

/**
 * A function that wraps a user function (Flink's WrappingFunction): the engine opens and closes the
 * wrapper, and the wrapped rich function must see the runtime context, open and close.
 */
export abstract class WrappingFunction {
  constructor(protected readonly wrapped: unknown) {}

  setRuntimeContext(context: RuntimeContext): void {
    const rich = this.wrapped as { setRuntimeContext?: (c: RuntimeContext) => void } | null;
    if (typeof rich?.setRuntimeContext === "function") rich.setRuntimeContext(context);
  }
  open(context: RuntimeContext): void | Promise<void> {
    const rich = this.wrapped as RichFunction | null;
    if (typeof rich?.open === "function") return rich.open(context);
  }
  close(): void | Promise<void> {
    const rich = this.wrapped as RichFunction | null;
    if (typeof rich?.close === "function") return rich.close();
  }
}

/** Splits a window's tagged elements by side and hands both lists to the coGroup function (Flink's CoGroupWindowFunction). */
export class CoGroupWindowFunction<T1, T2, OUT, K, W extends Window> extends WrappingFunction {
  private readonly coGroup: (first: readonly T1[], second: readonly T2[], out: Collector<OUT>) => void;

  constructor(fn: CoGroupFunction<T1, T2, OUT>) {
    super(fn);
    this.coGroup = callableOf<(first: readonly T1[], second: readonly T2[], out: Collector<OUT>) => void>(fn as any, "coGroup");
  }

  apply(_key: K, _window: W, input: readonly TaggedUnion<T1, T2>[], out: Collector<OUT>): void {
    const first: T1[] = [];
    const second: T2[] = [];
    for (let i = 0; i < input.length; i++) {
      const u = input[i]!;
      if (u.side === 1) first.push(u.value);
      else second.push(u.value);
    }
    this.coGroup(first, second, out);
  }
}
