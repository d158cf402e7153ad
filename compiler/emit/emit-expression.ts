// Turns an IR expression into a JavaScript expression. Precedence is by construction: every emitted piece carries
// the JavaScript precedence of its outermost operator, and an operand is parenthesised exactly when its precedence is
// below what its position requires (no rescans of generated text). Operators were resolved when the IR was lowered.
import type { Span } from "../ast/span.js";
import type { IrAggregateCall, IrBuiltinCall, IrCast, IrExpr, IrStageFunction, ReadSource } from "../ir/expr.js";
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
  /** The imported identifier of a runtime support helper (builtins.ts). */
  helper(name: string): string;
  /**
   * The name of a module-level constant holding `text` (a literal the generated code only reads): what a per-record
   * expression uses instead of allocating the literal for every record. Absent: literals stay inline.
   */
  constant?(base: string, text: string): string;
}

/**
 * A literal array of literals, read only where it is used, as a module-level constant's name (see ExprScope.constant);
 * null for any other expression, or where the scope hoists nothing.
 */
export function constantArray(e: IrExpr, scope: ExprScope): string | null {
  if (scope.constant === undefined || e.kind !== "array" || e.elements.length === 0 || !e.elements.every((x) => x.kind === "literal")) return null;
  return scope.constant("LIST", emit(e, scope).text);
}

/** An IR expression as JavaScript, constants folded. */
export function emitIr(e: IrExpr, scope: ExprScope): string {
  return emitIrExpr(foldConstants(e), scope);
}

/**
 * An IR expression as the body of an arrow function: an object literal is parenthesised there, where a bare `{` would
 * open a block (`(a, b) => ({ k: a.k })`).
 */
export function emitIrArrowBody(e: IrExpr, scope: ExprScope): string {
  const ir = foldConstants(e);
  const text = emitIrExpr(ir, scope);
  return ir.kind === "record" ? `(${text})` : text;
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

/** `xs[i]` without the `?? null` that turns a missing element into null. */
function element(e: Extract<IrExpr, { kind: "index" }>, scope: ExprScope): string {
  return `${receiver(e.object, scope)}[${emit(e.index, scope).text}]`;
}

export function emit(e: IrExpr, scope: ExprScope): Code {
  const arg = (x: IrExpr) => at(emit(x, scope), ASSIGNMENT);
  const args = (xs: readonly IrExpr[]) => argList(xs, scope);
  const binary = (l: IrExpr, op: string, r: IrExpr, p: number) => code(`${at(emit(l, scope), p)} ${op} ${at(emit(r, scope), p + 1)}`, p);
  const helper = (name: string, xs: readonly IrExpr[]) => helperCall(name, xs, scope);
  switch (e.kind) {
    case "literal": {
      const v = e.value;
      if (typeof v === "number") return v < 0 || Object.is(v, -0) ? code(Object.is(v, -0) ? "-0" : String(v), UNARY) : code(String(v), PRIMARY);
      return code(typeof v === "string" ? JSON.stringify(v) : String(v), PRIMARY);
    }
    case "read": return code(readCode(e.source, e.type, scope), MEMBER);
    case "getField": return code(`${receiver(e.object, scope)}${e.nullSafe ? "?." : "."}${e.field}`, MEMBER);
    case "index": return code(`${element(e, scope)} ?? null`, COALESCE);
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
      // why: `xs[i] ?? null ?? d` is `xs[i] ?? d`, and tsc rejects the first ("this expression is always nullish")
      const l = e.left.kind === "index" ? code(element(e.left, scope), MEMBER) : emit(e.left, scope);
      const left = l.precedence === COALESCE ? l.text : at(l, AND + 1);
      return code(`${left} ?? ${at(emit(e.right, scope), AND + 1)}`, COALESCE);
    }
    case "in": {
      // why hoisted: `x in [1, 2, 3]` (SQL's IN) would allocate its list for every record; the list is only read
      const list = constantArray(e.list, scope);
      if (list !== null) return e.how === "primitive" ? code(`${list}.includes(${arg(e.element)})`, MEMBER) : code(`${scope.helper("includes")}(${list}, ${arg(e.element)})`, MEMBER);
      return e.how === "primitive" ? code(`${receiver(e.list, scope)}.includes(${arg(e.element)})`, MEMBER) : helper("includes", [e.list, e.element]);
    }
    case "conditional":
      return code(`${at(emit(e.condition, scope), CONDITIONAL + 1)} ? ${at(emit(e.then, scope), CONDITIONAL)} : ${at(emit(e.else, scope), CONDITIONAL)}`, CONDITIONAL);
    case "cast": return castCode(e, scope);
    case "record": return code(`{ ${e.fields.map((f) => `${f.name}: ${arg(f.value)}`).join(", ")} }`, PRIMARY);
    case "array": return code(`[${args(e.elements)}]`, PRIMARY);
    case "builtin": return builtinCode(e, scope);
    case "udf": {
      const site = e.span === undefined ? undefined : { span: e.span, arity: e.args.length };
      return code(`${scope.udf(e.module, e.exportName, site)}(${args(e.args)})`, MEMBER);
    }
    case "aggregate": return code(need(scope.aggregate, "aggregate values")(e), MEMBER);
    case "stageFunction": return code(need(scope.iterative, "a pattern's stage functions")(e), MEMBER);
  }
}

