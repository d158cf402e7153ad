// `over …` (SQL's OVER aggregation) in IR terms: each record, in event-time (or arrival) order, extended with one aggregate per
// field over its key's rows in the frame ending at it.
import type { Span } from "../ast/span.js";
import type { IrAggregateCall } from "./expr.js";

export interface IrOverField {
  readonly name: string;
  /** The aggregate over the frame (`sum(price)`, `count()`). */
  readonly call: IrAggregateCall;
}

export interface IrOver {
  readonly kind: "over";
  readonly span: Span;
  /** `rows`: the frame counts rows; `range`: it spans event time (milliseconds). */
  readonly unit: "rows" | "range";
  /** Rows or milliseconds before the current row; null: unbounded. */
  readonly preceding: number | null;
  /** `event`: rows in event-time order, a range in event time; `processing`: in arrival order, by the clock. */
  readonly time: "event" | "processing";
  readonly fields: readonly IrOverField[];
}
