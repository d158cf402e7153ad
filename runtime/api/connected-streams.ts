// ConnectedStreams: two streams of possibly different types processed by one two-input operator,
// sharing state (Flink's connect).
import { CoProcessOperator, type CoProcessLike } from "../operators/co-process.js";
import { operatorTransformation } from "../graph/transformation.js";
import type { StreamOperator } from "../operators/operator.js";
import { DataStream, type KeyedStream } from "./data-stream.js";
import type { StreamExecutionEnvironment } from "./environment.js";
import {
  callableOf,
  type Collector,
  type CoFlatMapFunction,
  type CoMapFunction,
  type CoProcessFunction,
  type KeyedCoProcessFunction,
  type KeySelector,
} from "./functions.js";

export class ConnectedStreams<A, B> {
  constructor(
    private readonly environment: StreamExecutionEnvironment,
    readonly first: DataStream<A>,
    readonly second: DataStream<B>,
  ) {}

  /** Keys both inputs, so that records with equal keys meet in the same subtask and share state. */
  keyBy<K>(first: KeySelector<A, K>, second: KeySelector<B, K>): ConnectedStreams<A, B> {
    return new ConnectedStreams<A, B>(this.environment, this.first.keyBy(first), this.second.keyBy(second));
  }

  map<R>(fn: CoMapFunction<A, B, R>, name = "Co-Map"): DataStream<R> {
    return this.process<R>(
      {
        open: fn.open?.bind(fn),
        close: fn.close?.bind(fn),
        processElement1: (v: A, _ctx: unknown, out: Collector<R>) => out.collect(fn.map1(v)),
        processElement2: (v: B, _ctx: unknown, out: Collector<R>) => out.collect(fn.map2(v)),
      },
      name,
    );
  }

  flatMap<R>(fn: CoFlatMapFunction<A, B, R>, name = "Co-Flat Map"): DataStream<R> {
    return this.process<R>(
      {
        open: fn.open?.bind(fn),
        close: fn.close?.bind(fn),
        processElement1: (v: A, _ctx: unknown, out: Collector<R>) => fn.flatMap1(v, out),
        processElement2: (v: B, _ctx: unknown, out: Collector<R>) => fn.flatMap2(v, out),
      },
      name,
    );
  }

  /** Applies a custom two-input operator (the extension point libraries use; input 0 is `first`, input 1 `second`). */
  transform<R>(name: string, createOperator: () => StreamOperator<R>): DataStream<R> {
    if (isKeyed(this.first) !== isKeyed(this.second)) throw new Error("connect(): key both streams or neither (use connected.keyBy(k1, k2))");
    const keyed = isKeyed(this.first);
    const t = operatorTransformation(this.environment.newId(), {
      name,
      inputs: [this.first.transformation, this.second.transformation],
      createOperator: createOperator as () => StreamOperator<any>,
      keySelectors: keyed ? [keyOf(this.first), keyOf(this.second)] : [null, null],
    });
    return new DataStream<R>(this.environment, t);
  }

  process<R>(fn: CoProcessFunction<A, B, R> | KeyedCoProcessFunction<any, A, B, R>, name = "Co-Process"): DataStream<R> {
    const keyed = isKeyed(this.first) && isKeyed(this.second);
    if (isKeyed(this.first) !== isKeyed(this.second)) {
      throw new Error("connect(): key both streams or neither (use connected.keyBy(k1, k2))");
    }
    const keySelectors = keyed ? [keyOf(this.first), keyOf(this.second)] : [null, null];
    const t = operatorTransformation(this.environment.newId(), {
      name,
      inputs: [this.first.transformation, this.second.transformation],
      createOperator: () => new CoProcessOperator(name, fn as CoProcessLike<A, B, R>, keyed),
      keySelectors,
    });
    return new DataStream<R>(this.environment, t);
  }
}

function isKeyed<X>(stream: DataStream<X>): stream is KeyedStream<X, unknown> {
  return typeof (stream as unknown as { getKeySelector?: unknown }).getKeySelector === "function";
}

function keyOf<X>(stream: DataStream<X>): (value: any) => unknown {
  return callableOf((stream as KeyedStream<X, unknown>).getKeySelector(), "getKey");
}
