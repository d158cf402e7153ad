// The context a process function sees (timestamp, timers, side outputs, current key), shared by
// the one- and two-input process operators.
import type { OnTimerContext, TimeDomain, TimerService } from "../api/functions.js";
import type { OutputTag } from "../core/output-tag.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { VOID_NAMESPACE } from "../state/state-table.js";
import type { InternalTimerService } from "../time/internal-timer-service.js";

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

  /** Sets up a timer callback: event-time output carries the timer's time, processing-time output none (as Flink). */
  enterTimer(timestamp: number, domain: TimeDomain): void {
    this.domain = domain;
    this.current = domain === "EVENT_TIME" ? timestamp : NO_TIMESTAMP;
  }
}
