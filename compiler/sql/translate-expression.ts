// SQL scalar expressions → `.flow` expressions, with Flink's semantics where the languages differ: `=` is `==`, CASE
// is a chain of `if`, `a BETWEEN b AND c` reads `a` twice (it is a column or a pure expression), integer division
// truncates, `||` concatenates, day-time INTERVALs are durations and a year-month INTERVAL moves a timestamp by
// calendar months (`addMonths`). Every node keeps the span of the SQL it comes from.
import type { Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { didYouMean } from "../diagnostics/closest-name.js";
import type { Binary, Call, Expr as SqlExpr, Interval } from "./ast.js";
import { arithmeticType, BOOL_COLUMN, FLOAT_COLUMN, INT_COLUMN, STRING_COLUMN, TIMESTAMP_COLUMN, UNKNOWN_COLUMN, type ColumnType } from "./column-type.js";
import { binary, boolLit, call, durationLit, floatLit, ifExpr, nameExpr, not, nullLit, numberLit, stringLit } from "./flow-nodes.js";
import { resolveColumn, type Column } from "./relation.js";
import { abort, type Translator } from "./translator.js";

export interface Typed {
  readonly expr: Expr;
  readonly type: ColumnType;
  /** The value may be NULL (a nullable column, or an operation on one): SQL propagates it, `.flow` must be told. */
  readonly nullable?: boolean;
}

/** A value of `type` to unwrap a nullable with (`x ?? zero`) where a guard has already ruled null out; undefined if none. */
function zero(type: ColumnType, span: Span): Expr | undefined {
  switch (type.kind) {
    case "int": return numberLit(0, span);
    case "float": return floatLit(0, span);
    case "string": return stringLit("", span);
    case "bool": return boolLit(false, span);
    case "timestamp": return { kind: "TimestampLiteral", raw: "1970-01-01T00:00:00Z", value: 0, span };
    case "duration": return durationLit(0, span);
    default: return undefined;
  }
}

/**
 * SQL's null propagation: `make` applied to the operands, or NULL when one of the nullable ones is — in `.flow`,
 * `if a == null or b == null then null else make(a ?? 0, b ?? 0)` (the `??` only tells the checker: the guard has
 * ruled null out). Operands of unknown type are passed as they are.
 */
export function nullSafe(parts: readonly Typed[], make: (operands: Expr[]) => Expr, span: Span): { expr: Expr; nullable: boolean } {
  const nullable = parts.filter((p) => p.nullable === true && zero(p.type, span) !== undefined);
  if (nullable.length === 0) return { expr: make(parts.map((p) => p.expr)), nullable: parts.some((p) => p.nullable === true) };
  const operands = parts.map((p) => (p.nullable === true ? unwrap(p, span) : p.expr));
  const test = nullable.map((p) => binary("==", p.expr, nullLit(span), span)).reduce((a, b) => binary("or", a, b, span));
  return { expr: ifExpr(test, nullLit(span), make(operands), span), nullable: true };
}

function unwrap(p: Typed, span: Span): Expr {
  const z = p.nullable === true ? zero(p.type, span) : undefined;
  return z === undefined ? p.expr : binary("??", p.expr, z, span);
}

/** A condition for `filter`, WHERE, HAVING and ON: rows pass when it is TRUE (not FALSE, not NULL). */
export function whenTrue(c: Typed): Expr {
  return c.nullable === true ? binary("==", c.expr, boolLit(true, c.expr.span), c.expr.span) : c.expr;
}

/** SQL's three-valued AND/OR on nullable booleans: TRUE, FALSE, or NULL when neither is decided. */
function logical(op: "and" | "or", l: Typed, r: Typed, span: Span): Typed {
  if (l.nullable !== true && r.nullable !== true) return { expr: binary(op, l.expr, r.expr, span), type: BOOL_COLUMN };
  const isTrue = (x: Typed) => (x.nullable === true ? binary("==", x.expr, boolLit(true, span), span) : x.expr);
  const isFalse = (x: Typed) => (x.nullable === true ? binary("==", x.expr, boolLit(false, span), span) : not(x.expr, span));
  const [yes, no] = op === "and"
    ? [binary("and", isTrue(l), isTrue(r), span), binary("or", isFalse(l), isFalse(r), span)]
    : [binary("or", isTrue(l), isTrue(r), span), binary("and", isFalse(l), isFalse(r), span)];
  return { expr: ifExpr(yes, boolLit(true, span), ifExpr(no, boolLit(false, span), nullLit(span), span), span), type: BOOL_COLUMN, nullable: true };
}

export interface ExprScope {
  readonly columns: readonly Column[];
  /** How a column is read (default: its field); a join's right side reads `alias.field`. */
  readonly read?: (column: Column, span: Span) => Expr;
  /**
   * Replaces a whole subexpression before it is translated: after GROUP BY, the grouped expressions and the aggregate
   * calls are fields of the aggregate's output.
   */
  readonly replace?: (e: SqlExpr) => Typed | undefined;
  /** What an aggregate call means here when `replace` did not take it (default: an error). */
  readonly aggregate?: (call: Call) => Typed;
}

/** Aggregate functions (without OVER): their calls become fields of an `aggregate` step. */
export const AGGREGATE_FUNCTIONS = new Set(["COUNT", "SUM", "MIN", "MAX", "AVG", "FIRST_VALUE", "LAST_VALUE"]);

export function isAggregateCall(e: SqlExpr): e is Call {
  return e.kind === "Call" && e.over === null && e.name.length === 1 && AGGREGATE_FUNCTIONS.has(e.name[0]!.name.toUpperCase());
}

/** Calls anywhere inside `e` (not inside subqueries) that aggregate. */
export function aggregateCalls(e: SqlExpr, out: Call[] = []): Call[] {
  if (isAggregateCall(e)) {
    out.push(e);
    return out;
  }
  forEachChild(e, (c) => aggregateCalls(c, out));
  return out;
}

export function forEachChild(e: SqlExpr, f: (child: SqlExpr) => void): void {
  switch (e.kind) {
    case "Binary": f(e.left); f(e.right); break;
    case "Unary": f(e.operand); break;
    case "Is": f(e.expr); break;
    case "Between": f(e.expr); f(e.low); f(e.high); break;
    case "Like": f(e.expr); f(e.pattern); break;
    case "InList": f(e.expr); e.list.forEach(f); break;
    case "Case": if (e.operand !== null) f(e.operand); for (const w of e.whens) { f(w.when); f(w.then); } if (e.else !== null) f(e.else); break;
    case "Cast": f(e.expr); break;
    case "Extract": f(e.expr); break;
    case "Index": f(e.base); f(e.index); break;
    case "Call":
      for (const a of e.args) if (a.kind !== "TableArgument" && a.kind !== "NamedArgument") f(a);
      if (e.filter !== null) f(e.filter);
      break;
    default: break;
  }
}

const MS: Readonly<Record<string, number>> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** An INTERVAL literal in milliseconds, or an error for year-month intervals (calendar-dependent) and malformed values. */
export function intervalMs(t: Translator, e: Interval): number {
  const unit = e.unit.toUpperCase();
  if (isYearMonth(e)) refuseYearMonth(t, e);
  const per = MS[unit];
  if (per === undefined) abort(t, "SQL3006", e.span, { what: `INTERVAL … ${unit}`, hint: "Eddy's durations are fixed lengths: use DAY, HOUR, MINUTE or SECOND" });
  let ms: number;
  if (e.toUnit === null) {
    const v = Number(e.value.trim());
    if (!Number.isFinite(v)) abort(t, "SQL3015", e.span, { problem: `'${e.value}' is not a number of ${unit.toLowerCase()}s`, hint: "write e.g. INTERVAL '10' SECOND" });
    ms = Math.round(v * per);
  } else {
    // 'd hh:mm:ss' style: parts from `unit` down to `toUnit`.
    const order = ["DAY", "HOUR", "MINUTE", "SECOND"];
    const parts = e.value.trim().split(/[\s:]+/);
    const from = order.indexOf(unit);
    const to = order.indexOf(e.toUnit.toUpperCase());
    if (from < 0 || to < from || parts.length !== to - from + 1 || parts.some((p) => !Number.isFinite(Number(p)))) {
      abort(t, "SQL3015", e.span, { problem: `'${e.value}' does not fit INTERVAL … ${unit} TO ${e.toUnit}`, hint: "write e.g. INTERVAL '1 02:00:00' DAY TO SECOND" });
    }
    ms = parts.reduce((sum, p, i) => sum + Number(p) * MS[order[from + i]!]!, 0);
  }
  return e.negative ? -ms : ms;
}

/** `INTERVAL 'n' YEAR`, `… MONTH`, `'y-m' YEAR TO MONTH`: a number of calendar months, not a fixed length. */
function isYearMonth(e: Interval): boolean {
  const unit = e.unit.toUpperCase();
  return unit === "YEAR" || unit === "MONTH";
}

/**
 * A year-month interval where only a fixed length can go (a window size, a join bound, a watermark delay, a comparison,
 * arithmetic with another interval or a number): months have no length in milliseconds.
 */
function refuseYearMonth(t: Translator, e: Interval): never {
  const unit = e.toUnit === null ? e.unit.toUpperCase() : `${e.unit.toUpperCase()} TO ${e.toUnit.toUpperCase()}`;
  abort(t, "SQL3006", e.span, {
    what: `INTERVAL … ${unit} here`,
    hint: "a year-month interval only moves a timestamp (ts + INTERVAL '1' MONTH, ts - INTERVAL '1-2' YEAR TO MONTH); window sizes, join bounds, watermark delays and other durations are fixed lengths: use DAY, HOUR, MINUTE or SECOND",
  });
}

/** A year-month INTERVAL literal in months, as Calcite reads it: whole numbers, and 0–11 months after a year. */
function intervalMonths(t: Translator, e: Interval): number {
  const unit = e.unit.toUpperCase();
  const toUnit = e.toUnit?.toUpperCase() ?? null;
  const text = e.value.trim();
  let months: number | undefined;
  if (toUnit === null) {
    const n = /^[+-]?\d+$/.test(text) ? Number(text) * (unit === "YEAR" ? 12 : 1) : NaN;
    if (Number.isSafeInteger(n)) months = n;
  } else if (unit === "YEAR" && toUnit === "MONTH") {
    const m = /^([+-]?)(\d+)-(\d{1,2})$/.exec(text);
    const n = m === null || Number(m[3]) > 11 ? NaN : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 12 + Number(m[3]));
    if (Number.isSafeInteger(n)) months = n;
  }
  if (months === undefined) {
    const form = toUnit === null ? `INTERVAL … ${unit}` : `INTERVAL … ${unit} TO ${toUnit}`;
    abort(t, "SQL3015", e.span, { problem: `'${e.value}' does not fit ${form}`, hint: "write e.g. INTERVAL '3' MONTH, INTERVAL '2' YEAR or INTERVAL '2-10' YEAR TO MONTH (whole numbers; 0 to 11 months after the years)" });
  }
  return e.negative ? -months : months;
}

