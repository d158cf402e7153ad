// `JOIN r FOR SYSTEM_TIME AS OF l.rowtime AS v ON l.k = v.k …` (and LEFT JOIN): Flink's event-time temporal join. The
// right side is a versioned table — a table with a PRIMARY KEY and a WATERMARK, whose rows are versions of their key
// from their event time on — and each left row joins the version current at its event time: the `.flow` step
// `join r as __r on … temporal` (`left join` for LEFT JOIN), then a map flattening the version's columns beside the
// left ones. The left side keeps its time attribute, as in Flink.
import type { Expr as SqlExpr, Join, TableName } from "./ast.js";
import { lastName } from "./catalog.js";
import { fieldAccess, ident, nameExpr } from "./flow-nodes.js";
import { flattenJoin } from "./flatten-join.js";
import { keyEquality } from "./join-key.js";
import { resolveColumn, type Relation } from "./relation.js";
import { primaryKeyOf } from "./translate-external-connectors.js";
import { translateExpr, whenTrue, type ExprScope } from "./translate-expression.js";
import { and, conjuncts } from "./translate-query.js";
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
  if (left.changelog.kind === "upsert") abort(t, "SQL3040", j.span, { what: "a temporal join of an update stream (the result of a GROUP BY without window, or of a top-N)", hint: "join before aggregating" });
  const name = lastName(ref.name);
  const entry = t.catalog.lookup(ref.name);
  const at = ref.name.at(-1)!.span;
  if (entry === undefined || entry.kind !== "table") {
    const what = entry === undefined ? `\`${name}\` is not a table` : `\`${name}\` is a view`;
    abort(t, "SQL3040", at, { what: `${what}: Eddy's versioned tables are tables with a PRIMARY KEY and a WATERMARK`, hint: "declare the versioned side as a table: CREATE TABLE … (…, PRIMARY KEY (k) NOT ENFORCED, WATERMARK FOR ts AS …)" });
  }
  const key = primaryKeyOf(entry);
  if (key.length === 0) {
    abort(t, "SQL3040", at, { what: `\`${name}\` has no PRIMARY KEY: a versioned table's rows are versions of their primary key`, hint: "declare PRIMARY KEY (k) NOT ENFORCED on the table (Flink requires it too)" });
  }
  const qualifier = ref.alias?.name.name ?? name;
  const right = translateTable(t, entry, qualifier, [], ref.span).relation;
  if (right.rowtime === null) {
    abort(t, "SQL3040", at, { what: `\`${name}\` has no event-time attribute: an event-time temporal join orders its versions by it`, hint: "declare WATERMARK FOR ts AS ts - INTERVAL 'n' SECOND on the table" });
  }

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

/** The names of the versioned table's columns a key equality reads. */
function rightColumnsOf(c: SqlExpr, right: Relation): string[] {
  if (c.kind !== "Binary") return [];
  return [c.left, c.right].flatMap((e) => {
    if (e.kind !== "ColumnRef") return [];
    const r = resolveColumn(right.columns, e.path.map((p) => p.name));
    return r.kind === "column" ? [r.column.name] : [];
  });
}
