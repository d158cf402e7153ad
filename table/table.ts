// Flink's Table: an immutable query over the environment's catalog. Every operation returns a new Table whose query
// wraps this one (`where` is SELECT * FROM (this) WHERE …), resolved at once by the SQL translator, so a bad column
// fails at the call that names it. Executing a Table prints the catalog and the query and compiles them with
// compileSql: the Table API has no translator of its own.
import type { Expr as SqlExpr, OrderItem, Query, SelectItem, TableRef } from "../compiler/sql/ast.js";
import { printQuery } from "../compiler/sql/print-sql.js";
import { Expression, toExpression, type ExpressionLike } from "./expressions.js";
import { GroupedTable } from "./grouped-table.js";
import { resolveQuery, type ResolvedQuery } from "./resolve-query.js";
import { describe, nameOf, selectItems } from "./select-items.js";
import { columnRef, derived, identifier, query, select, selectExpr, STAR, SYNTHETIC, tableName } from "./sql-nodes.js";
import type { TableContext } from "./table-context.js";
import { builtBy } from "./table-error.js";
import { ResolvedSchema, type TableResult } from "./table-result.js";
import { GroupWindowedTable } from "./windowed-table.js";
import type { GroupWindow } from "./windows.js";

/** The column a top-N result keeps its row number in while it runs (its upsert key; not one of the Table's columns). */
export const RANK_COLUMN = "__rank";

/** How a Table's query was made, where a later call reads it differently. */
export type TableShape =
  | { readonly kind: "query" }
  /** `SELECT * FROM <name>`: a window can read the catalog table itself. */
  | { readonly kind: "catalog"; readonly name: string }
  /** `join(right)` waiting for `where(condition)` (its query alone is a cross join, which fails to resolve). */
  | { readonly kind: "join"; readonly left: Table; readonly right: Table }
  /** `orderBy(…)` waiting for `limit(n)` (its query alone is ORDER BY on a stream, which fails to resolve). */
  | { readonly kind: "ordered"; readonly input: Table; readonly order: readonly OrderItem[] }
  /** `orderBy(…).limit(n)`: the query that also selects the row number (see RANK_COLUMN), for running it. */
  | { readonly kind: "top"; readonly ranked: Query };

export class Table {
  private resolved: ResolvedQuery | undefined;

  /** @internal Tables are made by a TableEnvironment and by the operations of other Tables. */
  constructor(readonly context: TableContext, readonly query: Query, readonly call: string, private readonly shape: TableShape = { kind: "query" }) {}

  /** @internal A Table for `query` made by `call`, resolved now (an unknown column throws here). */
  static of(context: TableContext, q: Query, call: string, shape: TableShape = { kind: "query" }): Table {
    const table = new Table(context, builtBy(q, call), call, shape);
    table.columns();
    return table;
  }

  // ───────────────────────────── schema ─────────────────────────────

  getResolvedSchema(): ResolvedSchema {
    return new ResolvedSchema(this.columns());
  }

  /** The query as SQL (what is compiled when the Table runs, after the catalog's DDL). */
  toSql(): string {
    return printQuery(this.query);
  }

  /** @internal The output columns, resolved by the SQL translator. */
  columns(): readonly string[] {
    return this.resolve().columns;
  }

  /** @internal The query to run: a top-N also selects its row number (RANK_COLUMN). */
  runnableQuery(): Query {
    return this.shape.kind === "top" ? this.shape.ranked : this.query;
  }

  private resolve(): ResolvedQuery {
    this.resolved ??= resolveQuery(this.context.ddl, this.query, this.call);
    return this.resolved;
  }

  // ───────────────────────────── relational operations ─────────────────────────────

  /** Projection: `select($('a'), $('b').plus(1).as('b1'))`; aggregates without groupBy aggregate the whole table. */
  select(...fields: ExpressionLike[]): Table {
    const exprs = fields.map(toExpression);
    return Table.of(this.context, query(select(selectItems(exprs), this.asFrom())), `select(${describe(exprs)})`);
  }

  /** Keeps the rows satisfying `predicate`; after `join(right)`, the join condition. */
  where(predicate: ExpressionLike): Table {
    const condition = toExpression(predicate);
    if (this.shape.kind === "join") return this.shape.left.joinOn(this.shape.right, "INNER", condition, `join(…).where(${condition})`);
    return Table.of(this.context, query(select([STAR], this.asFrom(), { where: condition.node })), `where(${condition})`);
  }

  /** Flink's synonym of `where`. */
  filter(predicate: ExpressionLike): Table {
    return this.where(predicate);
  }