/** A year-month interval literal, maybe under a unary sign (`-INTERVAL '1' MONTH`), with the sign it carries. */
function yearMonthOperand(e: SqlExpr): { readonly interval: Interval; readonly sign: 1 | -1 } | undefined {
  if (e.kind === "Interval") return isYearMonth(e) ? { interval: e, sign: 1 } : undefined;
  if (e.kind !== "Unary" || e.op === "NOT") return undefined;
  const inner = yearMonthOperand(e.operand);
  return inner === undefined || e.op === "+" ? inner : { interval: inner.interval, sign: inner.sign === 1 ? -1 : 1 };
}

/**
 * `ts + INTERVAL 'n' MONTH`, `INTERVAL … + ts` and `ts - INTERVAL …` with a year-month interval: `addMonths(ts, ±n)`,
 * Calcite's timestamp-plus-interval (whole months in UTC, the day clamped to the target month's last, the time of day
 * kept). Undefined for any other binary expression; a year-month interval added to something other than a timestamp
 * is refused at the interval.
 */
function shiftByMonths(t: Translator, e: Binary, scope: ExprScope): Typed | undefined {
  if (e.op !== "+" && e.op !== "-") return undefined;
  const right = yearMonthOperand(e.right);
  const left = e.op === "+" && right === undefined ? yearMonthOperand(e.left) : undefined;
  const shift = right ?? left;
  if (shift === undefined) return undefined;
  const ts = translateExpr(t, right !== undefined ? e.left : e.right, scope);
  if (ts.type.kind !== "timestamp" && ts.type.kind !== "unknown") refuseYearMonth(t, shift.interval);
  // why `+ 0`: a subtracted INTERVAL '0' MONTH is -0, not the integer 0 the literal means
  const months = (e.op === "-" ? -shift.sign : shift.sign) * intervalMonths(t, shift.interval) + 0;
  const span = e.span;
  return { ...nullSafe([ts], ([x]) => call("addMonths", [x!, numberLit(months, shift.interval.span)], span), span), type: TIMESTAMP_COLUMN };
}

