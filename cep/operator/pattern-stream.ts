// PatternStream: a pattern applied to a stream, turned into a DataStream of results by process/select/flatSelect (Flink's PatternStream).
import { type DataStream, type KeyedStream, OutputTag, copyForSubtask } from "../../runtime/index.js";
import { compilePattern } from "../nfa/compile-pattern.js";
import type { Pattern } from "../pattern/pattern.js";
import { CepOperator } from "./cep-operator.js";
import {
  type EventComparator,
  type PatternFlatSelectFunction,
  type PatternFlatTimeoutFunction,
  type PatternProcessFunction,
  type PatternSelectFunction,
  type PatternTimeoutFunction,
  isTimedOutPartialMatchHandler,
} from "./pattern-functions.js";
import { FlatSelectAdapter, SelectAdapter, TimeoutFlatSelectAdapter, TimeoutSelectAdapter } from "./select-adapters.js";

/**
 * Immutable like Flink's: the settings methods return a new PatternStream. The pattern is compiled
 * when a result stream is defined, so a malformed pattern fails while the job is built.
 */
export class PatternStream<T, K = unknown> {
  /** @internal use CEP.pattern(...) */
  constructor(
    private readonly input: KeyedStream<T, K>,
    private readonly pattern: Pattern<T>,
    /** A non-keyed input runs on one subtask under a constant key (Flink's forceNonParallel). */
    private readonly nonParallel: boolean,
    private readonly comparator: EventComparator<T> | null = null,
    private readonly lateDataTag: OutputTag<T> | null = null,
    private readonly eventTime = true,
  ) {}

  /** Orders events with the same timestamp (otherwise they keep arrival order). */
  withComparator(comparator: EventComparator<T>): PatternStream<T, K> {
    return new PatternStream(this.input, this.pattern, this.nonParallel, comparator, this.lateDataTag, this.eventTime);
  }

  /** Events at or behind the watermark go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): PatternStream<T, K> {
    return new PatternStream(this.input, this.pattern, this.nonParallel, this.comparator, tag, this.eventTime);
  }

  /** Match on event timestamps, ordered by the watermark (the default). */
  inEventTime(): PatternStream<T, K> {
    return new PatternStream(this.input, this.pattern, this.nonParallel, this.comparator, this.lateDataTag, true);
  }

  /** Match in arrival order, timestamped with the processing-time clock. */
  inProcessingTime(): PatternStream<T, K> {
    return new PatternStream(this.input, this.pattern, this.nonParallel, this.comparator, this.lateDataTag, false);
  }

  /**
   * Applies a PatternProcessFunction to every match. If it also has processTimedOutMatch
   * (TimedOutPartialMatchHandler), partial matches that exceed `within` are passed to it.
   */
  process<OUT>(fn: PatternProcessFunction<T, OUT>, name = "CepOperator"): DataStream<OUT> {
    return this.build(name, () => copyForSubtask(fn));
  }

  /** One result per match; with a timeout tag and function, one result per timed-out match on that side output. */
  select<OUT>(fn: PatternSelectFunction<T, OUT>): DataStream<OUT>;
  select<OUT, X>(timeoutTag: OutputTag<X>, timeoutFn: PatternTimeoutFunction<T, X>, selectFn: PatternSelectFunction<T, OUT>): DataStream<OUT>;
  select<OUT, X>(
    first: PatternSelectFunction<T, OUT> | OutputTag<X>,
    timeoutFn?: PatternTimeoutFunction<T, X>,
    selectFn?: PatternSelectFunction<T, OUT>,
  ): DataStream<OUT> {
    if (!(first instanceof OutputTag)) return this.build("CepOperator", () => new SelectAdapter<T, OUT>(copyForSubtask(first)));
    if (timeoutFn === undefined || selectFn === undefined) throw new TypeError("select(timeoutTag, timeoutFn, selectFn): all three arguments are required");
    return this.build("CepOperator", () => new TimeoutSelectAdapter<T, OUT, X>(first, copyForSubtask(timeoutFn), copyForSubtask(selectFn)));
  }

  /** Any number of results per match; with a timeout tag and function, timed-out matches too, on that side output. */
  flatSelect<OUT>(fn: PatternFlatSelectFunction<T, OUT>): DataStream<OUT>;
  flatSelect<OUT, X>(timeoutTag: OutputTag<X>, timeoutFn: PatternFlatTimeoutFunction<T, X>, selectFn: PatternFlatSelectFunction<T, OUT>): DataStream<OUT>;
  flatSelect<OUT, X>(
    first: PatternFlatSelectFunction<T, OUT> | OutputTag<X>,
    timeoutFn?: PatternFlatTimeoutFunction<T, X>,
    selectFn?: PatternFlatSelectFunction<T, OUT>,
  ): DataStream<OUT> {
    if (!(first instanceof OutputTag)) return this.build("CepOperator", () => new FlatSelectAdapter<T, OUT>(copyForSubtask(first)));
    if (timeoutFn === undefined || selectFn === undefined) throw new TypeError("flatSelect(timeoutTag, timeoutFn, selectFn): all three arguments are required");
    return this.build("CepOperator", () => new TimeoutFlatSelectAdapter<T, OUT, X>(first, copyForSubtask(timeoutFn), copyForSubtask(selectFn)));
  }

  /** One operator per subtask, each with its own copy of the function (the pattern is shared: it is immutable). */
  private build<OUT>(name: string, createFunction: () => PatternProcessFunction<T, OUT>): DataStream<OUT> {
    const probe = createFunction();
    const pattern = compilePattern(this.pattern, { timeoutHandling: isTimedOutPartialMatchHandler(probe) });
    const settings = {
      pattern,
      timeDomain: this.eventTime ? ("EVENT_TIME" as const) : ("PROCESSING_TIME" as const),
      comparator: this.comparator,
      lateDataTag: this.lateDataTag,
    };
    const out = this.input.transformKeyed<OUT>(name, () => new CepOperator<T, OUT>(name, createFunction(), settings));
    return this.nonParallel ? out.setParallelism(1) : out;
  }
}
