// The process-wide pool of worker threads that every job of the process shares. It starts workers (each runs
// worker-main.ts), carries messages between them and the jobs' threads, and replaces a worker that dies — the jobs
// that had subtasks on it hear of it and restart from their last checkpoint.
import { LOCAL_PLACE, type WorkerPlace } from "../../jobmanager/worker-place.js";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { EddyError } from "../../core/errors.js";
import { Doorbell } from "../../network/doorbell.js";
import { POOL_PROTOCOL, type FromWorker, type ToWorker, type WorkerStart } from "./protocol.js";
import { HOST_PROGRAM } from "./worker-host.js";

/** What a job hears from the pool: its messages, and the death of a worker. */
export interface PoolListener {
  message(worker: number, message: FromWorker): void;
  workerExited(worker: number, error: EddyError): void;
}

/** A worker's last report of where its time went. */
export interface WorkerReport {
  busyMs: number;
  idleMs: number;
  /** Subtasks this worker took over from a busy one (work stealing). */
  steals: number;
  exchangeRecords: number;
  exchangeBytes: number;
}

/**
 * The module that handles this runtime copy's jobs in a worker: worker-main next to this file, from sources or the
 * built package; inside a bundle (every module in one file) the bundle itself, which registers its handler when a
 * worker loads it.
 */
export function runtimeEntry(): string {
  const here = import.meta.url;
  const layout = /\/scheduler\/pool\/worker-pool\.(ts|js)$/.exec(here);
  return layout === null ? here : new URL(`./worker-main.${layout[1]}`, here).href;
}

/** A module the process preloaded with --import, as a worker must load it. */
export interface Preload {
  readonly kind: "tsx" | "module";
  readonly url: string;
}

/** The process's --import preloads; tsx's loader becomes its registration API (esm/api next to it). */
function preloads(): Preload[] {
  const specifiers: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--import" && i + 1 < args.length) specifiers.push(args[++i]!);
    else if (a.startsWith("--import=")) specifiers.push(a.slice("--import=".length));
  }
  const found = specifiers.map((specifier): Preload => {
    const url = resolvePreload(specifier);
    const tsx = /^(.*\/tsx\/dist\/)[^/]*$/.exec(url);
    return tsx !== null ? { kind: "tsx", url: `${tsx[1]}esm/api/index.mjs` } : { kind: "module", url };
  });
  // why: this copy runs from its TypeScript sources with tsx registered through its API (bin/eddy.js), not --import; a
  // worker must register it too before it can load worker-main.ts
  if (import.meta.url.endsWith(".ts") && !found.some((p) => p.kind === "tsx")) {
    try {
      found.unshift({ kind: "tsx", url: import.meta.resolve("tsx/esm/api") });
    } catch {
      // why: no tsx here; the worker reports what it cannot load
    }
  }
  return found;
}

/**
 * Where a preload resolves. Node resolved it from the working directory at start-up, which the program may have left
 * since; the entry script's folder and this module's are the next best guesses (a bundle may live elsewhere).
 */
function resolvePreload(specifier: string): string {
  const parents = [join(process.cwd(), "noop.js"), ...(process.argv[1] === undefined ? [] : [process.argv[1]]), fileURLToPath(import.meta.url)];
  for (const parent of parents) {
    try {
      return pathToFileURL(createRequire(parent).resolve(specifier)).href;
    } catch {
      // why: try the next parent
    }
  }
  return specifier; // why: left as given; the worker reports what it cannot load
}

/** The pool of the process lives on globalThis: every copy of the runtime in the process (bundles carry their own) shares it. */
const SHARED = Symbol.for("eddy.worker-pool");
const global = globalThis as { [SHARED]?: WorkerPool };

/**
 * False when the process's pool is a cluster's (runtime/cluster/jobmaster/cluster-pool.ts): its workers are slots of
 * other processes, so every job built from a module goes there, even one a single worker would run in this thread.
 */
export function processPoolSharesMemory(): boolean {
  return (global[SHARED] as { sharesMemory?: boolean } | undefined)?.sharesMemory !== false;
}

export class WorkerPool {
  /** Its workers are threads of this process (a cluster's pool is not: see processPoolSharesMemory). */
  readonly sharesMemory: boolean = true;
  private readonly workers: (Worker | null)[] = [];
  /** One doorbell (an Int32 in shared memory) per worker: channels to a worker ring it when data or room arrives. */
  readonly bells: SharedArrayBuffer[] = [];
  readonly reports: WorkerReport[] = [];
  private readonly listeners = new Map<string, PoolListener>();
  private readonly listening = new Map<number, { resolve: (port: number) => void; reject: (e: Error) => void }>();
  private readonly replacedListeners: ((worker: number) => void)[] = [];
  private preload: Preload[] | null = null;
  /** Where the next job's small vertices start (placement takes turns through the workers). */
  rotation = 0;

  /** Bumped when the pool's shape changes; copies of the runtime of another version do not share a pool. */
  readonly version = POOL_PROTOCOL;