export function translateExpr(t: Translator, e: SqlExpr, scope: ExprScope): Typed {
  const replaced = scope.replace?.(e);
  if (replaced !== undefined) return replaced;
  const sub = (x: SqlExpr) => translateExpr(t, x, scope);
  const span = e.span;
  switch (e.kind) {
    case "Number": {
      const v = Number(e.text);
      // the parser folds a sign into the literal: `-2` is one Number
      const integral = /^-?\d+$/.test(e.text) && Number.isSafeInteger(v);
      return integral ? { expr: numberLit(v, span), type: INT_COLUMN } : { expr: floatLit(v, span), type: FLOAT_COLUMN };
    }
    case "String": return { expr: stringLit(e.value, span), type: STRING_COLUMN };
    case "Boolean": return { expr: boolLit(e.value, span), type: BOOL_COLUMN };
    case "Null": return { expr: nullLit(span), type: UNKNOWN_COLUMN, nullable: true };
    case "Interval": return { expr: durationLit(intervalMs(t, e), span), type: { kind: "duration" } };
    case "TypedLiteral": {
      const text = e.type === "DATE" ? `${e.value.trim()}T00:00:00Z` : `${e.value.trim().replace(" ", "T")}Z`;
      const ms = Date.parse(text);
      if (e.type === "TIME" || !Number.isFinite(ms)) abort(t, "SQL3015", span, { problem: `${e.type} '${e.value}' is not a timestamp Eddy reads`, hint: "write TIMESTAMP 'yyyy-MM-dd HH:mm:ss' or DATE 'yyyy-MM-dd' (UTC)" });
      return { expr: { kind: "TimestampLiteral", raw: text, value: ms, span }, type: TIMESTAMP_COLUMN };
    }
    case "ColumnRef": return readColumn(t, e.path.map((p) => p.name), span, scope);
    case "Binary": return shiftByMonths(t, e, scope) ?? translateBinary(t, e.op, sub(e.left), sub(e.right), span);
    case "Unary": {
      const x = sub(e.operand);
      if (e.op === "NOT") return { ...nullSafe([x], ([a]) => not(a!, span), span), type: BOOL_COLUMN };
      return e.op === "-" ? { ...nullSafe([x], ([a]) => ({ kind: "UnaryExpr", op: "-", operand: a!, span }), span), type: x.type } : x;
    }
    case "Is": {
      const x = sub(e.expr);
      const test = e.value === "NULL" || e.value === "UNKNOWN" ? binary("==", x.expr, nullLit(span), span) : binary("==", x.expr, boolLit(e.value === "TRUE", span), span);
      return { expr: e.not ? not(test, span) : test, type: BOOL_COLUMN };
    }
    case "Between": {
      const within = nullSafe([sub(e.expr), sub(e.low), sub(e.high)], ([x, lo, hi]) => binary("and", binary(">=", x!, lo!, span), binary("<=", x!, hi!, span), span), span);
      return { ...nullSafe([{ ...within, type: BOOL_COLUMN }], ([w]) => (e.not ? not(w!, span) : w!), span), type: BOOL_COLUMN };
    }
    case "InList": {
      const list: Expr = { kind: "ArrayLiteral", elements: e.list.map((i) => sub(i).expr), span };
      return { ...nullSafe([sub(e.expr)], ([x]) => (e.not ? not(binary("in", x!, list, span), span) : binary("in", x!, list, span)), span), type: BOOL_COLUMN };
    }
    case "Like": return translateLike(t, sub(e.expr), e.pattern, e.not, e.escape !== null, span);
    case "Case": {
      const operand = e.operand === null ? null : sub(e.operand);
      let otherwise: Typed = e.else === null ? { expr: nullLit(span), type: UNKNOWN_COLUMN, nullable: true } : sub(e.else);
      let type = otherwise.type;
      let nullable = otherwise.nullable === true;
      for (let i = e.whens.length - 1; i >= 0; i--) {
        const w = e.whens[i]!;
        // A WHEN that is NULL (UNKNOWN) is not taken.
        const condition = operand === null ? whenTrue(sub(w.when)) : whenTrue({ ...nullSafe([operand, sub(w.when)], ([a, b]) => binary("==", a!, b!, w.when.span), w.when.span), type: BOOL_COLUMN });
        const then = sub(w.then);
        if (then.type.kind !== "unknown") type = then.type;
        nullable ||= then.nullable === true;
        otherwise = { expr: ifExpr(condition, then.expr, otherwise.expr, w.span), type };
      }
      return { expr: otherwise.expr, type, nullable };
    }
    case "Cast": return translateCast(t, sub(e.expr), e.type.name.toUpperCase(), span);
    case "Extract": {
      if (e.unit.toUpperCase() !== "HOUR") abort(t, "SQL3006", span, { what: `EXTRACT(${e.unit} FROM …)`, hint: "EXTRACT(HOUR FROM ts) and HOUR(ts) are supported; DATE_FORMAT(ts, 'mm') gives other fields as text" });
      return { ...nullSafe([sub(e.expr)], ([x]) => call("hour", [x!], span), span), type: INT_COLUMN };
    }
    case "Call": {
      if (isAggregateCall(e)) {
        if (scope.aggregate !== undefined) return scope.aggregate(e);
        abort(t, "SQL3006", span, { what: "an aggregate function here", hint: "aggregate in the SELECT list or HAVING of a query (with or without GROUP BY)" });
      }
      return translateCall(t, e, scope);
    }
    case "Index": return { expr: { kind: "IndexExpr", object: sub(e.base).expr, index: sub(e.index).expr, span }, type: UNKNOWN_COLUMN };
    case "InSubquery": case "ScalarSubquery": case "Exists":
      abort(t, "SQL3006", span, { what: "a subquery inside an expression", hint: "join the subquery in FROM instead" });
    case "Descriptor":
      abort(t, "SQL3015", span, { problem: "DESCRIPTOR(…) is a window TVF's argument", hint: "write it inside TUMBLE, HOP, SESSION or CUMULATE" });
  }
}

