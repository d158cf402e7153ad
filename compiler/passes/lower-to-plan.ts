// Lowers every job of a checked program to a logical plan: one node per operator, sources and sinks shared within a
// job, `keyBy` becoming a hash-partitioned edge into the next stateful operator, `let`s and side outputs as fan-out.
import type { UpdateKey } from "../ast/annotations.js";
import type { JobDecl, Operator, Pipeline, WindowOp } from "../ast/nodes.js";
import type { IrExpr } from "../ir/expr.js";
import type { IrKey } from "../ir/key.js";
import { constantDuration, constantInt } from "../types/constants.js";
import { withRowKind } from "../types/row-kind.js";
import { UNKNOWN, record, type RecordField, type RecordType } from "../types/type.js";
import { JOB_PARALLELISM, NON_PARALLEL, sameParallelism, type JobPlan, type JobSettings, type NodeParallelism, type Partitioning, type PlanNode } from "../plan/plan.js";
import {
  keyOf, lowerAggregation, lowerDedupe, lowerJoin, lowerKey, lowerLookup, lowerOver, lowerPattern, lowerProcess, lowerSink, lowerSource, lowerStep,
  lowerTrain, lowerWindow,
} from "./lower-operators.js";
import type { BackEndContext } from "./back-end-context.js";

/** Where a stream comes from: a node's main output, or one of its side outputs. */
interface Endpoint {
  readonly node: number;
  readonly side?: string;
}

/** A plan node before it has an id. */
type NewNode = PlanNode extends infer N ? (N extends PlanNode ? Omit<N, "id"> : never) : never;

/** Sources that cannot be read in parallel run as one subtask whatever the job's parallelism. */
const SINGLE_READER = new Set(["collection", "file", "socket"]);

export function lowerToPlan(ctx: BackEndContext): void {
  ctx.plan = { file: ctx.file, jobs: ctx.program.declarations.filter((d): d is JobDecl => d.kind === "JobDecl").map((job) => lowerJob(ctx, job)) };
}

