// Factory for after-match skip strategies, named as in Flink's AfterMatchSkipStrategy.
import { NoSkip } from "./no-skip.js";
import { SkipPastLastEvent } from "./skip-past-last-event.js";
import { SkipToFirst } from "./skip-to-first.js";
import { SkipToLast } from "./skip-to-last.js";
import { SkipToNext } from "./skip-to-next.js";

export const AfterMatchSkipStrategy = {
  noSkip: (): NoSkip => NoSkip.INSTANCE,
  skipToNext: (): SkipToNext => SkipToNext.INSTANCE,
  skipPastLastEvent: (): SkipPastLastEvent => SkipPastLastEvent.INSTANCE,
  skipToFirst: (stage: string): SkipToFirst => new SkipToFirst(stage, false),
  skipToLast: (stage: string): SkipToLast => new SkipToLast(stage, false),
} as const;
