// Lays the job graph out as a left-to-right DAG with dagre (Sugiyama-style layered layout; Gansner et al. 1993).
import dagre from "@dagrejs/dagre";

export interface GraphVertex {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface LaidOutVertex {
  readonly id: string;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaidOutEdge extends GraphEdge {
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface JobGraphLayout {
  readonly vertices: readonly LaidOutVertex[];
  readonly edges: readonly LaidOutEdge[];
  readonly width: number;
  readonly height: number;
}

/** Edges whose ends are not vertices (a plan naming an input it does not list) are left out rather than invented. */
export function layoutJobGraph(vertices: readonly GraphVertex[], edges: readonly GraphEdge[]): JobGraphLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 70, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const v of vertices) graph.setNode(v.id, { width: v.width, height: v.height });
  const kept = edges.filter((e) => graph.hasNode(e.from) && graph.hasNode(e.to));
  // why a name per edge: two edges between the same vertices (a self-join, a split and union) are both drawn
  kept.forEach((e, i) => graph.setEdge({ v: e.from, w: e.to, name: String(i) }, { label: e.label, width: 8 * e.label.length, height: 14 }));
  dagre.layout(graph);
  const laidOut = vertices.map((v) => {
    const n = graph.node(v.id);
    return { id: v.id, x: n.x - v.width / 2, y: n.y - v.height / 2, width: v.width, height: v.height };
  });
  const laidOutEdges = kept.map((e, i) => ({ ...e, points: (graph.edge({ v: e.from, w: e.to, name: String(i) }).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) }));
  const size = graph.graph();
  return { vertices: laidOut, edges: laidOutEdges, width: size.width ?? 0, height: size.height ?? 0 };
}
