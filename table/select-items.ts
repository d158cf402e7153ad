// Select lists from Table API expressions: the column names Flink gives them, and how a call is described in errors.
import type { SelectItem } from "../compiler/sql/ast.js";
import type { Expression } from "./expressions.js";
import { selectExpr, STAR } from "./sql-nodes.js";

/** The column name of a select item: its alias, the column it reads, else Flink's `_c<position>`. */
export function nameOf(e: Expression, position: number): string {
  if (e.alias !== null) return e.alias;
  if (e.node.kind === "ColumnRef" && e.node.path.length === 1) return e.node.path[0]!.name;
  return `_c${position}`;
}

/** The select list of `exprs`; `$('*')` is every column (Flink's `$("*")`). */
export function selectItems(exprs: readonly Expression[]): SelectItem[] {
  return exprs.map((e, i) => {
    if (isStar(e)) return STAR;
    const name = nameOf(e, i);
    const plain = e.node.kind === "ColumnRef" && e.node.path.length === 1 && e.node.path[0]!.name === name;
    return selectExpr(e.node, plain ? null : name);
  });
}

export function describe(exprs: readonly Expression[]): string {
  return exprs.map((e) => (e.alias === null ? String(e) : `${e} AS ${e.alias}`)).join(", ");
}

function isStar(e: Expression): boolean {
  return e.node.kind === "ColumnRef" && e.node.path.length === 1 && e.node.path[0]!.name === "*" && e.alias === null;
}
