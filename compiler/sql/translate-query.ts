// SQL queries → `.flow` pipelines. A SELECT block becomes steps over the stream of its FROM relation, in SQL's
// logical order: FROM (tables, views, subqueries, joins, window TVFs), WHERE (`filter`), GROUP BY and aggregates
// (`keyBy` + `window` + `aggregate`) or OVER aggregates (`keyBy` + `over`, translate-over.ts), HAVING (`filter`), the
// select list (`map`). Two query shapes Flink plans specially are recognised as they are in Flink: a window TVF grouped
// by window_start and window_end is a window aggregation; ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) filtered on
// the row number is a top-N (`top`). A query's ORDER BY and LIMIT are translate-order-limit.ts's, INTERSECT and
// EXCEPT are translate-set-operation.ts's; a window TVF's rows read without its aggregation get their windows in
// translate-window-columns.ts.
import type { Expr, Operator, OuterJoinKind, RecordFieldInit } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Call, Expr as SqlExpr, Join, Query, QueryBody, Select, SelectExpr, TableAlias, TableFunction, TableName } from "./ast.js";
import { lastName } from "./catalog.js";
import { INT_COLUMN, UNKNOWN_COLUMN, type ColumnType } from "./column-type.js";
import { call, durationLit, fieldAccess, field, ident, ifExpr, nameExpr, nullLit, numberLit } from "./flow-nodes.js";
import { intervalJoinBounds } from "./interval-join-bounds.js";
import { keyEquality } from "./join-key.js";
import { printExpr } from "./print-sql.js";
import { expandOps, groupingSetsOf, groupingValue, isGroupingCall, nulledKey } from "./translate-grouping-sets.js";
import { freshField, GLOBAL_KEY, isFieldName, requalify, resolveColumn, starColumns, timeAttributeAt, type Column, type Relation, type WindowTvf } from "./relation.js";
import { translateTable } from "./translate-table.js";
import { aggregateCalls, forEachChild, intervalMs, isAggregateCall, nullSafe, translateExpr, whenTrue, type ExprScope, type Typed } from "./translate-expression.js";
import { asOfEventTime, translateLookupJoin } from "./translate-lookup-join.js";
import { translateTemporalJoin } from "./translate-temporal-join.js";
import { flattenJoin } from "./flatten-join.js";
import { translateSetOperation } from "./translate-set-operation.js";
import { orderedBody, translateOrderAndLimit } from "./translate-order-limit.js";
import { translateMatchRecognize } from "./translate-match-recognize.js";
import { isUnnestJoin, translateUnnestJoin } from "./translate-unnest.js";
import { translateValues } from "./translate-values.js";
import { overCalls, ranksRows, translateOver } from "./translate-over.js";
import { readsWindowColumn, withWindowColumns } from "./translate-window-columns.js";
import { translateWindowTvf } from "./translate-window-tvf.js";
import { abort, addStep, type Translator } from "./translator.js";
import { readsOnly } from "../ast/reads-only.js";
import { orderKeys } from "./order-keys.js";

export function translateQuery(t: Translator, q: Query): Relation {
  const saved = new Map<string, Relation | undefined>();
  for (const cte of q.with) {
    const rel = translateQuery(t, cte.query);
    if (!saved.has(cte.name.name)) saved.set(cte.name.name, t.job.relations.get(cte.name.name));
    t.job.relations.set(cte.name.name, renameColumns(t, rel, cte.columns, cte.name.name));
  }
  const ordered = orderedBody(q);
  const body = translateBody(t, ordered.body);
  const rel = q.orderBy.length > 0 || q.limit !== null || q.offset !== null ? translateOrderAndLimit(t, q, body, ordered) : body;
  // CTE names are scoped to their query.
  for (const [name, previous] of saved) {
    if (previous === undefined) t.job.relations.delete(name);
    else t.job.relations.set(name, previous);
  }
  return rel;
}

function translateBody(t: Translator, body: QueryBody): Relation {
  switch (body.kind) {
    case "Query": return translateQuery(t, body);
    case "Select": return translateSelect(t, body);
    case "SetOperation": {
      if (body.op !== "UNION") return translateSetOperation(t, body.op, translateBody(t, body.left), translateBody(t, body.right), body.all, body.span);
      const union = translateUnion(t, translateBody(t, body.left), translateBody(t, body.right), body.span);
      return body.all ? union : distinct(t, union, body.span);
    }
    case "Values": return translateValues(t, body);
  }
}

function translateUnion(t: Translator, leftInput: Relation, rightInput: Relation, span: Span): Relation {
  const left = withWindowColumns(t, leftInput);
  const right = withWindowColumns(t, rightInput);
  if (left.columns.length !== right.columns.length) abort(t, "SQL3010", span, { actual: String(right.columns.length), table: "the UNION", expected: String(left.columns.length) });
  // The right side takes the left side's field names (UNION ALL names its columns after its first input).
  const renamed = project(t, right, left.columns.map((c, i) => ({ name: c.field!, value: readField(right.columns[i]!, span) })), span);
  const stream = addStep(t, left.stream, [{ kind: "UnionOp", streams: [ident(renamed, span)], span }], span);
  return { ...left, stream, rowtime: null, windowBounds: null };
}

function readField(c: Column, span: Span): Expr {
  return nameExpr(c.field!, span);
}

// ───────────────────────────── SELECT ─────────────────────────────

