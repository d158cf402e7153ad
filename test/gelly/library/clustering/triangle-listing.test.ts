// Triangle listing: Flink's order and directed bitmask, against hand-built graphs, networkx-derived fixtures and a
// brute-force enumeration over all vertex triples.
import test from "ava";
import fc from "fast-check";
import { directedTriangleListing, undirectedTriangleListing, type TriangleListing } from "../../../../gelly/library/clustering/triangle-listing.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, directedCases, directedGraph, edgeSet, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

function rows(l: TriangleListing & { bitmask?: Uint8Array }): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < l.count; i++) out.push(l.bitmask ? [l.vertex0[i]!, l.vertex1[i]!, l.vertex2[i]!, l.bitmask[i]!] : [l.vertex0[i]!, l.vertex1[i]!, l.vertex2[i]!]);
  return out.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
}

test("directed, by hand: one triangle with a mutual pair gets Flink's bitmask", (t) => {
  // 0 <-> 1, 1 -> 2, 0 -> 2; all degrees 2, so vertex order is by id: pairs (0,1)=0b11 (0,2)=0b10 (1,2)=0b10
  t.deepEqual(rows(directedTriangleListing(directedGraph(3, [[0, 1], [1, 0], [1, 2], [0, 2]]))), [[0, 1, 2, 0b111010]]);
});

test("the lowest-degree vertex comes first unless sorting is asked for, and the bitmask follows the vertices", (t) => {
  // 0 -> 1, 2 -> 1, 0 -> 2, 0 -> 3, 0 -> 4: vertex 0 has degree 4, so (1, 0, 2) with (1,0)=0b01 (1,2)=0b01 (0,2)=0b10
  const g = directedGraph(5, [[0, 1], [2, 1], [0, 2], [0, 3], [0, 4]]);
  t.deepEqual(rows(directedTriangleListing(g)), [[1, 0, 2, 0b010110]]);
  // sorted (0, 1, 2): (0,1)=0b10 (0,2)=0b10 (1,2)=0b01
  t.deepEqual(rows(directedTriangleListing(g, { sortTriangleVertices: true })), [[0, 1, 2, 0b101001]]);
  const u = undirectedGraph(5, [[0, 1], [2, 1], [0, 2], [0, 3], [0, 4]]);
  t.deepEqual(rows(undirectedTriangleListing(u)), [[1, 0, 2]]);
  t.deepEqual(rows(undirectedTriangleListing(u, { sortTriangleVertices: true })), [[0, 1, 2]]);
});

test("no triangles: empty graph, a path, a bipartite graph", (t) => {
  t.is(undirectedTriangleListing(undirectedGraph(0, [])).count, 0);
  t.is(undirectedTriangleListing(undirectedGraph(3, [[0, 1], [1, 2]])).count, 0);
  t.is(directedTriangleListing(directedGraph(4, [[0, 2], [0, 3], [1, 2], [1, 3]])).count, 0);
});

for (const c of undirectedCases) {
  test(`undirected listing matches networkx's triangles in Flink's order: ${c.name}`, (t) => {
    t.deepEqual(rows(undirectedTriangleListing(undirectedGraph(c.vertexCount, c.edges))), c.triangleListing);
  });
}

for (const c of directedCases) {
  test(`directed listing and bitmasks match the networkx-derived oracle: ${c.name}`, (t) => {
    t.deepEqual(rows(directedTriangleListing(directedGraph(c.vertexCount, c.edges))), c.triangleListing);
  });
}

/** Every triple a < b < c pairwise joined in some direction, with its sorted-order bitmask. */
function bruteForceSorted(n: number, edges: [number, number][]): number[][] {
  const has = edgeSet(edges);
  const mask = (a: number, b: number) => (has.has(`${a},${b}`) ? 0b10 : 0) | (has.has(`${b},${a}`) ? 0b01 : 0);
  const out: number[][] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      for (let c = b + 1; c < n; c++) {
        const ab = mask(a, b);
        const ac = mask(a, c);
        const bc = mask(b, c);
        if (ab && ac && bc) out.push([a, b, c, (ab << 4) | (ac << 2) | bc]);
      }
    }
  }
  return out;
}

test("sorted directed listing equals a brute-force enumeration on random multigraphs", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(14, 70), ({ n, edges }) => {
      const listed = rows(directedTriangleListing(directedGraph(n, edges), { sortTriangleVertices: true }));
      return JSON.stringify(listed) === JSON.stringify(bruteForceSorted(n, edges));
    }),
    { file: import.meta.url, numRuns: 300 },
  );
});

test("the listing does not depend on the order of the input edges", async (t) => {
  await assertProperty(
    t,
    fc.property(
      arbitraryEdgeList(14, 70).chain(({ n, edges }) => fc.record({ n: fc.constant(n), edges: fc.constant(edges), shuffled: fc.shuffledSubarray(edges, { minLength: edges.length }) })),
      ({ n, edges, shuffled }) =>
        JSON.stringify(rows(directedTriangleListing(directedGraph(n, edges)))) === JSON.stringify(rows(directedTriangleListing(directedGraph(n, shuffled)))) &&
        JSON.stringify(rows(undirectedTriangleListing(undirectedGraph(n, edges)))) === JSON.stringify(rows(undirectedTriangleListing(undirectedGraph(n, shuffled)))),
    ),
    { file: import.meta.url, numRuns: 200 },
  );
});
