// DataStream and KeyedStream: streams of records of type T and the transformations that make new
// streams from them. (One module: each class needs the other, and KeyedStream extends DataStream.)
import type { Key } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import { CollectSink } from "../connectors/collect-sink.js";
import { PrintSink } from "../connectors/print-sink.js";
import { functionSink, type Sink, type SinkWriteContext } from "../connectors/sink.js";
import type { PartitionerKind } from "../graph/partitioner.js";
import { type BatchCodecFactory, type ChainingStrategy, operatorTransformation, type Transformation } from "../graph/transformation.js";
import { FilterOperator } from "../operators/filter.js";
import { FlatMapOperator } from "../operators/flat-map.js";
import { MapOperator } from "../operators/map.js";
import type { StreamOperator } from "../operators/operator.js";
import { ProcessOperator } from "../operators/process.js";
import { SinkOperator } from "../operators/sink.js";
import { TimestampsAndWatermarksOperator } from "../operators/timestamps-and-watermarks.js";
import type { WatermarkStrategy } from "../time/watermark-strategy.js";
import { ConnectedStreams } from "./connected-streams.js";
import type { StreamExecutionEnvironment } from "./environment.js";
import {
  callableOf,
  type FilterFunction,
  type FlatMapFunction,
  type KeyedProcessFunction,
  type KeySelector,
  type MapFunction,
  type ProcessFunction,
  type ReduceFunction,
} from "./functions.js";
import type { FieldRef } from "../operators/field-aggregations.js";
import { maxByReducer, maxReducer, minByReducer, minReducer, sumReducer } from "../operators/field-aggregations.js";
import { KeyedProcessOperator } from "../operators/keyed-process.js";
import { KeyedReduceOperator } from "../operators/keyed-reduce.js";
import type { WindowAssigner } from "../windows/assigners/window-assigner.js";
import { GlobalWindows } from "../windows/assigners/global-windows.js";
import { CountEvictor } from "../windows/evictors/count-evictor.js";
import type { GlobalWindow } from "../windows/global-window.js";
import { CountTrigger } from "../windows/triggers/count-trigger.js";
import { PurgingTrigger } from "../windows/triggers/purging-trigger.js";
import type { Window } from "../windows/window.js";
import { AllWindowedStream } from "./all-windowed-stream.js";
import { WindowedStream } from "./windowed-stream.js";
import { IntervalJoin } from "./interval-join.js";
import { CoGroupedStreams } from "./co-grouped-streams.js";
import { JoinedStreams } from "./joined-streams.js";

export class DataStream<T> {
  /** Phantom field: keeps DataStream<A> and DataStream<B> apart for the type checker. */
  declare readonly __type?: T;

  constructor(
    readonly environment: StreamExecutionEnvironment,
    readonly transformation: Transformation,
  ) {}

  getExecutionEnvironment(): StreamExecutionEnvironment {
    return this.environment;
  }

  getTransformation(): Transformation {
    return this.transformation;
  }

  // ---- stateless transformations ----------------------------------------------------------------

  map<R>(fn: MapFunction<T, R>, name = "Map"): DataStream<R> {
    return this.transform<R>(name, () => new MapOperator(name, fn));
  }

  filter(fn: FilterFunction<T>, name = "Filter"): DataStream<T> {
    return this.transform<T>(name, () => new FilterOperator(name, fn));
  }

  flatMap<R>(fn: FlatMapFunction<T, R>, name = "Flat Map"): DataStream<R> {
    return this.transform<R>(name, () => new FlatMapOperator(name, fn));
  }

  process<R>(fn: ProcessFunction<T, R>, name = "Process"): DataStream<R> {
    return this.transform<R>(name, () => new ProcessOperator(name, fn));
  }

