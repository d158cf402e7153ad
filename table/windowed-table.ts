// Flink's group-window aggregation, `table.window(Tumble.over(lit(10).seconds()).on($('ts')).as('w'))
// .groupBy($('w'), $('k')).select($('k'), $('w').start(), $('v').count())`, read as Flink plans it: the windowing TVF
// over the table, grouped by window_start, window_end and the other keys. A TVF reads a named table, so a Table that
// is not a catalog table is named by a CTE.
import type { Cte, Expr as SqlExpr, Query, TableFunction } from "../compiler/sql/ast.js";
import { toExpression, type Expression, type ExpressionLike } from "./expressions.js";
import { columnRef, identifier, select, SYNTHETIC } from "./sql-nodes.js";
import { describe, selectItems } from "./select-items.js";
import { Table } from "./table.js";
import { mapTree } from "./tree-map.js";
import type { GroupWindow } from "./windows.js";

/** The CTE naming a window's input when it is not a catalog table. */
const WINDOW_INPUT = "window_input";
/** The Table API class each TVF comes from, for the call shown in plans and errors. */
const WINDOW_NAMES: Readonly<Record<GroupWindow["tvf"], string>> = { TUMBLE: "Tumble", HOP: "Slide", SESSION: "Session", CUMULATE: "Cumulate" };

export class GroupWindowedTable {
  /** @internal made by Table.window */
  constructor(private readonly table: Table, private readonly window: GroupWindow) {}

  /** The grouping keys; the window's alias must be one of them (`groupBy($('w'))` for the window alone). */
  groupBy(...fields: ExpressionLike[]): WindowGroupedTable {
    const keys = fields.map(toExpression);
    const alias = this.window.alias;
    const isWindow = (e: Expression) => e.node.kind === "ColumnRef" && e.node.path.length === 1 && e.node.path[0]!.name === alias;
    if (!keys.some(isWindow)) throw new Error(`window(…).groupBy(${describe(keys)}): group by the window's alias too, e.g. groupBy($('${alias}'), …)`);
    return new WindowGroupedTable(this.table, this.window, keys.filter((k) => !isWindow(k)));
  }
}

export class WindowGroupedTable {
  /** @internal made by GroupWindowedTable.groupBy */
  constructor(private readonly table: Table, private readonly window: GroupWindow, private readonly keys: readonly Expression[]) {}

  select(...fields: ExpressionLike[]): Table {
    const w = this.window;
    const exprs = fields.map(toExpression);
    const source = this.table.catalogName() ?? WINDOW_INPUT;
    const keyNodes = this.keys.map((k) => k.node);
    const tvf: TableFunction = {
      kind: "TableFunction", lateral: false, alias: null, span: SYNTHETIC,
      call: {
        kind: "Call", name: [identifier(w.tvf)], distinct: false, star: false, filter: null, over: null, niladic: false, span: SYNTHETIC,
        args: [
          // why PARTITION BY for SESSION only: Flink's SESSION TVF takes the keys sessions are kept apart by; TUMBLE and HOP take none
          { kind: "TableArgument", name: [identifier(source)], partitionBy: w.tvf === "SESSION" ? keyNodes : [], span: SYNTHETIC },
          { kind: "Descriptor", columns: [identifier(w.timeColumn)], span: SYNTHETIC },
          ...w.intervals,
        ],
      },
    };
    const bound = (e: SqlExpr): SqlExpr => mapTree(e, (n) => {
      const node = n as SqlExpr;
      if (node.kind !== "ColumnRef" || node.path.length !== 2 || node.path[0]!.name !== w.alias) return undefined;
      const which = node.path[1]!.name;
      if (which !== "start" && which !== "end") throw new Error(`window(…).select(): \`${w.alias}.${which}\` is not a window property; use $('${w.alias}').start() or $('${w.alias}').end()`);
      return columnRef(`window_${which}`);
    });
    const items = selectItems(exprs).map((item) => (item.kind === "SelectExpr" ? { ...item, expr: bound(item.expr) } : item));
    const body = select(items, tvf, { groupBy: [columnRef("window_start"), columnRef("window_end"), ...keyNodes] });
    const ctes: Cte[] = this.table.catalogName() === null ? [{ kind: "Cte", name: identifier(WINDOW_INPUT), columns: null, query: this.table.query, span: SYNTHETIC }] : [];
    const q: Query = { kind: "Query", with: ctes, body, orderBy: [], limit: null, offset: null, span: SYNTHETIC };
    const call = `window(${WINDOW_NAMES[w.tvf]} … as ${w.alias}).groupBy(${[w.alias, ...this.keys.map(String)].join(", ")}).select(${describe(exprs)})`;
    return Table.of(this.table.context, q, call);
  }
}
