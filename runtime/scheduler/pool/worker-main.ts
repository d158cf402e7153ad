// What a copy of the runtime does in a worker thread of the pool. It builds each job it is sent from the job's module
// (every worker builds the same graph: SPMD), instantiates the subtasks its deployment descriptors name, wires their
// channels — in-thread between its own subtasks, shared-memory rings to other workers — and runs them, reporting
// acknowledgements, failures and metrics to the job's thread by messages. It plugs into the worker's host
// (worker-host.ts) when a worker loads it; importing this module in any other thread does nothing.
import { StreamExecutionEnvironment } from "../../api/environment.js";
import { isBuildable, JOB_MODULE, jobAt, type JobBridge } from "../../api/job-module.js";
import { FaultInjector } from "../../checkpoint/fault-injector.js";
import { decodeRestore } from "../../checkpoint/state-assignment.js";
import { reviveError, transferError } from "../../core/error-transfer.js";
import { EddyError } from "../../core/errors.js";
import { clockFromDescription } from "../../time/clock.js";
import { jobGraphFingerprint } from "../../graph/deployment.js";
import { buildExecutionGraph, type ExecutionGraph } from "../../graph/execution-graph.js";
import { buildJobGraph, type JobGraph } from "../../graph/job-graph.js";
import { commitWithoutCheckpoints } from "../../jobmanager/in-thread-attempt.js";
import { countersOf, subtaskCountersOf } from "../../jobmanager/metrics.js";
import { createGenericBatchCodec } from "../../network/batch-codec.js";
import { Doorbell } from "../../network/doorbell.js";
import { PoolChannelFactory } from "../../network/pool-channel-factory.js";
import { TcpExchange } from "../../network/tcp/tcp-exchange.js";
import { setWorkerExchange, workerExchange } from "../../network/tcp/worker-exchange.js";
import { SingleThreadScheduler } from "../single-thread-scheduler.js";
import { StealBoard } from "./steal-board.js";
import type { Subtask } from "../subtask.js";
import type { AttemptKey, DeployMessage, ToWorker } from "./protocol.js";
import { HOST, type WorkerHost } from "./worker-host.js";
import { runtimeEntry } from "./worker-pool.js";

/** How often a worker reports metrics while it runs subtasks, ms. */
const METRICS_INTERVAL_MS = 200;

interface WorkerAttempt {
  readonly key: AttemptKey;
  readonly jobGraph: JobGraph;
  readonly execution: ExecutionGraph;
  readonly scheduler: SingleThreadScheduler;
  readonly factory: PoolChannelFactory;
  readonly chainingEnabled: boolean;
  readonly stealing: StealBoard | null;
  readonly pending: Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
  /** Fails the attempt when a connection to another process breaks (null: no channel crosses processes). */
  readonly onBroken: ((e: Error) => void) | null;
  /** Settles once the subtasks' open ended (a close waits for it, so that it closes what was opened). */
  readonly opening: Promise<void>;
}

function attemptId(key: AttemptKey): string {
  return `${key.jobId}/${key.attempt}`;
}

