// The logical plan as a flat view: each node's operators over typed IR expressions with its output schema, how
// records reach it (partitioning), its time attribute and the kind of changelog it emits — derived from the job graph
// (compiler/plan/plan.ts), whose operators are IR too; connectors, CEP patterns and ml/ operators are summarised here
// by name. Changelog kinds and time attributes are computed only here; nothing in the back end reads this view yet
// (its tests do: test/compiler/ir/plan.test.ts).
import type { WindowSpec } from "../ast/annotations.js";
import type { StatelessOp } from "../plan/plan.js";
import { inputsOf, type JobPlan, type NodeParallelism, type PlanEdge, type PlanNode } from "../plan/plan.js";
import type { RecordType } from "../types/type.js";
import type { IrExpr, IrField } from "./expr.js";

/**
 * What a stream's records mean (Flink's changelog modes): `insert-only` rows are facts; `upsert` rows replace the
 * previous row with the same `upsertKey`; `retract` streams also take rows back. Eddy's running aggregates emit upserts.
 */
export type ChangelogKind = "insert-only" | "upsert" | "retract";

export interface Changelog {
  readonly kind: ChangelogKind;
  /** For `upsert`: the fields identifying a row (the group key). */
  readonly upsertKey: readonly string[] | null;
}

/**
 * Event time: whether records carry event-time timestamps with watermarks, and which output field (if any) holds
 * the timestamp (a source's watermark field while it is passed on; the window end is carried but not a field).
 */
export interface TimeAttribute {
  readonly eventTime: boolean;
  readonly field: string | null;
}

export type IrPartitioning =
  | { readonly kind: "forward" }
  | { readonly kind: "auto" }
  | { readonly kind: "hash"; readonly key: readonly IrExpr[]; readonly fields: readonly string[] }
  | { readonly kind: "rebalance" }
  | { readonly kind: "broadcast" };

export type IrOperator =
  | { readonly kind: "source"; readonly name: string; readonly connector: string }
  | { readonly kind: "sink"; readonly name: string; readonly connector: string }
  | { readonly kind: "filter"; readonly condition: IrExpr }
  /** `map` (keepInput false) and `extend` (keepInput true). */
  | { readonly kind: "project"; readonly fields: readonly IrField[]; readonly keepInput: boolean }
  /** `flatMap xs as x`: one record per element, with the element as field `as`. */
  | { readonly kind: "unnest"; readonly elements: IrExpr; readonly as: string }
  | { readonly kind: "aggregate"; readonly key: readonly IrExpr[]; readonly window: WindowSpec | null; readonly fields: readonly IrField[] }
  /** `reduce (a, b) => body`: the body reads its parameters as `lambdaParam` 0 and 1. */
  | { readonly kind: "reduce"; readonly key: readonly IrExpr[]; readonly window: WindowSpec | null; readonly body: IrExpr }
  | { readonly kind: "top"; readonly key: readonly IrExpr[]; readonly window: WindowSpec | null; readonly count: number; readonly order: readonly { readonly by: IrExpr; readonly descending: boolean }[]; readonly rank?: string }
  | { readonly kind: "join"; readonly mode: "window" | "interval" | "regular" | "temporal"; readonly alias: string; readonly condition: IrExpr; readonly keyPairs: readonly { readonly left: IrExpr; readonly right: IrExpr }[] }
  /** `lookup t as alias on condition`: the bounded source `t`, loaded whole as the operator opens, indexed by the right keys. */
  | { readonly kind: "lookup"; readonly table: string; readonly connector: string; readonly outer: boolean; readonly alias: string; readonly condition: IrExpr; readonly keyPairs: readonly { readonly left: IrExpr; readonly right: IrExpr }[] }
  | { readonly kind: "union" }
  | { readonly kind: "dedupe"; readonly key: IrExpr }
  /** An update stream's changelog (ChangelogNormalize), keyed by its update key. */
  | { readonly kind: "normalize"; readonly key: readonly IrExpr[] }
  /** `over`: the input extended with one aggregate per field over the frame ending at each row (preceding null: unbounded). */
  | { readonly kind: "over"; readonly key: readonly IrExpr[]; readonly unit: "rows" | "range"; readonly preceding: number | null; readonly fields: readonly IrField[] }
  | { readonly kind: "match"; readonly pattern: string }
  | { readonly kind: "process"; readonly module: string; readonly exportName: string }
  | { readonly kind: "predict"; readonly path: string }
  /** `train L(…)`: an online learner; its output is the stream of model versions. */
  | { readonly kind: "train"; readonly learner: string }
  /** `predict latest(m)`: scores input 0 with the newest model version arriving on input 1 (broadcast). */
  | { readonly kind: "predictLatest"; readonly model: string };

export interface IrPlanInput {
  readonly from: number;
  /** 0, or 1 for the right side of a join. */
  readonly port: number;
  readonly partitioning: IrPartitioning;
  /** Set when the input is a side output (`lateTo`, `timeoutsTo`) of `from`. */
  readonly side?: string;
}

