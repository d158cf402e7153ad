// What a Table needs from the TableEnvironment that made it: the catalog its query reads, and running it.
import type { Statement } from "../compiler/sql/ast.js";
import type { Row } from "./row.js";
import type { Table } from "./table.js";
import type { TableResult } from "./table-result.js";

export interface TableContext {
  /** The catalog as DDL statements (CREATE TABLE / VIEW / FUNCTION, SET), in the order they were made. */
  readonly ddl: readonly Statement[];
  execute(table: Table): TableResult;
  executeInsert(table: Table, target: string): Promise<TableResult>;
  explain(table: Table): string;
  toChangelogStream(table: Table): AsyncIterable<Row>;
}
