// Turns an IR expression into a JavaScript expression. Precedence is by construction: every emitted piece carries
// the JavaScript precedence of its outermost operator, and an operand is parenthesised exactly when its precedence is
// below what its position requires (no rescans of generated text). Operators were resolved when the IR was lowered.
import type { Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { IrAggregateCall, IrExpr, IrStageFunction } from "../ir/expr.js";
import { lowerExpression, type LowerContext } from "../ir/lower-expression.js";
import { foldConstants } from "../ir/passes/fold-constants.js";
import type { Type } from "../types/type.js";

/** Where an imported function is called, and with how many arguments. */
export interface UdfSite {
  readonly span: Span;
  readonly arity: number;
}

/**
 * What the code around an expression provides. Every string a scope returns must be usable as a member-access
 * operand as it is (a name, a member chain, a call, or parenthesised): it is spliced in with member precedence.
 */
export interface ExprScope {
  /** The JavaScript expression holding field `name` of the record in scope. */
  field(name: string): string;
  /** `window.start` / `window.end`. */
  window?(which: "start" | "end"): string;
  /** The join's right record. */
  readonly right?: string;
  /** Lambda parameters. */
  readonly params?: readonly string[];
  /** The value of an aggregate call (from the accumulator). */
  aggregate?(call: IrAggregateCall): string;
  /** A CEP stage used as one event (`large.amount`), in a pattern's condition or `emit`. */
  stage?(name: string, type: Type): string;
  /** A CEP iterative function: `first(s)`, `count(s)`, `sum(s.f)`… */
  iterative?(call: IrStageFunction): string;
  /** The callable for an imported function; with a call site, a wrapper that names that site when the function throws. */
  udf(module: string, exportName: string, site?: UdfSite): string;
  /** The imported identifier of a runtime-support helper (builtins.ts). */
  helper(name: string): string;
  /** How `.flow` expressions lower into IR here (aggregate slots). */
  readonly lowering?: LowerContext;
}

/** A typed `.flow` expression as JavaScript: lowered to IR, constants folded, emitted. */
export function emitExpr(e: Expr, scope: ExprScope): string {
  return emitIrExpr(foldConstants(lowerExpression(e, scope.lowering)), scope);
}

// JavaScript precedence levels (MDN's table), highest binds tightest.
const PRIMARY = 20;
const MEMBER = 17;
const UNARY = 14;
const MULTIPLICATIVE = 12;
const ADDITIVE = 11;
const RELATIONAL = 9;
const EQUALITY = 8;
const AND = 4;
/** `??` sits between `||` and `&&` here, and may not be mixed with either without parentheses (a syntax error). */
const COALESCE = 3.5;
const OR = 3;
const CONDITIONAL = 2;
/** An argument, array element or property value: anything but a comma expression. */
const ASSIGNMENT = 2;

/** Emitted code with the precedence of its outermost operator. */
export interface Code {
  readonly text: string;
  readonly precedence: number;
}

const code = (text: string, precedence: number): Code => ({ text, precedence });

/** `c` as an operand that needs at least precedence `min` (parenthesised otherwise). */
function at(c: Code, min: number): string {
  return c.precedence >= min ? c.text : `(${c.text})`;
}

/** An operand of `&&`/`||`: also parenthesised when it is a `??`. */
function logicalOperand(c: Code, min: number): string {
  return c.precedence >= min && c.precedence !== COALESCE ? c.text : `(${c.text})`;
}

export function emitIrExpr(e: IrExpr, scope: ExprScope): string {
  return emit(e, scope).text;
}

/** The receiver of `.x`/`[i]`/`.f()`: numeric literals too are parenthesised (`(5).x`, not `5.x`). */
function receiver(e: IrExpr, scope: ExprScope): string {
  const c = emit(e, scope);
  return e.kind === "literal" && typeof e.value === "number" ? `(${c.text})` : at(c, MEMBER);
}

export function emit(e: IrExpr, scope: ExprScope): Code {
  const arg = (x: IrExpr) => at(emit(x, scope), ASSIGNMENT);
  const args = (xs: readonly IrExpr[]) => xs.map(arg).join(", ");
  const binary = (l: IrExpr, op: string, r: IrExpr, p: number) => code(`${at(emit(l, scope), p)} ${op} ${at(emit(r, scope), p + 1)}`, p);
  const helper = (name: string, xs: readonly IrExpr[]) => code(`${scope.helper(name)}(${args(xs)})`, MEMBER);
  const method = (name: string, xs: readonly IrExpr[]) => code(`${receiver(xs[0]!, scope)}.${name}(${args(xs.slice(1))})`, MEMBER);
  switch (e.kind) {
    case "literal": {
      const v = e.value;
      if (typeof v === "number") return v < 0 || Object.is(v, -0) ? code(Object.is(v, -0) ? "-0" : String(v), UNARY) : code(String(v), PRIMARY);
      return code(typeof v === "string" ? JSON.stringify(v) : String(v), PRIMARY);
    }
    case "read": {
      const s = e.source;
      switch (s.kind) {
        case "input": return code(scope.field(s.field), MEMBER);
        case "joinRight": return code(need(scope.right, "a join's right record"), MEMBER);
        case "lambdaParam": return code(need(scope.params?.[s.index], `lambda parameter ${s.index}`), MEMBER);
        case "stageEvent": return code(need(scope.stage, "a pattern stage")(s.stage, e.type), MEMBER);
        case "windowBound": return code(need(scope.window, "window bounds")(s.bound), MEMBER);
      }
    }
    // falls through: every read source returned above
    case "getField": {
      if (e.kind !== "getField") throw new Error("internal: unreachable");
      return code(`${receiver(e.object, scope)}${e.nullSafe ? "?." : "."}${e.field}`, MEMBER);
    }
    case "index": return code(`${receiver(e.object, scope)}[${emit(e.index, scope).text}] ?? null`, COALESCE);
    case "arithmetic": {
      const op = { add: "+", sub: "-", mul: "*", div: "/", mod: "%" }[e.op];
      return binary(e.left, op, e.right, e.op === "add" || e.op === "sub" ? ADDITIVE : MULTIPLICATIVE);
    }
    case "negate": {
      // `-(-x)` and `-(-1)`: never `--x`, which is a decrement.
      const inner = emit(e.operand, scope);
      const o = e.operand;
      const negative = o.kind === "negate" || (o.kind === "literal" && typeof o.value === "number" && (o.value < 0 || Object.is(o.value, -0)));
      return code(`-${negative ? `(${inner.text})` : at(inner, UNARY)}`, UNARY);
    }
    case "not": return code(`!${at(emit(e.operand, scope), UNARY)}`, UNARY);
    case "concat": return code(e.parts.map((p, i) => at(emit(p, scope), i === 0 ? ADDITIVE : ADDITIVE + 1)).join(" + "), ADDITIVE);
    case "compare": return binary(e.left, { lt: "<", le: "<=", gt: ">", ge: ">=" }[e.op], e.right, RELATIONAL);
    case "equals":
      if (e.how === "primitive") return binary(e.left, e.negated ? "!==" : "===", e.right, EQUALITY);
      return code(`${e.negated ? "!" : ""}${scope.helper("eq")}(${args([e.left, e.right])})`, e.negated ? UNARY : MEMBER);
    case "isNull": return code(`${at(emit(e.operand, scope), EQUALITY)} ${e.negated ? "!=" : "=="} null`, EQUALITY);
    case "logical": {
      const p = e.op === "and" ? AND : OR;
      return code(`${logicalOperand(emit(e.left, scope), p)} ${e.op === "and" ? "&&" : "||"} ${logicalOperand(emit(e.right, scope), p + 1)}`, p);
    }
    case "coalesce": {
      const l = emit(e.left, scope);
      const left = l.precedence === COALESCE ? l.text : at(l, AND + 1);
      return code(`${left} ?? ${at(emit(e.right, scope), AND + 1)}`, COALESCE);
    }
    case "in":
      return e.how === "primitive" ? code(`${receiver(e.list, scope)}.includes(${arg(e.element)})`, MEMBER) : helper("includes", [e.list, e.element]);
    case "conditional":
      return code(`${at(emit(e.condition, scope), CONDITIONAL + 1)} ? ${at(emit(e.then, scope), CONDITIONAL)} : ${at(emit(e.else, scope), CONDITIONAL)}`, CONDITIONAL);
    case "cast": {
      const from = e.from.kind;
      switch (e.to) {
        case "int": return from === "string" ? helper("parseIntOrNull", [e.operand]) : from === "float" ? code(`Math.trunc(${arg(e.operand)})`, MEMBER) : emit(e.operand, scope);
        case "float": return from === "string" ? helper("parseFloatOrNull", [e.operand]) : emit(e.operand, scope);
        case "string": return from === "string" || (e.from.kind === "nullable" && e.from.inner.kind === "string") ? emit(e.operand, scope) : helper("show", [e.operand]);
      }
    }
    // falls through: every cast returned above
    case "record": {
      if (e.kind !== "record") throw new Error("internal: unreachable");
      return code(`{ ${e.fields.map((f) => `${f.name}: ${arg(f.value)}`).join(", ")} }`, PRIMARY);
    }
    case "array": return code(`[${args(e.elements)}]`, PRIMARY);
    case "builtin": {
      const a = e.args;
      switch (e.name) {
        case "length": return code(`${receiver(a[0]!, scope)}.length`, MEMBER);
        case "lower": return method("toLowerCase", a);
        case "upper": return method("toUpperCase", a);
        case "trim": return method("trim", a);
        case "split": return method("split", a);
        case "substring": return method("substring", a);
        case "containsString": case "containsPrimitive": return method("includes", a);
        case "containsStructural": return helper("includes", a);
        case "startsWith": return method("startsWith", a);
        case "endsWith": return method("endsWith", a);
        case "abs": case "floor": case "ceil": case "round": case "min": case "max": return code(`Math.${e.name}(${args(a)})`, MEMBER);
        case "minString": return helper("minOf", a);
        case "maxString": return helper("maxOf", a);
        case "hash": return helper("hashValues", a);
        case "hour": return helper("hourOf", a);
        case "tumbleStart": case "dateFormat": case "regexpExtract": case "splitIndex": return helper(e.name, a);
      }
    }
    // falls through: every built-in returned above
    case "udf": {
      if (e.kind !== "udf") throw new Error("internal: unreachable");
      const site = e.span === undefined ? undefined : { span: e.span, arity: e.args.length };
      return code(`${scope.udf(e.module, e.exportName, site)}(${args(e.args)})`, MEMBER);
    }
    case "aggregate": return code(need(scope.aggregate, "aggregate values")(e), MEMBER);
    case "stageFunction": return code(need(scope.iterative, "a pattern's stage functions")(e), MEMBER);
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} read where the scope has none`);
  return value;
}
