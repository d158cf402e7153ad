// Per-operator keyed timers in event time and processing time, scoped by key and namespace.
// Costs: register/delete O(1) expected plus O(log n) heap insert for a new timer; fire O(log n).
import type { KeyGroupSnapshot } from "../checkpoint/snapshot.js";
import { type Key, keyGroupOf, type NormalizedKey, normalizeKey } from "../core/key-groups.js";
import { MIN_WATERMARK } from "../core/time.js";
import { TimerHeap } from "./timer-heap.js";

export interface InternalTimer<N> {
  readonly timestamp: number;
  readonly seq: number;
  readonly key: Key;
  readonly normalizedKey: NormalizedKey;
  readonly namespace: N;
}

export interface Triggerable<N> {
  onEventTime(timer: InternalTimer<N>): void;
  onProcessingTime(timer: InternalTimer<N>): void;
}

/** What the timer service needs from its operator: the current key, and how to set it when firing. */
export interface TimerKeyContext {
  readonly currentKey: Key;
  readonly currentNormalizedKey: NormalizedKey;
  setCurrentKeyNormalized(key: Key, normalized: NormalizedKey): void;
}

/**
 * A timer is identified by (timestamp, key, namespace): registering it twice is a no-op, as in
 * Flink. Deletion is lazy: the heap keeps the entry and firing skips timers no longer registered.
 */
export class InternalTimerService<N> {
  private readonly eventHeap = new TimerHeap<InternalTimer<N>>();
  private readonly processingHeap = new TimerHeap<InternalTimer<N>>();
  private readonly eventSet: TimerSets<N> = new Map();
  private readonly processingSet: TimerSets<N> = new Map();
  private seq = 0;
  private watermark = MIN_WATERMARK;
  private nextProcessingScheduled = Number.POSITIVE_INFINITY;

  constructor(
    readonly name: string,
    private readonly keys: TimerKeyContext,
    private readonly triggerable: Triggerable<N>,
    /** Asks the task to call `onProcessingTime(t)` once processing time reaches t. */
    private readonly scheduleProcessingTime: (timestamp: number) => void,
  ) {}

  currentWatermark(): number {
    return this.watermark;
  }

  registerEventTimeTimer(namespace: N, timestamp: number): void {
    if (addTo(this.eventSet, namespace, this.keys.currentNormalizedKey, timestamp)) {
      this.eventHeap.push(this.timer(namespace, timestamp));
    }
  }

  deleteEventTimeTimer(namespace: N, timestamp: number): void {
    removeFrom(this.eventSet, namespace, this.keys.currentNormalizedKey, timestamp);
  }

  registerProcessingTimeTimer(namespace: N, timestamp: number): void {
    if (addTo(this.processingSet, namespace, this.keys.currentNormalizedKey, timestamp)) {
      this.processingHeap.push(this.timer(namespace, timestamp));
      if (timestamp < this.nextProcessingScheduled) {
        this.nextProcessingScheduled = timestamp;
        this.scheduleProcessingTime(timestamp);
      }
    }
  }

  deleteProcessingTimeTimer(namespace: N, timestamp: number): void {
    removeFrom(this.processingSet, namespace, this.keys.currentNormalizedKey, timestamp);
  }

  /** Fires, in timestamp order, every event-time timer at or before the watermark. */
  advanceWatermark(watermark: number): void {
    this.watermark = watermark;
    const heap = this.eventHeap;
    for (let timer = heap.peek(); timer !== undefined && timer.timestamp <= watermark; timer = heap.peek()) {
      heap.pop();
      if (!removeFrom(this.eventSet, timer.namespace, timer.normalizedKey, timer.timestamp)) continue;
      this.keys.setCurrentKeyNormalized(timer.key, timer.normalizedKey);
      this.triggerable.onEventTime(timer);
    }
  }

  /** Fires every processing-time timer at or before `time`, then re-arms for the next one. */
  onProcessingTime(time: number): void {
    this.nextProcessingScheduled = Number.POSITIVE_INFINITY;
    const heap = this.processingHeap;
    for (let timer = heap.peek(); timer !== undefined && timer.timestamp <= time; timer = heap.peek()) {
      heap.pop();
      if (!removeFrom(this.processingSet, timer.namespace, timer.normalizedKey, timer.timestamp)) continue;
      this.keys.setCurrentKeyNormalized(timer.key, timer.normalizedKey);
      this.triggerable.onProcessingTime(timer);
    }
    const next = this.nextLiveProcessingTimer();
    if (next !== undefined && next < this.nextProcessingScheduled) {
      this.nextProcessingScheduled = next;
      this.scheduleProcessingTime(next);
    }
  }

  numEventTimeTimers(): number {
    return countTimers(this.eventSet);
  }

  numProcessingTimeTimers(): number {
    return countTimers(this.processingSet);
  }

  /** Live event-time timers (snapshots, tests), in firing order. */
  eventTimeTimers(): InternalTimer<N>[] {
    return liveTimers(this.eventHeap.toArray(), this.eventSet);
  }

