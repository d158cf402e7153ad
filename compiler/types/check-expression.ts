// Types one expression in its environment (record in scope, lambda parameters, aggregate or CEP context),
// annotating every sub-expression with `type` and names/calls with what they refer to.
import type { Argument, CallExpr, Expr, FieldAccess, NameExpr, RecordFieldInit } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { didYouMean } from "../diagnostics/closest-name.js";
import type { DiagnosticNote, Reporter } from "../diagnostics/diagnostic.js";
import { AGGREGATES } from "./aggregates.js";
import { isAssignable, unify } from "./assignability.js";
import { BUILTINS } from "./builtins.js";
import type { CallCheck, FunctionTyping } from "./call-check.js";
import { acceptsNullOperands, binaryResultType, unaryResultType } from "./operators.js";
import { printType } from "./print-type.js";
import {
  BOOL, DURATION, FLOAT, INT, NULL, STRING, TIMESTAMP, UNKNOWN, fieldOf, isNullable, nonNull, nullable, record,
  type RecordType, type Type,
} from "./type.js";
import type { UdfSignature } from "./udf.js";

/** A stage of the CEP pattern being checked, as conditions and `emit` see it. */
export interface CepStageInfo {
  readonly name: string;
  readonly index: number;
  readonly min: number;
  /** Null = unbounded; 1 = a single event. */
  readonly max: number | null;
  readonly negative: boolean;
}

export interface CepEnv {
  readonly pattern: string;
  readonly eventType: RecordType;
  readonly stages: readonly CepStageInfo[];
  /** Index of the stage whose condition is checked, or "emit". */
  readonly current: number | "emit";
}

export interface ExprEnv {
  readonly reporter: Reporter;
  /** Bare names resolve to the fields of this record. */
  readonly record: RecordType;
  readonly functions: (name: string) => UdfSignature | undefined;
  /** Names of the imported functions (for "did you mean"). */
  readonly functionNames?: readonly string[];
  /** Lambda parameters; they hide fields. */
  readonly params?: ReadonlyMap<string, Type>;
  /** Set inside `aggregate { … }`: key fields may be used bare, other fields only inside aggregate functions. */
  readonly aggregate?: { readonly keys: ReadonlySet<string>; readonly windowed: boolean };
  readonly cep?: CepEnv;
  /** In a join condition: the alias naming the right side's record. */
  readonly joinAlias?: { readonly name: string; readonly type: RecordType };
  /** The record's fields are unknown (its stream had an error): unknown names are not reported again. */
  readonly opaque?: boolean;
}

const WINDOW_BOUNDS = record([{ name: "start", type: TIMESTAMP }, { name: "end", type: TIMESTAMP }]);
const NULL_TAKING_BUILTINS = new Set(["toString", "hash"]);
const ITERATIVE_STAGE_FUNCTIONS = new Set(["first", "last", "count"]);
const ITERATIVE_FIELD_FUNCTIONS = new Set(["sum", "avg", "min", "max"]);

export function checkExpression(expr: Expr, env: ExprEnv): Type {
  const type = infer(expr, env);
  expr.type = type;
  return type;
}

/** Checks `expr` and reports FLOW3001 unless its type is assignable to `expected`. */
export function expectType(expr: Expr, expected: Type, env: ExprEnv): Type {
  const actual = checkExpression(expr, env);
  if (!isAssignable(actual, expected)) {
    if (isNullable(actual) && isAssignable(nonNull(actual), expected)) env.reporter.report("FLOW3006", expr.span, { type: printType(actual) });
    else env.reporter.report("FLOW3001", expr.span, { expected: printType(expected), actual: printType(actual) });
  }
  return actual;
}

/** Types `{ a, b: e }` field lists (record literals, map, extend, aggregate), reporting repeated names. */
export function checkFieldInits(fields: readonly RecordFieldInit[], env: ExprEnv): RecordType {
  const seen = new Map<string, Span>();
  const out: { name: string; type: Type }[] = [];
  for (const field of fields) {
    const type = checkExpression(field.value, env);
    const first = seen.get(field.name.name);
    if (first !== undefined) {
      env.reporter.report("FLOW2018", field.name.span, { name: field.name.name }, { notes: [env.reporter.note("first given here", first)] });
      continue;
    }
    seen.set(field.name.name, field.name.span);
    out.push({ name: field.name.name, type });
  }
  return record(out);
}

