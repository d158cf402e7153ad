// An edge seen from one of its endpoints: what the per-vertex operators (degrees, neighbourhoods) are keyed by.
import type { Collector } from "../../runtime/index.js";
import type { Edge, EdgeDirection } from "./edge.js";

/** `vertex` meets `neighbour` through an edge that leaves it (`outgoing`) or arrives at it. */
export interface Incidence<K> {
  readonly vertex: K;
  readonly neighbour: K;
  readonly outgoing: boolean;
}

/** The incidences of an edge that `direction` counts: the source's (out), the target's (in), or both (all). */
export function incidencesOf<K, EV>(direction: EdgeDirection): (edge: Edge<K, EV>, out: Collector<Incidence<K>>) => void {
  switch (direction) {
    case "out":
      return (e, out) => out.collect({ vertex: e.source, neighbour: e.target, outgoing: true });
    case "in":
      return (e, out) => out.collect({ vertex: e.target, neighbour: e.source, outgoing: false });
    case "all":
      return (e, out) => {
        out.collect({ vertex: e.source, neighbour: e.target, outgoing: true });
        out.collect({ vertex: e.target, neighbour: e.source, outgoing: false });
      };
  }
}
