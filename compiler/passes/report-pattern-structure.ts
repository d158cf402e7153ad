// Reports malformed CEP patterns at compile time (Flink rejects them when the pattern is built):
// stage order, negative stages, quantifier bounds, modifiers, skip targets, stage names.
import type { PatternDecl, Stage } from "../ast/nodes.js";
import type { ExprEnv } from "../types/check-expression.js";
import { checkDurationConstant } from "../types/check-arguments.js";
import { fieldOf, record } from "../types/type.js";
import type { CheckContext } from "./context.js";

const isNegative = (s: Stage) => s.contiguity === "notNext" || s.contiguity === "notFollowedBy";
/** Looping = may take more than one event: `+`, `*`, `{n,}`, `{n}` and `{n,m}` with n, m > 1 (Flink: times, oneOrMore, timesOrMore). */
const isLooping = (s: Stage) => s.quantifier !== null && (s.quantifier.max === null || s.quantifier.max > 1);

export function reportPatternStructure(ctx: CheckContext): void {
  for (const decl of ctx.program.declarations) if (decl.kind === "PatternDecl") checkPattern(ctx, decl);
}

function checkPattern(ctx: CheckContext, decl: PatternDecl): void {
  const r = ctx.reporter;
  decl.stages.forEach((stage, i) => {
    if (i === 0 && stage.contiguity !== "begin") r.report("FLOW4016", stage.span, { text: "a pattern must start with `begin`" });
    if (i > 0 && stage.contiguity === "begin") r.report("FLOW4016", stage.span, { text: "`begin` can only start a pattern; use next, followedBy or followedByAny" });
    if (isNegative(stage) && stage.quantifier !== null) r.report("FLOW4017", stage.quantifier.span, { text: "a negative stage (notNext, notFollowedBy) cannot have a quantifier" });

    const q = stage.quantifier;
    if (q !== null) {
      if (q.max === 0) r.report("FLOW4018", q.span, { text: "a stage repeated zero times matches nothing" });
      else if (q.max !== null && q.min > q.max) r.report("FLOW4018", q.span, { text: `the minimum ${q.min} is greater than the maximum ${q.max}` });
    }
    const names = new Set(stage.modifiers.map((m) => m.modifier));
    if (names.has("consecutive") && names.has("allowCombinations")) {
      r.report("FLOW4018", stage.span, { text: "`consecutive` and `allowCombinations` exclude each other" });
    }
    for (const m of stage.modifiers) {
      if (!isLooping(stage)) r.report("FLOW4019", m.span, { name: m.modifier });
    }
    if (decl.eventType !== undefined && fieldOf(decl.eventType, stage.name.name) !== undefined) {
      r.report("FLOW2022", stage.name.span, { name: stage.name.name, schema: decl.on.name });
    }
  });

  const last = decl.stages[decl.stages.length - 1];
  if (last !== undefined && last.contiguity === "notFollowedBy" && decl.within === null) r.report("FLOW4020", last.span);

  if (decl.skip?.stage != null) {
    const target = decl.skip.stage;
    if (!decl.stages.some((s) => s.name.name === target.name)) r.report("FLOW2011", target.span, { pattern: decl.name.name, name: target.name });
  }
  if (decl.within !== null) {
    const env: ExprEnv = { reporter: r, record: record([]), functions: () => undefined };
    checkDurationConstant(r, decl.within, "`within`", "positive", env, (ms) => ms > 0);
  }
}