function serve(host: WorkerHost): (m: ToWorker) => void {
  const post = host.post;
  const start = { worker: host.worker };
  const attempts = new Map<string, WorkerAttempt>();
  /** Attempts being deployed (their module loading), and those closed or cancelled meanwhile: they must not start. */
  const deploying = new Set<string>();
  const abandoned = new Set<string>();
  const load = host.load;
  const codec = createGenericBatchCodec();
  let nextRequest = 0;
  /** What this copy's attempts had sent to other workers when last added to the host's load. */
  const counted = new Map<WorkerAttempt, { records: number; bytes: number }>();

  const countExchange = (a: WorkerAttempt) => {
    const before = counted.get(a) ?? { records: 0, bytes: 0 };
    const now = { records: a.factory.recordsSent(), bytes: a.factory.bytesSent() };
    load.exchangeRecords += now.records - before.records;
    load.exchangeBytes += now.bytes - before.bytes;
    counted.set(a, now);
  };
  const report = () => {
    for (const a of attempts.values()) {
      const runsHere = a.stealing === null ? undefined : (t: Subtask) => a.stealing!.runsHere(t);
      post({ type: "metrics", ...a.key, counters: countersOf(a.jobGraph, a.execution, a.chainingEnabled, runsHere), subtasks: subtaskCountersOf(a.execution, runsHere) });
      countExchange(a);
    }
  };
  setInterval(() => {
    if (attempts.size > 0) report();
  }, METRICS_INTERVAL_MS).unref();

  const deploy = async (m: DeployMessage): Promise<void> => {
    const key: AttemptKey = { jobId: m.jobId, attempt: m.attempt };
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
    const flushers: (() => void)[] = [];
    const bridge: JobBridge = {
      forwarder: (channel) => {
        let values: unknown[] = [];
        let scheduled = false;
        const send = () => {
          scheduled = false;
          if (values.length === 0) return;
          post({ type: "forward", ...key, channel, payload: values });
          values = [];
        };
        flushers.push(send);
        return (value) => {
          values.push(value);
          if (values.length >= 512) send();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(send);
          }
        };
      },
      forward: (channel, payload) => post({ type: "forward", ...key, channel, payload }),
      call: (channel, payload) =>
        new Promise((resolve, reject) => {
          const request = nextRequest++;
          pending.set(request, { resolve, reject });
          post({ type: "call", ...key, request, channel, payload });
        }),
    };
    const id = attemptId(key);
    deploying.add(id);
    let jobGraph: JobGraph;
    let network: Awaited<ReturnType<typeof connectNetwork>>;
    try {
      jobGraph = await buildJob(m, bridge);
      network = await connectNetwork(m);
    } finally {
      deploying.delete(id);
    }
    // why: the job's thread gave the attempt up (closed or cancelled it) while the module loaded or the connections
    // to other processes were made; a close was answered already, and a cancelled attempt is not waited for
    if (abandoned.delete(id)) return;
    const faults = m.faults === null ? null : new FaultInjector(m.faults, (fault) => {
      post({ type: "fault-fired", ...key, fault });
      // why: the fault stands for a thread that dies mid-record; the pool sees the exit and replaces the worker
      if (fault.kind === "kill-worker") process.exit(1);
    });
    const clock = clockFromDescription(m.environment.clock);
    const bells = m.bells.map((b) => Doorbell.attach(b));
    const self = m.self ?? start.worker;
    // why assigned after the execution graph: the board needs its subtasks; schedule() below runs only once they run
    let scheduler!: SingleThreadScheduler;
    const factory = new PoolChannelFactory(self, m.placement, m.rings, bells, codec, m.environment.config.channelCapacity, network);
    const env = m.environment;
    const execution = buildExecutionGraph(
      jobGraph,
      {
        jobName: m.jobName,
        mode: m.mode,
        clock,
        batchSize: env.config.batchSize,
        channelCapacity: env.config.channelCapacity,
        watermarkInterval: env.config.autoWatermarkInterval,
        seed: env.config.seed,
        attemptNumber: m.attempt,
        jobParameters: env.config.globalJobParameters,
        monotonicNow: () => performance.now(),
        schedule: (subtask, ts, action) => scheduler.schedule(subtask, ts, action),
      },
      factory,
    );
    const stealing = m.stealing === null ? undefined : new StealBoard(m.stealing.board, m.stealing.tasks.map((t) => local(execution, t.vertexId, t.index)!), self, bells, load, m.environment.config.workStealing === "always");
    scheduler = new SingleThreadScheduler({ clock, sliceBudget: m.environment.config.sliceBudget, peers: bells[self]!, load, ...(stealing === undefined ? {} : { stealing }) });
    // why: a channel to another process lost entries when its connection broke; the attempt must fail over
    const onBroken = network === null ? null : (e: Error) => post({ type: "failed", ...key, error: transferError(new EddyError("external", `a data connection of job '${m.jobName}' to another TaskManager broke (${e.message}); the job restarts from its last completed checkpoint`, { job: m.jobName }, { retriable: true, cause: e })) });
    if (onBroken !== null) workerExchange()!.brokenListeners.add(onBroken);
    let opened!: () => void;
    const opening = new Promise<void>((resolve) => (opened = resolve));
    const attempt: WorkerAttempt = { key, jobGraph, execution, scheduler, factory, chainingEnabled: env.chainingEnabled, stealing: stealing ?? null, pending, onBroken, opening };
    attempts.set(attemptId(key), attempt);
    try {
      const byTask = new Map(m.subtasks.map((d) => [`${d.vertexId}#${d.subtaskIndex}`, d]));
      for (const subtask of execution.subtasks) {
        const descriptor = byTask.get(`${subtask.vertexId}#${subtask.index}`)!;
        subtask.operators.forEach((op, i) => {
          const state = descriptor.restore[subtask.operatorUids[i]!];
          op.initializeState(state === undefined ? null : decodeRestore(state));
        });
        if (m.checkpointing !== null || faults !== null) {
          subtask.checkpointing = {
            mode: m.checkpointing?.mode ?? "EXACTLY_ONCE",
            faults,
            snapshotStep: m.checkpointing?.snapshotStep ?? 1024,
            acknowledge: (t, checkpointId, snapshots, timing) => post({ type: "ack", ...key, vertexId: t.vertexId, index: t.index, checkpointId, snapshots, timing }),
            finished: (t) => post({ type: "finished", ...key, vertexId: t.vertexId, index: t.index, finalSnapshot: t.finalSnapshot, acknowledged: [...t.acknowledged] }),
            fail: (_t, e) => post({ type: "failed", ...key, error: transferError(e) }),
          };
        }
      }
      for (const subtask of execution.subtasks) await subtask.open();
    } finally {
      opened();
    }
    // why: closed while its subtasks opened (the close waited for them and closed them): it must not start here
    if (attempts.get(id) !== attempt) return;
    post({ type: "deployed", ...key });
    scheduler.run(execution.subtasks).then(
      () => {
        // why: a closed attempt says nothing more (its close may come before the run notices its cancel, and counted
        // what it had sent)
        if (attempts.get(id) !== attempt) {
          post({ type: "load", jobId: null, ...load });
          return;
        }
        // why: what the subtasks forwarded must reach the job's thread before it hears they are done; the load after
        // report(), which adds what the attempt sent to other workers
        for (const flush of flushers) flush();
        report();
        post({ type: "load", jobId: null, ...load });
        post({ type: "done", ...key });
      },
      (e) => {
        if (attempts.get(id) === attempt) post({ type: "failed", ...key, error: transferError(e) });
      },
    );
  };

  const reply = (m: AttemptKey, request: number, work: () => Promise<void>) => {
    const key: AttemptKey = { jobId: m.jobId, attempt: m.attempt };
    work().then(
      () => post({ type: "replied", ...key, request, error: null }),
      (e) => post({ type: "replied", ...key, request, error: transferError(e) }),
    );
  };

  return (m: ToWorker) => {
    if (m.type === "listen") {
      listen(m.host).then(
        (port) => post({ type: "listening", jobId: null, port }),
        (e) => post({ type: "listening", jobId: null, port: -1, error: (e as Error).message }),
      );
      return;
    }
    if (m.type === "deploy") {
      deploy(m).catch((e) => post({ type: "failed", jobId: m.jobId, attempt: m.attempt, error: transferError(e) }));
      return;
    }
    const a = attempts.get(attemptId(m));
    switch (m.type) {
      case "trigger": {
        const task = a === undefined ? undefined : local(a.execution, m.vertexId, m.index);
        if (task === undefined) return;
        // why through the board: a movable source may run on another worker now
        if (a!.stealing?.has(task) !== true) task.injectBarrier(m.barrier);
        else {
          try {
            a!.stealing.trigger(task, m.barrier);
          } catch (e) {
            post({ type: "failed", ...a!.key, error: transferError(e) });
          }
        }
        return;
      }
      case "notify-complete":
        reply(m, m.request, async () => {
          const s = a === undefined ? undefined : local(a.execution, m.vertexId, m.index);
          if (s === undefined || (s.state !== "RUNNING" && s.state !== "FINISHED")) return;
          if (m.withFinal) s.acknowledgedWithFinal.add(m.checkpointId);
          await s.notifyCheckpointComplete(m.checkpointId);
        });
        return;
      case "stop-sources":
        reply(m, m.request, async () => {
          // why every copy: a movable source may run on another worker now, and the copy that runs it must stop too
          if (a !== undefined) for (const s of a.execution.subtasks) s.stopSource(m.mode);
        });
        return;
      case "commit-without-checkpoints":
        reply(m, m.request, async () => {
          if (a !== undefined) await commitWithoutCheckpoints(a.execution.subtasks);
        });
        return;
      case "cancel":
        if (a === undefined && deploying.has(attemptId(m))) abandoned.add(attemptId(m));
        a?.scheduler.cancel();
        return;
      case "close":
        if (a === undefined && deploying.has(attemptId(m))) abandoned.add(attemptId(m));
        reply(m, m.request, async () => {
          if (a === undefined) return;
          a.scheduler.cancel();
          attempts.delete(attemptId(m));
          await a.opening;
          if (a.onBroken !== null) {
            const shared = workerExchange()!;
            shared.brokenListeners.delete(a.onBroken);
            shared.exchange.forget(`${attemptId(m)}/`);
          }
          countExchange(a);
          counted.delete(a);
          for (const p of a.pending.values()) p.reject(new EddyError("internal", "the attempt was closed"));
          if (m.as === "FINISHED") {
            for (const s of a.execution.subtasks) await s.close();
            return;
          }
          for (const s of a.execution.subtasks) {
            if (s.state === "RUNNING" || s.state === "CREATED") s.state = m.as;
            await s.close().catch(() => {});
          }
        });
        return;
      case "reply": {
        const p = a?.pending.get(m.request);
        if (p === undefined) return;
        a!.pending.delete(m.request);
        if (m.error === null) p.resolve(m.value);
        else p.reject(reviveError(m.error));
        return;
      }
    }
  };
}

