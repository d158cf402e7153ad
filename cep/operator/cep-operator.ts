// The keyed CEP operator (Flink's CepOperator): buffers each key's events until the watermark passes them, feeds them to the key's matcher in time order, emits matches and timeouts.
import {
  AbstractStreamOperator,
  type Collector,
  EddyError,
  MapStateDescriptor,
  NO_TIMESTAMP,
  type OutputTag,
  type RecordBatch,
  ValueStateDescriptor,
} from "../../runtime/index.js";
import { type HeapMapState, type HeapValueState, type InternalTimerService, type Key, VOID_NAMESPACE } from "../../runtime/spi.js";
import type { CompiledPattern } from "../nfa/compiled-pattern.js";
import type { Match, TimedOutMatch } from "../nfa/match-types.js";
import type { MatcherSnapshot } from "../nfa/matcher-snapshot.js";
import type { Matcher } from "../nfa/matcher.js";
import {
  type EventComparator,
  type PatternContext,
  type PatternProcessFunction,
  type TimedOutPartialMatchHandler,
  isTimedOutPartialMatchHandler,
} from "./pattern-functions.js";

export interface CepOperatorSettings<IN> {
  readonly pattern: CompiledPattern<IN>;
  readonly timeDomain: "EVENT_TIME" | "PROCESSING_TIME";
  /** Orders events with equal timestamps; null keeps arrival order. */
  readonly comparator: EventComparator<IN> | null;
  /** Where events at or behind the watermark go; null drops them (counted in lateRecordsDropped). */
  readonly lateDataTag: OutputTag<IN> | null;
}

/** State names, also the names under which checkpoints store the operator's keyed state. */
export const MATCHER_STATE = "cep-matcher";
export const BUFFER_STATE = "cep-event-buffer";
const TIMER_SERVICE = "cep-timers";

/** The context handed to the pattern function; one instance, its timestamp rewritten per match. */
class MatchContext implements PatternContext {
  ts = NO_TIMESTAMP;
  constructor(private readonly op: CepOperator<any, any>) {}
  timestamp(): number {
    return this.ts;
  }
  currentProcessingTime(): number {
    return this.op.processingTime();
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.op.emitSide(tag as OutputTag<unknown>, value);
  }
}

/**
 * Per key: MATCHER_STATE holds the key's Matcher (absent while it would be a fresh one), and
 * BUFFER_STATE maps a timestamp to the events that arrived with it.
 *
 * Event time: an event (1) at or behind the watermark is late: side output or dropped; (2) else
 * is buffered, with a timer at its timestamp. When the watermark passes a timer the key's due
 * events are fed in timestamp order (ties: comparator, then arrival) — advanceTime(ts), then
 * process(e, ts) — and the matcher is advanced to the watermark, which reports timeouts. A timer
 * at the matcher's next expiry makes timeouts appear at the first watermark that reaches it.
 * Processing time: events are fed at once with the clock's time (or, with a comparator, buffered
 * until the clock moves on); timers at the next expiry report timeouts.
 */
