// Nested-loop reference joins: the obviously correct (and slow) results the join operators are checked against.

/** An input element with its event timestamp. */
export interface Timed<T> {
  readonly value: T;
  readonly timestamp: number;
}

/** A time window [start, end) as Flink's TimeWindow; results fired by it carry end − 1. */
export interface OracleWindow {
  readonly start: number;
  readonly end: number;
}

export interface JoinedPair<A, B> {
  readonly left: A;
  readonly right: B;
  readonly leftTimestamp: number;
  readonly rightTimestamp: number;
  /** Timestamp of the result record. */
  readonly timestamp: number;
}

export interface IntervalBounds {
  readonly lower: number;
  readonly upper: number;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

/** Every (left, right) with equal keys and right.ts within [left.ts + lower, left.ts + upper] (bounds as given). */
export function intervalJoinOracle<A, B>(
  lefts: readonly Timed<A>[],
  rights: readonly Timed<B>[],
  leftKey: (a: A) => unknown,
  rightKey: (b: B) => unknown,
  bounds: IntervalBounds,
): JoinedPair<A, B>[] {
  const pairs: JoinedPair<A, B>[] = [];
  for (const l of lefts) {
    for (const r of rights) {
      if (!sameKey(leftKey(l.value), rightKey(r.value))) continue;
      const d = r.timestamp - l.timestamp;
      const aboveLower = bounds.lowerInclusive ? d >= bounds.lower : d > bounds.lower;
      const belowUpper = bounds.upperInclusive ? d <= bounds.upper : d < bounds.upper;
      if (aboveLower && belowUpper) {
        pairs.push({ left: l.value, right: r.value, leftTimestamp: l.timestamp, rightTimestamp: r.timestamp, timestamp: Math.max(l.timestamp, r.timestamp) });
      }
    }
  }
  return pairs;
}

/** The windows of a tumbling assigner that contain `ts` (exactly one). */
export function tumblingWindowsOf(size: number, offset = 0): (ts: number) => OracleWindow[] {
  return (ts) => {
    // why: a plain loop over candidate starts, independent of any modulo trick the assigner uses
    const out: OracleWindow[] = [];
    const first = Math.floor((ts - offset) / size) * size + offset;
    for (let start = first - size; start <= first + size; start += size) if (start <= ts && ts < start + size) out.push({ start, end: start + size });
    return out;
  };
}

/** The windows of a sliding assigner that contain `ts` (size / slide of them when slide divides size). */
export function slidingWindowsOf(size: number, slide: number, offset = 0): (ts: number) => OracleWindow[] {
  return (ts) => {
    const out: OracleWindow[] = [];
    const base = Math.floor((ts - offset) / slide) * slide + offset;
    // why: scan aligned starts generously on both sides and keep the windows that contain ts
    for (let k = -1; k <= Math.ceil(size / slide) + 1; k++) {
      const start = base - k * slide;
      if (start <= ts && ts < start + size) out.push({ start, end: start + size });
    }
    return out;
  };
}

export interface WindowedPair<A, B> {
  readonly left: A;
  readonly right: B;
  readonly window: OracleWindow;
  /** window.end − 1, the timestamp of everything a window emits. */
  readonly timestamp: number;
}

/** Every (left, right, window) with equal keys where the window contains both timestamps. */
export function windowJoinOracle<A, B>(
  lefts: readonly Timed<A>[],
  rights: readonly Timed<B>[],
  leftKey: (a: A) => unknown,
  rightKey: (b: B) => unknown,
  windowsOf: (ts: number) => OracleWindow[],
): WindowedPair<A, B>[] {
  const pairs: WindowedPair<A, B>[] = [];
  for (const l of lefts) {
    for (const r of rights) {
      if (!sameKey(leftKey(l.value), rightKey(r.value))) continue;
      for (const w of windowsOf(l.timestamp)) {
        if (w.start <= r.timestamp && r.timestamp < w.end) pairs.push({ left: l.value, right: r.value, window: w, timestamp: w.end - 1 });
      }
    }
  }
  return pairs;
}

export interface CoGroup<A, B> {
  readonly key: unknown;
  readonly window: OracleWindow;
  readonly lefts: A[];
  readonly rights: B[];
  readonly timestamp: number;
}

/** One group per (key, window) holding at least one element of either side; one side may be empty. */
export function coGroupOracle<A, B>(
  lefts: readonly Timed<A>[],
  rights: readonly Timed<B>[],
  leftKey: (a: A) => unknown,
  rightKey: (b: B) => unknown,
  windowsOf: (ts: number) => OracleWindow[],
): CoGroup<A, B>[] {
  const groups: CoGroup<A, B>[] = [];
  const find = (key: unknown, w: OracleWindow): CoGroup<A, B> => {
    let g = groups.find((x) => sameKey(x.key, key) && x.window.start === w.start && x.window.end === w.end);
    if (g === undefined) {
      g = { key, window: w, lefts: [], rights: [], timestamp: w.end - 1 };
      groups.push(g);
    }
    return g;
  };
  for (const l of lefts) for (const w of windowsOf(l.timestamp)) find(leftKey(l.value), w).lefts.push(l.value);
  for (const r of rights) for (const w of windowsOf(r.timestamp)) find(rightKey(r.value), w).rights.push(r.value);
  return groups;
}

/** Keys are equal when their JSON forms are (composite keys compare by value, as the engine's keys do). */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A multiset as a sorted list of canonical strings, so two results compare with deepEqual. */
export function multiset<T>(items: Iterable<T>, show: (item: T) => string = (x) => JSON.stringify(x)): string[] {
  return [...items].map(show).sort();
}