  groupBy(...fields: ExpressionLike[]): GroupedTable {
    if (fields.length === 0) throw new Error("groupBy(): give at least one grouping expression");
    return new GroupedTable(this, fields.map(toExpression));
  }

  /** A group window (Tumble, Slide, Session, Cumulate) to aggregate over: `.window(w).groupBy($('w'), …).select(…)`. */
  window(window: GroupWindow): GroupWindowedTable {
    return new GroupWindowedTable(this, window);
  }

  /** Removes duplicate rows (a GROUP BY every column). */
  distinct(): Table {
    const columns = this.columns();
    const keys = columns.map((c) => columnRef(c));
    return Table.of(this.context, query(select(columns.map((c) => selectExpr(columnRef(c))), this.asFrom(), { groupBy: keys })), "distinct()");
  }

  /**
   * Inner join: `left.join(right).where(cond)` or `left.join(right, cond)`. As in Flink, the two tables' column names
   * must differ (rename one side first with `as` or `renameColumns`).
   */
  join(right: Table, joinPredicate?: ExpressionLike): Table {
    this.checkJoinable(right, "join");
    if (joinPredicate !== undefined) {
      const condition = toExpression(joinPredicate);
      return this.joinOn(right, "INNER", condition, `join(…, ${condition})`);
    }
    const cross: TableRef = { kind: "Join", joinType: "INNER", natural: false, left: this.asFrom("l"), right: right.asFrom("r"), on: null, using: null, span: SYNTHETIC };
    return new Table(this.context, builtBy(query(select([STAR], cross)), "join(…)"), "join(…)", { kind: "join", left: this, right });
  }

  /**
   * Left outer join (`SELECT * FROM t AS l LEFT JOIN r ON cond`): every row of this table, with the right table's
   * columns NULL where no right row matches. As in SQL: a window join or an interval join (`cond` bounds one side's
   * time attribute by the other's) pads a row once no match can come and stays insert-only; without such a bound it is
   * a regular outer join, whose changelog inserts a padded row at once and deletes it (-D) when its match arrives.
   */
  leftOuterJoin(right: Table, joinPredicate: ExpressionLike): Table {
    return this.outerJoin(right, joinPredicate, "LEFT", "leftOuterJoin");
  }

  /** Right outer join: every row of `right`, this table's columns NULL where none matches (see leftOuterJoin). */
  rightOuterJoin(right: Table, joinPredicate: ExpressionLike): Table {
    return this.outerJoin(right, joinPredicate, "RIGHT", "rightOuterJoin");
  }

  /** Full outer join: every row of both tables, the other side's columns NULL where none matches (see leftOuterJoin). */
  fullOuterJoin(right: Table, joinPredicate: ExpressionLike): Table {
    return this.outerJoin(right, joinPredicate, "FULL", "fullOuterJoin");
  }

  private outerJoin(right: Table, joinPredicate: ExpressionLike, joinType: "LEFT" | "RIGHT" | "FULL", method: string): Table {
    this.checkJoinable(right, method);
    const condition = toExpression(joinPredicate);
    return this.joinOn(right, joinType, condition, `${method}(…, ${condition})`);
  }

