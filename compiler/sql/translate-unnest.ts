// `FROM t CROSS JOIN UNNEST(t.arr) AS u(x)` (also `, UNNEST(…)` and `JOIN UNNEST(…) ON cond`): one row per element of
// each row's array — a `.flow` `flatMap arr as x`. As in Flink's inner form, a row whose array is empty or NULL
// yields no row; the ON condition, if any, filters the rows made. `LEFT JOIN UNNEST(…) AS u(x) ON TRUE` keeps such a
// row once, with x NULL: `flatMap (if len(arr) == 0 then [null] else arr) as x`.
import type { Expr, Operator } from "../ast/nodes.js";
import type { Expr as SqlExpr, Join, Unnest } from "./ast.js";
import { isFieldName, type Column, type Relation } from "./relation.js";
import { binary, call, ifExpr, nullLit, numberLit } from "./flow-nodes.js";
import { translateExpr, whenTrue } from "./translate-expression.js";
import { translateFrom } from "./translate-query.js";
import { abort, addStep, type Translator } from "./translator.js";

export interface UnnestJoin extends Join {
  readonly right: Unnest;
}

export function isUnnestJoin(j: Join): j is UnnestJoin {
  return j.right.kind === "Unnest";
}

/** The left side's rows, each repeated for every element of its array, with the element as the alias's column. */
export function translateUnnestJoin(t: Translator, j: UnnestJoin, where: SqlExpr[]): { relation: Relation; remaining: SqlExpr[] } {
  const unnest = j.right;
  const outer = j.joinType === "LEFT";
  if (j.joinType !== "INNER" && j.joinType !== "CROSS" && j.joinType !== "COMMA" && !outer) {
    abort(t, "SQL3006", j.span, { what: `${j.joinType} JOIN UNNEST`, hint: "CROSS JOIN UNNEST(…) AS t(x), or LEFT JOIN UNNEST(…) AS t(x) ON TRUE to keep rows with no element" });
  }
  // why only ON TRUE: Flink's left lateral join takes no other condition
  if (outer && !(j.on?.kind === "Boolean" && j.on.value)) abort(t, "SQL3006", j.on?.span ?? j.span, { what: "LEFT JOIN UNNEST with a condition other than ON TRUE", hint: "write ON TRUE and filter in WHERE" });
  const from = translateFrom(t, j.left, where);
  const left = from.relation;
  if (left.changelog.kind === "upsert") abort(t, "SQL3006", unnest.span, { what: "UNNEST of an update stream", hint: "unnest before aggregating" });
  // (a changelog with deletions unnests as it is: each row's deletion deletes the rows its array made)
  const alias = unnest.alias;
  if (alias === null || alias.columns === null || alias.columns.length !== 1) {
    abort(t, "SQL3066", alias?.span ?? unnest.span, { columns: String(alias?.columns?.length ?? 0) });
  }
  const column = alias.columns[0]!;
  const array = translateExpr(t, unnest.expr, { columns: left.columns });
  if (array.type.kind !== "array") abort(t, "SQL3065", unnest.expr.span, { type: array.type.kind });
  // A field for the element that no input field has (the element keeps the alias's name where it can).
  const taken = new Set(left.columns.flatMap((c) => (c.field === null ? [] : [c.field])));
  const base = isFieldName(column.name) ? column.name : "element";
  let field = base;
  for (let i = 1; taken.has(field); i++) field = `${base}_${i}`;
  const span = unnest.span;
  // why `?? []`: `.flow` flatMaps non-null arrays; a NULL array has no element, as in Flink
  const present: Expr = array.nullable === true ? binary("??", array.expr, { kind: "ArrayLiteral", elements: [], span }, span) : array.expr;
  // LEFT: an empty (or NULL) array reads as [NULL], so the row stays once with a NULL element
  const elements = outer ? ifExpr(binary("==", call("len", [present], span), numberLit(0, span), span), { kind: "ArrayLiteral", elements: [nullLit(span)], span }, present, span) : present;
  const operators: Operator[] = [{ kind: "FlatMapOp", expr: elements, as: { kind: "Identifier", name: field, span: column.span }, span }];
  const element: Column = {
    name: column.name, qualifier: alias.name.name, field, type: array.type.element, ...(array.type.elementNullable || outer ? { nullable: true } : {}),
  };
  const columns = [...left.columns, element];
  if (j.on !== null && !outer) {
    const condition = whenTrue(translateExpr(t, j.on, { columns }));
    // ON TRUE (Flink's spelling of a lateral join without condition) filters nothing
    if (!(condition.kind === "BoolLiteral" && condition.value)) operators.push({ kind: "FilterOp", condition, span: j.on.span });
  }
  const stream = addStep(t, left.stream, operators, span);
  return { relation: { ...left, stream, columns, window: null, windowBounds: null }, remaining: from.remaining };
}
