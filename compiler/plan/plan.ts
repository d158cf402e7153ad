// The logical job graph: operator nodes joined by partitioned edges, built from a checked program and rewritten by
// the optimiser (fusion, pruning, filter push-down) before the emitters turn it into TypeScript.
import type { IrPredict, IrPredictLatest, IrTrain } from "../ir/ml.js";
import type { IrMatch, IrPattern } from "../ir/pattern.js";
import type { IrUnion } from "../ir/union.js";
import type { IrSink, IrSource } from "../ir/connector.js";
import type { Span } from "../ast/span.js";
import type { IrAggregation } from "../ir/aggregation.js";
import type { IrJoin, IrLookup } from "../ir/join.js";
import type { IrDedupe } from "../ir/dedupe.js";
import type { IrNormalize } from "../ir/normalize.js";
import type { IrKey } from "../ir/key.js";
import type { IrOver } from "../ir/over.js";
import type { IrProcess } from "../ir/process.js";
import type { IrWindow } from "../ir/window.js";
import type { IrExpr } from "../ir/expr.js";
import type { IrStatelessStep } from "../ir/stateless.js";
import type { RecordType } from "../types/type.js";

/**
 * How records travel along an edge: to the same subtask, by key hash, round-robin, or to every subtask. `auto` joins
 * nodes whose parallelism is only known when the job runs: forward when both sides then run with the same number of
 * subtasks, round-robin otherwise (the runtime's default, as in Flink).
 */
export type Partitioning =
  | { readonly kind: "forward" }
  | { readonly kind: "auto" }
  | { readonly kind: "hash"; readonly key: IrKey }
  | { readonly kind: "rebalance" }
  | { readonly kind: "broadcast" };

export interface PlanEdge {
  readonly from: number;
  readonly to: number;
  partitioning: Partitioning;
  /** 0, or 1 for the right side of a join (and the model versions of `predict latest`). */
  readonly input: number;
  /** Set when the edge carries a side output (`lateTo`, `timeoutsTo`) rather than the main output. */
  readonly side?: string;
}

/** A stateless per-record operator in IR terms (filter, project, unnest): the material of fused chains. */
export type StatelessOp = IrStatelessStep;

/**
 * How many subtasks run a node. The compiler never guesses the job's parallelism: `-p`, the typed factory's
 * `parallelism` option and the bundle's `--parallelism` override the file's setting when the job runs, so plan
 * decisions (partitioning, fusion) may only rely on counts that no override can change.
 * - `job`: the job's parallelism, whatever it is at run time;
 * - `fixed`: a count no override changes — 1 for what cannot run in parallel (Flink's `forceNonParallel`: non-keyed
 *   windows and patterns, single-reader sources and the stateless operators fused behind them), or a `parallelism n`
 *   hint in the pipeline.
 */
export type NodeParallelism =
  | { readonly kind: "job" }
  | { readonly kind: "fixed"; readonly subtasks: number; readonly reason: "non-parallel" | "hint" };

export const JOB_PARALLELISM: NodeParallelism = { kind: "job" };
export const NON_PARALLEL: NodeParallelism = { kind: "fixed", subtasks: 1, reason: "non-parallel" };

/** True when two nodes run with the same number of subtasks under every run-time override. */
export function sameParallelism(a: NodeParallelism, b: NodeParallelism): boolean {
  return a.kind === "job" ? b.kind === "job" : b.kind === "fixed" && a.subtasks === b.subtasks;
}

/** True when the node runs as exactly one subtask under every run-time override. */
export function alwaysOneSubtask(p: NodeParallelism): boolean {
  return p.kind === "fixed" && p.subtasks === 1;
}

/** `job`, `1 (non-parallel)`, `4 (hint)`: how plans print a node's parallelism. */
export function formatParallelism(p: NodeParallelism): string {
  return p.kind === "job" ? "job" : `${p.subtasks}${p.reason === "non-parallel" ? " (non-parallel)" : ""}`;
}

interface NodeBase {
  readonly id: number;
  /** Where the operator is written (the first operator of a fused chain). */
  readonly span: Span;
  parallelism: NodeParallelism;
  /** The record type arriving on input 0 (sources: their record type). */
  inputType: RecordType;
  outputType: RecordType;
}

export interface SourceNode extends NodeBase {
  readonly kind: "source";
  readonly name: string;
  readonly source: IrSource;
  /**
   * Partition pruning of a partitioned `file` source (passes/prune-partitions.ts): a condition reading only partition
   * columns. A partition directory whose values do not make it true holds no record any consumer keeps, so the source
   * does not read it; the consumers' filters stay, so results never depend on it. Absent: every partition is read.
   */
  partitionFilter?: IrExpr;
}

export interface SinkNode extends NodeBase {
  readonly kind: "sink";
  readonly name: string;
  readonly sink: IrSink;
}

/** Before fusion every stateless operator is its own node; after, a chain holds a maximal run of them. */
export interface ChainNode extends NodeBase {
  readonly kind: "chain";
  steps: StatelessOp[];
}

/**
 * Per-key (or whole-stream) aggregation: `aggregate`, `reduce` or `top`, in a window or running. The optimiser may
 * fuse the stateless chain before it (`pre`, when no shuffle separates them) and after it (`post`).
 */
