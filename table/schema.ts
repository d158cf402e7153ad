// Flink's Schema builder for in-memory tables (`Schema.newBuilder().column('ts', DataTypes.TIMESTAMP(3))
// .watermark('ts', "ts - INTERVAL '1' SECOND").build()`): the columns and watermark of the table's CREATE TABLE.
import type { Expr as SqlExpr } from "../compiler/sql/ast.js";
import { DataType } from "./data-types.js";
import { callSql, Expression } from "./expressions.js";

export interface SchemaColumn {
  readonly name: string;
  readonly type: DataType;
}

export interface SchemaWatermark {
  readonly column: string;
  readonly expr: SqlExpr;
}

export class Schema {
  private constructor(readonly columns: readonly SchemaColumn[], readonly watermark: SchemaWatermark | null) {}

  static newBuilder(): SchemaBuilder {
    return new SchemaBuilder();
  }

  columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** @internal the builder's constructor */
  static of(columns: readonly SchemaColumn[], watermark: SchemaWatermark | null): Schema {
    return new Schema(columns, watermark);
  }
}

export class SchemaBuilder {
  private readonly columns: SchemaColumn[] = [];
  private watermarkSpec: SchemaWatermark | null = null;

  column(name: string, type: DataType): this {
    if (this.columns.some((c) => c.name === name)) throw new Error(`Schema: column \`${name}\` is declared twice`);
    this.columns.push({ name, type });
    return this;
  }

  /** The event-time attribute: `watermark('ts', "ts - INTERVAL '5' SECOND")` (bounded out-of-orderness) or `watermark('ts', $('ts'))`. */
  watermark(column: string, expr: string | Expression): this {
    this.watermarkSpec = { column, expr: (typeof expr === "string" ? callSql(expr) : expr).node };
    return this;
  }

  build(): Schema {
    if (this.columns.length === 0) throw new Error("Schema: declare at least one column");
    const w = this.watermarkSpec;
    if (w !== null && !this.columns.some((c) => c.name === w.column)) throw new Error(`Schema: the watermark column \`${w.column}\` is not a column (columns: ${this.columns.map((c) => c.name).join(", ")})`);
    return Schema.of(this.columns, w);
  }
}
