// `VALUES (1, 'a'), (2, NULL)` as a table: a `.flow` `collection([...])` source of the rows, its columns typed as Flink
// types literal rows — each column takes the least restrictive type of its cells (INT and DOUBLE make DOUBLE), and a
// NULL in any row makes it nullable. Columns are named `EXPR$0`, `EXPR$1` … (Flink's names) until an alias
// (`AS t(x, y)`) or an INSERT's target columns name them.
import type { Expr, FieldDecl } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Expr as SqlExpr, Values } from "./ast.js";
import { columnTypeOf, typeNodeOf, type ColumnType } from "./column-type.js";
import { arg, floatLit, ident, nullLit, numberLit } from "./flow-nodes.js";
import type { Column, Relation } from "./relation.js";
import { fieldNames } from "./translate-query.js";
import { translateExpr } from "./translate-expression.js";
import { abort, type Translator } from "./translator.js";

/** One cell: a `.flow` literal, its type (null for a bare NULL, the type of CAST(NULL AS type)), and its number when it is one (to widen INT to DOUBLE). */
interface Cell {
  readonly expr: Expr;
  readonly type: ColumnType | null;
  readonly number?: number;
  readonly span: Span;
}

export function translateValues(t: Translator, values: Values): Relation {
  const rows = values.rows.map((row) => row.map((cell) => constantCell(t, cell)));
  const width = rows[0]!.length;
  rows.forEach((row, i) => {
    if (row.length !== width) abort(t, "SQL3064", values.rows[i]![0]?.span ?? values.span, { actual: String(row.length), expected: String(width) });
  });
  const types = Array.from({ length: width }, (_, c) => columnType(t, rows.map((row) => row[c]!)));
  const nullable = Array.from({ length: width }, (_, c) => rows.some((row) => row[c]!.expr.kind === "NullLiteral"));
  const names = Array.from({ length: width }, (_, c) => `EXPR$${c}`);
  const fields = fieldNames(names);
  const span = values.span;
  const records: Expr = {
    kind: "ArrayLiteral",
    elements: rows.map((row, r) => ({
      kind: "RecordLiteral",
      fields: row.map((cell, c) => ({ kind: "RecordFieldInit", name: ident(fields[c]!, cell.span), value: widened(cell, types[c]!), shorthand: false, span: cell.span })),
      span: values.rows[r]![0]?.span ?? span,
    })),
    span,
  };
  const declared: FieldDecl[] = types.map((type, c) => ({ kind: "FieldDecl", name: ident(fields[c]!, span), type: typeNodeOf(type, nullable[c]!, span)!, span }));
  const name = freeSourceName(t);
  t.sources.set(name, {
    kind: "SourceDecl", name: ident(name, span), type: { kind: "RecordTypeNode", fields: declared, span },
    connector: { kind: "ConnectorCall", name: ident("collection", span), args: [arg(records, "records")], span },
    watermark: null, idle: null, span,
  });
  t.sourceTables.set(name, name);
  const columns: Column[] = types.map((type, c) => ({ name: names[c]!, qualifier: null, field: fields[c]!, type, ...(nullable[c]! ? { nullable: true } : {}) }));
  return { stream: name, columns, rowtime: null, window: null, windowBounds: null, changelog: { kind: "insert-only" } };
}

/** A cell's literal: what translateExpr makes of a literal, a negated number, or a typed NULL; else SQL3061. */
function constantCell(t: Translator, e: SqlExpr): Cell {
  switch (e.kind) {
    case "Number": case "String": case "Boolean": case "TypedLiteral": {
      const typed = translateExpr(t, e, { columns: [] });
      return { expr: typed.expr, type: typed.type, ...(e.kind === "Number" ? { number: Number(e.text) } : {}), span: e.span };
    }
    case "Null": return { expr: nullLit(e.span), type: null, span: e.span };
    case "Unary": {
      const operand = e.op === "NOT" ? undefined : constantCell(t, e.operand);
      if (operand?.number === undefined) break;
      const n = e.op === "-" ? -operand.number : operand.number;
      return { expr: operand.type?.kind === "float" ? floatLit(n, e.span) : numberLit(n, e.span), type: operand.type, number: n, span: e.span };
    }
    case "Cast": {
      if (e.expr.kind !== "Null") break;
      const type = columnTypeOf(e.type);
      if (type === undefined || type.kind === "row") abort(t, "SQL3014", e.type.span, { name: e.type.name });
      return { expr: nullLit(e.span), type, span: e.span };
    }
    default: break;
  }
  abort(t, "SQL3061", e.span);
}

/** The least restrictive type of a column's cells (Flink's rule for literal rows); a typed NULL counts, a bare one not. */
function columnType(t: Translator, cells: readonly Cell[]): ColumnType {
  let type: ColumnType | null = null;
  let first: Cell | null = null;
  for (const cell of cells) {
    const own = cell.type;
    if (own === null) continue;
    if (type === null || first === null) {
      type = own;
      first = cell;
      continue;
    }
    if (own.kind === type.kind) continue;
    const numeric = (k: ColumnType["kind"]) => k === "int" || k === "float";
    if (numeric(own.kind) && numeric(type.kind)) {
      type = { kind: "float" };
      continue;
    }
    abort(t, "SQL3062", cell.span, { first: type.kind, other: own.kind });
  }
  if (type === null) abort(t, "SQL3063", cells[0]!.span);
  return type;
}

/** An INT cell of a DOUBLE column as a float literal (the `.flow` record type says float). */
function widened(cell: Cell, type: ColumnType): Expr {
  return type.kind === "float" && cell.type?.kind === "int" && cell.number !== undefined ? floatLit(cell.number, cell.span) : cell.expr;
}

/** `values`, `values_1`, … : the first name no source of the program has (each VALUES is its own source). */
function freeSourceName(t: Translator): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? "values" : `values_${i}`;
    if (!t.sources.has(name)) return name;
  }
}
