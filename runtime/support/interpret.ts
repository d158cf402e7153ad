// The interpreter behind `--no-fuse`: evaluates IR expressions (compiler/ir/expr.ts, embedded as JSON in the
// generated job) one node at a time. Slow on purpose — it is the debugging path and the baseline fusion is measured
// against — but it must compute exactly what generated code computes: each case below mirrors the JavaScript that
// compiler/emit/emit-expression.ts emits for the same node.
import { aggregateCallsIn, type ArithmeticOp, type CompareOp, type IrAggregateCall, type IrExpr, type IrField, type IrStageFunction, type ReadSource } from "../../compiler/ir/expr.js";
import {
  addMonths, at, dateFormat, eq, stageAvg, stageMax, stageMin, stageSum, hashValues, hourOf, includes, maxOf, minOf, parseFloatOrNull, parseIntOrNull, range, regexpExtract, show, splitIndex, tumbleStart,
} from "./builtins.js";
import { udfFailure } from "./udf-failure.js";

/** An expression as the compiler embeds it: IR without spans. */
export type ExprNode = IrExpr;

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
  readonly aggregate?: (call: IrAggregateCall) => unknown;
  /** In a CEP pattern: the stage whose condition is evaluated (null in `emit`), and each stage's events so far. */
  readonly cep?: { readonly current: string | null; events(stage: string): readonly any[] };
}

export function evaluate(e: IrExpr, scope: Scope): any {
  switch (e.kind) {
    case "literal": return e.value;
    case "read": return read(e.source, scope);
    case "getField": return evaluate(e.object, scope)?.[e.field] ?? null;
    case "index": return at(evaluate(e.object, scope), evaluate(e.index, scope));
    case "negate": return -evaluate(e.operand, scope);
    case "not": return !evaluate(e.operand, scope);
    case "arithmetic": return arithmetic(e.op, evaluate(e.left, scope), evaluate(e.right, scope));
    case "concat": {
      let out = evaluate(e.parts[0]!, scope);
      for (let i = 1; i < e.parts.length; i++) out = out + evaluate(e.parts[i]!, scope);
      return out;
    }
    case "compare": return compare(e.op, evaluate(e.left, scope), evaluate(e.right, scope));
    case "equals": {
      const a = evaluate(e.left, scope);
      const b = evaluate(e.right, scope);
      return (e.how === "primitive" ? a === b : eq(a, b)) !== e.negated;
    }
    // why: `x == null` in generated code, which also holds for a field absent from the record (undefined)
    case "isNull": return (evaluate(e.operand, scope) == null) !== e.negated;
    case "logical": return e.op === "and" ? evaluate(e.left, scope) && evaluate(e.right, scope) : evaluate(e.left, scope) || evaluate(e.right, scope);
    case "coalesce": return evaluate(e.left, scope) ?? evaluate(e.right, scope);
    case "in": {
      const list = evaluate(e.list, scope);
      const element = evaluate(e.element, scope);
      return e.how === "primitive" ? list.includes(element) : includes(list, element);
    }
    case "conditional": return evaluate(e.condition, scope) ? evaluate(e.then, scope) : evaluate(e.else, scope);
    case "cast": return cast(e, evaluate(e.operand, scope));
    case "record": {
      const out: Record<string, unknown> = {};
      for (const f of e.fields) out[f.name] = evaluate(f.value, scope);
      return out;
    }
    case "array": return e.elements.map((x) => evaluate(x, scope));
    case "builtin": return builtin(e.name, e.args.map((a) => evaluate(a, scope)));
    case "udf": {
      const fn = scope.udfs[`${e.module}#${e.exportName}`];
      if (fn === undefined) throw new Error(`function ${e.exportName} (${e.module}) is not available to the interpreter: is it exported?`);
      const args = e.args.map((a) => evaluate(a, scope));
      try {
        return fn(...args);
      } catch (error) {
        throw udfFailure(error, e.exportName, e.at ?? "an unknown position");
      }
    }
    case "aggregate": return scope.aggregate!(e);
    case "stageFunction": return stageFunction(e, scope.cep!.events(e.stage));
  }
}

function read(source: ReadSource, scope: Scope): unknown {
  switch (source.kind) {
    case "input": return scope.record[source.field] ?? null;
    case "lambdaParam": return scope.params![source.index];
    case "joinRight": return scope.right;
    case "windowBound": return scope.window![source.bound];
    // A stage used as one event: the event under test in its own condition, else the stage's (last) event.
    case "stageEvent": return source.stage === scope.cep!.current ? scope.record : scope.cep!.events(source.stage).at(-1) ?? null;
  }
}

function arithmetic(op: ArithmeticOp, a: any, b: any): number {
  switch (op) {
    case "add": return a + b;
    case "sub": return a - b;
    case "mul": return a * b;
    case "div": return a / b;
    case "mod": return a % b;
  }
}

function compare(op: CompareOp, a: any, b: any): boolean {
  switch (op) {
    case "lt": return a < b;
    case "le": return a <= b;
    case "gt": return a > b;
    case "ge": return a >= b;
  }
}

