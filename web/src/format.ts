// How the dashboard writes numbers, sizes, durations, times and watermarks (pure; tested in test/web/format.test.ts).

const MISSING = "–";

/** 1234567 → "1,234,567"; a missing metric → "–". */
export function formatCount(n: number | undefined | null): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return MISSING;
  return Math.round(n).toLocaleString("en-US");
}

/** Records per second with one decimal below 100 ("12.5/s", "3,400/s"). */
export function formatRate(perSecond: number | undefined | null): string {
  if (perSecond === undefined || perSecond === null || !Number.isFinite(perSecond)) return MISSING;
  return perSecond < 100 ? `${perSecond.toFixed(1)}/s` : `${formatCount(perSecond)}/s`;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** Bytes in binary units: 0 → "0 B", 1536 → "1.5 KiB". */
export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes) || bytes < 0) return MISSING;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/** A duration in milliseconds: "850 ms", "12.3 s", "4m 05s", "2h 03m"; negative (Flink's "not yet") → "–". */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms) || ms < 0) return MISSING;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const totalSeconds = Math.floor(seconds);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(s).padStart(2, "0")}s`;
}

/** An epoch-millisecond time as ISO-8601 UTC to the second; Flink's -1 (not yet) → "–". */
export function formatTime(epochMs: number | undefined | null): string {
  if (epochMs === undefined || epochMs === null || !Number.isFinite(epochMs) || epochMs <= 0) return MISSING;
  return new Date(epochMs).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

/**
 * Flink reports "no watermark yet" as Long.MIN_VALUE (−9223372036854775808) and the end of input as Long.MAX_VALUE;
 * Eddy's JobManager, whose numbers are doubles, as Number.MIN_SAFE_INTEGER and MAX_SAFE_INTEGER. Anything at or
 * beyond those is not a time.
 */
const NO_WATERMARK = Number.MIN_SAFE_INTEGER;
const END_OF_INPUT = Number.MAX_SAFE_INTEGER;

/**
 * The lowest watermark over a vertex's subtasks (what holds its event time back), or "no watermark" when some subtask
 * has none yet. Values arrive as strings (Flink's metric values), possibly missing.
 */
export function lowestWatermark(values: readonly string[]): number | null {
  if (values.length === 0) return null;
  let lowest = Infinity;
  for (const text of values) {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= NO_WATERMARK) return null;
    if (value < lowest) lowest = value;
  }
  return lowest;
}

export function formatWatermark(watermark: number | null): string {
  if (watermark === null) return "no watermark";
  if (watermark >= END_OF_INPUT) return "end of input";
  return formatTime(watermark);
}
