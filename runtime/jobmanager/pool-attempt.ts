// An attempt on the worker pool, from the job's thread: places the subtasks on workers, allocates the shared-memory
// rings between workers, sends every worker its deployment descriptors, and turns the workers' messages into what
// the executor and the checkpoint coordinator expect of an attempt — acknowledgements, finished subtasks, failures,
// metrics — and the job's services (collect sinks, callbacks) into answers.
import type { JobModuleRef, JobServices } from "../api/job-module.js";
import type { EnvironmentDescription } from "../api/environment.js";
import { reviveError, transferError } from "../core/error-transfer.js";
import { EddyError } from "../core/errors.js";
import { describeDeployment, jobGraphFingerprint, movableVertices, placeSubtasks, planChannels } from "../graph/deployment.js";
import type { JobGraph } from "../graph/job-graph.js";
import { allocateRing } from "../network/shared-ring-channel.js";
import type { RingDescription } from "../network/pool-channel-factory.js";
import type { ExecutionMode } from "../operators/operator.js";
import type { FromWorker } from "../scheduler/pool/protocol.js";
import { createStealBoard } from "../scheduler/pool/steal-board.js";
import { runtimeEntry, type WorkerPool } from "../scheduler/pool/worker-pool.js";
import { describePlace } from "./worker-place.js";
import type { Clock } from "../time/clock.js";
import type { AttemptSetup, JobAttempt, WorkerLoad } from "./job-attempt.js";
import { JobActionTimer } from "./job-action-timer.js";
import type { OperatorCounters, SubtaskCounters } from "./metrics.js";
import { RemoteSubtask, type SubtaskLink } from "./remote-subtask.js";

export interface PoolJob {
  readonly jobId: string;
  readonly jobName: string;
  readonly jobGraph: JobGraph;
  readonly pool: WorkerPool;
  readonly workers: number;
  readonly module: JobModuleRef;
  readonly services: JobServices;
  readonly environment: EnvironmentDescription;
  readonly mode: ExecutionMode;
  readonly clock: Clock;
  /** Where the job's small vertices start on the pool (see placeSubtasks). */
  readonly rotation: number;
  /** Busy and idle time of each worker when the job started, so its metrics show its own share. */
  readonly loadAtStart: readonly { busyMs: number; idleMs: number; steals: number; exchangeRecords: number; exchangeBytes: number }[];
  readonly startedAt: number;
}

/** Failures of one attempt kept for its restart cause (the first, and concurrent ones). */
const MAX_FAILURES_KEPT = 16;

/** How long closing an attempt may take on a worker before it is deemed stuck and replaced. */
const CLOSE_TIMEOUT_MS = 10_000;

/** Bytes of a ring between two workers: room for the channel's capacity of ~200-byte records, at least 256 KiB. */
export function ringBytes(channelCapacity: number): number {
  return Math.max(1 << 18, channelCapacity * 192);
}

