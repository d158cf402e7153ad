// A brute-force oracle of OVER aggregation (Flink's semantics, docs/language.md "over"): each key's rows sorted by
// timestamp, ties by arrival; every row's frame collected directly from that list and aggregated from scratch.
import fc from "fast-check";

export interface OverEvent {
  readonly k: number;
  readonly v: number | null;
  readonly ts: number;
}

export interface Frame {
  readonly unit: "rows" | "range";
  /** Rows, or milliseconds; null: unbounded. */
  readonly preceding: number | null;
}

/** What every test job computes over `v`: the seven aggregates `over` takes. */
export interface OverAggregates {
  readonly n: number;
  readonly nv: number;
  readonly s: number | null;
  readonly m: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  readonly f: number | null;
  readonly l: number | null;
}

/** The `.flow` field list computing OverAggregates. */
export const OVER_FIELDS = "n: count(), nv: count(v), s: sum(v), m: avg(v), lo: min(v), hi: max(v), f: first(v), l: last(v)";

/** Each input row extended with the aggregates of its frame; `keyed` false: one partition (no keyBy). */
export function overOracle(events: readonly OverEvent[], frame: Frame, keyed: boolean): (OverEvent & OverAggregates)[] {
  const partitions = new Map<number, { e: OverEvent; i: number }[]>();
  events.forEach((e, i) => {
    const key = keyed ? e.k : 0;
    partitions.set(key, [...(partitions.get(key) ?? []), { e, i }]);
  });
  const out: (OverEvent & OverAggregates)[] = [];
  for (const rows of partitions.values()) {
    rows.sort((a, b) => a.e.ts - b.e.ts || a.i - b.i);
    rows.forEach(({ e }, i) => {
      let inFrame: OverEvent[];
      if (frame.unit === "rows") inFrame = rows.slice(frame.preceding === null ? 0 : Math.max(0, i - frame.preceding), i + 1).map((r) => r.e);
      else inFrame = rows.filter((r) => r.e.ts <= e.ts && (frame.preceding === null || r.e.ts >= e.ts - frame.preceding)).map((r) => r.e);
      out.push({ ...e, ...aggregate(inFrame) });
    });
  }
  return out;
}

function aggregate(rows: readonly OverEvent[]): OverAggregates {
  const values = rows.map((r) => r.v).filter((v): v is number => v !== null);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    n: rows.length,
    nv: values.length,
    s: values.length === 0 ? null : sum,
    m: values.length === 0 ? null : sum / values.length,
    lo: values.length === 0 ? null : Math.min(...values),
    hi: values.length === 0 ? null : Math.max(...values),
    f: rows[0]!.v,
    l: rows.at(-1)!.v,
  };
}

/**
 * Rows with timestamps out of order by at most `delay` behind the largest so far (each is `base - jitter`, the bases
 * rising): none is late under a watermark `delay` behind, so every row is in the result. Few keys and small steps make
 * ties in time and frames of several rows common.
 */
export function overEventsArb(delay: number, minLength = 1): fc.Arbitrary<OverEvent[]> {
  const row = fc.record({
    k: fc.integer({ min: 0, max: 3 }),
    v: fc.option(fc.integer({ min: -20, max: 20 }), { freq: 6 }),
    step: fc.integer({ min: 0, max: 3 }),
    jitter: fc.integer({ min: 0, max: delay }),
  });
  return fc.array(row, { minLength, maxLength: Math.max(60, minLength * 2) }).map((xs) => {
    let base = 1_000;
    return xs.map((x) => {
      base += x.step;
      return { k: x.k, v: x.v, ts: base - x.jitter };
    });
  });
}

/** A multiset of rows as sorted JSON lines, with fields in a fixed order (the operator spreads the input first). */
export function canonicalRows(rows: readonly object[]): string[] {
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))).sort();
}
