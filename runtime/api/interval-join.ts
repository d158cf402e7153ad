// The interval join API (Flink's KeyedStream.intervalJoin): keyed1.intervalJoin(keyed2)
// .between(lower, upper)[.lowerBoundExclusive()][.upperBoundExclusive()].process(fn).
import type { OutputTag } from "../core/output-tag.js";
import { operatorTransformation } from "../graph/transformation.js";
import { IntervalJoinOperator } from "../operators/interval-join.js";
import { DataStream, KeyedStream } from "./data-stream.js";
import type { Collector, RichFunction } from "./functions.js";

/** What the join function sees besides the pair: the timestamps and side outputs. */
export interface ProcessJoinContext {
  /** Event timestamp of the left element of the pair. */
  readonly leftTimestamp: number;
  /** Event timestamp of the right element of the pair. */
  readonly rightTimestamp: number;
  /** Timestamp of the joined result: max(leftTimestamp, rightTimestamp). */
  readonly timestamp: number;
  /** Emits to a side output, with the result timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Called once per joined pair (Flink's ProcessJoinFunction); a plain function or a (rich) object. */
export type ProcessJoinFunction<IN1, IN2, OUT> =
  | ((left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>) => void)
  | ({ processElement(left: IN1, right: IN2, ctx: ProcessJoinContext, out: Collector<OUT>): void } & RichFunction);

/** Two keyed streams about to be joined; choose the interval with `between`. */
export class IntervalJoin<IN1, IN2, K> {
  private eventTime = true;

  constructor(
    private readonly left: KeyedStream<IN1, K>,
    private readonly right: KeyedStream<IN2, K>,
  ) {
    // why: the static types already demand keyed streams; this catches casts and untyped callers
    if (!(left instanceof KeyedStream) || !(right instanceof KeyedStream)) {
      throw new TypeError("intervalJoin(): both streams must be keyed with the same key type; call keyBy(...) on each before joining");
    }
    if (left.getExecutionEnvironment() !== right.getExecutionEnvironment()) {
      throw new Error("intervalJoin(): both streams must belong to the same StreamExecutionEnvironment");
    }
  }

  /** Joins in event time (the default, and the only supported time). */
  inEventTime(): this {
    this.eventTime = true;
    return this;
  }

  /** Accepted for Flink compatibility; `between` then fails, as interval joins need event time. */
  inProcessingTime(): this {
    this.eventTime = false;
    return this;
  }

  /**
   * Joins a left element at time t with right elements at times in [t + lower, t + upper] (ms,
   * inclusive unless made exclusive). Bounds may be negative; lower must not exceed upper.
   */
  between(lowerBound: number, upperBound: number): IntervalJoined<IN1, IN2, K> {
    if (!this.eventTime) throw new Error("intervalJoin(): time-bounded stream joins are only supported in event time");
    if (!Number.isSafeInteger(lowerBound) || !Number.isSafeInteger(upperBound)) {
      throw new RangeError(`intervalJoin().between(): bounds must be whole milliseconds, got ${lowerBound} and ${upperBound}`);
    }
    if (lowerBound > upperBound) {
      throw new RangeError(`intervalJoin().between(): lowerBound (${lowerBound}) must be <= upperBound (${upperBound})`);
    }
    return new IntervalJoined(this.left, this.right, lowerBound, upperBound);
  }
}

/** An interval join with its bounds; configure exclusivity and late data, then `process`. */
export class IntervalJoined<IN1, IN2, K> {
  private lowerInclusive = true;
  private upperInclusive = true;
  private leftLateDataTag: OutputTag<IN1> | null = null;
  private rightLateDataTag: OutputTag<IN2> | null = null;

  constructor(
    private readonly left: KeyedStream<IN1, K>,
    private readonly right: KeyedStream<IN2, K>,
    private readonly lowerBound: number,
    private readonly upperBound: number,
  ) {}

  lowerBoundExclusive(): this {
    this.lowerInclusive = false;
    return this;
  }

  upperBoundExclusive(): this {
    this.upperInclusive = false;
    return this;
  }

  /** Left elements behind the watermark go to this side output instead of being dropped. */
  sideOutputLeftLateData(tag: OutputTag<IN1>): this {
    this.leftLateDataTag = tag;
    return this;
  }

  /** Right elements behind the watermark go to this side output instead of being dropped. */
  sideOutputRightLateData(tag: OutputTag<IN2>): this {
    this.rightLateDataTag = tag;
    return this;
  }

  /** Calls `fn` for every joined pair; results carry the larger of the two timestamps. */
  process<OUT>(fn: ProcessJoinFunction<IN1, IN2, OUT>, name = "Interval Join"): DataStream<OUT> {
    const settings = {
      // why: with whole-millisecond timestamps an exclusive bound is the inclusive one moved by 1 (as Flink)
      lowerBound: this.lowerInclusive ? this.lowerBound : this.lowerBound + 1,
      upperBound: this.upperInclusive ? this.upperBound : this.upperBound - 1,
      leftLateDataTag: this.leftLateDataTag,
      rightLateDataTag: this.rightLateDataTag,
    };
    const environment = this.left.getExecutionEnvironment();
    const t = operatorTransformation(environment.newId(), {
      name,
      inputs: [this.left.getTransformation(), this.right.getTransformation()],
      createOperator: () => new IntervalJoinOperator<K, IN1, IN2, OUT>(name, fn, settings),
      keySelectors: [this.left.getKeySelector(), this.right.getKeySelector()],
    });
    return new DataStream<OUT>(environment, t);
  }
}
