// Prints IR expressions and stateless steps in `.flow` syntax, for `eddy explain` and the comments of generated code.
// What is printed is what the plan holds after the optimiser (folded constants, filters rewritten through the
// projection they moved ahead of), so the printout of a SQL query reads as the `.flow` it runs as.
import type { TriggerSpec, WindowSpec } from "../ast/annotations.js";
import type { IrDedupe } from "./dedupe.js";
import type { IrOver } from "./over.js";
import type { IrWindow } from "./window.js";
import { describeDuration } from "../types/constants.js";
import type { Type } from "../types/type.js";
import type { IrJoin, IrLookup } from "./join.js";
import type { BuiltinName, IrExpr, IrField } from "./expr.js";
import type { IrAggregation } from "./aggregation.js";
import type { IrStatelessStep } from "./stateless.js";

// Binding strength, loosest first: the `.flow` grammar's (compiler/ast/print.ts).
const LOWEST = 0;
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const COALESCE = 5;
const ADD = 6;
const MUL = 7;
const UNARY = 8;
const POSTFIX = 9;

/** The `.flow` function each built-in was resolved from (overloads print as the name the user wrote). */
const FLOW_NAME: Record<BuiltinName, string> = {
  length: "len", lower: "lower", upper: "upper", trim: "trim", split: "split", substring: "substring",
  containsString: "contains", containsPrimitive: "contains", containsStructural: "contains", startsWith: "startsWith",
  endsWith: "endsWith", abs: "abs", floor: "floor", ceil: "ceil", round: "round", min: "min", max: "max",
  minString: "min", maxString: "max", hash: "hash", tumbleStart: "tumbleStart", hour: "hour", dateFormat: "dateFormat",
  addMonths: "addMonths", regexpExtract: "regexpExtract", splitIndex: "splitIndex", range: "range",
};

const CAST_NAME = { int: "toInt", float: "toFloat", string: "toString" } as const;
const ARITHMETIC = { add: "+", sub: "-", mul: "*", div: "/", mod: "%" } as const;
const COMPARISON = { lt: "<", le: "<=", gt: ">", ge: ">=" } as const;

/** A step as the `.flow` operator it is: `filter …`, `map { … }`, `extend { … }`, `flatMap … as x`. */
export function printStep(step: IrStatelessStep): string {
  switch (step.kind) {
    case "filter": return `filter ${printIr(step.condition)}`;
    case "project": return `${step.keepInput ? "extend" : "map"} ${printIrFields(step.fields)}`;
    case "unnest": return `flatMap ${printIr(step.elements)} as ${step.as}`;
  }
}

/** An aggregation as the `.flow` operator it is: `aggregate { … }`, `reduce (a, b) => …`, `top n by …`. */
export function printAggregation(op: IrAggregation): string {
  switch (op.kind) {
    case "aggregate": return `aggregate ${printIrFields(op.fields)}`;
    case "reduce": return `reduce (a, b) => ${printIr(op.body)}`;
    case "top": return `top ${op.count} by ${op.order.map((k) => `${printIr(k.by)}${k.descending ? " desc" : ""}`).join(", ")}${op.rank === undefined ? "" : ` as ${op.rank}`}`;
  }
}

export function printIrFields(fields: readonly IrField[], names: PrintNames = {}): string {
  if (fields.length === 0) return "{}";
  const field = (f: IrField) => (f.value.kind === "read" && f.value.source.kind === "input" && f.value.source.field === f.name ? f.name : `${f.name}: ${printIr(f.value, names)}`);
  return `{ ${fields.map(field).join(", ")} }`;
}

/** What reads print as where the IR keeps no name: the join's right record is its alias. */
export interface PrintNames {
  readonly right?: string;
}

/** An expression in `.flow` syntax, parenthesised when its binding is looser than `min`. */
export function printIr(e: IrExpr, names: PrintNames = {}, min = LOWEST): string {
  const [text, precedence] = bare(e, names);
  return precedence < min ? `(${text})` : text;
}

