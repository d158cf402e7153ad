// Adamic-Adar: networkx.adamic_adar_index on every pair with a common neighbour, a hand-computed case, filters.
import test from "ava";
import { adamicAdar } from "../../../../gelly/library/similarity/adamic-adar.js";
import { close, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a square with one diagonal", (t) => {
  // N(0)={1,2,3} N(1)={0,2} N(2)={0,1,3} N(3)={0,2}; degrees 3, 2, 3, 2
  const a = adamicAdar(undirectedGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]));
  const l2 = 1 / Math.log(2);
  const l3 = 1 / Math.log(3);
  t.deepEqual([...a.first], [0, 0, 0, 1, 1, 2]);
  t.deepEqual([...a.second], [1, 2, 3, 2, 3, 3]);
  const expected = [l3, 2 * l2, l3, l3, 2 * l3, l3];
  expected.forEach((s, i) => t.true(close(a.score[i]!, s), `pair ${i}: ${a.score[i]} vs ${s}`));
});

test("minimum score and minimum ratio of the mean filter pairs", (t) => {
  const g = undirectedGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]);
  const l2 = 1 / Math.log(2);
  const l3 = 1 / Math.log(3);
  const mean = (4 * l3 + 2 * l2 + 2 * l3) / 6;
  t.is(adamicAdar(g, { minimumScore: 1.5 }).count, 2); // 2/ln 2 ≈ 2.89, 2/ln 3 ≈ 1.82
  const byRatio = adamicAdar(g, { minimumRatio: 1 });
  t.deepEqual([...byRatio.first].map((u, i) => `${u}-${byRatio.second[i]}`), ["0-2", "1-3"]);
  t.true(2 * l3 >= mean && l3 < mean);
  t.throws(() => adamicAdar(g, { minimumRatio: -1 }), { message: /minimumRatio must be non-negative, got -1/ });
});

for (const c of undirectedCases) {
  if (!c.adamicAdar) continue;
  test(`matches networkx.adamic_adar_index on pairs with a common neighbour: ${c.name}`, (t) => {
    const a = adamicAdar(undirectedGraph(c.vertexCount, c.edges));
    t.is(a.count, c.adamicAdar!.length);
    const bad: string[] = [];
    c.adamicAdar!.forEach(([u, v, score], i) => {
      if (a.first[i] !== u || a.second[i] !== v || !close(a.score[i]!, score)) bad.push(`${u}-${v}: ${a.score[i]} vs ${score}`);
    });
    t.deepEqual(bad, []);
  });
}
