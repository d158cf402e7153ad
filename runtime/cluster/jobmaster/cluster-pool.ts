// The JobManager's view of the cluster's slots, in the shape of the worker pool (scheduler/pool/worker-pool.ts), so
// that a job's attempt on the cluster is the pool's attempt (jobmanager/pool-attempt.ts) unchanged: the same
// placement, deployment descriptors, checkpoint coordinator and restarts. Installed as the process's pool
// (`install()`), it is what every copy of the runtime in the JobManager — each job bundle carries one — finds when it
// runs a job on "the pool". Its workers are virtual: each attempt maps them onto distinct live slots of the
// registered TaskManagers (spread over TaskManagers, free slots first); messages to a worker go to its slot's
// TaskManager over the control connection, deployments without their shared memory (the TaskManager allocates the
// rings between its own slots; channels between TaskManagers become TCP ends of the slots' data exchanges). A
// TaskManager whose connection closes, or that leaves the membership bucket, fails every attempt with a subtask on
// it, and the job restarts from its last completed checkpoint on the slots that remain.
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { reviveError, transferError } from "../../core/error-transfer.js";
import { EddyError } from "../../core/errors.js";
import { ringBytes } from "../../jobmanager/pool-attempt.js";
import { Doorbell } from "../../network/doorbell.js";
import { POOL_PROTOCOL, type FromWorker, type RemoteChannel, type ToWorker } from "../../scheduler/pool/protocol.js";
import type { PoolListener, WorkerReport } from "../../scheduler/pool/worker-pool.js";
import { describePlace, type WorkerPlace } from "../../jobmanager/worker-place.js";
import type { ClusterCoordination } from "../coordination/cluster-coordination.js";
import type { TaskManagerDescription } from "../coordination/task-manager-registry.js";
import { ControlLink } from "../control/control-link.js";
import type { FromTaskManager, LocalRing, ToTaskManager } from "../control/control-messages.js";

interface ConnectedTaskManager {
  readonly description: TaskManagerDescription;
  readonly link: ControlLink<FromTaskManager, ToTaskManager>;
  /** Messages to it, in order: a deployment first uploads the job's bundle. */
  queue: Promise<void>;
}

interface Slot {
  readonly taskManager: string;
  readonly slot: number;
}

/** Where an attempt's virtual workers run. */
interface AttemptPlacement {
  readonly jobId: string;
  readonly attempt: number;
  /** By virtual worker (sparse: only the workers with subtasks have a slot). */
  readonly slots: readonly (Slot | undefined)[];
  /** Workers whose close has not been posted yet: their slots are taken. */
  readonly open: Set<number>;
}

const SHARED = Symbol.for("eddy.worker-pool");

export interface ClusterPoolOptions {
  /** How often the membership bucket is read for TaskManagers that joined or left, ms (default 500). */
  readonly pollMs?: number;
  /** How long an attempt waits for enough free slots before it fails (Flink's slot request timeout; default 60 s). */
  readonly slotTimeoutMs?: number;
}

