// Whether an expression reads nothing but some named fields: the syntactic test both languages use to decide that a
// filter keeps an update stream (SQL's translator before the checker resolves names, the checker after), so the two
// always agree.
import type { Expr } from "./nodes.js";
import { visit } from "./visit.js";

/**
 * True when every name `expr` reads is one of `fields`. Syntactic on purpose: a constant, a lambda's parameter or a
 * field outside `fields` all count as other reads, which only ever makes the answer a conservative `false`.
 */
export function readsOnly(expr: Expr, fields: readonly string[]): boolean {
  let only = true;
  visit(expr, {
    NameExpr: (n) => {
      if (!fields.includes(n.name)) only = false;
    },
  });
  return only;
}
