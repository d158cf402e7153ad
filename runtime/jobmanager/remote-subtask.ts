// A subtask that runs on a worker of the pool, as the checkpoint coordinator in the job's thread sees it: its state
// mirrors what the worker reported, and what the coordinator asks of it becomes a message.
import type { CheckpointTask } from "../checkpoint/checkpoint-task.js";
import type { EncodedOperatorSnapshot } from "../checkpoint/snapshot.js";
import type { BarrierElement } from "../core/elements.js";
import type { SubtaskState } from "../scheduler/subtask.js";

/** How a stand-in reaches its subtask. */
export interface SubtaskLink {
  trigger(task: RemoteSubtask, barrier: BarrierElement): void;
  notifyComplete(task: RemoteSubtask, checkpointId: number, withFinal: boolean): Promise<void>;
}

export class RemoteSubtask implements CheckpointTask {
  state: SubtaskState = "CREATED";
  finalSnapshot: EncodedOperatorSnapshot[] | null = null;
  readonly acknowledged = new Set<number>();
  readonly acknowledgedWithFinal = new Set<number>();

  constructor(
    readonly vertexId: number,
    readonly index: number,
    readonly isSource: boolean,
    readonly worker: number,
    private readonly link: SubtaskLink,
  ) {}

  injectBarrier(barrier: BarrierElement): void {
    this.link.trigger(this, barrier);
  }

  notifyCheckpointComplete(checkpointId: number): Promise<void> {
    return this.link.notifyComplete(this, checkpointId, this.acknowledgedWithFinal.has(checkpointId));
  }

  /** The worker reported the subtask finished, with the checkpoints it had taken snapshots for. */
  finish(finalSnapshot: EncodedOperatorSnapshot[] | null, acknowledged: readonly number[]): void {
    this.state = "FINISHED";
    this.finalSnapshot = finalSnapshot;
    for (const id of acknowledged) this.acknowledged.add(id);
  }
}
