// Joins in IR terms: a two-input join of streams (window, interval, regular or temporal; inner or outer) and a lookup join
// against a bounded table loaded whole as the operator opens. The condition and the key pairs read the left record's
// fields as input reads and the right record (the alias) as the join's right side.
import type { WindowSpec } from "../ast/annotations.js";
import type { Span } from "../ast/span.js";
import type { IrExpr } from "./expr.js";

/** Which sides of an outer join keep their unmatched rows: `left` the left's, `right` the right's, `full` both. */
export type OuterJoinKind = "left" | "right" | "full";

/** One equality of the condition: `left == right`, the left side over the left record, the right over the right one. */
export interface IrKeyPair {
  readonly left: IrExpr;
  readonly right: IrExpr;
}

/**
 * How a join bounds the rows it keeps: a window join (pairs within one window), an interval join (right time ∈
 * [left time + lowerMs, left time + upperMs]), a regular join (both sides kept for ever) or a temporal join (each
 * left row with the right side's version current at its time; the right side's older versions leave).
 */
export type IrJoinMode =
  | { readonly kind: "window"; readonly window: WindowSpec }
  | { readonly kind: "interval"; readonly lowerMs: number; readonly upperMs: number }
  | { readonly kind: "regular" }
  | { readonly kind: "temporal" };

/**
 * `join s as alias on condition …`: the output is the left record with the right one as field `alias`. `outer` keeps
 * a side's unmatched rows, padded (a temporal join keeps only the left's).
 */
export interface IrJoin {
  readonly kind: "join";
  readonly span: Span;
  /** The right input as the pipeline names it (plans print it). */
  readonly stream: string;
  readonly alias: string;
  readonly condition: IrExpr;
  readonly keyPairs: readonly IrKeyPair[];
  readonly mode: IrJoinMode;
  readonly outer: OuterJoinKind | null;
  /** A regular inner join's sides that are update streams keyed by the join key: a new row replaces the key's row. */
  readonly upserts?: { readonly left: boolean; readonly right: boolean };
}

/** `[left] lookup table as alias on condition`: each record looks its key up in the table (`outer`: kept without a match). */
export interface IrLookup {
  readonly kind: "lookup";
  readonly span: Span;
  readonly table: string;
  readonly alias: string;
  readonly condition: IrExpr;
  readonly keyPairs: readonly IrKeyPair[];
  readonly outer: boolean;
}
