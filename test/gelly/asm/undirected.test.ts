// symmetrize: Flink's getUndirected — every edge in both directions, both carrying the input position.
import test from "ava";
import { symmetrize } from "../../../gelly/asm/undirected.js";
import { directedGraph } from "../helpers/b-fixtures.js";

test("every edge gains its reverse with the same input position; duplicates and loops stay", (t) => {
  const g = symmetrize(directedGraph(3, [[0, 1], [0, 1], [2, 2]]));
  t.is(g.edgeCount, 6);
  const rows: string[] = [];
  for (let v = 0; v < 3; v++) for (let i = g.outOffsets[v]!; i < g.outOffsets[v + 1]!; i++) rows.push(`${v}->${g.outTargets[i]}@${g.outEdges[i]}`);
  t.deepEqual(rows, ["0->1@0", "0->1@1", "1->0@0", "1->0@1", "2->2@2", "2->2@2"]);
  t.deepEqual([...g.inOffsets], [...g.outOffsets]);
});