function bare(e: IrExpr, names: PrintNames): [string, number] {
  const print = (x: IrExpr, min = LOWEST) => printIr(x, names, min);
  // left-associative; comparisons do not chain at all
  const binary = (left: IrExpr, op: string, right: IrExpr, p: number, chains = true): [string, number] => [`${print(left, chains ? p : p + 1)} ${op} ${print(right, p + 1)}`, p];
  const args = (xs: readonly IrExpr[]) => xs.map((x) => print(x)).join(", ");
  switch (e.kind) {
    case "literal": return [literal(e.value, e.type), POSTFIX];
    case "read": {
      const s = e.source;
      switch (s.kind) {
        case "input": return [s.field, POSTFIX];
        case "joinRight": return [names.right ?? "right", POSTFIX];
        case "lambdaParam": return [s.index === 0 ? "a" : "b", POSTFIX];
        case "stageEvent": return [s.stage, POSTFIX];
        case "windowBound": return [`window.${s.bound}`, POSTFIX];
      }
    }
    case "getField": return [`${print(e.object, POSTFIX)}.${e.field}`, POSTFIX];
    case "index": return [`${print(e.object, POSTFIX)}[${print(e.index)}]`, POSTFIX];
    case "arithmetic": return binary(e.left, ARITHMETIC[e.op], e.right, e.op === "add" || e.op === "sub" ? ADD : MUL);
    case "negate": {
      const operand = print(e.operand, UNARY);
      return [operand.startsWith("-") ? `- ${operand}` : `-${operand}`, UNARY];
    }
    case "not": return [`not ${print(e.operand, NOT)}`, NOT];
    case "concat": return e.parts.length === 2 ? binary(e.parts[0]!, "+", e.parts[1]!, ADD) : [`concat(${args(e.parts)})`, POSTFIX];
    case "compare": return binary(e.left, COMPARISON[e.op], e.right, COMPARE, false);
    case "equals": return binary(e.left, e.negated ? "!=" : "==", e.right, COMPARE, false);
    case "isNull": return [`${print(e.operand, COMPARE + 1)} ${e.negated ? "!=" : "=="} null`, COMPARE];
    case "logical": return binary(e.left, e.op, e.right, e.op === "and" ? AND : OR);
    case "coalesce": return binary(e.left, "??", e.right, COALESCE);
    case "in": return binary(e.element, "in", e.list, COMPARE, false);
    case "conditional": return [`if ${print(e.condition)} then ${print(e.then)} else ${print(e.else)}`, LOWEST];
    case "cast": return [`${CAST_NAME[e.to]}(${print(e.operand)})`, POSTFIX];
    case "record": return [printIrFields(e.fields, names), POSTFIX];
    case "array": return [`[${args(e.elements)}]`, POSTFIX];
    case "builtin": return [`${FLOW_NAME[e.name]}(${args(e.args)})`, POSTFIX];
    case "udf": return [`${e.exportName}(${args(e.args)})`, POSTFIX];
    case "aggregate": return [`${e.name}(${args(e.args)})`, POSTFIX];
    case "stageFunction": return [`${e.name}(${e.field === undefined ? e.stage : `${e.stage}.${e.field}`})`, POSTFIX];
  }
}

/** A window as `.flow` writes it: `tumbling(1m)`, `sliding(10s, 2s) processing`, `count(5)`. */
export function printWindowSpec(spec: WindowSpec): string {
  const ms = duration;
  const text = (() => {
    switch (spec.kind) {
      case "tumbling": return `tumbling(${ms(spec.sizeMs)})`;
      case "sliding": return `sliding(${ms(spec.sizeMs)}, ${ms(spec.slideMs)})`;
      case "cumulate": return `cumulate(${ms(spec.sizeMs)}, ${ms(spec.stepMs)})`;
      case "session": return `session(${ms(spec.gapMs)})`;
      case "count": return `count(${spec.size})`;
      case "global": return "global";
    }
  })();
  return spec.time === "processing" ? `${text} processing` : text;
}

