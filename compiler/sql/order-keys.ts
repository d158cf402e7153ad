// ORDER BY items (of ROW_NUMBER's OVER, of ORDER BY … LIMIT) as the ordering keys of `.flow`'s `top`, NULLs included.
import type { Expr } from "../ast/nodes.js";
import type { OrderItem } from "./ast.js";
import { binary, ifExpr, nullLit, numberLit } from "./flow-nodes.js";
import { translateExpr, type ExprScope } from "./translate-expression.js";
import type { Translator } from "./translator.js";

export interface OrderKey {
  readonly by: Expr;
  readonly descending: boolean;
}

/**
 * The keys `top` ranks by. `top` puts NULL first ascending and last descending — Flink's default (NullCollation.LOW)
 * — so an explicit NULLS FIRST/LAST that says the same needs nothing; one against it (ASC NULLS LAST, DESC NULLS
 * FIRST) becomes a key before the value's: 0 for the rows that go first, 1 for the others.
 */
export function orderKeys(t: Translator, items: readonly OrderItem[], scope: ExprScope): OrderKey[] {
  return items.flatMap((o) => {
    const typed = translateExpr(t, o.expr, scope);
    const by = typed.expr;
    const key = { by, descending: o.descending };
    // (a value that is never NULL orders the same either way: no key is added, so the event-time attribute of a
    // temporal sort stays its first key)
    const asTopOrders = o.nulls === null || (o.nulls === "FIRST") === !o.descending || typed.nullable !== true;
    if (asTopOrders) return [key];
    const nullsFirst = o.nulls === "FIRST";
    const whetherNull = ifExpr(binary("==", by, nullLit(o.span), o.span), numberLit(nullsFirst ? 0 : 1, o.span), numberLit(nullsFirst ? 1 : 0, o.span), o.span);
    return [{ by: whetherNull, descending: false }, key];
  });
}
