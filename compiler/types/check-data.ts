// Checks literal data (inline `collection([...])` records) against an expected type; an integer may stand for a timestamp.
import type { Expr } from "../ast/nodes.js";
import { expectType, type ExprEnv } from "./check-expression.js";
import { printType } from "./print-type.js";
import { fieldOf, TIMESTAMP, type Type } from "./type.js";

export function checkData(expr: Expr, type: Type, env: ExprEnv): void {
  if (type.kind === "nullable") {
    if (expr.kind === "NullLiteral") expr.type = type;
    else checkData(expr, type.inner, env);
    return;
  }
  // Test data writes event times as epoch milliseconds (`ts: 1000`), as in the word count example.
  if (type.kind === "timestamp" && expr.kind === "IntLiteral") {
    expr.type = TIMESTAMP;
    return;
  }
  if (type.kind === "record" && expr.kind === "RecordLiteral") {
    expr.type = type;
    for (const field of expr.fields) {
      const expected = fieldOf(type, field.name.name);
      if (expected === undefined) env.reporter.report("FLOW2005", field.name.span, { name: field.name.name, type: `\`${printType(type)}\`` });
      else checkData(field.value, expected.type, env);
    }
    for (const expected of type.fields) {
      if (expected.type.kind !== "nullable" && !expr.fields.some((f) => f.name.name === expected.name)) {
        env.reporter.report("FLOW3023", expr.span, { name: expected.name, type: `\`${printType(type)}\`` });
      }
    }
    return;
  }
  if (type.kind === "array" && expr.kind === "ArrayLiteral") {
    expr.type = type;
    for (const element of expr.elements) checkData(element, type.element, env);
    return;
  }
  expectType(expr, type, env);
}
