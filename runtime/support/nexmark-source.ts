// The nexmark connector of .flow: one generator per distinct configuration, shared by the person/auction/bid views
// that read it (Flink's one datagen table and three views), and the operator that cuts a view out of the events.
import {
  AbstractStreamOperator, NexmarkSource, WatermarkStrategy, nexmark, type DataStream, type RecordBatch, type StreamExecutionEnvironment,
} from "../index.js";

type NexmarkEvent = nexmark.NexmarkEvent;

/**
 * The generated event stream for `settings` (connector arguments already renamed to generator settings) with
 * `overrides` (RunOptions.nexmark) on top; the watermark is `max(dateTime) - delay`, declared on the union as in
 * Flink's DDL, so every view sees the same event-time progress. The reader gives each event its time (no assigner).
 */
export function nexmarkEvents(env: StreamExecutionEnvironment, settings: Readonly<Record<string, unknown>>, overrides: Readonly<Record<string, unknown>>, delayMs: number | null, idleMs: number | null): DataStream<NexmarkEvent> {
  // why null: a job without event-time operators needs the events' timestamps but no watermarks
  let strategy = delayMs === null ? WatermarkStrategy.noWatermarks<NexmarkEvent>() : WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(delayMs);
  if (idleMs !== null) strategy = strategy.withIdleness(idleMs);
  return env.fromSource(new NexmarkSource({ ...settings, ...overrides }), strategy, "source:nexmark");
}

/** Emits the person, auction or bid of each event of one type (`type` = Flink's event_type: 0, 1, 2). */
export class NexmarkViewOperator<T> extends AbstractStreamOperator<T> {
  /** It only picks fields of the event it is given. */
  readonly movable = true;

  constructor(name: string, private readonly type: 0 | 1 | 2) {
    super(name);
  }

  processBatch(batch: RecordBatch<NexmarkEvent>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const views = values as unknown[];
    let kept = 0;
    // why in place: the view's records go over the events they come from and the batch goes on whole
    // (Output.collectBatch) — no call per record; one switch outside the loop keeps each loop's property load
    // monomorphic (e.bid, e.auction or e.person)
    switch (this.type) {
      case 2: for (let i = 0; i < n; i++) { const e = values[i]!; if (e.type === 2) { views[kept] = e.bid; timestamps[kept++] = timestamps[i]!; } } break;
      case 1: for (let i = 0; i < n; i++) { const e = values[i]!; if (e.type === 1) { views[kept] = e.auction; timestamps[kept++] = timestamps[i]!; } } break;
      case 0: for (let i = 0; i < n; i++) { const e = values[i]!; if (e.type === 0) { views[kept] = e.person; timestamps[kept++] = timestamps[i]!; } } break;
    }
    batch.length = kept;
    if (kept > 0) this.output.collectBatch(batch as unknown as RecordBatch<T>);
  }
}

/** A view of the shared events as a stream of one table's records. */
export function nexmarkView<T>(events: DataStream<NexmarkEvent>, table: "person" | "auction" | "bid"): DataStream<T> {
  const type = table === "person" ? 0 : table === "auction" ? 1 : 2;
  return events.transform<T>(`view:${table}`, () => new NexmarkViewOperator<T>(`view:${table}`, type));
}
