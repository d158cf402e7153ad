// Flink Gelly's BipartiteGraph<KT, KB, VVT, VVB, EV>: top and bottom vertices with separate key and value types, and
// edges that always join a top vertex to a bottom vertex. Projections turn it into a Graph on one side, joining two
// vertices of that side once per (ordered) pair of edges they have to a common vertex of the other side.
import { Graph } from "../graph.js";
import { GraphResult } from "../graph/graph-result.js";
import type { Edge, Vertex, WidenKey } from "../graph/records.js";
import type { VertexKey } from "../graph/vertex-dictionary.js";

/** Flink's BipartiteEdge: f0 top id, f1 bottom id, f2 value. */
export interface BipartiteEdge<KT extends VertexKey, KB extends VertexKey, EV> {
  readonly topId: KT;
  readonly bottomId: KB;
  readonly value: EV;
}

/**
 * Flink's Projection, the value of a full projection's edge source → target through the intermediate vertex they
 * both link to: its id and value, both endpoints' values and the values of the two bipartite edges (source's first).
 */
export interface Projection<KC extends VertexKey, VVC, VV, EV> {
  readonly intermediateVertexId: KC;
  readonly intermediateVertexValue: VVC;
  readonly sourceVertexValue: VV;
  readonly targetVertexValue: VV;
  readonly sourceEdgeValue: EV;
  readonly targetEdgeValue: EV;
}

/** One side of the graph as the projections read it: the edges grouped by the vertex of the other side. */
interface Side<K extends VertexKey, VV, KC extends VertexKey, VVC, EV> {
  readonly vertices: readonly Vertex<K, VV>[];
  readonly others: readonly Vertex<KC, VVC>[];
  /** For each vertex of the other side (in its order), its edges as [vertex of this side, edge value], in edge order. */
  readonly groups: readonly (readonly (readonly [K, EV])[])[];
}

export class BipartiteGraph<KT extends VertexKey, KB extends VertexKey, VVT, VVB, EV> {
  private constructor(
    private readonly topVertices: readonly Vertex<KT, VVT>[],
    private readonly bottomVertices: readonly Vertex<KB, VVB>[],
    private readonly edges: readonly BipartiteEdge<KT, KB, EV>[],
  ) {}

  /**
   * Vertex ids must be distinct within each side, and every edge must join a top vertex to a bottom vertex (Flink
   * does not check; its full projections would drop such edges, its simple ones keep them).
   */
  static fromCollection<KT extends VertexKey, KB extends VertexKey, VVT, VVB, EV>(
    topVertices: Iterable<Vertex<KT, VVT>>,
    bottomVertices: Iterable<Vertex<KB, VVB>>,
    edges: Iterable<BipartiteEdge<KT, KB, EV>>,
  ): BipartiteGraph<WidenKey<KT>, WidenKey<KB>, VVT, VVB, EV> {
    const tops = [...topVertices];
    const bottoms = [...bottomVertices];
    const es = [...edges];
    const topIds = distinctIds("top", tops);
    const bottomIds = distinctIds("bottom", bottoms);
    es.forEach((e, i) => {
      if (!topIds.has(e.topId)) throw new Error(`BipartiteGraph: edge ${i} names the top vertex ${String(e.topId)}, which is not a top vertex; add it or drop the edge`);
      if (!bottomIds.has(e.bottomId)) throw new Error(`BipartiteGraph: edge ${i} names the bottom vertex ${String(e.bottomId)}, which is not a bottom vertex; add it or drop the edge`);
    });
    return new BipartiteGraph(tops, bottoms, es) as unknown as BipartiteGraph<WidenKey<KT>, WidenKey<KB>, VVT, VVB, EV>;
  }

  getTopVertices(): GraphResult<Vertex<KT, VVT>> {
    return GraphResult.of(this.topVertices);
  }

  getBottomVertices(): GraphResult<Vertex<KB, VVB>> {
    return GraphResult.of(this.bottomVertices);
  }

