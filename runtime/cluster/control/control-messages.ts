// What the JobManager and a TaskManager say on their control connection (control-link.ts). The worker pool's own
// messages (scheduler/pool/protocol.ts) travel inside, addressed to a slot; a deployment travels without its shared
// memory (which cannot leave a process): the TaskManager allocates the rings between its own slots and gives the
// workers their doorbells.
import type { TransferredError } from "../../core/error-transfer.js";
import type { DeployMessage, FromWorker, RemoteChannel, ToWorker } from "../../scheduler/pool/protocol.js";

/** A ring between two slots of the same TaskManager, allocated there. */
export interface LocalRing {
  readonly bytes: number;
  readonly producerWorker: number;
  readonly consumerWorker: number;
}

export interface ClusterDeploy {
  readonly type: "deploy";
  readonly slot: number;
  /** The deployment as the pool-attempt made it, without its shared memory (rings, bells, the stealing board). */
  readonly message: Omit<DeployMessage, "rings" | "bells" | "stealing" | "remote" | "self">;
  /** The cluster-wide worker index this slot plays, and the slot of each worker on this TaskManager. */
  readonly self: number;
  readonly localSlots: Readonly<Record<number, number>>;
  readonly rings: Readonly<Record<string, LocalRing>>;
  readonly remote: Readonly<Record<string, RemoteChannel>>;
  /** The job's bundle in the blob store, when the module is one (the TaskManager imports its own copy); null: the module's URL is reachable here. */
  readonly artifact: string | null;
}

export type ToTaskManager =
  | ClusterDeploy
  | { readonly type: "to-worker"; readonly slot: number; readonly message: Exclude<ToWorker, DeployMessage> }
  /** Ends the slot's worker as a crash would (a worker that does not close in time); it is replaced. */
  | { readonly type: "kill"; readonly slot: number };

export type FromTaskManager =
  | { readonly type: "hello"; readonly taskManagerId: string; readonly slots: number }
  | { readonly type: "from-worker"; readonly slot: number; readonly message: FromWorker }
  | { readonly type: "worker-exited"; readonly slot: number; readonly error: TransferredError };
