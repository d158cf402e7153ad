// The job graph as plain data (what Flink's REST API calls the plan): the vertices a job runs as — chains of operators
// with one parallelism — and the edges between them with their ship strategy. JSON-safe, so a JobManager can serve it
// and a dashboard can draw it without reaching into runtime objects.
import type { JobGraph } from "../graph/job-graph.js";
import type { PartitionerKind } from "../graph/partitioner.js";

export interface JobPlanVertex {
  /** The vertex's index in the job graph (stable for the job's lifetime). */
  readonly id: number;
  /** The chained operators' names joined with " -> ". */
  readonly name: string;
  readonly parallelism: number;
  /** The chained operators, head first (the names metrics use). */
  readonly operators: readonly string[];
}

export interface JobPlanEdge {
  readonly source: number;
  readonly target: number;
  /** How records cross the edge, as Flink prints it: FORWARD, HASH, REBALANCE, RESCALE, SHUFFLE, BROADCAST, GLOBAL. */
  readonly shipStrategy: string;
  /** Set when the edge carries a side output (late records, timeouts), by the output's id. */
  readonly sideOutput: string | null;
}

export interface JobPlan {
  readonly name: string;
  readonly vertices: readonly JobPlanVertex[];
  readonly edges: readonly JobPlanEdge[];
}

const SHIP_STRATEGY: Readonly<Record<PartitionerKind, string>> = {
  forward: "FORWARD",
  rebalance: "REBALANCE",
  rescale: "RESCALE",
  shuffle: "SHUFFLE",
  broadcast: "BROADCAST",
  hash: "HASH",
  global: "GLOBAL",
};

export function jobPlanOf(job: JobGraph): JobPlan {
  const edges: JobPlanEdge[] = [];
  for (const vertex of job.vertices) {
    for (const edge of vertex.outputs) {
      const target = job.vertexOf.get(edge.target);
      // why: every edge target is a node of the graph; a missing one would be a bug in buildJobGraph
      if (target === undefined) throw new Error(`internal: edge ${edge.source.name} -> ${edge.target.name} leads outside the job graph`);
      edges.push({ source: vertex.id, target: target.id, shipStrategy: SHIP_STRATEGY[edge.partitioner.kind], sideOutput: edge.sideOutput?.id ?? null });
    }
  }
  return {
    name: job.jobName,
    vertices: job.vertices.map((v) => ({ id: v.id, name: v.name, parallelism: v.parallelism, operators: v.nodes.map((n) => n.name) })),
    edges,
  };
}
