// How the dashboard writes counts, rates, sizes, durations, times and watermarks (expectations computed by hand).
import test from "ava";
import { formatBytes, formatCount, formatDuration, formatRate, formatTime, formatWatermark, lowestWatermark } from "../../web/src/format.js";

test("counts group thousands; missing metrics show a dash", (t) => {
  t.is(formatCount(0), "0");
  t.is(formatCount(1_234_567), "1,234,567");
  t.is(formatCount(2.6), "3");
  t.is(formatCount(undefined), "–");
  t.is(formatCount(Number.NaN), "–");
});

test("rates keep one decimal below 100 per second", (t) => {
  t.is(formatRate(12.345), "12.3/s");
  t.is(formatRate(99.96), "100.0/s");
  t.is(formatRate(3400.4), "3,400/s");
  t.is(formatRate(null), "–");
});

test("sizes in binary units", (t) => {
  t.is(formatBytes(0), "0 B");
  t.is(formatBytes(1023), "1023 B");
  t.is(formatBytes(1536), "1.5 KiB");
  t.is(formatBytes(20 * 1024 * 1024), "20 MiB");
  t.is(formatBytes(-1), "–", "Flink's -1 means unknown");
});

test("durations: ms, s, minutes, hours; negative is not yet known", (t) => {
  t.is(formatDuration(850), "850 ms");
  t.is(formatDuration(12_340), "12.3 s");
  t.is(formatDuration(245_000), "4m 05s");
  t.is(formatDuration(2 * 3_600_000 + 3 * 60_000 + 59_000), "2h 03m");
  t.is(formatDuration(-1), "–");
});

test("times are UTC to the second; Flink's -1 end time is a dash", (t) => {
  t.is(formatTime(Date.UTC(2026, 11, 5, 19, 40, 1, 999)), "2026-12-05 19:40:01Z");
  t.is(formatTime(-1), "–");
});

test("a vertex's watermark is its subtasks' lowest; one without a watermark (Long.MIN_VALUE) means none", (t) => {
  t.is(lowestWatermark(["1700000002000", "1700000001000"]), 1_700_000_001_000);
  t.is(lowestWatermark(["1700000002000", "-9223372036854775808"]), null);
  t.is(lowestWatermark([]), null);
  t.is(lowestWatermark(["not a number"]), null);
  t.is(lowestWatermark([String(Number.MIN_SAFE_INTEGER)]), null, "Eddy's JobManager says none with the smallest safe integer");
  t.is(formatWatermark(null), "no watermark");
  t.is(formatWatermark(Number("9223372036854775807")), "end of input");
  t.is(formatWatermark(Number.MAX_SAFE_INTEGER), "end of input");
  t.is(formatWatermark(Date.UTC(2015, 6, 15, 0, 0, 4)), "2015-07-15 00:00:04Z");
});