export class ClusterPool {
  readonly version = POOL_PROTOCOL;
  /** Subtasks cannot move between processes: the attempt places them for good. */
  readonly sharesMemory = false;
  /** Doorbells by virtual worker: only their count matters here (the TaskManagers give the real ones). */
  readonly bells: SharedArrayBuffer[] = [];
  readonly reports: WorkerReport[] = [];
  rotation = 0;
  private readonly taskManagers = new Map<string, ConnectedTaskManager>();
  private readonly connecting = new Set<string>();
  /** Every TaskManager connected once, lost ones too (a failure's location names the one that was lost). */
  private readonly known = new Map<string, TaskManagerDescription>();
  private readonly listeners = new Map<string, PoolListener>();
  private readonly placements = new Map<string, AttemptPlacement>();
  /** Attempts waiting for slots, and those closed while they waited (they must not deploy). */
  private readonly pending = new Map<string, Promise<AttemptPlacement>>();
  private readonly abandoned = new Set<string>();
  private readonly slotTimeoutMs: number;
  private readonly artifacts = new Map<string, Promise<string>>();
  private readonly poll: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly coordination: ClusterCoordination,
    options: ClusterPoolOptions = {},
  ) {
    this.slotTimeoutMs = options.slotTimeoutMs ?? 60_000;
    this.poll = setInterval(() => void this.refresh(), options.pollMs ?? 500);
    this.poll.unref();
  }

  /** Makes this the pool every copy of the runtime in this process runs jobs on. */
  install(): this {
    (globalThis as Record<symbol, unknown>)[SHARED] = this;
    return this;
  }

  /** Reads the membership bucket now: connects to new TaskManagers, fails the attempts on vanished ones. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    let live: TaskManagerDescription[];
    try {
      live = await this.coordination.taskManagers.live();
    } catch {
      return; // why: NATS unreachable for a moment; connections still tell of dead TaskManagers
    }
    const ids = new Set(live.map((t) => t.id));
    for (const [id, tm] of this.taskManagers) if (!ids.has(id)) tm.link.close();
    await Promise.all(live.filter((t) => !this.taskManagers.has(t.id) && !this.connecting.has(t.id)).map((t) => this.connectTo(t)));
  }

  /** The registered TaskManagers this JobManager is connected to. */
  get connected(): readonly TaskManagerDescription[] {
    return [...this.taskManagers.values()].map((t) => t.description);
  }

  get totalSlots(): number {
    let n = 0;
    for (const t of this.taskManagers.values()) n += t.description.slots;
    return n;
  }

  /** Slots no attempt holds. */
  get freeSlots(): number {
    return this.totalSlots - this.takenSlots().size;
  }

  get size(): number {
    return this.bells.length;
  }

  ensure(n: number): void {
    while (this.bells.length < n) {
      this.bells.push(Doorbell.create().buffer);
      this.reports.push({ busyMs: 0, idleMs: 0, steals: 0, exchangeRecords: 0, exchangeBytes: 0 });
    }
  }

  subscribe(jobId: string, listener: PoolListener): () => void {
    this.listeners.set(jobId, listener);
    return () => {
      if (this.listeners.get(jobId) !== listener) return;
      this.listeners.delete(jobId);
      for (const [key, p] of this.placements) if (p.jobId === jobId && p.open.size === 0) this.placements.delete(key);
    };
  }

  post(worker: number, message: ToWorker): void {
    if (message.jobId === null) return;
    if (message.type === "deploy") {
      this.deploy(worker, message);
      return;
    }
    const key = `${message.jobId}/${message.attempt}`;
    const placement = this.placements.get(key);
    if (placement === undefined && this.pending.has(key) && (message.type === "close" || message.type === "cancel")) this.abandoned.add(key);
    const slot = placement?.slots[worker];
    const tm = slot === undefined ? undefined : this.taskManagers.get(slot.taskManager);
    // why kept after the close: its reply and last metrics still come back through the placement
    if (message.type === "close") placement?.open.delete(worker);
    if (slot === undefined || tm === undefined) {
      // why: the worker's TaskManager is gone; requests are answered so the attempt can close (its work was lost and is redone from the checkpoint)
      if ("request" in message && message.type !== "reply") queueMicrotask(() => this.listeners.get(message.jobId)?.message(worker, { type: "replied", jobId: message.jobId, attempt: message.attempt, request: message.request, error: null }));
      return;
    }
    this.send(tm, { type: "to-worker", slot: slot.slot, message });
  }

  /** The TaskManager that runs `worker` of an attempt, with its control address. */
  placeOf(jobId: string, attempt: number, worker: number): WorkerPlace {
    const slot = this.placements.get(`${jobId}/${attempt}`)?.slots[worker];
    if (slot === undefined) return { taskManager: null, endpoint: "(unassigned)" };
    return placeOfTaskManager(slot.taskManager, this.known.get(slot.taskManager));
  }

  /** Ends the slot of `worker` in the attempts that are closing (their close was posted and is not answered: stuck). */
  async kill(worker: number): Promise<void> {
    for (const p of this.placements.values()) {
      // why only closing attempts: the pool's API names no job, and a running attempt's worker of the same index is another slot
      if (p.open.has(worker) || !this.listeners.has(p.jobId)) continue;
      const slot = p.slots[worker];
      const tm = slot === undefined ? undefined : this.taskManagers.get(slot.taskManager);
      if (tm !== undefined) this.send(tm, { type: "kill", slot: slot!.slot });
    }
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    for (const t of this.taskManagers.values()) t.link.close();
    const g = globalThis as Record<symbol, unknown>;
    if (g[SHARED] === this) delete g[SHARED];
  }

  private deploy(worker: number, message: Extract<ToWorker, { type: "deploy" }>): void {
    this.ensure(message.placement.workers);
    const key = `${message.jobId}/${message.attempt}`;
    let pending = this.pending.get(key);
    if (pending === undefined) {
      pending = this.place(key, message);
      this.pending.set(key, pending);
      const forget = () => this.pending.delete(key);
      pending.then(forget, forget);
    }
    pending.then(
      (placement) => this.deployTo(placement, worker, message),
      (e: unknown) => {
        if (!this.abandoned.has(key)) this.failLater(worker, message.jobId, message.attempt, e as EddyError);
      },
    );
  }

  /** Slots for the attempt's workers that have subtasks, waiting up to the slot timeout for TaskManagers to register. */
  private async place(key: string, message: Extract<ToWorker, { type: "deploy" }>): Promise<AttemptPlacement> {
    // why only the workers with subtasks: the attempt deploys to those alone (nothing moves between processes)
    const used = [...new Set(message.placement.workerOf.flat())].sort((a, b) => a - b);
    const deadline = Date.now() + this.slotTimeoutMs;
    for (;;) {
      const chosen = this.chooseSlots(used.length);
      if (typeof chosen !== "string") {
        const slots: Slot[] = [];
        used.forEach((w, i) => (slots[w] = chosen[i]!));
        const placement = { jobId: message.jobId, attempt: message.attempt, slots, open: new Set(used) };
        this.placements.set(key, placement);
        return placement;
      }
      if (Date.now() >= deadline || this.closed || this.abandoned.has(key)) {
        throw new EddyError("external", `job '${message.jobName}' needs ${used.length} slots of the cluster, ${chosen} after waiting ${Math.round(this.slotTimeoutMs / 1000)} s; start more TaskManagers (\`eddy taskmanager --slots n\`) or lower the job's parallelism`, { job: message.jobName }, { retriable: true });
      }
      await new Promise((r) => setTimeout(r, 200));
      await this.refresh();
    }
  }

  private deployTo(placement: AttemptPlacement, worker: number, message: Extract<ToWorker, { type: "deploy" }>): void {
    if (this.abandoned.has(`${placement.jobId}/${placement.attempt}`)) {
      placement.open.clear(); // why: closed while it waited for slots; it holds none
      return;
    }
    const slot = placement.slots[worker]!;
    const tm = this.taskManagers.get(slot.taskManager);
    if (tm === undefined) {
      this.failLater(worker, message.jobId, message.attempt, new EddyError("external", `the TaskManager ${slot.taskManager} of job '${message.jobName}' left the cluster`, { job: message.jobName }, { retriable: true }));
      return;
    }
    const localSlots: Record<number, number> = {};
    placement.slots.forEach((s, w) => {
      if (s?.taskManager === slot.taskManager) localSlots[w] = s!.slot;
    });
    const rings: Record<string, LocalRing> = {};
    const remote: Record<string, RemoteChannel> = {};
    const bytes = ringBytes(message.environment.config.channelCapacity);
    for (const [id, ring] of Object.entries(message.rings)) {
      const producer = placement.slots[ring.producerWorker]!;
      const consumer = placement.slots[ring.consumerWorker]!;
      if (producer.taskManager === consumer.taskManager) {
        rings[id] = { bytes, producerWorker: ring.producerWorker, consumerWorker: ring.consumerWorker };
        continue;
      }
      const consumerTm = this.taskManagers.get(consumer.taskManager);
      const peer = ring.producerWorker === worker ? (consumerTm?.description.slotAddresses[consumer.slot] ?? null) : null;
      if (ring.producerWorker === worker && peer === null) {
        this.failLater(worker, message.jobId, message.attempt, new EddyError("external", `the TaskManager ${consumer.taskManager} of job '${message.jobName}' left the cluster`, { job: message.jobName }, { retriable: true }));
        return;
      }
      remote[id] = { peer, tcpId: `${placement.jobId}/${placement.attempt}/${id}` };
    }
    const { rings: _rings, bells: _bells, stealing: _stealing, ...rest } = message;
    const bundle = message.runtime === message.module.url && message.module.url.startsWith("file:") ? fileURLToPath(message.module.url) : null;
    tm.queue = tm.queue
      .then(async () => {
        const artifact = bundle === null ? null : await this.upload(bundle);
        tm.link.send({ type: "deploy", slot: slot.slot, message: rest, self: worker, localSlots, rings, remote, artifact });
      })
      .catch((e) => this.failLater(worker, message.jobId, message.attempt, new EddyError("external", `job '${message.jobName}': could not upload its bundle to the cluster's blob store: ${(e as Error).message}`, { job: message.jobName }, { retriable: true, cause: e })));
  }

  /** The job's bundle in the blob store (uploaded once per file). */
  private upload(file: string): Promise<string> {
    let name = this.artifacts.get(file);
    if (name === undefined) {
      name = this.coordination.blobs.put(readFileSync(file));
      name.catch(() => this.artifacts.delete(file));
      this.artifacts.set(file, name);
    }
    return name;
  }

  /** `workers` distinct slots, spread over the TaskManagers, free ones first; or why there are not enough. */
  private chooseSlots(workers: number): Slot[] | string {
    const taken = this.takenSlots();
    const free: Slot[][] = [...this.taskManagers.values()]
      .sort((a, b) => a.description.id.localeCompare(b.description.id))
      .map((t) => Array.from({ length: t.description.slots }, (_, s) => ({ taskManager: t.description.id, slot: s })).filter((s) => !taken.has(`${s.taskManager}#${s.slot}`)));
    const chosen: Slot[] = [];
    // why round robin over TaskManagers: a job's subtasks spread, so one TaskManager's death loses the least
    for (let round = 0; chosen.length < workers; round++) {
      let any = false;
      for (const slots of free) {
        if (round < slots.length && chosen.length < workers) {
          chosen.push(slots[round]!);
          any = true;
        }
      }
      if (!any) break;
    }
    if (chosen.length < workers) return `and ${chosen.length} of ${this.totalSlots} are free on ${this.taskManagers.size} TaskManager(s)`;
    return chosen;
  }

  private takenSlots(): Set<string> {
    const taken = new Set<string>();
    for (const p of this.placements.values()) for (const w of p.open) taken.add(`${p.slots[w]!.taskManager}#${p.slots[w]!.slot}`);
    return taken;
  }

  private failLater(worker: number, jobId: string, attempt: number, error: EddyError): void {
    queueMicrotask(() => this.listeners.get(jobId)?.message(worker, { type: "failed", jobId, attempt, error: transferError(error) }));
  }

  private send(tm: ConnectedTaskManager, message: ToTaskManager): void {
    tm.queue = tm.queue.then(() => tm.link.send(message));
  }

  private async connectTo(description: TaskManagerDescription): Promise<void> {
    this.connecting.add(description.id);
    try {
      const socket = await new Promise<import("node:net").Socket>((resolve, reject) => {
        const s = connect(description.controlAddress.port, description.controlAddress.host, () => {
          s.off("error", reject);
          resolve(s);
        });
        s.once("error", reject);
      });
      if (this.closed) {
        socket.destroy();
        return;
      }
      const tm: ConnectedTaskManager = { description, link: new ControlLink(socket, (m) => this.onMessage(description.id, m)), queue: Promise.resolve() };
      this.taskManagers.set(description.id, tm);
      this.known.set(description.id, description);
      tm.link.whenClosed((e) => this.lost(description.id, tm, e));
    } catch {
      // why: it may have died since its last heartbeat; the next refresh tries again while it is registered
    } finally {
      this.connecting.delete(description.id);
    }
  }

  private onMessage(taskManager: string, m: FromTaskManager): void {
    if (m.type === "hello") return;
    if (m.type === "worker-exited") {
      const error = reviveError(m.error);
      for (const p of this.placements.values()) {
        p.slots.forEach((s, w) => {
          if (s?.taskManager === taskManager && s!.slot === m.slot && p.open.has(w)) this.listeners.get(p.jobId)?.workerExited(w, error as EddyError);
        });
      }
      return;
    }
    const message: FromWorker = m.message;
    if (message.jobId === null) {
      if (message.type !== "load") return;
      for (const p of this.placements.values()) {
        p.slots.forEach((s, w) => {
          if (s?.taskManager === taskManager && s!.slot === m.slot) Object.assign(this.reports[w] ?? {}, { busyMs: message.busyMs, idleMs: message.idleMs, steals: message.steals, exchangeRecords: message.exchangeRecords, exchangeBytes: message.exchangeBytes });
        });
      }
      return;
    }
    const p = this.placements.get(`${message.jobId}/${message.attempt}`);
    const worker = p?.slots.findIndex((s) => s?.taskManager === taskManager && s!.slot === m.slot) ?? -1;
    if (worker < 0) return; // why: an attempt that has closed here; nobody waits for it
    this.listeners.get(message.jobId)?.message(worker, message);
  }

  /** A TaskManager is gone: every open attempt with a worker on it fails over. */
  private lost(id: string, tm: ConnectedTaskManager, cause: Error): void {
    if (this.taskManagers.get(id) !== tm) return;
    this.taskManagers.delete(id);
    if (this.closed) return;
    for (const p of [...this.placements.values()]) {
      const listener = this.listeners.get(p.jobId);
      p.slots.forEach((s, w) => {
        if (s?.taskManager !== id || !p.open.has(w)) return;
        listener?.workerExited(w, new EddyError("external", `TaskManager ${describePlace(placeOfTaskManager(id, tm.description))} lost (pid ${tm.description.pid}: ${cause.message}); its subtasks are lost`, {}, { retriable: true, cause }));
      });
    }
  }
}

function placeOfTaskManager(id: string, description: TaskManagerDescription | undefined): WorkerPlace {
  return { taskManager: id, endpoint: description === undefined ? "(unknown)" : `${description.controlAddress.host}:${description.controlAddress.port}` };
}
