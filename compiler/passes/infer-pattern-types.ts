// Types CEP patterns: every stage condition (with iterative functions over earlier stages), the emit record,
// and the record sent to `timeoutsTo` for partial matches.
import type { PatternDecl } from "../ast/nodes.js";
import { checkFieldInits, expectType, type CepEnv, type CepStageInfo, type ExprEnv } from "../types/check-expression.js";
import { arrayOf, BOOL, record } from "../types/type.js";
import type { UdfSignature } from "../types/udf.js";
import type { CheckContext } from "./context.js";

export function inferPatternTypes(ctx: CheckContext): void {
  const functions = (name: string): UdfSignature | undefined => {
    const symbol = ctx.symbols.get(name);
    if (symbol?.kind !== "function") return undefined;
    symbol.used = true;
    return symbol.udf;
  };
  for (const decl of ctx.program.declarations) if (decl.kind === "PatternDecl") inferPattern(ctx, decl, functions);
}

function inferPattern(ctx: CheckContext, decl: PatternDecl, functions: ExprEnv["functions"]): void {
  const eventType = decl.eventType ?? record([]);
  const stages: CepStageInfo[] = decl.stages.map((s, index) => ({
    name: s.name.name,
    index,
    min: s.quantifier?.min ?? 1,
    max: s.quantifier === null ? 1 : s.quantifier.max,
    negative: s.contiguity === "notNext" || s.contiguity === "notFollowedBy",
  }));
  const cep = (current: CepEnv["current"]): CepEnv => ({ pattern: decl.name.name, eventType, stages, current });
  const opaque = decl.eventType === undefined || (eventType.fields.length === 0 && eventType.name === undefined);

  decl.stages.forEach((stage, index) => {
    const env: ExprEnv = { reporter: ctx.reporter, record: eventType, functions, cep: cep(index), opaque };
    if (stage.condition !== null) expectType(stage.condition, BOOL, env);
    for (const m of stage.modifiers) if (m.condition !== null) expectType(m.condition, BOOL, env);
  });

  // In `emit` there is no current event: names are stages, read through first/last/count… or directly if single.
  const emitEnv: ExprEnv = { reporter: ctx.reporter, record: record([]), functions, cep: cep("emit") };
  decl.emitType = checkFieldInits(decl.emit.fields, emitEnv);
  decl.emit.type = decl.emitType;
  decl.timeoutType = record(stages.filter((s) => !s.negative).map((s) => ({ name: s.name, type: arrayOf(eventType) })));
}
