// State descriptors: name, kind and behaviour of a piece of keyed or operator state.
import type { StateTtlConfig } from "./ttl.js";

export type ReduceFunctionLike<T> = (a: T, b: T) => T;

/** Incremental aggregation, as Flink's AggregateFunction: O(1) accumulator per key (and window). */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  merge(a: ACC, b: ACC): ACC;
}

/**
 * How a state value becomes plain data for a checkpoint and back (Flink's TypeSerializer, reduced
 * to what structured cloning cannot do). Without one, values are snapshotted as they are: plain
 * objects, arrays, Maps, Sets, typed arrays, numbers, strings.
 */
export interface StateSerializer<V> {
  toSnapshot(value: V): unknown;
  fromSnapshot(data: unknown): V;
}

abstract class StateDescriptorBase {
  ttl: StateTtlConfig | null = null;
  serializer: StateSerializer<any> | null = null;
  copy: ((value: any) => any) | null = null;
  constructor(readonly name: string) {
    if (name.length === 0) throw new Error("a state descriptor needs a non-empty name");
  }
  enableTimeToLive(config: StateTtlConfig): this {
    this.ttl = config;
    return this;
  }
  /** For values that are class instances (a CEP matcher, a model): how to snapshot them. */
  withSerializer(serializer: StateSerializer<any>): this {
    this.serializer = serializer;
    return this;
  }
  /**
   * How to copy a value that is an object, so that changing either copy in place leaves the other
   * as it was (Flink's TypeSerializer.copy). While a checkpoint is written in the background, the
   * first read of such a value gets a copy and the checkpoint keeps the original (copy-on-write).
   * Default: list state copies its array, map state its Map (elements are never changed by the
   * state itself); other kinds `fromSnapshot(deepCopy(toSnapshot(v)))` with a serializer, else
   * `deepCopy(v)`, a structural copy that keeps prototypes (see deep-copy.ts; it cannot copy
   * private `#fields`). Give a cheaper or more exact copy when you know which parts change in place.
   */
  withCopy(copy: (value: any) => any): this {
    this.copy = copy;
    return this;
  }
}

export class ValueStateDescriptor<T> extends StateDescriptorBase {
  readonly kind = "value" as const;
  constructor(name: string, readonly defaultValue?: T) {
    super(name);
  }
}

export class ListStateDescriptor<T> extends StateDescriptorBase {
  readonly kind = "list" as const;
  declare readonly __element?: T;
}

export class MapStateDescriptor<K, V> extends StateDescriptorBase {
  readonly kind = "map" as const;
  declare readonly __entry?: [K, V];
}

export class ReducingStateDescriptor<T> extends StateDescriptorBase {
  readonly kind = "reducing" as const;
  constructor(name: string, readonly reduceFunction: ReduceFunctionLike<T> | { reduce: ReduceFunctionLike<T> }) {
    super(name);
  }
}

export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptorBase {
  readonly kind = "aggregating" as const;
  constructor(name: string, readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>) {
    super(name);
  }
}

export type StateDescriptor =
  | ValueStateDescriptor<any>
  | ListStateDescriptor<any>
  | MapStateDescriptor<any, any>
  | ReducingStateDescriptor<any>
  | AggregatingStateDescriptor<any, any, any>;
