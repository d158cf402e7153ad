// JobGraph: stream nodes chained into job vertices (tasks) wherever records can be handed over
// by a direct call instead of a channel.
import type { StreamEdge, StreamGraph, StreamNode } from "./stream-graph.js";

export interface JobVertex {
  readonly id: number;
  readonly name: string;
  readonly head: StreamNode;
  /** Head first, then every chained node after the node that feeds it. */
  readonly nodes: readonly StreamNode[];
  readonly parallelism: number;
  /** Edges that enter the chain from other vertices (always into the head). */
  readonly inputs: readonly StreamEdge[];
  /** Edges that leave the chain to other vertices. */
  readonly outputs: readonly StreamEdge[];
}

export interface JobGraph {
  readonly jobName: string;
  readonly vertices: readonly JobVertex[];
  /** The vertex each stream node belongs to. */
  readonly vertexOf: ReadonlyMap<StreamNode, JobVertex>;
}

/**
 * An edge is chained when all of these hold (Flink's rules):
 * the records go one-to-one (forward partitioning, equal parallelism), the consumer has only this
 * input, neither side refuses chaining, and chaining is enabled for the job. Unlike Flink, an edge between
 * two single subtasks is one-to-one whatever its partitioner: a keyBy there sends every record to
 * subtask 0 anyway, and a keyed consumer computes keys with its own selector. This lets a program whose
 * parallelism is only known when it runs (a compiled .flow job under `-p`) keep its shuffles and still
 * pay nothing for them at parallelism 1.
 */
export function isChainable(edge: StreamEdge, chainingEnabled: boolean): boolean {
  const { source: up, target: down } = edge;
  if (!chainingEnabled) return false;
  // why: a second input would need a channel anyway, and inputs are only read by a task's head
  if (down.inEdges.length !== 1) return false;
  if (up.parallelism !== down.parallelism) return false;
  if (edge.partitioner.kind !== "forward" && up.parallelism !== 1) return false;
  // why: disableChaining() isolates an operator on both sides; startNewChain() only before it
  if (up.chaining === "NEVER" || down.chaining === "NEVER" || down.chaining === "HEAD") return false;
  // why: key groups are assigned per subtask; a keyed consumer must not change max parallelism
  if (up.maxParallelism !== down.maxParallelism && down.transformation.kind === "operator" && down.transformation.keySelectors.some((k) => k !== null)) return false;
  return true;
}

export function buildJobGraph(graph: StreamGraph, chainingEnabled: boolean): JobGraph {
  const vertexOf = new Map<StreamNode, JobVertex>();
  const vertices: JobVertex[] = [];
  for (const node of graph.nodes) {
    const chainedIn = node.inEdges.length === 1 && isChainable(node.inEdges[0]!, chainingEnabled);
    if (chainedIn) continue;
    const members: StreamNode[] = [];
    const collect = (n: StreamNode) => {
      members.push(n);
      for (const e of n.outEdges) if (isChainable(e, chainingEnabled)) collect(e.target);
    };
    collect(node);
    const memberSet = new Set(members);
    const vertex: JobVertex = {
      id: vertices.length,
      name: members.map((m) => m.name).join(" -> "),
      head: node,
      nodes: members,
      parallelism: node.parallelism,
      inputs: node.inEdges,
      outputs: members.flatMap((m) => m.outEdges.filter((e) => !memberSet.has(e.target) || !isChainable(e, chainingEnabled))),
    };
    vertices.push(vertex);
    for (const m of members) vertexOf.set(m, vertex);
  }
  return { jobName: graph.jobName, vertices, vertexOf };
}

/** A human-readable description of the chaining (explain output, tests). */
export function describeJobGraph(job: JobGraph): string {
  return job.vertices.map((v) => `[${v.nodes.map((n) => n.name).join(" -> ")}] x${v.parallelism}`).join("\n");
}
