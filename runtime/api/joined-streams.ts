// Windowed inner join (Flink's JoinedStreams): a.join(b).where(k1).equalTo(k2).window(assigner)
// [.trigger()][.evictor()][.allowedLateness()].apply(fn) — a coGroup emitting each group's cross product.
import type { Window } from "../windows/window.js";
import type { WindowAssigner } from "../windows/assigners/window-assigner.js";
import type { Evictor } from "../windows/evictors/evictor.js";
import type { Trigger } from "../windows/triggers/trigger.js";
import { type CoGroupSpec, CoGroupWindowFunction, type TaggedUnion, windowedUnion, WrappingFunction } from "./co-grouped-streams.js";
import type { DataStream } from "./data-stream.js";
import { callableOf, type Collector, type KeySelector, type RichFunction } from "./functions.js";

/**
 * Called per joined pair. A JoinFunction returns the joined value; a FlatJoinFunction emits any
 * number of values through `out` and returns nothing (Flink's JoinFunction / FlatJoinFunction: the
 * same `join` method name, told apart here by whether it returns a value).
 */
export type JoinFunction<IN1, IN2, OUT> = ((first: IN1, second: IN2) => OUT) | ({ join(first: IN1, second: IN2): OUT } & RichFunction);
export type FlatJoinFunction<IN1, IN2, OUT> =
  | ((first: IN1, second: IN2, out: Collector<OUT>) => void)
  | ({ join(first: IN1, second: IN2, out: Collector<OUT>): void } & RichFunction);

export class JoinedStreams<T1, T2> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
  ) {
    if (input1.getExecutionEnvironment() !== input2.getExecutionEnvironment()) {
      throw new Error("join(): both streams must belong to the same StreamExecutionEnvironment");
    }
  }

  /** The key of the first input's elements. */
  where<K>(keySelector: KeySelector<T1, K>): JoinWhere<T1, T2, K> {
    return new JoinWhere<T1, T2, K>(this.input1, this.input2, callableOf<(v: T1) => K>(keySelector as any, "getKey"));
  }
}

export class JoinWhere<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
  ) {}

  /** The key of the second input's elements; pairs join when their keys are equal. */
  equalTo(keySelector: KeySelector<T2, K>): JoinEqualTo<T1, T2, K> {
    return new JoinEqualTo<T1, T2, K>(this.input1, this.input2, this.key1, callableOf<(v: T2) => K>(keySelector as any, "getKey"));
  }
}

export class JoinEqualTo<T1, T2, K> {
  constructor(
    private readonly input1: DataStream<T1>,
    private readonly input2: DataStream<T2>,
    private readonly key1: (value: T1) => K,
    private readonly key2: (value: T2) => K,
  ) {}

  /** The windows pairs must share: both elements fall into the same window. */
  window<W extends Window>(assigner: WindowAssigner<TaggedUnion<T1, T2>, W>): JoinWithWindow<T1, T2, K, W> {
    return new JoinWithWindow<T1, T2, K, W>({ input1: this.input1, input2: this.input2, key1: this.key1, key2: this.key2, assigner, trigger: null, evictor: null, allowedLateness: null });
  }
}

/** A join with keys and windows; each setter returns a new value, as Flink's WithWindow does. */
export class JoinWithWindow<T1, T2, K, W extends Window> {
  constructor(private readonly spec: CoGroupSpec<T1, T2, K, W>) {}

  trigger(trigger: Trigger<TaggedUnion<T1, T2>, W>): JoinWithWindow<T1, T2, K, W> {
    return new JoinWithWindow({ ...this.spec, trigger });
  }

  evictor(evictor: Evictor<TaggedUnion<T1, T2>, W>): JoinWithWindow<T1, T2, K, W> {
    return new JoinWithWindow({ ...this.spec, evictor });
  }

  allowedLateness(lateness: number): JoinWithWindow<T1, T2, K, W> {
    return new JoinWithWindow({ ...this.spec, allowedLateness: lateness });
  }

  /** Calls `fn` for every pair of a window's two sides; results carry the window's max timestamp. */
  apply<OUT>(fn: JoinFunction<T1, T2, OUT>): DataStream<OUT>;
  apply<OUT>(fn: FlatJoinFunction<T1, T2, OUT>): DataStream<OUT>;
  apply<OUT>(fn: JoinFunction<T1, T2, OUT> | FlatJoinFunction<T1, T2, OUT>): DataStream<OUT> {
    return windowedUnion(this.spec).apply<OUT>(new CoGroupWindowFunction<T1, T2, OUT, K, W>(new JoinCoGroupFunction<T1, T2, OUT>(fn)));
  }
}

/** The cross product of a group's two sides through the join function (Flink's JoinCoGroupFunction / FlatJoinCoGroupFunction). */
class JoinCoGroupFunction<T1, T2, OUT> extends WrappingFunction {
  private readonly join: (first: T1, second: T2, out: Collector<OUT>) => OUT | void;

  constructor(fn: JoinFunction<T1, T2, OUT> | FlatJoinFunction<T1, T2, OUT>) {
    super(fn);
    this.join = callableOf<(first: T1, second: T2, out: Collector<OUT>) => OUT | void>(fn as any, "join");
  }

  coGroup(first: readonly T1[], second: readonly T2[], out: Collector<OUT>): void {
    const join = this.join;
    for (let i = 0; i < first.length; i++) {
      for (let j = 0; j < second.length; j++) {
        const result = join(first[i]!, second[j]!, out);
        if (result !== undefined) out.collect(result as OUT);
      }
    }
  }
}
