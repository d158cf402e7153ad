// `JOIN r FOR SYSTEM_TIME AS OF l.rowtime AS v ON l.k = v.k …` (and LEFT JOIN): Flink's event-time temporal join. The
// right side is a versioned table — a table with a PRIMARY KEY and a WATERMARK, or a view keeping the last row per key
// by event time, whose rows are versions of their key from their event time on — and each left row joins the version current at its event time: the `.flow` step
// `join r as __r on … temporal` (`left join` for LEFT JOIN), then a map flattening the version's columns beside the
// left ones. The left side keeps its time attribute, as in Flink.
import type { ColumnRef, Expr as SqlExpr, Join, Query, Select, TableName } from "./ast.js";
import { lastName } from "./catalog.js";
import { fieldAccess, ident, nameExpr } from "./flow-nodes.js";
import { flattenJoin } from "./flatten-join.js";
import { keyEquality } from "./join-key.js";
import { changingRows, requalify, resolveColumn, type Relation } from "./relation.js";
import { primaryKeyOf } from "./translate-external-connectors.js";
import { translateExpr, whenTrue, type ExprScope } from "./translate-expression.js";
import { and, conjuncts, rowNumberFilter, translateQuery } from "./translate-query.js";
import { translateTable } from "./translate-table.js";
import { abort, addStep, type Translator } from "./translator.js";

/** The field of the join's output holding the version (until the map flattens it). */
const ALIAS = "__r";

export function translateTemporalJoin(t: Translator, j: Join, ref: TableName, leftFrom: { relation: Relation; remaining: SqlExpr[] }): { relation: Relation; remaining: SqlExpr[] } {
  const left = leftFrom.relation;
  if (j.joinType !== "INNER" && j.joinType !== "LEFT") {
    abort(t, "SQL3040", j.span, { what: `a ${j.joinType} JOIN … FOR SYSTEM_TIME AS OF: a temporal join keeps only the left side's rows`, hint: "write JOIN or LEFT JOIN with the versioned table on the right (as in Flink)" });
  }
  if (j.natural || j.using !== null) abort(t, "SQL3040", j.span, { what: "a temporal join with NATURAL or USING", hint: "write the key equality in ON" });
  if (left.changelog.kind !== "insert-only") abort(t, "SQL3040", j.span, { what: `a temporal join of ${changingRows(left)}`, hint: "join before aggregating" });
  const qualifier = ref.alias?.name.name ?? lastName(ref.name);
  const { relation: right, key } = versionedSide(t, ref, qualifier);

  // ON: the key equalities (left column = versioned column) key the join; every primary-key column must be among
  // them, as Flink requires; the other conjuncts test the current version. WHERE stays after the join: filtering the
  // versioned side first would change which version is current.
  const on = conjuncts(j.on);
  const rightColumns = new Set(right.columns);
  const scope: ExprScope = { columns: [...left.columns, ...right.columns], read: (c, span) => (rightColumns.has(c) ? fieldAccess(ALIAS, c.field!, span) : nameExpr(c.field!, span)) };
  const keys = on.map((c) => keyEquality(c, left, right, ALIAS));
  const equated = new Set(on.flatMap((c, i) => (keys[i] === undefined ? [] : rightColumnsOf(c, right))));
  const missing = key.filter((k) => !equated.has(k));
  if (missing.length > 0) {
    abort(t, "SQL3040", j.on?.span ?? j.span, { what: `the versioned table's primary key (${key.join(", ")}) must be equated with the left side in ON; ${missing.join(", ")} is not`, hint: `e.g. ON l.${missing[0]} = ${qualifier}.${missing[0]}` });
  }
  const condition = and(on.map((c, i) => keys[i] ?? whenTrue(translateExpr(t, c, scope))), j.span);
  const outer = j.joinType === "LEFT";
  const op = { kind: "JoinOp" as const, stream: ident(right.stream, j.span), alias: ident(ALIAS, j.span), on: condition, window: null, between: null, unbounded: false, temporal: true, span: j.span };
  const joined = addStep(t, left.stream, [outer ? { ...op, outer: "left" as const } : op], j.span);
  const { stream, columns } = flattenJoin(t, joined, left, right, ALIAS, { left: false, right: outer }, j.span);
  // The output rows carry their left row's time and are on time: the left side's time attribute stays one.
  return { relation: { stream, columns, rowtime: left.rowtime, window: null, windowBounds: null, changelog: left.changelog }, remaining: leftFrom.remaining };
}

