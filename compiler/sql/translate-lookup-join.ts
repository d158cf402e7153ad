// `JOIN t FOR SYSTEM_TIME AS OF l.proc_time AS s ON …` (and LEFT JOIN): Flink's lookup join. Each left row looks its
// key up in the table at processing time; for a bounded filesystem table that is the file's rows, loaded whole — the
// `.flow` step `lookup t as s on …` (`left lookup`), then a map flattening the row's columns beside the left ones. A
// jdbc table is loaded whole the same way, as each lookup subtask opens (Flink queries it per key, through an optional
// cache: Eddy's rows are the table's when the job starts, and it sends no query per row). An AS OF on an event-time
// attribute is a temporal join against a versioned table (translate-temporal-join.ts).
import type { Expr } from "../ast/nodes.js";
import type { Expr as SqlExpr, Join, TableName } from "./ast.js";
import { lastName } from "./catalog.js";
import { fieldAccess, field, ident, nameExpr, nullLit } from "./flow-nodes.js";
import { printExpr } from "./print-sql.js";
import { changingRows, resolveColumn, timeAttributeAt, type Column, type Relation } from "./relation.js";
import { translateExpr, whenTrue, type ExprScope } from "./translate-expression.js";
import { and, columnRefs, conjuncts } from "./translate-query.js";
import { translateTable } from "./translate-table.js";
import { abort, addStep, type Translator } from "./translator.js";

/** The field of the lookup's output holding the table's row (until the map flattens it). */
const ALIAS = "__lookup";

export function translateLookupJoin(t: Translator, j: Join, ref: TableName, leftFrom: { relation: Relation; remaining: SqlExpr[] }): { relation: Relation; remaining: SqlExpr[] } {
  const left = leftFrom.relation;
  const asOf = ref.asOf!;
  checkAsOf(t, left, asOf);
  if (j.joinType !== "INNER" && j.joinType !== "LEFT") {
    abort(t, "SQL3042", j.span, { what: `a ${j.joinType} JOIN … FOR SYSTEM_TIME AS OF is not a lookup join`, hint: "a lookup join is a JOIN or LEFT JOIN with the table on the right (as in Flink)" });
  }
  if (j.natural || j.using !== null) abort(t, "SQL3042", j.span, { what: "a lookup join with NATURAL or USING", hint: "write the equality in ON" });
  const name = lastName(ref.name);
  const entry = t.catalog.lookup(ref.name);
  if (entry === undefined || entry.kind !== "table" || (entry.connector !== "filesystem" && entry.connector !== "jdbc")) {
    const what = entry === undefined ? `\`${name}\` is not a table` : entry.kind === "view" ? `\`${name}\` is a view` : `\`${name}\` is a \`${entry.connector ?? "connector-less"}\` table`;
    abort(t, "SQL3042", ref.name.at(-1)!.span, { what: `${what}: Eddy looks up filesystem and jdbc tables only`, hint: "declare the table WITH ('connector' = 'filesystem', 'path' = …, 'format' = …) or WITH ('connector' = 'jdbc', 'url' = …, 'table-name' = …)" });
  }
  const qualifier = ref.alias?.name.name ?? name;
  const right = translateTable(t, entry, qualifier, [], ref.span).relation;
  if (left.changelog.kind !== "insert-only") abort(t, "SQL3042", j.span, { what: `a lookup join of ${changingRows(left)}`, hint: "look up before aggregating or joining" });

  // ON reads both sides: the table's columns through the alias. It needs an equality of a left expression and a table
  // column — the key the table is indexed by.
  const on = conjuncts(j.on);
  const rightColumns = new Set(right.columns);
  const scope: ExprScope = { columns: [...left.columns, ...right.columns], read: (c, span) => (rightColumns.has(c) ? fieldAccess(ALIAS, c.field!, span) : nameExpr(c.field!, span)) };
  const keys = on.map((c) => keyEquality(t, c, left, right, scope));
  if (keys.every((k) => k === null)) abort(t, "SQL3042", j.on?.span ?? j.span, { what: "a lookup join needs an equality between a left expression and a column of the table in ON", hint: `e.g. ON l.id = ${qualifier}.${right.columns[0]?.name ?? "key"}` });
  const condition = and(on.map((c, i) => keys[i] ?? whenTrue(translateExpr(t, c, scope))), j.span);
  const outer = j.joinType === "LEFT";
  const looked = addStep(t, left.stream, [{ kind: "LookupOp", table: ident(right.stream, ref.span), alias: ident(ALIAS, j.span), on: condition, outer, span: j.span }], j.span);

  // Flatten: the left fields as they are, the table's under fresh names where they clash. Without a match (LEFT) the
  // row is null: its columns read from a record of nulls, `(__lookup ?? { k: null, … }).k`.
  const leftFields = left.columns.filter((c) => c.field !== null).map((c) => c.field!);
  const taken = new Set(leftFields);
  const columns: Column[] = left.columns.filter((c) => c.virtual?.kind !== "proctime");
  const outputs = leftFields.map((f) => field(f, nameExpr(f, j.span), j.span));
  const row: Expr = !outer ? nameExpr(ALIAS, j.span) : {
    kind: "BinaryExpr", op: "??", left: nameExpr(ALIAS, j.span),
    right: { kind: "RecordLiteral", fields: right.columns.filter((c) => c.field !== null).map((c) => field(c.field!, nullLit(j.span), j.span)), span: j.span },
    span: j.span,
  };
  for (const c of right.columns) {
    if (c.field === null) continue;
    let out = c.field;
    for (let i = 1; taken.has(out); i++) out = `${c.field}_${i}`;
    taken.add(out);
    outputs.push(field(out, { kind: "FieldAccess", object: row, field: ident(c.field, j.span), span: j.span }, j.span));
    columns.push({ ...c, field: out, ...(outer ? { nullable: true } : {}) });
  }
  const stream = addStep(t, looked, [{ kind: "MapOp", fields: outputs, span: j.span }], j.span);
  // The left rows pass through with their fields: a lookup keeps the left side's time attribute and window bounds.
  return { relation: { ...left, stream, columns }, remaining: leftFrom.remaining };
}

