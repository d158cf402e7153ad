// The plain-data (JSON-able) form of a matcher, for checkpoints: runs, held-back matches and the shared buffer.

export interface RunSnapshot {
  /** NfaState.id in the compiled pattern. */
  readonly state: number;
  /** Index into `nodes`, or -1 for the run waiting in the start state. */
  readonly node: number;
  readonly version: number[];
  readonly startTs: number;
  readonly prevTs: number;
  readonly start: { ts: number; seq: number } | null;
}

export interface MatcherSnapshot<T> {
  readonly format: 1;
  /** Fingerprint of the compiled pattern; restoring into a different pattern is refused. */
  readonly pattern: string;
  readonly nextSeq: number;
  /** Buffered events, as given to process(). */
  readonly events: Array<{ seq: number; ts: number; event: T }>;
  /** Buffer nodes; edge targets index this array (-1 = the run's first event). */
  readonly nodes: Array<{ event: number; stage: string; edges: Array<{ target: number; version: number[] }> }>;
  readonly partials: RunSnapshot[];
  readonly completed: RunSnapshot[];
}
