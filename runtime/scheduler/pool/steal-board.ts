// Work stealing on the pool: the board in shared memory through which an idle worker takes a movable subtask
// (Placement.movable: a chain of stateless operators after an exchange) from a busy one. Every worker has a copy of
// each movable subtask and the rings of its channels; one copy runs at a time — the owner's. Moving a subtask is a
// handover between two of its slices:
//   1. an idle worker (nothing of its own to run) picks a movable subtask whose input rings hold unread data and
//      whose owner is another worker, writes its own number into the subtask's REQUEST cell and rings the owner;
//   2. the owner, between rounds of its scheduler, grants the request if it is busy (it ran more than one subtask in
//      its last round) and the subtask may move now (Subtask.exportForMove: no barrier alignment, no snapshot being
//      written, nothing half-sent); it writes the subtask's state (gates, valves, operators' watermarks) into the
//      subtask's STATE bytes, then stores the thief's number in OWNER (the atomic store publishes the bytes) and rings
//      the thief — or it declines (clears REQUEST) when it is not busy, so two workers do not pass a subtask back and
//      forth while neither has other work;
//   3. the thief sees OWNER name it, restores the state into its copy, claims the copy's rings (peers ring the thief
//      from then on; positions come from the ring headers) and runs it.
// Records never move: they wait in the rings, whose order the handover keeps (one producer and one consumer at a
// time per ring, the next one starting where the last stopped), so per-channel order — and with it per-key order
// through hash edges — holds. A movable source's checkpoint triggers reach the worker it was placed on, which queues
// them in the board; whichever worker owns the source takes them from there between two rounds. A finished subtask's OWNER becomes FINISHED; a worker's scheduler keeps running while
// any movable subtask of the job has not finished, since it may yet be handed one.
import type { BarrierElement } from "../../core/elements.js";
import { EddyError } from "../../core/errors.js";
import type { Doorbell } from "../../network/doorbell.js";
import { RingInputChannel, RingOutputChannel } from "../../network/shared-ring-channel.js";
import type { Subtask, SubtaskMoveState } from "../subtask.js";
import type { WorkStealing } from "../single-thread-scheduler.js";

/** Int32 cells per movable subtask. */
const OWNER = 0;
const REQUEST = 1;
const LENGTH = 2;
/** Barriers queued for a source (written by the worker its triggers reach, taken by its owner): counts so far. */
const QUEUED = 3;
const TAKEN = 4;
const CELLS = 8;
/** Barrier slots per subtask; each is checkpoint id, timestamp, savepoint (float64). */
const QUEUE = 16;
const BARRIER_FIELDS = 3;
/** OWNER of a subtask that has finished. */
const FINISHED = -2;
/** Bytes for one subtask's state: a few numbers per input channel; a subtask whose state does not fit stays put. */
const STATE_BYTES = 64 * 1024;
/** After a declined request, a worker waits this long before it asks again, ms. */
const BACKOFF_MS = 1;

/** The board for `owners.length` movable subtasks, each starting on the worker given (the job's thread allocates it). */
export function createStealBoard(owners: readonly number[]): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(owners.length * (CELLS * 4 + QUEUE * BARRIER_FIELDS * 8 + STATE_BYTES));
  const cells = new Int32Array(buffer, 0, owners.length * CELLS);
  owners.forEach((w, k) => {
    cells[k * CELLS + OWNER] = w;
  });
  return buffer;
}

