// Summarization: Flink's documented example, a hand-computed case with edge values, and brute-force group counts.
import test from "ava";
import fc from "fast-check";
import { summarize, type Summarization } from "../../../gelly/library/summarization.js";
import { assertProperty } from "../../helpers/property.js";
import { arbitraryEdgeList, directedGraph } from "../helpers/b-fixtures.js";

function vertexRows(s: Summarization): number[][] {
  return [...s.representative].map((r, i) => [r, s.vertexGroupValue[i]!, s.vertexGroupCount[i]!]);
}

function edgeRows(s: Summarization): number[][] {
  return [...s.edgeSource].map((a, j) => [a, s.edgeTarget[j]!, s.edgeGroupValue[j]!, s.edgeGroupCount[j]!]);
}

test("Flink's example: two groups of two, a path through them", (t) => {
  // vertices (0,A) (1,A) (2,B) (3,B) with A = 0, B = 1; edges 0-1, 1-2, 2-3 in both directions, no values
  const g = directedGraph(4, [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 2]]);
  const s = summarize(g, Int32Array.of(0, 0, 1, 1), null);
  t.deepEqual(vertexRows(s), [[0, 0, 2], [2, 1, 2]]);
  // (0,0) for 0-1 and 1-0; (0,2) for 1-2; (2,0) for 2-1; (2,2) for 2-3 and 3-2
  t.deepEqual(edgeRows(s), [[0, 0, 0, 2], [0, 2, 0, 1], [2, 0, 0, 1], [2, 2, 0, 2]]);
});

test("edge values split summary edges; unused codes and isolated vertices are handled", (t) => {
  // vertex codes: 0 -> 3, 1 -> 1, 2 -> 3, 3 -> 1, 4 -> 5 (isolated); code 0, 2, 4 unused
  // edges (value): 0->1 (7), 2->3 (7), 2->1 (2), 1->0 (2)
  const g = directedGraph(5, [[0, 1], [2, 3], [2, 1], [1, 0]]);
  const s = summarize(g, Int32Array.of(3, 1, 3, 1, 5), Int32Array.of(7, 7, 2, 2));
  // groups by code: 1 -> {1, 3} rep 1, 3 -> {0, 2} rep 0, 5 -> {4} rep 4
  t.deepEqual(vertexRows(s), [[1, 1, 2], [0, 3, 2], [4, 5, 1]]);
  // group order is by code, so source group of code 1 (rep 1) first: 1->0 (2); then code 3 (rep 0): 0->1 (2), 0->1 (7) ×2
  t.deepEqual(edgeRows(s), [[1, 0, 2, 1], [0, 1, 2, 1], [0, 1, 7, 2]]);
});

test("codes that are not non-negative are rejected with the position", (t) => {
  const g = directedGraph(2, [[0, 1]]);
  t.throws(() => summarize(g, Int32Array.of(0, -2), null), { message: /vertexValues\[1\] is -2; value codes must be non-negative/ });
  t.throws(() => summarize(g, Int32Array.of(0), null), { message: /vertexValues has 1 codes for 2 vertices/ });
});

test("group counts equal brute-force counts over random graphs", async (t) => {
  await assertProperty(
    t,
    fc.property(
      arbitraryEdgeList(12, 40).chain(({ n, edges }) =>
        fc.record({
          n: fc.constant(n),
          edges: fc.constant(edges),
          codes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
          values: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: edges.length, maxLength: edges.length }),
        }),
      ),
      ({ n, edges, codes, values }) => {
        const s = summarize(directedGraph(n, edges), Int32Array.from(codes), Int32Array.from(values));
        const rep = new Map<number, number>();
        codes.forEach((c, v) => rep.set(c, Math.min(rep.get(c) ?? v, v)));
        const expected = new Map<string, number>();
        edges.forEach(([a, b], i) => {
          const key = `${rep.get(codes[a]!)},${rep.get(codes[b]!)},${values[i]}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        });
        const actual = new Map(edgeRows(s).map(([a, b, value, count]) => [`${a},${b},${value}`, count!]));
        const sizes = [...s.vertexGroupCount].reduce((x, y) => x + y, 0);
        return sizes === n && actual.size === expected.size && [...expected].every(([k, c]) => actual.get(k) === c);
      },
    ),
    { file: import.meta.url, numRuns: 200 },
  );
});
