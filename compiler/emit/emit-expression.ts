// Turns a typed .flow expression into a JavaScript expression: field reads become locals or property loads,
// operators are picked by type (=== for primitives, eq() for records), built-ins are inlined where they are one call.
import type { CallExpr, Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Type } from "../types/type.js";

/** Where an imported function is called, and with how many arguments. */
export interface UdfSite {
  readonly span: Span;
  readonly arity: number;
}

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
  aggregate?(call: CallExpr): string;
  /** A CEP stage used as one event (`large.amount`), in a pattern's condition or `emit`. */
  stage?(name: string, type: Type | undefined): string;
  /** A CEP iterative function: `first(s)`, `count(s)`, `sum(s.f)`… */
  iterative?(call: CallExpr): string;
  /** The imported identifier of a TypeScript function. */
  /** The callable for an imported function; with a call site, a wrapper that names that site when the function throws. */
  udf(module: string, exportName: string, site?: UdfSite): string;
  /** The imported identifier of a runtime-support helper (builtins.ts). */
  helper(name: string): string;
}

const PRIMITIVES = new Set(["int", "float", "string", "bool", "timestamp", "duration"]);
const isPrimitive = (t: Type | undefined) => t !== undefined && PRIMITIVES.has(t.kind);
const isString = (t: Type | undefined) => t?.kind === "string" || (t?.kind === "nullable" && t.inner.kind === "string");

/** Wraps compound code in parentheses so that it can be an operand (names, member chains, calls stay bare). */
function operand(code: string): string {
  return isAtomic(code) ? code : `(${code})`;
}

/** True when nothing outside brackets and strings is an operator or a space: `a.b(c + d)[0]`, `"x y"`, `(a + b)`. */
function isAtomic(code: string): boolean {
  if (code.startsWith("(") && code.endsWith(")") && balanced(code.slice(1, -1))) return true;
  if (/^[-!]/.test(code)) return false;
  let depth = 0;
  let quote = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && !/[\w$.]/.test(c)) return false;
  }
  return depth === 0;
}

