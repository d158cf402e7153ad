// The interpreter behind `--no-fuse`: evaluates .flow expressions from their typed AST (embedded as JSON in the
// generated job) one node at a time. Slow on purpose — it is the debugging path and the baseline fusion is measured
// against — but it must compute exactly what generated code computes.
import {
  at, dateFormat, eq, stageAvg, stageMax, stageMin, stageSum, hashValues, hourOf, includes, maxOf, minOf, parseFloatOrNull, parseIntOrNull, regexpExtract, show, splitIndex, tumbleStart,
} from "./builtins.js";
import { udfFailure } from "./udf-failure.js";

/** An expression node as the compiler serialises it (kind, operands, `type`, and the `ref`/`target` annotations). */
export interface ExprNode {
  readonly kind: string;
  readonly [field: string]: any;
}

export interface Scope {
  /** The record whose fields bare names read. */
  readonly record: Readonly<Record<string, unknown>>;
  /** Imported TypeScript functions by `module#export`. */
  readonly udfs: Readonly<Record<string, (...args: any[]) => unknown>>;
  readonly window?: { readonly start: number; readonly end: number };
  /** The right record of a join. */
  readonly right?: unknown;
  /** Lambda parameters (reduce). */
  readonly params?: readonly unknown[];
  /** Values of the aggregate calls of an `aggregate` output expression. */
  readonly aggregate?: (call: ExprNode) => unknown;
  /** In a CEP pattern: the stage whose condition is evaluated (null in `emit`), and each stage's events so far. */
  readonly cep?: { readonly current: string | null; events(stage: string): readonly any[] };
}


export function evaluate(e: ExprNode, scope: Scope): any {
  switch (e.kind) {
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "DurationLiteral": case "TimestampLiteral":
      return e.value;
    case "NullLiteral": return null;
    case "NameExpr": {
      const ref = e.ref;
      switch (ref?.kind) {
        case "field": return scope.record[ref.name] ?? null;
        case "lambdaParam": return scope.params![ref.index];
        case "joinRight": return scope.right;
        case "window": return scope.window;
        // A stage used as one event: the event under test in its own condition, else the stage's (last) event.
        case "stage": return ref.stage === scope.cep!.current ? scope.record : scope.cep!.events(ref.stage).at(-1) ?? null;
        default: throw new Error(`cannot evaluate name \`${e.name}\``);
      }
    }
    case "FieldAccess": {
      const object = evaluate(e.object, scope);
      return object?.[e.field.name] ?? null;
    }
    case "IndexExpr": return at(evaluate(e.object, scope), evaluate(e.index, scope));
    case "UnaryExpr": {
      const v = evaluate(e.operand, scope);
      return e.op === "not" ? !v : -v;
    }
    case "BinaryExpr": return binary(e, scope);
    case "IfExpr": return evaluate(e.condition, scope) ? evaluate(e.then, scope) : evaluate(e.else, scope);
    case "RecordLiteral": {
      const out: Record<string, unknown> = {};
      for (const f of e.fields) out[f.name.name] = evaluate(f.value, scope);
      return out;
    }
    case "ArrayLiteral": return e.elements.map((x: ExprNode) => evaluate(x, scope));
    case "CallExpr": return call(e, scope);
    default: throw new Error(`cannot evaluate a ${e.kind}`);
  }
}

function binary(e: ExprNode, scope: Scope): unknown {
  if (e.op === "and") return evaluate(e.left, scope) && evaluate(e.right, scope);
  if (e.op === "or") return evaluate(e.left, scope) || evaluate(e.right, scope);
  if (e.op === "??") return evaluate(e.left, scope) ?? evaluate(e.right, scope);
  const a = evaluate(e.left, scope);
  const b = evaluate(e.right, scope);
  switch (e.op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return a / b;
    case "%": return a % b;
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return eq(a, b);
    case "!=": return !eq(a, b);
    case "in": return includes(b, a);
    default: throw new Error(`unknown operator ${e.op}`);
  }
}

