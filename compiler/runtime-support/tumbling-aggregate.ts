// The base of generated keyed tumbling-window aggregates: accumulators live in the keyed state backend (one per key
// and window start, so checkpoints and rescaling work as for any keyed state) and are updated in place by the
// generated `processBatch`; event-time timers fire `emit` at the window's end and clear state after the lateness.
import { AbstractStreamOperator, ValueStateDescriptor, type OutputTag, type RecordBatch } from "../../runtime/index.js";

/** The parts of the heap value state the operator uses (namespaced access is not in the public State interface). */
interface NamespacedValue<V> {
  setCurrentNamespace(namespace: unknown): void;
  value(): V | undefined;
  update(value: V): void;
  clear(): void;
}

interface WindowTimer {
  readonly timestamp: number;
  readonly key: unknown;
  readonly namespace: number;
}

interface Timers {
  registerEventTimeTimer(namespace: number, timestamp: number): void;
}

// LATE: the record type at the window, what late records carry; it differs from IN when a chain is fused before.
export abstract class TumblingAggregateOperator<IN, ACC extends object, OUT, LATE = IN> extends AbstractStreamOperator<OUT> {
  private accumulators!: NamespacedValue<ACC>;
  private timers!: Timers;
  /** Set by `accumulatorFor`: the window had fired already (allowed lateness), so the update must fire it again. */
  protected refire = false;
  private refireStart = 0;

  constructor(
    name: string,
    protected readonly sizeMs: number,
    protected readonly latenessMs: number,
    protected readonly lateTag: OutputTag<LATE> | null,
  ) {
    super(name);
  }

  override open(): void {
    this.accumulators = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<ACC>("window-accumulators")) as unknown as NamespacedValue<ACC>;
    this.timers = this.getInternalTimerService<number>("window-timers", {
      onEventTime: (timer) => this.onTimer(timer as WindowTimer),
      onProcessingTime: () => {},
    });
  }

  /** A fresh accumulator: one field per aggregate (generated). */
  protected abstract createAccumulator(): ACC;
  /** Computes the output of one key and window from its accumulator and emits it (generated). */
  protected abstract emit(key: unknown, acc: ACC, start: number, end: number): void;

  /**
   * The accumulator of `key` in the window holding `timestamp`, created on first use; null when that window is
   * closed (its end plus the allowed lateness is behind the watermark): the record is late.
   */
  protected accumulatorFor(key: unknown, timestamp: number): ACC | null {
    const size = this.sizeMs;
    const start = timestamp - (((timestamp % size) + size) % size);
    const maxTimestamp = start + size - 1;
    const watermark = this.currentWatermark();
    if (maxTimestamp + this.latenessMs <= watermark) return null;
    this.keyedBackend.setCurrentKey(key);
    const state = this.accumulators;
    state.setCurrentNamespace(start);
    let acc = state.value();
    if (acc === undefined) {
      acc = this.createAccumulator();
      state.update(acc);
      this.timers.registerEventTimeTimer(start, maxTimestamp);
      if (this.latenessMs > 0) this.timers.registerEventTimeTimer(start, maxTimestamp + this.latenessMs);
    }
    // why: as Flink's EventTimeTrigger, an element for a window that already fired fires it again at once
    this.refire = maxTimestamp <= watermark;
    this.refireStart = start;
    return acc;
  }

  /** Fires the window of the last `accumulatorFor` again (a late record within the allowed lateness). */
  protected fireAgain(acc: ACC): void {
    this.emit(this.keyedBackend.currentKey, acc, this.refireStart, this.refireStart + this.sizeMs);
  }

  /** A late record goes to the `lateTo` side output, or is dropped. */
  protected late(record: LATE, timestamp: number): void {
    if (this.lateTag !== null) this.output.collectSide(this.lateTag as OutputTag<unknown>, record, timestamp);
  }

  private onTimer(timer: WindowTimer): void {
    const start = timer.namespace;
    const maxTimestamp = start + this.sizeMs - 1;
    const state = this.accumulators;
    state.setCurrentNamespace(start);
    const acc = state.value();
    if (acc === undefined) return;
    if (timer.timestamp === maxTimestamp) this.emit(timer.key, acc, start, start + this.sizeMs);
    if (timer.timestamp === maxTimestamp + this.latenessMs) state.clear();
  }
}
