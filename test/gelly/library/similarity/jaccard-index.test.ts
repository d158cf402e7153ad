// Jaccard index: networkx.jaccard_coefficient on every pair with a common neighbour, a hand-computed case, filters.
import test from "ava";
import fc from "fast-check";
import { jaccardIndex } from "../../../../gelly/library/similarity/jaccard-index.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, close, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a square 0 - 1 - 2 - 3 - 0 with the diagonal 0 - 2", (t) => {
  // N(0)={1,2,3} N(1)={0,2} N(2)={0,1,3} N(3)={0,2}
  const j = jaccardIndex(undirectedGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]));
  const rows = [...j.first].map((u, i) => [u, j.second[i], j.sharedNeighbours[i], j.distinctNeighbours[i], j.score[i]]);
  t.deepEqual(rows, [
    [0, 1, 1, 4, 1 / 4], // shared {2}; union {0,1,2,3}
    [0, 2, 2, 4, 2 / 4], // shared {1,3}
    [0, 3, 1, 4, 1 / 4], // shared {2}
    [1, 2, 1, 4, 1 / 4], // shared {0}
    [1, 3, 2, 2, 1], // shared {0,2}, union {0,2}
    [2, 3, 1, 4, 1 / 4], // shared {0}
  ]);
});

test("minimum and maximum scores filter as Flink: keep minimum ≤ score < maximum", (t) => {
  const g = undirectedGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);
  const pairs = (j: ReturnType<typeof jaccardIndex>) => [...j.first].map((u, i) => `${u}-${j.second[i]}`);
  t.deepEqual(pairs(jaccardIndex(g, { minimumScore: 0.5 })), ["0-2", "1-3"]);
  t.deepEqual(pairs(jaccardIndex(g, { maximumScore: 1 })), ["0-1", "0-2", "0-3", "1-2", "2-3"]);
  t.deepEqual(pairs(jaccardIndex(g, { minimumScore: 0.3, maximumScore: 1 })), ["0-2"]);
  t.throws(() => jaccardIndex(g, { minimumScore: 2 }), { message: /minimumScore must be in \[0, 1\], got 2/ });
});

for (const c of undirectedCases) {
  if (!c.jaccard) continue;
  test(`matches networkx.jaccard_coefficient on pairs with a common neighbour: ${c.name}`, (t) => {
    const j = jaccardIndex(undirectedGraph(c.vertexCount, c.edges));
    t.is(j.count, c.jaccard!.length);
    const bad: string[] = [];
    c.jaccard!.forEach(([u, v, shared, score], i) => {
      if (j.first[i] !== u || j.second[i] !== v || j.sharedNeighbours[i] !== shared || !close(j.score[i]!, score)) bad.push(`${u}-${v}`);
    });
    t.deepEqual(bad, []);
  });
}

test("every pair with a common neighbour appears once, with brute-force counts", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(14, 60), ({ n, edges }) => {
      const g = undirectedGraph(n, edges);
      const neighbours = (v: number) => new Set(g.outTargets.subarray(g.outOffsets[v]!, g.outOffsets[v + 1]!));
      const expected: string[] = [];
      for (let u = 0; u < n; u++) {
        for (let v = u + 1; v < n; v++) {
          const a = neighbours(u);
          const b = neighbours(v);
          const shared = [...a].filter((x) => b.has(x)).length;
          if (shared > 0) expected.push(`${u}-${v}:${shared}/${new Set([...a, ...b]).size}`);
        }
      }
      const j = jaccardIndex(g);
      const actual = [...j.first].map((u, i) => `${u}-${j.second[i]}:${j.sharedNeighbours[i]}/${j.distinctNeighbours[i]}`);
      return JSON.stringify(actual) === JSON.stringify(expected);
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});
