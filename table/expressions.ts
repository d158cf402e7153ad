// Flink's Table API expressions (`$('price').isGreater(10).and(…)`), each a compiler/sql/ast.ts expression tree: the
// Table API prints them into the query it builds, so an expression means exactly what its SQL means.
import type { Call, Expr as SqlExpr, Interval } from "../compiler/sql/ast.js";
import { parseSqlExpression } from "../compiler/sql/parse-sql.js";
import { printExpr } from "../compiler/sql/print-sql.js";
import type { DataType } from "./data-types.js";
import { columnRef, identifier, SYNTHETIC } from "./sql-nodes.js";

/** What an expression argument may be: an Expression, or a JavaScript value taken as a literal (as Flink's Java API does). */
export type ExpressionLike = Expression | number | string | boolean | null;

const AGGREGATES = new Set(["COUNT", "SUM", "AVG", "MIN", "MAX"]);

export class Expression {
  /**
   * @param node the SQL expression
   * @param alias the name given with `.as(…)` (a select item's column name)
   * @param order the direction given with `.asc()`/`.desc()` (an `orderBy` item)
   */
  constructor(readonly node: SqlExpr, readonly alias: string | null = null, readonly order: "ASC" | "DESC" | null = null) {}

  /** The expression as SQL (without its alias). */
  toString(): string {
    return printExpr(this.node);
  }

  // ── arithmetic and comparison ──
  plus(other: ExpressionLike): Expression { return this.binary("+", other); }
  minus(other: ExpressionLike): Expression { return this.binary("-", other); }
  times(other: ExpressionLike): Expression { return this.binary("*", other); }
  dividedBy(other: ExpressionLike): Expression { return this.binary("/", other); }
  mod(other: ExpressionLike): Expression { return this.binary("%", other); }
  isEqual(other: ExpressionLike): Expression { return this.binary("=", other); }
  isNotEqual(other: ExpressionLike): Expression { return this.binary("<>", other); }
  isGreater(other: ExpressionLike): Expression { return this.binary(">", other); }
  isGreaterOrEqual(other: ExpressionLike): Expression { return this.binary(">=", other); }
  isLess(other: ExpressionLike): Expression { return this.binary("<", other); }
  isLessOrEqual(other: ExpressionLike): Expression { return this.binary("<=", other); }

  // ── logic and predicates ──
  and(other: ExpressionLike): Expression { return this.binary("AND", other); }
  or(other: ExpressionLike): Expression { return this.binary("OR", other); }
  not(): Expression { return new Expression({ kind: "Unary", op: "NOT", operand: this.node, span: SYNTHETIC }); }
  isNull(): Expression { return new Expression({ kind: "Is", expr: this.node, not: false, value: "NULL", span: SYNTHETIC }); }
  isNotNull(): Expression { return new Expression({ kind: "Is", expr: this.node, not: true, value: "NULL", span: SYNTHETIC }); }
  like(pattern: ExpressionLike): Expression {
    return new Expression({ kind: "Like", expr: this.node, not: false, pattern: toNode(pattern), escape: null, span: SYNTHETIC });
  }
  in(...values: ExpressionLike[]): Expression {
    if (values.length === 0) throw new Error(`${this}.in(): give at least one value`);
    return new Expression({ kind: "InList", expr: this.node, not: false, list: values.map(toNode), span: SYNTHETIC });
  }
  between(low: ExpressionLike, high: ExpressionLike): Expression {
    return new Expression({ kind: "Between", expr: this.node, not: false, low: toNode(low), high: toNode(high), span: SYNTHETIC });
  }

  // ── naming, ordering, types ──
  /** Names the column this expression produces (in `select`, `addColumns`, `renameColumns`). */
  as(name: string): Expression { return new Expression(this.node, name, this.order); }
  asc(): Expression { return new Expression(this.node, this.alias, "ASC"); }
  desc(): Expression { return new Expression(this.node, this.alias, "DESC"); }
  /** `CAST(x AS type)`, the type from DataTypes (`DataTypes.BIGINT()`). */
  cast(type: DataType): Expression { return new Expression({ kind: "Cast", try: false, expr: this.node, type: type.node, span: SYNTHETIC }); }

  // ── aggregates ──
  count(): Expression { return this.call("COUNT"); }
  sum(): Expression { return this.call("SUM"); }
  avg(): Expression { return this.call("AVG"); }
  min(): Expression { return this.call("MIN"); }
  max(): Expression { return this.call("MAX"); }
  /** On an aggregate: aggregates distinct values only (`$('bidder').count().distinct()` is COUNT(DISTINCT bidder)). */
  distinct(): Expression {
    const n = this.node;
    if (n.kind !== "Call" || !AGGREGATES.has(n.name[0]!.name.toUpperCase())) throw new Error(`${this}.distinct(): distinct() applies to an aggregate, e.g. $('x').count().distinct()`);
    return new Expression({ ...n, distinct: true }, this.alias, this.order);
  }

