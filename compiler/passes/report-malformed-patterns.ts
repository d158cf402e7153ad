// Reports patterns the CEP library rejects, by building each one with the library itself (its rules are not duplicated here).
import type { PatternDecl } from "../ast/nodes.js";
import { patternRecipe } from "../plan/pattern-recipe.js";
import { validatePattern } from "../../cep/recipe/build-pattern.js";
import type { CheckContext } from "./context.js";

export function reportMalformedPatterns(ctx: CheckContext): void {
  for (const decl of ctx.program.declarations) {
    if (decl.kind !== "PatternDecl") continue;
    // why: the structural checks already explained what is wrong with this pattern, more precisely than the library
    if (hasErrorsInside(ctx, decl)) continue;
    const recipe = patternRecipe(decl);
    const problem = validatePattern(recipe);
    if (problem === null) continue;
    const span = problem.call === undefined ? decl.name.span : recipe.calls[problem.call]!.span;
    ctx.reporter.report("FLOW4029", span, { message: problem.message });
  }
}

function hasErrorsInside(ctx: CheckContext, decl: PatternDecl): boolean {
  return ctx.reporter.diagnostics.some((d) => d.severity === "error" && d.span.start >= decl.span.start && d.span.end <= decl.span.end);
}