export interface AggregateNode extends NodeBase {
  readonly kind: "aggregate";
  readonly window: IrWindow | null;
  op: IrAggregation;
  readonly key: IrKey | null;
  pre: StatelessOp[];
  post: StatelessOp[];
  /** The input type of the first `pre` step (equals inputType when `pre` is empty). */
  preInputType: RecordType;
  /** The type of the records going into the window (after `pre`). */
  windowInputType: RecordType;
  /** The type coming out of the aggregation itself (before `post`). */
  aggregateType: RecordType;
  /**
   * Set when the aggregate emits its update stream's changelog itself — the ChangelogNormalize behind it merged in
   * (passes/absorb-normalize.ts), as Flink's GroupAggFunction emits UPDATE_BEFORE from its own state instead of a
   * second operator keeping every row again behind a shuffle on the same key.
   */
  changelog?: AggregateChangelog;
}

/**
 * How an aggregate emits its changelog: the `post` steps before `split` shape the update stream's row (of `rowType`,
 * what the normalize received), the accumulator keeps the row it emitted last, and each change — `+I` for a key's
 * first row, `-U` of the kept row then `+U` of the new one, nothing for an equal row — runs through the steps from
 * `split` on.
 */
export interface AggregateChangelog {
  readonly split: number;
  readonly rowType: RecordType;
  /** The update key (of the row at the split) the normalize was keyed by. */
  readonly key: IrKey;
  /** Where the normalize came from (the operator that needed the changelog). */
  readonly span: Span;
}

export interface JoinNode extends NodeBase {
  readonly kind: "join";
  readonly op: IrJoin;
  readonly rightType: RecordType;
}

/**
 * `lookup t as s on …`: per record, the rows of the bounded source `t` with its key — `t` is loaded whole as each
 * subtask opens, so it is part of this node (no source node, no input edge) and the node keeps no state.
 */
export interface LookupNode extends NodeBase {
  readonly kind: "lookup";
  readonly op: IrLookup;
  readonly table: IrSource;
  /** The table's record type (what the alias holds). */
  readonly rightType: RecordType;
}

export interface UnionNode extends NodeBase {
  readonly kind: "union";
  readonly op: IrUnion;
}

export interface DedupeNode extends NodeBase {
  readonly kind: "dedupe";
  readonly op: IrDedupe;
  readonly key: IrKey | null;
}

/** An update stream's changelog (ChangelogNormalize), keyed by the update key, before a regular join. */
export interface NormalizeNode extends NodeBase {
  readonly kind: "normalize";
  readonly op: IrNormalize;
  readonly key: IrKey;
}

/** `over …`: keyed (or, without keyBy, one partition), event-time ordered, one output row per input row. */
export interface OverNode extends NodeBase {
  readonly kind: "over";
  readonly op: IrOver;
  readonly key: IrKey | null;
}

export interface MatchNode extends NodeBase {
  readonly kind: "match";
  readonly op: IrMatch;
  readonly pattern: IrPattern;
  readonly key: IrKey | null;
}

export interface ProcessNode extends NodeBase {
  readonly kind: "process";
  readonly op: IrProcess;
  readonly key: IrKey | null;
}

/** `predict model("…")`: a flatMap that loads the model's servable as it opens (so never fused into a chain). */
export interface PredictNode extends NodeBase {
  readonly kind: "predict";
  readonly op: IrPredict;
}

/** `train L(…)`: an ml/ online learner's training graph (parallel mini-batches, one update subtask); out come its model versions. */
export interface TrainNode extends NodeBase {
  readonly kind: "train";
  readonly op: IrTrain;
}

/** `predict latest(m)`: ml/'s online model scoring input 0 with the newest version arriving on input 1 (broadcast). */
export interface PredictLatestNode extends NodeBase {
  readonly kind: "predictLatest";
  readonly op: IrPredictLatest;
  /** The model-version records on input 1. */
  readonly modelType: RecordType;
}

export type PlanNode =
  | SourceNode | SinkNode | ChainNode | AggregateNode | JoinNode | LookupNode | UnionNode | DedupeNode | NormalizeNode | OverNode | MatchNode | ProcessNode | PredictNode
  | TrainNode | PredictLatestNode;

export interface JobSettings {
  /** The file's `parallelism` setting: the default for `job` nodes when the run does not override it. */
  readonly parallelism: number;
  readonly checkpoint: { readonly intervalMs: number; readonly mode: "exactly_once" | "at_least_once" } | null;
  readonly restart:
    | { readonly kind: "fixed"; readonly attempts: number; readonly delayMs: number }
    | { readonly kind: "exponential"; readonly initialMs: number; readonly maxMs: number }
    | { readonly kind: "none" }
    | null;
}

/** Why fusion stopped at an edge, or what it merged: the fusion report of `eddy explain`. */
export interface FusionNote {
  readonly kind: "fused" | "break";
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface JobPlan {
  readonly name: string;
  readonly file: string;
  readonly span: Span;
  readonly settings: JobSettings;
  nodes: PlanNode[];
  edges: PlanEdge[];
  /** Filled by the optimiser. */
  notes: FusionNote[];
}

export interface ProgramPlan {
  readonly file: string;
  jobs: JobPlan[];
}

export function inputsOf(job: JobPlan, id: number): PlanEdge[] {
  return job.edges.filter((e) => e.to === id);
}

export function outputsOf(job: JobPlan, id: number): PlanEdge[] {
  return job.edges.filter((e) => e.from === id);
}

export function nodeById(job: JobPlan, id: number): PlanNode {
  const node = job.nodes.find((n) => n.id === id);
  if (node === undefined) throw new Error(`internal: no plan node ${id}`);
  return node;
}
