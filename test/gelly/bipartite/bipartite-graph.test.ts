// BipartiteGraph's four projections, by hand and against a brute-force oracle over all pairs of edges.
import test from "ava";
import fc from "fast-check";
import { BipartiteGraph, type BipartiteEdge } from "../../../gelly/bipartite/bipartite-graph.js";
import { assertProperty } from "../../helpers/property.js";

// top: people; bottom: clubs. ann and bob share chess; bob and cat share go; cat alone in rowing
const people = [{ id: "ann", value: 30 }, { id: "bob", value: 40 }, { id: "cat", value: 50 }];
const clubs = [{ id: 1, value: "chess" }, { id: 2, value: "go" }, { id: 3, value: "rowing" }];
const memberships = [
  { topId: "ann", bottomId: 1, value: "a1" }, { topId: "bob", bottomId: 1, value: "b1" },
  { topId: "bob", bottomId: 2, value: "b2" }, { topId: "cat", bottomId: 2, value: "c2" }, { topId: "cat", bottomId: 3, value: "c3" },
];
const clubsGraph = BipartiteGraph.fromCollection(people, clubs, memberships);

test("projectionTopSimple: people joined both ways through each shared club, valued by the two memberships", async (t) => {
  const g = clubsGraph.projectionTopSimple();
  t.deepEqual(await g.getVertices().collect(), people);
  t.deepEqual(await g.getEdges().collect(), [
    { source: "ann", target: "bob", value: ["a1", "b1"] }, { source: "bob", target: "ann", value: ["b1", "a1"] },
    { source: "bob", target: "cat", value: ["b2", "c2"] }, { source: "cat", target: "bob", value: ["c2", "b2"] },
  ]);
});

test("projectionBottomSimple: clubs joined through each shared member", async (t) => {
  const g = clubsGraph.projectionBottomSimple();
  t.deepEqual(await g.getVertexIds().collect(), [1, 2, 3]);
  t.deepEqual(await g.getEdges().collect(), [
    { source: 1, target: 2, value: ["b1", "b2"] }, { source: 2, target: 1, value: ["b2", "b1"] },
    { source: 2, target: 3, value: ["c2", "c3"] }, { source: 3, target: 2, value: ["c3", "c2"] },
  ]);
});

test("full projections carry Flink's Projection: the intermediate vertex, both endpoint values and both edge values", async (t) => {
  const top = await clubsGraph.projectionTopFull().getEdges().collect();
  t.deepEqual(top[0], {
    source: "ann", target: "bob",
    value: { intermediateVertexId: 1, intermediateVertexValue: "chess", sourceVertexValue: 30, targetVertexValue: 40, sourceEdgeValue: "a1", targetEdgeValue: "b1" },
  });
  const bottom = await clubsGraph.projectionBottomFull().getEdges().collect();
  t.deepEqual(bottom[3], {
    source: 3, target: 2,
    value: { intermediateVertexId: "cat", intermediateVertexValue: 50, sourceVertexValue: "rowing", targetVertexValue: "go", sourceEdgeValue: "c3", targetEdgeValue: "c2" },
  });
});

test("bad input is rejected with the reason", (t) => {
  t.throws(() => BipartiteGraph.fromCollection(people, clubs, [{ topId: "dan", bottomId: 1, value: "" }]), { message: /edge 0 names the top vertex dan, which is not a top vertex/ });
  t.throws(() => BipartiteGraph.fromCollection(people, clubs, [{ topId: "ann", bottomId: 7, value: "" }]), { message: /edge 0 names the bottom vertex 7, which is not a bottom vertex/ });
  t.throws(() => BipartiteGraph.fromCollection([...people, people[0]!], clubs, []), { message: /the top vertex id ann appears twice/ });
});

test("projections equal a brute-force join of the edge list with itself on the shared side", async (t) => {
  const arb = fc.record({ tops: fc.integer({ min: 1, max: 6 }), bottoms: fc.integer({ min: 1, max: 5 }) }).chain(({ tops, bottoms }) => fc.record({
    tops: fc.constant(tops), bottoms: fc.constant(bottoms),
    edges: fc.array(fc.tuple(fc.nat(tops - 1), fc.nat(bottoms - 1), fc.integer({ min: 0, max: 9 })), { maxLength: 20 }),
  }));
  await assertProperty(t, fc.asyncProperty(arb, async ({ tops, bottoms, edges }) => {
    const es: BipartiteEdge<string, number, number>[] = edges.map(([tp, b, value]) => ({ topId: `t${tp}`, bottomId: b, value }));
    const g = BipartiteGraph.fromCollection(
      Array.from({ length: tops }, (_, i) => ({ id: `t${i}`, value: i })),
      Array.from({ length: bottoms }, (_, i) => ({ id: i, value: `b${i}` })),
      es,
    );
    const topWant: string[] = [];
    const bottomWant: string[] = [];
    for (const x of es) {
      for (const y of es) {
        if (x.bottomId === y.bottomId && x.topId !== y.topId) topWant.push(`${x.topId}>${y.topId}:${x.value},${y.value}@${x.bottomId}`);
        if (x.topId === y.topId && x.bottomId !== y.bottomId) bottomWant.push(`${x.bottomId}>${y.bottomId}:${x.value},${y.value}@${x.topId}`);
      }
    }
    const topGot = (await g.projectionTopFull().getEdges().collect()).map((e) => `${e.source}>${e.target}:${e.value.sourceEdgeValue},${e.value.targetEdgeValue}@${e.value.intermediateVertexId}`);
    const bottomGot = (await g.projectionBottomFull().getEdges().collect()).map((e) => `${e.source}>${e.target}:${e.value.sourceEdgeValue},${e.value.targetEdgeValue}@${e.value.intermediateVertexId}`);
    const simpleTop = (await g.projectionTopSimple().getEdges().collect()).map((e) => `${e.source}>${e.target}:${e.value.join(",")}`);
    return JSON.stringify(topGot.sort()) === JSON.stringify(topWant.sort())
      && JSON.stringify(bottomGot.sort()) === JSON.stringify(bottomWant.sort())
      && JSON.stringify(simpleTop.sort()) === JSON.stringify(topWant.map((s) => s.slice(0, s.indexOf("@"))).sort());
  }), { file: import.meta.url, numRuns: 200 });
});
