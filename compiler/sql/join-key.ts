// A SQL join's equality of a column of each side (`a.k = b.k`) as a plain `.flow` equality, so that the `.flow` join
// takes it as its key: the general translation of a nullable comparison (`if k == null … then null else …`) is no
// equality the checker can key on, and the join would then run on one key.
import type { Expr } from "../ast/nodes.js";
import type { Expr as SqlExpr } from "./ast.js";
import { binary, fieldAccess, nameExpr, nullLit } from "./flow-nodes.js";
import { resolveColumn, type Column, type Relation } from "./relation.js";

/** `k == alias.k`, and `k != null` too when a side may be NULL (SQL's NULL equals nothing); undefined for any other condition. */
export function keyEquality(c: SqlExpr, left: Relation, right: Relation, alias: string): Expr | undefined {
  if (c.kind !== "Binary" || c.op !== "=") return undefined;
  const both = [...left.columns, ...right.columns];
  const column = (e: SqlExpr): Column | undefined => {
    if (e.kind !== "ColumnRef") return undefined;
    const r = resolveColumn(both, e.path.map((p) => p.name));
    return r.kind === "column" && r.rest.length === 0 && r.column.field !== null ? r.column : undefined;
  };
  const a = column(c.left);
  const b = column(c.right);
  if (a === undefined || b === undefined) return undefined;
  const [l, r] = left.columns.includes(a) && right.columns.includes(b) ? [a, b] : left.columns.includes(b) && right.columns.includes(a) ? [b, a] : [];
  // why the same type: `.flow`'s == between int and float compares values, while the key hashes them apart
  if (l === undefined || r === undefined || l.type.kind !== r.type.kind || l.type.kind === "row" || l.type.kind === "unknown") return undefined;
  const lhs = nameExpr(l.field!, c.span);
  const equal = binary("==", lhs, fieldAccess(alias, r.field!, c.span), c.span);
  return l.nullable === true || r.nullable === true ? binary("and", equal, binary("!=", lhs, nullLit(c.span), c.span), c.span) : equal;
}