  // ── strings ──
  lowerCase(): Expression { return this.call("LOWER"); }
  upperCase(): Expression { return this.call("UPPER"); }
  trim(): Expression { return this.call("TRIM"); }
  charLength(): Expression { return this.call("CHAR_LENGTH"); }
  /** SUBSTRING(x, begin[, length]), 1-based as in Flink. */
  substring(begin: ExpressionLike, length?: ExpressionLike): Expression {
    return this.call("SUBSTRING", ...(length === undefined ? [begin] : [begin, length]));
  }

  // ── intervals (on numeric literals: `lit(10).seconds()`) ──
  millis(): Expression { return this.interval("SECOND", 1 / 1000, "millis"); }
  seconds(): Expression { return this.interval("SECOND", 1, "seconds"); }
  minutes(): Expression { return this.interval("MINUTE", 1, "minutes"); }
  hours(): Expression { return this.interval("HOUR", 1, "hours"); }

  // ── a group window's bounds (`$('w').start()` in the select of a windowed table) ──
  /** The start of the window named by `.as(…)` on Tumble/Slide/Session/Cumulate: window_start. */
  start(): Expression { return this.windowBound("start"); }
  /** The end of the window (exclusive): window_end. */
  end(): Expression { return this.windowBound("end"); }

  private windowBound(bound: "start" | "end"): Expression {
    const n = this.node;
    if (n.kind !== "ColumnRef" || n.path.length !== 1) throw new Error(`${this}.${bound}(): ${bound}() applies to a window's alias, e.g. $('w').${bound}()`);
    return new Expression(columnRef(n.path[0]!.name, bound));
  }

  private interval(unit: Interval["unit"], scale: number, method: string): Expression {
    const n = this.node;
    if (n.kind !== "Number") throw new Error(`${this}.${method}(): ${method}() applies to a numeric literal, e.g. lit(10).${method}()`);
    const negative = n.text.startsWith("-");
    const digits = negative ? n.text.slice(1) : n.text;
    const value = scale === 1 ? digits : String(Number(digits) * scale);
    return new Expression({ kind: "Interval", negative, value, unit, precision: null, toUnit: null, span: SYNTHETIC });
  }

  private binary(op: "+" | "-" | "*" | "/" | "%" | "=" | "<>" | ">" | ">=" | "<" | "<=" | "AND" | "OR", other: ExpressionLike): Expression {
    return new Expression({ kind: "Binary", op, left: this.node, right: toNode(other), span: SYNTHETIC });
  }

  private call(name: string, ...args: ExpressionLike[]): Expression {
    return new Expression(callNode(name, [this.node, ...args.map(toNode)]));
  }
}

function callNode(name: string, args: readonly SqlExpr[]): Call {
  return { kind: "Call", name: [identifier(name)], distinct: false, args, star: false, filter: null, over: null, niladic: false, span: SYNTHETIC };
}

/** A column of the table by name (`$('price')`). */
export function $(name: string): Expression {
  return new Expression(columnRef(name));
}

/** A literal: a number, string, boolean or null. */
export function lit(value: number | string | boolean | null): Expression {
  return new Expression(literalNode(value));
}

/** `CASE WHEN condition THEN ifTrue ELSE ifFalse END`. */
export function ifThenElse(condition: ExpressionLike, ifTrue: ExpressionLike, ifFalse: ExpressionLike): Expression {
  return new Expression({
    kind: "Case", operand: null, whens: [{ kind: "When", when: toNode(condition), then: toNode(ifTrue), span: SYNTHETIC }], else: toNode(ifFalse), span: SYNTHETIC,
  });
}

/** String concatenation, CONCAT(a, b, …). */
export function concat(...values: ExpressionLike[]): Expression {
  if (values.length === 0) throw new Error("concat(): give at least one value");
  return new Expression(callNode("CONCAT", values.map(toNode)));
}

/** An expression written in SQL (Flink's `callSql`): `callSql("UPPER(name)")`. */
export function callSql(sql: string): Expression {
  const parsed = parseSqlExpression(sql, "<callSql>");
  if (parsed.expr === undefined || parsed.diagnostics.some((d) => d.severity === "error")) {
    throw new Error(`callSql(${JSON.stringify(sql)}): not a SQL expression: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  }
  return new Expression(parsed.expr);
}

export function toExpression(value: ExpressionLike): Expression {
  return value instanceof Expression ? value : lit(value);
}

function toNode(value: ExpressionLike): SqlExpr {
  return value instanceof Expression ? value.node : literalNode(value);
}

function literalNode(value: number | string | boolean | null): SqlExpr {
  if (value === null) return { kind: "Null", span: SYNTHETIC };
  if (typeof value === "string") return { kind: "String", value, span: SYNTHETIC };
  if (typeof value === "boolean") return { kind: "Boolean", value, span: SYNTHETIC };
  if (!Number.isFinite(value)) throw new Error(`lit(${value}): SQL has no literal for ${value}`);
  // the grammar reads `-5` as one number literal (text "-5"), so a negative value is one node too
  return { kind: "Number", text: String(value), span: SYNTHETIC };
}
