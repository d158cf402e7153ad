// The nexmark connector of .flow: one generator per distinct configuration, shared by the person/auction/bid views
// that read it (Flink's one datagen table and three views), and the operator that cuts a view out of the events.
import {
  AbstractStreamOperator, NexmarkSource, WatermarkStrategy, nexmark, type DataStream, type RecordBatch, type StreamExecutionEnvironment,
} from "../../runtime/index.js";

type NexmarkEvent = nexmark.NexmarkEvent;

/**
 * The generated event stream for `settings` (connector arguments already renamed to generator settings) with
 * `overrides` (RunOptions.nexmark) on top; the watermark is `max(dateTime) - delay`, declared on the union as in
 * Flink's DDL, so every view sees the same event-time progress.
 */
export function nexmarkEvents(env: StreamExecutionEnvironment, settings: Readonly<Record<string, unknown>>, overrides: Readonly<Record<string, unknown>>, delayMs: number, idleMs: number | null): DataStream<NexmarkEvent> {
  let strategy = WatermarkStrategy.forBoundedOutOfOrderness<NexmarkEvent>(delayMs).withTimestampAssigner(nexmark.eventTime);
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
    const out = this.output;
    // why: one switch outside the loop keeps each loop's property load monomorphic (e.bid, e.auction or e.person)
    switch (this.type) {
      case 2: for (let i = 0; i < batch.length; i++) { const e = values[i]!; if (e.type === 2) out.collect(e.bid as T, timestamps[i]!); } break;
      case 1: for (let i = 0; i < batch.length; i++) { const e = values[i]!; if (e.type === 1) out.collect(e.auction as T, timestamps[i]!); } break;
      case 0: for (let i = 0; i < batch.length; i++) { const e = values[i]!; if (e.type === 0) out.collect(e.person as T, timestamps[i]!); } break;
    }
  }
}

/** A view of the shared events as a stream of one table's records. */
export function nexmarkView<T>(events: DataStream<NexmarkEvent>, table: "person" | "auction" | "bid"): DataStream<T> {
  const type = table === "person" ? 0 : table === "auction" ? 1 : 2;
  return events.transform<T>(`view:${table}`, () => new NexmarkViewOperator<T>(`view:${table}`, type));
}
