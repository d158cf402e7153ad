// AST node types for `.flow` programs: discriminated unions on `kind`, every node with a span.
// Optional fields below the `// annotations` marker are filled in by the check passes.
import type { Type, RecordType } from "../types/type.js";
import type { CallTarget, KeyInfo, NameReference, SideTarget, StepFlow, StreamReference, TriggerSpec, UpdateKey, WindowSpec } from "./annotations.js";
import type { ModelSignature, PredictScoring } from "../types/model-signature.js";
import type { TrainingSpec } from "../types/online-learners.js";
import type { Span } from "./span.js";

export interface Identifier {
  readonly kind: "Identifier";
  readonly name: string;
  readonly span: Span;
}

// ───────────────────────────── program and declarations ─────────────────────────────

export interface Program {
  readonly kind: "Program";
  /** File name as given to the parser; spans of all nodes below are offsets into this file. */
  readonly file: string;
  readonly declarations: readonly Declaration[];
  readonly span: Span;
}

export type Declaration = ImportDecl | SchemaDecl | SourceDecl | SinkDecl | PatternDecl | JobDecl;

export interface ImportDecl {
  readonly kind: "ImportDecl";
  readonly names: readonly ImportName[];
  readonly from: StringLiteral;
  readonly span: Span;
}

export interface ImportName {
  readonly kind: "ImportName";
  readonly name: Identifier;
  /** `import { a as b }`: the local name is `b`. */
  readonly alias: Identifier | null;
  readonly span: Span;
}

export interface SchemaDecl {
  readonly kind: "SchemaDecl";
  readonly name: Identifier;
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
  // annotations
  type?: RecordType;
}

export interface FieldDecl {
  readonly kind: "FieldDecl";
  readonly name: Identifier;
  readonly type: TypeNode;
  readonly span: Span;
}

export interface SourceDecl {
  readonly kind: "SourceDecl";
  readonly name: Identifier;
  readonly type: TypeNode | null;
  readonly connector: ConnectorCall;
  readonly watermark: Watermark | null;
  readonly idle: Expr | null;
  readonly span: Span;
  // annotations
  recordType?: RecordType;
}

export interface Watermark {
  readonly kind: "Watermark";
  readonly field: Identifier;
  readonly delay: Expr;
  readonly span: Span;
}

export interface SinkDecl {
  readonly kind: "SinkDecl";
  readonly name: Identifier;
  readonly type: TypeNode | null;
  readonly connector: ConnectorCall;
  readonly span: Span;
  // annotations
  /** The declared type, or the type inferred from what flows in. */
  recordType?: RecordType;
}

/** `file("path", format: "jsonl")`: a connector name with positional and named arguments. */
export interface ConnectorCall {
  readonly kind: "ConnectorCall";
  readonly name: Identifier;
  readonly args: readonly Argument[];
  readonly span: Span;
}

export interface Argument {
  readonly kind: "Argument";
  /** Null for a positional argument. */
  readonly name: Identifier | null;
  readonly value: Expr;
  readonly span: Span;
}

// ───────────────────────────── CEP patterns ─────────────────────────────

export interface PatternDecl {
  readonly kind: "PatternDecl";
  readonly name: Identifier;
  readonly on: Identifier;
  readonly within: Expr | null;
  readonly skip: SkipStrategy | null;
  readonly stages: readonly Stage[];
  readonly emit: RecordLiteral;
  readonly span: Span;
  // annotations
  eventType?: RecordType;
  emitType?: RecordType;
  /** Records sent to `timeoutsTo`: one `[Event]` field per positive stage. */
  timeoutType?: RecordType;
}

export type SkipStrategyName = "noSkip" | "skipToNext" | "pastLastEvent" | "toFirst" | "toLast";

export interface SkipStrategy {
  readonly kind: "SkipStrategy";
  readonly strategy: SkipStrategyName;
  /** The stage for `toFirst(s)` / `toLast(s)`. */
  readonly stage: Identifier | null;
  readonly span: Span;
}

export type Contiguity = "begin" | "next" | "followedBy" | "followedByAny" | "notNext" | "notFollowedBy";

export interface Stage {
  readonly kind: "Stage";
  readonly contiguity: Contiguity;
  readonly name: Identifier;
  /** Null when the stage has no `where` (matches any event). */
  readonly condition: Expr | null;
  readonly quantifier: Quantifier | null;
  readonly modifiers: readonly Modifier[];
  readonly span: Span;
}

export type QuantifierForm = "times" | "range" | "atLeast" | "oneOrMore" | "zeroOrMore" | "optional";