  processingTimeTimers(): InternalTimer<N>[] {
    return liveTimers(this.processingHeap.toArray(), this.processingSet);
  }

  /** Adds the live timers to the snapshot's key groups. */
  snapshotInto(groups: Record<number, KeyGroupSnapshot>, maxParallelism: number, encodeNamespace: (ns: N) => unknown): void {
    const add = (timers: InternalTimer<N>[], kind: "eventTimers" | "processingTimers") => {
      for (const t of timers) {
        const g = (groups[keyGroupOf(t.normalizedKey, maxParallelism)] ??= { states: {}, eventTimers: [], processingTimers: [] });
        g[kind].push([this.name, t.timestamp, t.key, encodeNamespace(t.namespace)]);
      }
    };
    add(this.eventTimeTimers(), "eventTimers");
    add(this.processingTimeTimers(), "processingTimers");
  }

  /** Re-registers this service's timers from restored key groups. */
  restoreFrom(groups: ReadonlyMap<number, KeyGroupSnapshot>, decodeNamespace: (encoded: unknown) => N): void {
    const saved = { key: this.keys.currentKey, normalized: this.keys.currentNormalizedKey };
    for (const g of groups.values()) {
      for (const [service, ts, key, ns] of g.eventTimers) {
        if (service !== this.name) continue;
        this.keys.setCurrentKeyNormalized(key, normalizeKey(key));
        this.registerEventTimeTimer(decodeNamespace(ns), ts);
      }
      for (const [service, ts, key, ns] of g.processingTimers) {
        if (service !== this.name) continue;
        this.keys.setCurrentKeyNormalized(key, normalizeKey(key));
        this.registerProcessingTimeTimer(decodeNamespace(ns), ts);
      }
    }
    this.keys.setCurrentKeyNormalized(saved.key, saved.normalized);
  }

  private nextLiveProcessingTimer(): number | undefined {
    const heap = this.processingHeap;
    for (let timer = heap.peek(); timer !== undefined; timer = heap.peek()) {
      if (has(this.processingSet, timer.namespace, timer.normalizedKey, timer.timestamp)) return timer.timestamp;
      heap.pop(); // why: a deleted timer at the top would otherwise re-arm the clock for nothing
    }
    return undefined;
  }

  private timer(namespace: N, timestamp: number): InternalTimer<N> {
    return { timestamp, seq: this.seq++, key: this.keys.currentKey, normalizedKey: this.keys.currentNormalizedKey, namespace };
  }
}

/**
 * The registered timestamps of one (namespace, key): a plain number for the common single timer,
 * a Set once there are several — so a window's one timer per key costs no Set allocation.
 */
type Timestamps = number | Set<number>;
type TimerSets<N> = Map<N, Map<NormalizedKey, Timestamps>>;

function addTo<N>(sets: TimerSets<N>, ns: N, key: NormalizedKey, ts: number): boolean {
  let byKey = sets.get(ns);
  if (byKey === undefined) {
    byKey = new Map();
    sets.set(ns, byKey);
  }
  const times = byKey.get(key);
  if (times === undefined) {
    byKey.set(key, ts);
    return true;
  }
  if (typeof times === "number") {
    if (times === ts) return false;
    byKey.set(key, new Set([times, ts]));
    return true;
  }
  if (times.has(ts)) return false;
  times.add(ts);
  return true;
}

function removeFrom<N>(sets: TimerSets<N>, ns: N, key: NormalizedKey, ts: number): boolean {
  const byKey = sets.get(ns);
  const times = byKey?.get(key);
  if (times === undefined) return false;
  if (typeof times === "number") {
    if (times !== ts) return false;
  } else {
    if (!times.delete(ts)) return false;
    if (times.size > 0) return true;
  }
  byKey!.delete(key);
  if (byKey!.size === 0) sets.delete(ns);
  return true;
}

function has<N>(sets: TimerSets<N>, ns: N, key: NormalizedKey, ts: number): boolean {
  const times = sets.get(ns)?.get(key);
  return times === undefined ? false : typeof times === "number" ? times === ts : times.has(ts);
}

function countTimers<N>(sets: TimerSets<N>): number {
  let n = 0;
  for (const byKey of sets.values()) for (const times of byKey.values()) n += typeof times === "number" ? 1 : times.size;
  return n;
}

function liveTimers<N>(heap: readonly InternalTimer<N>[], sets: TimerSets<N>): InternalTimer<N>[] {
  // why: a timer deleted and registered again sits in the heap twice; list it once
  const listed: TimerSets<N> = new Map();
  const live: InternalTimer<N>[] = [];
  for (const t of [...heap].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq)) {
    if (!has(sets, t.namespace, t.normalizedKey, t.timestamp)) continue;
    if (addTo(listed, t.namespace, t.normalizedKey, t.timestamp)) live.push(t);
  }
  return live;
}