function translateSelect(t: Translator, s: Select): Relation {
  if (s.from === null) abort(t, "SQL3006", s.span, { what: "SELECT without FROM", hint: "read rows from a table" });
  const overs = s.items.flatMap((i) => (i.kind === "SelectExpr" ? overCalls(i.expr) : []));
  // why before the FROM is translated: a ranked subquery is an update stream whatever else it says — Nexmark q6's, as
  // shipped, also reads `A.id` out of scope and filters on `rownum` in the SELECT defining it
  if (overs.length > 0 && ranksRows(s.from)) abort(t, "SQL3030", overs[0]!.over!.span, { what: "the result of a GROUP BY without window or of a top-N" });
  const topN = rowNumberFilter(s);
  if (topN !== null) return translateTopN(t, s, topN);
  let where = conjuncts(s.where);
  const from = translateFrom(t, s.from, where);
  let rel = from.relation;
  where = from.remaining;
  const aggregates = [...s.items.flatMap((i) => (i.kind === "SelectExpr" ? aggregateCalls(i.expr) : [])), ...(s.having === null ? [] : aggregateCalls(s.having))];
  // A window TVF's window columns read as values (in WHERE, in an expression of a select list that does not aggregate,
  // beside OVER): its rows as they are, one per window. A select list naming them only keeps them virtual, so that a
  // GROUP BY window_start, window_end over this SELECT is still a window aggregation.
  const grouped = s.groupBy.length > 0 || aggregates.length > 0;
  const readsWindow = (e: SqlExpr) => windowColumnOf(rel, e) === undefined && readsWindowColumn(rel, e);
  if (where.some((c) => readsWindowColumn(rel, c)) || overs.length > 0 || (!grouped && s.items.some((i) => i.kind === "SelectExpr" && readsWindow(i.expr)))) rel = withWindowColumns(t, rel);
  if (where.length > 0) rel = filter(t, rel, where);
  if (overs.length > 0) {
    if (s.groupBy.length > 0 || aggregates.length > 0) abort(t, "SQL3006", overs[0]!.span, { what: "an OVER aggregate beside GROUP BY or other aggregates", hint: "aggregate in a subquery, and compute the OVER aggregate over its rows" });
    if (s.having !== null) abort(t, "SQL3006", s.having.span, { what: "HAVING without GROUP BY or aggregates", hint: "use WHERE" });
    const over = translateOver(t, rel, overs, s.windows);
    const projected = selectList(t, s.items, over.relation, over.scope);
    return s.distinct ? distinct(t, projected, s.span) : projected;
  }
  if (s.groupBy.length > 0 || aggregates.length > 0) {
    const aggregated = translateAggregation(t, s, rel, aggregates);
    return s.distinct ? distinct(t, aggregated, s.span) : aggregated;
  }
  if (s.having !== null) abort(t, "SQL3006", s.having.span, { what: "HAVING without GROUP BY or aggregates", hint: "use WHERE" });
  const projected = selectList(t, s.items, rel, { columns: rel.columns });
  return s.distinct ? distinct(t, projected, s.span) : projected;
}

/**
 * SELECT DISTINCT, UNION: the first row of each distinct value, emitted once — a running `top 1` keyed by every
 * column (a later equal row ties, and a tie ranks after the row already there), with the rank dropped. Insert-only,
 * as Flink's distinct over an insert-only input.
 */
function distinct(t: Translator, input: Relation, span: Span): Relation {
  const rel = withWindowColumns(t, input);
  const fields = [...new Set(rel.columns.flatMap((c) => (c.field === null || c.hidden === true ? [] : [c.field])))];
  if (fields.length === 0) abort(t, "SQL3006", span, { what: "DISTINCT without columns", hint: "" });
  const keys = fields.map((f) => nameExpr(f, span));
  if (rel.changelog.kind !== "insert-only") return distinctOfChanges(t, rel, fields, span);
  const top = addStep(t, rel.stream, [
    { kind: "KeyByOp", keys, span },
    // by a constant: every row of a key ties, so the first stays
    { kind: "TopOp", count: { kind: "IntLiteral", value: 1, raw: "1", span }, by: numberLit(0, span), descending: false, then: [], span },
    { kind: "MapOp", fields: fields.map((f) => field(f, nameExpr(f, span), span)), span },
  ], span);
  return { ...rel, stream: top, rowtime: null, windowBounds: null, changelog: { kind: "insert-only" } };
}

/**
 * DISTINCT over rows that change (a changelog with deletions, an update stream): a running aggregate without
 * aggregates, keyed by every column, over the changelog (`.flow` turns an update stream into one first) — a value's
 * first row `+I`, nothing while more equal rows come and go, `-D` when its last one leaves. Flink's plan is the same
 * (a GroupAggregate without aggregate calls), and so is its output: a changelog with deletions.
 */
function distinctOfChanges(t: Translator, rel: Relation, fields: readonly string[], span: Span): Relation {
  // why as it is: rows made of their update key's columns only are distinct already (one row per key)
  const key = rel.changelog.kind === "upsert" ? rel.changelog.key : null;
  if (key !== null && fields.every((f) => key.includes(f))) return rel;
  const stream = addStep(t, rel.stream, [
    { kind: "KeyByOp", keys: fields.map((f) => nameExpr(f, span)), span },
    { kind: "AggregateOp", fields: [], span },
  ], span);
  return { ...rel, stream, rowtime: null, windowBounds: null, changelog: { kind: "retract" } };
}

export function conjuncts(e: SqlExpr | null): SqlExpr[] {
  if (e === null) return [];
  return e.kind === "Binary" && e.op === "AND" ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

export function and(es: readonly Expr[], span: Span): Expr {
  return es.reduce((a, b) => ({ kind: "BinaryExpr", op: "and", left: a, right: b, span }));
}

function filter(t: Translator, rel: Relation, conditions: readonly SqlExpr[]): Relation {
  const scope: ExprScope = { columns: rel.columns };
  const exprs = conditions.map((c) => whenTrue(translateExpr(t, c, scope)));
  const span = conditions[0]!.span;
  return filtered(t, rel, and(exprs, span), span);
}

/**
 * `rel` filtered by `condition` (WHERE, HAVING, the other conditions beside a row-number bound). A condition on an
 * update stream's key alone keeps or drops a key's every row, and the rows that pass still replace each other. Any
 * other may drop the row that replaces one that passed, which would stay in the result: the filter then reads the
 * stream's changelog (`.flow`'s `changelog`: `-U` the old row, `+U` the new), tests each change, and its result is a
 * changelog with deletions — Flink's filter over UPDATE_BEFORE/UPDATE_AFTER.
 */
function filtered(t: Translator, rel: Relation, condition: Expr, span: Span): Relation {
  const changes = rel.changelog.kind === "upsert" && !readsOnly(condition, rel.changelog.key);
  const ops: Operator[] = changes ? [{ kind: "ChangelogOp", span }, { kind: "FilterOp", condition, span }] : [{ kind: "FilterOp", condition, span }];
  return { ...rel, stream: addStep(t, rel.stream, ops, span), changelog: changes ? { kind: "retract" } : rel.changelog };
}

/** The name a select item gets: its alias, the column it reads, else Flink's `EXPR$i`. */
function itemName(item: SelectExpr, index: number): string {
  if (item.alias !== null) return item.alias.name;
  if (item.expr.kind === "ColumnRef") return item.expr.path.at(-1)!.name;
  return `EXPR$${index}`;
}

interface OutputField {
  readonly name: string;
  readonly value: Expr;
}

/** A `map` producing exactly `fields`, or no step at all when the input already has them in that order. */
function project(t: Translator, rel: Relation, fields: readonly OutputField[], span: Span): string {
  // The stream's record fields in order (columns may share a field: a nexmark view's bid.dateTime and dateTime).
  const present = [...new Set(rel.columns.flatMap((c) => (c.field === null ? [] : [c.field])))];
  const identity = fields.length === present.length && fields.every((f, i) => f.value.kind === "NameExpr" && f.value.name === f.name && present[i] === f.name);
  if (identity) return rel.stream;
  return addStep(t, rel.stream, [{ kind: "MapOp", fields: fields.map((f) => field(f.name, f.value, span)), span }], span);
}

/** Unique field names for output columns: `name`, then `name_1`, `name_2` … (SQL allows duplicate column names). */
export function fieldNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = isFieldName(n) ? n : n.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  });
}

