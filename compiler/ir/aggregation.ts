// What a keyed (or whole-stream) aggregation computes, in IR terms: `aggregate { … }` (SQL's GROUP BY and window
// aggregates), `reduce`, and `top n by …` (SQL's ROW_NUMBER() top-N). The window it runs in and its key are the plan
// node's; this is the per-group computation the emitters specialise and the interpreter runs.
import type { Span } from "../ast/span.js";
import { mapChildren, type IrExpr, type IrField } from "./expr.js";

/**
 * `aggregate { … }`: output fields over aggregate calls (`IrAggregateCall`, numbered by accumulator slot in field
 * order) and the group key's fields. `retractOn`: over an update stream, the fields that find the row an update
 * replaces (the aggregate then takes that row back before adding the new one). `retractsChanges`: over a changelog
 * with deletions (types/row-kind.ts).
 */
export interface IrAggregateFields {
  readonly kind: "aggregate";
  readonly span: Span;
  readonly fields: readonly IrField[];
  readonly retractOn?: readonly string[];
  /** Over a changelog with deletions: each record adds (+I, +U) or takes back (-D, -U) its row; the output is one too. */
  readonly retractsChanges?: true;
}

/** `reduce (a, b) => body`: the body reads the accumulated record as lambda parameter 0 and the new one as 1. */
export interface IrReduce {
  readonly kind: "reduce";
  readonly span: Span;
  readonly body: IrExpr;
}

export interface IrOrderKey {
  readonly by: IrExpr;
  readonly descending: boolean;
}

/** `top n by k [desc], …`: the first `count` records per group in `order` (later keys break ties). */
export interface IrTop {
  readonly kind: "top";
  readonly span: Span;
  readonly count: number;
  readonly order: readonly IrOrderKey[];
  /** Over a changelog with deletions (a running top): every present row is kept, the ranks' changes emitted with kinds. */
  readonly retractsChanges?: true;
  /** The field a running top writes each row's rank into, when not `rank` (`top … as name`). */
  readonly rank?: string;
}

export type IrAggregation = IrAggregateFields | IrReduce | IrTop;

/**
 * The fields with their aggregate calls numbered 0, 1, 2… in field order (pre-order), as the accumulator lays its
 * slots out. Needed after a rewrite that drops calls: folding `if false then count() else sum(v)` leaves `sum(v)`
 * with the slot it was lowered with, 1.
 */
export function numberSlots(fields: readonly IrField[]): IrField[] {
  let next = 0;
  const number = (e: IrExpr): IrExpr => (e.kind === "aggregate" ? { ...e, slot: next++ } : mapChildren(e, number));
  return fields.map((f) => ({ name: f.name, value: number(f.value) }));
}

