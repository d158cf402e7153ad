// A grouping or partitioning key in IR terms: the expressions computed from each record (hash partitioning, keyed
// state) and the fields they become in an aggregate's output (`keyBy account` → field `account`).
import type { IrExpr } from "./expr.js";
import type { RecordField } from "../types/type.js";

export interface IrKey {
  /** One expression per key part, evaluated on the record (a join's right side reads the right record). */
  readonly exprs: readonly IrExpr[];
  /** One field per key expression: its name in aggregate output and its type. */
  readonly fields: readonly RecordField[];
}
