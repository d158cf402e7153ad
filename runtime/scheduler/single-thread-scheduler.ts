// The single-threaded scheduler: every subtask of a job runs in the calling thread, in slices, in
// a fixed round-robin order — deterministic for deterministic sources.
import { EddyError } from "../core/errors.js";
import type { Clock } from "../time/clock.js";
import { TimerHeap } from "../time/timer-heap.js";
import type { Scheduler } from "./scheduler.js";
import type { Subtask } from "./subtask.js";

interface ScheduledAction {
  readonly timestamp: number;
  readonly seq: number;
  /** null: a job-level action, run between slices. */
  readonly subtask: Subtask | null;
  readonly action: (now: number) => void;
}

/** Something that rings when a peer thread changed a channel of ours (runtime/network/doorbell.ts). */
export interface WakeSignal {
  current(): number;
  /** Watches for a ring for up to `micros` without sleeping; true when it rang. */
  spinFor(seen: number, micros: number): boolean;
  waitFor(seen: number, timeoutMs: number): Promise<void>;
}

/**
 * How long an idle worker watches its doorbell before it sleeps, µs. Waking a sleeping thread costs its waker ~10 µs
 * and the sleeper ~100+ µs on this kind of machine (bench/exchange), while the next batch from a busy peer is usually
 * a few µs away.
 */
const SPIN_MICROS = 50;

/**
 * Work stealing between the workers of the pool (runtime/scheduler/pool/steal-board.ts): which subtasks run in this
 * thread now, and the moments the scheduler offers to hand some over or take some.
 */
export interface WorkStealing {
  /** False for a copy of a movable subtask that another worker runs now. */
  runsHere(task: Subtask): boolean;
  /** Between two rounds: hand over what peers asked for (only when `busy`), take what was handed to us. */
  between(busy: boolean): void;
  /** Nothing here could run: ask a busy peer for a subtask; true when a request went out. */
  steal(): boolean;
  /** A subtask that ran here has stopped running. */
  finished(task: Subtask): void;
  /** Whether a subtask that could still be handed to this thread has not finished. */
  pending(): boolean;
}

/** Where a worker's time went (the pool reports it as utilisation). */
export interface LoadCounters {
  busyMs: number;
  idleMs: number;
}

export interface SingleThreadSchedulerOptions {
  readonly clock: Clock;
  /** Input entries (batches or control elements) a subtask may process before the next one runs. */
  readonly sliceBudget?: number;
  /** Real milliseconds between yields to the event loop, so async sources, timers and cancel() get a turn. */
  readonly yieldEveryMs?: number;
  readonly monotonicNow?: () => number;
  /**
   * On the worker pool: the subtasks' channels to other workers ring this when data or room arrives. A subtask with
   * nothing to do may then be waiting for a peer, so "nothing can run" means wait, not a deadlock.
   */
  readonly peers?: WakeSignal;
  /** Busy and idle time are added here. */
  readonly load?: LoadCounters;
  /** On the pool, for jobs with movable subtasks. */
  readonly stealing?: WorkStealing;
}

/** One slice in this many (a power of two) is timed for the subtasks' busy time. */
const BUSY_SAMPLE = 8;

export class SingleThreadScheduler implements Scheduler {
  /** xorshift32 state that picks the slices to time (any non-zero seed). */
  private sampler = 0x2545f491;
  private readonly timers = new TimerHeap<ScheduledAction>();
  private seq = 0;
  private cancelled = false;
  private wake: (() => void) | null = null;
  private readonly clock: Clock;
  private readonly sliceBudget: number;
  private readonly yieldEveryMs: number;
  private readonly monotonicNow: () => number;
  private readonly peers: WakeSignal | null;
  private readonly load: LoadCounters | null;
  private readonly stealing: WorkStealing | null;

  constructor(options: SingleThreadSchedulerOptions) {
    this.clock = options.clock;
    this.sliceBudget = options.sliceBudget ?? 64;
    this.yieldEveryMs = options.yieldEveryMs ?? 20;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.peers = options.peers ?? null;
    this.load = options.load ?? null;
    this.stealing = options.stealing ?? null;
  }

  schedule(subtask: Subtask, timestamp: number, action: (now: number) => void): void {
    this.timers.push({ timestamp, seq: this.seq++, subtask, action });
    this.wake?.();
  }

