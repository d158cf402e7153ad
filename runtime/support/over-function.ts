// The keyed function behind `over` (Flink SQL's OVER aggregation): each record comes out once, in event-time order (or
// in arrival order, by processing time), extended with aggregates over the frame of its key's rows that ends at it.
// Shared by the fused and interpreted paths.
import {
  MapStateDescriptor, ValueStateDescriptor, type Collector, type KeyedProcessContext, type KeyedProcessFunction, type MapState,
  type OnTimerContext, type RuntimeContext, type TimerService, type ValueState,
} from "../index.js";

export type OverAggregateKind = "count" | "sum" | "avg" | "min" | "max" | "first" | "last";

export interface OverAggregate<T> {
  /** The output field the value is written to. */
  readonly field: string;
  readonly fn: OverAggregateKind;
  /** The argument read from a row; null for `count()` (every row counts). */
  readonly arg: ((row: T) => unknown) | null;
}

export interface OverSpec<T> {
  /**
   * `rows`: the current row and the `preceding` rows before it (ties in time by arrival); `range`: every row whose
   * timestamp is at most `preceding` ms before the current row's, peers (equal timestamps) included. `preceding`
   * null: every row so far (UNBOUNDED PRECEDING).
   */
  readonly unit: "rows" | "range";
  readonly preceding: number | null;
  readonly aggregates: readonly OverAggregate<T>[];
  /**
   * `event` (the default): rows in event-time order, released by the watermark. `processing`: rows in arrival order,
   * each emitted as it arrives, a RANGE frame spanning the processing-time clock (Flink's ProcTime*Function). Unlike
   * Flink, a RANGE row does not wait for the clock's millisecond to end so that the rows arriving later in it join its
   * frame: the timer that would release it is dropped at the end of a bounded input, and its rows with it.
   */
  readonly time?: "event" | "processing";
}

/** A frame's running aggregate of one argument; SQL semantics: nulls are skipped, min/max/sum/avg of none is null. */
interface Acc {
  /** Non-null arguments seen (rows seen for `count()`). */
  n: number;
  sum: number;
  min: unknown;
  max: unknown;
  first: unknown;
  last: unknown;
  /** Rows seen, nulls included: `first` is the frame's first row's value, as `aggregate`'s `first`. */
  rows: number;
}

/** A retained row of a bounded frame with its timestamp (RANGE evicts by it). */
interface Timed<T> {
  readonly ts: number;
  readonly row: T;
}

const freshAcc = (): Acc => ({ n: 0, sum: 0, min: null, max: null, first: null, last: null, rows: 0 });

function resetAcc(a: Acc): void {
  a.n = 0; a.sum = 0; a.min = null; a.max = null; a.first = null; a.last = null; a.rows = 0;
}

function accumulate<T>(accs: Acc[], aggregates: readonly OverAggregate<T>[], row: T): void {
  for (let i = 0; i < aggregates.length; i++) {
    const agg = aggregates[i]!;
    const a = accs[i]!;
    const v = agg.arg === null ? 1 : agg.arg(row);
    if (a.rows === 0) a.first = v;
    a.last = v;
    a.rows++;
    // why `== null`: a field absent from the record reads as undefined, which is null to `.flow` as to SQL
    if (v == null) continue;
    a.n++;
    if (agg.fn === "sum" || agg.fn === "avg") a.sum += v as number;
    else if (agg.fn === "min") { if (a.min === null || (v as number) < (a.min as number)) a.min = v; }
    else if (agg.fn === "max") { if (a.max === null || (v as number) > (a.max as number)) a.max = v; }
  }
}

function resultOf(fn: OverAggregateKind, a: Acc): unknown {
  switch (fn) {
    case "count": return a.n;
    case "sum": return a.n === 0 ? null : a.sum;
    case "avg": return a.n === 0 ? null : a.sum / a.n;
    case "min": return a.min;
    case "max": return a.max;
    case "first": return a.first;
    case "last": return a.last;
  }
}

type OverState<T, R> = KeyedProcessFunction<unknown, T, R> & {
  pending: MapState<number, T[]>;
  retained: ValueState<Timed<T>[]>;
  running: ValueState<Acc[]>;
  scratch: Acc[];
};

/**
 * `over rows n`, `over range d`, `over unbounded` (and `over rows unbounded`). Steps, as Flink's RowTime*Function:
 * 1. a row at or behind the watermark is late and dropped; any other waits in `pending` under its timestamp, with an
 *    event-time timer there;
 * 2. when the watermark passes a timestamp, its rows are processed in arrival order: ROWS frames extend and emit one row
 *    at a time; RANGE frames take in all the peers first, then emit each with the same values;
 * 3. bounded frames keep their rows (`retained`: at most n + 1 for ROWS, the last d of event time for RANGE, evicted by
 *    a timer d after the newest) and recompute each result over them, so min/max stay right as rows leave; unbounded
 *    frames keep only accumulators (`running`).
 * Cost per row: O(frame) for bounded frames, O(aggregates) unbounded.
 */
