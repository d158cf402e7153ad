// Generated code of a CEP pattern: straight-line condition functions, the Pattern API chain, and the emit and timeout records of a match.
import type { IrStageFunction } from "../ir/expr.js";
import type { IrPattern } from "../ir/pattern.js";
import { printIr } from "../ir/print.js";
import type { PatternCall } from "../plan/pattern-recipe.js";
import type { Type } from "../types/type.js";
import { oneLine, type CodeContext } from "./chain-code.js";
import { emitIr, type ExprScope } from "./emit-expression.js";
import type { Imports } from "./imports.js";
import { patternFunctionName } from "./names.js";
import { pascal } from "./type-names.js";

const isNullable = (t: Type | undefined) => t?.kind === "nullable" || t?.kind === "null";

/**
 * An iterative function over `events`, a side-effect-free expression of the stage's events (re-evaluated where
 * needed: the library caches a run's events per condition call). Non-null results are asserted: the checker typed
 * them non-null only where the stage has matched at least one event.
 */
function iterativeCode(target: IrStageFunction, events: string, helper: (name: string) => string): string {
  const nullable = isNullable(target.type);
  const by = `(e) => e.${target.field}`;
  switch (target.name) {
    case "first": return nullable ? `(${events}[0] ?? null)` : `${events}[0]!`;
    case "last": return nullable ? `(${events}.at(-1) ?? null)` : `${events}.at(-1)!`;
    case "count": return `${events}.length`;
    case "sum": return `${helper("stageSum")}(${events}, ${by})`;
    default: {
      const fn = helper(`stage${pascal(target.name)}`);
      return `${fn}(${events}, ${by})${nullable ? "" : "!"}`;
    }
  }
}

interface PatternTypes {
  readonly event: string;
  readonly emit: string;
  readonly timeout: string;
}

/** False while a stage the condition reads as matched has no events (PatternCondition.requires says when). */
function guards(stages: readonly string[]): string {
  if (stages.length === 0) return "";
  const test = stages.map((s) => `ctx.getEventsForPattern(${JSON.stringify(s)}).length === 0`).join(" || ");
  return `  if (${test}) return false; // ${stages.join(", ")} not matched yet (a greedy stage's condition also gates the stage before it)\n`;
}

/** The scope of a condition of `stage`: bare names are the event's fields, `stage` itself is the event. */
function conditionScope(stage: string, code: CodeContext): ExprScope {
  const events = (s: string) => `ctx.getEventsForPattern(${JSON.stringify(s)})`;
  return {
    field: (name) => `event.${name}`,
    stage: (name, type) => (name === stage ? "event" : isNullable(type) ? `(${events(name)}.at(-1) ?? null)` : `${events(name)}.at(-1)!`),
    iterative: (call) => iterativeCode(call, events(call.stage), code.helper),
    udf: code.udf,
    helper: code.helper,
  };
}

/** The scope of `emit`: names are stages, read from the match; a stage that may be empty is absent from it. */
function emitScope(pattern: IrPattern, code: CodeContext): ExprScope {
  const mayBeEmpty = new Set(pattern.mayBeEmpty);
  const events = (s: string) => (mayBeEmpty.has(s) ? `(match.get(${JSON.stringify(s)}) ?? [])` : `match.get(${JSON.stringify(s)})!`);
  return {
    field: (name) => {
      throw new Error(`internal: field ${name} in a pattern's emit`);
    },
    stage: (name, type) => (isNullable(type) ? `(match.get(${JSON.stringify(name)})?.at(-1) ?? null)` : `match.get(${JSON.stringify(name)})!.at(-1)!`),
    iterative: (call) => iterativeCode(call, events(call.stage), code.helper),
    udf: code.udf,
    helper: code.helper,
  };
}

