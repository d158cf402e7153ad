// Event-time tumbling windows as the streaming graph operators use them: a window is named by its end (exclusive), a
// number, so it can be a state namespace and a timer's namespace without interning.

/** The end (exclusive) of the tumbling window of `size` ms, aligned to 0, that holds `timestamp` (Flink's TimeWindow). */
export function windowEndOf(timestamp: number, size: number): number {
  // why the double modulo: a negative timestamp belongs to the window below it, as in Flink's getWindowStartWithOffset
  return timestamp - (((timestamp % size) + size) % size) + size;
}

/** Rejects a window size that is not a positive integer number of milliseconds; `what` names the caller. */
export function checkWindowSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new RangeError(`${what}: the window size must be a positive integer number of milliseconds, got ${size}`);
  }
}
