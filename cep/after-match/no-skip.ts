// NO_SKIP: every possible match is emitted.
import { SkipStrategy, type EventKey } from "./skip-strategy.js";

export class NoSkip extends SkipStrategy {
  static readonly INSTANCE = new NoSkip();
  isSkipStrategy(): boolean {
    return false;
  }
  pruningKey(): EventKey | undefined {
    return undefined;
  }
  shouldPrune(): boolean {
    return false;
  }
  describe(): string {
    return "noSkip";
  }
}