function readColumn(t: Translator, path: readonly string[], span: Span, scope: ExprScope): Typed {
  const r = resolveColumn(scope.columns, path);
  if (r.kind === "ambiguous") abort(t, "SQL3003", span, { name: path.join("."), candidates: r.candidates.join(", ") });
  if (r.kind === "unknown") {
    const hint = didYouMean(path.at(-1)!, r.candidates);
    abort(t, "SQL3002", span, { name: path.join("."), hint: "hint" in hint ? hint.hint : `the columns here: ${r.candidates.join(", ") || "none"}` });
  }
  const column = r.column;
  if (column.virtual?.kind === "constant") return { expr: column.virtual.value, type: column.type };
  if (column.virtual !== undefined || column.field === null) {
    const what = column.virtual?.kind === "proctime" ? "reading PROCTIME() as a value" : `\`${column.name}\` outside a window aggregation`;
    abort(t, "SQL3006", span, { what, hint: column.virtual?.kind === "proctime" ? "use the processing-time column as a window TVF's DESCRIPTOR" : "GROUP BY window_start, window_end to aggregate the window" });
  }
  let expr: Expr = scope.read?.(column, span) ?? nameExpr(column.field, span);
  let type = column.type;
  if (column.nullable === true && r.rest.length === 0) return { expr, type, nullable: true };
  for (const name of r.rest) {
    const f = type.kind === "row" ? type.fields.find((x) => x.name === name) : undefined;
    if (f === undefined) abort(t, "SQL3002", span, { name: path.join("."), hint: type.kind === "row" ? `the fields of \`${column.name}\`: ${type.fields.map((x) => x.name).join(", ")}` : `\`${column.name}\` is not a ROW` });
    expr = { kind: "FieldAccess", object: expr, field: { kind: "Identifier", name, span }, span };
    type = f.type;
  }
  return { expr, type };
}