/** TypeScript for the Pattern API call `call` (`begin` is the static factory), conditions by generated name. */
function callCode(call: PatternCall, recipe: IrPattern, conditionNames: readonly string[], imports: Imports, event: string): string {
  const args = call.args.map((a) => JSON.stringify(a)).join(", ");
  switch (call.method) {
    case "begin": {
      const skip = recipe.skip;
      const strategy = skip.strategy === "pastLastEvent" ? "skipPastLastEvent" : skip.strategy === "toFirst" ? "skipToFirst" : skip.strategy === "toLast" ? "skipToLast" : skip.strategy;
      const target = skip.stage === null ? "" : JSON.stringify(skip.stage);
      return `${imports.fromSupport("Pattern")}.begin<${event}>(${args}, ${imports.fromSupport("AfterMatchSkipStrategy")}.${strategy}(${target}))`;
    }
    case "where": case "until": return `.${call.method}(${conditionNames[call.args[0] as number]})`;
    default: return `.${call.method}(${args})`;
  }
}

/**
 * The functions of pattern `decl` (chains.ts): its conditions, `<p>Pattern()` (a fresh Pattern per call: each job
 * compiles its own NFA), `<p>Select(match)` and `<p>Timeout(match)`.
 */
export function patternFunctions(pattern: IrPattern, types: PatternTypes, code: CodeContext, imports: Imports): string {
  const recipe = pattern;
  const P = pattern.name;
  const out: string[] = [];
  const cond = imports.fromSupport("ConditionContext", true);
  const match = imports.fromSupport("Match", true);

  // 1. One function per condition.
  const conditionNames = recipe.conditions.map((c, i) => {
    code.reset();
    const name = patternFunctionName(P, `${pascal(c.stage)}${c.kind === "where" ? "Where" : "Until"}${recipe.conditions.findIndex((x) => x.stage === c.stage && x.kind === c.kind) === i ? "" : i}`);
    out.push(`/** ${P}: \`${c.stage}\` ${c.kind} ${oneLine(printIr(c.expr)).replace(/\*\//g, "* /")} */
export function ${name}(event: ${types.event}, ctx: ${cond}<${types.event}>): boolean {
${guards(c.requires)}  // ${code.tag(c.expr.span ?? pattern.span)}
  return ${emitIr(c.expr, conditionScope(c.stage, code))};
}`);
    return name;
  });

  // 2. The Pattern API chain, one call per line, each stage (and `within`) preceded by where it is written.
  const STAGE_METHODS = new Set(["begin", "next", "followedBy", "followedByAny", "notNext", "notFollowedBy", "within"]);
  const chain = recipe.calls.flatMap((call) => {
    const text = callCode(call, recipe, conditionNames, imports, types.event);
    return STAGE_METHODS.has(call.method) ? [`// ${code.tag(call.span)}`, text] : [text];
  });
  out.push(`/** Pattern \`${P}\` (${code.tag(pattern.span)}) built with the Pattern API. */
export function ${patternFunctionName(P, "Pattern")}(): ${imports.fromSupport("Pattern", true)}<${types.event}> {
  return (
    ${chain.join("\n    ")}
  );
}`);

  // 3. The emit record of a match.
  code.reset();
  const scope = emitScope(pattern, code);
  const fields = pattern.emit.map((f) => `    ${f.name}: ${emitIr(f.value, scope)}, // ${code.tag(f.value.span ?? pattern.span)}`);
  out.push(`/** \`${P}\`'s emit record from a match (stage → events). */
export function ${patternFunctionName(P, "Select")}(match: ${match}<${types.event}>): ${types.emit} {
  return {
${fields.join("\n")}
  };
}`);

  // 4. The timeout record: each positive stage's events so far (empty for stages not reached).
  const positive = pattern.timeoutType?.fields ?? [];
  out.push(`/** A partial match of \`${P}\` that exceeded \`within\`: each positive stage's events so far. */
export function ${patternFunctionName(P, "Timeout")}(match: ${match}<${types.event}>): ${types.timeout} {
  return { ${positive.map((f) => `${f.name}: match.get(${JSON.stringify(f.name)}) ?? []`).join(", ")} };
}`);
  return out.join("\n\n");
}
