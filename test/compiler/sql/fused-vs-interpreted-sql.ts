// The random queries of fused-vs-interpreted.property.test.ts as data: a small typed model of the SQL they are made of,
// its printing as Flink SQL, and a brute-force evaluator with Flink's semantics — the independent oracle of every shape
// (filter + project, group aggregates, window TVF aggregates on rows that are never late, regular inner joins, UNION
// ALL, derived tables) but a top-N whose order has ties. The model covers only what the translator supports (docs/sql.md); a shape it rejects with
// SQL3006 is a generator bug, any other failure a finding.

/** The SQL types of the model (BIGINT, DOUBLE, VARCHAR, BOOLEAN). */
export type SqlType = "int" | "float" | "string" | "bool";

export type CompareOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

/**
 * A scalar expression. Columns are named as the SQL reads them (`v`, or `T.v` in a join); every column is NOT NULL
 * except the nullable ones, which the model reads only through IS [NOT] NULL, COALESCE and bare selection: `.flow`
 * rejects a nullable operand of arithmetic or a comparison (FLOW3006), a finding kept in the test's known failures.
 */
export type Expr =
  | { readonly kind: "column"; readonly name: string; readonly type: SqlType }
  | { readonly kind: "nullableColumn"; readonly name: string }
  | { readonly kind: "literal"; readonly value: number | string | boolean; readonly type: SqlType }
  | { readonly kind: "arithmetic"; readonly op: "+" | "-" | "*" | "/" | "%"; readonly left: Expr; readonly right: Expr; readonly type: "int" | "float" }
  | { readonly kind: "negate"; readonly operand: Expr; readonly type: "int" | "float" }
  | { readonly kind: "call"; readonly name: ScalarFunction; readonly args: readonly Expr[]; readonly type: SqlType }
  | { readonly kind: "concat"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "castToString"; readonly operand: Expr }
  | { readonly kind: "coalesce"; readonly column: string; readonly fallback: number }
  | { readonly kind: "isNull"; readonly column: string; readonly negated: boolean }
  | { readonly kind: "compare"; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "logical"; readonly op: "AND" | "OR"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "in"; readonly operand: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
  /** `LIKE` with the patterns the translator reads: 'abc', 'abc%', '%abc', '%abc%'. */
  | { readonly kind: "like"; readonly operand: Expr; readonly pattern: string; readonly negated: boolean }
  | { readonly kind: "between"; readonly operand: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean }
  | { readonly kind: "case"; readonly whens: readonly { readonly when: Expr; readonly then: Expr }[]; readonly otherwise: Expr; readonly type: SqlType }
  | { readonly kind: "simpleCase"; readonly operand: Expr; readonly whens: readonly { readonly when: Expr; readonly then: Expr }[]; readonly otherwise: Expr; readonly type: SqlType };

export type ScalarFunction = "UPPER" | "LOWER" | "TRIM" | "CHAR_LENGTH" | "ABS" | "FLOOR" | "CEIL" | "CONCAT" | "SUBSTRING";

export type AggregateFunction = "COUNT" | "SUM" | "MIN" | "MAX" | "AVG" | "FIRST_VALUE" | "LAST_VALUE";

/** `fn(arg)`, `COUNT(*)` (arg null), `COUNT(DISTINCT arg)`, with an optional `FILTER (WHERE …)`. */
export interface Aggregate {
  readonly fn: AggregateFunction;
  readonly arg: Expr | null;
  readonly distinct: boolean;
  readonly filter: Expr | null;
}

/** A select item of an aggregating query: a GROUP BY key (by position) or an aggregate, optionally `+ n`. */
export type AggregateItem = { readonly kind: "key"; readonly index: number } | { readonly kind: "aggregate"; readonly aggregate: Aggregate; readonly plus: number | null };

/** A HAVING condition: comparisons of aggregates with literals, combined with AND / OR. */
export type Having =
  | { readonly kind: "compare"; readonly aggregate: Aggregate; readonly op: CompareOp; readonly value: number }
  | { readonly kind: "logical"; readonly op: "AND" | "OR"; readonly left: Having; readonly right: Having };

export type WindowSpec =
  | { readonly kind: "TUMBLE"; readonly sizeS: number }
  | { readonly kind: "HOP"; readonly slideS: number; readonly sizeS: number }
  | { readonly kind: "SESSION"; readonly gapS: number }
  | { readonly kind: "CUMULATE"; readonly stepS: number; readonly sizeS: number };

export interface OrderKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

export type Query =
  /** SELECT e AS c0, … FROM t [WHERE w] */
  | { readonly kind: "project"; readonly items: readonly Expr[]; readonly where: Expr | null }
  /** SELECT keys and aggregates FROM t [WHERE w] [GROUP BY keys] [HAVING h] */
  | { readonly kind: "aggregate"; readonly keys: readonly Expr[]; readonly items: readonly AggregateItem[]; readonly where: Expr | null; readonly having: Having | null }
  /** A window TVF over t grouped by [k,] window_start, window_end. */
  | { readonly kind: "window"; readonly window: WindowSpec; readonly byKey: boolean; readonly bounds: "both" | "start" | "end"; readonly aggregates: readonly Aggregate[]; readonly where: Expr | null; readonly having: Having | null }
  /** SELECT … FROM t AS T JOIN u AS U ON key = key [AND extra] [WHERE w] */
  | { readonly kind: "join"; readonly on: readonly [Expr, Expr]; readonly extra: Expr | null; readonly items: readonly Expr[]; readonly where: Expr | null }
  /** A projection or group aggregate reading a derived table — a projection of t — instead of t. */
  | { readonly kind: "nested"; readonly inner: Query & { readonly kind: "project" }; readonly outer: Query & { readonly kind: "project" | "aggregate" } }
  /** Two projections of t with the same column types, UNION ALL. */
  | { readonly kind: "union"; readonly left: Query & { readonly kind: "project" }; readonly right: Query & { readonly kind: "project" } }
  /** ROW_NUMBER() top-N per partition (a column of t, or none), the row number selected as `rn`. */
  | { readonly kind: "topN"; readonly partition: "k" | "v" | null; readonly order: readonly OrderKey[]; readonly limit: number; readonly columns: readonly ("id" | "v" | "f" | "k")[]; readonly where: Expr | null };

// ───────────────────────────── tables ─────────────────────────────

export interface TRow {
  readonly id: number;
  readonly k: string;
  readonly v: number;
  readonly f: number;
  readonly n: number | null;
  readonly ts: number;
}

export interface URow {
  readonly uid: number;
  readonly uk: string;
  readonly w: number;
  readonly uts: number;
}

export interface Tables {
  readonly t: readonly TRow[];
  readonly u: readonly URow[];
}

/** Delay of both tables' watermarks: the generated rows are never more out of order, so no row is late. */
export const WATERMARK_DELAY_MS = 1000;

/** The DDL of the script: two filesystem JSON tables whose rows each run replaces through the factory's `sources`. */
export const DDL = `CREATE TABLE t (
  id BIGINT NOT NULL, k VARCHAR NOT NULL, v BIGINT NOT NULL, f DOUBLE NOT NULL, n BIGINT, ts TIMESTAMP(3) NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '${WATERMARK_DELAY_MS / 1000}' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json');
CREATE TABLE u (
  uid BIGINT NOT NULL, uk VARCHAR NOT NULL, w BIGINT NOT NULL, uts TIMESTAMP(3) NOT NULL,
  WATERMARK FOR uts AS uts - INTERVAL '${WATERMARK_DELAY_MS / 1000}' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'u.json', 'format' = 'json');
`;

// ───────────────────────────── printing ─────────────────────────────

/** SQL text of an expression; every compound operand is parenthesised (precedence is the parser's own property test). */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "column": case "nullableColumn": return e.name;
    case "literal": return printLiteral(e.value, e.type);
    case "arithmetic": return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case "negate": return `(- ${printExpr(e.operand)})`;
    case "call": return `${e.name}(${e.args.map(printExpr).join(", ")})`;
    case "concat": return `(${printExpr(e.left)} || ${printExpr(e.right)})`;
    case "castToString": return `CAST(${printExpr(e.operand)} AS STRING)`;
    case "coalesce": return `COALESCE(${e.column}, ${printLiteral(e.fallback, "int")})`;
    case "isNull": return `(${e.column} IS ${e.negated ? "NOT " : ""}NULL)`;
    case "compare": return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case "logical": return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case "not": return `(NOT ${printExpr(e.operand)})`;
    case "in": return `(${printExpr(e.operand)} ${e.negated ? "NOT " : ""}IN (${e.list.map(printExpr).join(", ")}))`;
    case "like": return `(${printExpr(e.operand)} ${e.negated ? "NOT " : ""}LIKE ${printLiteral(e.pattern, "string")})`;
    case "between": return `(${printExpr(e.operand)} ${e.negated ? "NOT " : ""}BETWEEN ${printExpr(e.low)} AND ${printExpr(e.high)})`;
    case "case": return `(CASE ${e.whens.map((w) => `WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`).join(" ")} ELSE ${printExpr(e.otherwise)} END)`;
    case "simpleCase": return `(CASE ${printExpr(e.operand)} ${e.whens.map((w) => `WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`).join(" ")} ELSE ${printExpr(e.otherwise)} END)`;
  }
}

