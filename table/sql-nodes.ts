// Builders of compiler/sql/ast.ts nodes for trees the Table API makes rather than parses. Their spans are synthetic
// (0..0): what locates a problem is the printed query, which is parsed again with real spans (see table-error.ts).
import type { Span } from "../compiler/ast/span.js";
import type { ColumnRef, DerivedTable, Expr, Identifier, Query, QueryBody, Select, SelectExpr, SelectItem, TableRef } from "../compiler/sql/ast.js";

export const SYNTHETIC: Span = { start: 0, end: 0 };

/** Words the SQL grammar never reads as a bare name (compiler/sql/sql.peggy's RESERVED): such names are backquoted. */
const RESERVED = new Set([
  "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "CURRENT", "DEFINE", "DESC",
  "DISTINCT", "ELSE", "END", "ESCAPE", "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FETCH", "FILTER", "FOR", "FROM",
  "FULL", "GROUP", "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LATERAL",
  "LEFT", "LIKE", "LIMIT", "MATCH_RECOGNIZE", "MEASURES", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER",
  "OUTER", "OVER", "PARTITION", "PATTERN", "RIGHT", "SELECT", "SET", "TABLE", "THEN", "TRUE", "UNION", "UNNEST",
  "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
]);

export function identifier(name: string): Identifier {
  const quoted = !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) || RESERVED.has(name.toUpperCase());
  return { kind: "Identifier", name, quoted, span: SYNTHETIC };
}

export function columnRef(...path: string[]): ColumnRef {
  return { kind: "ColumnRef", path: path.map(identifier), span: SYNTHETIC };
}

export function selectExpr(expr: Expr, alias: string | null = null): SelectExpr {
  return { kind: "SelectExpr", expr, alias: alias === null ? null : identifier(alias), span: SYNTHETIC };
}

export const STAR: SelectItem = { kind: "Star", qualifier: [], span: SYNTHETIC };

export function query(body: QueryBody): Query {
  return { kind: "Query", with: [], body, orderBy: [], limit: null, offset: null, span: SYNTHETIC };
}

export function select(items: readonly SelectItem[], from: TableRef, parts: Partial<Pick<Select, "where" | "groupBy">> = {}): Select {
  return { kind: "Select", distinct: false, items, from, where: parts.where ?? null, groupBy: parts.groupBy ?? [], groupingSets: null, having: null, windows: [], span: SYNTHETIC };
}

/** `(query) AS alias` in FROM. */
export function derived(q: Query, alias: string): DerivedTable {
  return { kind: "DerivedTable", lateral: false, query: q, alias: { kind: "TableAlias", name: identifier(alias), columns: null, span: SYNTHETIC }, span: SYNTHETIC };
}

export function tableName(name: string): TableRef {
  return { kind: "TableName", name: [identifier(name)], asOf: null, alias: null, span: SYNTHETIC };
}