function infer(expr: Expr, env: ExprEnv): Type {
  switch (expr.kind) {
    case "IntLiteral": return INT;
    case "FloatLiteral": return FLOAT;
    case "StringLiteral": return STRING;
    case "BoolLiteral": return BOOL;
    case "NullLiteral": return NULL;
    case "DurationLiteral": return DURATION;
    case "TimestampLiteral": return TIMESTAMP;
    case "NameExpr": return inferName(expr, env);
    case "FieldAccess": return inferFieldAccess(expr, env);
    case "IndexExpr": {
      const object = checkExpression(expr.object, env);
      expectType(expr.index, INT, env);
      const base = requireNonNull(object, expr.object.span, env);
      if (base.kind === "unknown") return UNKNOWN;
      if (base.kind !== "array") {
        env.reporter.report("FLOW3008", expr.object.span, { type: printType(base) });
        return UNKNOWN;
      }
      // An index may be out of range: the result is nullable, and `??` supplies the default.
      return nullable(base.element);
    }
    case "CallExpr": return inferCall(expr, env);
    case "UnaryExpr": {
      const operand = requireNonNull(checkExpression(expr.operand, env), expr.operand.span, env);
      const result = unaryResultType(expr.op, operand);
      if (result !== undefined) return result;
      env.reporter.report("FLOW3003", expr.span, { op: expr.op, operand: printType(operand) });
      return expr.op === "not" ? BOOL : UNKNOWN;
    }
    case "BinaryExpr": {
      let left = checkExpression(expr.left, env);
      let right = checkExpression(expr.right, env);
      if (expr.op === "??") {
        const result = unify(nonNull(left), right);
        if (result !== undefined) return result;
        env.reporter.report("FLOW3009", expr.span, { what: "the two sides of `??`", left: printType(nonNull(left)), right: printType(right) });
        return UNKNOWN;
      }
      if (!acceptsNullOperands(expr.op)) {
        left = requireNonNull(left, expr.left.span, env);
        right = requireNonNull(right, expr.right.span, env);
      }
      const result = binaryResultType(expr.op, left, right);
      if (result !== undefined) return result;
      env.reporter.report("FLOW3002", expr.span, { op: expr.op, left: printType(left), right: printType(right) });
      return ["and", "or", "==", "!=", "<", "<=", ">", ">=", "in"].includes(expr.op) ? BOOL : UNKNOWN;
    }
    case "IfExpr": {
      expectType(expr.condition, BOOL, env);
      // `if x == null then … else x.f`: the branch where the field x is not null reads it as non-null
      const test = nullTestedField(expr.condition, env);
      const a = checkExpression(expr.then, test?.nullInThen === false ? test.narrowed : env);
      const b = checkExpression(expr.else, test?.nullInThen === true ? test.narrowed : env);
      const result = unify(a, b);
      if (result !== undefined) return result;
      env.reporter.report("FLOW3009", expr.span, { what: "the branches of `if`", left: printType(a), right: printType(b) });
      return UNKNOWN;
    }
    case "RecordLiteral": return checkFieldInits(expr.fields, env);
    case "ArrayLiteral": {
      let element: Type = UNKNOWN;
      for (const e of expr.elements) {
        const t = checkExpression(e, env);
        const u = unify(element, t);
        if (u === undefined) env.reporter.report("FLOW3009", e.span, { what: "array elements", left: printType(element), right: printType(t) });
        else element = u;
      }
      return { kind: "array", element };
    }
    case "LambdaExpr":
      env.reporter.report("FLOW3010", expr.span);
      return UNKNOWN;
  }
}

/**
 * `x == null` or `x != null` (either order) on a nullable field `x` of the record: the environment in which `x` is
 * not null, and in which branch of the `if` that holds. Only plain fields narrow (not expressions, which may differ
 * between evaluations, nor join aliases and lambda parameters).
 */
