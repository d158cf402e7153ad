// The job graph's layout: left to right along every edge, no two vertices overlapping, parallel edges kept.
import test from "ava";
import { layoutJobGraph } from "../../web/src/layout-job-graph.js";

const box = (id: string) => ({ id, width: 200, height: 60 });

test("a diamond (source → two branches → join → sink) is laid out left to right without overlaps", (t) => {
  const vertices = ["source", "left", "right", "join", "sink"].map(box);
  const edges = [
    { from: "source", to: "left", label: "FORWARD" },
    { from: "source", to: "right", label: "HASH" },
    { from: "left", to: "join", label: "HASH" },
    { from: "right", to: "join", label: "HASH" },
    { from: "join", to: "sink", label: "FORWARD" },
  ];
  const layout = layoutJobGraph(vertices, edges);
  const at = new Map(layout.vertices.map((v) => [v.id, v]));
  for (const e of edges) {
    const from = at.get(e.from)!;
    const to = at.get(e.to)!;
    t.true(from.x + from.width <= to.x, `${e.from} ends left of ${e.to}`);
  }
  for (const a of layout.vertices) {
    for (const b of layout.vertices) {
      if (a.id >= b.id) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      t.true(apart, `${a.id} and ${b.id} do not overlap`);
    }
  }
  t.is(at.get("left")!.x, at.get("right")!.x, "the two branches share a rank");
  t.true(layout.width >= at.get("sink")!.x + 200 && layout.height >= 2 * 60, "the drawing holds every box");
  t.is(layout.edges.length, 5);
  for (const e of layout.edges) t.true(e.points.length >= 2, "every edge has a path");
});

test("two edges between the same vertices are both drawn; an edge to an unknown vertex is dropped", (t) => {
  const layout = layoutJobGraph([box("a"), box("b")], [
    { from: "a", to: "b", label: "FORWARD" },
    { from: "a", to: "b", label: "BROADCAST" },
    { from: "a", to: "ghost", label: "HASH" },
  ]);
  t.deepEqual(layout.edges.map((e) => e.label), ["FORWARD", "BROADCAST"]);
});
