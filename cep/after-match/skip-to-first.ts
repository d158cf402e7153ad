// SKIP_TO_FIRST[name]: discards partial matches that started before the first event of stage `name` in the emitted match.
import { SkipToElement } from "./skip-to-element.js";
import type { EventKey } from "./skip-strategy.js";

export class SkipToFirst extends SkipToElement {
  protected pick(events: readonly EventKey[]): EventKey {
    return events[0]!;
  }
  /** Throw while matching if a match has no event for the stage (default: behave as noSkip). */
  throwExceptionOnMiss(): SkipToFirst {
    return new SkipToFirst(this.stage, true);
  }
  describe(): string {
    return `skipToFirst(${this.stage})${this.throwOnMiss ? ".throwExceptionOnMiss()" : ""}`;
  }
}
