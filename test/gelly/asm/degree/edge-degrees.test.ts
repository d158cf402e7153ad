// Edge degree annotations: each out-slot carries its endpoints' annotation.
import test from "ava";
import { edgeDegreesPair, edgeSourceDegrees, edgeTargetDegrees } from "../../../../gelly/asm/degree/edge-degrees.js";
import { vertexDegree } from "../../../../gelly/asm/degree/vertex-degrees.js";
import { undirectedGraph } from "../../helpers/b-fixtures.js";

test("a star with a tail: slots carry source and target degrees", (t) => {
  // 0 is the centre of 1, 2, 3; 3 - 4 is the tail. Degrees: 3, 1, 1, 2, 1
  const g = undirectedGraph(5, [[0, 1], [0, 2], [0, 3], [3, 4]]);
  const degree = vertexDegree(g);
  t.deepEqual([...degree], [3, 1, 1, 2, 1]);
  const slots: string[] = [];
  const source = edgeSourceDegrees(g, degree);
  const target = edgeTargetDegrees(g, degree);
  for (let v = 0; v < 5; v++) for (let i = g.outOffsets[v]!; i < g.outOffsets[v + 1]!; i++) slots.push(`${v}-${g.outTargets[i]}:${source[i]},${target[i]}`);
  t.deepEqual(slots.sort(), ["0-1:3,1", "0-2:3,1", "0-3:3,2", "1-0:1,3", "2-0:1,3", "3-0:2,3", "3-4:2,1", "4-3:1,2"]);
  const pair = edgeDegreesPair(g, degree);
  t.deepEqual([...pair.source], [...source]);
  t.deepEqual([...pair.target], [...target]);
});