  /** The pool of this process; it grows to the largest number of workers a job asked for. */
  static shared(): WorkerPool {
    const existing = global[SHARED];
    if (existing !== undefined && existing.version === POOL_PROTOCOL) return existing;
    const pool = new WorkerPool();
    global[SHARED] = pool;
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Makes sure at least `n` workers exist. */
  ensure(n: number): void {
    while (this.workers.length < n) {
      this.bells.push(Doorbell.create().buffer);
      this.reports.push({ busyMs: 0, idleMs: 0, steals: 0, exchangeRecords: 0, exchangeBytes: 0 });
      this.workers.push(null);
    }
    for (let i = 0; i < n; i++) if (this.workers[i] === null) this.workers[i] = this.spawn(i);
    this.updateRef();
  }

  post(worker: number, message: ToWorker): void {
    const w = this.workers[worker];
    if (w === null || w === undefined) throw new EddyError("internal", `worker ${worker} of the pool is not running`);
    w.postMessage(message);
  }

  /** Where `worker` runs an attempt, for failure locations and the REST API (the pool's threads: this process). */
  placeOf(_jobId: string, _attempt: number, _worker: number): WorkerPlace {
    return LOCAL_PLACE;
  }

  /** Routes the messages of job `jobId` to `listener` until the returned function is called. */
  subscribe(jobId: string, listener: PoolListener): () => void {
    this.listeners.set(jobId, listener);
    this.updateRef();
    return () => {
      this.listeners.delete(jobId);
      this.updateRef();
    };
  }

  /** Stops every worker (tests; the process exits without it, since idle workers do not keep it alive). */
  async shutdown(): Promise<void> {
    const running = this.workers.filter((w): w is Worker => w !== null);
    this.workers.fill(null);
    this.workers.length = 0;
    this.bells.length = 0;
    this.reports.length = 0;
    if (global[SHARED] === this) delete global[SHARED];
    await Promise.all(running.map((w) => w.terminate()));
  }

  /** Ends worker `worker` at once, as a crash would (fault injection, tests); it is replaced. */
  async kill(worker: number): Promise<void> {
    await this.workers[worker]?.terminate();
  }

  private spawn(index: number): Worker {
    this.preload ??= preloads();
    const start: WorkerStart = { eddyPoolWorker: POOL_PROTOCOL, worker: index, preload: this.preload };
    const worker = new Worker(HOST_PROGRAM, { eval: true, workerData: start, name: `eddy-worker-${index}` });
    worker.on("message", (m: FromWorker) => this.route(index, m));
    worker.on("error", (e) => this.lost(index, worker, `threw outside any job: ${e.message}`));
    worker.on("exit", (code) => this.lost(index, worker, `exited with code ${code}`));
    return worker;
  }

  private route(index: number, m: FromWorker): void {
    if (m.type === "load") {
      const r = this.reports[index];
      if (r === undefined) return; // why: a worker's last report may arrive after shutdown() emptied the pool
      r.busyMs = m.busyMs;
      r.idleMs = m.idleMs;
      r.steals = m.steals;
      r.exchangeRecords = m.exchangeRecords;
      r.exchangeBytes = m.exchangeBytes;
      return;
    }
    if (m.type === "listening") {
      const waiting = this.listening.get(index);
      this.listening.delete(index);
      if (m.error !== undefined || m.port < 0) waiting?.reject(new EddyError("external", `worker ${index} could not open its data exchange: ${m.error ?? "no port"}`));
      else waiting?.resolve(m.port);
      return;
    }
    this.listeners.get(m.jobId)?.message(index, m);
  }

  /**
   * Opens worker `worker`'s data exchange on `host` (a TaskManager's workers take channels from other processes);
   * resolves to its port. A replaced worker (see onReplaced) must open it again.
   */
  openExchange(worker: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.listening.get(worker)?.reject(new EddyError("internal", `worker ${worker} was asked to open its exchange again`));
      this.listening.set(worker, { resolve, reject });
      this.post(worker, { type: "listen", jobId: null, runtime: runtimeEntry(), host });
    });
  }

  /** Calls `callback` with the index of each worker that died and was replaced by a fresh one. */
  onReplaced(callback: (worker: number) => void): void {
    this.replacedListeners.push(callback);
  }

  /** A worker died: the jobs hear of it (they restart), and a fresh worker takes its place. */
  private lost(index: number, worker: Worker, how: string): void {
    if (this.workers[index] !== worker) return; // why: 'error' is followed by 'exit'; and a shut-down pool replaces nothing
    this.workers[index] = this.spawn(index);
    this.updateRef();
    const error = new EddyError("external", `worker ${index} of the pool ${how}; its subtasks are lost`, {}, { retriable: true });
    this.listening.get(index)?.reject(error);
    this.listening.delete(index);
    for (const callback of this.replacedListeners) callback(index);
    for (const listener of [...this.listeners.values()]) listener.workerExited(index, error);
  }

  /** Idle workers must not keep the process alive; workers running jobs must. */
  private updateRef(): void {
    const busy = this.listeners.size > 0;
    for (const w of this.workers) {
      if (w === null) continue;
      if (busy) w.ref();
      else w.unref();
    }
  }
}
