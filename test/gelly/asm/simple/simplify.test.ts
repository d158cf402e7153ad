// Flink's Simplify: directed removes loops and duplicates; undirected also symmetrises. Edge positions survive.
import test from "ava";
import fc from "fast-check";
import { simplifyDirected, simplifyUndirected } from "../../../../gelly/asm/simple/simplify.js";
import type { CsrGraph } from "../../../../gelly/graph/csr.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, directedGraph } from "../../helpers/b-fixtures.js";

/** The graph's edges as "source->target@position" strings, sorted. */
function edgesOf(g: CsrGraph): string[] {
  const out: string[] = [];
  for (let v = 0; v < g.vertexCount; v++) {
    for (let i = g.outOffsets[v]!; i < g.outOffsets[v + 1]!; i++) out.push(`${v}->${g.outTargets[i]}@${g.outEdges[i]}`);
  }
  return out.sort();
}

function inEdgesOf(g: CsrGraph): string[] {
  const out: string[] = [];
  for (let v = 0; v < g.vertexCount; v++) {
    for (let i = g.inOffsets[v]!; i < g.inOffsets[v + 1]!; i++) out.push(`${g.inSources[i]}->${v}@${g.inEdges[i]}`);
  }
  return out.sort();
}

test("directed: self-loops and repeated edges go, the first of each duplicate set keeps its input position", (t) => {
  // edges: 0:0->1 1:1->1 2:0->1 3:1->0 4:2->0 5:1->0
  const g = simplifyDirected(directedGraph(3, [[0, 1], [1, 1], [0, 1], [1, 0], [2, 0], [1, 0]]));
  t.deepEqual(edgesOf(g), ["0->1@0", "1->0@3", "2->0@4"]);
  t.deepEqual(inEdgesOf(g), ["0->1@0", "1->0@3", "2->0@4"]);
  t.is(g.edgeCount, 3);
});

test("undirected: each joined pair appears once in each direction, loops go", (t) => {
  // edges: 0:0->1 1:1->0 2:2->2 3:2->0
  const g = simplifyUndirected(directedGraph(4, [[0, 1], [1, 0], [2, 2], [2, 0]]));
  t.deepEqual(edgesOf(g), ["0->1@0", "0->2@3", "1->0@1", "2->0@3"]);
  t.deepEqual(inEdgesOf(g), edgesOf(g));
});

test("empty graph and isolated vertices", (t) => {
  const g = simplifyUndirected(directedGraph(3, []));
  t.is(g.vertexCount, 3);
  t.is(g.edgeCount, 0);
  t.deepEqual([...g.outOffsets], [0, 0, 0, 0]);
});

test("simplify matches a brute-force set of pairs on random multigraphs", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(12, 60), ({ n, edges }) => {
      const g = directedGraph(n, edges);
      const directedPairs = [...new Set(edges.filter(([a, b]) => a !== b).map(([a, b]) => `${a}->${b}`))].sort();
      const d = simplifyDirected(g);
      const dPairs = edgesOf(d).map((e) => e.split("@")[0]!).sort();
      if (JSON.stringify(dPairs) !== JSON.stringify(directedPairs)) return false;
      // every kept edge names an input edge with the same endpoints
      for (const e of edgesOf(d)) {
        const [pair, at] = e.split("@");
        const [a, b] = edges[Number(at)]!;
        if (`${a}->${b}` !== pair) return false;
      }
      const undirectedPairs = [...new Set(edges.filter(([a, b]) => a !== b).flatMap(([a, b]) => [`${a}->${b}`, `${b}->${a}`]))].sort();
      const u = simplifyUndirected(g);
      return JSON.stringify(edgesOf(u).map((e) => e.split("@")[0]!).sort()) === JSON.stringify(undirectedPairs) && JSON.stringify(inEdgesOf(u)) === JSON.stringify(edgesOf(u));
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});