function translateBinary(t: Translator, op: string, l: Typed, r: Typed, span: Span): Typed {
  const both = (make: (a: Expr, b: Expr) => Expr) => nullSafe([l, r], ([a, b]) => make(a!, b!), span);
  switch (op) {
    case "AND": return logical("and", l, r, span);
    case "OR": return logical("or", l, r, span);
    case "=": return { ...both((a, b) => binary("==", a, b, span)), type: BOOL_COLUMN };
    case "<>": return { ...both((a, b) => binary("!=", a, b, span)), type: BOOL_COLUMN };
    case "<": case "<=": case ">": case ">=": return { ...both((a, b) => binary(op, a, b, span)), type: BOOL_COLUMN };
    case "||": return { ...both((a, b) => call("concat", [a, b], span)), type: STRING_COLUMN };
    case "/": {
      const type = arithmeticType(op, l.type, r.type);
      // why: Flink divides integers as integers (7 / 2 = 3); `.flow`'s `/` is JavaScript's
      return { ...both((a, b) => (type.kind === "int" ? call("toInt", [binary("/", a, b, span)], span) : binary("/", a, b, span))), type };
    }
    case "+": case "-": case "*": case "%":
      return { ...both((a, b) => binary(op, a, b, span)), type: arithmeticType(op, l.type, r.type) };
    default:
      abort(t, "SQL3006", span, { what: `the operator ${op}`, hint: "" });
  }
}