/** The select list as a `map` over `rel` (read through `scope`). */
function selectList(t: Translator, items: readonly (Select["items"][number])[], rel: Relation, scope: ExprScope): Relation {
  const outputs: { name: string; qualifier: string | null; typed: Typed; virtual?: Column["virtual"]; span: Span; rowtime: boolean; hidden?: boolean }[] = [];
  items.forEach((item, i) => {
    if (item.kind === "Star") {
      const qualifier = item.qualifier.length === 0 ? null : item.qualifier.at(-1)!.name;
      const columns = starColumns(scope.columns, qualifier);
      if (qualifier !== null && columns.length === 0) abort(t, "SQL3001", item.span, { name: qualifier, hint: "no table or alias of that name in FROM" });
      for (const c of columns) {
        if (c.virtual !== undefined && c.virtual.kind !== "constant") {
          outputs.push({ name: c.name, qualifier: null, typed: { expr: nullLit(item.span), type: c.type }, virtual: c.virtual, span: item.span, rowtime: false });
          continue;
        }
        const expr = c.virtual?.kind === "constant" ? c.virtual.value : scope.read?.(c, item.span) ?? nameExpr(c.field!, item.span);
        outputs.push({ name: c.name, qualifier: null, typed: { expr, type: c.type, nullable: c.nullable === true }, span: item.span, rowtime: c.field !== null && c.field === rel.rowtime });
      }
      return;
    }
    const name = itemName(item, i);
    // PROCTIME() in a select list declares a processing-time column (Flink's proctime attribute), as in Nexmark's q12 view.
    if (item.expr.kind === "Call" && item.expr.name.length === 1 && item.expr.name[0]!.name.toUpperCase() === "PROCTIME" && item.expr.args.length === 0) {
      outputs.push({ name, qualifier: null, typed: { expr: nullLit(item.span), type: { kind: "timestamp" } }, virtual: { kind: "proctime" }, span: item.span, rowtime: false });
      return;
    }
    const virtual = windowColumnOf(rel, item.expr);
    if (virtual !== undefined) {
      outputs.push({ name, qualifier: null, typed: { expr: nullLit(item.span), type: virtual.type }, virtual: virtual.virtual!, span: item.span, rowtime: false });
      return;
    }
    const typed = translateExpr(t, item.expr, scope);
    const rowtime = rel.rowtime !== null && item.expr.kind === "ColumnRef" && typed.expr.kind === "NameExpr" && typed.expr.name === rel.rowtime;
    outputs.push({ name, qualifier: null, typed, span: item.span, rowtime });
  });
  const real = outputs.filter((o) => o.virtual === undefined);
  // A window TVF's rows keep the fields their windows are assigned by, selected or not (translate-window-columns.ts).
  const carried = rel.window?.assignedBy;
  const carriedAt = carried === undefined ? [] : [carried.time, ...carried.partition].map((f) => {
    const at = real.findIndex((o) => o.typed.expr.kind === "NameExpr" && o.typed.expr.name === f);
    if (at >= 0) return at;
    const span = items[0]?.span ?? { start: 0, end: 0 };
    // why another name: the column is not selected, so the outer query must not find it by its own name
    outputs.push({ name: `__carried_${f}`, qualifier: null, typed: { expr: nameExpr(f, span), type: UNKNOWN_COLUMN }, span, rowtime: false, hidden: true });
    real.push(outputs[outputs.length - 1]!);
    return real.length - 1;
  });
  // An update stream keeps the fields identifying its rows, selected or not: a later aggregate retracts by them.
  if (rel.changelog.kind === "upsert") {
    for (const key of rel.changelog.key) {
      if (real.some((o) => o.typed.expr.kind === "NameExpr" && o.typed.expr.name === key && o.name === key)) continue;
      const span = items[0]?.span ?? { start: 0, end: 0 };
      if (real.some((o) => o.name === key)) abort(t, "SQL3006", span, { what: `naming a column \`${key}\` after a key column of this update stream`, hint: "choose another alias" });
      outputs.push({ name: key, qualifier: null, typed: { expr: nameExpr(key, span), type: UNKNOWN_COLUMN }, span, rowtime: false, hidden: true });
      real.push(outputs[outputs.length - 1]!);
    }
  }
  const names = fieldNames(real.map((o) => o.name));
  const span = items[0]?.span ?? { start: 0, end: 0 };
  for (const o of real) if (!isFieldName(o.name) && !o.name.startsWith("EXPR$")) abort(t, "SQL3017", o.span, { name: o.name });
  const stream = project(t, rel, real.map((o, i) => ({ name: names[i]!, value: o.typed.expr })), span);
  let next = 0;
  const columns: Column[] = outputs.map((o) => {
    if (o.virtual !== undefined) return { name: o.name, qualifier: null, field: null, type: o.typed.type, virtual: o.virtual };
    const copied = o.typed.expr.kind === "NameExpr" ? { source: o.typed.expr.name } : {};
    return { name: o.name, qualifier: null, field: names[next++]!, type: o.typed.type, ...copied, ...(o.hidden === true ? { hidden: true } : {}), ...(o.typed.nullable === true ? { nullable: true } : {}) };
  });
  const rowtimeIndex = real.findIndex((o) => o.rowtime);
  const copyOf = (f: string) => columns.find((c) => c.source === f)?.field ?? null;
  const bounds = rel.windowBounds;
  const start = bounds === null ? null : copyOf(bounds.start);
  const end = bounds === null ? null : copyOf(bounds.end);
  const windowBounds = bounds !== null && start !== null && end !== null ? { start, end, sliceMs: bounds.sliceMs } : null;
  const window = rel.window === null || carried === undefined ? rel.window : { ...rel.window, assignedBy: { time: names[carriedAt[0]!]!, partition: carriedAt.slice(1).map((i) => names[i]!) } };
  // The update key by its fields after the map: each key field's first copy, as `.flow` follows a renamed update key.
  const keyAfter = (k: string) => names[real.findIndex((o) => o.typed.expr.kind === "NameExpr" && o.typed.expr.name === k)]!;
  const changelog: Relation["changelog"] = rel.changelog.kind === "upsert" && stream !== rel.stream ? { kind: "upsert", key: rel.changelog.key.map(keyAfter) } : rel.changelog;
  return { stream, columns, rowtime: rowtimeIndex < 0 ? null : names[rowtimeIndex]!, window, windowBounds, changelog };
}

/** A window TVF's window_start/end/time column read as is (kept virtual until the GROUP BY). */
function windowColumnOf(rel: Relation, e: SqlExpr): Column | undefined {
  if (rel.window === null || e.kind !== "ColumnRef") return undefined;
  const r = resolveColumn(rel.columns, e.path.map((p) => p.name));
  return r.kind === "column" && r.column.virtual?.kind === "window" && r.rest.length === 0 ? r.column : undefined;
}

