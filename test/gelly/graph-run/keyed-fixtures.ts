// The networkx oracle fixtures (scripts/gelly/fixtures_a.py, fixtures_b.py) as Graphs with string keys, so that every
// graph.run test also checks the mapping between user keys and the kernels' dense ids.
import { Graph } from "../../../gelly/graph.js";
import { fixtureGraphs } from "../library/a-fixtures.js";

/** The key of fixture vertex v. String order differs from numeric order ("n10" < "n2"), on purpose. */
export const keyOf = (v: number): string => `n${v}`;

/**
 * A gelly-a fixture graph: string keys, each vertex valued by its own key, edges valued by their weights. The vertex
 * list is given in reverse, so dense ids are not the fixture's ids either.
 */
export function keyedFixtureGraphs(): Map<string, { directed: boolean; graph: Graph<string, string, number> }> {
  const out = new Map<string, { directed: boolean; graph: Graph<string, string, number> }>();
  for (const [name, f] of fixtureGraphs()) {
    const vertices = Array.from({ length: f.graph.vertexCount }, (_, i) => {
      const v = f.graph.vertexCount - 1 - i;
      return { id: keyOf(v), value: keyOf(v) };
    });
    const edges = [];
    for (let u = 0; u < f.graph.vertexCount; u++) {
      for (let i = f.graph.outOffsets[u]!; i < f.graph.outOffsets[u + 1]!; i++) {
        edges.push({ source: keyOf(u), target: keyOf(f.graph.outTargets[i]!), value: f.weights[f.graph.outEdges[i]!]! });
      }
    }
    out.set(name, { directed: f.directed, graph: Graph.fromCollection(vertices, edges) });
  }
  return out;
}

/** A gelly-b fixture case as a Graph (vertices in fixture order, so the kernels' (degree, id) tie-breaks hold). */
export function keyedCaseGraph(vertexCount: number, edges: readonly (readonly [number, number])[]): Graph<string, null, null> {
  return Graph.fromCollection(
    Array.from({ length: vertexCount }, (_, v) => ({ id: keyOf(v), value: null })),
    edges.map(([s, t]) => ({ source: keyOf(s), target: keyOf(t), value: null })),
  );
}

/** Rows keyed by vertex id, for comparing results that come in vertex order against fixtures in id order. */
export function byId<R extends { vertexId: string }>(rows: readonly R[]): Map<string, R> {
  return new Map(rows.map((r) => [r.vertexId, r]));
}
