// Shared logic of SKIP_TO_FIRST / SKIP_TO_LAST: discard partial matches that started before an event of a named stage.
import { SkipStrategy, compareEventKeys, type EventKey, type KeyedMatch } from "./skip-strategy.js";

/** Thrown while matching when throwExceptionOnMiss() is set and the skip cannot be applied (Flink's FlinkRuntimeException). */
export class SkipStrategyMissError extends Error {
  override readonly name = "SkipStrategyMissError";
}

export abstract class SkipToElement extends SkipStrategy {
  constructor(
    readonly stage: string,
    readonly throwOnMiss: boolean,
  ) {
    super();
  }
  override get patternName(): string {
    return this.stage;
  }
  isSkipStrategy(): boolean {
    return true;
  }
  /** Which of the stage's events to skip to. */
  protected abstract pick(events: readonly EventKey[]): EventKey;

  pruningKey(match: KeyedMatch): EventKey | undefined {
    const events = match.get(this.stage);
    if (events === undefined || events.length === 0) {
      // Without events for the stage Flink falls back to noSkip, unless asked to throw.
      if (this.throwOnMiss) throw new SkipStrategyMissError(`Could not skip to ${this.stage}: the match has no such event.`);
      return undefined;
    }
    const key = this.pick(events);
    if (this.throwOnMiss) {
      // Skipping to the match's own first event would loop forever in Flink's model; it rejects it.
      let start: EventKey | undefined;
      for (const evs of match.values()) for (const e of evs) if (start === undefined || compareEventKeys(e, start) < 0) start = e;
      if (start !== undefined && compareEventKeys(start, key) === 0) {
        throw new SkipStrategyMissError("Could not skip to first element of a match.");
      }
    }
    return key;
  }
  shouldPrune(start: EventKey, pruning: EventKey): boolean {
    return compareEventKeys(start, pruning) < 0;
  }
}