function argList(xs: readonly IrExpr[], scope: ExprScope): string {
  return xs.map((x) => at(emit(x, scope), ASSIGNMENT)).join(", ");
}

function helperCall(name: string, xs: readonly IrExpr[], scope: ExprScope): Code {
  return code(`${scope.helper(name)}(${argList(xs, scope)})`, MEMBER);
}

/** What a read's source is in this scope (the scope's strings are member-access operands: see ExprScope). */
function readCode(source: ReadSource, type: Type, scope: ExprScope): string {
  switch (source.kind) {
    case "input": return scope.field(source.field);
    case "joinRight": return need(scope.right, "a join's right record");
    case "lambdaParam": return need(scope.params?.[source.index], `lambda parameter ${source.index}`);
    case "stageEvent": return need(scope.stage, "a pattern stage")(source.stage, type);
    case "windowBound": return need(scope.window, "window bounds")(source.bound);
  }
}

function castCode(e: IrCast, scope: ExprScope): Code {
  const from = e.from.kind;
  switch (e.to) {
    // why `+ 0`: Math.trunc(-0.5) is -0, which is no integer value (SQL's -1 / 2 is 0)
    case "int": return from === "string" ? helperCall("parseIntOrNull", [e.operand], scope) : from === "float" ? code(`Math.trunc(${argList([e.operand], scope)}) + 0`, ADDITIVE) : emit(e.operand, scope);
    case "float": return from === "string" ? helperCall("parseFloatOrNull", [e.operand], scope) : emit(e.operand, scope);
    case "string": return from === "string" || (e.from.kind === "nullable" && e.from.inner.kind === "string") ? emit(e.operand, scope) : helperCall("show", [e.operand], scope);
  }
}

function builtinCode(e: IrBuiltinCall, scope: ExprScope): Code {
  const a = e.args;
  const method = (name: string) => code(`${receiver(a[0]!, scope)}.${name}(${argList(a.slice(1), scope)})`, MEMBER);
  switch (e.name) {
    case "length": return code(`${receiver(a[0]!, scope)}.length`, MEMBER);
    case "lower": return method("toLowerCase");
    case "upper": return method("toUpperCase");
    case "trim": return method("trim");
    case "split": return method("split");
    case "substring": return method("substring");
    case "containsString": case "containsPrimitive": return method("includes");
    case "containsStructural": return helperCall("includes", a, scope);
    case "startsWith": return method("startsWith");
    case "endsWith": return method("endsWith");
    case "abs": case "floor": case "ceil": case "round": case "min": case "max": return code(`Math.${e.name}(${argList(a, scope)})`, MEMBER);
    case "minString": return helperCall("minOf", a, scope);
    case "maxString": return helperCall("maxOf", a, scope);
    case "hash": return helperCall("hashValues", a, scope);
    case "hour": return helperCall("hourOf", a, scope);
    case "tumbleStart": case "addMonths": case "dateFormat": case "regexpExtract": case "splitIndex": case "range": return helperCall(e.name, a, scope);
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} read where the scope has none`);
  return value;
}
