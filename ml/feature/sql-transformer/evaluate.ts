// Compiles a parsed SELECT into a row mapper, once per transform: each expression becomes a closure over its
// children, so a row is evaluated without re-reading the tree. Values follow SQL: NULL (null) propagates through
// arithmetic, comparisons and functions; AND, OR and NOT use three-valued logic; WHERE keeps rows whose condition is
// TRUE. Errors that only a row can reveal (a missing column, a string in arithmetic) point into the statement.
import type { Row } from "../../core/row.js";
import { type Expr, parseSelect, type SelectStatement } from "./parser.js";
import { SqlError } from "./sql-error.js";

type Value = number | string | boolean | null | unknown;
type Compiled = (row: Row) => Value;

/** The mapper of a statement: the selected columns of a row, or null when WHERE drops it. */
export function compileSelect(statement: string): (row: Row) => Row | null {
  const parsed: SelectStatement = parseSelect(statement);
  const fail = (e: Expr, reason: string): never => {
    throw new SqlError(reason, statement, e.start, e.end);
  };
  const compile = (e: Expr): Compiled => compileExpr(e, fail);
  const where = parsed.where === null ? null : compile(parsed.where);
  const whereExpr = parsed.where;
  const names: (string | null)[] = [];
  const values: (Compiled | null)[] = [];
  parsed.items.forEach((item, i) => {
    if (item.kind === "star") {
      names.push(null);
      values.push(null);
      return;
    }
    names.push(item.alias ?? (item.expr.kind === "column" ? item.expr.name : `EXPR$${i}`));
    values.push(compile(item.expr));
  });
  const explicit = names.filter((n): n is string => n !== null);
  const duplicate = explicit.find((n, i) => explicit.indexOf(n) !== i);
  if (duplicate !== undefined) throw new SqlError(`the output column '${duplicate}' is selected twice — give one of them another name with AS`, statement, 0, statement.length);
  return (row) => {
    if (where !== null) {
      const keep = where(row);
      if (keep !== true && keep !== false && keep !== null) fail(whereExpr!, `WHERE needs a boolean condition, got ${describe(keep)}`);
      if (keep !== true) return null;
    }
    const out: Row = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === null) Object.assign(out, row);
      else out[name] = values[i]!(row);
    }
    return out;
  };
}

function compileExpr(e: Expr, fail: (e: Expr, reason: string) => never): Compiled {
  const compile = (x: Expr) => compileExpr(x, fail);
  const number = (x: Expr, v: Value): number => (typeof v === "number" ? v : fail(x, `expected a number, got ${describe(v)} — CAST(… AS DOUBLE) converts strings`));
  const boolean = (x: Expr, v: Value): boolean => (typeof v === "boolean" ? v : fail(x, `expected a boolean, got ${describe(v)}`));
  switch (e.kind) {
    case "literal": {
      const value = e.value;
      return () => value;
    }
    case "column": {
      const name = e.name;
      return (row) => {
        if (!(name in row)) fail(e, `column '${name}' does not exist (the row has ${Object.keys(row).map((k) => `'${k}'`).join(", ") || "no columns"}) — names are case-sensitive; quote odd ones with backquotes`);
        const v = row[name];
        return v === undefined ? null : v;
      };
    }
    case "unary": {
      const operand = compile(e.operand);
      if (e.op === "NOT") {
        return (row) => {
          const v = operand(row);
          return v === null ? null : !boolean(e.operand, v);
        };
      }
      const sign = e.op === "-" ? -1 : 1;
      return (row) => {
        const v = operand(row);
        return v === null ? null : sign * number(e.operand, v);
      };
    }
    case "isNull": {
      const operand = compile(e.operand);
      const negated = e.negated;
      return (row) => (operand(row) === null) !== negated;
    }
    case "binary":
      return compileBinary(e as Expr & { kind: "binary" }, compile, number, boolean, fail);
    case "call":
      return compileCall(e as Expr & { kind: "call" }, compile, number, fail);
    case "cast":
      return compileCast(e as Expr & { kind: "cast" }, compile(e.operand), fail);
  }
}

