// The user functions a PatternStream applies to matches and timed-out partial matches (Flink's PatternProcessFunction family).
import type { Collector, OutputTag, RichFunction } from "../../runtime/index.js";
import type { Match } from "../nfa/match-types.js";

/** What a pattern function sees besides the match (Flink's PatternProcessFunction.Context). */
export interface PatternContext {
  /**
   * Event time of the match: the timestamp of the event that completed it, the time a trailing
   * notFollowedBy was decided, or, for a timed-out match, the time it expired. In processing time,
   * the clock time at which it was found.
   */
  timestamp(): number;
  currentProcessingTime(): number;
  /** Emits to a side output, with the match's timestamp (none in processing time). */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Called once per match; emits any number of results (Flink's PatternProcessFunction). */
export interface PatternProcessFunction<IN, OUT> extends RichFunction {
  processMatch(match: Match<IN>, ctx: PatternContext, out: Collector<OUT>): void;
}

/**
 * Mixed into a PatternProcessFunction to receive partial matches that exceeded the pattern's
 * `within`; emit them with `ctx.output(tag, …)` (Flink's TimedOutPartialMatchHandler).
 */
export interface TimedOutPartialMatchHandler<IN> {
  processTimedOutMatch(match: Match<IN>, ctx: PatternContext): void;
}

/** One result per match (Flink's PatternSelectFunction). */
export type PatternSelectFunction<IN, OUT> = ((match: Match<IN>) => OUT) | ({ select(match: Match<IN>): OUT } & RichFunction);

/** Any number of results per match (Flink's PatternFlatSelectFunction). */
export type PatternFlatSelectFunction<IN, OUT> =
  | ((match: Match<IN>, out: Collector<OUT>) => void)
  | ({ flatSelect(match: Match<IN>, out: Collector<OUT>): void } & RichFunction);

/** One result per timed-out partial match, given the time it expired (Flink's PatternTimeoutFunction). */
export type PatternTimeoutFunction<IN, OUT> =
  | ((match: Match<IN>, timeoutTimestamp: number) => OUT)
  | ({ timeout(match: Match<IN>, timeoutTimestamp: number): OUT } & RichFunction);

/** Any number of results per timed-out partial match (Flink's PatternFlatTimeoutFunction). */
export type PatternFlatTimeoutFunction<IN, OUT> =
  | ((match: Match<IN>, timeoutTimestamp: number, out: Collector<OUT>) => void)
  | ({ timeout(match: Match<IN>, timeoutTimestamp: number, out: Collector<OUT>): void } & RichFunction);

/** Orders events with the same timestamp before they reach the NFA (ties otherwise keep arrival order). */
export type EventComparator<T> = (a: T, b: T) => number;

/** Whether `fn` also handles timed-out partial matches. */
export function isTimedOutPartialMatchHandler<IN>(fn: unknown): fn is TimedOutPartialMatchHandler<IN> {
  return typeof fn === "object" && fn !== null && typeof (fn as { processTimedOutMatch?: unknown }).processTimedOutMatch === "function";
}