export function overFunction<T extends object, R>(spec: OverSpec<T>): KeyedProcessFunction<unknown, T, R> {
  const { unit, preceding, aggregates } = spec;
  const processing = spec.time === "processing";
  const fn: OverState<T, R> = {
    // why fields, not closure variables: each subtask opens its own shallow copy of this object (copyForSubtask)
    pending: undefined as unknown as MapState<number, T[]>,
    retained: undefined as unknown as ValueState<Timed<T>[]>,
    running: undefined as unknown as ValueState<Acc[]>,
    scratch: [],
    open(ctx: RuntimeContext) {
      this.pending = ctx.getMapState(new MapStateDescriptor<number, T[]>("over-pending"));
      this.retained = ctx.getState(new ValueStateDescriptor<Timed<T>[]>("over-retained"));
      this.running = ctx.getState(new ValueStateDescriptor<Acc[]>("over-running"));
      this.scratch = aggregates.map(freshAcc);
    },
    processElement(value: T, ctx: KeyedProcessContext<unknown>, out: Collector<R>) {
      const timers = ctx.timerService();
      if (processing) return emitArrived(this, value, timers, out);
      const ts = ctx.timestamp();
      // why drop a late row: rows whose frames hold it may already be out (Flink drops late rows too); a row without a
      // timestamp has no place in the order (the compiler requires a watermark, FLOW4033)
      if (ts === null || ts <= timers.currentWatermark()) return;
      const rows = this.pending.get(ts);
      if (rows === undefined) {
        this.pending.put(ts, [value]);
        timers.registerEventTimeTimer(ts);
      } else {
        rows.push(value);
        this.pending.put(ts, rows);
      }
    },
    onTimer(timestamp: number, ctx: OnTimerContext<unknown>, out: Collector<R>) {
      if (processing) return evict(this, timestamp);
      if (preceding === null) return emitUnbounded(this, timestamp, out);
      const retained = this.retained.value() ?? [];
      if (unit === "range") {
        dropBefore(retained, timestamp - preceding);
      }
      const rows = this.pending.get(timestamp);
      if (rows !== undefined) {
        this.pending.remove(timestamp);
        if (unit === "rows") {
          for (const row of rows) {
            retained.push({ ts: timestamp, row });
            if (retained.length > preceding + 1) retained.shift();
            out.collect(withAggregates(this, retained, row));
          }
        } else {
          for (const row of rows) retained.push({ ts: timestamp, row });
          for (const row of rows) out.collect(withAggregates(this, retained, row));
          // the eviction timer: when it fires, every row kept so far is out of any later frame
          ctx.timerService().registerEventTimeTimer(timestamp + preceding + 1);
        }
      }
      if (retained.length === 0) this.retained.clear();
      else this.retained.update(retained);
    },
  };
  return fn;

  /** By processing time: the row joins its frame at the clock's time and comes out at once, in arrival order. */
  function emitArrived(self: OverState<T, R>, row: T, timers: TimerService, out: Collector<R>): void {
    if (preceding === null) {
      // why RANGE as ROWS: by processing time, the unbounded frames are the rows so far either way (as in Flink)
      const accs = self.running.value() ?? aggregates.map(freshAcc);
      accumulate(accs, aggregates, row);
      out.collect(extend(row, accs));
      self.running.update(accs);
      return;
    }
    const now = timers.currentProcessingTime();
    const retained = self.retained.value() ?? [];
    if (unit === "range") {
      dropBefore(retained, now - preceding);
      // the eviction timer: when it fires, this row is out of any later frame, and the key's state may go
      timers.registerProcessingTimeTimer(now + preceding + 1);
    }
    retained.push({ ts: now, row });
    if (unit === "rows" && retained.length > preceding + 1) retained.shift();
    out.collect(withAggregates(self, retained, row));
    self.retained.update(retained);
  }

  /** A processing-time eviction timer: the rows more than `preceding` ms old leave the RANGE frame. */
  function evict(self: OverState<T, R>, now: number): void {
    const retained = self.retained.value();
    if (retained === undefined) return;
    dropBefore(retained, now - preceding!);
    if (retained.length === 0) self.retained.clear();
    else self.retained.update(retained);
  }

  function withAggregates(self: OverState<T, R>, frame: readonly Timed<T>[], row: T): R {
    const accs = self.scratch;
    for (const a of accs) resetAcc(a);
    for (const r of frame) accumulate(accs, aggregates, r.row);
    return extend(row, accs);
  }

  function emitUnbounded(self: OverState<T, R>, timestamp: number, out: Collector<R>): void {
    const rows = self.pending.get(timestamp);
    if (rows === undefined) return;
    self.pending.remove(timestamp);
    const accs = self.running.value() ?? aggregates.map(freshAcc);
    if (unit === "rows") {
      for (const row of rows) {
        accumulate(accs, aggregates, row);
        out.collect(extend(row, accs));
      }
    } else {
      for (const row of rows) accumulate(accs, aggregates, row);
      for (const row of rows) out.collect(extend(row, accs));
    }
    self.running.update(accs);
  }

  function extend(row: T, accs: readonly Acc[]): R {
    const result: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (let i = 0; i < aggregates.length; i++) result[aggregates[i]!.field] = resultOf(aggregates[i]!.fn, accs[i]!);
    return result as R;
  }
}

/** Drops the retained rows before `time` (strictly: a row exactly `preceding` before a later row is still in its frame). */
function dropBefore<T>(retained: Timed<T>[], time: number): void {
  let drop = 0;
  while (drop < retained.length && retained[drop]!.ts < time) drop++;
  if (drop > 0) retained.splice(0, drop);
}