/**
 * `l = t.k` (either way round) with one side reading only the left's columns and the other only the table's: the
 * `.flow` equality `l == __lookup.k` that keys the lookup, and SQL's NULL semantics as separate conjuncts — a NULL on
 * either side matches nothing (`.flow`'s `==` would match null with null). Null for any other conjunct.
 */
function keyEquality(t: Translator, c: SqlExpr, left: Relation, right: Relation, scope: ExprScope): Expr | null {
  if (c.kind !== "Binary" || c.op !== "=") return null;
  const reads = (e: SqlExpr, cols: readonly Column[]) => columnRefs(e).length > 0 && columnRefs(e).every((p) => resolveColumn(cols, p).kind === "column");
  const [l, r] = reads(c.left, left.columns) && reads(c.right, right.columns) ? [c.left, c.right]
    : reads(c.right, left.columns) && reads(c.left, right.columns) ? [c.right, c.left] : [null, null];
  if (l === null || r === null) return null;
  const lt = translateExpr(t, l, scope);
  const rt = translateExpr(t, r, scope);
  const span = c.span;
  const notNull = (x: Expr): Expr => ({ kind: "BinaryExpr", op: "!=", left: x, right: nullLit(span), span });
  const parts: Expr[] = [{ kind: "BinaryExpr", op: "==", left: lt.expr, right: rt.expr, span }];
  if (lt.nullable === true) parts.push(notNull(lt.expr));
  if (rt.nullable === true) parts.push(notNull(rt.expr));
  return and(parts, span);
}

/** Whether AS OF names the left side's event-time attribute: a temporal join (translate-temporal-join.ts), not a lookup. */
export function asOfEventTime(left: Relation, asOf: SqlExpr): boolean {
  return asOf.kind === "ColumnRef" && timeAttributeAt(left, asOf.path.map((p) => p.name)) === "event";
}

/** AS OF must name the left side's processing-time attribute (a PROCTIME() column): its event time is a temporal join. */
function checkAsOf(t: Translator, left: Relation, asOf: SqlExpr): void {
  const path = asOf.kind === "ColumnRef" ? asOf.path.map((p) => p.name) : null;
  const time = path === null ? null : timeAttributeAt(left, path);
  if (time !== "processing") abort(t, "SQL3041", asOf.span, { what: printExpr(asOf) });
}
