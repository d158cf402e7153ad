// The Schema of in-memory rows given without one (TableEnvironment.fromValues): each column's type from its values —
// whole numbers BIGINT, other numbers DOUBLE, strings STRING, booleans BOOLEAN, Dates TIMESTAMP(3) — NOT NULL unless
// a row has null there (Eddy's checker wants aggregated values non-null; SQL's nullable default would stop SUM).
import { DataTypes, type DataType } from "./data-types.js";
import { Schema } from "./schema.js";

export function inferSchema(rows: readonly Readonly<Record<string, unknown>>[]): Schema {
  if (rows.length === 0) throw new Error("fromValues(rows): with no rows there is nothing to infer the columns from; pass a Schema");
  const names = Object.keys(rows[0]!);
  const builder = Schema.newBuilder();
  for (const name of names) {
    let kind: "int" | "float" | "string" | "bool" | "timestamp" | undefined;
    let nullable = false;
    rows.forEach((row, i) => {
      const value = row[name];
      if (value === null || value === undefined) {
        nullable = true;
        return;
      }
      const k = kindOf(value);
      if (k === undefined) throw new Error(`fromValues(rows): row ${i} column \`${name}\` holds ${typeof value} ${JSON.stringify(value)}, which has no SQL type here; pass a Schema`);
      if (kind === undefined || (kind === "int" && k === "float")) kind = k;
      else if (kind !== k && !(kind === "float" && k === "int")) throw new Error(`fromValues(rows): column \`${name}\` holds both ${kind} and ${k} values (row ${i}); pass a Schema`);
    });
    if (kind === undefined) throw new Error(`fromValues(rows): column \`${name}\` is null in every row, so its type is unknown; pass a Schema`);
    const type: DataType = { int: DataTypes.BIGINT, float: DataTypes.DOUBLE, string: DataTypes.STRING, bool: DataTypes.BOOLEAN, timestamp: () => DataTypes.TIMESTAMP(3) }[kind]();
    builder.column(name, nullable ? type : type.notNull());
  }
  for (const [i, row] of rows.entries()) {
    const extra = Object.keys(row).find((k) => !names.includes(k));
    if (extra !== undefined) throw new Error(`fromValues(rows): row ${i} has a column \`${extra}\` the first row lacks; give every row the same columns, or pass a Schema`);
  }
  return builder.build();
}

function kindOf(value: unknown): "int" | "float" | "string" | "bool" | "timestamp" | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (value instanceof Date) return "timestamp";
  return undefined;
}