// ───────────────────────────── FROM ─────────────────────────────

interface FromResult {
  readonly relation: Relation;
  /** WHERE conjuncts not consumed by the FROM (a nexmark view's event_type filter, join conditions of comma joins). */
  readonly remaining: SqlExpr[];
}

export function translateFrom(t: Translator, ref: NonNullable<Select["from"]>, where: SqlExpr[]): FromResult {
  switch (ref.kind) {
    case "TableName": return translateTableName(t, ref, where);
    case "DerivedTable": {
      if (ref.lateral) abort(t, "SQL3006", ref.span, { what: "LATERAL", hint: "" });
      const rel = translateQuery(t, ref.query);
      return { relation: aliased(t, rel, ref.alias), remaining: where };
    }
    case "TableFunction": return { relation: aliased(t, translateWindowTvf(t, ref as TableFunction), ref.alias), remaining: where };
    case "Join": return translateJoin(t, ref, where);
    case "Unnest": abort(t, "SQL3006", ref.span, { what: "UNNEST on its own", hint: "unnest a table's array: FROM t CROSS JOIN UNNEST(t.arr) AS u(x)" });
    case "MatchRecognize": return { relation: aliased(t, translateMatchRecognize(t, ref), ref.alias), remaining: where };
  }
}

function aliased(t: Translator, rel: Relation, alias: TableAlias | null): Relation {
  if (alias === null) return rel;
  return renameColumns(t, { ...rel, columns: requalify(rel.columns, alias.name.name) }, alias.columns, alias.name.name);
}

function renameColumns(t: Translator, rel: Relation, names: readonly { name: string; span: Span }[] | null, qualifier: string): Relation {
  if (names === null) return { ...rel, columns: requalify(rel.columns, qualifier) };
  const visible = rel.columns.filter((c) => c.hidden !== true);
  if (names.length !== visible.length) abort(t, "SQL3010", names[0]?.span ?? { start: 0, end: 0 }, { actual: String(visible.length), table: qualifier, expected: String(names.length) });
  return { ...rel, columns: visible.map((c, i) => ({ ...c, name: names[i]!.name, qualifier })) };
}

function translateTableName(t: Translator, ref: TableName, where: SqlExpr[]): FromResult {
  if (ref.asOf !== null) abort(t, "SQL3006", ref.asOf.span, { what: "FOR SYSTEM_TIME AS OF (temporal joins)", hint: "" });
  const name = lastName(ref.name);
  const qualifier = ref.alias?.name.name ?? name;
  const known = ref.name.length === 1 ? t.job.relations.get(name) : undefined;
  if (known !== undefined) return { relation: aliased(t, { ...known, columns: requalify(known.columns, name) }, ref.alias), remaining: where };
  const entry = t.catalog.lookup(ref.name);
  if (entry === undefined) {
    const names = [...t.catalog.relations.keys(), ...t.job.relations.keys()];
    abort(t, "SQL3001", ref.span, { name: ref.name.map((n) => n.name).join("."), hint: names.length === 0 ? "declare it with CREATE TABLE … WITH ('connector' = …) or CREATE VIEW" : `the tables and views: ${names.join(", ")}` });
  }
  if (entry.kind === "view") {
    let rel = t.job.relations.get(`view:${name}`);
    if (rel === undefined) {
      rel = renameColumns(t, translateQuery(t, entry.decl.query), entry.decl.columns, name);
      t.job.relations.set(`view:${name}`, rel);
    }
    return { relation: aliased(t, { ...rel, columns: requalify(rel.columns, name) }, ref.alias), remaining: where };
  }
  const read = translateTable(t, entry, qualifier, where, ref.span);
  return { relation: ref.alias === null ? read.relation : aliased(t, read.relation, ref.alias), remaining: read.remaining };
}

// ───────────────────────────── joins ─────────────────────────────

