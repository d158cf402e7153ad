// A TaskManager (`eddy taskmanager`): a process whose worker pool's threads are its slots. It registers in the
// cluster's membership bucket with a heartbeat (a TaskManager killed with -9 leaves by itself), listens for the
// JobManager's control connection, and runs what it is sent: each deployment becomes the pool's own deploy message,
// with the rings between its own slots allocated here, doorbells by cluster-wide worker index, the job's bundle
// fetched from the blob store, and TCP ends (each worker's data exchange) for channels to other TaskManagers. The
// workers' messages go back to the JobManager that deployed the job; if that JobManager's connection closes, its
// jobs are cancelled here (a new leader redeploys them from their last checkpoint).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { transferError } from "../../core/error-transfer.js";
import { Doorbell } from "../../network/doorbell.js";
import { allocateRing } from "../../network/shared-ring-channel.js";
import type { DeployMessage, ToWorker } from "../../scheduler/pool/protocol.js";
import { WorkerPool } from "../../scheduler/pool/worker-pool.js";
import { ClusterCoordination } from "../coordination/cluster-coordination.js";
import type { TaskManagerDescription } from "../coordination/task-manager-registry.js";
import { ControlLink } from "../control/control-link.js";
import type { ClusterDeploy, FromTaskManager, ToTaskManager } from "../control/control-messages.js";

export interface TaskManagerOptions {
  readonly nats: string | readonly string[];
  readonly clusterId: string;
  /** Worker threads = subtasks it runs at once (default: one per core). */
  readonly slots: number;
  /** The address its control and data servers bind to and announce (default 127.0.0.1). */
  readonly host?: string;
  readonly id?: string;
  readonly heartbeatTimeoutMs?: number;
  /** Copies NATS keeps of the cluster's buckets (the JobManager's setting). */
  readonly replicas?: number;
}

type JobManagerLink = ControlLink<ToTaskManager, FromTaskManager>;

export class TaskManager {
  private readonly links = new Set<JobManagerLink>();
  /** Which JobManager deployed each job (its workers' messages go back there). */
  private readonly ownerOf = new Map<string, JobManagerLink>();
  private readonly unsubscribe = new Map<string, () => void>();
  /** The attempts of each job deployed here (closed here if their JobManager goes away). */
  private readonly attemptsOf = new Map<string, Set<number>>();
  /** Rings between this TaskManager's slots, by `<job>/<attempt>/<channel>`: both slots' deployments attach to one. */
  private readonly rings = new Map<string, SharedArrayBuffer>();
  private readonly artifacts = new Map<string, Promise<string>>();
  /**
   * Per `<slot>/<job>/<attempt>` whose deploy is being prepared (its bundle fetched): the messages for it that came
   * meanwhile wait behind it, so that a cancel or close never reaches the worker before the deployment it ends.
   */
  private readonly preparing = new Map<string, Promise<void>>();
  /** The doorbell of workers elsewhere: channels to them are TCP ends, so nobody waits on it. */
  private readonly elsewhere = Doorbell.create().buffer;
  private readonly bundleDir = mkdtempSync(join(tmpdir(), "eddy-taskmanager-"));
  private description!: TaskManagerDescription;
  private stopped = false;

  private constructor(
    readonly id: string,
    private readonly options: TaskManagerOptions,
    private readonly coordination: ClusterCoordination,
    private readonly pool: WorkerPool,
    private readonly server: Server,
  ) {}

