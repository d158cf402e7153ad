// EchoGraph: n·degree edges, regular, undirected, linking each vertex to the vertices farthest from it.
import test from "ava";
import fc from "fast-check";
import { echoGraph } from "../../../gelly/generator/echo-graph.js";
import { degrees, edgeSet, hasSelfLoop, isSymmetric } from "./generator-checks.js";

test("every vertex has in- and out-degree equal to the vertex degree, and the graph is undirected", (t) => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 80 }), fc.integer({ min: 1, max: 79 }), (n, k) => {
    fc.pre(k < n && (n % 2 === 0) !== (k % 2 === 0));
    const g = echoGraph(n, k);
    const d = degrees(g);
    return g.sources.length === n * k && edgeSet(g).size === n * k && !hasSelfLoop(g) && isSymmetric(g)
      && d.out.every((x) => x === k) && d.in.every((x) => x === k);
  }));
  t.pass();
});

test("the edge set is {i → i+j mod n} over the degree offsets j nearest n/2, i.e. |2j − n| ≤ degree − 1", (t) => {
  // Flink's definition (a circulant graph whose single range of offsets is centred on n/2), restated without the
  // range's start: n = 10, degree 3 gives |2j − 10| ≤ 2, j ∈ {4, 5, 6}; n = 9, degree 2 gives |2j − 9| ≤ 1, j ∈ {4, 5}
  fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 59 }), (n, k) => {
    fc.pre(k < n && (n % 2 === 0) !== (k % 2 === 0));
    const expected = new Set<string>();
    for (let i = 0; i < n; i++) for (let j = 1; j < n; j++) if (Math.abs(2 * j - n) <= k - 1) expected.add(`${i}>${(i + j) % n}`);
    const got = edgeSet(echoGraph(n, k));
    return expected.size === n * k && got.size === expected.size && [...expected].every((e) => got.has(e));
  }));
  t.pass();
});

test("a vertex is linked to the far side of the ring", (t) => {
  // n = 10, degree 3: offsets 4, 5, 6 — hand-computed from Flink's (n - degree + 1) / 2 = 4
  const g = echoGraph(10, 3);
  t.deepEqual([...g.targets.subarray(0, 3)], [4, 5, 6]);
  t.deepEqual([...g.targets.subarray(21, 24)], [1, 2, 3]);
});

test("invalid parameters are rejected with the reason", (t) => {
  t.throws(() => echoGraph(10, 2), { message: /exactly one .* even/ });
  t.throws(() => echoGraph(5, 5), { message: /less than the vertex count/ });
});