export class CepOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  /** Late events dropped because no late-data side output was given (Flink's numLateRecordsDropped). */
  lateRecordsDropped = 0;

  private matchers!: HeapValueState<Matcher<IN>>;
  private buffer!: HeapMapState<number, IN[]>;
  private timers!: InternalTimerService<unknown>;
  private keySelector!: (value: IN) => Key;
  private readonly eventTime: boolean;
  private readonly timeoutHandler: TimedOutPartialMatchHandler<IN> | null;
  private readonly context = new MatchContext(this);
  /** Timestamp of records collected now: the match's, or none in processing time. */
  private current = NO_TIMESTAMP;
  /** Processing time never runs backwards for a matcher, even if the clock does. */
  private lastProcessingTime = Number.NEGATIVE_INFINITY;
  /** Set while finish() drains: no timers are registered any more. */
  private finishing = false;
  /** An empty matcher no key holds, handed to the next key that needs one. */
  private spare: Matcher<IN> | null = null;

  constructor(
    name: string,
    private readonly fn: PatternProcessFunction<IN, OUT>,
    private readonly settings: CepOperatorSettings<IN>,
  ) {
    super(name);
    this.eventTime = settings.timeDomain === "EVENT_TIME";
    this.timeoutHandler = isTimedOutPartialMatchHandler<IN>(fn) ? fn : null;
  }

  override async open(): Promise<void> {
    const keySelector = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keySelector == null) {
      throw new EddyError("user", "the CEP operator needs a keyed stream: create it with CEP.pattern(stream, pattern)", this.errorContext(), { retriable: false });
    }
    this.keySelector = keySelector;
    const pattern = this.settings.pattern;
    const backend = this.keyedBackend;
    // why: matchers are class instances holding a graph of buffer nodes; checkpoints need plain data
    const matcherState = new ValueStateDescriptor<Matcher<IN>>(MATCHER_STATE).withSerializer({
      toSnapshot: (m: Matcher<IN>) => m.snapshot(),
      fromSnapshot: (data: unknown) => pattern.restoreMatcher(data as MatcherSnapshot<IN>),
    });
    // why: entries instead of a Map, so the whole operator snapshot is JSON when the events are;
    // bucket arrays copied, as later events are pushed onto the live ones
    const bufferState = new MapStateDescriptor<number, IN[]>(BUFFER_STATE).withSerializer({
      toSnapshot: (m: Map<number, IN[]>) => Array.from(m, ([ts, events]) => [ts, events.slice()]),
      fromSnapshot: (data: unknown) => new Map(data as [number, IN[]][]),
    });
    this.matchers = backend.getOrCreateState(matcherState) as HeapValueState<Matcher<IN>>;
    this.buffer = backend.getOrCreateState(bufferState) as HeapMapState<number, IN[]>;
    this.timers = this.getInternalTimerService<unknown>(TIMER_SERVICE, {
      onEventTime: (timer) => this.onTimer(timer.key, this.currentWatermark()),
      onProcessingTime: (timer) => this.onTimer(timer.key, this.processingTime()),
    });
    await this.openFunction(this.fn);
  }

  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }

  /** Keys holding a matcher, and buffered (key, timestamp) buckets: both 0 once every key is idle (tests, metrics). */
  stateSize(): { matchers: number; bufferedTimestamps: number } {
    let bufferedTimestamps = 0;
    this.buffer.table.forEach((_ns, _key, m) => (bufferedTimestamps += (m as Map<number, IN[]>).size));
    return { matchers: this.matchers.table.size, bufferedTimestamps };
  }

  /** The pattern function's collector. */
  collect(value: OUT): void {
    this.output.collect(value, this.current);
  }

  /** @internal for the match context */
  emitSide(tag: OutputTag<unknown>, value: unknown): void {
    this.output.collectSide(tag, value, this.current);
  }

  /** @internal for the match context */
  processingTime(): number {
    const now = this.ctx.clock.now();
    if (now > this.lastProcessingTime) this.lastProcessingTime = now;
    return this.lastProcessingTime;
  }

  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const backend = this.keyedBackend;
    const keyOf = this.keySelector;
    let i = 0;
    try {
      for (; i < n; i++) {
        backend.setCurrentKey(keyOf(values[i]!));
        this.processElement(values[i]!, timestamps[i]!);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private processElement(value: IN, ts: number): void {
    if (!this.eventTime) {
      const now = this.processingTime();
      if (this.settings.comparator !== null) {
        // why: events of the same millisecond are sorted together once the timer at `now` fires
        if (this.bufferEvent(value, now)) this.timers.registerProcessingTimeTimer(VOID_NAMESPACE, now);
        return;
      }
      const matcher = this.matcher();
      this.advance(matcher, now);
      this.feed(matcher, value, now);
      this.store(matcher);
      return;
    }
    if (ts === NO_TIMESTAMP) {
      throw new EddyError(
        "user",
        "CEP in event time needs record timestamps: assign them with assignTimestampsAndWatermarks(...) upstream, or use inProcessingTime()",
        { ...this.errorContext(), record: value },
        { retriable: false },
      );
    }
    // Flink's rule: at or behind the watermark an event can no longer be put in order.
    if (ts > this.currentWatermark()) {
      if (this.bufferEvent(value, ts)) this.timers.registerEventTimeTimer(VOID_NAMESPACE, ts);
    } else if (this.settings.lateDataTag !== null) {
      this.output.collectSide(this.settings.lateDataTag as OutputTag<unknown>, value, ts);
    } else {
      this.lateRecordsDropped++;
    }
  }

  private onTimer(key: Key, time: number): void {
    try {
      this.drain(time, time);
    } catch (e) {
      throw this.failure(e, { key });
    }
  }

  /** Adds the event to its timestamp's bucket; true when the bucket is new (needs a timer). */
  private bufferEvent(value: IN, ts: number): boolean {
    const bucket = this.buffer.get(ts);
    if (bucket !== undefined) {
      bucket.push(value);
      return false;
    }
    this.buffer.put(ts, [value]);
    return true;
  }

  /**
   * Feeds the current key's buffered events with timestamps ≤ `upTo`, then advances its matcher
   * to `advanceTo` (Flink's onEventTime steps 1–4).
   */
  private drain(upTo: number, advanceTo: number): void {
    // 1. The due timestamps, in order. why: usually there is one, so no array is made for it.
    let first = Number.NaN;
    let due: number[] | undefined;
    for (const ts of this.buffer.keys()) {
      if (ts > upTo) continue;
      if (Number.isNaN(first)) first = ts;
      else (due ??= [first]).push(ts);
    }
    const matcher = this.matcher();
    if (due !== undefined) {
      due.sort(byNumber);
      for (let i = 0; i < due.length; i++) this.feedBucket(matcher, due[i]!);
    } else if (!Number.isNaN(first)) this.feedBucket(matcher, first);
    // 3. Expire what the watermark (or clock) has passed.
    this.advance(matcher, advanceTo);
    // 4. Keep the matcher only if it holds something.
    this.store(matcher);
  }

  /** 2. Feeds one timestamp's events: time first advances to it, as the NFA expects. */
  private feedBucket(matcher: Matcher<IN>, ts: number): void {
    this.advance(matcher, ts);
    let events = this.buffer.get(ts)!;
    const comparator = this.settings.comparator;
    // why: Array.prototype.sort is stable, so ties under the comparator keep arrival order
    if (comparator !== null && events.length > 1) events = [...events].sort(comparator);
    for (let i = 0; i < events.length; i++) this.feed(matcher, events[i]!, ts);
    this.buffer.remove(ts);
  }

  private matcher(): Matcher<IN> {
    const stored = this.matchers.value();
    if (stored !== undefined) return stored;
    const spare = this.spare;
    if (spare === null) return this.settings.pattern.newMatcher();
    this.spare = null;
    return spare;
  }

  /** Saves the key's matcher, or drops it when a fresh one would do; re-arms the expiry timer. */
  private store(matcher: Matcher<IN>): void {
    if (matcher.isEmpty()) {
      this.matchers.clear();
      // why: an empty matcher behaves as a fresh one, so the next idle key can use it (saves four objects per event)
      matcher.timerAt = Number.NaN;
      this.spare = matcher;
      return;
    }
    this.matchers.update(matcher);
    const expiry = matcher.nextTimeout();
    // why: a timer at this expiry is already set (a fired one would have expired the run and moved the expiry)
    if (expiry === Number.POSITIVE_INFINITY || expiry === matcher.timerAt || this.finishing) return;
    matcher.timerAt = expiry;
    if (this.eventTime) this.timers.registerEventTimeTimer(VOID_NAMESPACE, expiry);
    else this.timers.registerProcessingTimeTimer(VOID_NAMESPACE, expiry);
  }

  private advance(matcher: Matcher<IN>, ts: number): void {
    const result = matcher.advanceTime(ts);
    if (result.matches.length > 0) this.emitMatches(result.matches, ts);
    if (result.timeouts.length > 0) this.emitTimeouts(result.timeouts);
  }

  private feed(matcher: Matcher<IN>, event: IN, ts: number): void {
    const matches = matcher.process(event, ts);
    if (matches.length > 0) this.emitMatches(matches, ts);
  }

  private emitMatches(matches: readonly Match<IN>[], ts: number): void {
    this.setTimestamp(ts);
    for (const m of matches) this.fn.processMatch(m, this.context, this);
  }

  private emitTimeouts(timeouts: readonly TimedOutMatch<IN>[]): void {
    const handler = this.timeoutHandler;
    if (handler === null) return;
    for (const t of timeouts) {
      this.setTimestamp(t.timestamp);
      handler.processTimedOutMatch(t.match, this.context);
    }
  }

  private setTimestamp(ts: number): void {
    this.context.ts = ts;
    // why: as in Flink, processing-time results carry no event timestamp
    this.current = this.eventTime ? ts : NO_TIMESTAMP;
  }

  /**
   * Bounded input in processing time with a comparator: events still waiting for their timer are
   * fed now, since processing-time timers do not fire after the input ended.
   */
  override finish(): void {
    if (this.eventTime || this.settings.comparator === null) return;
    this.finishing = true;
    const backend = this.keyedBackend;
    const now = this.processingTime();
    try {
      backend.forEachKey(BUFFER_STATE, VOID_NAMESPACE, (key, normalized) => {
        backend.setCurrentKeyNormalized(key, normalized);
        this.drain(Number.POSITIVE_INFINITY, now);
      });
    } catch (e) {
      throw this.failure(e);
    }
  }
}

const byNumber = (a: number, b: number): number => a - b;
