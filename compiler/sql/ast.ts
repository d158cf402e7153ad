// The Flink SQL syntax tree that compiler/sql/sql.peggy builds: discriminated unions, every node located by a span.
// Spans are [start, end) offsets into the text the user wrote (placeholders already mapped back, see parse-sql.ts).
import type { Span } from "../ast/span.js";

export interface Identifier {
  readonly kind: "Identifier";
  /** As written (Flink keeps identifier case); backquotes removed, ``` `` ``` unescaped. */
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** `cat.db.table`: one identifier per part. */
export type QualifiedName = readonly Identifier[];

// ───────────────────────────── statements ─────────────────────────────

export type Statement = CreateTable | CreateView | CreateFunction | Insert | QueryStatement | SetStatement | ResetStatement | Explain | StatementSet;

export interface CreateTable {
  readonly kind: "CreateTable";
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly ColumnDefinition[];
  readonly watermark: Watermark | null;
  /** Table-level `PRIMARY KEY (…) NOT ENFORCED`, or a column's inline one. */
  readonly primaryKey: PrimaryKey | null;
  readonly comment: string | null;
  readonly partitionedBy: readonly Identifier[];
  readonly options: readonly TableOption[];
  readonly like: QualifiedName | null;
  readonly span: Span;
}

export type ColumnDefinition = PhysicalColumn | ComputedColumn | MetadataColumn;

export interface PhysicalColumn {
  readonly kind: "PhysicalColumn";
  readonly name: Identifier;
  readonly type: DataType;
  readonly primaryKey: boolean;
  readonly comment: string | null;
  readonly span: Span;
}

/** `name AS expr`: computed from the other columns, never stored. */
export interface ComputedColumn {
  readonly kind: "ComputedColumn";
  readonly name: Identifier;
  readonly expr: Expr;
  readonly comment: string | null;
  readonly span: Span;
}

export interface MetadataColumn {
  readonly kind: "MetadataColumn";
  readonly name: Identifier;
  readonly type: DataType;
  readonly from: string | null;
  readonly virtual: boolean;
  readonly comment: string | null;
  readonly span: Span;
}

/** `WATERMARK FOR column AS expr`. */
export interface Watermark {
  readonly kind: "Watermark";
  readonly column: Identifier;
  readonly expr: Expr;
  readonly span: Span;
}

export interface PrimaryKey {
  readonly kind: "PrimaryKey";
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/** `'key' = 'value'` in `WITH (…)`. */
export interface TableOption {
  readonly kind: "Option";
  readonly key: StringLiteral;
  readonly value: StringLiteral;
  readonly span: Span;
}

export interface CreateView {
  readonly kind: "CreateView";
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly Identifier[] | null;
  readonly query: Query;
  readonly span: Span;
}

/** `CREATE [TEMPORARY [SYSTEM]] FUNCTION name AS 'class' [LANGUAGE JAVA|SCALA|PYTHON]`. */
export interface CreateFunction {
  readonly kind: "CreateFunction";
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly className: StringLiteral;
  readonly language: "JAVA" | "SCALA" | "PYTHON" | null;
  readonly span: Span;
}

export interface Insert {
  readonly kind: "Insert";
  readonly overwrite: boolean;
  readonly table: QualifiedName;
  /** Static partition values: `PARTITION (dt = '2024-01-01')`. */
  readonly partition: readonly PartitionValue[];
  readonly columns: readonly Identifier[] | null;
  readonly query: Query;
  readonly span: Span;
}

export interface PartitionValue {
  readonly kind: "PartitionValue";
  readonly column: Identifier;
  readonly value: Literal;
  readonly span: Span;
}

export interface QueryStatement {
  readonly kind: "QueryStatement";
  readonly query: Query;
  readonly span: Span;
}

/** `SET 'key' = 'value'`; a bare `SET` (list the settings) has neither. */
export interface SetStatement {
  readonly kind: "Set";
  readonly key: StringLiteral | null;
  readonly value: StringLiteral | null;
  readonly span: Span;
}

export interface ResetStatement {
  readonly kind: "Reset";
  readonly key: StringLiteral | null;
  readonly span: Span;
}

export type ExplainDetail = "ESTIMATED_COST" | "CHANGELOG_MODE" | "JSON_EXECUTION_PLAN" | "PLAN_ADVICE";

export interface Explain {
  readonly kind: "Explain";
  readonly details: readonly ExplainDetail[];
  readonly statement: Insert | StatementSet | QueryStatement;
  readonly span: Span;
}

/** `EXECUTE STATEMENT SET BEGIN INSERT …; INSERT …; END`. */
export interface StatementSet {
  readonly kind: "StatementSet";
  readonly statements: readonly Insert[];
  readonly span: Span;
}

// ───────────────────────────── queries ─────────────────────────────

/** A full query: CTEs, a body, then ORDER BY / LIMIT / OFFSET that apply to the whole body. */
export interface Query {
  readonly kind: "Query";
  readonly with: readonly Cte[];
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  readonly limit: Expr | null;
  readonly offset: Expr | null;
  readonly span: Span;
}

/** A nested Query in a body was written in parentheses. */
export type QueryBody = Select | Values | SetOperation | Query;

export interface Cte {
  readonly kind: "Cte";
  readonly name: Identifier;
  readonly columns: readonly Identifier[] | null;
  readonly query: Query;
  readonly span: Span;
}

export interface SetOperation {
  readonly kind: "SetOperation";
  readonly op: "UNION" | "INTERSECT" | "EXCEPT";
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly span: Span;
}

export interface Values {
  readonly kind: "Values";
  readonly rows: readonly (readonly Expr[])[];
  readonly span: Span;
}

export interface Select {
  readonly kind: "Select";
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: TableRef | null;
  readonly where: Expr | null;
  /** The GROUP BY expressions (with grouping sets: every expression any set uses, in order, repeats included). */
  readonly groupBy: readonly Expr[];
  /**
   * `GROUPING SETS`, `ROLLUP`, `CUBE` (and their cross products): the grouping sets, when there are several; null for a
   * plain GROUP BY (one set: `groupBy`).
   */
  readonly groupingSets: readonly (readonly Expr[])[] | null;
  readonly having: Expr | null;
  /** The WINDOW clause: windows its OVER clauses may name. */
  readonly windows: readonly NamedWindow[];
  readonly span: Span;
}

/** `w AS (PARTITION BY … ORDER BY …)` in a WINDOW clause. */
export interface NamedWindow {
  readonly kind: "NamedWindow";
  readonly name: Identifier;
  readonly spec: WindowSpec;
  readonly span: Span;
}

export type SelectItem = Star | SelectExpr;

export interface SelectExpr {
  readonly kind: "SelectExpr";
  readonly expr: Expr;
  readonly alias: Identifier | null;
  readonly span: Span;
}

/** `*` or `t.*` (in a select list or `COUNT(*)`-free contexts). */
export interface Star {
  readonly kind: "Star";
  readonly qualifier: readonly Identifier[];
  readonly span: Span;
}

export interface OrderItem {
  readonly kind: "OrderItem";
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nulls: "FIRST" | "LAST" | null;
  readonly span: Span;
}

// ───────────────────────────── FROM ─────────────────────────────

export type TableRef = TableName | DerivedTable | TableFunction | Unnest | MatchRecognize | Join;

export interface TableAlias {
  readonly kind: "TableAlias";
  readonly name: Identifier;
  readonly columns: readonly Identifier[] | null;
  readonly span: Span;
}

export interface TableName {
  readonly kind: "TableName";
  readonly name: QualifiedName;
  /** `FOR SYSTEM_TIME AS OF expr`: a temporal (lookup) join's version. */
  readonly asOf: Expr | null;
  readonly alias: TableAlias | null;
  readonly span: Span;
}

export interface DerivedTable {
  readonly kind: "DerivedTable";
  readonly lateral: boolean;
  readonly query: Query;
  readonly alias: TableAlias | null;
  readonly span: Span;
}

/**
 * `[LATERAL] TABLE(f(…))`: a table function, including the windowing TVFs TUMBLE, HOP, SESSION and CUMULATE, whose
 * arguments are a TableArgument, a Descriptor and Interval literals (positional or named with `=>`).
 */
export interface TableFunction {
  readonly kind: "TableFunction";
  readonly lateral: boolean;
  readonly call: Call;
  readonly alias: TableAlias | null;
  readonly span: Span;
}

export interface Unnest {
  readonly kind: "Unnest";
  readonly expr: Expr;
  readonly alias: TableAlias | null;
  readonly span: Span;
}

export interface Join {
  readonly kind: "Join";
  /** COMMA is `FROM a, b` (a cross join written with a comma; kept apart so it prints back as written). */
  readonly joinType: "INNER" | "LEFT" | "RIGHT" | "FULL" | "CROSS" | "COMMA";
  readonly natural: boolean;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on: Expr | null;
  readonly using: readonly Identifier[] | null;
  readonly span: Span;
}

export interface MatchRecognize {
  readonly kind: "MatchRecognize";
  readonly input: TableRef;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly measures: readonly Measure[];
  /** ONE ROW PER MATCH or ALL ROWS PER MATCH as written; null when left out (one row per match). */
  readonly rowsPerMatch: { readonly mode: "ONE" | "ALL"; readonly span: Span } | null;
  /** Null when AFTER MATCH SKIP is left out: Flink's planner then skips TO NEXT ROW (the SQL standard says PAST LAST ROW). */
  readonly afterMatch: AfterMatchSkip | null;
  readonly pattern: RowPattern;
  readonly within: Interval | null;
  readonly define: readonly Define[];
  readonly alias: TableAlias | null;
  readonly span: Span;
}

export interface Measure {
  readonly kind: "Measure";
  readonly expr: Expr;
  readonly name: Identifier;
  readonly span: Span;
}

export interface Define {
  readonly kind: "Define";
  readonly variable: Identifier;
  readonly condition: Expr;
  readonly span: Span;
}

/** AFTER MATCH SKIP …; the default (when absent) is PAST LAST ROW. */
export type AfterMatchSkip = (
  | { readonly kind: "PastLastRow" }
  | { readonly kind: "ToNextRow" }
  | { readonly kind: "ToFirst"; readonly variable: Identifier }
  | { readonly kind: "ToLast"; readonly variable: Identifier }
) & { readonly span: Span };

export type RowPattern = PatternVariable | PatternSequence | PatternAlternation | PatternQuantified;

export interface PatternVariable {
  readonly kind: "PatternVariable";
  readonly name: Identifier;
  readonly span: Span;
}

export interface PatternSequence {
  readonly kind: "PatternSequence";
  readonly terms: readonly RowPattern[];
  readonly span: Span;
}

export interface PatternAlternation {
  readonly kind: "PatternAlternation";
  readonly alternatives: readonly RowPattern[];
  readonly span: Span;
}

/** `A*`, `A+`, `A?`, `A{n}`, `A{n,}`, `A{,m}`, `A{n,m}`; a trailing `?` makes it reluctant. max null = unbounded. */
export interface PatternQuantified {
  readonly kind: "PatternQuantified";
  readonly pattern: RowPattern;
  readonly min: number;
  readonly max: number | null;
  readonly reluctant: boolean;
  readonly span: Span;
}

// ───────────────────────────── expressions ─────────────────────────────

export type Expr =
  | Literal | Interval | TypedLiteral | ColumnRef | Binary | Unary | Is | Between | Like | InList | InSubquery | Case | Cast
  | Extract | Call | ScalarSubquery | Exists | Descriptor | Index;

export type Literal = NumberLiteral | StringLiteral | BooleanLiteral | NullLiteral;

/** The digits as written (`0.908`, `-5`, `1e3`): exact decimal semantics are the type checker's business. */
export interface NumberLiteral { readonly kind: "Number"; readonly text: string; readonly span: Span }
export interface StringLiteral { readonly kind: "String"; readonly value: string; readonly span: Span }
export interface BooleanLiteral { readonly kind: "Boolean"; readonly value: boolean; readonly span: Span }
export interface NullLiteral { readonly kind: "Null"; readonly span: Span }

export type IntervalUnit = "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND";

/**
 * `INTERVAL '10' SECOND`, `INTERVAL '1 02' DAY TO HOUR`. Units are stored singular (`MINUTES` reads as MINUTE, as in
 * Calcite); an unknown unit is reported (SQL2003) and kept as written, so `unit` is an IntervalUnit in any error-free tree.
 */
export interface Interval {
  readonly kind: "Interval";
  readonly negative: boolean;
  readonly value: string;
  readonly unit: string;
  readonly precision: number | null;
  readonly toUnit: string | null;
  readonly span: Span;
}

/** `TIMESTAMP '2024-01-01 00:00:00'`, `DATE '…'`, `TIME '…'`, `TIMESTAMP_LTZ '…'`. */
export interface TypedLiteral {
  readonly kind: "TypedLiteral";
  readonly type: "TIMESTAMP" | "TIMESTAMP_LTZ" | "DATE" | "TIME";
  readonly value: string;
  readonly span: Span;
}

/** `price`, `B.price`, `person.dateTime` (a table alias or a ROW field: resolution decides). */
export interface ColumnRef {
  readonly kind: "ColumnRef";
  readonly path: readonly Identifier[];
  readonly span: Span;
}

export type BinaryOperator = "OR" | "AND" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "||" | "+" | "-" | "*" | "/" | "%";

export interface Binary {
  readonly kind: "Binary";
  /** `!=` is read as `<>`. */
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export interface Unary {
  readonly kind: "Unary";
  readonly op: "NOT" | "-" | "+";
  readonly operand: Expr;
  readonly span: Span;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`. */
export interface Is {
  readonly kind: "Is";
  readonly expr: Expr;
  readonly not: boolean;
  readonly value: "NULL" | "TRUE" | "FALSE" | "UNKNOWN";
  readonly span: Span;
}

export interface Between {
  readonly kind: "Between";
  readonly expr: Expr;
  readonly not: boolean;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
}

export interface Like {
  readonly kind: "Like";
  readonly expr: Expr;
  readonly not: boolean;
  readonly pattern: Expr;
  readonly escape: StringLiteral | null;
  readonly span: Span;
}

export interface InList {
  readonly kind: "InList";
  readonly expr: Expr;
  readonly not: boolean;
  readonly list: readonly Expr[];
  readonly span: Span;
}

export interface InSubquery {
  readonly kind: "InSubquery";
  readonly expr: Expr;
  readonly not: boolean;
  readonly query: Query;
  readonly span: Span;
}

export interface Case {
  readonly kind: "Case";
  /** `CASE x WHEN 1 THEN …` compares x; null for the searched form `CASE WHEN cond THEN …`. */
  readonly operand: Expr | null;
  readonly whens: readonly When[];
  readonly else: Expr | null;
  readonly span: Span;
}

export interface When {
  readonly kind: "When";
  readonly when: Expr;
  readonly then: Expr;
  readonly span: Span;
}

export interface Cast {
  readonly kind: "Cast";
  readonly try: boolean;
  readonly expr: Expr;
  readonly type: DataType;
  readonly span: Span;
}

export interface Extract {
  readonly kind: "Extract";
  readonly unit: string;
  readonly expr: Expr;
  readonly span: Span;
}

/**
 * A function call: `f(a, b)`, `COUNT(*)`, `COUNT(DISTINCT x) FILTER (WHERE …)`, `ROW_NUMBER() OVER (…)`, and
 * the niladic `CURRENT_TIMESTAMP` (written without parentheses).
 */
export interface Call {
  readonly kind: "Call";
  readonly name: readonly Identifier[];
  readonly distinct: boolean;
  readonly args: readonly Argument[];
  readonly star: boolean;
  readonly filter: Expr | null;
  readonly over: WindowSpec | null;
  readonly niladic: boolean;
  readonly span: Span;
}

export type Argument = Expr | NamedArgument | TableArgument;

/** `SIZE => INTERVAL '10' SECOND` (table functions take named arguments). */
export interface NamedArgument {
  readonly kind: "NamedArgument";
  readonly name: Identifier;
  readonly value: Expr | TableArgument;
  readonly span: Span;
}

/** `TABLE bid [PARTITION BY …]`: a table passed to a table function. */
export interface TableArgument {
  readonly kind: "TableArgument";
  readonly name: QualifiedName;
  readonly partitionBy: readonly Expr[];
  readonly span: Span;
}

/** `DESCRIPTOR(col, …)`: names columns for a table function (the time attribute of a window TVF). */
export interface Descriptor {
  readonly kind: "Descriptor";
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

export interface WindowSpec {
  readonly kind: "WindowSpec";
  /** `OVER w` names a window; then the other fields are empty. */
  readonly name: Identifier | null;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame: WindowFrame | null;
  readonly span: Span;
}

export interface WindowFrame {
  readonly kind: "WindowFrame";
  readonly unit: "ROWS" | "RANGE";
  readonly start: FrameBound;
  /** null for the short form `ROWS 10 PRECEDING` (which ends at the current row). */
  readonly end: FrameBound | null;
  readonly span: Span;
}

export type FrameBound =
  | { readonly kind: "UnboundedPreceding"; readonly span: Span }
  | { readonly kind: "UnboundedFollowing"; readonly span: Span }
  | { readonly kind: "CurrentRow"; readonly span: Span }
  | { readonly kind: "Preceding" | "Following"; readonly offset: Expr; readonly span: Span };

export interface ScalarSubquery { readonly kind: "ScalarSubquery"; readonly query: Query; readonly span: Span }
export interface Exists { readonly kind: "Exists"; readonly query: Query; readonly span: Span }
export interface Index { readonly kind: "Index"; readonly base: Expr; readonly index: Expr; readonly span: Span }

// ───────────────────────────── types ─────────────────────────────

/** A SQL data type: `BIGINT`, `DECIMAL(23, 3)`, `TIMESTAMP(3) WITH LOCAL TIME ZONE`, `ROW<a INT>`, `MAP<K, V>`. */
export interface DataType {
  readonly kind: "DataType";
  /** Upper-cased (`INT`, `VARCHAR`, `ROW`, `ARRAY`, `MAP`, `MULTISET`). */
  readonly name: string;
  readonly params: readonly number[];
  readonly fields: readonly RowField[];
  readonly element: DataType | null;
  readonly key: DataType | null;
  readonly value: DataType | null;
  readonly timeZone: "LOCAL" | "WITHOUT" | null;
  readonly notNull: boolean;
  readonly span: Span;
}

export interface RowField {
  readonly kind: "RowField";
  readonly name: Identifier;
  readonly type: DataType;
  readonly comment: string | null;
  readonly span: Span;
}