  scheduleJobAction(timestamp: number, action: (now: number) => void): void {
    this.timers.push({ timestamp, seq: this.seq++, subtask: null, action });
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  async run(subtasks: readonly Subtask[]): Promise<void> {
    for (const task of subtasks) task.wake = () => this.wake?.();
    let lastYield = this.monotonicNow();
    let since = lastYield;
    const stealing = this.stealing;
    let ran = 0;
    while (!this.cancelled) {
      // why read before looking at the subtasks: a ring after this point makes the wait below return at once
      const seen = this.peers?.current() ?? 0;
      this.fireDueTimers();
      stealing?.between(ran > 1);
      ran = 0;
      let alive = false;
      for (const task of subtasks) {
        if (task.state !== "RUNNING") {
          // why: what a finished subtask could not yet put in a ring is lost if this loop ends before it is sent
          if (task.unsentOutput) {
            alive = true;
            if (task.sendUnsentOutput()) ran++;
          }
          continue;
        }
        if (stealing !== null && !stealing.runsHere(task)) continue;
        alive = true;
        if (!task.canRun()) continue;
        // why sampled: two clock reads around every slice cost 13 % of the engine's CPU in the smallest slices
        // (bench/core/small-slices.bench.ts, batches of 8); one slice in BUSY_SAMPLE, chosen at random so that no
        // periodic pattern of slices biases it, is timed and counts BUSY_SAMPLE times — an unbiased estimate
        this.sampler ^= this.sampler << 13;
        this.sampler ^= this.sampler >>> 17;
        this.sampler ^= this.sampler << 5;
        if ((this.sampler & (BUSY_SAMPLE - 1)) !== 0) task.runSlice(this.sliceBudget);
        else {
          const sliceStart = this.monotonicNow();
          task.runSlice(this.sliceBudget);
          task.metrics.busyMs += (this.monotonicNow() - sliceStart) * BUSY_SAMPLE;
        }
        ran++;
        if (stealing !== null && task.state !== "RUNNING") stealing.finished(task);
      }
      const progressed = ran > 0;
      if (!alive && !(stealing?.pending() ?? false)) break;
      // why also when nothing progressed: a peer's doorbell rings for every job on this worker, so a job with nothing
      // to do could otherwise spin on other jobs' rings without ever letting them (or the worker's messages) run
      const beforeYield = this.monotonicNow();
      if (beforeYield - lastYield >= this.yieldEveryMs) {
        if (this.load !== null) this.load.busyMs += beforeYield - since;
        await yieldToEventLoop();
        lastYield = since = this.monotonicNow();
        // why look again: while the event loop ran, a subtask's wait may have ended (its promise resolved and cleared
        // waitingFor), and waitForWork only waits for subtasks still waiting — it would find nobody to wait for
        continue;
      }
      if (progressed) continue;
      stealing?.steal();
      if (this.peers !== null && this.peers.spinFor(seen, SPIN_MICROS)) continue;
      const now = this.monotonicNow();
      if (this.load !== null) this.load.busyMs += now - since;
      await this.waitForWork(subtasks, seen);
      lastYield = since = this.monotonicNow();
      if (this.load !== null) this.load.idleMs += since - now;
    }
    if (this.load !== null) this.load.busyMs += this.monotonicNow() - since;
  }

  /** Moves due processing-time actions into their subtasks' mailboxes. */
  private fireDueTimers(): void {
    const now = this.clock.now();
    for (let t = this.timers.peek(); t !== undefined && t.timestamp <= now; t = this.timers.peek()) {
      this.timers.pop();
      if (t.subtask === null) {
        t.action(now);
        continue;
      }
      if (t.subtask.state !== "RUNNING") continue; // why: a finished subtask's timers are dropped, as in Flink
      const { subtask, action } = t;
      subtask.mailbox.push(() => action(this.clock.now()));
    }
  }

  /** Nothing can run: wait for a source to have data, the next processing-time timer, or cancel(). */
  private async waitForWork(subtasks: readonly Subtask[], seen: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const t of subtasks) if (t.state === "RUNNING" && t.waitingFor !== null) waits.push(t.waitingFor);
    const next = this.nextLiveTimer();
    // why a bounded wait: a peer's ring is the normal wake-up; the timeout only guards against a lost one
    if (this.peers !== null) waits.push(this.peers.waitFor(seen, 50));
    if (waits.length === 0 && next === undefined) {
      const stuck = subtasks.filter((t) => t.state === "RUNNING").map((t) => `${t.name}#${t.index} [${t.describeBlock()}]`);
      throw new EddyError("internal", `no subtask can make progress and none is waiting for data or time: ${stuck.join(", ")}`);
    }
    const woken = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    if (next !== undefined) waits.push(this.clock.sleepUntil(next, woken));
    waits.push(woken);
    await Promise.race(waits);
    this.wake = null;
  }

  private nextLiveTimer(): number | undefined {
    for (let t = this.timers.peek(); t !== undefined; t = this.timers.peek()) {
      if (t.subtask === null || t.subtask.state === "RUNNING") return t.timestamp;
      this.timers.pop();
    }
    return undefined;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