/**
 * The versioned side's rows (each a version of its key from its event time on) and its key: a table with a PRIMARY KEY
 * and a WATERMARK, or a versioned view — a view keeping the last row per key by event time (Flink's form, below).
 */
function versionedSide(t: Translator, ref: TableName, qualifier: string): { relation: Relation; key: readonly string[] } {
  const name = lastName(ref.name);
  const entry = t.catalog.lookup(ref.name);
  const at = ref.name.at(-1)!.span;
  const notVersioned = (what: string, hint: string): never => abort(t, "SQL3040", at, { what: `\`${name}\` ${what}`, hint });
  if (entry === undefined) return notVersioned("is not a table or view", "declare the versioned side: CREATE TABLE … (…, PRIMARY KEY (k) NOT ENFORCED, WATERMARK FOR ts AS …)");
  if (entry.kind === "view") {
    const view = versionedView(t, entry.decl.query, qualifier);
    if (view === null) {
      return notVersioned("is a view that keeps no last row per key by event time", "a versioned view is SELECT … FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rownum FROM t) WHERE rownum = 1, ts an event-time attribute (as in Flink)");
    }
    return view;
  }
  const key = primaryKeyOf(entry);
  if (key.length === 0) return notVersioned("has no PRIMARY KEY: a versioned table's rows are versions of their primary key", "declare PRIMARY KEY (k) NOT ENFORCED on the table (Flink requires it too)");
  const relation = translateTable(t, entry, qualifier, [], ref.span).relation;
  if (relation.rowtime === null) return notVersioned("has no event-time attribute: an event-time temporal join orders its versions by it", "declare WATERMARK FOR ts AS ts - INTERVAL 'n' SECOND on the table");
  return { relation, key };
}

/**
 * Flink's versioned view, `SELECT … FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rownum FROM
 * t) WHERE rownum = 1` with `ts` an event-time attribute: deduplicating on k and keeping the last row makes every row of
 * t a new version of its k. Its versions are therefore the same query without the deduplication; its key is k (which
 * the select list must keep, with ts). Null for any other view.
 */
function versionedView(t: Translator, query: Query, qualifier: string): { relation: Relation; key: readonly string[] } | null {
  if (query.with.length > 0 || query.orderBy.length > 0 || query.limit !== null || query.offset !== null || query.body.kind !== "Select") return null;
  const outer = query.body;
  const f = rowNumberFilter(outer);
  const over = f?.item.expr.over;
  if (f === null || over == null || f.count !== 1 || f.others.length > 0 || outer.groupBy.length > 0 || outer.from?.kind !== "DerivedTable") return null;
  const order = over.orderBy;
  if (order.length !== 1 || !order[0]!.descending || order[0]!.expr.kind !== "ColumnRef" || over.partitionBy.length === 0) return null;
  const keyColumns = over.partitionBy.map((p) => (p.kind === "ColumnRef" ? p.path.at(-1)!.name : null));
  if (keyColumns.some((k) => k === null)) return null;
  const inner: Select = { ...f.inner, items: f.inner.items.filter((i) => i !== f.item) };
  const versions: Query = { ...query, body: { ...outer, where: null, from: { ...outer.from, query: { ...outer.from.query, body: inner } } } };
  const relation = translateQuery(t, versions);
  const time = relation.columns.find((c) => c.field !== null && c.field === relation.rowtime);
  const orderedBy = (order[0]!.expr as ColumnRef).path.at(-1)!.name;
  if (time === undefined || time.name !== orderedBy || !keyColumns.every((k) => relation.columns.some((c) => c.name === k))) return null;
  return { relation: { ...relation, columns: requalify(relation.columns, qualifier) }, key: keyColumns as string[] };
}

/** The names of the versioned table's columns a key equality reads. */
function rightColumnsOf(c: SqlExpr, right: Relation): string[] {
  if (c.kind !== "Binary") return [];
  return [c.left, c.right].flatMap((e) => {
    if (e.kind !== "ColumnRef") return [];
    const r = resolveColumn(right.columns, e.path.map((p) => p.name));
    return r.kind === "column" ? [r.column.name] : [];
  });
}