function translateJoin(t: Translator, j: Join, where: SqlExpr[]): FromResult {
  if (j.right.kind === "TableName" && j.right.asOf !== null) {
    const from = translateFrom(t, j.left, where);
    const leftFrom = { ...from, relation: withWindowColumns(t, from.relation) };
    return asOfEventTime(leftFrom.relation, j.right.asOf) ? translateTemporalJoin(t, j, j.right, leftFrom) : translateLookupJoin(t, j, j.right, leftFrom);
  }
  if (isUnnestJoin(j)) return translateUnnestJoin(t, j, where);
  if (j.joinType === "CROSS") abort(t, "SQL3006", j.span, { what: "CROSS JOIN", hint: "join on an equality of the two sides' columns (JOIN … ON)" });
  const outer = OUTER_KINDS[j.joinType];
  if (j.natural || j.using !== null) abort(t, "SQL3006", j.span, { what: "NATURAL JOIN and JOIN … USING", hint: "write the equality in ON" });
  const leftFrom = translateFrom(t, j.left, where);
  const rightFrom = translateFrom(t, j.right, leftFrom.remaining);
  let remaining = rightFrom.remaining;
  const left = withWindowColumns(t, leftFrom.relation);
  const right = withWindowColumns(t, rightFrom.relation);
  // Conjuncts of WHERE that read only one side filter that side before the join; those reading both are the join's.
  const both = [...left.columns, ...right.columns];
  const reads = (e: SqlExpr, cols: readonly Column[]) => columnRefs(e).every((p) => resolveColumn(cols, p).kind === "column" && resolveColumn(both, p).kind === "column");
  const on = conjuncts(j.on);
  const joinConditions: SqlExpr[] = [...on];
  const leftOnly: SqlExpr[] = [];
  const rightOnly: SqlExpr[] = [];
  const rest: SqlExpr[] = [];
  // why: WHERE applies after an outer join's padding (a right-side test drops padded rows), so none of it joins or moves
  // why not before an update stream: a filter would drop some of its updates, and the join could no longer take a
  // replaced row out; in the join's condition it tests the pairs instead
  for (const c of outer === undefined ? remaining : []) {
    const refs = columnRefs(c);
    if (refs.length > 0 && reads(c, left.columns) && left.changelog.kind !== "upsert") leftOnly.push(c);
    else if (refs.length > 0 && reads(c, right.columns) && right.changelog.kind !== "upsert") rightOnly.push(c);
    else if (refs.length > 0 && refs.every((p) => resolveColumn(both, p).kind === "column")) joinConditions.push(c);
    else rest.push(c);
  }
  if (outer === undefined) remaining = rest;
  const l = leftOnly.length > 0 ? filter(t, left, leftOnly) : left;
  const r = rightOnly.length > 0 ? filter(t, right, rightOnly) : right;
  if (joinConditions.length === 0) abort(t, "SQL3006", j.span, { what: "a join without a condition (cross join)", hint: "join on an equality of the two sides' columns" });
  // An update stream joins through its changelog (the `.flow` join turns it into one first, Flink's
  // ChangelogNormalize), and a changelog with deletions as it is: a replaced or deleted row deletes its pairs.
  const changes = l.changelog.kind !== "insert-only" || r.changelog.kind !== "insert-only";
  const alias = "__r";
  const rightColumns = new Set(r.columns);
  const scope: ExprScope = { columns: [...l.columns, ...r.columns], read: (c, span) => (rightColumns.has(c) ? fieldAccess(alias, c.field!, span) : nameExpr(c.field!, span)) };
  const translated = joinConditions.map((c) => keyEquality(c, l, r, alias) ?? whenTrue(translateExpr(t, c, scope)));
  const condition = and(translated, j.span);
  // Two window aggregations' rows joined on the same window (equal window ends): a window join, whose state ends with
  // the window, instead of a regular join that keeps every row (Flink plans Nexmark's q5 and q8 so).
  const lb = l.windowBounds;
  const rb = r.windowBounds;
  const sameWindow = lb !== null && rb !== null && lb.sliceMs === rb.sliceMs && translated.some((c) => equates(c, lb.end, alias, rb.end));
  const window = sameWindow ? windowAssigner({ assigner: "tumbling", durations: [lb.sliceMs], processing: false, span: j.span }, j.span) : null;
  // Both time attributes bounding each other by constants: an interval join (Flink's rule), whose rows leave its state.
  const interval = sameWindow ? null : intervalJoinBounds(t, joinConditions, l, r);
  if (interval !== null && interval.lower > interval.upper) abort(t, "SQL3021", j.on?.span ?? j.span, { lower: String(interval.lower), upper: String(interval.upper) });
  const between = interval === null ? null : { lower: durationLit(interval.lower, j.span), upper: durationLit(interval.upper, j.span) };
  const op: Operator = { kind: "JoinOp", stream: ident(r.stream, j.span), alias: ident(alias, j.span), on: condition, window, between, unbounded: !sameWindow && interval === null, temporal: false, span: j.span };
  const joined = addStep(t, l.stream, [outer === undefined ? op : { ...op, outer }], j.span);
  const leftPadded = outer === "right" || outer === "full";
  const { stream, columns } = flattenJoin(t, joined, l, r, alias, { left: leftPadded, right: outer === "left" || outer === "full" }, j.span);
  // A regular join's output has no time attribute (Flink: it cannot bound the rows' lateness). An interval join's rows
  // carry max(left, right) time as their timestamp, which no column holds: Eddy has no time attribute for it either.
  // A regular outer join deletes a padded row once its match arrives (its records say which change each is).
  const changelog: Relation["changelog"] = changes || (outer !== undefined && !sameWindow && interval === null) ? { kind: "retract" } : { kind: "insert-only" };
  return { relation: { stream, columns, rowtime: null, window: null, windowBounds: sameWindow && !leftPadded ? lb : null, changelog }, remaining };
}

/** The `.flow` prefix of each SQL outer join. */
const OUTER_KINDS: Readonly<Partial<Record<Join["joinType"], OuterJoinKind>>> = { LEFT: "left", RIGHT: "right", FULL: "full" };

/** `left == alias.right` or `alias.right == left` (a `.flow` join condition on plain fields). */
function equates(e: Expr, left: string, alias: string, right: string): boolean {
  if (e.kind !== "BinaryExpr" || e.op !== "==") return false;
  const isLeft = (x: Expr) => x.kind === "NameExpr" && x.name === left;
  const isRight = (x: Expr) => x.kind === "FieldAccess" && x.object.kind === "NameExpr" && x.object.name === alias && x.field.name === right;
  return (isLeft(e.left) && isRight(e.right)) || (isRight(e.left) && isLeft(e.right));
}

/** The column paths an expression reads (not inside subqueries). */
export function columnRefs(e: SqlExpr, out: string[][] = []): string[][] {
  if (e.kind === "ColumnRef") out.push(e.path.map((p) => p.name));
  else forEachChild(e, (c) => columnRefs(c, out));
  return out;
}


// ───────────────────────────── GROUP BY ─────────────────────────────

interface GroupKey {
  readonly text: string;
  readonly field: string;
  readonly type: ColumnType;
  /** The column it reads, when the key is a plain column (it stays readable by name after the aggregation). */
  readonly column: Column | null;
  readonly nullable: boolean;
}