function compileBinary(
  e: Expr & { kind: "binary" },
  compile: (x: Expr) => Compiled,
  number: (x: Expr, v: Value) => number,
  boolean: (x: Expr, v: Value) => boolean,
  fail: (e: Expr, reason: string) => never,
): Compiled {
  const left = compile(e.left);
  const right = compile(e.right);
  const { op } = e;
  if (op === "AND") {
    return (row) => {
      const a = left(row);
      if (a === false || (a !== null && !boolean(e.left, a))) return false;
      const b = right(row);
      if (b === false || (b !== null && !boolean(e.right, b))) return false;
      return a === null || b === null ? null : true;
    };
  }
  if (op === "OR") {
    return (row) => {
      const a = left(row);
      if (a === true || (a !== null && boolean(e.left, a))) return true;
      const b = right(row);
      if (b === true || (b !== null && boolean(e.right, b))) return true;
      return a === null || b === null ? null : false;
    };
  }
  if (op === "||") {
    return (row) => {
      const a = left(row);
      const b = right(row);
      return a === null || b === null ? null : text(e.left, a, fail) + text(e.right, b, fail);
    };
  }
  const arithmetic: Record<string, (a: number, b: number) => number> = {
    "+": (a, b) => a + b,
    "-": (a, b) => a - b,
    "*": (a, b) => a * b,
    "/": (a, b) => a / b,
    "%": (a, b) => a % b,
  };
  const arith = arithmetic[op];
  if (arith !== undefined) {
    return (row) => {
      const a = left(row);
      const b = right(row);
      return a === null || b === null ? null : arith(number(e.left, a), number(e.right, b));
    };
  }
  const compare: Record<string, (c: number) => boolean> = { "=": (c) => c === 0, "<>": (c) => c !== 0, "<": (c) => c < 0, "<=": (c) => c <= 0, ">": (c) => c > 0, ">=": (c) => c >= 0 };
  const test = compare[op]!;
  return (row) => {
    const a = left(row);
    const b = right(row);
    if (a === null || b === null) return null;
    if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string" && typeof a !== "boolean")) {
      fail(e, `cannot compare ${describe(a)} with ${describe(b)} — CAST one side so both are numbers or both strings`);
    }
    return test(a < b! ? -1 : a > b! ? 1 : a === b ? 0 : NaN);
  };
}

interface FunctionSpec {
  readonly arity: number | [number, number];
  /** Called with non-null arguments (a null argument makes the result NULL, except for COALESCE); n(i) and s(i) read argument i as a number or a string. */
  readonly apply: (count: number, n: (i: number) => number, s: (i: number) => string) => Value;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  ABS: { arity: 1, apply: (_, n) => Math.abs(n(0)) },
  SQRT: { arity: 1, apply: (_, n) => Math.sqrt(n(0)) },
  LN: { arity: 1, apply: (_, n) => Math.log(n(0)) },
  LOG10: { arity: 1, apply: (_, n) => Math.log10(n(0)) },
  EXP: { arity: 1, apply: (_, n) => Math.exp(n(0)) },
  POWER: { arity: 2, apply: (_, n) => Math.pow(n(0), n(1)) },
  MOD: { arity: 2, apply: (_, n) => n(0) % n(1) },
  FLOOR: { arity: 1, apply: (_, n) => Math.floor(n(0)) },
  CEIL: { arity: 1, apply: (_, n) => Math.ceil(n(0)) },
  // SQL rounds half away from zero (Math.round rounds half up: -2.5 → -2)
  ROUND: { arity: [1, 2], apply: (count, n) => {
    const scale = 10 ** (count > 1 ? n(1) : 0);
    const x = n(0) * scale;
    return (Math.sign(x) * Math.round(Math.abs(x))) / scale;
  } },
  UPPER: { arity: 1, apply: (_, __, s) => s(0).toUpperCase() },
  LOWER: { arity: 1, apply: (_, __, s) => s(0).toLowerCase() },
  CHAR_LENGTH: { arity: 1, apply: (_, __, s) => s(0).length },
  TRIM: { arity: 1, apply: (_, __, s) => s(0).trim() },
  CONCAT: { arity: [1, Infinity], apply: (count, _, s) => Array.from({ length: count }, (__, i) => s(i)).join("") },
};