/** `{n}` times, `{n,m}` range, `{n,}` atLeast, `+` oneOrMore, `*` zeroOrMore, `?` optional. */
export interface Quantifier {
  readonly kind: "Quantifier";
  readonly form: QuantifierForm;
  readonly min: number;
  /** Null = unbounded. */
  readonly max: number | null;
  readonly span: Span;
}

export type ModifierName = "greedy" | "consecutive" | "allowCombinations" | "until";

export interface Modifier {
  readonly kind: "Modifier";
  readonly modifier: ModifierName;
  /** The stop condition of `until <cond>`. */
  readonly condition: Expr | null;
  readonly span: Span;
}

// ───────────────────────────── jobs ─────────────────────────────

export interface JobDecl {
  readonly kind: "JobDecl";
  readonly name: Identifier;
  readonly items: readonly JobItem[];
  readonly span: Span;
}

export type JobItem = ParallelismSetting | CheckpointSetting | RestartSetting | LetStatement | Pipeline;

export interface ParallelismSetting {
  readonly kind: "ParallelismSetting";
  readonly value: IntLiteral;
  readonly span: Span;
}

export type CheckpointMode = "exactly_once" | "at_least_once";

export interface CheckpointSetting {
  readonly kind: "CheckpointSetting";
  readonly interval: Expr;
  /** Null when omitted (defaults to exactly_once). */
  readonly mode: CheckpointMode | null;
  readonly span: Span;
}

export interface RestartSetting {
  readonly kind: "RestartSetting";
  /** `fixed`, `exponential` or `none`. */
  readonly strategy: Identifier;
  readonly args: readonly Argument[];
  readonly span: Span;
}

export interface LetStatement {
  readonly kind: "LetStatement";
  readonly name: Identifier;
  readonly pipeline: Pipeline;
  readonly span: Span;
}

export interface Pipeline {
  readonly kind: "Pipeline";
  readonly head: Identifier;
  readonly operators: readonly Operator[];
  readonly span: Span;
  // annotations
  headRef?: StreamReference;
  /** Record type and key coming out of the last non-terminal operator. */
  outputType?: RecordType;
  outputKey?: KeyInfo | null;
}

// ───────────────────────────── pipeline operators ─────────────────────────────

interface OperatorBase {
  readonly span: Span;
  // annotations
  flow?: StepFlow;
}

export interface FilterOp extends OperatorBase {
  readonly kind: "FilterOp";
  readonly condition: Expr;
}
export interface MapOp extends OperatorBase {
  readonly kind: "MapOp";
  readonly fields: readonly RecordFieldInit[];
}
export interface ExtendOp extends OperatorBase {
  readonly kind: "ExtendOp";
  readonly fields: readonly RecordFieldInit[];
}
export interface FlatMapOp extends OperatorBase {
  readonly kind: "FlatMapOp";
  readonly expr: Expr;
  readonly as: Identifier;
}
export interface KeyByOp extends OperatorBase {
  readonly kind: "KeyByOp";
  readonly keys: readonly Expr[];
}
export interface WindowOp extends OperatorBase {
  readonly kind: "WindowOp";
  readonly assigner: WindowAssigner;
  /** Null: the assigner's default trigger (fire at the window's end; never for `global`). */
  readonly trigger: WindowTrigger | null;
  readonly allowedLateness: Expr | null;
  readonly lateTo: Identifier | null;
  // annotations
  lateTarget?: SideTarget;
}
export interface WindowAssigner {
  readonly kind: "WindowAssigner";
  /** tumbling, sliding, cumulate, session, count or global. */
  readonly name: Identifier;
  readonly args: readonly Argument[];
  /** `processing` after the assigner: processing time instead of event time. */
  readonly processing: boolean;
  readonly span: Span;
  // annotations
  spec?: WindowSpec;
}
/**
 * `trigger count(n)`, `trigger every d`, or early/late firings of an event-time window (`trigger early every d late
 * count(n)`), each optionally followed by `purge`. Exactly one of `firing` and (`early`, `late`) is set.
 */