function printLiteral(value: number | string | boolean, type: SqlType): string {
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // why the point: a literal written without one is an integer (BIGINT), with one a DOUBLE/DECIMAL
  const text = type === "float" && Number.isInteger(value) ? `${Math.abs(value)}.0` : String(Math.abs(value));
  return value < 0 || Object.is(value, -0) ? `(-${text})` : text;
}

export function printAggregate(a: Aggregate): string {
  const arg = a.arg === null ? "*" : `${a.distinct ? "DISTINCT " : ""}${printExpr(a.arg)}`;
  return `${a.fn}(${arg})${a.filter === null ? "" : ` FILTER (WHERE ${printExpr(a.filter)})`}`;
}

function printHaving(h: Having): string {
  return h.kind === "compare" ? `(${printAggregate(h.aggregate)} ${h.op} ${h.value})` : `(${printHaving(h.left)} ${h.op} ${printHaving(h.right)})`;
}

function printWindow(w: WindowSpec): string {
  const s = (n: number) => `INTERVAL '${n}' SECOND`;
  switch (w.kind) {
    case "TUMBLE": return `TUMBLE(TABLE t, DESCRIPTOR(ts), ${s(w.sizeS)})`;
    case "HOP": return `HOP(TABLE t, DESCRIPTOR(ts), ${s(w.slideS)}, ${s(w.sizeS)})`;
    case "SESSION": return `SESSION(TABLE t, DESCRIPTOR(ts), ${s(w.gapS)})`;
    case "CUMULATE": return `CUMULATE(TABLE t, DESCRIPTOR(ts), ${s(w.stepS)}, ${s(w.sizeS)})`;
  }
}