function translateLike(t: Translator, x: Typed, pattern: SqlExpr, negated: boolean, escaped: boolean, span: Span): Typed {
  // LIKE with a literal pattern of the forms 'abc', 'abc%', '%abc' and '%abc%' (no `_`, no ESCAPE).
  const text = pattern.kind === "String" ? pattern.value : null;
  const inner = text?.replace(/^%/, "").replace(/%$/, "") ?? null;
  if (text === null || inner === null || escaped || /[%_]/.test(inner)) {
    abort(t, "SQL3006", pattern.span, { what: "this LIKE pattern", hint: "Eddy reads literal patterns 'abc', 'abc%', '%abc' and '%abc%'; REGEXP_EXTRACT(s, pattern) IS NOT NULL matches any regular expression" });
  }
  const s = stringLit(inner, pattern.span);
  const starts = text.startsWith("%");
  const ends = text.endsWith("%") && text.length > 1;
  const test = (v: Expr) => (starts && ends ? call("contains", [v, s], span) : ends ? call("startsWith", [v, s], span) : starts ? call("endsWith", [v, s], span) : binary("==", v, s, span));
  return { ...nullSafe([x], ([v]) => (negated ? not(test(v!), span) : test(v!)), span), type: BOOL_COLUMN };
}

function translateCast(t: Translator, x: Typed, type: string, span: Span): Typed {
  // A string that does not parse is NULL (TRY_CAST's result; Flink's CAST fails the job there).
  const convert = (fn: string, to: ColumnType) => {
    const r = nullSafe([x], ([v]) => call(fn, [v!], span), span);
    return { ...r, type: to, nullable: r.nullable || x.type.kind === "string" };
  };
  switch (type) {
    case "BIGINT": case "INT": case "INTEGER": case "SMALLINT": case "TINYINT":
      return x.type.kind === "int" ? x : convert("toInt", INT_COLUMN);
    case "DOUBLE": case "FLOAT": case "REAL": case "DECIMAL": case "NUMERIC":
      return x.type.kind === "float" ? x : convert("toFloat", FLOAT_COLUMN);
    case "VARCHAR": case "STRING": case "CHAR":
      return x.type.kind === "string" ? x : convert("toString", STRING_COLUMN);
    case "TIMESTAMP": case "TIMESTAMP_LTZ":
      if (x.type.kind === "timestamp") return x;
      break;
  }
  abort(t, "SQL3006", span, { what: `CAST(${x.type.kind} AS ${type})`, hint: "Eddy casts to BIGINT/INT, DOUBLE/DECIMAL and VARCHAR/STRING" });
}

