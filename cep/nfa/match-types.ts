// What a matcher returns: matches keyed by stage name, and timed-out partial matches.

/** Stage name → accepted events; stages in pattern order, events in arrival order; stages without events are absent. */
export type Match<T> = Map<string, T[]>;

export interface TimedOutMatch<T> {
  readonly match: Match<T>;
  /** When the partial match expired: its first (or previous) event's timestamp plus the window. */
  readonly timestamp: number;
}

export interface AdvanceResult<T> {
  readonly matches: Match<T>[];
  readonly timeouts: TimedOutMatch<T>[];
}
