// One run of the NFA for one key: where it is, its last buffer node and version (Flink's ComputationState).
import type { EventKey } from "../after-match/skip-strategy.js";
import type { DeweyNumber } from "./dewey-number.js";
import type { BufferNode } from "./shared-buffer.js";
import type { NfaState } from "./state.js";

export class ComputationState<T> {
  /** Canonical tie-break between completed matches with the same start: their event keys, computed on demand. */
  pathKeys: number[] | undefined;
  constructor(
    readonly state: NfaState<T>,
    readonly node: BufferNode<T> | null,
    /** Mutable only for the run waiting in the start state, which is advanced in place (it has no node to lock). */
    public version: DeweyNumber,
    readonly startTs: number,
    readonly prevTs: number,
    /** The run's first event; null for the run waiting in the start state. */
    readonly start: EventKey | null,
  ) {}
}

/** Flink's COMPUTATION_STATE_COMPARATOR: by start event, the start-state run last. */
export function compareStarts<T>(a: ComputationState<T>, b: ComputationState<T>): number {
  const x = a.start;
  const y = b.start;
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return x.ts !== y.ts ? (x.ts < y.ts ? -1 : 1) : x.seq - y.seq;
}
