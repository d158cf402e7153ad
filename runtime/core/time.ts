// Time helpers and the sentinel timestamps of the engine: all times are epoch milliseconds (numbers).

/** A record that carries no event timestamp (Flink's Long.MIN_VALUE). */
export const NO_TIMESTAMP = Number.NEGATIVE_INFINITY;
/** The watermark before any data: nothing is known yet. */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;
/** The watermark at the end of a bounded input: every event-time timer may fire. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;

/** Flink-style duration helpers; each returns milliseconds, so `Time.seconds(10)` and `10_000` mean the same. */
export const Time = {
  milliseconds: (n: number): number => n,
  seconds: (n: number): number => n * 1000,
  minutes: (n: number): number => n * 60_000,
  hours: (n: number): number => n * 3_600_000,
  days: (n: number): number => n * 86_400_000,
} as const;

/** Alias kept for users coming from Flink's newer `Duration.ofSeconds` spelling. */
export const Duration = {
  ofMillis: Time.milliseconds,
  ofSeconds: Time.seconds,
  ofMinutes: Time.minutes,
  ofHours: Time.hours,
  ofDays: Time.days,
} as const;