function nullTestedField(condition: Expr, env: ExprEnv): { readonly nullInThen: boolean; readonly narrowed: ExprEnv } | undefined {
  if (condition.kind !== "BinaryExpr" || (condition.op !== "==" && condition.op !== "!=")) return undefined;
  const tested = condition.right.kind === "NullLiteral" ? condition.left : condition.left.kind === "NullLiteral" ? condition.right : undefined;
  if (tested?.kind !== "NameExpr" || tested.ref?.kind !== "field") return undefined;
  const field = fieldOf(env.record, tested.name);
  if (field === undefined || field.type.kind !== "nullable") return undefined;
  const narrowed = { ...env.record, fields: env.record.fields.map((f) => (f === field ? { name: f.name, type: nonNull(f.type) } : f)) };
  return { nullInThen: condition.op === "==", narrowed: { ...env, record: narrowed } };
}

/** Reports FLOW3006 for a nullable value used where null is not allowed, and continues with the non-null type. */
function requireNonNull(type: Type, span: Span, env: ExprEnv): Type {
  if (type.kind === "nullable" || type.kind === "null") {
    env.reporter.report("FLOW3006", span, { type: printType(type) });
    return type.kind === "null" ? UNKNOWN : type.inner;
  }
  return type;
}

function inferName(expr: NameExpr, env: ExprEnv): Type {
  if (env.joinAlias !== undefined && env.joinAlias.name === expr.name) {
    expr.ref = { kind: "joinRight" };
    return env.joinAlias.type;
  }
  const param = env.params?.get(expr.name);
  if (param !== undefined) {
    expr.ref = { kind: "lambdaParam", index: [...env.params!.keys()].indexOf(expr.name) };
    return param;
  }
  const field = fieldOf(env.record, expr.name);
  if (env.cep !== undefined && field === undefined) {
    const stage = env.cep.stages.find((s) => s.name === expr.name);
    if (stage !== undefined) {
      expr.ref = { kind: "stage", stage: stage.name };
      return stageEvent(stage, expr.span, env, env.cep);
    }
  }
  if (env.aggregate !== undefined && field === undefined && expr.name === "window") {
    expr.ref = { kind: "window" };
    return WINDOW_BOUNDS;
  }
  if (field === undefined) {
    expr.ref = { kind: "unresolved" };
    if (env.opaque === true) return UNKNOWN;
    if (env.cep?.current === "emit") {
      env.reporter.report("FLOW2011", expr.span, { pattern: env.cep.pattern, name: expr.name });
      return UNKNOWN;
    }
    env.reporter.report("FLOW2005", expr.span, { name: expr.name, type: describeRecord(env.record) }, didYouMean(expr.name, env.record.fields.map((f) => f.name)));
    return UNKNOWN;
  }
  expr.ref = { kind: "field", name: expr.name };
  if (env.aggregate !== undefined && !env.aggregate.keys.has(expr.name)) env.reporter.report("FLOW4013", expr.span, { name: expr.name });
  return field.type;
}

/** A stage used as one event: only for single-event, positive stages already matched. */
function stageEvent(stage: CepStageInfo, span: Span, env: ExprEnv, cep: CepEnv): Type {
  if (stage.negative) {
    env.reporter.report("FLOW4017", span, { text: `stage \`${stage.name}\` is a negative stage and matches no event that could be referenced` });
    return UNKNOWN;
  }
  if (cep.current !== "emit" && stage.index > cep.current) {
    env.reporter.report("FLOW4021", span, { name: stage.name });
    return UNKNOWN;
  }
  if (stage.max !== 1) {
    env.reporter.report("FLOW4022", span, { name: stage.name });
    return UNKNOWN;
  }
  // In its own condition a stage names the event being tested; elsewhere an optional stage may have matched nothing.
  return cep.current !== stage.index && stage.min === 0 ? nullable(cep.eventType) : cep.eventType;
}