export interface WindowTrigger {
  readonly kind: "WindowTrigger";
  readonly firing: TriggerFiring | null;
  readonly early: TriggerFiring | null;
  readonly late: TriggerFiring | null;
  readonly purge: boolean;
  readonly span: Span;
  // annotations
  spec?: TriggerSpec;
}
/** `count(n)`: every n records; `every d`: every d of the window's time. */
export interface TriggerFiring {
  readonly kind: "TriggerFiring";
  readonly form: "count" | "every";
  readonly value: Expr;
  readonly span: Span;
}
export interface AggregateOp extends OperatorBase {
  readonly kind: "AggregateOp";
  readonly fields: readonly RecordFieldInit[];
  // annotations
  /**
   * Set when the input is an update stream (a running aggregate's output): the fields identifying its rows. Each
   * record replaces the previous one with the same values of these fields, so this aggregate retracts that one.
   */
  retractOn?: readonly string[];
  /**
   * Set when the input is a changelog with deletions (a regular outer join's output): each record's `__rowKind` says
   * whether it adds its row or takes an equal one back, and the output is such a changelog too.
   */
  retractsChanges?: boolean;
  /**
   * Set when the input is an update stream whose rows would move between groups (the group key is not made of the
   * update key's fields): it is turned into a changelog with deletions first (ChangelogNormalize), which this
   * aggregate then takes back row by row (`retractsChanges`).
   */
  normalize?: UpdateKey;
}
export interface ReduceOp extends OperatorBase {
  readonly kind: "ReduceOp";
  /** Must be a two-parameter Lambda; any expression parses so that the checker can say so. */
  readonly reducer: Expr;
}
export interface TopOp extends OperatorBase {
  readonly kind: "TopOp";
  readonly count: IntLiteral;
  readonly by: Expr;
  readonly descending: boolean;
  /** Tie-breaking keys after `by`, in order. */
  readonly then: readonly { readonly by: Expr; readonly descending: boolean }[];
  /** `as name`: the field a running top writes each row's rank into (default `rank`). */
  readonly rank?: Identifier;
  // annotations
  /**
   * Set when a running top reads a changelog with deletions (or an update stream, turned into one first: `normalize`):
   * it keeps every present row per key and emits its ranks' changes with their kinds.
   */
  retractsChanges?: boolean;
  normalize?: UpdateKey;
}
/** Which sides of an outer join keep their unmatched rows: `left` the left's, `right` the right's, `full` both. */
export type OuterJoinKind = "left" | "right" | "full";
export interface JoinOp extends OperatorBase {
  readonly kind: "JoinOp";
  readonly stream: Identifier;
  readonly alias: Identifier;
  readonly on: Expr;
  /** Window join when set. */
  readonly window: WindowAssigner | null;
  /** Interval join when set: right.ts ∈ [left.ts + lower, left.ts + upper]. */
  readonly between: { readonly lower: Expr; readonly upper: Expr } | null;
  /** Regular join when set: both sides kept for ever (`unbounded`). */
  readonly unbounded: boolean;
  /** Temporal join when set (`temporal`): each left record with the right side's version at its event time. */
  readonly temporal: boolean;
  /** `left join`, `right join`, `full join`: the other side's unmatched rows padded with null; absent for an inner join. */
  readonly outer?: OuterJoinKind;
  // annotations
  streamRef?: StreamReference;
  /** Equality pairs (left expr, right expr) extracted from `on`: the join key. */
  keyPairs?: readonly { readonly left: Expr; readonly right: Expr }[];
  /**
   * The sides that are update streams, with their update keys: a regular join turns them into changelogs with
   * deletions first (Flink's ChangelogNormalize), so that a replaced row leaves the join.
   */
  normalize?: { readonly left: UpdateKey | null; readonly right: UpdateKey | null };
  /** The sides that are update streams keyed by exactly the join key: the join replaces their rows itself. */
  upserts?: { readonly left: boolean; readonly right: boolean };
}
/**
 * `lookup t as s on <cond>` / `left lookup …`: each record looks its key up in the bounded source `t`, loaded whole
 * when the operator opens (Flink's lookup join, `FOR SYSTEM_TIME AS OF` a processing-time attribute).
 */
export interface LookupOp extends OperatorBase {
  readonly kind: "LookupOp";
  readonly table: Identifier;
  readonly alias: Identifier;
  readonly on: Expr;
  /** `left lookup`: a record without a match is kept, with the alias null. */
  readonly outer: boolean;
  // annotations
  /** The source the table names, when it resolves to one. */
  tableDecl?: SourceDecl;
  /** Equality pairs (left expr, table expr) extracted from `on`: the lookup key. */
  keyPairs?: readonly { readonly left: Expr; readonly right: Expr }[];
}
export interface UnionOp extends OperatorBase {
  readonly kind: "UnionOp";
  readonly streams: readonly Identifier[];
  // annotations
  streamRefs?: readonly StreamReference[];
}
export interface DedupeOp extends OperatorBase {
  readonly kind: "DedupeOp";
  readonly key: Expr;
  readonly within: Expr | null;
}
/**
 * `over rows n { … }`, `over range d { … }`, `over unbounded { … }`, `over rows unbounded { … }`: each record, in
 * event-time order, extended with aggregates over its key's rows in the frame ending at it (Flink's OVER aggregation).
 */