  static async start(options: TaskManagerOptions): Promise<TaskManager> {
    if (!Number.isInteger(options.slots) || options.slots < 1) throw new RangeError(`a TaskManager needs at least one slot, got ${options.slots}`);
    const host = options.host ?? "127.0.0.1";
    const coordination = await ClusterCoordination.connect({ servers: options.nats, clusterId: options.clusterId, ...(options.heartbeatTimeoutMs === undefined ? {} : { heartbeatTimeoutMs: options.heartbeatTimeoutMs }), ...(options.replicas === undefined ? {} : { replicas: options.replicas }) });
    const pool = WorkerPool.shared();
    pool.ensure(options.slots);
    const server = createServer();
    const tm = new TaskManager(options.id ?? `tm-${randomUUID().slice(0, 8)}`, options, coordination, pool, server);
    server.on("connection", (socket) => tm.adopt(socket));
    const controlPort = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, host, () => resolve((server.address() as { port: number }).port));
    });
    const ports = await Promise.all(Array.from({ length: options.slots }, (_, s) => pool.openExchange(s, host)));
    tm.description = { id: tm.id, slots: options.slots, controlAddress: { host, port: controlPort }, slotAddresses: ports.map((port) => ({ host, port })), pid: process.pid, startedAt: Date.now() };
    // why: a replaced worker (one died) has a fresh exchange on a new port; the JobManager must learn it
    pool.onReplaced((slot) => {
      if (tm.stopped) return;
      pool.openExchange(slot, host).then(
        (port) => {
          tm.description = { ...tm.description, slotAddresses: tm.description.slotAddresses.map((a, i) => (i === slot ? { host, port } : a)) };
          return coordination.taskManagers.register(tm.description);
        },
        (e) => process.emitWarning(`TaskManager ${tm.id}: slot ${slot} could not reopen its data exchange: ${(e as Error).message}`, "EddyWarning"),
      );
    });
    await coordination.taskManagers.register(tm.description);
    return tm;
  }

  get info(): TaskManagerDescription {
    return this.description;
  }

  /** Leaves the cluster: deregisters, closes connections and the pool. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.coordination.taskManagers.deregister(this.id).catch(() => {});
    for (const link of this.links) link.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.pool.shutdown();
    await this.coordination.close();
    rmSync(this.bundleDir, { recursive: true, force: true });
  }

  private adopt(socket: Socket): void {
    const link: JobManagerLink = new ControlLink(socket, (m) => this.onMessage(link, m));
    this.links.add(link);
    link.send({ type: "hello", taskManagerId: this.id, slots: this.options.slots });
    link.whenClosed(() => {
      this.links.delete(link);
      // why: nobody hears these jobs' workers any more; a JobManager that takes over redeploys them
      for (const [jobId, owner] of [...this.ownerOf]) {
        if (owner !== link) continue;
        this.ownerOf.delete(jobId);
        this.unsubscribe.get(jobId)?.();
        this.unsubscribe.delete(jobId);
        for (const attempt of this.attemptsOf.get(jobId) ?? []) {
          for (let slot = 0; slot < this.options.slots; slot++) this.post(slot, { type: "close", jobId, attempt, request: -1, as: "CANCELED" }, () => {});
        }
        this.attemptsOf.delete(jobId);
      }
    });
  }

  private onMessage(link: JobManagerLink, m: ToTaskManager): void {
    switch (m.type) {
      case "deploy": {
        this.follow(link, m.message.jobId);
        let attempts = this.attemptsOf.get(m.message.jobId);
        if (attempts === undefined) this.attemptsOf.set(m.message.jobId, (attempts = new Set()));
        attempts.add(m.message.attempt);
        const failed = (e: unknown) => link.send({ type: "from-worker", slot: m.slot, message: { type: "failed", jobId: m.message.jobId, attempt: m.message.attempt, error: transferError(e) } });
        this.inOrder(`${m.slot}/${m.message.jobId}/${m.message.attempt}`, () => this.deploy(m).then((message) => this.post(m.slot, message, failed), failed));
        return;
      }
      case "to-worker": {
        const { message } = m;
        if (message.type === "close") {
          const prefix = `${message.jobId}/${message.attempt}/`;
          for (const id of [...this.rings.keys()]) if (id.startsWith(prefix)) this.rings.delete(id);
          this.attemptsOf.get(message.jobId)?.delete(message.attempt);
        }
        const post = () =>
          this.post(m.slot, message, (e) => {
            // why: the slot's worker is being replaced (it died); the attempt hears of that from the pool, and a request must still be answered
            if ("request" in message && message.type !== "reply") link.send({ type: "from-worker", slot: m.slot, message: { type: "replied", jobId: message.jobId, attempt: message.attempt, request: message.request, error: transferError(e) } });
          });
        // why not always through inOrder: most messages (checkpoint triggers, replies) find no deploy being prepared
        const key = message.jobId === null ? null : `${m.slot}/${message.jobId}/${message.attempt}`;
        if (key !== null && this.preparing.has(key)) this.inOrder(key, async () => post());
        else post();
        return;
      }
      case "kill":
        void this.pool.kill(m.slot);
        return;
    }
  }

  /** Runs `work` after what is queued for `key` (a deployment being prepared and the messages behind it). */
  private inOrder(key: string, work: () => Promise<void>): void {
    const queued = (this.preparing.get(key) ?? Promise.resolve()).then(work).catch(() => {});
    this.preparing.set(key, queued);
    void queued.then(() => {
      if (this.preparing.get(key) === queued) this.preparing.delete(key);
    });
  }

  /** Posts to the slot's worker; `failed` hears why when the worker is not running (it died and is being replaced). */
  private post(slot: number, message: ToWorker, failed: (e: unknown) => void): void {
    try {
      this.pool.post(slot, message);
    } catch (e) {
      failed(e);
    }
  }

  /** Routes the workers' messages about `jobId` to the JobManager that deployed it. */
  private follow(link: JobManagerLink, jobId: string): void {
    this.ownerOf.set(jobId, link);
    if (this.unsubscribe.has(jobId)) return;
    this.unsubscribe.set(
      jobId,
      this.pool.subscribe(jobId, {
        message: (slot, message) => this.ownerOf.get(jobId)?.send({ type: "from-worker", slot, message }),
        workerExited: (slot, error) => this.ownerOf.get(jobId)?.send({ type: "worker-exited", slot, error: transferError(error) }),
      }),
    );
  }

  /** The pool's deploy message for one slot: shared memory allocated here, the bundle imported from here. */
  private async deploy(d: ClusterDeploy): Promise<DeployMessage> {
    const { message } = d;
    const workers = message.placement.workers;
    const bells = Array.from({ length: workers }, (_, w) => {
      const slot = d.localSlots[w];
      return slot === undefined ? this.elsewhere : this.pool.bells[slot]!;
    });
    const rings: Record<string, { buffer: SharedArrayBuffer; producerWorker: number; consumerWorker: number }> = {};
    for (const [channel, ring] of Object.entries(d.rings)) {
      const key = `${message.jobId}/${message.attempt}/${channel}`;
      let buffer = this.rings.get(key);
      if (buffer === undefined) this.rings.set(key, (buffer = allocateRing(channel, ring.bytes, ring.producerWorker, ring.consumerWorker).buffer));
      rings[channel] = { buffer, producerWorker: ring.producerWorker, consumerWorker: ring.consumerWorker };
    }
    let module = message.module;
    let runtime = message.runtime;
    if (d.artifact !== null) {
      const url = await this.fetchArtifact(d.artifact);
      module = { ...module, url };
      runtime = url;
    }
    return { ...message, module, runtime, rings, bells, stealing: null, self: d.self, remote: d.remote };
  }

  /** The job's bundle as a file of this process (fetched once from the blob store), by its file URL. */
  private fetchArtifact(name: string): Promise<string> {
    let url = this.artifacts.get(name);
    if (url === undefined) {
      url = this.coordination.blobs.get(name).then((bytes) => {
        const file = join(this.bundleDir, `${name}.mjs`);
        writeFileSync(file, bytes);
        return pathToFileURL(file).href;
      });
      url.catch(() => this.artifacts.delete(name));
      this.artifacts.set(name, url);
    }
    return url;
  }
}
