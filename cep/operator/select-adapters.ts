// select/flatSelect as pattern process functions (Flink's PatternSelectAdapter, PatternTimeoutSelectAdapter and flat variants).
import { type Collector, type OutputTag, type RuntimeContext, callableOf, richOf } from "../../runtime/index.js";
import type { Match } from "../nfa/match-types.js";
import type {
  PatternContext,
  PatternFlatSelectFunction,
  PatternFlatTimeoutFunction,
  PatternProcessFunction,
  PatternSelectFunction,
  PatternTimeoutFunction,
  TimedOutPartialMatchHandler,
} from "./pattern-functions.js";

/** Forwards the rich-function hooks to every wrapped user function, so their open/close still run. */
abstract class Adapter {
  constructor(private readonly wrapped: unknown[]) {}
  protected alsoWraps(fn: unknown): void {
    this.wrapped.push(fn);
  }
  setRuntimeContext(context: RuntimeContext): void {
    for (const fn of this.wrapped) richOf(fn).setRuntimeContext?.(context);
  }
  async open(context: RuntimeContext): Promise<void> {
    for (const fn of this.wrapped) await richOf(fn).open?.(context);
  }
  async close(): Promise<void> {
    for (const fn of this.wrapped) await richOf(fn).close?.();
  }
}

export class SelectAdapter<IN, OUT> extends Adapter implements PatternProcessFunction<IN, OUT> {
  private readonly select: (match: Match<IN>) => OUT;
  constructor(fn: PatternSelectFunction<IN, OUT>) {
    super([fn]);
    this.select = callableOf<(match: Match<IN>) => OUT>(fn as never, "select");
  }
  processMatch(match: Match<IN>, _ctx: PatternContext, out: Collector<OUT>): void {
    out.collect(this.select(match));
  }
}

export class FlatSelectAdapter<IN, OUT> extends Adapter implements PatternProcessFunction<IN, OUT> {
  private readonly flatSelect: (match: Match<IN>, out: Collector<OUT>) => void;
  constructor(fn: PatternFlatSelectFunction<IN, OUT>) {
    super([fn]);
    this.flatSelect = callableOf<(match: Match<IN>, out: Collector<OUT>) => void>(fn as never, "flatSelect");
  }
  processMatch(match: Match<IN>, _ctx: PatternContext, out: Collector<OUT>): void {
    this.flatSelect(match, out);
  }
}

/** select plus a timeout function whose results go to `tag`, stamped with the expiry time. */
export class TimeoutSelectAdapter<IN, OUT, X> extends SelectAdapter<IN, OUT> implements TimedOutPartialMatchHandler<IN> {
  private readonly timeout: (match: Match<IN>, timeoutTimestamp: number) => X;
  constructor(
    private readonly tag: OutputTag<X>,
    timeout: PatternTimeoutFunction<IN, X>,
    select: PatternSelectFunction<IN, OUT>,
  ) {
    super(select);
    this.timeout = callableOf<(match: Match<IN>, timeoutTimestamp: number) => X>(timeout as never, "timeout");
    this.alsoWraps(timeout);
  }
  processTimedOutMatch(match: Match<IN>, ctx: PatternContext): void {
    ctx.output(this.tag, this.timeout(match, ctx.timestamp()));
  }
}

export class TimeoutFlatSelectAdapter<IN, OUT, X> extends FlatSelectAdapter<IN, OUT> implements TimedOutPartialMatchHandler<IN> {
  private readonly timeout: (match: Match<IN>, timeoutTimestamp: number, out: Collector<X>) => void;
  constructor(
    private readonly tag: OutputTag<X>,
    timeout: PatternFlatTimeoutFunction<IN, X>,
    select: PatternFlatSelectFunction<IN, OUT>,
  ) {
    super(select);
    this.timeout = callableOf<(match: Match<IN>, timeoutTimestamp: number, out: Collector<X>) => void>(timeout as never, "timeout");
    this.alsoWraps(timeout);
  }
  processTimedOutMatch(match: Match<IN>, ctx: PatternContext): void {
    // why: one collector per timed-out match is cheap next to the match it reports, and keeps ctx out of user hands
    this.timeout(match, ctx.timestamp(), { collect: (x: X) => ctx.output(this.tag, x) });
  }
}
