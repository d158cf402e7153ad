// Processing-time clocks. Time is injected, never read from globals: the engine asks a Clock.

export interface Clock {
  /** Current processing time in epoch milliseconds. */
  now(): number;
  /** Resolves once `now()` has reached `timestamp` (or earlier, when woken). */
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void>;
  /** A manual clock never waits on the wall clock; the scheduler treats it as virtual time. */
  readonly virtual: boolean;
}

export class SystemClock implements Clock {
  readonly virtual = false;
  now(): number {
    return Date.now();
  }
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void> {
    const delay = Math.max(0, timestamp - Date.now());
    return new Promise<void>((resolve) => {
      const handle = setTimeout(resolve, Math.min(delay, 2 ** 31 - 1));
      wake?.then(() => {
        clearTimeout(handle);
        resolve();
      });
    });
  }
}

/**
 * Virtual time for tests: it only moves when told (`advance`, `set`). Sleepers wake when the time
 * they wait for is reached, so processing-time windows, idleness and TTL run without real waiting.
 */
export class ManualClock implements Clock {
  readonly virtual = true;
  private time: number;
  private sleepers: { until: number; resolve: () => void }[] = [];

  constructor(start = 0) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.set(this.time + ms);
  }
  set(timestamp: number): void {
    if (timestamp < this.time) throw new RangeError(`a clock does not go backwards (${timestamp} < ${this.time})`);
    this.time = timestamp;
    const due = this.sleepers.filter((s) => s.until <= timestamp);
    this.sleepers = this.sleepers.filter((s) => s.until > timestamp);
    for (const s of due) s.resolve();
  }
  sleepUntil(timestamp: number, wake?: Promise<void>): Promise<void> {
    if (timestamp <= this.time) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const sleeper = { until: timestamp, resolve };
      this.sleepers.push(sleeper);
      wake?.then(() => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      });
    });
  }
}
