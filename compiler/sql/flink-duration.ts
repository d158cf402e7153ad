// Flink's duration syntax in SQL options and SET values (TimeUtils.parseDuration): `10s`, `500 ms`, `1 min`, `2h`.

/** Milliseconds of `text`: a number and an optional unit (a bare number is milliseconds); undefined when not one. */
export function flinkDurationMs(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|milli|millis|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hour|hours|d|day|days)?\s*$/i.exec(text);
  if (m === null) return undefined;
  const unit = (m[2] ?? "ms").toLowerCase();
  const per = unit.startsWith("ms") || unit.startsWith("milli") ? 1 : unit.startsWith("s") ? 1000 : unit.startsWith("m") ? 60_000 : unit.startsWith("h") ? 3_600_000 : 86_400_000;
  return Math.round(Number(m[1]) * per);
}

