// Flink's TableEnvironment: the session catalog (DDL run through executeSql, views, in-memory tables) and the entry to
// Tables (`from`, `sqlQuery`, `fromValues`). Whatever runs is printed as one SQL script — the catalog's DDL, then the
// statement — and compiled with compileSql; in-memory tables are filesystem tables whose source the run replaces
// with the rows (the job factory's `sources` option).
import { LineMap } from "../compiler/diagnostics/line-map.js";
import type { CreateTable, Insert, Statement } from "../compiler/sql/ast.js";
import { parseSql } from "../compiler/sql/parse-sql.js";
import { printFusionReport, printPlans } from "../compiler/plan/print-plan.js";
import { ChangelogBuilder } from "./changelog.js";
import { inferSchema } from "./infer-schema.js";
import { JobRunner, type RunOptions, type SourceRows } from "./job-runner.js";
import { checkCatalog, queryStatement, SCRIPT_FILE } from "./resolve-query.js";
import type { Row } from "./row.js";
import type { Schema } from "./schema.js";
import { identifier, SYNTHETIC } from "./sql-nodes.js";
import { RANK_COLUMN, Table } from "./table.js";
import type { TableContext } from "./table-context.js";
import { tableApiError } from "./table-error.js";
import { TableResult } from "./table-result.js";

export interface EnvironmentSettings {
  /** Parallelism of every job (default: the script's `SET 'parallelism.default'`, else 1). */
  readonly parallelism?: number;
  /** Worker threads (default 1: jobs run in the calling thread, next to the in-memory sources and result rows). */
  readonly workers?: number;
  /** Fuse operator chains (default true; false runs the interpreted path, as `eddy run --no-fuse`). */
  readonly fuse?: boolean;
}

/** The file name executeSql's diagnostics point into. */
const STATEMENT_FILE = "executeSql.sql";

export class TableEnvironment implements TableContext {
  private readonly statements: Statement[] = [];
  private readonly inline = new Map<string, SourceRows>();
  private readonly runner: JobRunner;

  private constructor(settings: EnvironmentSettings) {
    this.runner = new JobRunner(settings satisfies RunOptions);
  }

  static create(settings: EnvironmentSettings = {}): TableEnvironment {
    return new TableEnvironment(settings);
  }

  /** @internal the catalog as DDL */
  get ddl(): readonly Statement[] {
    return this.statements;
  }

  // ───────────────────────────── SQL ─────────────────────────────

  /**
   * Runs one statement. DDL (CREATE TABLE / VIEW / FUNCTION, SET, RESET) registers in the catalog; INSERT INTO and
   * EXECUTE STATEMENT SET run their jobs to the end (the result holds the rows written); a query returns its
   * streaming result (collect() runs it); EXPLAIN returns the plan.
   */
  async executeSql(sql: string): Promise<TableResult> {
    const statement = this.parseOne(sql, "executeSql");
    switch (statement.kind) {
      case "CreateTable": case "CreateView": case "CreateFunction": case "Set": case "Reset":
        this.register(statement, `executeSql(${JSON.stringify(abbreviate(sql))})`);
        return TableResult.ok();
      case "QueryStatement":
        return Table.of(this, statement.query, `executeSql(${JSON.stringify(abbreviate(sql))})`).execute();
      case "Insert":
        return this.runInserts([statement], "executeSql");
      case "StatementSet":
        return this.runInserts(statement.statements, "executeSql");
      case "Explain":
        return new TableResult("SUCCESS_WITH_CONTENT", ["result"], async (push) => push({ kind: "+I", fields: { result: this.explainStatement(statement.statement, "executeSql(EXPLAIN …)") } }));
    }
  }

  /** A Table for a SQL query (`SELECT …`), resolved against the catalog now. */
  sqlQuery(sql: string): Table {
    const statement = this.parseOne(sql, "sqlQuery");
    if (statement.kind !== "QueryStatement") throw new Error(`sqlQuery(): expected a query (SELECT …), got ${statement.kind}; run other statements with executeSql`);
    return Table.of(this, statement.query, `sqlQuery(${JSON.stringify(abbreviate(sql))})`);
  }

