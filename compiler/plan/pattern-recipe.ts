// A pattern declaration as the list of Pattern API calls that builds it: replayed by the checker, printed by the emitter, embedded for --no-fuse.
import type { Expr, PatternDecl, SkipStrategyName } from "../ast/nodes.js";
import { visit } from "../ast/visit.js";
import type { Span } from "../ast/span.js";
import { constantDuration } from "../types/constants.js";

/** Methods of cep's Pattern (plus `begin`, the static factory) that a `.flow` pattern can use. */
export type PatternMethod =
  | "begin" | "next" | "followedBy" | "followedByAny" | "notNext" | "notFollowedBy"
  | "where" | "until" | "times" | "timesOrMore" | "oneOrMore" | "optional" | "greedy" | "consecutive" | "allowCombinations"
  | "within";

export interface PatternCall {
  readonly method: PatternMethod;
  /** Stage name (begin, next…), counts (times…), milliseconds (within) or a condition index (where, until). */
  readonly args: readonly (string | number)[];
  /** What the call was written as: the stage, its quantifier, modifier or the pattern's `within`. */
  readonly span: Span;
}

/** A `where` or `until` condition: the expression, typed in the stage's environment. */
export interface PatternCondition {
  readonly stage: string;
  readonly kind: "where" | "until";
  readonly expr: Expr;
  /**
   * Earlier stages the condition reads as certainly matched (typed non-null: `large.amount`, `first(small)`): the
   * condition is false while one of them has no events. why: the NFA also evaluates a greedy stage's condition to
   * gate the stage before it (Flink's updateWithGreedyCondition), before the earlier stages have matched.
   */
  readonly requires: readonly string[];
}

export interface PatternRecipe {
  readonly skip: { readonly strategy: SkipStrategyName; readonly stage: string | null };
  readonly calls: readonly PatternCall[];
  readonly conditions: readonly PatternCondition[];
}

/** The Pattern API calls of `decl`, in the order Flink's builder expects: stage, where, quantifier, modifiers; within last. */
export function patternRecipe(decl: PatternDecl): PatternRecipe {
  const calls: PatternCall[] = [];
  const conditions: PatternCondition[] = [];
  const condition = (stage: string, kind: PatternCondition["kind"], expr: Expr, span: Span) => {
    calls.push({ method: kind, args: [conditions.length], span });
    conditions.push({ stage, kind, expr, requires: requiredStages(expr, stage) });
  };
  for (const stage of decl.stages) {
    const name = stage.name.name;
    calls.push({ method: stage.contiguity, args: [name], span: stage.span });
    if (stage.condition !== null) condition(name, "where", stage.condition, stage.condition.span);
    const q = stage.quantifier;
    if (q !== null) {
      const at = (method: PatternMethod, ...args: number[]) => calls.push({ method, args, span: q.span });
      switch (q.form) {
        case "times": at("times", q.min); break;
        case "range": at("times", q.min, q.max ?? q.min); break;
        // Flink has no timesOrMore(0): zero or more is oneOrMore().optional().
        case "atLeast": if (q.min === 0) { at("oneOrMore"); at("optional"); } else at("timesOrMore", q.min); break;
        case "oneOrMore": at("oneOrMore"); break;
        case "zeroOrMore": at("oneOrMore"); at("optional"); break;
        case "optional": at("optional"); break;
      }
    }
    for (const m of stage.modifiers) {
      if (m.modifier === "until") condition(name, "until", m.condition!, m.span);
      else calls.push({ method: m.modifier, args: [], span: m.span });
    }
  }
  if (decl.within !== null) calls.push({ method: "within", args: [constantDuration(decl.within) ?? 0], span: decl.within.span });
  return { skip: { strategy: decl.skip?.strategy ?? "noSkip", stage: decl.skip?.stage?.name ?? null }, calls, conditions };
}

/** Stages other than `current` that `expr` reads through a non-null reference (see PatternCondition.requires). */
function requiredStages(expr: Expr, current: string): string[] {
  const out = new Set<string>();
  const nonNull = (e: Expr) => e.type !== undefined && e.type.kind !== "nullable" && e.type.kind !== "null";
  visit(expr, {
    NameExpr: (n) => {
      if (n.ref?.kind === "stage" && n.ref.stage !== current && nonNull(n)) out.add(n.ref.stage);
    },
    CallExpr: (c) => {
      const t = c.target;
      // count and sum are defined on no events; the stage name inside the call is not a read of one event
      if (t?.kind !== "iterative") return;
      if (t.stage !== current && t.name !== "count" && t.name !== "sum" && nonNull(c)) out.add(t.stage);
      return false;
    },
  });
  return [...out];
}