/** One node of the logical plan: a fused run of operators in order (one operator for all but chains and aggregates). */
export interface IrPlanNode {
  readonly id: number;
  readonly operators: readonly IrOperator[];
  readonly inputs: readonly IrPlanInput[];
  readonly schema: RecordType;
  readonly parallelism: NodeParallelism;
  readonly changelog: Changelog;
  readonly time: TimeAttribute;
}

export interface IrJobPlan {
  readonly name: string;
  /** In topological order: every node after its inputs. */
  readonly nodes: readonly IrPlanNode[];
}

const INSERT_ONLY: Changelog = { kind: "insert-only", upsertKey: null };
const RETRACT: Changelog = { kind: "retract", upsertKey: null };

/** Lowers one job of today's plan. Throws (internal error) on a cycle, which the planner never builds. */
export function lowerJobPlan(job: JobPlan): IrJobPlan {
  const done = new Map<number, IrPlanNode>();
  const visiting = new Set<number>();
  const order: IrPlanNode[] = [];
  const visit = (node: PlanNode): IrPlanNode => {
    const seen = done.get(node.id);
    if (seen !== undefined) return seen;
    if (visiting.has(node.id)) throw new Error(`internal: job ${job.name} has a cycle through node ${node.id}`);
    visiting.add(node.id);
    const edges = inputsOf(job, node.id);
    const inputs = edges.map((e) => ({ edge: e, node: visit(job.nodes.find((n) => n.id === e.from)!) }));
    const lowered = lowerNode(node, inputs);
    done.set(node.id, lowered);
    order.push(lowered);
    return lowered;
  };
  for (const node of job.nodes) visit(node);
  return { name: job.name, nodes: order };
}

function lowerPartitioning(edge: PlanEdge): IrPartitioning {
  const p = edge.partitioning;
  if (p.kind !== "hash") return p;
  return { kind: "hash", key: p.key.exprs, fields: p.key.fields.map((f) => f.name) };
}

function lowerSteps(steps: readonly StatelessOp[]): IrOperator[] {
  return steps.map((s): IrOperator => {
    switch (s.kind) {
      case "filter": return { kind: "filter", condition: s.condition };
      case "project": return { kind: "project", fields: s.fields, keepInput: s.keepInput };
      case "unnest": return { kind: "unnest", elements: s.elements, as: s.as };
    }
  });
}

/** The most general changelog of several inputs: any retraction makes a retract stream, else any upsert an upsert. */
function widest(changelogs: readonly Changelog[]): Changelog {
  if (changelogs.some((c) => c.kind === "retract")) return RETRACT;
  const upserts = changelogs.filter((c) => c.kind === "upsert");
  if (upserts.length === 1 && changelogs.length === 1) return upserts[0]!;
  return upserts.length > 0 ? RETRACT : INSERT_ONLY;
}