  /** Applies a custom operator (the extension point the windowing, join and CEP libraries use). */
  transform<R>(name: string, createOperator: () => StreamOperator<R>, keySelector: ((value: T) => Key) | null = null): DataStream<R> {
    const t = operatorTransformation(this.environment.newId(), {
      name,
      inputs: [this.transformation],
      createOperator: createOperator as () => StreamOperator<any>,
      keySelectors: [keySelector],
    });
    return new DataStream<R>(this.environment, t);
  }

  // ---- time -------------------------------------------------------------------------------------

  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>, name = "Timestamps/Watermarks"): DataStream<T> {
    return this.transform<T>(name, () => new TimestampsAndWatermarksOperator(name, strategy));
  }

  // ---- partitioning -----------------------------------------------------------------------------

  keyBy<K>(selector: KeySelector<T, K>): KeyedStream<T, K> {
    const keyOf = callableOf<(value: T) => K>(selector as any, "getKey");
    return new KeyedStream<T, K>(this.environment, {
      kind: "partition",
      id: this.environment.newId(),
      name: "KeyBy",
      uid: null,
      parallelism: null,
      maxParallelism: null,
      chaining: "ALWAYS",
      input: this.transformation,
      partitioner: { kind: "hash", keySelector: keyOf },
    }, keyOf);
  }

  rebalance(): DataStream<T> {
    return this.partition("rebalance");
  }
  rescale(): DataStream<T> {
    return this.partition("rescale");
  }
  broadcast(): DataStream<T> {
    return this.partition("broadcast");
  }
  forward(): DataStream<T> {
    return this.partition("forward");
  }
  shuffle(): DataStream<T> {
    return this.partition("shuffle");
  }
  /** Every record to the first subtask of the consumer. */
  global(): DataStream<T> {
    return this.partition("global");
  }

  private partition(kind: PartitionerKind): DataStream<T> {
    return new DataStream<T>(this.environment, {
      kind: "partition",
      id: this.environment.newId(),
      name: kind,
      uid: null,
      parallelism: null,
      maxParallelism: null,
      chaining: "ALWAYS",
      input: this.transformation,
      partitioner: { kind },
    });
  }

  // ---- combining streams --------------------------------------------------------------------------

  union(...others: DataStream<T>[]): DataStream<T> {
    return new DataStream<T>(this.environment, {
      kind: "union",
      id: this.environment.newId(),
      name: "Union",
      uid: null,
      parallelism: null,
      maxParallelism: null,
      chaining: "ALWAYS",
      inputs: [this.transformation, ...others.map((o) => o.transformation)],
    });
  }

  connect<R>(other: DataStream<R>): ConnectedStreams<T, R> {
    return new ConnectedStreams<T, R>(this.environment, this, other);
  }

  /** A windowed inner join with `other`: `.where(k1).equalTo(k2).window(assigner).apply(fn)` (Flink's join). */
  join<T2>(other: DataStream<T2>): JoinedStreams<T, T2> {
    return new JoinedStreams<T, T2>(this, other);
  }

  /** A windowed coGroup with `other`: per key and window, both sides' elements (Flink's coGroup). */
  coGroup<T2>(other: DataStream<T2>): CoGroupedStreams<T, T2> {
    return new CoGroupedStreams<T, T2>(this, other);
  }

  // ---- windows over the whole stream (one subtask) ------------------------------------------------

  /** Windows over all records (Flink's windowAll): a single window operator with parallelism 1. */
  windowAll<W extends Window>(assigner: WindowAssigner<T, W>): AllWindowedStream<T, W> {
    return new AllWindowedStream<T, W>(this, assigner);
  }

  /** Every `size` records (or the last `size` every `slide` records) of the whole stream. */
  countWindowAll(size: number, slide?: number): AllWindowedStream<T, GlobalWindow> {
    const windowed = this.windowAll<GlobalWindow>(GlobalWindows.create());
    if (slide === undefined) return windowed.trigger(PurgingTrigger.of(CountTrigger.of(size)));
    return windowed.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
  }

  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    return new DataStream<X>(this.environment, {
      kind: "side-output",
      id: this.environment.newId(),
      name: `SideOutput(${tag.id})`,
      uid: null,
      parallelism: null,
      maxParallelism: null,
      chaining: "ALWAYS",
      input: this.transformation,
      tag,
    });
  }

  // ---- operator settings (Flink's SingleOutputStreamOperator) -------------------------------------

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    const t = this.physical("setParallelism");
    if (t.nonParallel === true && parallelism !== 1) {
      throw new RangeError(`'${t.name}' is a non-parallel operator (it sees the whole stream, like windowAll): its parallelism must be 1, got ${parallelism}`);
    }
    t.parallelism = parallelism;
    return this;
  }
  /**
   * Runs this operator as exactly one instance whatever the environment's parallelism (Flink's forceNonParallel):
   * for operators that must see the whole stream, such as a window over all records.
   */
  forceNonParallel(): this {
    const t = this.physical("forceNonParallel");
    t.parallelism = 1;
    t.nonParallel = true;
    return this;
  }
  setMaxParallelism(maxParallelism: number): this {
    this.physical("setMaxParallelism").maxParallelism = maxParallelism;
    return this;
  }
  name(name: string): this {
    this.transformation.name = name;
    return this;
  }
  /** A stable id for the operator: state in savepoints is matched by uid. */
  uid(uid: string): this {
    this.physical("uid").uid = uid;
    return this;
  }
  /**
   * The codec this stream's records are encoded with wherever they cross workers (Flink's `returns(TypeInformation)`:
   * a serializer for a known type instead of the generic one). `factory` is called once per channel end, in the
   * thread of that end (every worker builds the job graph from the job's module, so it need not cross threads). A
   * codec made for a schema (the compiler generates one per exchanged `.flow` record type: runtime/network/
   * schema-batch-codec.ts) falls back to the generic encoding for any batch that does not fit it. Applies to the
   * channels of this stream: set on an operator, its main output; on a keyBy, union or side output, that stream.
   */
  withBatchCodec(factory: BatchCodecFactory): this {
    this.transformation.batchCodec = factory;
    return this;
  }
  /** Neither chain this operator to its input nor its consumers to it. */
  disableChaining(): this {
    this.setChaining("NEVER");
    return this;
  }
  /** Begin a new chain at this operator (its consumers may still chain to it). */
  startNewChain(): this {
    this.setChaining("HEAD");
    return this;
  }

  private setChaining(strategy: ChainingStrategy): void {
    this.physical(strategy === "NEVER" ? "disableChaining" : "startNewChain").chaining = strategy;
  }

  private physical(what: string): Transformation {
    const t = this.transformation;
    if (t.kind !== "source" && t.kind !== "operator") {
      throw new Error(`${what}() applies to an operator, not to a ${t.kind} (keyBy, union, rebalance, side outputs are not operators)`);
    }
    return t;
  }

  // ---- sinks ------------------------------------------------------------------------------------

  sinkTo(sink: Sink<T> | ((value: T, context: SinkWriteContext) => void), name = "Sink"): DataStream<never> {
    const s: Sink<T> = typeof sink === "function" ? functionSink(sink) : sink;
    const t = operatorTransformation(this.environment.newId(), {
      name,
      inputs: [this.transformation],
      createOperator: () => new SinkOperator(name, s),
      keySelectors: [null],
      isSink: true,
    });
    this.environment.addSink(t);
    return new DataStream<never>(this.environment, t);
  }

  /** Writes every record to stdout as a line (JSON for objects). */
  print(prefix = "", write?: (line: string) => void): DataStream<never> {
    return this.sinkTo(new PrintSink<T>(prefix, write), "Print to Std. Out");
  }

  /** Runs the job (with any other sinks of this environment) and returns this stream's records. */
  async executeAndCollect(jobName = "Eddy Collect Job"): Promise<T[]> {
    const sink = new CollectSink<T>();
    this.sinkTo(sink, "Collect");
    await this.environment.execute(jobName);
    return sink.values;
  }
}