function lowerJob(ctx: BackEndContext, job: JobDecl): JobPlan {
  const settings = jobSettings(job);
  const plan: JobPlan = { name: job.name.name, file: ctx.file, span: job.span, settings, nodes: [], edges: [], notes: [] };
  const streams = new Map<string, Endpoint>();
  const sources = new Map<string, number>();
  const sinks = new Map<string, number>();

  const add = (node: NewNode): PlanNode => {
    const full = { ...node, id: plan.nodes.length } as PlanNode;
    plan.nodes.push(full);
    return full;
  };
  const connect = (from: Endpoint, to: number, partitioning: Partitioning, input = 0) => {
    plan.edges.push({ from: from.node, to, partitioning, input, ...(from.side === undefined ? {} : { side: from.side }) });
  };
  const parallelismOf = (id: number) => plan.nodes[id]!.parallelism;
  const typeOf = (e: Endpoint): RecordType => (e.side === undefined ? plan.nodes[e.node]!.outputType : sideType(ctx, job, e.side));

  const sinkNode = (name: string): number => {
    const existing = sinks.get(name);
    if (existing !== undefined) return existing;
    const symbol = ctx.symbols.get(name);
    if (symbol?.kind !== "sink") throw new Error(`internal: sink ${name} not resolved`);
    const type = symbol.decl.recordType ?? record([]);
    const node = add({ kind: "sink", name, sink: lowerSink(symbol.decl), span: symbol.decl.span, parallelism: JOB_PARALLELISM, inputType: type, outputType: type });
    sinks.set(name, node.id);
    return node.id;
  };

  const headOf = (name: string, ref: Pipeline["headRef"]): Endpoint => {
    if (ref?.kind === "source") {
      const existing = sources.get(name);
      if (existing !== undefined) return { node: existing };
      const symbol = ctx.symbols.get(name);
      if (symbol?.kind !== "source") throw new Error(`internal: source ${name} not resolved`);
      const type = symbol.decl.recordType ?? record([]);
      const parallelism = SINGLE_READER.has(symbol.decl.connector.name.name) ? NON_PARALLEL : JOB_PARALLELISM;
      const node = add({ kind: "source", name, source: lowerSource(symbol.decl), span: symbol.decl.span, parallelism, inputType: type, outputType: type });
      sources.set(name, node.id);
      return { node: node.id };
    }
    const stream = streams.get(name);
    if (stream === undefined) throw new Error(`internal: stream ${name} used before it is defined`);
    return stream;
  };

  const lowerPipeline = (pipeline: Pipeline): Endpoint => {
    let current = headOf(pipeline.head.name, pipeline.headRef);
    let parallelism = parallelismOf(current.node);
    let explicit: Partitioning | null = null;
    let window: WindowOp | null = null;
    // A `parallelism n` hint applies to the operators after it. Without one, stateful operators run at the job's
    // parallelism and stateless ones at their input's (so that they can fuse with it), unless rebalanced. The job's
    // parallelism stays symbolic: it is only known when the job runs (see NodeParallelism).
    let hint: NodeParallelism | null = null;
    const stateful = () => hint ?? JOB_PARALLELISM;
    const stateless = () => hint ?? (explicit === null ? parallelism : JOB_PARALLELISM);

    const edgeTo = (node: PlanNode, key: IrKey | null, input = 0, from: Endpoint = current) => {
      const upstream = parallelismOf(from.node);
      const partitioning: Partitioning =
        key !== null ? { kind: "hash", key } : explicit ?? (sameParallelism(upstream, node.parallelism) ? { kind: "forward" } : { kind: "auto" });
      connect(from, node.id, partitioning, input);
    };
    const next = (node: PlanNode, key: IrKey | null = null) => {
      edgeTo(node, key);
      explicit = null;
      current = { node: node.id };
      parallelism = node.parallelism;
    };
    const base = (op: Operator, p: NodeParallelism) => ({ span: op.span, parallelism: p, inputType: op.flow!.input, outputType: op.flow!.output });
    // The changelog of the update stream at `from` (ChangelogNormalize), for the operator `op` that needs it.
    const normalized = (op: Operator, from: Endpoint, updates: UpdateKey | null): Endpoint => {
      if (updates === null) return from;
      const type = typeOf(from);
      const key = updateKey(updates, type);
      const node = add({ kind: "normalize", op: { kind: "normalize", span: op.span }, key, span: op.span, parallelism: stateful(), inputType: type, outputType: withRowKind(type) });
      edgeTo(node, key, 0, from);
      return { node: node.id };
    };
    const normalizeCurrent = (op: Operator, updates: UpdateKey) => {
      current = normalized(op, current, updates);
      explicit = null;
      parallelism = parallelismOf(current.node);
    };

    for (const op of pipeline.operators) {
      const flow = op.flow!;
      switch (op.kind) {
        case "FilterOp": case "MapOp": case "ExtendOp": case "FlatMapOp":
          next(add({ kind: "chain", steps: [lowerStep(op)], ...base(op, stateless()) }));
          break;
        case "KeyByOp":
          // The shuffle happens where the key is needed: at the next stateful operator.
          break;
        case "WindowOp":
          window = op;
          break;
        case "AggregateOp": case "ReduceOp": case "TopOp": {
          const key = lowerKey(flow.key);
          // An update stream whose rows move between groups (or that a running top ranks) arrives as its changelog.
          const normalize = op.kind === "ReduceOp" ? undefined : op.normalize;
          if (normalize !== undefined) normalizeCurrent(op, normalize);
          const input = normalize !== undefined ? typeOf(current) : flow.input;
          const node = add({
            kind: "aggregate", window: window === null ? null : lowerWindow(window), op: lowerAggregation(op), key, pre: [], post: [],
            // A non-keyed aggregate sees the whole stream: one instance under any parallelism (Flink's windowAll).
            ...base(op, key === null ? NON_PARALLEL : stateful()),
            inputType: input, preInputType: input, windowInputType: input, aggregateType: flow.output,
          });
          next(node, key);
          if (window?.lateTarget !== undefined) {
            const late: Endpoint = { node: node.id, side: `late:${window.lateTarget.name}` };
            if (window.lateTarget.kind === "sink") connect(late, sinkNode(window.lateTarget.name), { kind: "forward" });
            else streams.set(window.lateTarget.name, late);
          }
          window = null;
          break;
        }
        case "JoinOp": {
          let right = headOf(op.stream.name, op.streamRef);
          const pairs = op.keyPairs ?? [];
          const leftKey = keyOf(pairs.map((p) => p.left));
          const rightKey = keyOf(pairs.map((p) => p.right));
          // An update stream reaches a regular join through its changelog (see JoinOp.normalize).
          if (op.normalize?.left != null) normalizeCurrent(op, op.normalize.left);
          right = normalized(op, right, op.normalize?.right ?? null);
          // why the input type of what arrives: a normalized left side's records carry their change kind
          const node = add({ kind: "join", op: lowerJoin(op), rightType: typeOf(right), ...base(op, stateful()), ...(op.normalize?.left != null ? { inputType: typeOf(current) } : {}) });
          edgeTo(node, rightKey, 1, right);
          next(node, leftKey);
          break;
        }
        case "LookupOp": {
          // Stateless: it runs beside its input (forward) like a chain; its table is loaded by each subtask, not read.
          const table = op.tableDecl;
          if (table === undefined) throw new Error(`internal: lookup table ${op.table.name} not resolved`);
          next(add({ kind: "lookup", op: lowerLookup(op), table: lowerSource(table), rightType: table.recordType ?? record([]), ...base(op, stateless()) }));
          break;
        }
        case "UnionOp": {
          const node = add({ kind: "union", op: { kind: "union", span: op.span, streams: op.streams.map((s) => s.name) }, ...base(op, stateful()) });
          op.streams.forEach((s, i) => edgeTo(node, null, 0, headOf(s.name, op.streamRefs?.[i])));
          next(node);
          break;
        }
        case "DedupeOp": {
          // Repeats are judged by the dedupe expression alone (a preceding keyBy only decides placement).
          const key = keyOf([op.key]);
          next(add({ kind: "dedupe", op: lowerDedupe(op), key, ...base(op, stateful()) }), key);
          break;
        }
        case "OverOp": {
          // Without keyBy the whole stream is one partition: one instance under any parallelism (as a non-keyed window).
          const key = lowerKey(flow.key);
          next(add({ kind: "over", op: lowerOver(op), key, ...base(op, key === null ? NON_PARALLEL : stateful()) }), key);
          break;
        }
        case "MatchOp": {
          const symbol = ctx.symbols.get(op.pattern.name);
          if (symbol?.kind !== "pattern") throw new Error(`internal: pattern ${op.pattern.name} not resolved`);
          const key = lowerKey(flow.key);
          const node = add({ kind: "match", op: { kind: "match", span: op.span, pattern: op.pattern.name, timeoutsTo: op.timeoutsTo?.name ?? null }, pattern: lowerPattern(symbol.decl), key, ...base(op, key === null ? NON_PARALLEL : stateful()) });
          next(node, key);
          if (op.timeoutTarget !== undefined) {
            const timeouts: Endpoint = { node: node.id, side: `timeout:${op.timeoutTarget.name}` };
            if (op.timeoutTarget.kind === "sink") connect(timeouts, sinkNode(op.timeoutTarget.name), { kind: "forward" });
            else streams.set(op.timeoutTarget.name, timeouts);
          }
          break;
        }
        case "ProcessOp": {
          const key = lowerKey(flow.key);
          next(add({ kind: "process", op: lowerProcess(op), key, ...base(op, stateful()) }), key);
          break;
        }
        case "PredictOp":
          // Stateless: it runs beside its input (forward) like a chain, but loads its model as it opens.
          next(add({ kind: "predict", op: { kind: "predict", span: op.span, path: op.path.value, model: op.model ?? null, scoring: op.scoring ?? null }, ...base(op, stateless()) }));
          break;
        case "TrainOp":
          // The versions come out of ml/'s single update subtask (its mini-batches run at the job's parallelism).
          next(add({ kind: "train", op: lowerTrain(op), ...base(op, NON_PARALLEL) }));
          break;
        case "PredictLatestOp": {
          // Every scoring subtask needs every model version: the version stream is broadcast to it.
          const models = headOf(op.stream.name, op.streamRef);
          const node = add({ kind: "predictLatest", op: { kind: "predictLatest", span: op.span, stream: op.stream.name, training: op.training ?? null }, modelType: typeOf(models), ...base(op, stateful()) });
          connect(models, node.id, { kind: "broadcast" }, 1);
          next(node);
          break;
        }
        case "ChangelogOp":
          if (op.normalize !== undefined) normalizeCurrent(op, op.normalize);
          break;
        case "RebalanceOp":
          explicit = { kind: "rebalance" };
          break;
        case "BroadcastOp":
          explicit = { kind: "broadcast" };
          break;
        case "ParallelismOp":
          hint = { kind: "fixed", subtasks: op.value.value, reason: "hint" };
          break;
        case "ToOp": {
          const sink = sinkNode(op.sink.name);
          edgeTo(plan.nodes[sink]!, null);
          explicit = null;
          break;
        }
      }
    }
    return current;
  };

  for (const item of job.items) {
    if (item.kind === "Pipeline") lowerPipeline(item);
    else if (item.kind === "LetStatement") streams.set(item.name.name, lowerPipeline(item.pipeline));
  }
  return plan;
}