interface ScalarFunction {
  /** The `.flow` builtin. */
  readonly flow: string;
  readonly arity: readonly [min: number, max: number];
  readonly type: (args: readonly Typed[]) => ColumnType;
}

const same = (args: readonly Typed[]) => args[0]?.type ?? UNKNOWN_COLUMN;
const SCALAR_FUNCTIONS: ReadonlyMap<string, ScalarFunction> = new Map([
  ["LOWER", { flow: "lower", arity: [1, 1], type: () => STRING_COLUMN }],
  ["UPPER", { flow: "upper", arity: [1, 1], type: () => STRING_COLUMN }],
  ["TRIM", { flow: "trim", arity: [1, 1], type: () => STRING_COLUMN }],
  ["CHAR_LENGTH", { flow: "len", arity: [1, 1], type: () => INT_COLUMN }],
  ["CHARACTER_LENGTH", { flow: "len", arity: [1, 1], type: () => INT_COLUMN }],
  ["CONCAT", { flow: "concat", arity: [1, 64], type: () => STRING_COLUMN }],
  ["ABS", { flow: "abs", arity: [1, 1], type: same }],
  ["FLOOR", { flow: "floor", arity: [1, 1], type: () => INT_COLUMN }],
  ["CEIL", { flow: "ceil", arity: [1, 1], type: () => INT_COLUMN }],
  ["CEILING", { flow: "ceil", arity: [1, 1], type: () => INT_COLUMN }],
  ["HOUR", { flow: "hour", arity: [1, 1], type: () => INT_COLUMN }],
  ["DATE_FORMAT", { flow: "dateFormat", arity: [2, 2], type: () => STRING_COLUMN }],
  ["REGEXP_EXTRACT", { flow: "regexpExtract", arity: [2, 3], type: () => STRING_COLUMN }],
  ["SPLIT_INDEX", { flow: "splitIndex", arity: [3, 3], type: () => STRING_COLUMN }],
  ["HASH_CODE", { flow: "hash", arity: [1, 1], type: () => INT_COLUMN }],
]);