  getEdges(): GraphResult<BipartiteEdge<KT, KB, EV>> {
    return GraphResult.of(this.edges);
  }

  /**
   * The top vertices, with an edge t1 → t2 valued [edge value of t1, edge value of t2] for every bottom vertex b and
   * every ordered pair of edges (t1, b), (t2, b) with t1 ≠ t2. Edges ordered by b, then by the pair's edge order.
   */
  projectionTopSimple(): Graph<KT, VVT, readonly [EV, EV]> {
    return simpleProjection(this.topSide());
  }

  /** As projectionTopSimple, with the bottom vertex between them and every value as a Projection. */
  projectionTopFull(): Graph<KT, VVT, Projection<KB, VVB, VVT, EV>> {
    return fullProjection(this.topSide());
  }

  /** The bottom vertices, joined as projectionTopSimple joins the top ones. */
  projectionBottomSimple(): Graph<KB, VVB, readonly [EV, EV]> {
    return simpleProjection(this.bottomSide());
  }

  projectionBottomFull(): Graph<KB, VVB, Projection<KT, VVT, VVB, EV>> {
    return fullProjection(this.bottomSide());
  }

  private topSide(): Side<KT, VVT, KB, VVB, EV> {
    const index = new Map(this.bottomVertices.map((v, i) => [v.id, i]));
    const groups: [KT, EV][][] = this.bottomVertices.map(() => []);
    for (const e of this.edges) groups[index.get(e.bottomId)!]!.push([e.topId, e.value]);
    return { vertices: this.topVertices, others: this.bottomVertices, groups };
  }

  private bottomSide(): Side<KB, VVB, KT, VVT, EV> {
    const index = new Map(this.topVertices.map((v, i) => [v.id, i]));
    const groups: [KB, EV][][] = this.topVertices.map(() => []);
    for (const e of this.edges) groups[index.get(e.topId)!]!.push([e.bottomId, e.value]);
    return { vertices: this.bottomVertices, others: this.topVertices, groups };
  }
}

function simpleProjection<K extends VertexKey, VV, KC extends VertexKey, VVC, EV>(side: Side<K, VV, KC, VVC, EV>): Graph<K, VV, readonly [EV, EV]> {
  const edges: Edge<K, readonly [EV, EV]>[] = [];
  for (const group of side.groups) {
    for (const [a, av] of group) for (const [b, bv] of group) if (a !== b) edges.push({ source: a, target: b, value: [av, bv] });
  }
  return Graph.fromRecords(side.vertices, edges);
}

function fullProjection<K extends VertexKey, VV, KC extends VertexKey, VVC, EV>(side: Side<K, VV, KC, VVC, EV>): Graph<K, VV, Projection<KC, VVC, VV, EV>> {
  const valueOf = new Map(side.vertices.map((v) => [v.id, v.value]));
  const edges: Edge<K, Projection<KC, VVC, VV, EV>>[] = [];
  side.groups.forEach((group, i) => {
    const middle = side.others[i]!;
    for (const [a, av] of group) {
      for (const [b, bv] of group) {
        if (a === b) continue;
        const value = {
          intermediateVertexId: middle.id, intermediateVertexValue: middle.value,
          sourceVertexValue: valueOf.get(a)!, targetVertexValue: valueOf.get(b)!, sourceEdgeValue: av, targetEdgeValue: bv,
        };
        edges.push({ source: a, target: b, value });
      }
    }
  });
  return Graph.fromRecords(side.vertices, edges);
}

function distinctIds<K extends VertexKey>(side: string, vertices: readonly Vertex<K, unknown>[]): Set<K> {
  const ids = new Set<K>();
  for (const v of vertices) {
    if (ids.has(v.id)) throw new Error(`BipartiteGraph: the ${side} vertex id ${String(v.id)} appears twice; ids must be distinct within a side`);
    ids.add(v.id);
  }
  return ids;
}
