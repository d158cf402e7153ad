// Eddy's Table API (`eddy/table`): Flink's TableEnvironment, Table and expressions, built on the Flink SQL compiler.
export { TableEnvironment, type EnvironmentSettings } from "./table-environment.js";
export { Table } from "./table.js";
export { GroupedTable } from "./grouped-table.js";
export { GroupWindowedTable, WindowGroupedTable } from "./windowed-table.js";
export { TableResult, ResolvedSchema, type ResultKind } from "./table-result.js";
export { $, lit, ifThenElse, concat, callSql, Expression, type ExpressionLike } from "./expressions.js";
export { Tumble, Slide, Session, Cumulate, type GroupWindow } from "./windows.js";
export { DataTypes, DataType } from "./data-types.js";
export { Schema, SchemaBuilder } from "./schema.js";
export { TableApiError } from "./table-error.js";
export type { Row, RowKind } from "./row.js";