export function poolAttempt(job: PoolJob, setup: AttemptSetup): JobAttempt {
  const { pool, jobGraph } = job;
  const movable = job.environment.config.workStealing !== false && pool.sharesMemory ? movableVertices(jobGraph, job.workers, job.environment.config.autoWatermarkInterval) : jobGraph.vertices.map(() => false);
  const placement = placeSubtasks(jobGraph, job.workers, job.rotation, movable);
  const stealable = jobGraph.vertices.filter((v) => movable[v.id]).flatMap((v) => Array.from({ length: v.parallelism }, (_, i) => ({ vertexId: v.id, index: i })));
  const timer = new JobActionTimer(job.clock);
  const counters = new Map<number, readonly OperatorCounters[]>();
  const subtaskCounters = new Map<number, readonly SubtaskCounters[]>();
  const pending = new Map<number, { worker: number; resolve: () => void; reject: (e: unknown) => void }>();
  let nextRequest = 0;
  let settled = false;
  /** Cancelled: the run ends at once, without waiting for workers that may drop the attempt (see cancel). */
  let cancelled = false;
  let finishRun: (() => void) | null = null;
  let failRun: ((e: unknown) => void) | null = null;
  let deployedResolve: (() => void) | null = null;
  let deployedReject: ((e: unknown) => void) | null = null;
  let deployedCount = 0;
  let doneCount = 0;
  let unsubscribe: (() => void) | null = null;
  const key = { jobId: job.jobId, attempt: setup.attempt };

  const request = (worker: number, send: (request: number) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextRequest++;
      pending.set(id, { worker, resolve, reject });
      send(id);
    });

  const link: SubtaskLink = {
    trigger: (task, barrier) => pool.post(task.worker, { type: "trigger", ...key, vertexId: task.vertexId, index: task.index, barrier }),
    notifyComplete: (task, checkpointId, withFinal) => request(task.worker, (r) => pool.post(task.worker, { type: "notify-complete", ...key, request: r, vertexId: task.vertexId, index: task.index, checkpointId, withFinal })),
  };

  const tasks = jobGraph.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, i) => new RemoteSubtask(v.id, i, v.head.transformation.kind === "source", placement.workerOf[v.id]![i]!, link)));
  const taskOf = new Map(tasks.map((t) => [`${t.vertexId}#${t.index}`, t]));
  // why every worker when a subtask may move: each holds a copy, and may end up running it
  const involved = stealable.length > 0 ? Array.from({ length: job.workers }, (_, w) => w) : [...new Set(tasks.map((t) => t.worker))].sort((a, b) => a - b);

  /** The attempt cannot go on: the run fails (or, once it has ended, the job's remaining work does). */
  const seen: { error: unknown; location: string | null; timestamp: number }[] = [];
  const fail = (error: unknown) => {
    if (seen.length < MAX_FAILURES_KEPT) seen.push({ error, location: typeof error === "object" && error !== null ? (failedOn.get(error) ?? null) : null, timestamp: job.clock.now() });
    if (deployedReject !== null) {
      deployedReject(error);
      deployedReject = deployedResolve = null;
    }
    if (!settled && failRun !== null) {
      settled = true;
      failRun(error);
    } else if (settled) setup.failAsync(error);
    else early ??= error;
  };
  let early: unknown = null;
  /** Where each failure came from (its worker's place), for the job's restart history. */
  const failedOn = new WeakMap<object, string>();
  const noteWorker = (error: unknown, worker: number) => {
    if (typeof error === "object" && error !== null) failedOn.set(error, describePlace(pool.placeOf(job.jobId, setup.attempt, worker)));
  };

  const onMessage = (worker: number, m: FromWorker): void => {
    if (m.jobId === null || m.attempt !== setup.attempt) {
      if (m.type === "call") pool.post(worker, { type: "reply", jobId: m.jobId, attempt: m.attempt, request: m.request, value: undefined, error: transferError(new EddyError("internal", "the attempt that asked has ended")) });
      return;
    }
    switch (m.type) {
      case "deployed":
        if (++deployedCount === involved.length) {
          deployedResolve?.();
          deployedResolve = deployedReject = null;
        }
        return;
      case "ack": {
        const task = taskOf.get(`${m.vertexId}#${m.index}`)!;
        setup.coordinator?.acknowledge(task, m.checkpointId, m.snapshots, m.timing);
        return;
      }
      case "finished": {
        const task = taskOf.get(`${m.vertexId}#${m.index}`)!;
        task.finish(m.finalSnapshot, m.acknowledged);
        setup.coordinator?.finished(task);
        return;
      }
      case "done":
        for (const t of tasks) if (t.worker === worker && t.state !== "FINISHED") t.state = "FINISHED";
        // why not only through finishRun: the workers may all be done before the executor calls run() (their
        // messages can arrive in one batch with "deployed", as over a TaskManager's connection)
        if (++doneCount === involved.length && !settled && finishRun !== null) {
          settled = true;
          finishRun();
        }
        return;
      case "failed": {
        const error = reviveError(m.error);
        if (m.error.fault !== null) setup.faults?.markFired(m.error.fault);
        noteWorker(error, worker);
        fail(error);
        return;
      }
      case "fault-fired":
        setup.faults?.markFired(m.fault);
        return;
      case "replied": {
        const p = pending.get(m.request);
        if (p === undefined) return;
        pending.delete(m.request);
        if (m.error === null) p.resolve();
        else p.reject(reviveError(m.error));
        return;
      }
      case "metrics":
        counters.set(worker, m.counters);
        if (m.subtasks !== undefined) subtaskCounters.set(worker, m.subtasks);
        return;
      case "forward":
        job.services[m.channel]?.forward?.(m.payload);
        return;
      case "call": {
        const service = job.services[m.channel];
        Promise.resolve()
          .then(() => {
            if (service?.call === undefined) throw new EddyError("internal", `the job's thread offers no service '${m.channel}'`);
            return service.call(m.payload);
          })
          .then(
            (value) => pool.post(worker, { type: "reply", ...key, request: m.request, value, error: null }),
            (e) => pool.post(worker, { type: "reply", ...key, request: m.request, value: undefined, error: transferError(e) }),
          );
        return;
      }
    }
  };

  const workerExited = (worker: number, error: EddyError) => {
    for (const [id, p] of pending) {
      if (p.worker !== worker) continue;
      pending.delete(id);
      p.reject(error);
    }
    if (!involved.includes(worker)) return;
    const lost = new EddyError(error.domain, `${error.message} in attempt ${setup.attempt}`, { job: job.jobName }, { retriable: true, cause: error });
    noteWorker(lost, worker);
    fail(lost);
  };

  const everyWorker = (send: (worker: number, request: number) => void): Promise<void> => Promise.all(involved.map((w) => request(w, (r) => send(w, r)))).then(() => {});

  let closing: Promise<void> | null = null;
  const closeOn = async (as: "FINISHED" | "FAILED" | "CANCELED"): Promise<void> => {
    timer.stop();
      try {
      const closed = everyWorker((w, r) => pool.post(w, { type: "close", ...key, request: r, as }));
      closed.catch(() => {}); // why: awaited below, unless a worker is late and replaced (its requests then fail)
      let timeout: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timeout = setTimeout(() => resolve("late"), CLOSE_TIMEOUT_MS);
      });
      const outcome = await Promise.race([closed, late]).finally(() => clearTimeout(timeout));
      if (outcome === "late") {
        // why: a worker that does not answer within the timeout is stuck (a user function that never returns); it is
        // replaced, so the next attempt and the other jobs on the pool can go on
        const stuck = new Set([...pending.values()].map((p) => p.worker));
        process.emitWarning(`job '${job.jobName}': worker${stuck.size === 1 ? "" : "s"} ${[...stuck].join(", ")} did not close attempt ${setup.attempt} within ${CLOSE_TIMEOUT_MS / 1000} s and ${stuck.size === 1 ? "is" : "are"} restarted`, "EddyWarning");
        await Promise.all([...stuck].map((w) => pool.kill(w)));
      } else await closed;
    } finally {
      settled = true;
      for (const t of tasks) if (t.state === "RUNNING" || t.state === "CREATED") t.state = as === "FINISHED" ? "FINISHED" : as;
      unsubscribe?.();
    }
  };

  return {
    tasks,
    async start() {
      unsubscribe = job.pool.subscribe(job.jobId, { message: onMessage, workerExited });
      const module = job.module;
      if (setup.restore !== null) setup.faults?.onRestore();
      const channels = planChannels(jobGraph, placement);
      const rings: Record<string, RingDescription & { readonly moves: boolean }> = {};
      for (const c of channels) {
        const moves = movable[c.producer.vertexId] === true || movable[c.consumer.vertexId] === true;
        if (c.producer.worker === c.consumer.worker && !moves) continue;
        rings[c.id] = { buffer: allocateRing(c.id, ringBytes(job.environment.config.channelCapacity), c.producer.worker, c.consumer.worker).buffer, producerWorker: c.producer.worker, consumerWorker: c.consumer.worker, moves };
      }
      const stealing = stealable.length === 0 ? null : { board: createStealBoard(stealable.map((t) => placement.workerOf[t.vertexId]![t.index]!)), tasks: stealable };
      const descriptors = describeDeployment(job.jobId, setup.attempt, jobGraph, placement, channels, setup.restore);
      const fingerprint = jobGraphFingerprint(jobGraph);
      const deployed = new Promise<void>((resolve, reject) => {
        deployedResolve = resolve;
        deployedReject = reject;
      });
      if (early !== null) throw early;
      for (const w of involved) {
        const own = Object.fromEntries(Object.entries(rings).filter(([, r]) => r.moves || r.producerWorker === w || r.consumerWorker === w));
        pool.post(w, {
          type: "deploy",
          ...key,
          runtime: runtimeEntry(),
          jobName: job.jobName,
          module,
          environment: job.environment,
          mode: job.mode,
          fingerprint,
          placement,
          rings: own,
          bells: pool.bells,
          subtasks: descriptors.filter((d) => d.worker === w || movable[d.vertexId] === true),
          stealing,
          checkpointing: setup.checkpointing,
          faults: setup.faults === null ? null : [...setup.faults.pending],
        });
      }
      await deployed;
      for (const t of tasks) if (t.state === "CREATED") t.state = "RUNNING";
    },
    run() {
      if (early !== null) return Promise.reject(early);
      if (settled) return Promise.resolve();
      if (doneCount === involved.length || cancelled) {
        settled = true;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        finishRun = resolve;
        failRun = reject;
      });
    },
    cancel() {
      cancelled = true;
      for (const w of involved) pool.post(w, { type: "cancel", ...key });
      // why: a worker (or the cluster, still waiting for slots) that had not deployed the attempt yet drops it, and
      // never says "deployed"; the attempt is closed next, which every worker answers whether it deployed or not
      if (deployedResolve !== null) {
        deployedResolve();
        deployedResolve = deployedReject = null;
      }
      if (!settled && finishRun !== null) {
        settled = true;
        finishRun();
      }
    },
    stopSources: (mode) => everyWorker((w, r) => pool.post(w, { type: "stop-sources", ...key, request: r, mode })),
    scheduleJobAction: (ts, action) => timer.schedule(ts, action),
    commitWithoutCheckpoints: () => everyWorker((w, r) => pool.post(w, { type: "commit-without-checkpoints", ...key, request: r })),
    close(as) {
      // why once: the executor closes a failed attempt again when it gives up on the job, and after the first close
      // the attempt no longer hears the workers' replies (it unsubscribed) — a second round would wait forever
      closing ??= closeOn(as);
      return closing;
    },
    counters: () => [...counters.values()],
    subtaskMetrics: () => {
      const reported = new Map<string, { counters: SubtaskCounters; worker: number }>();
      for (const [worker, cs] of subtaskCounters) for (const c of cs) reported.set(`${c.vertexId}#${c.index}`, { counters: c, worker });
      return tasks.map((t) => {
        const r = reported.get(`${t.vertexId}#${t.index}`);
        // why the state of the stand-in: it hears "finished" at once, the counts only every metrics interval
        const worker = r?.worker ?? t.worker;
        return { vertexId: t.vertexId, index: t.index, state: t.state, recordsIn: r?.counters.recordsIn ?? 0, recordsOut: r?.counters.recordsOut ?? 0, backpressureMs: r?.counters.backpressureMs ?? 0, busyMs: r?.counters.busyMs ?? 0, worker, place: pool.placeOf(job.jobId, setup.attempt, worker) };
      });
    },
    failures: () => seen,
    locationOfFailure: (error) => (typeof error === "object" && error !== null ? (failedOn.get(error) ?? null) : null),
    load: (): WorkerLoad[] =>
      Array.from({ length: job.workers }, (_, w) => {
        const now = pool.reports[w]!;
        const then = job.loadAtStart[w] ?? { busyMs: 0, idleMs: 0, steals: 0, exchangeRecords: 0, exchangeBytes: 0 };
        return { worker: w, busyMs: now.busyMs - then.busyMs, idleMs: now.idleMs - then.idleMs, steals: now.steals - then.steals, exchangeRecords: now.exchangeRecords - then.exchangeRecords, exchangeBytes: now.exchangeBytes - then.exchangeBytes };
      }),
  };
}
