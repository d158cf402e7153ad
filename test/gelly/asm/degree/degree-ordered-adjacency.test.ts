// The degree-ordered orientation: every neighbour pair exactly once, from lower to higher (degree, id) rank, rows
// ascending, with Flink's EdgeOrder directions — checked against brute force on random multigraphs.
import test from "ava";
import fc from "fast-check";
import { FORWARD, MUTUAL, REVERSE, orientByDegree } from "../../../../gelly/asm/degree/degree-ordered-adjacency.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, directedGraph, edgeSet } from "../../helpers/b-fixtures.js";

test("by hand: a star 0 -> 1, 2 -> 0, 0 <-> 3 ranks the leaves (degree 1) before the centre (degree 3)", (t) => {
  const o = orientByDegree(directedGraph(4, [[0, 1], [2, 0], [0, 3], [3, 0]]), true);
  t.deepEqual([...o.degree], [3, 1, 1, 1]);
  t.deepEqual([...o.vertexOfRank], [1, 2, 3, 0]);
  // rank 0 (vertex 1) -> rank 3 (vertex 0): the input has 0 -> 1, i.e. (1, 0) is REVERSE; 2 -> 0 FORWARD; 3 <-> 0 MUTUAL
  t.deepEqual([...o.offsets], [0, 1, 2, 3, 3]);
  t.deepEqual([...o.targets], [3, 3, 3]);
  t.deepEqual([...o.directions], [REVERSE, FORWARD, MUTUAL]);
});

test("each neighbour pair once, oriented up the (degree, id) order, rows ascending, directions as the input", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(15, 70), ({ n, edges }) => {
      const has = edgeSet(edges);
      const o = orientByDegree(directedGraph(n, edges), true);
      const neighbours = (v: number) => [...Array(n).keys()].filter((x) => x !== v && (has.has(`${v},${x}`) || has.has(`${x},${v}`)));
      const degree = [...Array(n).keys()].map((v) => neighbours(v).length);
      if (JSON.stringify([...o.degree]) !== JSON.stringify(degree)) return false;
      const expectedOrder = [...Array(n).keys()].sort((a, b) => degree[a]! - degree[b]! || a - b);
      if (JSON.stringify([...o.vertexOfRank]) !== JSON.stringify(expectedOrder)) return false;
      const seen = new Set<string>();
      for (let r = 0; r < n; r++) {
        for (let i = o.offsets[r]!; i < o.offsets[r + 1]!; i++) {
          const s = r;
          const tr = o.targets[i]!;
          if (tr <= s || (i > o.offsets[r]! && o.targets[i - 1]! >= tr)) return false;
          const a = o.vertexOfRank[s]!;
          const b = o.vertexOfRank[tr]!;
          const expected = (has.has(`${a},${b}`) ? FORWARD : 0) | (has.has(`${b},${a}`) ? REVERSE : 0);
          if (o.directions[i] !== expected) return false;
          seen.add(`${Math.min(a, b)},${Math.max(a, b)}`);
        }
      }
      const pairs = new Set(edges.filter(([a, b]) => a !== b).map(([a, b]) => `${Math.min(a, b)},${Math.max(a, b)}`));
      return seen.size === pairs.size && o.targets.length === pairs.size && [...pairs].every((p) => seen.has(p));
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});