const where = (w: Expr | null) => (w === null ? "" : ` WHERE ${printExpr(w)}`);
const named = (items: readonly string[], prefix = "c") => items.map((s, i) => `${s} AS ${prefix}${i}`).join(", ");

/**
 * The columns of a derived table are i0, i1, …: an output column named after a group key it does not output as is
 * (`SELECT c1 AS c0, COUNT(*) AS c1 … GROUP BY c1`) is not supported (SQL3006).
 */
export const INNER_PREFIX = "i";

/** The query as one SELECT statement (without the `;`); output columns are c0, c1, … (and `rn` for a top-N). */
export function printQuery(q: Query, from = "t", prefix = "c"): string {
  switch (q.kind) {
    case "project": return `SELECT ${named(q.items.map(printExpr), prefix)} FROM ${from}${where(q.where)}`;
    case "nested": return printQuery(q.outer, `(${printQuery(q.inner, "t", INNER_PREFIX)}) AS s`);
    case "union": return `${printQuery(q.left, from, prefix)} UNION ALL ${printQuery(q.right, from, prefix)}`;
    case "aggregate": {
      const items = q.items.map((i) => (i.kind === "key" ? printExpr(q.keys[i.index]!) : plus(printAggregate(i.aggregate), i.plus)));
      const groupBy = q.keys.length === 0 ? "" : ` GROUP BY ${q.keys.map(printExpr).join(", ")}`;
      return `SELECT ${named(items)} FROM ${from}${where(q.where)}${groupBy}${q.having === null ? "" : ` HAVING ${printHaving(q.having)}`}`;
    }
    case "window": {
      const bounds = q.bounds === "both" ? ["window_start", "window_end"] : q.bounds === "start" ? ["window_start"] : ["window_end"];
      const items = [...(q.byKey ? ["k"] : []), ...bounds, ...q.aggregates.map((a, i) => `${printAggregate(a)} AS c${i}`)];
      const groupBy = [...(q.byKey ? ["k"] : []), "window_start", "window_end"].join(", ");
      return `SELECT ${items.join(", ")} FROM TABLE(${printWindow(q.window)})${where(q.where)} GROUP BY ${groupBy}${q.having === null ? "" : ` HAVING ${printHaving(q.having)}`}`;
    }
    case "join": {
      const extra = q.extra === null ? "" : ` AND ${printExpr(q.extra)}`;
      return `SELECT ${named(q.items.map(printExpr))} FROM t AS T JOIN u AS U ON ${printExpr(q.on[0])} = ${printExpr(q.on[1])}${extra}${where(q.where)}`;
    }
    case "topN": {
      const partition = q.partition === null ? "" : `PARTITION BY ${q.partition} `;
      const order = q.order.map((o) => `${printExpr(o.expr)}${o.descending ? " DESC" : " ASC"}`).join(", ");
      const outer = [...(q.partition === null || q.columns.includes(q.partition) ? [] : [q.partition]), ...q.columns, "rn"];
      return `SELECT ${outer.join(", ")} FROM (SELECT id, k, v, f, ROW_NUMBER() OVER (${partition}ORDER BY ${order}) AS rn FROM t${where(q.where)}) WHERE rn <= ${q.limit}`;
    }
  }
}

