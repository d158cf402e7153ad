// Compiled NFA states and their take / ignore / proceed edges (Flink's State and StateTransition).
import type { Condition } from "../pattern/condition.js";

export const TAKE = 0;
export const IGNORE = 1;
export const PROCEED = 2;
export type Action = typeof TAKE | typeof IGNORE | typeof PROCEED;

/** start/normal/final as usual; stop = a NOT stage fired (discard the branch); pending = a trailing notFollowedBy waiting for `within` to expire. */
export type StateKind = "start" | "normal" | "final" | "stop" | "pending";

export interface Transition<T> {
  readonly action: Action;
  readonly source: NfaState<T>;
  readonly target: NfaState<T>;
  /** undefined = always true. */
  condition: Condition<T> | undefined;
}

export class NfaState<T> {
  readonly transitions: Transition<T>[] = [];
  /** PREVIOUS_AND_CURRENT window of the stage this state takes events for, if any. */
  windowTime: number | undefined;
  /** Derived once the NFA is complete (CompiledPattern): whether any edge is a proceed edge. */
  hasProceed = false;
  /** Derived: whether proceed edges alone (conditions aside) can reach the final state. */
  proceedsToFinal = false;

  constructor(
    /** Dense index, also the state's identity in snapshots. */
    readonly id: number,
    /** Unique internal name, e.g. `b:2`. */
    readonly name: string,
    /** The user-visible stage name events taken here are filed under. */
    readonly stage: string,
    public kind: StateKind,
  ) {}

  add(action: Action, target: NfaState<T>, condition: Condition<T> | undefined): void {
    this.transitions.push({ action, source: this, target, condition });
  }
  addTake(target: NfaState<T>, condition: Condition<T> | undefined): void {
    this.add(TAKE, target, condition);
  }
  addIgnore(target: NfaState<T>, condition: Condition<T> | undefined): void {
    this.add(IGNORE, target, condition);
  }
  addProceed(target: NfaState<T>, condition: Condition<T> | undefined): void {
    this.add(PROCEED, target, condition);
  }
}