  /** The optimised plan of a query or INSERT, as `eddy explain` prints it: the plans, then what fused. */
  explainSql(sql: string): string {
    const statement = this.parseOne(sql, "explainSql");
    const target = statement.kind === "Explain" ? statement.statement : statement;
    if (target.kind !== "QueryStatement" && target.kind !== "Insert" && target.kind !== "StatementSet") throw new Error(`explainSql(): expected a query or INSERT, got ${statement.kind}`);
    return this.explainStatement(target, "explainSql");
  }

  // ───────────────────────────── catalog ─────────────────────────────

  /** A Table reading a catalog table or view. */
  from(path: string): Table {
    return Table.fromCatalog(this, path);
  }

  /** Registers `table` as a view named `path` (its query, as CREATE TEMPORARY VIEW). */
  createTemporaryView(path: string, table: Table): void {
    if (table.context !== this) throw new Error(`createTemporaryView(${JSON.stringify(path)}): the table belongs to another TableEnvironment`);
    this.register({ kind: "CreateView", temporary: true, ifNotExists: false, name: [identifier(path)], columns: null, query: table.query, span: SYNTHETIC }, `createTemporaryView(${JSON.stringify(path)})`);
  }

  /**
   * A Table over in-memory rows (objects keyed by column name). Without a schema the columns and their types come from
   * the rows (see infer-schema.ts); a Schema gives types and a watermark. Dates become milliseconds since the epoch.
   */
  fromValues(rows: readonly Readonly<Record<string, unknown>>[], schema?: Schema): Table {
    const s = schema ?? inferSchema(rows);
    const names = s.columnNames();
    const converted = rows.map((row) => Object.fromEntries(names.map((n) => [n, toRuntimeValue(row[n])])));
    return this.fromRows(converted, s, "fromValues");
  }

  /**
   * A Table over a stream of rows (Flink's fromDataStream): an iterable or async iterable of objects keyed by column
   * name, read once per run (an async iterable can run only once).
   */
  fromDataStream(stream: Iterable<Readonly<Record<string, unknown>>> | AsyncIterable<Readonly<Record<string, unknown>>>, schema: Schema): Table {
    return this.fromRows(stream, schema, "fromDataStream");
  }

  /**
   * The rows of `table` as Flink's changelog: +I for inserts; for an update stream (a GROUP BY without window, a
   * top-N) -U with the key's previous row and +U with its new one; -D for a row a regular outer join or minus takes
   * back. The job runs while the iterable is read.
   */
  toChangelogStream(table: Table): AsyncIterable<Row> {
    return this.execute(table).collect();
  }

  /** The rows of an insert-only `table` (all +I); an update stream or a changelog with deletions throws (read it with toChangelogStream). */
  toDataStream(table: Table): AsyncIterable<Row> {
    const changelog = table.changelogMode();
    if (changelog.kind === "upsert") {
      throw new Error(`toDataStream(): the table built by ${table.call} is an update stream (rows are replaced per key${changelog.upsertKey.length > 0 ? ` ${changelog.upsertKey.join(", ")}` : ""}); read it with toChangelogStream`);
    }
    if (changelog.kind === "retract") throw new Error(`toDataStream(): the table built by ${table.call} is a changelog with deletions (a regular outer join, minus); read it with toChangelogStream`);
    return this.execute(table).collect();
  }

  // ───────────────────────────── running (TableContext) ─────────────────────────────

  /** @internal */
  execute(table: Table): TableResult {
    const columns = table.columns();
    return new TableResult("SUCCESS_WITH_CONTENT", columns, async (push, signal) => {
      const action = `execute() of the table built by ${table.call}`;
      const script = await this.runner.compile(this.statements, queryStatement(table.runnableQuery()), action);
      const info = script.result.queries.at(-1)!;
      const builder = new ChangelogBuilder(info.changelog, info.columns.filter((c) => c.name !== RANK_COLUMN));
      await this.runner.run(script, info.job, this.inline, { [info.sink]: (record) => { for (const row of builder.rows(record)) push(row); } }, signal);
    });
  }