/**
 * A stream partitioned by key: operators on it see one key at a time, with keyed state and timers
 * (Flink's KeyedStream). Records of one key keep their order.
 */
export class KeyedStream<T, K> extends DataStream<T> {
  constructor(
    environment: StreamExecutionEnvironment,
    transformation: Transformation,
    private readonly keySelector: (value: T) => K,
  ) {
    super(environment, transformation);
  }

  getKeySelector(): (value: T) => K {
    return this.keySelector;
  }

  /** A custom operator on the keyed stream: it gets a keyed state backend for this key selector. */
  transformKeyed<R>(name: string, createOperator: () => StreamOperator<R>): DataStream<R> {
    return this.transform<R>(name, createOperator, this.keySelector as (value: T) => Key);
  }

  // why: on a keyed stream, rich map/filter/flatMap functions may use keyed state (as in Flink)
  override map<R>(fn: MapFunction<T, R>, name = "Map"): DataStream<R> {
    return this.transformKeyed<R>(name, () => new MapOperator(name, fn));
  }
  override filter(fn: FilterFunction<T>, name = "Filter"): DataStream<T> {
    return this.transformKeyed<T>(name, () => new FilterOperator(name, fn));
  }
  override flatMap<R>(fn: FlatMapFunction<T, R>, name = "Flat Map"): DataStream<R> {
    return this.transformKeyed<R>(name, () => new FlatMapOperator(name, fn));
  }

