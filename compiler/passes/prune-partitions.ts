// Partition pruning (Flink's PushPartitionIntoTableSourceScanRule): a partitioned `file` source whose consumers all
// start with a filter on partition columns reads only the partition directories that filter can keep. The conjuncts
// of those filters that read nothing but partition columns become the source's `partitionFilter`, evaluated on each
// directory's values before its files are opened. The filters stay in their chains: pruning only saves reading
// records they would drop, so no result depends on it.
import { childrenOf, type IrExpr } from "../ir/expr.js";
import { BOOL, isNullable, nullable } from "../types/type.js";
import { nodeById, outputsOf, sameParallelism, type JobPlan, type PlanEdge, type PlanNode, type SourceNode } from "../plan/plan.js";
import type { BackEndContext } from "./back-end-context.js";

export function prunePartitions(ctx: BackEndContext): void {
  for (const job of ctx.plan.jobs) {
    for (const node of job.nodes) {
      if (node.kind !== "source") continue;
      const filter = partitionFilterOf(job, node);
      if (filter === null) delete node.partitionFilter;
      else node.partitionFilter = filter;
    }
  }
}

/** The partition columns of a source that its record type has: `partitionBy` of a `file` source (none for others). */
export function partitionColumnsOf(source: SourceNode): ReadonlySet<string> {
  const connector = source.source.connector;
  const keys = connector.name === "file" ? connector.args.get("partitionBy") : undefined;
  if (!Array.isArray(keys)) return new Set();
  return new Set(source.outputType.fields.map((f) => f.name).filter((name) => keys.includes(name)));
}

/**
 * The conjuncts of `condition` (split at `and`) that read at least one of `columns` and nothing else: no other field,
 * no join side, window bound or pattern stage, no imported function (it may have effects, or throw). A record is
 * kept only when every conjunct is true, so a directory for which one of these is false or null holds no kept record.
 */
export function partitionConjuncts(condition: IrExpr, columns: ReadonlySet<string>): IrExpr[] {
  if (condition.kind === "logical" && condition.op === "and") {
    return [...partitionConjuncts(condition.left, columns), ...partitionConjuncts(condition.right, columns)];
  }
  const read = new Set<string>();
  return readsOnly(condition, columns, read) && read.size > 0 ? [condition] : [];
}

function readsOnly(e: IrExpr, columns: ReadonlySet<string>, read: Set<string>): boolean {
  switch (e.kind) {
    case "read":
      if (e.source.kind !== "input" || !columns.has(e.source.field)) return false;
      read.add(e.source.field);
      return true;
    case "udf": case "aggregate": case "stageFunction": return false;
    default: return childrenOf(e).every((c) => readsOnly(c, columns, read));
  }
}

/**
 * The source's pruning condition: the OR over its consumers of the AND of each one's partition conjuncts (a directory
 * is read when some consumer may keep one of its records). Null when a consumer keeps records of every partition —
 * one that is not a chain starting with such a filter — or when the source is not partitioned.
 */
function partitionFilterOf(job: JobPlan, source: SourceNode): IrExpr | null {
  const columns = partitionColumnsOf(source);
  const outputs = outputsOf(job, source.id);
  if (columns.size === 0 || outputs.length === 0) return null;
  const perConsumer: IrExpr[] = [];
  for (const edge of outputs) {
    const conjuncts = leadingConjuncts(job, source, edge, columns);
    if (conjuncts.length === 0) return null;
    perConsumer.push(conjuncts.reduce((a, b) => logical("and", a, b)));
  }
  return perConsumer.reduce((a, b) => logical("or", a, b));
}

/**
 * The partition conjuncts of the filters that every record arriving on `edge` meets first: the leading filter steps
 * of the chain it feeds, and while a chain is nothing but filters (which pass records on unchanged, so the next one
 * reads the same fields), those of the one chain after it. Only plain forward edges between nodes of equal
 * parallelism are followed: the filter then runs on exactly the records the source read, where they were read.
 */
function leadingConjuncts(job: JobPlan, source: SourceNode, first: PlanEdge, columns: ReadonlySet<string>): IrExpr[] {
  const taken: IrExpr[] = [];
  let from: PlanNode = source;
  let edge = first;
  for (;;) {
    if (edge.side !== undefined || edge.partitioning.kind !== "forward") return taken;
    const node = nodeById(job, edge.to);
    if (node.kind !== "chain" || !sameParallelism(from.parallelism, node.parallelism)) return taken;
    for (const step of node.steps) {
      if (step.kind !== "filter") return taken;
      taken.push(...partitionConjuncts(step.condition, columns));
    }
    const next = outputsOf(job, node.id);
    if (next.length !== 1) return taken;
    from = node;
    edge = next[0]!;
  }
}

function logical(op: "and" | "or", left: IrExpr, right: IrExpr): IrExpr {
  const type = isNullable(left.type) || isNullable(right.type) ? nullable(BOOL) : BOOL;
  return { kind: "logical", op, left, right, type };
}