/** The key of an update stream's rows (their update key) as IR, read from records of `type`. */
function updateKey(updates: UpdateKey, type: RecordType): IrKey {
  const read = (name: string): { expr: IrExpr; field: RecordField } => {
    const fieldType = type.fields.find((f) => f.name === name)?.type ?? UNKNOWN;
    return { expr: { kind: "read", source: { kind: "input", field: name }, type: fieldType }, field: { name, type: fieldType } };
  };
  if (updates.kind === "fields") {
    const parts = updates.fields.map(read);
    return { exprs: parts.map((p) => p.expr), fields: parts.map((p) => p.field) };
  }
  const key = lowerKey(updates.key)!;
  const rank = read(updates.rank);
  return { exprs: [...key.exprs, rank.expr], fields: [...key.fields, rank.field] };
}

function sideType(ctx: BackEndContext, job: JobDecl, side: string): RecordType {
  const name = side.slice(side.indexOf(":") + 1);
  return ctx.jobStreams.get(job)?.get(name)?.type ?? record([]);
}

function jobSettings(job: JobDecl): JobSettings {
  let parallelism = 1;
  let checkpoint: JobSettings["checkpoint"] = null;
  let restart: JobSettings["restart"] = null;
  for (const item of job.items) {
    if (item.kind === "ParallelismSetting") parallelism = item.value.value;
    else if (item.kind === "CheckpointSetting") checkpoint = { intervalMs: constantDuration(item.interval) ?? 0, mode: item.mode ?? "exactly_once" };
    else if (item.kind === "RestartSetting") {
      const positions: Record<string, number> = { attempts: 0, delay: 1, initial: 0, max: 1 };
      const arg = (name: string) => item.args.find((a, i) => a.name?.name === name || (a.name === null && i === positions[name]))?.value;
      const duration = (name: string) => { const e = arg(name); return e === undefined ? 0 : constantDuration(e) ?? 0; };
      switch (item.strategy.name) {
        case "fixed": { const a = arg("attempts"); restart = { kind: "fixed", attempts: a === undefined ? 1 : constantInt(a) ?? 1, delayMs: duration("delay") }; break; }
        case "exponential": restart = { kind: "exponential", initialMs: duration("initial"), maxMs: duration("max") }; break;
        default: restart = { kind: "none" };
      }
    }
  }
  return { parallelism, checkpoint, restart };
}
