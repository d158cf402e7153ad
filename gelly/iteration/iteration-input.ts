// The low-level input and output of Gelly's three iteration models (vertex-centric, scatter-gather, gather-sum-apply):
// a CSR graph on dense vertex ids 0..n-1, one value per vertex in id order and one value per input edge. The Graph
// API maps user keys to dense ids (VertexDictionary) before calling a model and maps the result back afterwards.
import type { CsrGraph } from "../graph/csr.js";

export interface IterationInput<VV, EV> {
  readonly csr: CsrGraph;
  /** vertexValues[v]: the initial value of dense vertex v (length csr.vertexCount). Not modified. */
  readonly vertexValues: readonly VV[];
  /** edgeValues[i]: the value of input edge i; csr.outEdges / csr.inEdges map CSR slots to i (length csr.edgeCount). */
  readonly edgeValues: readonly EV[];
}

export interface IterationResult<VV> {
  /** The final value of every vertex, in dense-id order (a new array). */
  readonly vertexValues: VV[];
  /** Supersteps run (≤ maxIterations; fewer when the model's halting condition was met). */
  readonly supersteps: number;
  /** Every registered aggregator's merged value of the last superstep run, by name. */
  readonly aggregates: Readonly<Record<string, unknown>>;
}

/** Flink's EdgeDirection: along out-edges (default), in-edges (reversed), or both. */
export type EdgeDirection = "out" | "in" | "all";

/** A vertex as the user functions see it. The engine reuses one object per call: copy what must outlive the call. */
export interface Vertex<VV> {
  id: number;
  value: VV;
}

/** An edge as getEdges() yields it (dense ids). Reused between iteration steps, like Flink's. */
export interface Edge<EV> {
  source: number;
  target: number;
  value: EV;
}

/** Checks the shapes every model relies on; the messages say which array is off and what it should be. */
export function checkInput<VV, EV>(model: string, input: IterationInput<VV, EV>, maxIterations: number, parallelism: number): void {
  const { csr } = input;
  if (input.vertexValues.length !== csr.vertexCount) {
    throw new RangeError(`${model}: ${input.vertexValues.length} vertex values for ${csr.vertexCount} vertices; pass one value per dense vertex id`);
  }
  if (input.edgeValues.length !== csr.edgeCount) {
    throw new RangeError(`${model}: ${input.edgeValues.length} edge values for ${csr.edgeCount} edges; pass one value per input edge (use an array of nulls when edges carry none)`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`${model}: the maximum number of iterations must be an integer of at least one, got ${maxIterations}`);
  }
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 65_535) {
    throw new RangeError(`${model}: parallelism must be an integer from 1 to 65535, got ${parallelism}`);
  }
}
