// The first stages both triangle counts share: late edges and self-loops dropped, each edge sent to both endpoints,
// and each vertex's sorted neighbour list of a window sent to itself and its greater neighbours.
import type { DataStream } from "../../runtime/index.js";
import type { Edge, OrderedVertexKey } from "./edge.js";
import { NeighbourhoodOperator } from "./neighbourhood-operator.js";
import type { NeighbourList } from "./triangle-records.js";
import { checkWindowSize } from "./tumbling-window.js";
import { WindowIncidencesOperator } from "./window-incidences-operator.js";

export interface WindowTrianglesOptions {
  /** Length in ms of the event-time tumbling windows (aligned to 0). */
  readonly windowSize: number;
  /** Parallelism of the per-vertex stages; default the environment's. */
  readonly parallelism?: number;
}

/** The neighbour lists of every vertex per window, at `parallelism`; `what` names the caller in errors. */
export function neighbourLists<K extends OrderedVertexKey, EV>(edges: DataStream<Edge<K, EV>>, options: WindowTrianglesOptions, what: string): DataStream<NeighbourList<K>> {
  const { windowSize } = options;
  checkWindowSize(windowSize, what);
  const parallelism = options.parallelism ?? edges.getExecutionEnvironment().getParallelism();
  const incidences = "Triangles/Incidences";
  const neighbourhoods = "Triangles/Neighbourhoods";
  return edges
    .transform(incidences, () => new WindowIncidencesOperator<K, EV>(incidences, windowSize))
    .setParallelism(parallelism)
    .keyBy((x) => x.vertex)
    .transformKeyed(neighbourhoods, () => new NeighbourhoodOperator<K>(neighbourhoods, windowSize))
    .setParallelism(parallelism);
}