  /** @internal */
  executeInsert(table: Table, target: string): Promise<TableResult> {
    const insert: Insert = { kind: "Insert", overwrite: false, table: [identifier(target)], partition: [], columns: null, query: table.query, span: SYNTHETIC };
    return this.runInserts([insert], `executeInsert(${JSON.stringify(target)}) of the table built by ${table.call}`);
  }

  /** @internal */
  explain(table: Table): string {
    return this.explainStatement(queryStatement(table.runnableQuery()), `explain() of the table built by ${table.call}`);
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private fromRows(rows: SourceRows, schema: Schema, call: string): Table {
    const name = `inline_${this.inline.size + 1}`;
    const w = schema.watermark;
    const decl: CreateTable = {
      kind: "CreateTable", temporary: true, ifNotExists: false, name: [identifier(name)],
      // why NOT NULL on the watermark column: Eddy's event time needs a timestamp on every row (FLOW3018)
      columns: schema.columns.map((c) => ({ kind: "PhysicalColumn", name: identifier(c.name), type: c.name === w?.column ? { ...c.type.node, notNull: true } : c.type.node, primaryKey: false, comment: null, span: SYNTHETIC })),
      watermark: w === null ? null : { kind: "Watermark", column: identifier(w.column), expr: w.expr, span: SYNTHETIC },
      primaryKey: null, comment: null, partitionedBy: [], like: null, span: SYNTHETIC,
      options: [["connector", "filesystem"], ["path", `${name}.jsonl`], ["format", "json"]].map(([key, value]) => ({
        kind: "Option" as const, key: { kind: "String" as const, value: key!, span: SYNTHETIC }, value: { kind: "String" as const, value: value!, span: SYNTHETIC }, span: SYNTHETIC,
      })),
    };
    this.register(decl, call);
    this.inline.set(name, rows);
    return Table.fromCatalog(this, name);
  }

  /** Adds a DDL statement to the catalog, or throws (leaving the catalog as it was) when the catalog rejects it. */
  private register(statement: Statement, call: string): void {
    this.statements.push(statement);
    try {
      checkCatalog(this.statements, call);
    } catch (error) {
      this.statements.pop();
      throw error;
    }
  }

  private async runInserts(inserts: readonly Insert[], action: string): Promise<TableResult> {
    const statement: Statement = inserts.length === 1 ? inserts[0]! : { kind: "StatementSet", statements: inserts, span: SYNTHETIC };
    const script = await this.runner.compile(this.statements, statement, action);
    const jobs = script.result.queries.filter((q) => q.kind === "insert");
    const written = await Promise.all(jobs.map((q) => this.runner.run(script, q.job, this.inline)));
    const fields = Object.fromEntries(jobs.map((q, i) => [q.sink, written[i]]));
    return new TableResult("SUCCESS_WITH_CONTENT", jobs.map((q) => q.sink), async (push) => push({ kind: "+I", fields }));
  }

  private explainStatement(statement: Statement, action: string): string {
    const result = this.runner.plan(this.statements, statement, action);
    const lines = new LineMap(result.check.sources.get(SCRIPT_FILE) ?? "");
    return `${printPlans(result.unoptimised!, result.plan!, "text", lines)}\n\n== fusion ==\n${printFusionReport(result.plan!)}\n`;
  }

  private parseOne(sql: string, call: string): Statement {
    const parsed = parseSql(sql, STATEMENT_FILE);
    if (parsed.diagnostics.some((d) => d.severity === "error")) throw tableApiError(call, sql, STATEMENT_FILE, parsed.statements, parsed.diagnostics);
    if (parsed.statements.length !== 1) throw new Error(`${call}(): give exactly one statement (got ${parsed.statements.length}); run a script one statement at a time`);
    return parsed.statements[0]!;
  }
}

function toRuntimeValue(value: unknown): unknown {
  if (value === undefined) return null;
  return value instanceof Date ? value.getTime() : value;
}

function abbreviate(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
