// Flink's interval join rule for SQL joins: a join whose condition bounds the right side's time attribute on both
// sides by the left side's, each bound a constant offset (`r.ts BETWEEN l.ts - INTERVAL '1' HOUR AND l.ts`,
// `l.ts >= r.ts AND l.ts < r.ts + INTERVAL '10' MINUTE`), keeps each row only as long as a partner may arrive: a
// `.flow` `between`. Bounds on columns that are not time attributes leave the join regular (Nexmark q6's `expires`).
import type { Expr as SqlExpr } from "./ast.js";
import type { Relation } from "./relation.js";
import { resolveColumn } from "./relation.js";
import { intervalMs } from "./translate-expression.js";
import type { Translator } from "./translator.js";

/** right.ts − left.ts ∈ [lower, upper], in ms, both inclusive (what `.flow`'s `between` takes). */
export interface IntervalBounds {
  readonly lower: number;
  readonly upper: number;
}

/** A time attribute plus a constant: `l.ts`, `l.ts + INTERVAL '5' SECOND`, `r.ts - INTERVAL '1' HOUR`. */
interface TimeTerm {
  readonly side: "left" | "right";
  readonly offset: number;
}

/**
 * The tightest interval the conjuncts `conditions` give right.ts − left.ts, or null when they do not bound it from
 * both sides (a regular join). A strict bound is shifted by 1 ms, as Flink's IntervalJoinUtil does for rowtime in
 * milliseconds. The conjuncts stay the join's condition: for rows in the interval they hold, so keeping them is exact.
 */
export function intervalJoinBounds(t: Translator, conditions: readonly SqlExpr[], left: Relation, right: Relation): IntervalBounds | null {
  if (left.rowtime === null || right.rowtime === null) return null;
  const both = [...left.columns, ...right.columns];
  const term = (e: SqlExpr): TimeTerm | null => {
    if (e.kind === "ColumnRef") {
      const r = resolveColumn(both, e.path.map((p) => p.name));
      if (r.kind !== "column" || r.rest.length > 0) return null;
      if (left.columns.includes(r.column) && r.column.field === left.rowtime) return { side: "left", offset: 0 };
      if (right.columns.includes(r.column) && r.column.field === right.rowtime) return { side: "right", offset: 0 };
      return null;
    }
    if (e.kind === "Binary" && (e.op === "+" || e.op === "-")) {
      const sign = e.op === "+" ? 1 : -1;
      if (e.right.kind === "Interval") {
        const base = term(e.left);
        return base === null ? null : { side: base.side, offset: base.offset + sign * intervalMs(t, e.right) };
      }
      if (e.left.kind === "Interval" && e.op === "+") {
        const base = term(e.right);
        return base === null ? null : { side: base.side, offset: base.offset + intervalMs(t, e.left) };
      }
    }
    return null;
  };
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  // `a op b` with a and b time terms of different sides narrows right.ts − left.ts
  const compare = (a: SqlExpr, op: string, b: SqlExpr): void => {
    const x = term(a);
    const y = term(b);
    if (x === null || y === null || x.side === y.side) return;
    // a op b as `right.ts + ro  op'  left.ts + lo`, op' flipped when the right side was written second
    const [ro, lo, flipped] = x.side === "right" ? [x.offset, y.offset, false] : [y.offset, x.offset, true];
    const rel = flipped ? FLIPPED[op]! : op;
    const d = lo - ro; // right.ts − left.ts  rel  d
    if (rel === "<=") upper = Math.min(upper, d);
    else if (rel === "<") upper = Math.min(upper, d - 1);
    else if (rel === ">=") lower = Math.max(lower, d);
    else if (rel === ">") lower = Math.max(lower, d + 1);
  };
  for (const c of conditions) {
    if (c.kind === "Between" && !c.not) {
      compare(c.expr, ">=", c.low);
      compare(c.expr, "<=", c.high);
    } else if (c.kind === "Binary" && FLIPPED[c.op] !== undefined) compare(c.left, c.op, c.right);
  }
  return Number.isFinite(lower) && Number.isFinite(upper) ? { lower, upper } : null;
}

const FLIPPED: Readonly<Record<string, string>> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" };