const plus = (text: string, n: number | null) => (n === null ? text : `(${text} + ${n})`);

// ───────────────────────────── evaluation (the oracle) ─────────────────────────────

/** A row as the expressions read it: values by the column name the SQL uses (`v`, `T.v`). */
export type Env = Readonly<Record<string, number | string | boolean | null>>;
type Value = number | string | boolean | null;

/** Evaluates with Flink's semantics: integer `/` truncates toward zero, `%` takes the dividend's sign, SUBSTRING counts from 1. */
export function evaluate(e: Expr, env: Env): Value {
  const num = (x: Expr) => evaluate(x, env) as number;
  const str = (x: Expr) => evaluate(x, env) as string;
  const bool = (x: Expr) => evaluate(x, env) as boolean;
  switch (e.kind) {
    case "column": case "nullableColumn": {
      const v = env[e.name];
      if (v === undefined) throw new Error(`the oracle has no column ${e.name}`);
      return v;
    }
    case "literal": return e.value;
    case "arithmetic": {
      const a = num(e.left);
      const b = num(e.right);
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return e.type === "int" ? Math.trunc(a / b) + 0 : a / b; // + 0: no -0 (SQL integers have none)
        case "%": return a % b;
      }
    }
    // eslint-disable-next-line no-fallthrough -- every arithmetic operator returns
    case "negate": return -num(e.operand);
    case "call": {
      const [a, b, c] = e.args;
      switch (e.name) {
        case "UPPER": return str(a!).toUpperCase();
        case "LOWER": return str(a!).toLowerCase();
        case "TRIM": return str(a!).replace(/^ +| +$/g, "");
        case "CHAR_LENGTH": return str(a!).length;
        case "ABS": return Math.abs(num(a!));
        case "FLOOR": return Math.floor(num(a!));
        case "CEIL": return Math.ceil(num(a!));
        case "CONCAT": return e.args.map(str).join("");
        case "SUBSTRING": {
          const from = num(b!) - 1;
          return str(a!).slice(from, from + num(c!));
        }
      }
    }
    // eslint-disable-next-line no-fallthrough -- every function returns
    case "concat": return str(e.left) + str(e.right);
    case "castToString": return String(num(e.operand));
    case "coalesce": return (env[e.column] as number | null) ?? e.fallback;
    case "isNull": return (env[e.column] === null) !== e.negated;
    case "compare": {
      const a = evaluate(e.left, env) as number | string;
      const b = evaluate(e.right, env) as number | string;
      switch (e.op) {
        case "=": return a === b;
        case "<>": return a !== b;
        case "<": return a < b;
        case "<=": return a <= b;
        case ">": return a > b;
        case ">=": return a >= b;
      }
    }
    // eslint-disable-next-line no-fallthrough -- every comparison returns
    case "logical": return e.op === "AND" ? bool(e.left) && bool(e.right) : bool(e.left) || bool(e.right);
    case "not": return !bool(e.operand);
    case "in": {
      const x = evaluate(e.operand, env);
      return e.list.some((i) => evaluate(i, env) === x) !== e.negated;
    }
    case "like": {
      const x = str(e.operand);
      const text = e.pattern.replace(/^%/, "").replace(/%$/, "");
      const starts = e.pattern.startsWith("%");
      const ends = e.pattern.endsWith("%") && e.pattern.length > 1;
      const matches = starts && ends ? x.includes(text) : ends ? x.startsWith(text) : starts ? x.endsWith(text) : x === text;
      return matches !== e.negated;
    }
    case "between": {
      const x = num(e.operand);
      return (x >= num(e.low) && x <= num(e.high)) !== e.negated;
    }
    case "case": return evaluate(e.whens.find((w) => bool(w.when))?.then ?? e.otherwise, env);
    case "simpleCase": {
      const x = evaluate(e.operand, env);
      return evaluate(e.whens.find((w) => evaluate(w.when, env) === x)?.then ?? e.otherwise, env);
    }
  }
}

