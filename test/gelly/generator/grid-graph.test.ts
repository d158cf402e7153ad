// GridGraph: the edge set equals a brute-force grid adjacency built from coordinates.
import test from "ava";
import fc from "fast-check";
import { gridGraph, type GridDimension } from "../../../gelly/generator/grid-graph.js";
import { edgeSet } from "./generator-checks.js";

/** Brute force: u and v are linked when their coordinates differ in one dimension by 1 (or wrap around it). */
function bruteForceGrid(dims: readonly GridDimension[]): Set<string> {
  const n = dims.reduce((p, d) => p * d.size, 1);
  const coords = (v: number): number[] => {
    const c: number[] = [];
    for (let k = dims.length - 1; k >= 0; k--) { c.unshift(v % dims[k]!.size); v = Math.floor(v / dims[k]!.size); }
    return c;
  };
  const edges = new Set<string>();
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      const cu = coords(u), cv = coords(v);
      let differing = 0, linked = true;
      for (let k = 0; k < dims.length; k++) {
        if (cu[k] === cv[k]) continue;
        differing++;
        const gap = Math.abs(cu[k]! - cv[k]!);
        const wrap = dims[k]!.wrapEndpoints && dims[k]!.size > 2 && gap === dims[k]!.size - 1;
        if (gap !== 1 && !wrap) linked = false;
      }
      if (differing === 1 && linked) edges.add(`${u}>${v}`);
    }
  }
  return edges;
}

test("the edges are exactly the grid adjacency, each once", (t) => {
  const dims = fc.array(fc.record({ size: fc.integer({ min: 2, max: 5 }), wrapEndpoints: fc.boolean() }), { minLength: 1, maxLength: 3 });
  fc.assert(fc.property(dims, (ds) => {
    const g = gridGraph(ds);
    const expected = bruteForceGrid(ds);
    const got = edgeSet(g);
    return g.sources.length === expected.size && got.size === expected.size && [...expected].every((e) => got.has(e));
  }));
  t.pass();
});

test("a 3×4 grid without wrap has 2·(2·4 + 3·3) = 34 edges; wrapped both ways 2·2·12 = 48", (t) => {
  t.is(gridGraph([{ size: 3, wrapEndpoints: false }, { size: 4, wrapEndpoints: false }]).sources.length, 34);
  t.is(gridGraph([{ size: 3, wrapEndpoints: true }, { size: 4, wrapEndpoints: true }]).sources.length, 48);
});

test("no dimensions, or a dimension of size 1, is rejected", (t) => {
  t.throws(() => gridGraph([]), { message: /at least one dimension/ });
  t.throws(() => gridGraph([{ size: 1, wrapEndpoints: false }]), { instanceOf: RangeError });
});
