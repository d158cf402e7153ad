// What every operator of one iteration knows of it: its id (which names its co-location group and the barrier they
// share in their thread) and its superstep limit.
import type { OperatorContext } from "../operators/operator.js";
import { SuperstepBarrier } from "./superstep-barrier.js";

export interface IterationSpec {
  /** `iteration-<n>`: unique in the job, the same in every thread that builds the job from its module. */
  readonly id: string;
  readonly maxSupersteps: number;
}

const PREFIX = "iteration-";

export function iterationId(transformationId: number): string {
  return `${PREFIX}${transformationId}`;
}

/** Whether a co-location group is an iteration's (checkpointing rejects jobs with iterations). */
export function isIterationGroup(group: string | undefined): boolean {
  return group !== undefined && group.startsWith(PREFIX);
}

/** The barrier of `spec`'s iteration shared by the operators of this attempt in this thread. */
export function barrierOf(ctx: OperatorContext, spec: IterationSpec): SuperstepBarrier {
  return ctx.coLocated.getOrCreate(spec.id, () => new SuperstepBarrier(spec.id, spec.maxSupersteps));
}