/** The aggregate over a group's rows (in arrival order), as Flink computes it; AVG of BIGINT is a BIGINT. */
export function aggregate(a: Aggregate, rows: readonly Env[]): Value {
  const kept = a.filter === null ? rows : rows.filter((r) => evaluate(a.filter!, r) === true);
  if (a.arg === null) return kept.length;
  let values = kept.map((r) => evaluate(a.arg!, r));
  if (a.distinct) values = [...new Set(values)];
  switch (a.fn) {
    case "COUNT": return values.length;
    case "SUM": return values.length === 0 ? null : (values as number[]).reduce((x, y) => x + y, 0);
    case "MIN": return values.length === 0 ? null : values.reduce((x, y) => ((y as number | string) < (x as number | string) ? y : x));
    case "MAX": return values.length === 0 ? null : values.reduce((x, y) => ((y as number | string) > (x as number | string) ? y : x));
    case "AVG": {
      if (values.length === 0) return null;
      const mean = (values as number[]).reduce((x, y) => x + y, 0) / values.length;
      return typeOf(a.arg) === "int" ? Math.trunc(mean) + 0 : mean;
    }
    case "FIRST_VALUE": return values[0] ?? null;
    case "LAST_VALUE": return values.at(-1) ?? null;
  }
}

function holds(h: Having, rows: readonly Env[]): boolean {
  if (h.kind === "logical") return h.op === "AND" ? holds(h.left, rows) && holds(h.right, rows) : holds(h.left, rows) || holds(h.right, rows);
  const x = aggregate(h.aggregate, rows) as number;
  return evaluate({ kind: "compare", op: h.op, left: { kind: "literal", value: x, type: "float" }, right: { kind: "literal", value: h.value, type: "int" } }, {}) as boolean;
}