/** Opens this worker's data exchange for channels from other processes (once per worker thread); its port. */
async function listen(host: string): Promise<number> {
  const existing = workerExchange();
  if (existing !== null) return existing.exchange.localAddress!.port;
  const brokenListeners = new Set<(e: Error) => void>();
  const exchange = new TcpExchange((e) => {
    for (const l of [...brokenListeners]) l(e);
  });
  const address = await exchange.listen(host, 0);
  setWorkerExchange({ exchange, brokenListeners });
  return address.port;
}

/** The attempt's channels to other processes, with a connection to every consumer's worker made before they open. */
async function connectNetwork(m: DeployMessage): Promise<ConstructorParameters<typeof PoolChannelFactory>[6]> {
  const remote = m.remote ?? {};
  const ids = Object.keys(remote);
  if (ids.length === 0) return null;
  const shared = workerExchange();
  if (shared === null) throw new EddyError("internal", `job '${m.jobName}' has channels to other processes, but this worker opened no data exchange (only a TaskManager's workers do)`, { job: m.jobName });
  const peers = new Map<string, { host: string; port: number }>();
  for (const id of ids) {
    const peer = remote[id]!.peer;
    if (peer !== null) peers.set(`${peer.host}:${peer.port}`, peer);
  }
  try {
    await Promise.all([...peers.values()].map((p) => shared.exchange.connectTo(p)));
  } catch (e) {
    throw new EddyError("external", `job '${m.jobName}' could not connect to another TaskManager's worker (${(e as Error).message}); the job restarts from its last completed checkpoint`, { job: m.jobName }, { retriable: true, cause: e });
  }
  return { remote, exchange: shared.exchange };
}