export interface OverOp extends OperatorBase {
  readonly kind: "OverOp";
  readonly unit: "rows" | "range";
  /** The rows (an int literal) or the event time (a duration) before the current row; null: unbounded. */
  readonly preceding: Expr | null;
  /** `processing`: rows in arrival order, a `range` spanning the processing-time clock (not event time). */
  readonly processing: boolean;
  readonly fields: readonly RecordFieldInit[];
  /** The frame with its bound evaluated (rows, or milliseconds), set by infer-pipeline-types. */
  frame?: { readonly unit: "rows" | "range"; readonly preceding: number | null };
}

export interface MatchOp extends OperatorBase {
  readonly kind: "MatchOp";
  readonly pattern: Identifier;
  readonly timeoutsTo: Identifier | null;
  // annotations
  timeoutTarget?: SideTarget;
}
export interface ProcessOp extends OperatorBase {
  readonly kind: "ProcessOp";
  readonly function: Identifier;
  // annotations
  target?: CallTarget;
}
/** `predict model("dir")`: scores each record with a model saved by ml/ in Flink ML's layout. */
export interface PredictOp extends OperatorBase {
  readonly kind: "PredictOp";
  /** As written: relative to the .flow file. */
  readonly path: StringLiteral;
  // annotations
  /** What the saved model reads and adds, read from its metadata by resolve-models (absent when unreadable). */
  model?: ModelSignature;
  /** The vector conversions at the model's edges, set by infer-pipeline-types. */
  scoring?: PredictScoring;
}
/** `train Learner(param: value, …)`: trains an ml/ online learner; emits its model versions. */
export interface TrainOp extends OperatorBase {
  readonly kind: "TrainOp";
  readonly learner: Identifier;
  readonly args: readonly Argument[];
  // annotations
  /** The learner and its checked settings, set by infer-pipeline-types (absent after an error). */
  training?: TrainingSpec;
}
/** `predict latest(m)`: scores each record with the newest model version of the stream `m` that a `train` makes. */
export interface PredictLatestOp extends OperatorBase {
  readonly kind: "PredictLatestOp";
  readonly stream: Identifier;
  // annotations
  streamRef?: StreamReference;
  /** The training whose versions score the records, set by infer-pipeline-types (absent after an error). */
  training?: TrainingSpec;
}
/**
 * `changelog`: an update stream as its changelog with deletions (Flink's ChangelogNormalize) — `+I` for a key's first
 * row, `-U` (the row it replaces) and `+U` for a change — so that a `filter` after it takes back a row that stops
 * matching. A changelog with deletions passes unchanged.
 */
export interface ChangelogOp extends OperatorBase {
  readonly kind: "ChangelogOp";
  // annotations
  /** The update key of the update stream it reads (unset over a changelog with deletions). */
  normalize?: UpdateKey;
}
export interface RebalanceOp extends OperatorBase {
  readonly kind: "RebalanceOp";
}
export interface BroadcastOp extends OperatorBase {
  readonly kind: "BroadcastOp";
}
export interface ParallelismOp extends OperatorBase {
  readonly kind: "ParallelismOp";
  readonly value: IntLiteral;
}
export interface ToOp extends OperatorBase {
  readonly kind: "ToOp";
  readonly sink: Identifier;
}

export type Operator =
  | FilterOp | MapOp | ExtendOp | FlatMapOp | KeyByOp | WindowOp | AggregateOp | ReduceOp | TopOp | JoinOp | LookupOp
  | UnionOp | DedupeOp | OverOp | MatchOp | ProcessOp | PredictOp | TrainOp | PredictLatestOp | ChangelogOp | RebalanceOp | BroadcastOp | ParallelismOp | ToOp;

// ───────────────────────────── type syntax ─────────────────────────────

export interface PrimitiveTypeNode {
  readonly kind: "PrimitiveTypeNode";
  readonly name: "int" | "float" | "string" | "bool" | "timestamp" | "duration";
  readonly span: Span;
}
export interface NamedTypeNode {
  readonly kind: "NamedTypeNode";
  readonly name: Identifier;
  readonly span: Span;
}
export interface NullableTypeNode {
  readonly kind: "NullableTypeNode";
  readonly inner: TypeNode;
  readonly span: Span;
}
export interface ArrayTypeNode {
  readonly kind: "ArrayTypeNode";
  readonly element: TypeNode;
  readonly span: Span;
}
export interface RecordTypeNode {
  readonly kind: "RecordTypeNode";
  readonly fields: readonly FieldDecl[];
  readonly span: Span;
}
export type TypeNode = PrimitiveTypeNode | NamedTypeNode | NullableTypeNode | ArrayTypeNode | RecordTypeNode;