function translateAggregation(t: Translator, s: Select, input: Relation, calls: readonly Call[]): Relation {
  const span = s.groupBy[0]?.span ?? calls[0]?.span ?? s.span;
  let rel = input;
  let window = rel.window;
  let groupWindow = false;
  const keys: GroupKey[] = [];
  const computed: RecordFieldInit[] = [];
  let windowStart = false;
  let windowEnd = false;
  const seen = new Set<string>();
  // The texts of the window_start and window_end the query groups by (for the grouping sets, which must hold them)
  const windowBoundTexts = new Set<string>();
  for (const g of s.groupBy) {
    const text = printExpr(g);
    // why: the grouping sets list their expressions set by set, repeats included; each is one key
    if (s.groupingSets !== null && seen.has(text)) continue;
    seen.add(text);
    const legacy = groupWindowOf(t, g, rel);
    if (legacy !== null) {
      if (window !== null) abort(t, "SQL3013", g.span, { problem: "a query aggregates in one window", hint: "remove the second window" });
      window = legacy;
      groupWindow = true;
      continue;
    }
    if (g.kind === "ColumnRef") {
      const r = resolveColumn(rel.columns, g.path.map((p) => p.name));
      if (r.kind === "column" && r.column.virtual?.kind === "window") {
        if (r.column.virtual.bound === "start") windowStart = true;
        else if (r.column.virtual.bound === "end") windowEnd = true;
        else abort(t, "SQL3013", g.span, { problem: "a window aggregation groups by window_start and window_end, not window_time", hint: "GROUP BY window_start, window_end" });
        windowBoundTexts.add(text);
        continue;
      }
      if (r.kind === "column" && r.rest.length === 0 && r.column.field !== null) {
        keys.push({ text, field: r.column.field, type: r.column.type, column: r.column, nullable: r.column.nullable === true });
        continue;
      }
    }
    const typed = translateExpr(t, g, { columns: rel.columns });
    const name = `__k${keys.length}`;
    computed.push(field(name, typed.expr, g.span));
    keys.push({ text, field: name, type: typed.type, column: null, nullable: typed.nullable === true });
  }
  // Grouped again by both bounds of an earlier window aggregation: the same window, one level up (see windowBounds).
  const bounds = rel.windowBounds;
  const cascade = window === null && bounds !== null && keys.some((k) => k.field === bounds.start) && keys.some((k) => k.field === bounds.end);
  if (cascade) window = { assigner: "tumbling", durations: [bounds.sliceMs], processing: false, span };
  if (window !== null && !groupWindow && !cascade && !(windowStart && windowEnd)) {
    abort(t, "SQL3013", span, { problem: "a window TVF's rows are aggregated per window: GROUP BY both window_start and window_end", hint: "add window_start, window_end to GROUP BY" });
  }
  if (s.groupingSets !== null && (groupWindow || cascade)) {
    abort(t, "SQL3006", span, {
      what: `GROUPING SETS, ROLLUP or CUBE in ${groupWindow ? "a group window (TUMBLE(…) in GROUP BY)" : "an aggregation of an earlier window aggregation's windows"}`,
      hint: "aggregate the rows of a window TVF: GROUP BY window_start, window_end, ROLLUP(…)",
    });
  }
  const sets = s.groupingSets === null ? null : groupingSetsOf(t, s.groupingSets, keys, freshField(rel, "__e"), span, windowBoundTexts);
  // why other fields for the keys a set leaves out: they are NULL in that set's copies, but an aggregate of the same
  // column (MAX(b) beside GROUP BY CUBE(a, b)) reads its value (Calcite's Expand keeps both)
  const sources = keys.map((k) => k.field);
  if (sets !== null) keys.forEach((k, i) => { if (nulledKey(sets, i)) keys[i] = { ...k, field: freshField(rel, `__gk${i}`), nullable: true }; });
  const ops: Operator[] = [];
  // why the changelog first: each row of an update stream is copied into every set, and its successor must take each copy back
  if (sets !== null && rel.changelog.kind === "upsert") ops.push({ kind: "ChangelogOp", span });
  if (computed.length > 0) ops.push({ kind: "ExtendOp", fields: computed, span });
  if (sets !== null) ops.push(...expandOps(sets, keys.map((k, i) => ({ field: k.field, source: sources[i]! })), span));
  // A global aggregate (no GROUP BY): one group, keyed by a constant.
  const global = keys.length === 0 && window === null && sets === null ? freshField(rel, GLOBAL_KEY) : null;
  if (sets !== null) ops.push({ kind: "KeyByOp", keys: [...keys.map((k) => nameExpr(k.field, span)), nameExpr(sets.field, span)], span });
  else if (keys.length > 0) ops.push({ kind: "KeyByOp", keys: keys.map((k) => nameExpr(k.field, span)), span });
  else if (global !== null) {
    ops.push({ kind: "ExtendOp", fields: [field(global, numberLit(0, span))], span });
    ops.push({ kind: "KeyByOp", keys: [nameExpr(global, span)], span });
  }
  if (window !== null) ops.push({ kind: "WindowOp", assigner: windowAssigner(window, span), trigger: null, allowedLateness: null, lateTo: null, span });
  // One aggregate field per distinct call.
  const aggregateFields = new Map<string, { field: string; type: ColumnType; truncate: boolean; nullable: boolean }>();
  const inits: RecordFieldInit[] = [];
  const preScope: ExprScope = { columns: rel.columns };
  for (const c of calls) {
    const text = printExpr(c);
    if (aggregateFields.has(text)) continue;
    const name = `__a${aggregateFields.size}`;
    const agg = aggregateCall(t, c, preScope);
    inits.push(field(name, agg.expr, c.span));
    aggregateFields.set(text, { field: name, type: agg.type, truncate: agg.truncate, nullable: agg.nullable });
  }
  const newBounds = window !== null && !cascade;
  if (newBounds) {
    inits.push(field("__ws", fieldAccess("window", "start", span)));
    inits.push(field("__we", fieldAccess("window", "end", span)));
  }
  ops.push({ kind: "AggregateOp", fields: inits, span });
  // why a changelog: the set number identifies a row with its keys but is no column, so the rows are not an update
  // stream a client could apply by its visible key; Flink's result of grouping sets is a retract changelog too (a
  // window aggregation's is insert-only: each window's row per set is final)
  if (sets !== null && window === null) ops.push({ kind: "ChangelogOp", span });
  rel = { ...rel, stream: addStep(t, rel.stream, ops, span) };
  // After the aggregation: the keys (NULL in the rows of sets without them), the aggregates and the window bounds.
  const columns: Column[] = keys.map((k) => ({
    name: k.column?.name ?? k.field, qualifier: k.column?.qualifier ?? null, field: k.field, type: k.type, hidden: k.column === null,
    nullable: k.nullable,
  }));
  if (sets !== null) columns.push({ name: sets.field, qualifier: null, field: sets.field, type: INT_COLUMN, hidden: true });
  if (newBounds) {
    const windowColumns = input.columns.filter((c) => c.virtual?.kind === "window");
    for (const c of windowColumns) {
      const bound = (c.virtual as { bound: string }).bound;
      if (bound === "time") columns.push({ ...c, hidden: true });
      else columns.push({ name: c.name, qualifier: c.qualifier, field: bound === "start" ? "__ws" : "__we", type: c.type });
    }
  }
  const byText = new Map(keys.map((k) => [k.text, k]));
  const scope: ExprScope = {
    columns,
    replace: (e) => {
      if (isGroupingCall(e)) return { expr: groupingValue(t, e as Call, keys, sets), type: INT_COLUMN };
      if (groupWindow) {
        const bound = groupWindowBound(e);
        if (bound !== null) return { expr: bound === "start" ? nameExpr("__ws", e.span) : nameExpr("__we", e.span), type: { kind: "timestamp" } };
      }
      const text = printExpr(e);
      const agg = aggregateFields.get(text);
      if (agg !== undefined && isAggregateCall(e)) {
        const read: Typed = { expr: nameExpr(agg.field, e.span), type: agg.type, nullable: agg.nullable };
        if (!agg.truncate) return read;
        return { ...nullSafe([read], ([v]) => call("toInt", [v!], e.span), e.span), type: INT_COLUMN };
      }
      const key = byText.get(text);
      if (key !== undefined && e.kind !== "ColumnRef") return { expr: nameExpr(key.field, e.span), type: key.type, nullable: key.nullable };
      if (e.kind === "ColumnRef") {
        const path = e.path.map((p) => p.name);
        if (resolveColumn(columns, path).kind === "unknown" && resolveColumn(input.columns, path).kind === "column") {
          abort(t, "SQL3012", e.span, { name: path.join(".") });
        }
      }
      return undefined;
    },
  };
  // why retract over a changelog with deletions: a group can lose its last row, and its row is then deleted (-D); and
  // over an update stream grouped by other columns than its key: `.flow` turns it into such a changelog first
  // (ChangelogNormalize), since a row's successor may belong to another group
  const upsertIn = input.changelog.kind === "upsert" ? input.changelog : null;
  const regroups = upsertIn !== null && (global !== null || !keys.every((k) => upsertIn.key.includes(k.field)));
  // why the constant in the update key of a global aggregate: its one row stays an update stream with a key through
  // projections (which carry it hidden), so that a filter, join or aggregate reading it can take the row back
  const updateKey = global !== null ? [global] : keys.map((k) => k.field);
  const changelog: Relation["changelog"] = window !== null ? { kind: "insert-only" } : input.changelog.kind === "retract" || regroups || sets !== null ? { kind: "retract" } : { kind: "upsert", key: updateKey };
  // The bounds the output carries: this aggregation's (__ws, __we), or, cascading, the grouped bound fields.
  const sliceMs = window === null || window.assigner === "session" ? null : window.assigner === "sliding" || window.assigner === "cumulate" ? window.durations[1]! : window.durations[0]!;
  const windowBounds = sliceMs === null ? null : cascade ? { start: bounds!.start, end: bounds!.end, sliceMs } : groupWindow || newBounds ? { start: "__ws", end: "__we", sliceMs } : null;
  let out: Relation = { stream: rel.stream, columns, rowtime: null, window: null, windowBounds, changelog };
  if (s.having !== null) {
    // A group of a running aggregate can stop matching HAVING: its row is then taken back (see `filtered`).
    out = filtered(t, out, whenTrue(translateExpr(t, s.having, scope)), s.having.span);
  }
  const projected = selectList(t, s.items, out, scope);
  return projected;
}