function inferFieldAccess(expr: FieldAccess, env: ExprEnv): Type {
  const object = expr.object;
  if (object.kind === "NameExpr" && object.name === "window" && fieldOf(env.record, "window") === undefined && env.params?.has("window") !== true) {
    object.ref = { kind: "window" };
    object.type = WINDOW_BOUNDS;
    if (env.aggregate === undefined) {
      env.reporter.report("FLOW4026", expr.span, { name: expr.field.name });
      return UNKNOWN;
    }
    if (!env.aggregate.windowed) {
      env.reporter.report("FLOW4015", expr.span, { name: expr.field.name });
      return TIMESTAMP;
    }
  }
  const objectType = object.type ?? checkExpression(object, env);
  const base = requireNonNull(objectType, object.span, env);
  if (base.kind === "unknown") return UNKNOWN;
  if (base.kind !== "record") {
    env.reporter.report("FLOW3007", expr.field.span, { name: expr.field.name, type: printType(base) });
    return UNKNOWN;
  }
  const field = fieldOf(base, expr.field.name);
  if (field !== undefined) return field.type;
  env.reporter.report("FLOW2005", expr.field.span, { name: expr.field.name, type: describeRecord(base) }, didYouMean(expr.field.name, base.fields.map((f) => f.name)));
  return UNKNOWN;
}

function inferCall(expr: CallExpr, env: ExprEnv): Type {
  const name = expr.callee.name;
  const named = expr.args.find((a) => a.name !== null);
  if (named !== undefined) env.reporter.report("FLOW3016", named.name!.span, { name });

  if (env.cep !== undefined) {
    const iterative = inferIterative(expr, env, env.cep);
    if (iterative !== undefined) return iterative;
  }
  const aggregate = AGGREGATES.get(name);
  if (aggregate !== undefined && env.aggregate !== undefined) {
    expr.target = { kind: "aggregate", name };
    // Inside an aggregate function's argument every field of the record is in scope, and aggregates do not nest.
    const inner: ExprEnv = { ...env, aggregate: undefined };
    return applyTyping(expr, aggregate, expr.args.map((a) => checkExpression(a.value, inner)), env);
  }
  const builtin = BUILTINS.get(name);
  if (builtin !== undefined) {
    expr.target = { kind: "builtin", name };
    return applyTyping(expr, builtin, expr.args.map((a) => checkExpression(a.value, env)), env);
  }
  const udf = env.functions(name);
  if (udf !== undefined) {
    expr.target = { kind: "udf", name, module: udf.module, exportName: udf.exportName };
    return checkUdfCall(expr, udf, env);
  }
  expr.target = { kind: "unresolved" };
  for (const a of expr.args) checkExpression(a.value, env);
  if (aggregate !== undefined) env.reporter.report("FLOW4014", expr.callee.span, { name });
  else env.reporter.report("FLOW2006", expr.callee.span, { name }, didYouMean(name, [...BUILTINS.keys(), ...(env.aggregate !== undefined ? AGGREGATES.keys() : []), ...(env.functionNames ?? [])]));
  return UNKNOWN;
}

function applyTyping(expr: CallExpr, typing: FunctionTyping, args: readonly Type[], env: ExprEnv): Type {
  // Most functions reject null (the hint on FLOW3006 says how to supply a default); these handle it. Every aggregate
  // does, as in SQL: count(x) counts non-null values, sum/avg/min/max skip nulls, first/last/collect keep them.
  const takesNull = expr.target?.kind === "aggregate" || NULL_TAKING_BUILTINS.has(expr.callee.name);
  const nonNullArgs = takesNull ? args : args.map((t, i) => requireNonNull(t, expr.args[i]!.value.span, env));
  const check: CallCheck = typing(nonNullArgs);
  if (check.ok) return check.type;
  if ("arity" in check) env.reporter.report("FLOW3004", expr.span, { name: expr.callee.name, expected: check.arity, actual: args.length });
  else env.reporter.report("FLOW3005", expr.args[check.index]!.value.span, { param: String(check.index + 1), name: expr.callee.name, expected: check.expected, actual: printType(nonNullArgs[check.index]!) });
  return UNKNOWN;
}