/** This worker's subtask (or copy of a movable one) `index` of vertex `vertexId`. */
function local(execution: ExecutionGraph, vertexId: number, index: number): Subtask | undefined {
  return execution.subtasks.find((s) => s.vertexId === vertexId && s.index === index);
}

/** Imports the job's module and builds its graph as the job's thread did; refuses a graph that differs. */
async function buildJob(m: DeployMessage, bridge: JobBridge): Promise<JobGraph> {
  let job: unknown;
  try {
    const module = (await import(m.module.url)) as Record<string, unknown>;
    job = jobAt(m.module.url, m.module.job, module);
  } catch (e) {
    throw new EddyError("user", `a worker could not load the module of job '${m.jobName}' (${m.module.url}): ${(e as Error).message}. Jobs on the pool are modules every worker imports: keep the job's module importable without side effects that fail off the main thread`, { job: m.jobName }, { cause: e, retriable: false });
  }
  if (!isBuildable(job)) {
    const which = m.module.job.kind === "definition" ? `defineJob call #${m.module.job.index + 1}` : `export '${m.module.job.exportName}'`;
    throw new EddyError("user", `${m.module.url} has no ${which} in a worker: a module must make its defineJob calls at its top level, in the same order in every thread`, { job: m.jobName }, { retriable: false });
  }
  const env = StreamExecutionEnvironment.fromDescription(m.environment);
  job[JOB_MODULE].build(env, m.module.args, bridge);
  const graph = buildJobGraph(env.getStreamGraph(m.jobName), m.environment.chainingEnabled);
  const fingerprint = jobGraphFingerprint(graph);
  if (fingerprint !== m.fingerprint) {
    throw new EddyError(
      "user",
      `job '${m.jobName}' built a different graph in a worker than in the thread that started it: graph construction must be deterministic (no randomness, time or thread-dependent branches in the build function), since every worker builds the job from its module`,
      { job: m.jobName },
      { retriable: false },
    );
  }
  return graph;
}

const host = (globalThis as { [HOST]?: WorkerHost })[HOST];
if (host !== undefined) host.register(runtimeEntry(), serve(host));
