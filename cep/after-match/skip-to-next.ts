// SKIP_TO_NEXT: discards every partial match that started with the same event as the emitted match.
import { SkipStrategy, compareEventKeys, type EventKey, type KeyedMatch } from "./skip-strategy.js";

export class SkipToNext extends SkipStrategy {
  static readonly INSTANCE = new SkipToNext();
  isSkipStrategy(): boolean {
    return true;
  }
  pruningKey(match: KeyedMatch): EventKey | undefined {
    let min: EventKey | undefined;
    for (const events of match.values()) {
      const first = events[0];
      if (first !== undefined && (min === undefined || compareEventKeys(first, min) < 0)) min = first;
    }
    return min;
  }
  shouldPrune(start: EventKey, pruning: EventKey): boolean {
    return compareEventKeys(start, pruning) <= 0;
  }
  describe(): string {
    return "skipToNext";
  }
}
