// The messages between a job's thread (the coordinator's side) and the workers of the pool. Plain data only — the
// same messages will cross processes in the cluster.
import type { BarrierElement } from "../../core/elements.js";
import type { TransferredError } from "../../core/error-transfer.js";
import type { Fault } from "../../checkpoint/fault-injector.js";
import type { EncodedOperatorSnapshot } from "../../checkpoint/snapshot.js";
import type { JobModuleRef } from "../../api/job-module.js";
import type { EnvironmentDescription } from "../../api/environment.js";
import type { DeploymentDescriptor, Placement } from "../../graph/deployment.js";
import type { OperatorCounters, SubtaskCounters } from "../../jobmanager/metrics.js";
import type { ExecutionMode } from "../../operators/operator.js";
import type { SnapshotTiming, SourceStop } from "../subtask.js";

/** Bumped when a message changes shape; a worker started by another version of the runtime refuses to run. */
export const POOL_PROTOCOL = 3;

/** What a worker is started with (worker_threads workerData). */
export interface WorkerStart {
  readonly eddyPoolWorker: typeof POOL_PROTOCOL;
  readonly worker: number;
  /** Modules the process preloaded (--import), imported by the worker before any runtime. */
  readonly preload: readonly { readonly kind: "tsx" | "module"; readonly url: string }[];
}

/** Identifies one attempt of one job. */
export interface AttemptKey {
  readonly jobId: string;
  readonly attempt: number;
}

export interface DeployMessage extends AttemptKey {
  readonly type: "deploy";
  /** The runtime copy that deployed the job: its worker-main, or the bundle that contains it (worker-host.ts). */
  readonly runtime: string;
  readonly jobName: string;
  readonly module: JobModuleRef;
  readonly environment: EnvironmentDescription;
  readonly mode: ExecutionMode;
  /** describeJobGraph of the job's thread: a worker that builds another graph refuses (graph construction must be deterministic). */
  readonly fingerprint: string;
  readonly placement: Placement;
  /** Cross-worker channels this worker holds an end of, by channel id. */
  readonly rings: Readonly<Record<string, { readonly buffer: SharedArrayBuffer; readonly producerWorker: number; readonly consumerWorker: number }>>;
  /** Every worker's doorbell, by worker index. */
  readonly bells: readonly SharedArrayBuffer[];
  /**
   * The worker index this worker plays in the attempt's placement (absent: its own index in the pool). A TaskManager's
   * worker plays the cluster-wide index the JobManager placed subtasks on (runtime/cluster/).
   */
  readonly self?: number;
  /** Channels to or from a worker of another process, by channel id: a TCP end (network/tcp) instead of a ring. */
  readonly remote?: Readonly<Record<string, RemoteChannel>>;
  readonly subtasks: readonly DeploymentDescriptor[];
  /** The work-stealing board (steal-board.ts) and its movable subtasks in board order; null: none moves. */
  readonly stealing: { readonly board: SharedArrayBuffer; readonly tasks: readonly { readonly vertexId: number; readonly index: number }[] } | null;
  readonly checkpointing: { readonly mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE"; readonly snapshotStep: number } | null;
  /** Faults still to fire (tests): a fired one is reported back, so it fires once per job. */
  readonly faults: readonly Fault[] | null;
}

/** One end of a channel whose other end is in another process. */
export interface RemoteChannel {
  /** This worker writes the channel: the consumer's worker listens at `peer`. */
  readonly peer: { readonly host: string; readonly port: number } | null;
  /** Unique across attempts and jobs (the TCP exchange finds ends by it). */
  readonly tcpId: string;
}

export type ToWorker =
  | DeployMessage
  /** Open this worker's data exchange for channels from other processes (a TaskManager's workers); answered with "listening". */
  | { readonly type: "listen"; readonly jobId: null; readonly runtime: string; readonly host: string }
  | (AttemptKey & { readonly type: "trigger"; readonly vertexId: number; readonly index: number; readonly barrier: BarrierElement })
  | (AttemptKey & { readonly type: "notify-complete"; readonly request: number; readonly vertexId: number; readonly index: number; readonly checkpointId: number; readonly withFinal: boolean })
  | (AttemptKey & { readonly type: "commit-without-checkpoints"; readonly request: number })
  /** Stop-with-savepoint: stop (or resume) the attempt's source subtasks on this worker; answered with "replied". */
  | (AttemptKey & { readonly type: "stop-sources"; readonly request: number; readonly mode: SourceStop })
  | (AttemptKey & { readonly type: "cancel" })
  | (AttemptKey & { readonly type: "close"; readonly request: number; readonly as: "FINISHED" | "FAILED" | "CANCELED" })
  | (AttemptKey & { readonly type: "reply"; readonly request: number; readonly value: unknown; readonly error: TransferredError | null });

export type FromWorker =
  | (AttemptKey & { readonly type: "deployed" })
  | (AttemptKey & { readonly type: "ack"; readonly vertexId: number; readonly index: number; readonly checkpointId: number; readonly snapshots: EncodedOperatorSnapshot[]; readonly timing: SnapshotTiming })
  | (AttemptKey & { readonly type: "finished"; readonly vertexId: number; readonly index: number; readonly finalSnapshot: EncodedOperatorSnapshot[] | null; readonly acknowledged: readonly number[] })
  /** Every subtask of the attempt on this worker has stopped running. */
  | (AttemptKey & { readonly type: "done" })
  | (AttemptKey & { readonly type: "failed"; readonly error: TransferredError })
  | (AttemptKey & { readonly type: "replied"; readonly request: number; readonly error: TransferredError | null })
  | (AttemptKey & { readonly type: "metrics"; readonly counters: readonly OperatorCounters[]; readonly subtasks?: readonly SubtaskCounters[] })
  | (AttemptKey & { readonly type: "forward"; readonly channel: string; readonly payload: unknown })
  | (AttemptKey & { readonly type: "call"; readonly request: number; readonly channel: string; readonly payload: unknown })
  | (AttemptKey & { readonly type: "fault-fired"; readonly fault: Fault })
  | { readonly type: "listening"; readonly jobId: null; readonly port: number; readonly error?: string }
  /** Worker-wide (no job): where its time went. */
  | { readonly type: "load"; readonly jobId: null; readonly busyMs: number; readonly idleMs: number; readonly steals: number; readonly exchangeRecords: number; readonly exchangeBytes: number };