function translateCall(t: Translator, e: Call, scope: ExprScope): Typed {
  const name = e.name.map((n) => n.name).join(".");
  const upper = name.toUpperCase();
  const span = e.span;
  if (e.over !== null) abort(t, "SQL3006", span, { what: `${name}(…) OVER (…) here`, hint: "OVER aggregates are computed in a select list (read them from a subquery); ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) is read in a subquery filtered on its row number (top-N, deduplication)" });
  if (e.star || e.distinct || e.filter !== null) abort(t, "SQL3015", span, { problem: `${name} is not an aggregate function: \`*\`, DISTINCT and FILTER belong to aggregates`, hint: "" });
  const args = e.args.map((a) => {
    if (a.kind === "TableArgument" || a.kind === "NamedArgument") abort(t, "SQL3015", a.span, { problem: `${name} takes plain arguments`, hint: "" });
    return translateExpr(t, a, scope);
  });
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) abort(t, "SQL3008", span, { name, expected: min === max ? `${min} argument(s)` : `${min} to ${max} arguments`, actual: String(args.length) });
  };
  switch (upper) {
    case "COALESCE": case "IFNULL": {
      arity(2, 64);
      let expr = args[args.length - 1]!.expr;
      for (let i = args.length - 2; i >= 0; i--) expr = binary("??", args[i]!.expr, expr, span);
      return { expr, type: args.find((a) => a.type.kind !== "unknown")?.type ?? UNKNOWN_COLUMN, nullable: args.every((a) => a.nullable === true) };
    }
    case "MOD": arity(2, 2); return { ...nullSafe(args, ([a, b]) => binary("%", a!, b!, span), span), type: arithmeticType("%", args[0]!.type, args[1]!.type) };
    case "SUBSTRING": case "SUBSTR": {
      arity(2, 3);
      // SQL counts from 1 and takes a length; `.flow`'s substring(s, from, to) counts from 0 and takes an end (-1: to the end).
      return {
        ...nullSafe(args, ([str, start, length]) => {
          const from = binary("-", start!, numberLit(1, span), span);
          return call("substring", [str!, from, length === undefined ? numberLit(-1, span) : binary("+", from, length, span)], span);
        }, span),
        type: STRING_COLUMN,
      };
    }
    case "PROCTIME": case "NOW": case "CURRENT_TIMESTAMP": case "LOCALTIMESTAMP":
      abort(t, "SQL3006", span, { what: `${name}() as a value`, hint: "PROCTIME() is read as a window TVF's DESCRIPTOR column, e.g. TUMBLE(TABLE v, DESCRIPTOR(p_time), …)" });
  }
  const udf = t.catalog.functions.get(name.toLowerCase());
  // why null-safe: a TypeScript function's parameters are typed, and mostly not nullable; a NULL argument gives NULL
  // without calling it, as for the built-in functions
  if (udf !== undefined) {
    const local = t.importFunction(udf);
    return { ...nullSafe(args, (flowArgs) => call(local, flowArgs, span), span), type: UNKNOWN_COLUMN };
  }
  const scalar = SCALAR_FUNCTIONS.get(upper);
  if (scalar === undefined) {
    const hint = didYouMean(upper, [...SCALAR_FUNCTIONS.keys(), ...AGGREGATE_FUNCTIONS, ...t.catalog.functions.keys()]);
    abort(t, "SQL3007", span, { name, hint: "hint" in hint ? hint.hint : "declare your own with CREATE FUNCTION name AS './module.ts#export'" });
  }
  arity(...scalar.arity);
  const result = nullSafe(args, (flowArgs) => {
    // REGEXP_EXTRACT(s, re) takes group 1, as Flink does
    if (upper === "REGEXP_EXTRACT" && flowArgs.length === 2) flowArgs.push(numberLit(1, span));
    return call(scalar.flow, flowArgs, span);
  }, span);
  // REGEXP_EXTRACT and SPLIT_INDEX are NULL when nothing matches
  return { ...result, type: scalar.type(args), nullable: result.nullable || upper === "REGEXP_EXTRACT" || upper === "SPLIT_INDEX" };
}
