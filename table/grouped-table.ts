// Flink's GroupedTable: `table.groupBy($('k')).select($('k'), $('v').sum().as('total'))` → SELECT … GROUP BY k. Without
// a window the result is an update stream keyed by the group (see TableEnvironment.toChangelogStream).
import { toExpression, type Expression, type ExpressionLike } from "./expressions.js";
import { query, select } from "./sql-nodes.js";
import { describe, selectItems } from "./select-items.js";
import { Table } from "./table.js";

export class GroupedTable {
  /** @internal made by Table.groupBy */
  constructor(private readonly table: Table, private readonly keys: readonly Expression[]) {}

  select(...fields: ExpressionLike[]): Table {
    const exprs = fields.map(toExpression);
    const q = query(select(selectItems(exprs), this.table.asFrom(), { groupBy: this.keys.map((k) => k.node) }));
    return Table.of(this.table.context, q, `groupBy(${describe(this.keys)}).select(${describe(exprs)})`);
  }
}