export function typeOf(e: Expr): SqlType {
  switch (e.kind) {
    case "column": case "literal": case "arithmetic": case "negate": case "call": case "case": case "simpleCase": return e.type;
    case "nullableColumn": case "coalesce": return "int";
    case "concat": case "castToString": return "string";
    default: return "bool";
  }
}

/**
 * What the oracle expects of a query on `tables`: the rows of an insert-only result (a multiset), or the final row
 * per upsert key of an updating one; null where the model has no oracle (top-N with ties).
 */
export type Expected = { readonly kind: "rows"; readonly rows: readonly Value[][] } | { readonly kind: "final"; readonly rows: readonly Value[][] };

export function expectedRows(q: Query, tables: Tables, tEnv: readonly Env[] = tables.t.map((r) => ({ ...r }))): Expected | null {
  const kept = (envs: readonly Env[], w: Expr | null) => (w === null ? envs : envs.filter((r) => evaluate(w, r) === true));
  switch (q.kind) {
    case "project": return { kind: "rows", rows: kept(tEnv, q.where).map((r) => q.items.map((e) => evaluate(e, r))) };
    case "union": return { kind: "rows", rows: [...expectedRows(q.left, tables, tEnv)!.rows, ...expectedRows(q.right, tables, tEnv)!.rows] };
    case "nested": {
      const inner = expectedRows(q.inner, tables, tEnv)!;
      return expectedRows(q.outer, tables, inner.rows.map((r) => Object.fromEntries(r.map((v, i) => [`${INNER_PREFIX}${i}`, v]))));
    }
    case "aggregate": {
      const groups = new Map<string, Env[]>();
      for (const r of kept(tEnv, q.where)) {
        const key = JSON.stringify(q.keys.map((k) => evaluate(k, r)));
        let g = groups.get(key);
        if (g === undefined) groups.set(key, (g = []));
        g.push(r);
      }
      const rows: Value[][] = [];
      // why only groups with rows: a streaming aggregate emits a row per group it saw (no row for an empty input)
      for (const g of groups.values()) {
        if (q.having !== null && !holds(q.having, g)) continue;
        rows.push(q.items.map((i) => {
          if (i.kind === "key") return evaluate(q.keys[i.index]!, g[0]!);
          const x = aggregate(i.aggregate, g);
          return i.plus === null || x === null ? x : (x as number) + i.plus;
        }));
      }
      return { kind: "final", rows };
    }
    case "join": {
      const rows: Value[][] = [];
      for (const l of tables.t) {
        for (const r of tables.u) {
          const env: Env = { "T.id": l.id, "T.k": l.k, "T.v": l.v, "T.f": l.f, "T.n": l.n, "U.uid": r.uid, "U.uk": r.uk, "U.w": r.w };
          if (evaluate(q.on[0], env) !== evaluate(q.on[1], env)) continue;
          if (q.extra !== null && evaluate(q.extra, env) !== true) continue;
          if (q.where !== null && evaluate(q.where, env) !== true) continue;
          rows.push(q.items.map((e) => evaluate(e, env)));
        }
      }
      return { kind: "rows", rows };
    }
    case "topN": {
      // Deterministic only when the order ends with the unique id (otherwise ties rank as the operator meets them).
      if (q.order.at(-1)?.expr.kind !== "column" || (q.order.at(-1)!.expr as { name: string }).name !== "id") return null;
      const partitions = new Map<string, Env[]>();
      for (const r of kept(tEnv, q.where)) {
        const key = q.partition === null ? "" : String(r[q.partition]);
        let p = partitions.get(key);
        if (p === undefined) partitions.set(key, (p = []));
        p.push(r);
      }
      const rows: Value[][] = [];
      const outer = [...(q.partition === null || q.columns.includes(q.partition) ? [] : [q.partition]), ...q.columns];
      for (const p of partitions.values()) {
        const sorted = [...p].sort((a, b) => {
          for (const o of q.order) {
            const x = evaluate(o.expr, a) as number | string;
            const y = evaluate(o.expr, b) as number | string;
            if (x !== y) return (x < y ? -1 : 1) * (o.descending ? -1 : 1);
          }
          return 0;
        });
        sorted.slice(0, q.limit).forEach((r, i) => rows.push([...outer.map((c) => r[c]!), i + 1]));
      }
      return { kind: "final", rows };
    }
    case "window": {
      // No row is late (the generator keeps them within the watermark delay), so every window with rows fires once.
      const windows = new Map<string, { key: Value; start: number; end: number; rows: Env[] }>();
      const add = (r: Env, start: number, end: number) => {
        const key = q.byKey ? r["k"]! : null;
        const id = JSON.stringify([key, start, end]);
        let w = windows.get(id);
        if (w === undefined) windows.set(id, (w = { key, start, end, rows: [] }));
        w.rows.push(r);
      };
      const rows = kept(tEnv, q.where);
      const spec = q.window;
      if (spec.kind === "SESSION") {
        const sessions = new Map<Env, { start: number; end: number }>();
        for (const group of groupBy(rows, (r) => (q.byKey ? String(r["k"]) : ""))) {
          // Flink merges session windows [ts, ts + gap) that overlap or touch (TimeWindow.intersects).
          const sorted = [...group].sort((a, b) => (a["ts"] as number) - (b["ts"] as number));
          const close = (members: readonly Env[]) => {
            const bounds = { start: members[0]!["ts"] as number, end: (members.at(-1)!["ts"] as number) + spec.gapS * 1000 };
            for (const m of members) sessions.set(m, bounds);
          };
          let session: Env[] = [];
          for (const r of sorted) {
            if (session.length > 0 && (r["ts"] as number) > (session.at(-1)!["ts"] as number) + spec.gapS * 1000) {
              close(session);
              session = [];
            }
            session.push(r);
          }
          if (session.length > 0) close(session);
        }
        // in arrival order, as the aggregates see the rows
        for (const r of rows) add(r, sessions.get(r)!.start, sessions.get(r)!.end);
      } else if (spec.kind === "CUMULATE") {
        // Flink's CUMULATE: from each multiple of size, windows ending every step up to size
        const size = spec.sizeS * 1000;
        const step = spec.stepS * 1000;
        for (const r of rows) {
          const ts = r["ts"] as number;
          const start = Math.floor(ts / size) * size;
          for (let end = start + step; end <= start + size; end += step) if (ts < end) add(r, start, end);
        }
      } else {
        const size = spec.sizeS * 1000;
        const slide = spec.kind === "HOP" ? spec.slideS * 1000 : size;
        for (const r of rows) {
          const ts = r["ts"] as number;
          const last = Math.floor(ts / slide) * slide;
          for (let start = last; start > ts - size; start -= slide) add(r, start, start + size);
        }
      }
      const out: Value[][] = [];
      for (const w of windows.values()) {
        if (q.having !== null && !holds(q.having, w.rows)) continue;
        const bounds = q.bounds === "both" ? [w.start, w.end] : q.bounds === "start" ? [w.start] : [w.end];
        out.push([...(q.byKey ? [w.key] : []), ...bounds, ...q.aggregates.map((a) => aggregate(a, w.rows))]);
      }
      return { kind: "rows", rows: out };
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = []));
    g.push(item);
  }
  return [...groups.values()];
}
