// SKIP_PAST_LAST_EVENT: discards every partial match that started before the emitted match ended.
import { SkipStrategy, compareEventKeys, type EventKey, type KeyedMatch } from "./skip-strategy.js";

export class SkipPastLastEvent extends SkipStrategy {
  static readonly INSTANCE = new SkipPastLastEvent();
  isSkipStrategy(): boolean {
    return true;
  }
  pruningKey(match: KeyedMatch): EventKey | undefined {
    let max: EventKey | undefined;
    for (const events of match.values()) {
      const last = events[events.length - 1];
      if (last !== undefined && (max === undefined || compareEventKeys(last, max) > 0)) max = last;
    }
    return max;
  }
  shouldPrune(start: EventKey, pruning: EventKey): boolean {
    return compareEventKeys(start, pruning) <= 0;
  }
  describe(): string {
    return "skipPastLastEvent";
  }
}