/** One worker's view of the board: the WorkStealing the scheduler of one job's attempt consults. */
export class StealBoard implements WorkStealing {
  private readonly cells: Int32Array;
  private readonly barriers: Float64Array;
  private readonly bytes: Uint8Array;
  private readonly slotOf = new Map<Subtask, number>();
  /** Whether this worker runs subtask k now. */
  private readonly here: boolean[];
  /** The subtask this worker asked for and has not got or been refused yet; -1: none. */
  private asked = -1;
  private quietUntil = 0;
  private nextPick = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  /**
   * @param tasks this worker's copies of the movable subtasks, in the board's order
   * @param load where a steal is counted (the worker's load report)
   */
  constructor(
    buffer: SharedArrayBuffer,
    private readonly tasks: readonly Subtask[],
    private readonly worker: number,
    private readonly bells: readonly Doorbell[],
    private readonly load: { steals: number },
    /**
     * Ask for a subtask at every round, busy or not, and hand over every one asked for (ExecutionConfig.workStealing
     * "always": tests of the handover).
     */
    private readonly always = false,
  ) {
    this.cells = new Int32Array(buffer, 0, tasks.length * CELLS);
    this.barriers = new Float64Array(buffer, tasks.length * CELLS * 4, tasks.length * QUEUE * BARRIER_FIELDS);
    this.bytes = new Uint8Array(buffer, tasks.length * (CELLS * 4 + QUEUE * BARRIER_FIELDS * 8));
    tasks.forEach((t, k) => this.slotOf.set(t, k));
    this.here = tasks.map((_, k) => Atomics.load(this.cells, k * CELLS + OWNER) === worker);
    tasks.forEach((t, k) => {
      if (this.here[k]) claimRings(t, worker);
    });
  }

  runsHere(task: Subtask): boolean {
    const k = this.slotOf.get(task);
    return k === undefined || this.here[k]!;
  }

  between(busy: boolean): void {
    const cells = this.cells;
    for (let k = 0; k < this.tasks.length; k++) {
      const at = k * CELLS;
      const owner = Atomics.load(cells, at + OWNER);
      if (owner === this.worker && !this.here[k]) {
        this.adopt(k);
        continue;
      }
      if (!this.here[k]) continue;
      this.takeBarriers(k);
      const request = Atomics.load(cells, at + REQUEST);
      if (request === 0) continue;
      const thief = request - 1;
      if (!(busy || this.always) || !this.handOver(k, thief)) Atomics.compareExchange(cells, at + REQUEST, request, 0);
    }
    if (this.asked >= 0) {
      const at = this.asked * CELLS;
      if (Atomics.load(cells, at + REQUEST) !== this.worker + 1) {
        // why: refused (or granted and adopted above): either way the next request may wait a little
        this.asked = -1;
        this.quietUntil = performance.now() + BACKOFF_MS;
      } else if (busy && !this.always) {
        // why: this worker found work of its own meanwhile; a subtask handed over now would only queue here
        if (Atomics.compareExchange(cells, at + REQUEST, this.worker + 1, 0) === this.worker + 1) this.asked = -1;
      }
    }
    if (this.always) this.steal();
  }

  steal(): boolean {
    if (this.asked >= 0 || this.tasks.length === 0 || performance.now() < this.quietUntil) return false;
    const n = this.tasks.length;
    for (let i = 0; i < n; i++) {
      const k = (this.nextPick + i) % n;
      const owner = Atomics.load(this.cells, k * CELLS + OWNER);
      // why "always" asks without input: tests of the handover want subtasks to move as often as possible
      if (owner < 0 || owner === this.worker || !(this.always || hasUnreadInput(this.tasks[k]!))) continue;
      if (Atomics.compareExchange(this.cells, k * CELLS + REQUEST, 0, this.worker + 1) !== 0) continue;
      this.asked = k;
      this.nextPick = k + 1;
      this.bells[owner]!.ring();
      return true;
    }
    return false;
  }

  /** Whether `task` is one of the movable subtasks (its checkpoint triggers then go through trigger()). */
  has(task: Subtask): boolean {
    return this.slotOf.has(task);
  }

  /**
   * A checkpoint trigger for a movable source, which this worker received because the source was placed here: it
   * waits in the board until the source's owner, wherever it runs now, takes it into the source's mailbox.
   */
  trigger(task: Subtask, barrier: BarrierElement): void {
    const k = this.slotOf.get(task)!;
    const at = k * CELLS;
    const queued = this.cells[at + QUEUED]!;
    if (queued - Atomics.load(this.cells, at + TAKEN) >= QUEUE) {
      throw new EddyError("internal", `${QUEUE} checkpoint barriers wait for ${task.name}#${task.index}, which no worker takes: the work-stealing board is stuck`);
    }
    const slot = ((k * QUEUE) + (queued % QUEUE)) * BARRIER_FIELDS;
    this.barriers[slot] = barrier.checkpointId;
    this.barriers[slot + 1] = barrier.timestamp;
    this.barriers[slot + 2] = barrier.savepoint ? 1 : 0;
    // why the atomic store last: it publishes the slot written above to the owner's atomic load
    Atomics.store(this.cells, at + QUEUED, queued + 1);
    const owner = Atomics.load(this.cells, at + OWNER);
    if (owner >= 0) this.bells[owner]!.ring();
  }

