// A streaming query's ORDER BY and LIMIT/OFFSET, as far as Flink allows them on a stream, from existing `.flow` steps:
//   LIMIT n [OFFSET m], no ORDER BY   the first rows to arrive (Flink's StreamExecLimit: an append-only first-N)
//                                     → `keyBy <constant> | top m+n by 0` (every row ties, so a later row ranks after
//                                       the rows there and never displaces one) + `filter rank > m`: insert-only
//   ORDER BY ts [, e …] LIMIT n       ts the event-time attribute, ascending (Flink's StreamExecSortLimit, a rank over
//                                     the whole stream) → `keyBy <constant> | top m+n by ts, e …`: an update stream on
//                                     the row number, as Flink's rank retracts a row pushed out of the first n
//   ORDER BY ts                        the rows in event-time order as the watermark passes them (Flink's temporal
//                                     sort, StreamExecTemporalSort; a late row is dropped) → `over` without a key,
//                                     which releases rows in that order, ties in arrival order
// All run on one subtask, as Flink's do. Flink refuses to sort a stream on anything else first ("Sort on a
// non-time-attribute field is not supported"); a temporal sort with further keys is Flink's but not built here.
import type { Expr, Operator } from "../ast/nodes.js";
import type { Expr as SqlExpr, OrderItem, Query, QueryBody, SelectItem } from "./ast.js";
import { INT_COLUMN } from "./column-type.js";
import { binary, call, field, nameExpr, numberLit } from "./flow-nodes.js";
import { printExpr } from "./print-sql.js";
import { changingRows, freshField, GLOBAL_KEY, resolveColumn, timeAttributeAt, type Column, type Relation } from "./relation.js";
import { columnRefs } from "./translate-query.js";
import { aggregateCalls } from "./translate-expression.js";
import { withWindowColumns } from "./translate-window-columns.js";
import { abort, addStep, type Translator } from "./translator.js";
import { orderKeys } from "./order-keys.js";

/**
 * A query's body with the columns its ORDER BY reads but does not select added to its select list (as `__order_<i>`,
 * hidden once sorted), as SQL lets a plain SELECT be ordered by a column of its FROM; and the ORDER BY reading them.
 */
export interface OrderedBody {
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  readonly added: ReadonlySet<string>;
}

export function orderedBody(q: Query): OrderedBody {
  const s = q.body;
  const plain = s.kind === "Select" && !s.distinct && s.groupBy.length === 0 && s.items.every((i) => i.kind === "SelectExpr" && aggregateCalls(i.expr).length === 0);
  if (!plain || q.orderBy.length === 0) return { body: q.body, orderBy: q.orderBy, added: new Set() };
  const selected = new Set(s.items.map((i) => (i.kind === "SelectExpr" ? i.alias?.name ?? (i.expr.kind === "ColumnRef" ? i.expr.path.at(-1)!.name : null) : null)));
  const extra: SelectItem[] = [];
  const added = new Set<string>();
  const orderBy = q.orderBy.map((o) => {
    if (o.expr.kind !== "ColumnRef" || (o.expr.path.length === 1 && selected.has(o.expr.path[0]!.name))) return o;
    const name = `__order_${extra.length}`;
    extra.push({ kind: "SelectExpr", expr: o.expr, alias: { kind: "Identifier", name, quoted: false, span: o.expr.span }, span: o.expr.span });
    added.add(name);
    return { ...o, expr: { kind: "ColumnRef" as const, path: [{ kind: "Identifier" as const, name, quoted: false, span: o.expr.span }], span: o.expr.span } };
  });
  return { body: { ...s, items: [...s.items, ...extra] }, orderBy, added };
}

