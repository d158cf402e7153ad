// A subtask as the checkpoint coordinator sees it. In one thread it is the Subtask itself; on the worker pool it is
// a stand-in in the coordinator's thread that mirrors the subtask's state from the messages its worker sends
// (runtime/jobmanager/remote-subtask.ts), so the coordinator can live away from the tasks.
import type { BarrierElement } from "../core/elements.js";
import type { SubtaskState } from "../scheduler/subtask.js";
import type { EncodedOperatorSnapshot } from "./snapshot.js";

export interface CheckpointTask {
  readonly vertexId: number;
  readonly index: number;
  readonly state: SubtaskState;
  /** True for a source's chain: the coordinator starts checkpoints there by injecting a barrier. */
  readonly isSource: boolean;
  /** The chain's state when it finished: acknowledges checkpoints triggered afterwards. */
  readonly finalSnapshot: EncodedOperatorSnapshot[] | null;
  /** Checkpoints this subtask has taken its snapshot for. */
  readonly acknowledged: Set<number>;
  /** Checkpoints acknowledged with the final snapshot: completing them commits everything. */
  readonly acknowledgedWithFinal: Set<number>;
  /** At a source: take the snapshot between two batches and send the barrier downstream. */
  injectBarrier(barrier: BarrierElement): void;
  /** Checkpoint `checkpointId` completed: operators may make its side effects visible. */
  notifyCheckpointComplete(checkpointId: number): Promise<void>;
}
