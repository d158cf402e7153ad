// Result types of the unary and binary operators on non-null operands (`??`, `==`, `!=` handle null themselves).
import type { BinaryOperator, UnaryOperator } from "../ast/nodes.js";
import { unify } from "./assignability.js";
import { BOOL, DURATION, FLOAT, INT, STRING, TIMESTAMP, UNKNOWN, isNumeric, type Type } from "./type.js";

/** The result type, or undefined when the operator does not apply to these operand types. */
export function binaryResultType(op: BinaryOperator, left: Type, right: Type): Type | undefined {
  if (left.kind === "unknown" || right.kind === "unknown") return op === "+" || op === "-" || op === "*" || op === "/" || op === "%" || op === "??" ? UNKNOWN : BOOL;
  const l = left.kind;
  const r = right.kind;
  const bothInt = l === "int" && r === "int";
  const bothNumeric = isNumeric(left) && isNumeric(right);
  switch (op) {
    case "and": case "or":
      return l === "bool" && r === "bool" ? BOOL : undefined;
    case "==": case "!=":
      return unify(left, right) === undefined ? undefined : BOOL;
    case "<": case "<=": case ">": case ">=":
      return bothNumeric || (l === r && (l === "string" || l === "timestamp" || l === "duration")) ? BOOL : undefined;
    case "in":
      return right.kind === "array" && unify(left, right.element) !== undefined ? BOOL : undefined;
    case "??":
      return unify(left, right);
    case "+":
      if (bothInt) return INT;
      if (bothNumeric) return FLOAT;
      if (l === "string" && r === "string") return STRING;
      if ((l === "timestamp" && r === "duration") || (l === "duration" && r === "timestamp")) return TIMESTAMP;
      if (l === "duration" && r === "duration") return DURATION;
      return undefined;
    case "-":
      if (bothInt) return INT;
      if (bothNumeric) return FLOAT;
      if (l === "timestamp" && r === "duration") return TIMESTAMP;
      if (l === "timestamp" && r === "timestamp") return DURATION;
      if (l === "duration" && r === "duration") return DURATION;
      return undefined;
    case "*":
      if (bothInt) return INT;
      if (bothNumeric) return FLOAT;
      if ((l === "duration" && isNumeric(right)) || (isNumeric(left) && r === "duration")) return DURATION;
      return undefined;
    case "/":
      // Division is always real division, as in JavaScript: 7 / 2 = 3.5.
      if (bothNumeric) return FLOAT;
      if (l === "duration" && isNumeric(right)) return DURATION;
      if (l === "duration" && r === "duration") return FLOAT;
      return undefined;
    case "%":
      if (bothInt) return INT;
      if (bothNumeric) return FLOAT;
      if (l === "duration" && r === "duration") return DURATION;
      return undefined;
  }
}

export function unaryResultType(op: UnaryOperator, operand: Type): Type | undefined {
  if (operand.kind === "unknown") return op === "not" ? BOOL : UNKNOWN;
  if (op === "not") return operand.kind === "bool" ? BOOL : undefined;
  return isNumeric(operand) || operand.kind === "duration" ? operand : undefined;
}

/** Operators whose operands may be null (`??` wants a nullable left side, `==`/`!=` compare with null). */
export function acceptsNullOperands(op: BinaryOperator): boolean {
  return op === "??" || op === "==" || op === "!=";
}
