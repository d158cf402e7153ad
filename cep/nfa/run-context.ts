// The condition context of the run being evaluated (Flink's IterativeCondition.Context): one per compiled pattern, pointed at a matcher and run per evaluation.
import type { ConditionContext } from "../pattern/condition.js";
import type { ComputationState } from "./computation-state.js";
import type { Match } from "./match-types.js";
import type { BufferNode, BufferedEvent, SharedBuffer } from "./shared-buffer.js";

/** What the context needs from the matcher it serves. */
export interface RunOwner<T> {
  readonly buffer: SharedBuffer<T>;
  currentPath(cs: ComputationState<T>): BufferNode<T>[];
  materialize(path: BufferNode<T>[]): Match<T>;
}

export class RunContext<T> implements ConditionContext<T> {
  owner!: RunOwner<T>;
  event!: T;
  ts = 0;
  run: ComputationState<T> | undefined;
  /** The run's events by stage, materialized on the first getEventsForPattern. */
  runPath: Match<T> | undefined;
  /** The current event, registered in the buffer on its first take (Flink's EventWrapper). */
  buffered: BufferedEvent<T> | undefined;

  bufferedEvent(): BufferedEvent<T> {
    return (this.buffered ??= this.owner.buffer.register(this.event, this.ts));
  }

  getEventsForPattern(name: string): readonly T[] {
    if (this.run === undefined) return [];
    this.runPath ??= this.owner.materialize(this.owner.currentPath(this.run));
    return this.runPath.get(name) ?? [];
  }

  timestamp(): number {
    return this.ts;
  }
}
