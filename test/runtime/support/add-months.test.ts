// addMonths(ts, n) — SQL's timestamp + year-month interval: whole months in UTC, the day of month clamped to the target
// month's last, the time of day kept. Hand-computed month ends and leap days, then a property against a reference
// built on Date's UTC setters over timestamps from far before 1970 to far after it.
import test from "ava";
import fc from "fast-check";
import { addMonths } from "../../../runtime/support/builtins.js";
import { assertProperty } from "../../helpers/property.js";

/** A UTC timestamp; month 1–12. (Not Date.UTC, which reads years 0–99 as 1900–1999.) */
function at(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

test("addMonths: a day the target month lacks becomes its last day (leap years included)", (t) => {
  t.is(addMonths(at(2024, 1, 31, 10, 30), 1), at(2024, 2, 29, 10, 30));
  t.is(addMonths(at(2023, 1, 31), 1), at(2023, 2, 28));
  t.is(addMonths(at(2024, 3, 31), -1), at(2024, 2, 29));
  t.is(addMonths(at(2024, 5, 31), 1), at(2024, 6, 30));
  t.is(addMonths(at(2024, 2, 29), 12), at(2025, 2, 28));
  t.is(addMonths(at(2024, 2, 29), -12), at(2023, 2, 28));
  t.is(addMonths(at(2024, 2, 29), 48), at(2028, 2, 29));
  // century years are leap years only when divisible by 400
  t.is(addMonths(at(2000, 2, 29), 1200), at(2100, 2, 28));
  t.is(addMonths(at(1900, 1, 31), 1), at(1900, 2, 28));
  t.is(addMonths(at(1600, 1, 31), 1), at(1600, 2, 29));
});

test("addMonths: a day every month has stays; n = 0 changes nothing", (t) => {
  t.is(addMonths(at(2024, 2, 29), 1), at(2024, 3, 29));
  t.is(addMonths(at(2023, 7, 15, 8, 1, 2, 3), 5), at(2023, 12, 15, 8, 1, 2, 3));
  t.is(addMonths(at(2023, 1, 31, 23, 59, 59, 999), 0), at(2023, 1, 31, 23, 59, 59, 999));
});

test("addMonths: December rolls over into January of the next year, and back with negative n", (t) => {
  t.is(addMonths(at(2024, 12, 15, 23, 59, 59, 999), 1), at(2025, 1, 15, 23, 59, 59, 999));
  t.is(addMonths(at(2025, 1, 15), -1), at(2024, 12, 15));
  t.is(addMonths(at(2023, 12, 31), 2), at(2024, 2, 29));
  t.is(addMonths(at(2024, 5, 31), -15), at(2023, 2, 28));
  t.is(addMonths(at(2024, 1, 1), -25), at(2021, 12, 1));
});

test("addMonths: timestamps before 1970 keep their time of day (floor division, not truncation)", (t) => {
  t.is(addMonths(-1, 1), at(1970, 1, 31, 23, 59, 59, 999));
  t.is(addMonths(-1, -1), at(1969, 11, 30, 23, 59, 59, 999));
  t.is(addMonths(at(1969, 12, 31, 23, 59, 59, 999), 2), at(1970, 2, 28, 23, 59, 59, 999));
  t.is(addMonths(at(1968, 2, 29, 12), -1), at(1968, 1, 29, 12));
  t.is(addMonths(at(1, 3, 31, 6), -1), at(1, 2, 28, 6));
  t.is(addMonths(at(-1, 1, 31), 1), at(-1, 2, 28));
  t.is(addMonths(at(0, 1, 31), 1), at(0, 2, 29)); // year 0 (1 BC) is a leap year in the proleptic Gregorian calendar
});

/** The same calendar arithmetic with Date's UTC setters: move from the 1st, then clamp the day to the month's length. */
function referenceAddMonths(ts: number, months: number): number {
  const d = new Date(ts);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(d.getTime());
  lastDay.setUTCMonth(d.getUTCMonth() + 1, 0);
  d.setUTCDate(Math.min(day, lastDay.getUTCDate()));
  return d.getTime();
}

/** Any millisecond within ±250,000 years of 1970 (Date reaches ±273,790: n below keeps the result in range). */
const anyTimestamp = fc.bigInt({ min: -8_000_000_000_000_000n, max: 8_000_000_000_000_000n }).map(Number);

/** The last days of months, where clamping happens, from year −3000 to 5000 at any time of day. */
const monthEnd = fc.tuple(fc.integer({ min: -3000, max: 5000 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 27, max: 31 }), fc.integer({ min: 0, max: 86_399_999 })).map(([year, month, day, ms]) => {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.getTime() + ms;
});

test("addMonths matches Date's UTC calendar with the day clamped, from far before 1970 to far after it", async (t) => {
  await assertProperty(
    t,
    fc.property(fc.oneof(anyTimestamp, monthEnd), fc.oneof(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -100_000, max: 100_000 })), (ts, n) => {
      const expected = referenceAddMonths(ts, n);
      if (addMonths(ts, n) !== expected) throw new Error(`addMonths(${new Date(ts).toISOString()}, ${n}) = ${new Date(addMonths(ts, n)).toISOString()}, expected ${new Date(expected).toISOString()}`);
    }),
    { file: import.meta.url, numRuns: 5000 },
  );
});
