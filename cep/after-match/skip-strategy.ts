// The base of after-match skip strategies: which partial matches an emitted match discards (Flink's AfterMatchSkipStrategy).

/** An event's identity in the matcher: ordered by timestamp, then arrival. */
export interface EventKey {
  readonly ts: number;
  readonly seq: number;
}

/** A match as the strategies see it: stage name → the keys of its events, stages in pattern order. */
export type KeyedMatch = ReadonlyMap<string, readonly EventKey[]>;

export function compareEventKeys(a: EventKey, b: EventKey): number {
  return a.ts !== b.ts ? a.ts - b.ts : a.seq - b.seq;
}

export abstract class SkipStrategy {
  /** A stage this strategy skips to, checked to exist when the pattern is compiled. */
  get patternName(): string | undefined {
    return undefined;
  }

  /** False only for noSkip: matches are then emitted at once, without waiting for earlier partial matches. */
  abstract isSkipStrategy(): boolean;

  /** The event relative to which partial matches are discarded, or undefined to discard nothing. */
  abstract pruningKey(match: KeyedMatch): EventKey | undefined;

  /** Whether a (partial) match starting at `start` is discarded, given the pruning event. */
  abstract shouldPrune(start: EventKey, pruning: EventKey): boolean;

  /** Plain-data description, stored in snapshots to detect a changed pattern. */
  abstract describe(): string;
}