  // why: one function type (not a union) so object literals get their parameter types; a
  // ProcessFunction is a KeyedProcessFunction that ignores the key
  override process<R>(fn: KeyedProcessFunction<K, T, R>, name = "KeyedProcess"): DataStream<R> {
    return this.transformKeyed<R>(name, () => new KeyedProcessOperator<K, T, R>(name, fn));
  }

  /** A rolling reduce per key: every record emits the key's reduced value so far. */
  reduce(fn: ReduceFunction<T>, name = "Keyed Reduce"): DataStream<T> {
    return this.transformKeyed<T>(name, () => new KeyedReduceOperator(name, fn));
  }

  /** Rolling sum of a numeric field (by name, or index for arrays); other fields from the first record. */
  sum(field: FieldRef): DataStream<T> {
    return this.reduce(sumReducer<T>(field), `Sum(${String(field)})`);
  }
  min(field: FieldRef): DataStream<T> {
    return this.reduce(minReducer<T>(field), `Min(${String(field)})`);
  }
  max(field: FieldRef): DataStream<T> {
    return this.reduce(maxReducer<T>(field), `Max(${String(field)})`);
  }
  /** The record with the smallest value of `field` so far; on ties the first (or last) one. */
  minBy(field: FieldRef, first = true): DataStream<T> {
    return this.reduce(minByReducer<T>(field, first), `MinBy(${String(field)})`);
  }
  maxBy(field: FieldRef, first = true): DataStream<T> {
    return this.reduce(maxByReducer<T>(field, first), `MaxBy(${String(field)})`);
  }

  // ---- windows ----------------------------------------------------------------------------------

  /** Cuts each key's records into windows (Flink's KeyedStream.window). */
  window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, assigner);
  }

  /**
   * Count windows, as Flink defines them: `size` records per key, fired and purged (tumbling); or
   * with `slide`, the last `size` records fired every `slide` records.
   */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    const windowed = this.window<GlobalWindow>(GlobalWindows.create());
    if (slide === undefined) return windowed.trigger(PurgingTrigger.of(CountTrigger.of(size)));
    return windowed.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
  }

  /** Joins with another stream keyed by the same key type on an event-time interval (Flink's interval join). */
  intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K> {
    return new IntervalJoin<T, T2, K>(this, other);
  }
}
