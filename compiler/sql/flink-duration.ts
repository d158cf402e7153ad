// Durations in table options as Flink writes them (`TimeUtils.parseDuration`): a whole number and an optional unit,
// with or without a space — '2 min', '120s', '1 h', '500' (milliseconds). Used for options such as
// 'sink.min-duplicate-window'; SQL text durations are INTERVAL literals instead (translate-expression.ts).

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ...["ms", "milli", "millis", "millisecond", "milliseconds"].map((u) => [u, 1] as const),
  ...["s", "sec", "secs", "second", "seconds"].map((u) => [u, 1000] as const),
  ...["m", "min", "mins", "minute", "minutes"].map((u) => [u, 60_000] as const),
  ...["h", "hour", "hours"].map((u) => [u, 3_600_000] as const),
  ...["d", "day", "days"].map((u) => [u, 86_400_000] as const),
]);

/** Milliseconds, or undefined when `text` is not a duration Eddy reads (sub-millisecond units included). */
export function flinkDurationMs(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (m === null) return undefined;
  const unit = m[2]!.toLowerCase();
  const scale = unit === "" ? 1 : UNIT_MS.get(unit);
  if (scale === undefined) return undefined;
  const ms = Number(m[1]) * scale;
  return Number.isSafeInteger(ms) ? ms : undefined;
}
