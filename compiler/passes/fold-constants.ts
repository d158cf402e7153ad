// Folds constant sub-expressions in stateless operators and aggregates (`2 * 60 * 1000`, `lower("A")`, `if true …`)
// and drops filters that became `true`; expressions are pure, so evaluating them at compile time is exact. What a
// constant operation evaluates to is the IR pass's answer (compiler/ir/passes/fold-constants.ts): stateless steps are
// IR and are folded by it directly; an aggregate's fields are still typed AST in the plan, kept in step here.
import type { AggregateOp, BinaryExpr, Expr, Literal, RecordFieldInit } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { inputsOf, type ChainNode, type JobPlan, type StatelessOp } from "../plan/plan.js";
import { spliceOut } from "../plan/rewrite.js";
import type { Type } from "../types/type.js";
import type { BackEndContext } from "./back-end-context.js";
import { lowerExpression } from "../ir/lower-expression.js";
import { foldConstants as foldIr } from "../ir/passes/fold-constants.js";

export function foldConstants(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    for (const node of [...job.nodes]) {
      if (node.kind === "chain") {
        node.steps = node.steps.map(foldStep);
        node.steps = node.steps.filter((s) => !(s.kind === "filter" && s.condition.kind === "literal" && s.condition.value === true));
        // A chain reduced to nothing (`filter true`) passes records through: remove it when that is a plain splice.
        if (node.steps.length === 0 && removable(job, node)) spliceOut(job, node.id, inputsOf(job, node.id)[0]!.from);
      } else if (node.kind === "aggregate" && node.op.kind === "AggregateOp") {
        node.op = { ...node.op, fields: foldFields(node.op.fields) } satisfies AggregateOp;
      }
    }
  }
}

/** An empty chain can go when its one input is a plain forward edge: its outputs then leave from that input. */
function removable(job: JobPlan, node: ChainNode): boolean {
  const ins = inputsOf(job, node.id);
  return ins.length === 1 && ins[0]!.partitioning.kind === "forward" && ins[0]!.side === undefined;
}

function foldStep(op: StatelessOp): StatelessOp {
  switch (op.kind) {
    case "filter": return { ...op, condition: foldIr(op.condition) };
    case "project": return { ...op, fields: op.fields.map((f) => ({ name: f.name, value: foldIr(f.value) })) };
    case "unnest": return { ...op, elements: foldIr(op.elements) };
  }
}

function foldFields(fields: readonly RecordFieldInit[]): RecordFieldInit[] {
  return fields.map((f) => ({ ...f, value: fold(f.value) }));
}

type Value = number | string | boolean | null;

function literalValue(e: Expr): { value: Value } | undefined {
  switch (e.kind) {
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "DurationLiteral": case "TimestampLiteral":
      return { value: e.value };
    case "NullLiteral": return { value: null };
    default: return undefined;
  }
}

/** A literal of the expression's type holding `value`. */
function literalOf(value: Value, type: Type | undefined, span: Span): Literal | undefined {
  const t = type ?? { kind: "unknown" };
  if (value === null) return { kind: "NullLiteral", span, type: t };
  if (typeof value === "boolean") return { kind: "BoolLiteral", value, span, type: t };
  if (typeof value === "string") return { kind: "StringLiteral", value, span, type: t };
  if (!Number.isFinite(value)) return undefined;
  switch (t.kind) {
    case "int": return Number.isSafeInteger(value) ? { kind: "IntLiteral", value, raw: String(value), span, type: t } : undefined;
    case "float": return { kind: "FloatLiteral", value, raw: String(value), span, type: t };
    case "duration": return { kind: "DurationLiteral", amount: value, unit: "ms", value, span, type: t };
    case "timestamp": return { kind: "TimestampLiteral", raw: new Date(value).toISOString(), value, span, type: t };
    default: return undefined;
  }
}

function fold(expr: Expr): Expr {
  switch (expr.kind) {
    case "UnaryExpr": {
      const folded = { ...expr, operand: fold(expr.operand) };
      return literalValue(folded.operand) === undefined ? folded : evaluateConstant(folded) ?? folded;
    }
    case "BinaryExpr": return foldBinary({ ...expr, left: fold(expr.left), right: fold(expr.right) });
    case "IfExpr": {
      const condition = fold(expr.condition);
      if (condition.kind === "BoolLiteral") return fold(condition.value ? expr.then : expr.else);
      return { ...expr, condition, then: fold(expr.then), else: fold(expr.else) };
    }
    case "CallExpr": {
      const args = expr.args.map((a) => ({ ...a, value: fold(a.value) }));
      const folded = { ...expr, args };
      if (expr.target?.kind !== "builtin") return folded;
      if (args.some((a) => literalValue(a.value) === undefined)) return folded;
      return evaluateConstant(folded) ?? folded;
    }
    case "FieldAccess": return { ...expr, object: fold(expr.object) };
    case "IndexExpr": return { ...expr, object: fold(expr.object), index: fold(expr.index) };
    case "RecordLiteral": return { ...expr, fields: foldFields(expr.fields) };
    case "ArrayLiteral": return { ...expr, elements: expr.elements.map(fold) };
    default: return expr;
  }
}

function foldBinary(expr: BinaryExpr): Expr {
  const l = literalValue(expr.left);
  const r = literalValue(expr.right);
  // Boolean identities hold for any (pure) other side.
  if (expr.op === "and" || expr.op === "or") {
    const absorbing = expr.op === "or";
    if (l !== undefined && typeof l.value === "boolean") return l.value === absorbing ? expr.left : expr.right;
    if (r !== undefined && typeof r.value === "boolean") return r.value === absorbing ? expr.right : expr.left;
    return expr;
  }
  if (expr.op === "??" && l !== undefined) return l.value === null ? expr.right : expr.left;
  if (l === undefined || r === undefined) return expr;
  return evaluateConstant(expr) ?? expr;
}

/** The literal an operation on literals evaluates to, as the IR folds it; undefined when that is not exact. */
function evaluateConstant(expr: Expr): Literal | undefined {
  const folded = foldIr(lowerExpression(expr));
  return folded.kind === "literal" ? literalOf(folded.value, expr.type, expr.span) : undefined;
}