function call(e: ExprNode, scope: Scope): unknown {
  const target = e.target;
  if (target?.kind === "aggregate") return scope.aggregate!(e);
  if (target?.kind === "iterative") return iterative(target, scope.cep!.events(target.stage));
  const args = e.args.map((a: ExprNode) => evaluate(a.value, scope));
  if (target?.kind === "udf") {
    const fn = scope.udfs[`${target.module}#${target.exportName}`];
    if (fn === undefined) throw new Error(`function ${target.exportName} is not available`);
    try {
      return fn(...args);
    } catch (error) {
      throw udfFailure(error, target.exportName, e.at ?? "an unknown position");
    }
  }
  const [a, b, c] = args;
  switch (target?.name) {
    case "len": return a.length;
    case "lower": return a.toLowerCase();
    case "upper": return a.toUpperCase();
    case "trim": return a.trim();
    case "split": return a.split(b);
    case "concat": return args.join("");
    case "substring": return c === undefined ? a.substring(b) : a.substring(b, c);
    case "contains": return Array.isArray(a) ? includes(a, b) : a.includes(b);
    case "startsWith": return a.startsWith(b);
    case "endsWith": return a.endsWith(b);
    case "abs": return Math.abs(a);
    case "floor": return Math.floor(a);
    case "ceil": return Math.ceil(a);
    case "round": return Math.round(a);
    case "min": return typeof a === "string" ? minOf(a, b) : Math.min(a, b);
    case "max": return typeof a === "string" ? maxOf(a, b) : Math.max(a, b);
    case "hash": return hashValues(...args);
    case "toInt": return typeof a === "string" ? parseIntOrNull(a) : Math.trunc(a);
    case "toFloat": return typeof a === "string" ? parseFloatOrNull(a) : a;
    case "toString": return show(a);
    case "tumbleStart": return tumbleStart(a, b);
    case "hour": return hourOf(a);
    case "dateFormat": return dateFormat(a, b);
    case "regexpExtract": return regexpExtract(a, b, c);
    case "splitIndex": return splitIndex(a, b, c);
    default: throw new Error(`unknown function ${e.callee?.name}`);
  }
}

/** first(s) last(s) count(s) sum(s.f) avg(s.f) min(s.f) max(s.f) over the events a stage has accepted. */
function iterative(target: { readonly name: string; readonly field?: string }, events: readonly any[]): unknown {
  const field = target.field!;
  switch (target.name) {
    case "first": return events[0] ?? null;
    case "last": return events.at(-1) ?? null;
    case "count": return events.length;
    case "sum": return stageSum(events, (e) => e[field]);
    case "avg": return stageAvg(events, (e) => e[field]);
    case "min": return stageMin(events, (e) => e[field]);
    case "max": return stageMax(events, (e) => e[field]);
    default: throw new Error(`unknown iterative function ${target.name}`);
  }
}

/** The aggregate calls of an `aggregate` operator's fields, in evaluation order (their accumulator slots). */
export function aggregateCalls(fields: readonly ExprNode[]): ExprNode[] {
  const calls: ExprNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      const n = node as ExprNode;
      if (n.kind === "CallExpr" && n.target?.kind === "aggregate") calls.push(n);
      for (const [k, v] of Object.entries(n)) if (k !== "type" && k !== "target" && k !== "ref") walk(v);
    }
  };
  fields.forEach((f) => walk(f.value));
  return calls;
}

/** One accumulator slot per aggregate call, interpreted by name (no specialisation: that is fusion's job). */
export function createSlots(calls: readonly ExprNode[]): unknown[] {
  return calls.map((c) => {
    switch (c.target.name) {
      case "count": case "sum": return 0;
      case "avg": return [0, 0];
      case "collect": return [];
      case "distinctCount": return new Set<string>();
      default: return undefined;
    }
  });
}

export function addToSlots(calls: readonly ExprNode[], slots: unknown[], scope: Scope, first: boolean): void {
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    const arg = c.args[0] === undefined ? undefined : evaluate(c.args[0].value, scope);
    const s = slots[i];
    switch (c.target.name) {
      case "count": if (c.args.length === 0 || arg != null) slots[i] = (s as number) + 1; break;
      case "sum": slots[i] = (s as number) + arg; break;
      case "avg": (s as number[])[0]! += arg; (s as number[])[1]! += 1; break;
      case "min": if (first || arg < (s as any)) slots[i] = arg; break;
      case "max": if (first || arg > (s as any)) slots[i] = arg; break;
      case "first": if (first) slots[i] = arg; break;
      case "last": slots[i] = arg; break;
      case "collect": (s as unknown[]).push(arg); break;
      case "distinctCount": if (arg != null) (s as Set<string>).add(JSON.stringify(arg)); break;
    }
  }
}

export function slotResult(call: ExprNode, slot: unknown): unknown {
  switch (call.target.name) {
    case "avg": { const [sum, n] = slot as number[]; return sum! / n!; }
    case "distinctCount": return (slot as Set<string>).size;
    case "collect": return [...(slot as unknown[])];
    default: return slot;
  }
}

/** Merges slot b into slot a (session windows merge accumulators). */
export function mergeSlots(calls: readonly ExprNode[], a: unknown[], b: unknown[]): unknown[] {
  return calls.map((c, i) => {
    const x = a[i] as any;
    const y = b[i] as any;
    switch (c.target.name) {
      case "count": case "sum": return x + y;
      case "avg": return [x[0] + y[0], x[1] + y[1]];
      case "min": return x === undefined ? y : y === undefined ? x : y < x ? y : x;
      case "max": return x === undefined ? y : y === undefined ? x : y > x ? y : x;
      case "first": return x === undefined ? y : x;
      case "last": return y === undefined ? x : y;
      case "collect": return [...x, ...y];
      case "distinctCount": return new Set([...x, ...y]);
      default: return x;
    }
  });
}

