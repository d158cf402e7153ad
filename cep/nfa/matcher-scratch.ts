// Working memory shared by every matcher of one compiled pattern: matching is single-threaded and not re-entrant, so one set of arrays serves all keys and stays in cache.
import type { ComputationState } from "./computation-state.js";
import { RunContext } from "./run-context.js";
import type { NfaState, Transition } from "./state.js";

export class MatcherScratch<T> {
  /** Edges chosen for the run being advanced; `edgeCount` valid entries (no `length = 0`: a runtime call in V8). */
  readonly edges: Transition<T>[] = [];
  /** States still to expand through proceed edges. */
  readonly stack: NfaState<T>[] = [];
  /** Successors of the run being advanced. */
  readonly successors: ComputationState<T>[] = [];
  /** The runs after the current event, copied back into the matcher's own array. */
  readonly next: ComputationState<T>[] = [];
  readonly ctx = new RunContext<T>();
  /** Runs that completed a match with the current event. */
  potential: ComputationState<T>[] | undefined;
  /** Set while a matcher of this pattern works: a condition that re-enters would corrupt the arrays above. */
  busy = false;
}
