// Continuous degrees of an unbounded edge stream (gelly-streaming's getDegrees/getInDegrees/getOutDegrees).
import type { DataStream } from "../../runtime/index.js";
import { DegreeOperator, type VertexDegree } from "./degree-operator.js";
import type { Edge, EdgeDirection } from "./edge.js";
import { incidencesOf } from "./incidence.js";

export interface DegreesOptions {
  /**
   * Count each directed edge (source, target) once however often it arrives. Costs one map entry per distinct
   * neighbour and direction in keyed state. Default false: every arrival counts, as Gelly counts parallel edges.
   */
  readonly distinct?: boolean;
  /** Parallelism of the keyed degree operator; default the environment's. */
  readonly parallelism?: number;
}

/**
 * The degree of each vertex, updated as edges arrive: every edge emits `{ vertexId, degree }` for each endpoint that
 * `direction` counts (its source for "out", its target for "in", both for "all"), carrying the edge's timestamp, so
 * the last record of a vertex is its degree so far. A self-loop counts once in "in" and "out" and twice in "all"
 * (in + out, as Gelly's getDegrees). Keyed state per vertex, checkpointed: exactly-once like any keyed operator.
 */
export function degrees<K, EV>(edges: DataStream<Edge<K, EV>>, direction: EdgeDirection, options: DegreesOptions = {}): DataStream<VertexDegree<K>> {
  const distinct = options.distinct ?? false;
  const name = `Degrees(${direction}${distinct ? ", distinct" : ""})`;
  const incidences = edges.flatMap(incidencesOf<K, EV>(direction), `${name}/Incidences`);
  const keyed = incidences.keyBy((x) => x.vertex);
  const result = keyed.transformKeyed<VertexDegree<K>>(name, () => new DegreeOperator<K>(name, distinct));
  if (options.parallelism !== undefined) {
    incidences.setParallelism(options.parallelism);
    result.setParallelism(options.parallelism);
  }
  return result;
}