function cast(e: IrExpr & { kind: "cast" }, v: any): unknown {
  const from = e.from.kind === "nullable" ? e.from.inner.kind : e.from.kind;
  switch (e.to) {
    // why `+ 0`: Math.trunc(-0.5) is -0, which is no integer value (as the emitted code)
    case "int": return e.from.kind === "string" ? parseIntOrNull(v) : e.from.kind === "float" ? Math.trunc(v) + 0 : v;
    case "float": return e.from.kind === "string" ? parseFloatOrNull(v) : v;
    case "string": return from === "string" ? v : show(v);
  }
}

function builtin(name: (IrExpr & { kind: "builtin" })["name"], args: any[]): unknown {
  const [a, b, c] = args;
  switch (name) {
    case "length": return a.length;
    case "lower": return a.toLowerCase();
    case "upper": return a.toUpperCase();
    case "trim": return a.trim();
    case "split": return a.split(...args.slice(1));
    case "substring": return a.substring(...args.slice(1));
    case "containsString": case "containsPrimitive": return a.includes(b);
    case "containsStructural": return includes(a, b);
    case "startsWith": return a.startsWith(b);
    case "endsWith": return a.endsWith(b);
    case "abs": return Math.abs(a);
    case "floor": return Math.floor(a);
    case "ceil": return Math.ceil(a);
    case "round": return Math.round(a);
    case "min": return Math.min(...args);
    case "max": return Math.max(...args);
    case "minString": return minOf(a, b);
    case "maxString": return maxOf(a, b);
    case "hash": return hashValues(...args);
    case "tumbleStart": return tumbleStart(a, b);
    case "hour": return hourOf(a);
    case "addMonths": return addMonths(a, b);
    case "dateFormat": return dateFormat(a, b);
    case "regexpExtract": return (regexpExtract as (...xs: unknown[]) => unknown)(...args);
    case "splitIndex": return splitIndex(a, b, c);
    case "range": return range(a);
  }
}

/** first(s) last(s) count(s) sum(s.f) avg(s.f) min(s.f) max(s.f) over the events a stage has accepted. */
function stageFunction(target: IrStageFunction, events: readonly any[]): unknown {
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

/** The aggregate calls of an `aggregate` operator's fields, indexed by accumulator slot. */
export function aggregateCalls(fields: readonly IrField[]): IrAggregateCall[] {
  const calls: IrAggregateCall[] = [];
  for (const f of fields) for (const c of aggregateCallsIn(f.value)) calls[c.slot] = c;
  return calls;
}

/**
 * One accumulator slot per aggregate call, interpreted by name (no specialisation: that is fusion's job).
 * sum, avg, min and max skip null arguments as SQL does, whatever the argument's type: a non-nullable argument never
 * is null, so this computes what the generated code computes for both. sum starts at null (no non-null value yet),
 * avg keeps [sum, count of non-null values], min and max start undefined.
 */
export function createSlots(calls: readonly IrAggregateCall[]): unknown[] {
  return calls.map((c) => {
    switch (c.name) {
      case "count": return 0;
      case "sum": return null;
      case "avg": return [0, 0];
      case "collect": return [];
      case "distinctCount": return new Set<string>();
      default: return undefined;
    }
  });
}

export function addToSlots(calls: readonly IrAggregateCall[], slots: unknown[], scope: Scope, first: boolean): void {
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!;
    const arg = c.args[0] === undefined ? undefined : evaluate(c.args[0], scope);
    const s = slots[i];
    switch (c.name) {
      case "count": if (c.args.length === 0 || arg != null) slots[i] = (s as number) + 1; break;
      case "sum": if (arg != null) slots[i] = s === null ? arg : (s as number) + arg; break;
      case "avg": if (arg != null) { (s as number[])[0]! += arg; (s as number[])[1]! += 1; } break;
      case "min": if (arg != null && (s == null || arg < (s as typeof arg))) slots[i] = arg; break;
      case "max": if (arg != null && (s == null || arg > (s as typeof arg))) slots[i] = arg; break;
      case "first": if (first) slots[i] = arg; break;
      case "last": slots[i] = arg; break;
      case "collect": (s as unknown[]).push(arg); break;
      case "distinctCount": if (arg != null) (s as Set<string>).add(JSON.stringify(arg)); break;
    }
  }
}

export function slotResult(call: IrAggregateCall, slot: unknown): unknown {
  switch (call.name) {
    case "avg": { const [sum, n] = slot as number[]; return n === 0 ? null : sum! / n!; }
    // why `?? null`: undefined is a slot no value reached (a nullable argument that was always null)
    case "min": case "max": return slot ?? null;
    case "distinctCount": return (slot as Set<string>).size;
    case "collect": return [...(slot as unknown[])];
    default: return slot;
  }
}

/** Merges slot b into slot a (session windows merge accumulators). */
export function mergeSlots(calls: readonly IrAggregateCall[], a: unknown[], b: unknown[]): unknown[] {
  return calls.map((c, i) => {
    const x = a[i] as any;
    const y = b[i] as any;
    switch (c.name) {
      case "count": return x + y;
      case "sum": return x === null ? y : y === null ? x : x + y;
      case "avg": return [x[0] + y[0], x[1] + y[1]];
      case "min": return x == null ? y : y == null ? x : y < x ? y : x;
      case "max": return x == null ? y : y == null ? x : y > x ? y : x;
      case "first": return x === undefined ? y : x;
      case "last": return y === undefined ? x : y;
      case "collect": return [...x, ...y];
      case "distinctCount": return new Set([...x, ...y]);
      default: return x;
    }
  });
}

