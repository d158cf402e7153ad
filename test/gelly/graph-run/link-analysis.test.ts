// PageRank and HITS through graph.run against the networkx fixtures, on string keys given in reverse order; Flink's
// PageRank leaves out vertices without edges unless asked.
import test from "ava";
import { Graph } from "../../../gelly/graph.js";
import { HITS } from "../../../gelly/library/link-analysis/hits-algorithm.js";
import { PageRank } from "../../../gelly/library/link-analysis/page-rank-algorithm.js";
import { expected } from "../library/a-fixtures.js";
import { byId, keyedFixtureGraphs, keyOf } from "./keyed-fixtures.js";

const graphs = keyedFixtureGraphs();

for (const [name, want] of Object.entries(expected<{ dampingFactor: number; scores: number[] }>("page-rank"))) {
  test(`PageRank matches networkx on ${name} with zero-degree vertices included (|Δ| ≤ 1e-10)`, async (t) => {
    const { graph } = graphs.get(name)!;
    const rows = await graph.run(new PageRank(want.dampingFactor, 10_000, 1e-13).setIncludeZeroDegreeVertices(true)).collect();
    t.is(rows.length, want.scores.length);
    const got = byId(rows);
    let worst = 0;
    want.scores.forEach((s, v) => (worst = Math.max(worst, Math.abs(got.get(keyOf(v))!.pageRankScore - s))));
    t.true(worst <= 1e-10, `largest difference ${worst}`);
  });
}

test("PageRank leaves out vertices without edges by default, and they do not dilute the others (Flink)", async (t) => {
  const withIsolated = Graph.fromCollection(
    [{ id: "a", value: 0 }, { id: "lonely", value: 0 }, { id: "b", value: 0 }],
    [{ source: "a", target: "b", value: 0 }, { source: "b", target: "a", value: 0 }],
  );
  const rows = await withIsolated.run(new PageRank(0.85, 5)).collect();
  t.deepEqual(rows, [{ vertexId: "a", pageRankScore: 0.5 }, { vertexId: "b", pageRankScore: 0.5 }]);
  const all = await withIsolated.run(new PageRank(0.85, 1).setIncludeZeroDegreeVertices(true)).collect();
  // one iteration from 1/3 each: a and b exchange 1/3; the lonely vertex's 1/3 is dangling mass spread evenly
  const uniform = (0.15 + 0.85 / 3) / 3;
  t.deepEqual(all.map((r) => r.vertexId), ["a", "lonely", "b"]);
  t.true(Math.abs(all[1]!.pageRankScore - uniform) < 1e-15 && Math.abs(all[0]!.pageRankScore - (uniform + 0.85 / 3)) < 1e-15);
});

/** networkx scales by the sum; Flink by the L2 norm. */
const unit = (xs: readonly number[]): number[] => {
  const norm = Math.hypot(...xs);
  return xs.map((x) => x / norm);
};

for (const [name, want] of Object.entries(expected<{ hub: number[]; authority: number[] }>("hits"))) {
  test(`HITS matches networkx on ${name} after rescaling to unit L2 norm (|Δ| ≤ 1e-8); vertices without edges are left out`, async (t) => {
    const { graph } = graphs.get(name)!;
    const got = byId(await graph.run(new HITS(100_000, 1e-13)).collect());
    const hub = unit(want.hub);
    const authority = unit(want.authority);
    let worst = 0;
    for (let v = 0; v < hub.length; v++) {
      const row = got.get(keyOf(v));
      if (row === undefined) {
        t.true(hub[v] === 0 && authority[v] === 0, `${keyOf(v)} is missing but networkx scores it`);
        continue;
      }
      worst = Math.max(worst, Math.abs(row.hubScore - hub[v]!), Math.abs(row.authorityScore - authority[v]!));
    }
    t.true(worst <= 1e-8, `largest difference ${worst}`);
  });
}
