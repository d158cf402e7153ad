// `match` on the interpreted path (--no-fuse): the same Pattern API calls, conditions and emit evaluated from embedded IR.
import type { Match, Pattern } from "../../cep/index.js";
import { buildPattern, type RecipeData } from "../../cep/recipe/build-pattern.js";
import type { FieldNode } from "./interpreted-operators.js";
import { evaluate, type ExprNode, type Scope } from "./interpret.js";

type Udfs = Scope["udfs"];

/** A recipe with its conditions as embedded IR (compiler/plan/pattern-recipe.ts). */
export interface InterpretedRecipe extends RecipeData {
  readonly conditions: readonly { readonly stage: string; readonly expr: ExprNode; readonly requires: readonly string[] }[];
}

export function interpretPattern<T>(recipe: InterpretedRecipe, udfs: Udfs): Pattern<T> {
  return buildPattern<T>(recipe, (i) => {
    const { stage, expr, requires } = recipe.conditions[i]!;
    return (event, ctx) => requires.every((s) => ctx.getEventsForPattern(s).length > 0) && evaluate(expr, { record: event as Record<string, unknown>, udfs, cep: { current: stage, events: (s) => ctx.getEventsForPattern(s) } }) === true;
  });
}

/** The emit record of a match: stages missing from the match read as no events. */
export function interpretPatternEmit<T>(fields: readonly FieldNode[], udfs: Udfs): (match: Match<T>) => Record<string, unknown> {
  return (match) => {
    const scope: Scope = { record: {}, udfs, cep: { current: null, events: (s) => match.get(s) ?? [] } };
    const out: Record<string, unknown> = {};
    for (const f of fields) out[f.name] = evaluate(f.value, scope);
    return out;
  };
}

/** The timeout record: one array per positive stage. */
export function patternTimeoutRecord<T>(stages: readonly string[]): (match: Match<T>) => Record<string, T[]> {
  return (match) => Object.fromEntries(stages.map((s) => [s, match.get(s) ?? []]));
}
