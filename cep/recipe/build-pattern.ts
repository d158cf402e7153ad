// Replays a pattern recipe against cep's Pattern API: the interpreted path builds patterns with it, the checker validates them with it.
import { AfterMatchSkipStrategy } from "../after-match/after-match-skip-strategy.js";
import type { SkipStrategy } from "../after-match/skip-strategy.js";
import { compilePattern } from "../nfa/compile-pattern.js";
import type { Condition } from "../pattern/condition.js";
import { MalformedPatternError } from "../pattern/malformed-pattern-error.js";
import { Pattern } from "../pattern/pattern.js";

/** A recipe as embedded in generated code (compiler/plan/pattern-recipe.ts, without spans and expressions). */
export interface RecipeData {
  readonly skip: { readonly strategy: string; readonly stage: string | null };
  readonly calls: readonly { readonly method: string; readonly args: readonly (string | number)[] }[];
}

export function skipStrategyOf(skip: RecipeData["skip"]): SkipStrategy {
  switch (skip.strategy) {
    case "skipToNext": return AfterMatchSkipStrategy.skipToNext();
    case "pastLastEvent": return AfterMatchSkipStrategy.skipPastLastEvent();
    case "toFirst": return AfterMatchSkipStrategy.skipToFirst(skip.stage!);
    case "toLast": return AfterMatchSkipStrategy.skipToLast(skip.stage!);
    default: return AfterMatchSkipStrategy.noSkip();
  }
}

/**
 * Builds the pattern: each call is the Pattern method of the same name; `where`/`until` take `conditionAt(index)`.
 * `onCall(i)` is told which call is running, so that an error can be traced back to what the user wrote.
 */
export function buildPattern<T>(recipe: RecipeData, conditionAt: (index: number) => Condition<T>, onCall: (index: number) => void = () => {}): Pattern<T> {
  let p: Pattern<T> | undefined;
  recipe.calls.forEach((call, i) => {
    onCall(i);
    const [a, b] = call.args;
    if (call.method === "begin") {
      p = Pattern.begin<T>(a as string, skipStrategyOf(recipe.skip));
      return;
    }
    if (p === undefined) throw new MalformedPatternError("a pattern must start with begin");
    switch (call.method) {
      case "next": p = p.next(a as string); break;
      case "followedBy": p = p.followedBy(a as string); break;
      case "followedByAny": p = p.followedByAny(a as string); break;
      case "notNext": p = p.notNext(a as string); break;
      case "notFollowedBy": p = p.notFollowedBy(a as string); break;
      case "where": p.where(conditionAt(a as number)); break;
      case "until": p.until(conditionAt(a as number)); break;
      case "times": if (b === undefined) p.times(a as number); else p.times(a as number, b as number); break;
      case "timesOrMore": p.timesOrMore(a as number); break;
      case "oneOrMore": p.oneOrMore(); break;
      case "optional": p.optional(); break;
      case "greedy": p.greedy(); break;
      case "consecutive": p.consecutive(); break;
      case "allowCombinations": p.allowCombinations(); break;
      case "within": p.within(a as number); break;
      default: throw new Error(`internal: unknown pattern method ${call.method}`);
    }
  });
  if (p === undefined) throw new MalformedPatternError("a pattern needs at least one stage");
  return p;
}

/**
 * Whether the library accepts the recipe: builds it (with conditions that are never called) and compiles it to an
 * NFA, as PatternStream does when a job is built. Returns the library's message and the call that failed (undefined
 * when the NFA compiler rejected the whole pattern), or null.
 */
export function validatePattern(recipe: RecipeData): { readonly message: string; readonly call: number | undefined } | null {
  let current = -1;
  let built: Pattern<unknown>;
  try {
    built = buildPattern<unknown>(recipe, () => () => false, (i) => (current = i));
  } catch (error) {
    if (error instanceof MalformedPatternError) return { message: error.message, call: current };
    throw error;
  }
  try {
    compilePattern(built, { timeoutHandling: true });
  } catch (error) {
    if (error instanceof MalformedPatternError) return { message: error.message, call: undefined };
    throw error;
  }
  return null;
}