const GROUP_WINDOWS: ReadonlyMap<string, { assigner: WindowTvf["assigner"]; durations: number }> = new Map([
  ["TUMBLE", { assigner: "tumbling", durations: 1 }],
  ["HOP", { assigner: "sliding", durations: 2 }],
  ["SESSION", { assigner: "session", durations: 1 }],
]);

/**
 * Flink's group window functions (`GROUP BY TUMBLE(ts, INTERVAL …)`, `HOP(ts, slide, size)`, `SESSION(ts, gap)`), the
 * older syntax of window aggregation that Nexmark's q11 uses; null when `g` is not one.
 */
function groupWindowOf(t: Translator, g: SqlExpr, rel: Relation): WindowTvf | null {
  if (g.kind !== "Call" || g.over !== null || g.name.length !== 1) return null;
  const name = g.name[0]!.name.toUpperCase();
  const shape = GROUP_WINDOWS.get(name);
  if (shape === undefined) return null;
  if (g.args.length !== 1 + shape.durations) abort(t, "SQL3008", g.span, { name, expected: `${1 + shape.durations} arguments`, actual: String(g.args.length) });
  const time = g.args[0]!;
  const attribute = time.kind === "ColumnRef" ? timeAttributeAt(rel, time.path.map((p) => p.name)) : null;
  if (attribute === null) abort(t, "SQL3013", time.span, { problem: `${name} groups on a time attribute`, hint: "pass the table's WATERMARK column or a PROCTIME() column" });
  const processing = attribute === "processing";
  const ms = g.args.slice(1).map((a) => {
    if (a.kind !== "Interval") abort(t, "SQL3015", a.span, { problem: `${name} takes INTERVAL arguments`, hint: "e.g. INTERVAL '10' SECOND" });
    return intervalMs(t, a);
  });
  // HOP(ts, slide, size) → sliding(size, slide)
  const durations = shape.assigner === "sliding" ? [ms[1]!, ms[0]!] : ms;
  return { assigner: shape.assigner, durations, processing, span: g.span };
}

/** `TUMBLE_START(…)`, `HOP_END(…)`, `SESSION_START(…)` …: which bound of the group window, or null. */
function groupWindowBound(e: SqlExpr): "start" | "end" | null {
  if (e.kind !== "Call" || e.name.length !== 1) return null;
  const m = /^(TUMBLE|HOP|SESSION)_(START|END)$/.exec(e.name[0]!.name.toUpperCase());
  return m === null ? null : m[2] === "START" ? "start" : "end";
}

function windowAssigner(w: NonNullable<Relation["window"]>, span: Span): Extract<Operator, { kind: "WindowOp" }>["assigner"] {
  const durations = w.durations.map((ms) => ({ kind: "Argument" as const, name: null, value: { kind: "DurationLiteral" as const, amount: ms, unit: "ms" as const, value: ms, span }, span }));
  return { kind: "WindowAssigner", name: ident(w.assigner, span), args: durations, processing: w.processing, span };
}

/** An aggregate call as a `.flow` aggregate expression; FILTER (WHERE c) feeds null (skipped) for rows failing c. */
export function aggregateCall(t: Translator, c: Call, scope: ExprScope): { expr: Expr; type: ColumnType; truncate: boolean; nullable: boolean } {
  const name = c.name[0]!.name.toUpperCase();
  const span = c.span;
  const args = c.args.map((a) => {
    if (a.kind === "TableArgument" || a.kind === "NamedArgument") abort(t, "SQL3015", a.span, { problem: `${name} takes a value`, hint: "" });
    if (aggregateCalls(a).length > 0) abort(t, "SQL3006", a.span, { what: "an aggregate inside an aggregate", hint: "aggregate in a subquery first" });
    return translateExpr(t, a, scope);
  });
  const condition = c.filter === null ? null : whenTrue(translateExpr(t, c.filter, scope));
  const guarded = (value: Expr) => (condition === null ? value : ifExpr(condition, value, nullLit(span), span));
  if (name === "COUNT") {
    if (args.length > 1) abort(t, "SQL3008", span, { name: "COUNT", expected: "one argument or *", actual: String(args.length) });
    if (c.distinct) {
      if (args.length !== 1) abort(t, "SQL3015", span, { problem: "COUNT(DISTINCT …) counts the distinct values of one expression", hint: "" });
      return { expr: call("distinctCount", [guarded(args[0]!.expr)], span), type: INT_COLUMN, truncate: false, nullable: false };
    }
    if (c.star || args.length === 0) return { expr: condition === null ? call("count", [], span) : call("count", [guarded(numberLit(1, span))], span), type: INT_COLUMN, truncate: false, nullable: false };
    return { expr: call("count", [guarded(args[0]!.expr)], span), type: INT_COLUMN, truncate: false, nullable: false };
  }
  if (args.length !== 1) abort(t, "SQL3008", span, { name, expected: "one argument", actual: String(args.length) });
  if (c.distinct) abort(t, "SQL3006", span, { what: `${name}(DISTINCT …)`, hint: "COUNT(DISTINCT …) is supported" });
  const arg = args[0]!;
  // NULL for a group (or window) whose rows were all NULL or filtered out
  const nullable = arg.nullable === true || condition !== null;
  const flow = { SUM: "sum", MIN: "min", MAX: "max", AVG: "avg", FIRST_VALUE: "first", LAST_VALUE: "last" }[name]!;
  const expr = call(flow, [guarded(arg.expr)], span);
  // why truncate: Flink's AVG of an integer column is an integer (the sum divided as integers)
  if (name === "AVG") return { expr, type: arg.type.kind === "int" ? INT_COLUMN : { kind: "float" }, truncate: arg.type.kind === "int", nullable };
  return { expr, type: arg.type.kind === "unknown" ? UNKNOWN_COLUMN : arg.type, truncate: false, nullable };
}

