// Records per second from two samples of a growing counter (Flink's UI does the same between polls).

export interface CounterSample {
  readonly value: number;
  readonly atMs: number;
}

/**
 * The rate between two samples; null for the first sample, a counter that went back (the job restarted from a
 * checkpoint, so its counters began again) or samples taken at the same instant.
 */
export function ratePerSecond(previous: CounterSample | undefined, current: CounterSample): number | null {
  if (previous === undefined) return null;
  const elapsed = current.atMs - previous.atMs;
  if (elapsed <= 0 || current.value < previous.value) return null;
  return ((current.value - previous.value) * 1000) / elapsed;
}
