// SKIP_TO_LAST[name]: discards partial matches that started before the last event of stage `name` in the emitted match.
import { SkipToElement } from "./skip-to-element.js";
import type { EventKey } from "./skip-strategy.js";

export class SkipToLast extends SkipToElement {
  protected pick(events: readonly EventKey[]): EventKey {
    return events[events.length - 1]!;
  }
  /** Throw while matching if a match has no event for the stage (default: behave as noSkip). */
  throwExceptionOnMiss(): SkipToLast {
    return new SkipToLast(this.stage, true);
  }
  describe(): string {
    return `skipToLast(${this.stage})${this.throwOnMiss ? ".throwExceptionOnMiss()" : ""}`;
  }
}