// ───────────────────────────── expressions ─────────────────────────────

interface ExprBase {
  readonly span: Span;
  // annotations
  /** Set by the check passes on every expression they type. */
  type?: Type;
}

export interface IntLiteral extends ExprBase {
  readonly kind: "IntLiteral";
  readonly value: number;
  /** Source text (with `_` separators) so that range checks can quote it. */
  readonly raw: string;
}
export interface FloatLiteral extends ExprBase {
  readonly kind: "FloatLiteral";
  readonly value: number;
  readonly raw: string;
}
export interface StringLiteral extends ExprBase {
  readonly kind: "StringLiteral";
  readonly value: string;
}
export interface BoolLiteral extends ExprBase {
  readonly kind: "BoolLiteral";
  readonly value: boolean;
}
export interface NullLiteral extends ExprBase {
  readonly kind: "NullLiteral";
}
export type DurationUnit = "ms" | "s" | "m" | "h" | "d";
export interface DurationLiteral extends ExprBase {
  readonly kind: "DurationLiteral";
  readonly amount: number;
  readonly unit: DurationUnit;
  /** In milliseconds. */
  readonly value: number;
}
export interface TimestampLiteral extends ExprBase {
  readonly kind: "TimestampLiteral";
  /** Text after `@`, ISO 8601. */
  readonly raw: string;
  /** Epoch milliseconds; NaN when `raw` is not a valid instant (reported by report-invalid-literals). */
  readonly value: number;
}
export interface NameExpr extends ExprBase {
  readonly kind: "NameExpr";
  readonly name: string;
  // annotations
  ref?: NameReference;
}
export interface FieldAccess extends ExprBase {
  readonly kind: "FieldAccess";
  readonly object: Expr;
  readonly field: Identifier;
}
export interface IndexExpr extends ExprBase {
  readonly kind: "IndexExpr";
  readonly object: Expr;
  readonly index: Expr;
}
export interface CallExpr extends ExprBase {
  readonly kind: "CallExpr";
  readonly callee: Identifier;
  readonly args: readonly Argument[];
  // annotations
  target?: CallTarget;
}
export type UnaryOperator = "-" | "not";
export interface UnaryExpr extends ExprBase {
  readonly kind: "UnaryExpr";
  readonly op: UnaryOperator;
  readonly operand: Expr;
}
export type BinaryOperator =
  | "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "??" | "+" | "-" | "*" | "/" | "%";
export interface BinaryExpr extends ExprBase {
  readonly kind: "BinaryExpr";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}
export interface IfExpr extends ExprBase {
  readonly kind: "IfExpr";
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
/** `name: value`, or `name` alone (shorthand for `name: name`). */
export interface RecordFieldInit {
  readonly kind: "RecordFieldInit";
  readonly name: Identifier;
  readonly value: Expr;
  readonly shorthand: boolean;
  readonly span: Span;
}
export interface RecordLiteral extends ExprBase {
  readonly kind: "RecordLiteral";
  readonly fields: readonly RecordFieldInit[];
}
export interface ArrayLiteral extends ExprBase {
  readonly kind: "ArrayLiteral";
  readonly elements: readonly Expr[];
}
/** `(a, b) => body`; only meaningful as the argument of `reduce`. */
export interface LambdaExpr extends ExprBase {
  readonly kind: "LambdaExpr";
  readonly params: readonly Identifier[];
  readonly body: Expr;
}

export type Literal = IntLiteral | FloatLiteral | StringLiteral | BoolLiteral | NullLiteral | DurationLiteral | TimestampLiteral;

export type Expr =
  | Literal | NameExpr | FieldAccess | IndexExpr | CallExpr | UnaryExpr | BinaryExpr | IfExpr
  | RecordLiteral | ArrayLiteral | LambdaExpr;

/** Every node kind, for the visitor. */
export type Node =
  | Identifier | Program | Declaration | ImportName | FieldDecl | Watermark | ConnectorCall | Argument
  | SkipStrategy | Stage | Quantifier | Modifier | JobItem | Operator | WindowAssigner | WindowTrigger | TriggerFiring
  | TypeNode | Expr | RecordFieldInit;