function compileCall(e: Expr & { kind: "call" }, compile: (x: Expr) => Compiled, number: (x: Expr, v: Value) => number, fail: (e: Expr, reason: string) => never): Compiled {
  const args = e.args.map(compile);
  if (e.name === "COALESCE") {
    if (args.length === 0) fail(e, "COALESCE takes at least 1 argument");
    return (row) => {
      for (const arg of args) {
        const v = arg(row);
        if (v !== null) return v;
      }
      return null;
    };
  }
  const spec = FUNCTIONS[e.name];
  if (spec === undefined) fail(e, `unknown function ${e.name} — supported: ${[...Object.keys(FUNCTIONS), "COALESCE", "CAST"].join(", ")}`);
  const [min, max] = typeof spec!.arity === "number" ? [spec!.arity, spec!.arity] : spec!.arity;
  if (args.length < min || args.length > max) fail(e, `${e.name} takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} or ${max}`} argument(s), got ${args.length}`);
  // why one buffer per compiled call: evaluating a row allocates no argument array
  const values: Value[] = new Array(args.length);
  const numberAt = (i: number) => number(e.args[i]!, values[i]!);
  const stringAt = (i: number) => text(e.args[i]!, values[i]!, fail);
  const count = args.length;
  return (row) => {
    for (let i = 0; i < count; i++) {
      const v = args[i]!(row);
      if (v === null) return null;
      values[i] = v;
    }
    return spec!.apply(count, numberAt, stringAt);
  };
}

function compileCast(e: Expr & { kind: "cast" }, operand: Compiled, fail: (e: Expr, reason: string) => never): Compiled {
  const toNumber = (v: Value): number => {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "string") {
      const n = v.trim() === "" ? NaN : Number(v.trim());
      if (Number.isNaN(n) && v.trim().toUpperCase() !== "NAN") fail(e, `cannot cast '${v}' to ${e.type}`);
      return n;
    }
    return fail(e, `cannot cast ${describe(v)} to ${e.type}`);
  };
  switch (e.type) {
    case "DOUBLE":
    case "FLOAT":
    case "DECIMAL":
      return (row) => {
        const v = operand(row);
        return v === null ? null : toNumber(v);
      };
    case "INT":
    case "INTEGER":
    case "BIGINT":
    case "SMALLINT":
    case "TINYINT":
      return (row) => {
        const v = operand(row);
        return v === null ? null : Math.trunc(toNumber(v));
      };
    case "STRING":
    case "VARCHAR":
    case "CHAR":
      return (row) => {
        const v = operand(row);
        return v === null ? null : typeof v === "boolean" ? String(v).toUpperCase() : String(v);
      };
    case "BOOLEAN":
      return (row) => {
        const v = operand(row);
        if (v === null || typeof v === "boolean") return v;
        if (typeof v === "number") return v !== 0;
        if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
        return fail(e, `cannot cast ${describe(v)} to BOOLEAN`);
      };
    default:
      return fail(e, `unknown type ${e.type} in CAST — use DOUBLE, INT, BIGINT, STRING, VARCHAR or BOOLEAN`);
  }
}

/** A string operand: strings as they are, numbers written as JavaScript writes them; anything else is refused. */
function text(at: Expr, v: Value, fail: (e: Expr, reason: string) => never): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return fail(at, `expected a string, got ${describe(v)}`);
}

function describe(v: Value): string {
  if (v === null) return "NULL";
  if (typeof v === "string") return `the string '${v}'`;
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  return `the ${typeof v} ${String(v)}`;
}