// ───────────────────────────── top-N ─────────────────────────────

export interface RowNumberFilter {
  /** The inner SELECT computing ROW_NUMBER(). */
  readonly inner: Select;
  readonly item: SelectExpr & { expr: Call };
  readonly alias: TableAlias | null;
  /** Rows kept per partition. */
  readonly count: number;
  /** WHERE conjuncts of the outer query other than the row-number bound. */
  readonly others: SqlExpr[];
}

/** `SELECT … FROM (SELECT …, ROW_NUMBER() OVER (…) AS rn FROM …) WHERE rn <= N`, or null. */
export function rowNumberFilter(s: Select): RowNumberFilter | null {
  const from = s.from;
  if (from?.kind !== "DerivedTable" || from.query.body.kind !== "Select" || from.query.with.length > 0) return null;
  const inner = from.query.body;
  const item = inner.items.find((i): i is SelectExpr & { expr: Call } => i.kind === "SelectExpr" && i.expr.kind === "Call" && i.expr.over !== null && i.expr.name.length === 1 && i.expr.name[0]!.name.toUpperCase() === "ROW_NUMBER");
  if (item === undefined || item.alias === null) return null;
  const rn = item.alias.name;
  let count: number | null = null;
  const others: SqlExpr[] = [];
  for (const c of conjuncts(s.where)) {
    const bound = c.kind === "Binary" && c.left.kind === "ColumnRef" && c.left.path.at(-1)!.name === rn && c.right.kind === "Number" ? { op: c.op, n: Number(c.right.text) } : null;
    if (bound !== null && count === null && Number.isSafeInteger(bound.n)) {
      if (bound.op === "<=" || bound.op === "=") count = bound.op === "=" && bound.n !== 1 ? null : bound.n;
      else if (bound.op === "<") count = bound.n - 1;
      if (count !== null) continue;
    }
    others.push(c);
  }
  return count === null ? null : { inner, item, alias: from.alias, count, others };
}

function translateTopN(t: Translator, outer: Select, f: RowNumberFilter): Relation {
  const over = f.item.expr.over!;
  if (f.count < 1) abort(t, "SQL3015", f.item.span, { problem: "the row-number bound keeps no row", hint: "filter on row_num <= N with N ≥ 1" });
  if (over.orderBy.length === 0) abort(t, "SQL3015", over.span, { problem: "ROW_NUMBER() needs ORDER BY in its OVER clause", hint: "" });
  const inner = f.inner;
  let where = conjuncts(inner.where);
  const from = translateFrom(t, inner.from!, where);
  let rel = withWindowColumns(t, from.relation);
  where = from.remaining;
  if (where.length > 0) rel = filter(t, rel, where);
  if (inner.groupBy.length > 0 || inner.items.some((i) => i.kind === "SelectExpr" && aggregateCalls(i.expr).length > 0)) {
    abort(t, "SQL3006", inner.span, { what: "ROW_NUMBER() over an aggregation in the same SELECT", hint: "aggregate in a subquery and rank its rows" });
  }
  // Over rows that change, `.flow`'s running top keeps every present row (an update stream turned into its changelog
  // first) and its result is a changelog with deletions — while the update stream still says which row each replaces.
  const changes = rel.changelog.kind !== "insert-only";
  // keyBy the partition, `top N by` the order, then the inner select list (without the row number) and the outer query.
  const scope: ExprScope = { columns: rel.columns };
  const ops: Operator[] = [];
  const computed: RecordFieldInit[] = [];
  // the fields the steps add for the partition: hidden columns of the result (see where `rel` is rebuilt below)
  const added: Column[] = [];
  const keys = over.partitionBy.map((p, i) => {
    const typed = translateExpr(t, p, scope);
    if (typed.expr.kind === "NameExpr") return typed.expr;
    computed.push(field(`__p${i}`, typed.expr, p.span));
    added.push({ name: `__p${i}`, qualifier: null, field: `__p${i}`, type: typed.type, hidden: true });
    return nameExpr(`__p${i}`, p.span);
  });
  if (computed.length > 0) ops.push({ kind: "ExtendOp", fields: computed, span: over.span });
  // Without PARTITION BY, one partition keyed by a constant (carried hidden, as the update key's part).
  if (keys.length === 0) {
    const g = freshField(rel, GLOBAL_KEY);
    ops.push({ kind: "ExtendOp", fields: [field(g, numberLit(0, over.span))], span: over.span });
    added.push({ name: g, qualifier: null, field: g, type: INT_COLUMN, hidden: true });
    keys.push(nameExpr(g, over.span));
  }
  ops.push({ kind: "KeyByOp", keys, span: over.span });
  const order = orderKeys(t, over.orderBy, scope);
  // why the row number's alias as the rank's field (`top … as name`): the projection after the top then passes the
  // rows on as they are instead of copying each one to rename `rank` (q19: 0.69 of the .flow query's throughput)
  const rankField = freshField(rel, f.item.alias!.name);
  ops.push({ kind: "TopOp", count: { kind: "IntLiteral", value: f.count, raw: String(f.count), span: f.item.span }, by: order[0]!.by, descending: order[0]!.descending, then: order.slice(1), rank: ident(rankField, f.item.alias!.span), span: over.span });
  // A running `top` emits upserts on (key, rank), its row number in the rank field (docs/language.md); the
  // projections after it carry those fields, selected or not (selectList), so its rows stay an update stream.
  const partition = keys.map((k) => k.name);
  const changelog: Relation["changelog"] = changes ? { kind: "retract" } : { kind: "upsert", key: f.count === 1 ? partition : [...partition, rankField] };
  // hidden: the inner `*` means the input's columns; the row number is selected by its alias
  const rankColumn: Column = { name: f.item.alias!.name, qualifier: null, field: rankField, type: INT_COLUMN, hidden: true };
  // the partition fields the steps added are columns too (hidden), so that the projections after the top know every
  // field its rows have: an identity projection is no step (see project)
  rel = { ...rel, stream: addStep(t, rel.stream, ops, over.span), columns: [...rel.columns, ...added, rankColumn], rowtime: null, windowBounds: null, changelog };
  const items = inner.items.map((i) => (i === f.item ? { kind: "SelectExpr" as const, expr: { kind: "ColumnRef" as const, path: [f.item.alias!], span: i.span }, alias: f.item.alias, span: i.span } : i));
  let result = aliased(t, selectList(t, items, rel, { columns: rel.columns }), f.alias);
  if (f.others.length > 0) result = filter(t, result, f.others);
  return selectList(t, outer.items, result, { columns: result.columns });
}
