// StreamGraph: physical operators as nodes and their connections as edges, virtual transformations
// (partitioning, union, side outputs) folded into the edges.
import { checkMaxParallelism, DEFAULT_MAX_PARALLELISM } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { PartitionerSpec } from "./partitioner.js";
import type { BatchCodecFactory, ChainingStrategy, PhysicalTransformation, Transformation } from "./transformation.js";

export interface StreamNode {
  readonly id: number;
  readonly name: string;
  readonly uid: string;
  readonly transformation: PhysicalTransformation;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly chaining: ChainingStrategy;
  readonly inEdges: StreamEdge[];
  readonly outEdges: StreamEdge[];
}

export interface StreamEdge {
  readonly source: StreamNode;
  readonly target: StreamNode;
  /** Which input of the target (0, or 1 for the second input of a two-input operator). */
  readonly targetInput: number;
  readonly partitioner: PartitionerSpec;
  readonly sideOutput: OutputTag<any> | null;
  /** The codec of the records on this edge where it crosses workers; null: the generic codec. */
  readonly batchCodec: BatchCodecFactory | null;
}

export interface StreamGraph {
  readonly jobName: string;
  /** In topological order: every node after the nodes it reads from. */
  readonly nodes: readonly StreamNode[];
}

export interface StreamGraphSettings {
  readonly jobName: string;
  readonly defaultParallelism: number;
  readonly maxParallelism: number | null;
}

interface ResolvedInput {
  readonly node: StreamNode;
  readonly partitioner: PartitionerSpec | null;
  readonly sideOutput: OutputTag<any> | null;
  readonly batchCodec: BatchCodecFactory | null;
}

export function buildStreamGraph(sinks: readonly Transformation[], settings: StreamGraphSettings): StreamGraph {
  const nodes = new Map<number, StreamNode>();
  const order: StreamNode[] = [];

  const nodeOf = (t: PhysicalTransformation): StreamNode => {
    const existing = nodes.get(t.id);
    if (existing !== undefined) return existing;
    const inputs = t.kind === "operator" ? t.inputs.map((input, index) => ({ index, resolved: resolve(input) })) : [];
    const parallelism = parallelismOf(t, settings);
    const maxParallelism = t.maxParallelism ?? settings.maxParallelism ?? Math.max(DEFAULT_MAX_PARALLELISM, parallelism);
    checkMaxParallelism(maxParallelism, parallelism);
    const node: StreamNode = {
      id: t.id,
      name: t.name,
      uid: t.uid ?? `${t.kind}-${t.id}`,
      transformation: t,
      parallelism,
      maxParallelism,
      chaining: t.chaining,
      inEdges: [],
      outEdges: [],
    };
    nodes.set(t.id, node);
    for (const { index, resolved } of inputs) {
      for (const r of resolved) {
        const partitioner = r.partitioner ?? { kind: r.node.parallelism === parallelism ? "forward" : "rebalance" };
        if (partitioner.kind === "forward" && r.node.parallelism !== parallelism) {
          throw new Error(
            `forward partitioning from '${r.node.name}' (parallelism ${r.node.parallelism}) to '${t.name}' (parallelism ${parallelism}) is not possible: use rebalance() or rescale(), or equal parallelism`,
          );
        }
        const edge: StreamEdge = { source: r.node, target: node, targetInput: index, partitioner, sideOutput: r.sideOutput, batchCodec: r.batchCodec };
        r.node.outEdges.push(edge);
        node.inEdges.push(edge);
      }
    }
    order.push(node);
    // why later: a companion (an iteration's tail) reads from nodes whose inputs may still be being resolved now
    if (t.companions !== undefined) pendingCompanions.push(...t.companions);
    return node;
  };
  const pendingCompanions: Transformation[] = [];

  // A codec set on a virtual transformation (a keyBy, a union) wins over the one of the operator behind it; a side
  // output's records are not the operator's, so only a codec set on the side output itself applies to them.
  const resolve = (t: Transformation): ResolvedInput[] => {
    switch (t.kind) {
      case "source":
      case "operator":
        return [{ node: nodeOf(t), partitioner: null, sideOutput: null, batchCodec: t.batchCodec ?? null }];
      case "partition":
        return resolve(t.input).map((r) => ({ ...r, partitioner: t.partitioner, batchCodec: t.batchCodec ?? r.batchCodec }));
      case "union":
        return t.inputs.flatMap(resolve).map((r) => ({ ...r, batchCodec: t.batchCodec ?? r.batchCodec }));
      case "side-output":
        return resolve(t.input).map((r) => ({ ...r, sideOutput: t.tag, batchCodec: t.batchCodec ?? null }));
    }
  };

  for (const sink of sinks) resolve(sink);
  while (pendingCompanions.length > 0) resolve(pendingCompanions.shift()!);
  return { jobName: settings.jobName, nodes: order };
}

function parallelismOf(t: PhysicalTransformation, settings: StreamGraphSettings): number {
  const requested = t.parallelism ?? settings.defaultParallelism;
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`parallelism of '${t.name}' must be a positive integer, got ${requested}`);
  if (t.kind === "source") {
    const max = t.source.maxParallelism ?? Number.POSITIVE_INFINITY;
    if (t.parallelism !== null && t.parallelism > max) {
      throw new RangeError(`source '${t.name}' supports parallelism ${max} at most, got ${t.parallelism}`);
    }
    return Math.min(requested, max);
  }
  return requested;
}