  /**
   * Both tables in one environment, no column name in common (as Flink requires). Update streams and changelogs with
   * deletions join as in SQL (an update stream through its changelog); what SQL cannot join — a top-N without its row
   * number, which a `limit(n)` Table keeps for its own run only — is the translator's SQL3006 when the join resolves.
   */
  private checkJoinable(right: Table, method: string): void {
    if (right.context !== this.context) throw new Error(`${method}(): the two tables belong to different TableEnvironments`);
    const clash = this.columns().filter((c) => right.columns().includes(c));
    if (clash.length > 0) throw new Error(`${method}(): both tables have the column${clash.length > 1 ? "s" : ""} ${clash.map((c) => `\`${c}\``).join(", ")}; rename one side first, e.g. right.renameColumns($('${clash[0]}').as('${clash[0]}_2'))`);
  }

  private joinOn(right: Table, joinType: "INNER" | "LEFT" | "RIGHT" | "FULL", condition: Expression, call: string): Table {
    const join: TableRef = { kind: "Join", joinType, natural: false, left: this.asFrom("l"), right: right.asFrom("r"), on: condition.node, using: null, span: SYNTHETIC };
    return Table.of(this.context, query(select([STAR], join)), call);
  }

  /** The rows of both tables (their columns matched by position, named after this table's). */
  unionAll(other: Table): Table {
    return this.setOperation("UNION", true, other, "unionAll");
  }

  /** The distinct rows of both tables (SQL's UNION). */
  union(other: Table): Table {
    return this.setOperation("UNION", false, other, "union");
  }

  /** The distinct rows both tables have (SQL's INTERSECT; NULL equals NULL), each once when the second table has it. */
  intersect(other: Table): Table {
    return this.setOperation("INTERSECT", false, other, "intersect");
  }

  /** Each row as many times as both tables have it: min(m, n) copies of a row this table has m times and `other` n. */
  intersectAll(other: Table): Table {
    return this.setOperation("INTERSECT", true, other, "intersectAll");
  }

  /**
   * The distinct rows of this table that `other` lacks (SQL's EXCEPT): a changelog — a row is inserted when this table
   * gets it first and deleted (-D) once `other` has it too.
   */
  minus(other: Table): Table {
    return this.setOperation("EXCEPT", false, other, "minus");
  }

  /** SQL's EXCEPT ALL: max(0, m − n) copies of a row this table has m times and `other` n, as a changelog (see minus). */
  minusAll(other: Table): Table {
    return this.setOperation("EXCEPT", true, other, "minusAll");
  }

  private setOperation(op: "UNION" | "INTERSECT" | "EXCEPT", all: boolean, other: Table, method: string): Table {
    if (other.context !== this.context) throw new Error(`${method}(): the two tables belong to different TableEnvironments`);
    const body = { kind: "SetOperation" as const, op, all, left: select([STAR], this.asFrom()), right: select([STAR], other.asFrom()), span: SYNTHETIC };
    return Table.of(this.context, query(body), `${method}(…)`);
  }

  /** Sorts the table; on a stream, only with `limit(n)` (a top-N), as in Flink. */
  orderBy(...fields: ExpressionLike[]): Table {
    if (fields.length === 0) throw new Error("orderBy(): give at least one expression");
    const order: OrderItem[] = fields.map(toExpression).map((e) => ({ kind: "OrderItem", expr: e.node, descending: e.order === "DESC", nulls: null, span: SYNTHETIC }));
    const ordered: Query = { ...query(select([STAR], this.asFrom())), orderBy: order };
    const call = `orderBy(${describe(fields.map(toExpression))})`;
    return new Table(this.context, builtBy(ordered, call), call, { kind: "ordered", input: this, order });
  }

  /** The first `n` rows in the order of `orderBy`, kept up to date as rows arrive (Flink's Top-N). */
  limit(n: number): Table {
    return this.fetch(n);
  }

  /** Flink's name of `limit` (`orderBy(…).fetch(n)`). */
  fetch(n: number): Table {
    if (this.shape.kind !== "ordered") throw new Error(`fetch(${n}) / limit(${n}): call orderBy(…) first, as in Flink: table.orderBy($('x').desc()).limit(${n})`);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`limit(${n}): keep at least one row (a whole number ≥ 1)`);
    const input = this.shape.input;
    const columns = input.columns();
    const rowNumber: SqlExpr = {
      kind: "Call", name: [identifier("ROW_NUMBER")], distinct: false, args: [], star: false, filter: null, niladic: false, span: SYNTHETIC,
      over: { kind: "WindowSpec", name: null, partitionBy: [], orderBy: this.shape.order, frame: null, span: SYNTHETIC },
    };
    const rn = "__rn";
    const ranked = query(select([STAR, selectExpr(rowNumber, rn)], input.asFrom()));
    const where: SqlExpr = { kind: "Binary", op: "<=", left: columnRef(rn), right: { kind: "Number", text: String(n), span: SYNTHETIC }, span: SYNTHETIC };
    const outer = (items: SelectItem[]) => query(select(items, derived(ranked, "t"), { where }));
    const visible = columns.map((c) => selectExpr(columnRef(c)));
    const call = `${this.call}.limit(${n})`;
    const runnable = builtBy(outer([...visible, selectExpr(columnRef(rn), RANK_COLUMN)]), call);
    return Table.of(this.context, outer(visible), call, { kind: "top", ranked: runnable });
  }

  /** Renames every column, in order: `as('a', 'b')`. */
  as(...names: string[]): Table {
    const columns = this.columns();
    if (names.length !== columns.length) throw new Error(`as(${names.join(", ")}): the table has ${columns.length} column${columns.length === 1 ? "" : "s"} (${columns.join(", ")}), not ${names.length}`);
    return Table.of(this.context, query(select(columns.map((c, i) => selectExpr(columnRef(c), names[i]!)), this.asFrom())), `as(${names.join(", ")})`);
  }

  /** Adds computed columns after the existing ones; a name the table already has is an error (see addOrReplaceColumns). */
  addColumns(...fields: ExpressionLike[]): Table {
    const exprs = fields.map(toExpression);
    const columns = this.columns();
    const added = exprs.map((e, i) => ({ e, name: nameOf(e, columns.length + i) }));
    const taken = added.find((a) => columns.includes(a.name));
    if (taken !== undefined) throw new Error(`addColumns(${describe(exprs)}): the table already has a column \`${taken.name}\`; use addOrReplaceColumns to replace it`);
    return Table.of(this.context, query(select([STAR, ...added.map((a) => selectExpr(a.e.node, a.name))], this.asFrom())), `addColumns(${describe(exprs)})`);
  }

  /** Adds computed columns; one named like an existing column replaces it in place. */
  addOrReplaceColumns(...fields: ExpressionLike[]): Table {
    const exprs = fields.map(toExpression);
    const columns = this.columns();
    const added = exprs.map((e, i) => ({ e, name: nameOf(e, columns.length + i) }));
    const items = columns.map((c) => {
      const replacement = added.find((a) => a.name === c);
      return replacement === undefined ? selectExpr(columnRef(c)) : selectExpr(replacement.e.node, c);
    });
    for (const a of added) if (!columns.includes(a.name)) items.push(selectExpr(a.e.node, a.name));
    return Table.of(this.context, query(select(items, this.asFrom())), `addOrReplaceColumns(${describe(exprs)})`);
  }

  /** Renames some columns: `renameColumns($('a').as('x'))`. */
  renameColumns(...fields: Expression[]): Table {
    const columns = this.columns();
    const renames = new Map<string, string>();
    for (const f of fields) {
      const column = f.node.kind === "ColumnRef" && f.node.path.length === 1 ? f.node.path[0]!.name : undefined;
      if (column === undefined || f.alias === null) throw new Error(`renameColumns(${f}): write a column and its new name, e.g. $('a').as('b')`);
      if (!columns.includes(column)) throw new Error(`renameColumns(${f}): no column \`${column}\` (columns: ${columns.join(", ")})`);
      renames.set(column, f.alias);
    }
    const call = `renameColumns(${fields.map((f) => `${f} AS ${f.alias}`).join(", ")})`;
    return Table.of(this.context, query(select(columns.map((c) => selectExpr(columnRef(c), renames.get(c) ?? null)), this.asFrom())), call);
  }

  /** Removes columns: `dropColumns($('a'), $('b'))`. */
  dropColumns(...fields: Expression[]): Table {
    const columns = this.columns();
    const dropped = fields.map((f) => {
      const column = f.node.kind === "ColumnRef" && f.node.path.length === 1 ? f.node.path[0]!.name : undefined;
      if (column === undefined || !columns.includes(column)) throw new Error(`dropColumns(${f}): no column \`${f}\` (columns: ${columns.join(", ")})`);
      return column;
    });
    const kept = columns.filter((c) => !dropped.includes(c));
    if (kept.length === 0) throw new Error(`dropColumns(${dropped.join(", ")}): a table keeps at least one column`);
    return Table.of(this.context, query(select(kept.map((c) => selectExpr(columnRef(c))), this.asFrom())), `dropColumns(${dropped.join(", ")})`);
  }

  // ───────────────────────────── execution ─────────────────────────────

  /** Runs the query; its rows are streamed by the result's `collect()` (the job starts when collected). */
  execute(): TableResult {
    return this.context.execute(this);
  }

  /** Writes the rows into the catalog table `tablePath` and waits until the job ends. */
  executeInsert(tablePath: string): Promise<TableResult> {
    return this.context.executeInsert(this, tablePath);
  }

  /** The written and optimised plans of the job running this Table, and what fused. */
  explain(): string {
    return this.context.explain(this);
  }

  /** @internal Whether the rows are inserts only, or upserts keyed by some of the columns. */
  changelogMode(): ResolvedQuery["changelog"] {
    return this.resolve().changelog;
  }

  /** @internal This Table in a FROM clause. */
  asFrom(alias = "t"): TableRef {
    return this.shape.kind === "catalog" ? tableName(this.shape.name) : derived(this.query, alias);
  }

  /** @internal The catalog table this Table reads whole, if it is one (a window TVF can read it by name). */
  catalogName(): string | null {
    return this.shape.kind === "catalog" ? this.shape.name : null;
  }

  /** @internal A Table reading catalog table or view `name`. */
  static fromCatalog(context: TableContext, name: string): Table {
    return Table.of(context, query(select([STAR], tableName(name))), `from(${JSON.stringify(name)})`, { kind: "catalog", name });
  }
}