function lowerNode(node: PlanNode, inputs: readonly { edge: PlanEdge; node: IrPlanNode }[]): IrPlanNode {
  const base = {
    id: node.id,
    inputs: inputs.map(({ edge }) => ({ from: edge.from, port: edge.input, partitioning: lowerPartitioning(edge), ...(edge.side === undefined ? {} : { side: edge.side }) })),
    schema: node.outputType,
    parallelism: node.parallelism,
  };
  const main = inputs.filter((i) => i.edge.input === 0 && i.edge.side === undefined).map((i) => i.node);
  const inputChangelog = widest(inputs.map((i) => i.node.changelog));
  // The time field survives while the output still has a field of that name holding the same value (not renamed).
  const inputTime = inputs[0]?.node.time ?? { eventTime: false, field: null };
  const keep = (time: TimeAttribute, ops: readonly IrOperator[]): TimeAttribute => ({ eventTime: time.eventTime, field: time.field !== null && passesThrough(ops, time.field) && node.outputType.fields.some((f) => f.name === time.field) ? time.field : null });
  switch (node.kind) {
    case "source": {
      const field = node.source.watermark?.field ?? null;
      return { ...base, operators: [{ kind: "source", name: node.name, connector: node.source.connector.name }], changelog: INSERT_ONLY, time: { eventTime: field !== null, field } };
    }
    case "sink": return { ...base, operators: [{ kind: "sink", name: node.name, connector: node.sink.connector.name }], changelog: inputChangelog, time: inputTime };
    case "chain": {
      const operators = lowerSteps(node.steps);
      return { ...base, operators, changelog: inputChangelog, time: keep(inputTime, operators) };
    }
    case "aggregate": {
      const key = node.key?.exprs ?? [];
      const keyFields = node.key?.fields.map((f) => f.name) ?? [];
      const spec = node.window?.spec ?? null;
      const op = node.op;
      const core: IrOperator =
        op.kind === "aggregate" ? { kind: "aggregate", key, window: spec, fields: op.fields }
        : op.kind === "reduce" ? { kind: "reduce", key, window: spec, body: op.body }
        : { kind: "top", key, window: spec, count: op.count, order: op.order, ...(op.rank === undefined ? {} : { rank: op.rank }) };
      const pre = lowerSteps(node.pre);
      const split = node.changelog?.split ?? node.post.length;
      // an aggregate emitting its changelog is the aggregate, then the normalize it absorbed (passes/absorb-normalize.ts)
      const post = [
        ...lowerSteps(node.post.slice(0, split)),
        ...(node.changelog === undefined ? [] : [{ kind: "normalize", key: node.changelog.key.exprs } as const]),
        ...lowerSteps(node.post.slice(split)),
      ];
      // A window with the default trigger emits each window once; a running aggregate (or early firings) updates rows.
      const once = node.window !== null && node.window.trigger === null;
      const changelog: Changelog = once ? INSERT_ONLY
        : node.changelog !== undefined || ((op.kind === "aggregate" || op.kind === "top") && op.retractsChanges === true) ? RETRACT
        : { kind: "upsert", upsertKey: keyFields };
      return { ...base, operators: [...pre, core, ...post], changelog, time: { eventTime: inputTime.eventTime, field: null } };
    }
    case "join": {
      const op = node.op;
      const mode = op.mode.kind === "window" ? "window" : op.mode.kind === "interval" ? "interval" : op.mode.kind === "temporal" ? "temporal" : "regular";
      // why retract: a regular outer join deletes a padded row once its match arrives (types/row-kind.ts)
      const changelog = op.mode.kind === "regular" && (op.outer !== null || op.upserts !== undefined) ? RETRACT : inputChangelog;
      return { ...base, operators: [{ kind: "join", mode, alias: op.alias, condition: op.condition, keyPairs: op.keyPairs }], changelog, time: { eventTime: inputTime.eventTime, field: null } };
    }
    case "lookup": {
      const op = node.op;
      const lookup: IrOperator = { kind: "lookup", table: op.table, connector: node.table.connector.name, outer: op.outer, alias: op.alias, condition: op.condition, keyPairs: op.keyPairs };
      return { ...base, operators: [lookup], changelog: inputChangelog, time: keep(inputTime, []) };
    }
    case "union": return { ...base, operators: [{ kind: "union" }], changelog: inputChangelog, time: { eventTime: main.every((n) => n.time.eventTime), field: null } };
    case "dedupe": return { ...base, operators: [{ kind: "dedupe", key: node.key!.exprs[0]! }], changelog: INSERT_ONLY, time: inputTime };
    // why no time field: a -U row is emitted at the time of the row that replaces it
    case "normalize": return { ...base, operators: [{ kind: "normalize", key: node.key.exprs }], changelog: RETRACT, time: { eventTime: inputTime.eventTime, field: null } };
    case "over": {
      const key = node.key?.exprs ?? [];
      const op = node.op;
      return { ...base, operators: [{ kind: "over", key, unit: op.unit, preceding: op.preceding, fields: op.fields.map((f) => ({ name: f.name, value: f.call })) }], changelog: INSERT_ONLY, time: inputTime };
    }
    case "match": return { ...base, operators: [{ kind: "match", pattern: node.pattern.name }], changelog: INSERT_ONLY, time: { eventTime: inputTime.eventTime, field: null } };
    case "process": {
      return { ...base, operators: [{ kind: "process", module: node.op.module, exportName: node.op.exportName }], changelog: inputChangelog, time: { eventTime: inputTime.eventTime, field: null } };
    }
    case "predict": return { ...base, operators: [{ kind: "predict", path: node.op.path }], changelog: inputChangelog, time: keep(inputTime, []) };
    // why insert-only without a time field: each model version is a new record, emitted when its mini-batch completes
    case "train": return { ...base, operators: [{ kind: "train", learner: node.op.learner }], changelog: INSERT_ONLY, time: { eventTime: false, field: null } };
    case "predictLatest": {
      const scored = main[0]?.changelog ?? INSERT_ONLY;
      return { ...base, operators: [{ kind: "predictLatest", model: node.op.stream }], changelog: scored, time: { eventTime: inputTime.eventTime, field: null } };
    }
  }
}

/** True when `field` reaches the end of `ops` unchanged: never assigned by a projection, kept by every `map`. */
function passesThrough(ops: readonly IrOperator[], field: string): boolean {
  for (const op of ops) {
    if (op.kind === "unnest" && op.as === field) return false;
    if (op.kind !== "project") continue;
    const assigned = op.fields.find((f) => f.name === field);
    if (assigned === undefined) {
      if (!op.keepInput) return false;
      continue;
    }
    const v = assigned.value;
    if (!(v.kind === "read" && v.source.kind === "input" && v.source.field === field)) return false;
  }
  return true;
}