  /** Moves the barriers queued for subtask k (owned here) into its mailbox, in order. */
  private takeBarriers(k: number): void {
    const at = k * CELLS;
    let taken = this.cells[at + TAKEN]!;
    const queued = Atomics.load(this.cells, at + QUEUED);
    if (taken === queued) return;
    const task = this.tasks[k]!;
    for (; taken !== queued; taken++) {
      const slot = ((k * QUEUE) + (taken % QUEUE)) * BARRIER_FIELDS;
      task.injectBarrier({ kind: "barrier", checkpointId: this.barriers[slot]!, timestamp: this.barriers[slot + 1]!, savepoint: this.barriers[slot + 2] === 1 });
    }
    Atomics.store(this.cells, at + TAKEN, taken);
  }

  finished(task: Subtask): void {
    const k = this.slotOf.get(task);
    if (k === undefined || !this.here[k]) return;
    this.here[k] = false;
    Atomics.store(this.cells, k * CELLS + OWNER, FINISHED);
    // why every bell: a worker whose own subtasks are done keeps running only while a movable one may still come
    for (const bell of this.bells) bell.ring();
  }

  pending(): boolean {
    for (let k = 0; k < this.tasks.length; k++) if (Atomics.load(this.cells, k * CELLS + OWNER) !== FINISHED) return true;
    return false;
  }

  /** Step 2: the state of subtask k goes into its bytes, then the thief owns it. False when it may not move now. */
  private handOver(k: number, thief: number): boolean {
    if (thief === this.worker || thief < 0 || thief >= this.bells.length) return false;
    const state = this.tasks[k]!.exportForMove();
    if (state === null) return false;
    const encoded = this.encoder.encode(JSON.stringify(state, finiteOrTagged));
    if (encoded.length > STATE_BYTES) return false;
    this.bytes.set(encoded, k * STATE_BYTES);
    const at = k * CELLS;
    this.cells[at + LENGTH] = encoded.length;
    this.here[k] = false;
    Atomics.store(this.cells, at + REQUEST, 0);
    Atomics.store(this.cells, at + OWNER, thief);
    this.bells[thief]!.ring();
    return true;
  }

  /** Step 3: continue subtask k here from the state its last owner left. */
  private adopt(k: number): void {
    const length = this.cells[k * CELLS + LENGTH]!;
    const json = this.decoder.decode(this.bytes.subarray(k * STATE_BYTES, k * STATE_BYTES + length));
    const state = JSON.parse(json, reviveTagged) as SubtaskMoveState;
    const task = this.tasks[k]!;
    task.restoreForMove(state);
    claimRings(task, this.worker);
    this.here[k] = true;
    if (this.asked === k) this.asked = -1;
    this.load.steals++;
  }
}

/** Peers ring `worker` for the subtask's channels from now on, and its copy here reads and writes from the headers. */
function claimRings(task: Subtask, worker: number): void {
  for (const g of task.gates) for (const c of g.channels) if (c instanceof RingInputChannel) c.claim(worker);
  for (const w of task.writers) for (const c of w.channels) if (c instanceof RingOutputChannel) c.claim(worker);
}

function hasUnreadInput(task: Subtask): boolean {
  for (const g of task.gates) for (const c of g.channels) if (c instanceof RingInputChannel && c.hasUnread()) return true;
  return false;
}

// why tagged: JSON has no ±Infinity (watermarks of ended channels, the initial minimum)
function finiteOrTagged(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return { $number: String(value) };
  return value;
}

function reviveTagged(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$number" in value) return Number((value as { $number: string }).$number);
  return value;
}
