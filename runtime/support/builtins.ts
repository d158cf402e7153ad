// The built-in functions of .flow expressions whose JavaScript is more than one operator, shared by generated code
// and the interpreter so that both paths compute the same values.

/** `==` for values that may be records, arrays or null (missing fields count as null). */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => eq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `x in xs` and `contains(xs, x)` for elements that may be records. */
export function includes(xs: readonly unknown[], x: unknown): boolean {
  for (const y of xs) if (eq(x, y)) return true;
  return false;
}

/** `hash(…)`: a deterministic 32-bit integer of the values (same in every process and run). */
export function hashValues(...values: unknown[]): number {
  const text = JSON.stringify(values);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** `toString(x)`: text for primitives, JSON for records and arrays. */
export function show(x: unknown): string {
  if (x === null || x === undefined) return "null";
  return typeof x === "object" ? JSON.stringify(x) : String(x);
}

/** `toInt(s)`: null unless the whole string is an integer. */
export function parseIntOrNull(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** `toFloat(s)`: null unless the whole string is a number. */
export function parseFloatOrNull(s: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** `tumbleStart(ts, size)`: the start of the tumbling window of that size holding ts (also for ts < 0). */
export function tumbleStart(ts: number, size: number): number {
  return ts - (((ts % size) + size) % size);
}

/**
 * `range(n)`: 0, 1 … n − 1 (empty for n ≤ 0) — with `flatMap`, n copies of a record (SQL's INTERSECT ALL and EXCEPT
 * ALL over changelogs replicate a row this way, as Flink's replicate_rows table function does).
 */
export function range(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

/** `min(a, b)` / `max(a, b)` for strings (numbers use Math.min/Math.max). */
export function minOf<T extends string | number>(a: T, b: T): T {
  return b < a ? b : a;
}
export function maxOf<T extends string | number>(a: T, b: T): T {
  return b > a ? b : a;
}

/** `xs[i]`: null out of range, like the language says. */
export function at<T>(xs: readonly T[], i: number): T | null {
  return i >= 0 && i < xs.length ? xs[i]! : null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** `hour(ts)`: the hour of day (0–23) of a timestamp, in UTC. */
export function hourOf(ts: number): number {
  return Math.floor((((ts % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/**
 * `addMonths(ts, n)`: ts moved by n calendar months in UTC, keeping the time of day; a day of month the target month
 * lacks becomes its last day (Jan 31 + 1 month = Feb 28 or 29), as Calcite and Flink add a year-month interval. Integer
 * calendar arithmetic (Howard Hinnant's civil_from_days / days_from_civil) instead of a Date: no allocation per row,
 * and floor division keeps it exact before 1970.
 */
export function addMonths(ts: number, months: number): number {
  const days = Math.floor(ts / DAY_MS);
  const timeOfDay = ts - days * DAY_MS;
  // civil_from_days, in a calendar whose years start on March 1 (the leap day is the year's last)
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12 + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))) * DAY_MS + timeOfDay;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `dateFormat(ts, pattern)`: the timestamp in UTC with Java's SimpleDateFormat letters `yyyy MM dd HH mm ss SSS`
 * (what Flink's DATE_FORMAT takes). As in Java, text between single quotes is copied as it is (`'T'`), and `''`
 * stands for one quote, inside or outside quotes; other characters are copied. Patterns are compiled once and cached.
 */
export function dateFormat(ts: number, pattern: string): string {
  let parts = DATE_PATTERNS.get(pattern);
  if (parts === undefined) DATE_PATTERNS.set(pattern, (parts = compileDatePattern(pattern)));
  const d = new Date(ts);
  let out = "";
  for (const p of parts) {
    switch (p) {
      case DateField.Year: out += pad(d.getUTCFullYear(), 4); break;
      case DateField.Month: out += pad(d.getUTCMonth() + 1); break;
      case DateField.Day: out += pad(d.getUTCDate()); break;
      case DateField.Hour: out += pad(d.getUTCHours()); break;
      case DateField.Minute: out += pad(d.getUTCMinutes()); break;
      case DateField.Second: out += pad(d.getUTCSeconds()); break;
      case DateField.Millisecond: out += pad(d.getUTCMilliseconds(), 3); break;
      default: out += p;
    }
  }
  return out;
}

/** The fields a date pattern can print; numbers, so that they never collide with literal text (always a string). */
const DateField = { Year: 0, Month: 1, Day: 2, Hour: 3, Minute: 4, Second: 5, Millisecond: 6 } as const;
type DateField = (typeof DateField)[keyof typeof DateField];
const DATE_FIELDS: ReadonlyMap<string, DateField> = new Map([
  ["yyyy", DateField.Year], ["MM", DateField.Month], ["dd", DateField.Day], ["HH", DateField.Hour], ["mm", DateField.Minute],
  ["ss", DateField.Second], ["SSS", DateField.Millisecond],
]);
const DATE_TOKEN = /yyyy|MM|dd|HH|mm|ss|SSS/y;

/**
 * Splits a pattern into fields and literal text. An unterminated quote runs to the end of the pattern (Java rejects
 * it; a job should not fail on a format string, so the rest is taken literally).
 */
function compileDatePattern(pattern: string): (DateField | string)[] {
  const parts: (DateField | string)[] = [];
  let text = "";
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      // `''` is a quote; otherwise a quoted run up to the next lone quote, where `''` again means one quote.
      if (pattern[i + 1] === "'") { text += "'"; i += 2; continue; }
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'" && pattern[i + 1] === "'") { text += "'"; i += 2; }
        else if (pattern[i] === "'") { i++; break; }
        else text += pattern[i++];
      }
      continue;
    }
    DATE_TOKEN.lastIndex = i;
    const token = DATE_TOKEN.exec(pattern);
    if (token === null) { text += pattern[i++]; continue; }
    if (text !== "") parts.push(text);
    text = "";
    parts.push(DATE_FIELDS.get(token[0])!);
    i += token[0].length;
  }
  if (text !== "") parts.push(text);
  return parts;
}
const DATE_PATTERNS = new Map<string, (DateField | string)[]>();

const REGEXPS = new Map<string, RegExp>();

/**
 * `regexpExtract(s, pattern, group = 1)`: the group of the first match (Flink's REGEXP_EXTRACT), null when the
 * pattern does not match or the group did not take part; "" when it matched empty.
 */
export function regexpExtract(s: string, pattern: string, group = 1): string | null {
  let re = REGEXPS.get(pattern);
  if (re === undefined) REGEXPS.set(pattern, (re = new RegExp(pattern)));
  const m = re.exec(s);
  return m === null ? null : (m[group] ?? null);
}

/** `splitIndex(s, sep, i)`: the i-th (0-based) piece of s split by sep, null when out of range (Flink's SPLIT_INDEX). */
export function splitIndex(s: string, sep: string, index: number): string | null {
  let from = 0;
  for (let i = 0; i < index; i++) {
    const at = s.indexOf(sep, from);
    if (at < 0) return null;
    from = at + sep.length;
  }
  const end = s.indexOf(sep, from);
  return end < 0 ? s.substring(from) : s.substring(from, end);
}

// CEP iterative functions over the events a stage has accepted (`sum(s.f)`, `avg(s.f)`, `min(s.f)`, `max(s.f)`).

/** `sum(s.f)`: 0 for a stage without events. */
export function stageSum<E>(events: readonly E[], f: (e: E) => number): number {
  let total = 0;
  for (const e of events) total += f(e);
  return total;
}

/** `avg(s.f)`: null for a stage without events. */
export function stageAvg<E>(events: readonly E[], f: (e: E) => number): number | null {
  return events.length === 0 ? null : stageSum(events, f) / events.length;
}

/** `min(s.f)` (numbers, strings, timestamps): null for a stage without events. */
export function stageMin<E, V extends number | string>(events: readonly E[], f: (e: E) => V): V | null {
  let best: V | null = null;
  for (const e of events) {
    const v = f(e);
    if (best === null || v < best) best = v;
  }
  return best;
}

/** `max(s.f)`: null for a stage without events. */
export function stageMax<E, V extends number | string>(events: readonly E[], f: (e: E) => V): V | null {
  let best: V | null = null;
  for (const e of events) {
    const v = f(e);
    if (best === null || v > best) best = v;
  }
  return best;
}
