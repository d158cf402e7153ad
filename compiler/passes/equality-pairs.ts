// The key of a join or lookup: the equalities of its condition between an expression of the left record and one of
// the right record (read through the alias).
import type { Expr } from "../ast/nodes.js";
import { visit } from "../ast/visit.js";

/** `a == o.b and c == o.d` → [(a, o.b), (c, o.d)]: equalities with exactly one side reading the right stream. */
export function equalityPairs(on: Expr, alias: string): { left: Expr; right: Expr }[] {
  if (on.kind === "BinaryExpr" && on.op === "and") return [...equalityPairs(on.left, alias), ...equalityPairs(on.right, alias)];
  if (on.kind !== "BinaryExpr" || on.op !== "==") return [];
  const l = readsAlias(on.left, alias);
  const r = readsAlias(on.right, alias);
  if (l === r) return [];
  // why: the right key is computed from the right record alone (a join's right input, a lookup table's rows as they
  // are indexed), so its side may read nothing of the left record
  if (readsRecord(l ? on.left : on.right)) return [];
  return l ? [{ left: on.right, right: on.left }] : [{ left: on.left, right: on.right }];
}

/** Whether `expr` reads a field of the (left) record: names resolved by the checker to input fields. */
function readsRecord(expr: Expr): boolean {
  let reads = false;
  visit(expr, { NameExpr: (n) => void (reads ||= n.ref?.kind === "field") });
  return reads;
}

function readsAlias(expr: Expr, alias: string): boolean {
  switch (expr.kind) {
    case "NameExpr": return expr.ref?.kind === "joinRight" || (expr.ref === undefined && expr.name === alias);
    case "FieldAccess": return readsAlias(expr.object, alias);
    case "IndexExpr": return readsAlias(expr.object, alias) || readsAlias(expr.index, alias);
    case "CallExpr": return expr.args.some((a) => readsAlias(a.value, alias));
    case "UnaryExpr": return readsAlias(expr.operand, alias);
    case "BinaryExpr": return readsAlias(expr.left, alias) || readsAlias(expr.right, alias);
    case "IfExpr": return readsAlias(expr.condition, alias) || readsAlias(expr.then, alias) || readsAlias(expr.else, alias);
    case "RecordLiteral": return expr.fields.some((f) => readsAlias(f.value, alias));
    case "ArrayLiteral": return expr.elements.some((e) => readsAlias(e, alias));
    default: return false;
  }
}