function balanced(s: string): boolean {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

export function emitExpr(e: Expr, scope: ExprScope): string {
  const sub = (x: Expr) => operand(emitExpr(x, scope));
  switch (e.kind) {
    case "IntLiteral": case "FloatLiteral": case "DurationLiteral": case "TimestampLiteral":
      return e.value < 0 ? `(${e.value})` : String(e.value);
    case "StringLiteral": return JSON.stringify(e.value);
    case "BoolLiteral": return String(e.value);
    case "NullLiteral": return "null";
    case "NameExpr": {
      const ref = e.ref;
      switch (ref?.kind) {
        case "field": return scope.field(ref.name);
        case "lambdaParam": return scope.params![ref.index]!;
        case "joinRight": return scope.right!;
        case "stage": return scope.stage!(ref.stage, e.type);
        default: throw new Error(`internal: cannot emit name \`${e.name}\` (${ref?.kind ?? "unresolved"})`);
      }
    }
    case "FieldAccess": {
      if (e.object.kind === "NameExpr" && e.object.ref?.kind === "window") return scope.window!(e.field.name as "start" | "end");
      const object = sub(e.object);
      return e.object.type?.kind === "nullable" ? `${object}?.${e.field.name}` : `${object}.${e.field.name}`;
    }
    case "IndexExpr": return `(${sub(e.object)}[${emitExpr(e.index, scope)}] ?? null)`;
    case "UnaryExpr": return e.op === "not" ? `!${sub(e.operand)}` : `-${sub(e.operand)}`;
    case "BinaryExpr": {
      const l = sub(e.left);
      const r = sub(e.right);
      switch (e.op) {
        case "and": return `${l} && ${r}`;
        case "or": return `${l} || ${r}`;
        case "??": return `${l} ?? ${r}`;
        case "==": case "!=": {
          const not = e.op === "!=" ? "!" : "";
          if (e.left.kind === "NullLiteral" || e.right.kind === "NullLiteral") return `${e.left.kind === "NullLiteral" ? r : l} ${not === "" ? "==" : "!="} null`;
          if (isPrimitive(e.left.type) && isPrimitive(e.right.type)) return `${l} ${not === "" ? "===" : "!=="} ${r}`;
          return `${not}${scope.helper("eq")}(${emitExpr(e.left, scope)}, ${emitExpr(e.right, scope)})`;
        }
        case "in": {
          const element = e.right.type?.kind === "array" ? e.right.type.element : undefined;
          return isPrimitive(element) ? `${r}.includes(${emitExpr(e.left, scope)})` : `${scope.helper("includes")}(${emitExpr(e.right, scope)}, ${emitExpr(e.left, scope)})`;
        }
        default: return `${l} ${e.op} ${r}`;
      }
    }
    case "IfExpr": return `${sub(e.condition)} ? ${sub(e.then)} : ${sub(e.else)}`;
    case "RecordLiteral": return `{ ${e.fields.map((f) => `${f.name.name}: ${emitExpr(f.value, scope)}`).join(", ")} }`;
    case "ArrayLiteral": return `[${e.elements.map((x) => emitExpr(x, scope)).join(", ")}]`;
    case "CallExpr": return emitCall(e, scope);
    case "LambdaExpr": throw new Error("internal: a lambda outside reduce");
  }
}

function emitCall(e: CallExpr, scope: ExprScope): string {
  const target = e.target;
  if (target?.kind === "aggregate") return scope.aggregate!(e);
  if (target?.kind === "iterative") return scope.iterative!(e);
  const args = e.args.map((a) => emitExpr(a.value, scope));
  const ops = e.args.map((a) => operand(emitExpr(a.value, scope)));
  if (target?.kind === "udf") return `${scope.udf(target.module, target.exportName, { span: e.span, arity: args.length })}(${args.join(", ")})`;
  const name = target?.kind === "builtin" ? target.name : e.callee.name;
  const h = (helper: string) => `${scope.helper(helper)}(${args.join(", ")})`;
  const argType = e.args[0]?.value.type;
  switch (name) {
    case "len": return `${ops[0]}.length`;
    case "lower": return `${ops[0]}.toLowerCase()`;
    case "upper": return `${ops[0]}.toUpperCase()`;
    case "trim": return `${ops[0]}.trim()`;
    case "split": return `${ops[0]}.split(${args[1]})`;
    case "concat": return args.length === 1 ? args[0]! : `${ops.join(" + ")}`;
    case "substring": return `${ops[0]}.substring(${args.slice(1).join(", ")})`;
    case "contains": {
      const element = argType?.kind === "array" ? argType.element : undefined;
      return argType?.kind === "array" && !isPrimitive(element) ? h("includes") : `${ops[0]}.includes(${args[1]})`;
    }
    case "startsWith": return `${ops[0]}.startsWith(${args[1]})`;
    case "endsWith": return `${ops[0]}.endsWith(${args[1]})`;
    case "abs": case "floor": case "ceil": case "round": return `Math.${name}(${args[0]})`;
    case "min": case "max": return isString(argType) ? h(`${name}Of`) : `Math.${name}(${args.join(", ")})`;
    case "hash": return h("hashValues");
    case "toInt": return argType?.kind === "string" ? h("parseIntOrNull") : argType?.kind === "float" ? `Math.trunc(${args[0]})` : args[0]!;
    case "toFloat": return argType?.kind === "string" ? h("parseFloatOrNull") : args[0]!;
    case "toString": return isString(argType) ? args[0]! : h("show");
    case "tumbleStart": return h("tumbleStart");
    case "hour": return h("hourOf");
    case "dateFormat": return h("dateFormat");
    case "regexpExtract": return h("regexpExtract");
    case "splitIndex": return h("splitIndex");
    default: throw new Error(`internal: unknown function ${name}`);
  }
}
