// The context a process function sees (timestamp, timers, side outputs, current key), shared by
// the one- and two-input process operators.
import type { Collector, OnTimerContext, TimeDomain, TimerService } from "../api/functions.js";
import type { OutputTag } from "../core/output-tag.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { VOID_NAMESPACE } from "../state/state-table.js";
import type { InternalTimer, InternalTimerService } from "../time/internal-timer-service.js";

/** What the context needs from its operator. */
export interface ContextHost {
  now(): number;
  watermark(): number;
  sideOutput(tag: OutputTag<unknown>, value: unknown, timestamp: number): void;
  currentKey(): unknown;
  /** The operator's timer service; throws (with advice) where timers are not available. */
  timers(): InternalTimerService<unknown>;
}

/** One object per operator, updated per record: no allocation on the hot path. */
export class UserFunctionContext<K> implements OnTimerContext<K> {
  /** The timestamp of the record (or timer) being processed. */
  current = NO_TIMESTAMP;
  domain: TimeDomain = "EVENT_TIME";
  private readonly service: TimerService;

  constructor(private readonly host: ContextHost) {
    this.service = {
      currentProcessingTime: () => host.now(),
      currentWatermark: () => host.watermark(),
      registerEventTimeTimer: (t) => host.timers().registerEventTimeTimer(VOID_NAMESPACE, t),
      registerProcessingTimeTimer: (t) => host.timers().registerProcessingTimeTimer(VOID_NAMESPACE, t),
      deleteEventTimeTimer: (t) => host.timers().deleteEventTimeTimer(VOID_NAMESPACE, t),
      deleteProcessingTimeTimer: (t) => host.timers().deleteProcessingTimeTimer(VOID_NAMESPACE, t),
    };
  }

  timestamp(): number | null {
    return this.current === NO_TIMESTAMP ? null : this.current;
  }
  timerService(): TimerService {
    return this.service;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.host.sideOutput(tag as OutputTag<unknown>, value, this.current);
  }
  getCurrentKey(): K {
    return this.host.currentKey() as K;
  }
  timeDomain(): TimeDomain {
    return this.domain;
  }

  /**
   * Runs a user function's onTimer with this context: event-time output carries the timer's time,
   * processing-time output none (as Flink). Errors are wrapped by `fail` with the timer and key.
   */
  fireTimer<OUT>(
    timer: InternalTimer<unknown>,
    domain: TimeDomain,
    fn: { onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<OUT>): void },
    out: Collector<OUT>,
    fail: (cause: unknown, record: unknown) => Error,
  ): void {
    if (fn.onTimer === undefined) return;
    this.domain = domain;
    this.current = domain === "EVENT_TIME" ? timer.timestamp : NO_TIMESTAMP;
    try {
      fn.onTimer(timer.timestamp, this, out);
    } catch (e) {
      throw fail(e, { timer: timer.timestamp, key: timer.key });
    }
    this.current = NO_TIMESTAMP;
  }
}
