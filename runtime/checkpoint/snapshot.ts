// The data a checkpoint holds for one operator subtask: keyed state and timers by key group (so they
// can be redistributed when parallelism changes) and the operator's own, non-keyed state.

/**
 * The entries of one state in one key group, as columns: entry i is (namespaces[nsIndex[i]],
 * keys[i], values[i]). Columns of primitives serialise as packed arrays — for numeric state
 * (window accumulators, counters) that is ~100× faster than an array per entry (measured:
 * 1M numeric entries, 38 ms vs seconds with v8.serialize).
 */
export interface StateColumns {
  readonly namespaces: unknown[];
  /** Index into `namespaces` per entry; empty when every entry has namespaces[0]. */
  readonly nsIndex: number[];
  readonly keys: unknown[];
  readonly values: unknown[];
}

/** One timer: service name, timestamp, original key, encoded namespace. */
export type TimerEntry = readonly [service: string, timestamp: number, key: unknown, namespace: unknown];

export interface KeyGroupSnapshot {
  /** Entries per state name. */
  readonly states: Record<string, StateColumns>;
  readonly eventTimers: TimerEntry[];
  readonly processingTimers: TimerEntry[];
}

export interface OperatorSnapshot {
  readonly operatorUid: string;
  readonly subtask: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Keyed state by key group; absent for operators that are not keyed. */
  readonly keyGroups?: Record<number, KeyGroupSnapshot>;
  /** The operator's own state, as a list so it can be split or combined on rescale (Flink's operator ListState). */
  readonly operatorState?: unknown[];
}

/**
 * An operator snapshot as it is acknowledged and stored: each key group encoded on its own
 * (snapshot-encoding.ts), so it is written without another copy and decoded on restore only by
 * the subtask that owns the key group then.
 */
export interface EncodedOperatorSnapshot extends Omit<OperatorSnapshot, "keyGroups"> {
  readonly encodedKeyGroups?: Record<number, Uint8Array>;
}

/** Keyed state being written in steps after the barrier (KeyedStateSnapshot). */
export interface KeyedStateWrite {
  /** Does about `budget` entries of work; true once complete. */
  step(budget: number): boolean;
  /** Completes the work now. */
  finish(): void;
  encodedKeyGroups(): Record<number, Uint8Array>;
}

/** An operator's part of a checkpoint as the barrier passes: timers are taken and keyed state frozen; the rest follows. */
export interface PendingOperatorSnapshot {
  readonly snapshot: Omit<EncodedOperatorSnapshot, "encodedKeyGroups">;
  readonly keyed: KeyedStateWrite | null;
  /** Operator state that completes later (an asynchronous pre-commit); `snapshot` has none then. */
  readonly operatorState: Promise<unknown[] | undefined> | null;
}

/** What an operator subtask gets back on restore: the key groups it now owns and its share of operator state. */
export interface OperatorRestore {
  readonly keyGroups: ReadonlyMap<number, KeyGroupSnapshot>;
  readonly operatorState: readonly unknown[];
  /** The parallelism at the time of the snapshot (a source may refuse a change). */
  readonly previousParallelism: number;
}

/** Encoded form of the void namespace (the namespace of state that is not per window). */
export const VOID_NAMESPACE_CODE = "\u0000void";
