// Flink's DataTypes (`DataTypes.BIGINT().notNull()`), as the SQL types Eddy's DDL declares (compiler/sql/column-type.ts
// lists what each becomes). As in Flink, a type is nullable unless `.notNull()` says otherwise.
import type { DataType as SqlDataType } from "../compiler/sql/ast.js";
import { printType } from "../compiler/sql/print-sql.js";
import { SYNTHETIC } from "./sql-nodes.js";

export class DataType {
  constructor(readonly node: SqlDataType) {}

  notNull(): DataType { return new DataType({ ...this.node, notNull: true }); }
  nullable(): DataType { return new DataType({ ...this.node, notNull: false }); }
  toString(): string { return printType(this.node); }
}

function named(name: string, params: readonly number[] = []): DataType {
  return new DataType({ kind: "DataType", name, params, fields: [], element: null, key: null, value: null, timeZone: null, notNull: false, span: SYNTHETIC });
}

export const DataTypes = {
  TINYINT: () => named("TINYINT"),
  SMALLINT: () => named("SMALLINT"),
  INT: () => named("INT"),
  BIGINT: () => named("BIGINT"),
  FLOAT: () => named("FLOAT"),
  DOUBLE: () => named("DOUBLE"),
  DECIMAL: (precision: number, scale: number) => named("DECIMAL", [precision, scale]),
  BOOLEAN: () => named("BOOLEAN"),
  STRING: () => named("STRING"),
  VARCHAR: (length: number) => named("VARCHAR", [length]),
  /** Milliseconds since the epoch at run time (a JavaScript Date given as a value is converted). */
  TIMESTAMP: (precision = 3) => named("TIMESTAMP", [precision]),
  TIMESTAMP_LTZ: (precision = 3) => named("TIMESTAMP_LTZ", [precision]),
  DATE: () => named("DATE"),
} as const;