function checkUdfCall(expr: CallExpr, udf: UdfSignature, env: ExprEnv): Type {
  const note: DiagnosticNote = { message: `\`${udf.exportName}\` is declared here`, span: udf.declaration.span, file: udf.declaration.file };
  const args = expr.args.map((a: Argument) => checkExpression(a.value, env));
  const required = udf.params.filter((p) => !p.optional).length;
  if (args.length < required || args.length > udf.params.length) {
    const expected = required === udf.params.length ? String(required) : `${required} to ${udf.params.length}`;
    env.reporter.report("FLOW3004", expr.span, { name: expr.callee.name, expected, actual: args.length }, { notes: [note] });
  }
  args.forEach((actual, i) => {
    const param = udf.params[i];
    if (param === undefined) return;
    const span = expr.args[i]!.value.span;
    if (param.type === null) {
      env.reporter.report("FLOW3015", span, { tsType: param.tsType, what: `parameter \`${param.name}\`` }, { notes: [note] });
    } else if (!isAssignable(actual, param.type)) {
      env.reporter.report("FLOW3005", span, { param: param.name, name: expr.callee.name, expected: printType(param.type), actual: printType(actual) }, { notes: [note] });
    }
  });
  if (udf.result === null) {
    env.reporter.report("FLOW3015", expr.callee.span, { tsType: udf.resultTsType, what: `the result of \`${expr.callee.name}\`` }, { notes: [note] });
    return UNKNOWN;
  }
  return udf.result;
}

/** CEP iterative conditions: first(s), last(s), count(s), sum(s.f), avg(s.f), min(s.f), max(s.f); undefined = not one. */
function inferIterative(expr: CallExpr, env: ExprEnv, cep: CepEnv): Type | undefined {
  const name = expr.callee.name;
  if (expr.args.length !== 1) return undefined;
  const arg = expr.args[0]!.value;
  let stageName: NameExpr | undefined;
  let field: FieldAccess | undefined;
  if (ITERATIVE_STAGE_FUNCTIONS.has(name) && arg.kind === "NameExpr" && fieldOf(env.record, arg.name) === undefined) stageName = arg;
  else if (ITERATIVE_FIELD_FUNCTIONS.has(name) && arg.kind === "FieldAccess" && arg.object.kind === "NameExpr" && fieldOf(env.record, arg.object.name) === undefined) {
    stageName = arg.object;
    field = arg;
  } else return undefined;

  const stage = cep.stages.find((s) => s.name === stageName!.name);
  if (stage === undefined) {
    env.reporter.report("FLOW2011", stageName.span, { pattern: cep.pattern, name: stageName.name });
    return UNKNOWN;
  }
  stageName.ref = { kind: "stage", stage: stage.name };
  stageName.type = cep.eventType;
  expr.target = field === undefined ? { kind: "iterative", name, stage: stage.name } : { kind: "iterative", name, stage: stage.name, field: field.field.name };
  if (stage.negative) {
    env.reporter.report("FLOW4017", stageName.span, { text: `stage \`${stage.name}\` is a negative stage and matches no event that could be referenced` });
    return UNKNOWN;
  }
  if (cep.current !== "emit" && stage.index > cep.current) {
    env.reporter.report("FLOW4021", stageName.span, { name: stage.name });
    return UNKNOWN;
  }
  // While a stage's own condition runs, its accepted events so far may be none.
  const mayBeEmpty = stage.min === 0 || cep.current === stage.index;
  if (name === "count") return INT;
  if (field === undefined) return mayBeEmpty ? nullable(cep.eventType) : cep.eventType;

  const f = fieldOf(cep.eventType, field.field.name);
  if (f === undefined) {
    env.reporter.report("FLOW2005", field.field.span, { name: field.field.name, type: describeRecord(cep.eventType) });
    return UNKNOWN;
  }
  field.type = f.type;
  const numeric = f.type.kind === "int" || f.type.kind === "float";
  const orderable = numeric || ["string", "timestamp", "duration"].includes(f.type.kind);
  if ((name === "sum" || name === "avg") && !numeric && f.type.kind !== "duration") {
    env.reporter.report("FLOW3005", field.span, { param: "1", name, expected: "int, float or duration", actual: printType(f.type) });
    return UNKNOWN;
  }
  if (!orderable) {
    env.reporter.report("FLOW3005", field.span, { param: "1", name, expected: "a number, string, timestamp or duration", actual: printType(f.type) });
    return UNKNOWN;
  }
  if (name === "sum") return f.type;
  const result = name === "avg" ? (f.type.kind === "duration" ? DURATION : FLOAT) : f.type;
  return mayBeEmpty ? nullable(result) : result;
}

function describeRecord(type: RecordType): string {
  if (type.name !== undefined) return `\`${type.name}\``;
  if (type.fields.length === 0) return "an empty record";
  return `\`${printType(type)}\``;
}

