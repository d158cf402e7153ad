// INTERSECT [ALL] and EXCEPT [ALL] → `.flow` steps. Of two insert-only queries, both sides' rows, tagged with their
// side, meet in a running count per distinct row (`union` + `keyBy` every column + `aggregate`): l copies seen on the
// left, r on the right, and the side of the row that arrived last.
//   INTERSECT ALL has min(l, r) copies of a row. On insert-only inputs that minimum only grows, so a copy is emitted
//   each time it grows by one: when a left row arrives with l ≤ r after it, or a right row with r ≤ l. The bag of
//   emitted rows is the result (Flink's RewriteIntersectAllRule reaches the same bag through replicate_rows over a
//   running aggregate, a changelog that retracts as counts change). INTERSECT emits a row once, when the minimum
//   becomes 1 — Flink's plan (ReplaceIntersectWithSemiJoinRule: a semi join, then a distinct aggregate) emits each
//   distinct row once too (`+I`), when both sides have it; its planner declares that aggregate updating all the same,
//   which Eddy's insert-only result does not copy.
//   EXCEPT ALL has max(0, l − r) copies: a left row inserts one (+I) when l > r after it, a right row deletes one (-D)
//   when r ≤ l after it. EXCEPT has the row while l ≥ 1 and r = 0: inserted when the first left copy arrives before
//   any right one, deleted when the first right copy arrives after a left one. Its result is a changelog with
//   deletions (types/row-kind.ts), as Flink's (an anti join, which retracts).
// Over a changelog with deletions (either side; an update stream is turned into one first, `.flow`'s `changelog`),
// INTERSECT and EXCEPT count what is present instead: the running aggregate takes each deleted row back (`sum`s over
// the changelog, a changelog itself), and a filter keeps the groups that match — INTERSECT l ≥ 1 and r ≥ 1, EXCEPT
// l ≥ 1 and r = 0 — which on a changelog is exact: a group that stops matching is taken back by its -U, one that
// starts is added by its +U. The result is such a changelog (Flink's plans, a semi or anti join and a distinct
// aggregate over retracting inputs, give the same rows). The ALL variants make min(l, r) or max(0, l − r) copies of
// each change of a group instead (`flatMap range(copies)`, Flink's replicate_rows over the same aggregate): a -U takes
// back as many copies as its +U had added.
// Rows compare as SQL's set operations do: NULL equals NULL (the `keyBy` groups them).
import type { Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { ROW_KIND_FIELD } from "../types/row-kind.js";
import { binary, call, field, ident, nameExpr, numberLit, stringLit } from "./flow-nodes.js";
import type { Column, Relation } from "./relation.js";
import { fieldNames } from "./translate-query.js";
import { withWindowColumns } from "./translate-window-columns.js";
import { abort, addStep, type Translator } from "./translator.js";

export function translateSetOperation(t: Translator, op: "INTERSECT" | "EXCEPT", leftInput: Relation, rightInput: Relation, all: boolean, span: Span): Relation {
  const left = withWindowColumns(t, leftInput);
  const right = withWindowColumns(t, rightInput);
  const name = `${op}${all ? " ALL" : ""}`;
  const changing = left.changelog.kind !== "insert-only" || right.changelog.kind !== "insert-only";
  const leftColumns = visible(left);
  const rightColumns = visible(right);
  const unread = [...leftColumns, ...rightColumns].find((c) => c.field === null && c.virtual?.kind !== "constant");
  if (unread !== undefined) abort(t, "SQL3006", span, { what: `comparing \`${unread.name}\` (a PROCTIME() column) as a value`, hint: "leave it out of the intersected columns" });
  if (leftColumns.length !== rightColumns.length) abort(t, "SQL3010", span, { actual: String(rightColumns.length), table: `the ${name}`, expected: String(leftColumns.length) });
  // The result's fields are named after the left side's columns, as UNION names them.
  const names = fieldNames(leftColumns.map((c) => c.name));
  const taken = new Set(names);
  const fresh = (base: string) => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const side = fresh("__side");
  const l = fresh("__left");
  const r = fresh("__right");
  const last = fresh("__last_side");
  // why a kind for an insert-only side beside a changelog: a `union` takes streams of one record type (the changelog's
  // side carries its own: a `map` keeps it)
  const kindOf = (rel: Relation) => (changing && rel.changelog.kind === "insert-only" ? [field(ROW_KIND_FIELD, stringLit("+I", span), span)] : []);
  // why `changelog` before an update stream's tagging map: the map keeps only the selected columns, so its rows would
  // no longer say which row each replaces
  const tagged = (rel: Relation, columns: readonly Column[], tag: number) =>
    addStep(t, rel.stream, [...(rel.changelog.kind === "upsert" ? [{ kind: "ChangelogOp" as const, span }] : []), { kind: "MapOp", fields: [...columns.map((c, i) => field(names[i]!, valueOf(c, span), span)), field(side, numberLit(tag, span), span), ...kindOf(rel)], span }], span);
  const leftRows = tagged(left, leftColumns, 0);
  const rightRows = tagged(right, rightColumns, 1);
  const n = (name: string) => nameExpr(name, span);
  const int = (v: number) => numberLit(v, span);
  const and = (a: Expr, b: Expr) => binary("and", a, b, span);
  const columns: Column[] = leftColumns.map((c, i) => {
    const nullable = c.nullable === true || rightColumns[i]!.nullable === true;
    return { name: c.name, qualifier: null, field: names[i]!, type: c.type, ...(nullable ? { nullable } : {}) };
  });
  if (changing) {
    const present = op === "INTERSECT" ? and(binary(">=", n(l), int(1), span), binary(">=", n(r), int(1), span)) : and(binary(">=", n(l), int(1), span), binary("==", n(r), int(0), span));
    const copies = op === "INTERSECT" ? call("min", [n(l), n(r)], span) : call("max", [binary("-", n(l), n(r), span), int(0)], span);
    const copy = fresh("__copy");
    const stream = addStep(t, leftRows, [
      { kind: "UnionOp", streams: [ident(rightRows, span)], span },
      { kind: "KeyByOp", keys: names.map((f) => n(f)), span },
      { kind: "AggregateOp", fields: [field(l, call("sum", [binary("-", int(1), n(side), span)], span), span), field(r, call("sum", [n(side)], span), span)], span },
      all ? { kind: "FlatMapOp", expr: call("range", [copies], span), as: ident(copy, span), span } : { kind: "FilterOp", condition: present, span },
      { kind: "MapOp", fields: names.map((f) => field(f, n(f), span)), span },
    ], span);
    return { stream, columns, rowtime: null, window: null, windowBounds: null, changelog: { kind: "retract" } };
  }
  const fromLeft = binary("==", n(last), int(0), span);
  const fromRight = binary("==", n(last), int(1), span);
  const changes = op === "INTERSECT"
    ? all
      ? binary("or", and(fromLeft, binary("<=", n(l), n(r), span)), and(fromRight, binary("<=", n(r), n(l), span)), span)
      : binary("or", and(fromLeft, and(binary("==", n(l), int(1), span), binary(">=", n(r), int(1), span))), and(fromRight, and(binary("==", n(r), int(1), span), binary(">=", n(l), int(1), span))), span)
    : all
      ? binary("or", and(fromLeft, binary(">", n(l), n(r), span)), and(fromRight, binary("<=", n(r), n(l), span)), span)
      : binary("or", and(fromLeft, and(binary("==", n(l), int(1), span), binary("==", n(r), int(0), span))), and(fromRight, and(binary("==", n(r), int(1), span), binary(">=", n(l), int(1), span))), span);
  // EXCEPT's rows say what they do: a left row inserts, a right row deletes
  const kind = op === "EXCEPT" ? [field(ROW_KIND_FIELD, { kind: "IfExpr", condition: fromLeft, then: stringLit("+I", span), else: stringLit("-D", span), span }, span)] : [];
  const stream = addStep(t, leftRows, [
    { kind: "UnionOp", streams: [ident(rightRows, span)], span },
    { kind: "KeyByOp", keys: names.map((f) => n(f)), span },
    // the side of the row that arrived last decides which count grew
    { kind: "AggregateOp", fields: [field(l, call("sum", [binary("-", int(1), n(side), span)], span), span), field(r, call("sum", [n(side)], span), span), field(last, call("last", [n(side)], span), span)], span },
    { kind: "FilterOp", condition: changes, span },
    { kind: "MapOp", fields: [...names.map((f) => field(f, n(f), span)), ...kind], span },
  ], span);
  return { stream, columns, rowtime: null, window: null, windowBounds: null, changelog: op === "EXCEPT" ? { kind: "retract" } : { kind: "insert-only" } };
}

function visible(rel: Relation): Column[] {
  return rel.columns.filter((c) => c.hidden !== true);
}

function valueOf(c: Column, span: Span): Expr {
  return c.virtual?.kind === "constant" ? c.virtual.value : nameExpr(c.field!, span);
}