export function translateOrderAndLimit(t: Translator, q: Query, input: Relation, ordered: OrderedBody): Relation {
  const limit = q.limit === null ? null : rowCount(t, q.limit, "LIMIT");
  const offset = q.offset === null ? 0 : rowCount(t, q.offset, "OFFSET");
  if (q.orderBy.length === 0 && limit === null) {
    if (q.offset === null) return input;
    abort(t, "SQL3006", q.offset.span, { what: "OFFSET without LIMIT on a stream", hint: "add LIMIT n: the rows kept are then the (m+1)-th to the (m+n)-th" });
  }
  const rel = withWindowColumns(t, input);
  const at = q.orderBy[0]?.span ?? q.limit?.span ?? q.offset!.span;
  // why: a row of an update stream can be replaced after it took its place, which the steps below do not undo
  if (rel.changelog.kind !== "insert-only") abort(t, "SQL3006", at, { what: `ORDER BY or LIMIT over ${changingRows(rel)}`, hint: "order or limit the rows before aggregating or joining, or aggregate in windows (their rows are final)" });
  for (const o of ordered.orderBy) {
    const unselected = columnRefs(o.expr).find((path) => resolveColumn(rel.columns, path).kind === "unknown");
    if (unselected !== undefined) abort(t, "SQL3006", o.expr.span, { what: "ORDER BY a column the query does not select", hint: `select \`${unselected.join(".")}\` too (a SELECT DISTINCT, an aggregation or a set operation is ordered by its own columns)` });
  }
  const first = ordered.orderBy[0];
  if (first !== undefined) {
    const attribute = first.expr.kind === "ColumnRef" ? timeAttributeAt(rel, first.expr.path.map((p) => p.name)) : null;
    if (attribute !== "event" || first.descending) {
      const time = rel.columns.find((c) => c.field !== null && c.field === rel.rowtime && c.hidden !== true);
      abort(t, "SQL3006", first.span, {
        what: `ORDER BY ${printExpr(q.orderBy[0]!.expr)}${first.descending ? " DESC" : ""} on a stream`,
        hint: time !== undefined
          ? `a stream is sorted by its event-time attribute ascending first, as in Flink: ORDER BY ${time.name} [ASC], …; for the top rows per key by other columns, filter ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) <= N in an outer query`
          : "a stream is sorted by its event-time attribute ascending first, as in Flink, and these rows have none; for the top rows per key, filter ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) <= N in an outer query",
      });
    }
    if (limit === null && q.orderBy.length > 1) abort(t, "SQL3006", q.orderBy[1]!.span, { what: "sorting a stream by more than its event-time attribute without LIMIT", hint: "order by the event-time attribute alone (ties keep their arrival order), or add LIMIT n" });
  }
  const span = at;
  const present = [...new Set(rel.columns.flatMap((c) => (c.field === null ? [] : [c.field])))];
  const keep = present.map((f) => field(f, nameExpr(f, span), span));
  if (limit === null) {
    // ORDER BY the event-time attribute alone: `over` releases each row once the watermark passes it, in time order
    const count = freshField(rel, "__sorted");
    const ops: Operator[] = [
      { kind: "OverOp", unit: "rows", preceding: null, processing: false, fields: [field(count, call("count", [], span), span)], span },
      { kind: "MapOp", fields: keep, span },
    ];
    return { ...rel, stream: addStep(t, rel.stream, ops, span), columns: hideAdded(rel.columns, ordered), windowBounds: null };
  }
  if (present.includes("rank")) abort(t, "SQL3006", at, { what: "LIMIT over a column named `rank`", hint: "rename the column: `rank` is the row number the translation adds" });
  const g = freshField(rel, GLOBAL_KEY);
  const scope = { columns: rel.columns };
  const order = orderKeys(t, ordered.orderBy, scope);
  const by: Expr = order[0]?.by ?? numberLit(0, span);
  const rank = nameExpr("rank", span);
  const ops: Operator[] = [
    { kind: "ExtendOp", fields: [field(g, numberLit(0, span), span)], span },
    { kind: "KeyByOp", keys: [nameExpr(g, span)], span },
    { kind: "TopOp", count: { kind: "IntLiteral", value: offset + limit, raw: String(offset + limit), span }, by, descending: false, then: order.slice(1), span },
  ];
  if (offset > 0) ops.push({ kind: "FilterOp", condition: binary(">", rank, numberLit(offset, span), span), span });
  const sorted = first !== undefined;
  // A sorted LIMIT's rows are updates of a row number: they keep it and the constant the rows are ranked under, as
  // keys not selected (a top-N's update key), so that they stay an update stream.
  ops.push({ kind: "MapOp", fields: sorted ? [...keep, field("rank", rank, span), field(g, nameExpr(g, span), span)] : keep, span });
  const stream = addStep(t, rel.stream, ops, span);
  if (!sorted) return { ...rel, stream, rowtime: null, windowBounds: null };
  const added: Column[] = [{ name: "rank", qualifier: null, field: "rank", type: INT_COLUMN, hidden: true }, { name: g, qualifier: null, field: g, type: INT_COLUMN, hidden: true }];
  const changelog: Relation["changelog"] = { kind: "upsert", key: [g, "rank"] };
  return { ...rel, stream, columns: [...hideAdded(rel.columns, ordered), ...added], rowtime: null, windowBounds: null, changelog };
}

/** The columns only ORDER BY reads, hidden: the query does not select them. */
function hideAdded(columns: readonly Column[], ordered: OrderedBody): Column[] {
  return columns.map((c) => (ordered.added.has(c.name) ? { ...c, hidden: true } : c));
}

/** LIMIT's or OFFSET's row count: a whole number written as a literal. */
function rowCount(t: Translator, e: SqlExpr, clause: "LIMIT" | "OFFSET"): number {
  const n = e.kind === "Number" ? Number(e.text) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) abort(t, "SQL3015", e.span, { problem: `${clause} takes a whole number of rows`, hint: `e.g. ${clause} 10` });
  if (clause === "LIMIT" && n === 0) abort(t, "SQL3015", e.span, { problem: "LIMIT 0 keeps no row", hint: "LIMIT 1 or more" });
  return n;
}

