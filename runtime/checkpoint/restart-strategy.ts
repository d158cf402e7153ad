// Restart strategies (Flink's): whether a failed job restarts, and after how long.

export type RestartStrategyConfig =
  | { readonly kind: "none" }
  | { readonly kind: "fixed-delay"; readonly attempts: number; readonly delayMs: number }
  | {
      readonly kind: "exponential-delay";
      readonly initialDelayMs: number;
      readonly maxDelayMs: number;
      readonly multiplier: number;
      /** A failure after this long without failures resets the delay to the initial one. */
      readonly resetAfterMs: number;
      /** Attempts before giving up (Infinity = never). */
      readonly attempts: number;
    }
  | { readonly kind: "failure-rate"; readonly maxFailures: number; readonly intervalMs: number; readonly delayMs: number };

export const RestartStrategies = {
  noRestart: (): RestartStrategyConfig => ({ kind: "none" }),
  fixedDelayRestart: (attempts: number, delayMs: number): RestartStrategyConfig => ({ kind: "fixed-delay", attempts, delayMs }),
  exponentialDelayRestart: (initialDelayMs: number, maxDelayMs: number, multiplier = 2, resetAfterMs = 60_000, attempts = Number.POSITIVE_INFINITY): RestartStrategyConfig => ({
    kind: "exponential-delay",
    initialDelayMs,
    maxDelayMs,
    multiplier,
    resetAfterMs,
    attempts,
  }),
  failureRateRestart: (maxFailures: number, intervalMs: number, delayMs: number): RestartStrategyConfig => ({ kind: "failure-rate", maxFailures, intervalMs, delayMs }),
} as const;

export interface RestartDecision {
  readonly restart: boolean;
  readonly delayMs: number;
  readonly reason: string;
}

/** Tracks failures of one job and decides on each new one. */
export class RestartBackoff {
  private failures: number[] = [];
  private attempts = 0;
  private currentDelay = 0;
  private lastFailure = Number.NEGATIVE_INFINITY;

  constructor(readonly config: RestartStrategyConfig) {}

  onFailure(now: number): RestartDecision {
    const c = this.config;
    switch (c.kind) {
      case "none":
        return { restart: false, delayMs: 0, reason: "the restart strategy is 'none'" };
      case "fixed-delay":
        if (this.attempts >= c.attempts) return { restart: false, delayMs: 0, reason: `${c.attempts} restart attempts exhausted` };
        this.attempts++;
        return { restart: true, delayMs: c.delayMs, reason: `restart ${this.attempts} of ${c.attempts}` };
      case "exponential-delay": {
        if (this.attempts >= c.attempts) return { restart: false, delayMs: 0, reason: `${c.attempts} restart attempts exhausted` };
        this.attempts++;
        const quiet = now - this.lastFailure >= c.resetAfterMs;
        this.currentDelay = quiet || this.currentDelay === 0 ? c.initialDelayMs : Math.min(c.maxDelayMs, this.currentDelay * c.multiplier);
        this.lastFailure = now;
        return { restart: true, delayMs: this.currentDelay, reason: `restart ${this.attempts} after ${this.currentDelay} ms` };
      }
      case "failure-rate": {
        this.failures = this.failures.filter((t) => now - t < c.intervalMs);
        this.failures.push(now);
        if (this.failures.length > c.maxFailures) {
          return { restart: false, delayMs: 0, reason: `more than ${c.maxFailures} failures within ${c.intervalMs} ms` };
        }
        return { restart: true, delayMs: c.delayMs, reason: `failure ${this.failures.length} of at most ${c.maxFailures} per ${c.intervalMs} ms` };
      }
    }
  }
}