/** A join as `.flow` writes it: `left join bids as b on … window tumbling(10s)`. */
export function printJoin(op: IrJoin): string {
  let text = `${op.outer === null ? "" : `${op.outer} `}join ${op.stream} as ${op.alias} on ${printIr(op.condition, { right: op.alias })}`;
  switch (op.mode.kind) {
    case "window": return `${text} window ${printWindowSpec(op.mode.window)}`;
    case "interval": return `${text} between ${duration(op.mode.lowerMs)} and ${duration(op.mode.upperMs)}`;
    case "regular": return `${text} unbounded${upsertNote(op)}`;
    case "temporal": return `${text} temporal`;
  }
}

/** A window as `.flow` writes it: `window tumbling(1m) trigger count(5) allowedLateness 10s lateTo late`. */
export function printWindow(w: IrWindow): string {
  let text = `window ${printWindowSpec(w.spec)}`;
  if (w.trigger !== null) text += ` ${printTrigger(w.trigger)}`;
  if (w.allowedLatenessMs > 0) text += ` allowedLateness ${duration(w.allowedLatenessMs)}`;
  if (w.lateTo !== null) text += ` lateTo ${w.lateTo}`;
  return text;
}

function printTrigger(t: TriggerSpec): string {
  const every = (ms: number) => `every ${duration(ms)}`;
  let text = "trigger";
  switch (t.kind) {
    case "count": text += ` count(${t.count})`; break;
    case "continuous": text += ` ${every(t.intervalMs)}`; break;
    case "firings":
      if (t.early !== null) text += ` early ${t.early.kind === "count" ? `count(${t.early.count})` : every(t.early.intervalMs)}`;
      if (t.lateCount !== null) text += ` late count(${t.lateCount})`;
      break;
  }
  return t.purge ? `${text} purge` : text;
}

export function printDedupe(op: IrDedupe, key: IrExpr): string {
  return `dedupe ${printIr(key)}${op.withinMs === null ? "" : ` within ${duration(op.withinMs)}`}`;
}

export function printOver(op: IrOver): string {
  const frame = op.preceding === null ? (op.unit === "rows" ? "rows unbounded" : "unbounded") : `${op.unit} ${op.unit === "rows" ? op.preceding : duration(op.preceding)}`;
  return `over ${frame}${op.time === "processing" ? " processing" : ""} ${printIrFields(op.fields.map((f) => ({ name: f.name, value: f.call })))}`;
}

export function printLookup(op: IrLookup): string {
  return `${op.outer ? "left " : ""}lookup ${op.table} as ${op.alias} on ${printIr(op.condition, { right: op.alias })}`;
}

/** A duration as `.flow` writes it, in its largest exact unit (`90s`, `2h`, `1500ms`); zero as `0s`. */
function duration(ms: number): string {
  return ms === 0 ? "0s" : describeDuration(ms);
}

function literal(value: number | string | boolean | null, type: Type): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  switch (type.kind) {
    case "duration": return duration(value);
    case "timestamp": return `@${new Date(value).toISOString()}`;
    // a float that happens to be whole keeps its point: `100.0` is a float literal, `100` an int
    case "float": return Number.isInteger(value) ? `${value}.0` : String(value);
    default: return String(value);
  }
}

/** Which sides of a regular join replace their rows by key (update streams keyed by the join key). */
function upsertNote(op: IrJoin): string {
  const sides = op.upserts === undefined ? [] : [...(op.upserts.left ? ["left"] : []), ...(op.upserts.right ? ["right"] : [])];
  return sides.length === 0 ? "" : ` (the ${sides.join(" and ")} side's updates replace its row per key)`;
}
