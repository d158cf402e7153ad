// CirculantGraph: vertex i linked to i + j mod n for every configured offset j.
import test from "ava";
import fc from "fast-check";
import { circulantGraph } from "../../../gelly/generator/circulant-graph.js";
import { degrees, edgeSet } from "./generator-checks.js";

test("the edge set is {i → i+j mod n} over the offsets of the ranges; n·Σ length edges", (t) => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), fc.uniqueArray(fc.integer({ min: 1, max: 39 }), { minLength: 1, maxLength: 6 }), (n, offsets) => {
    const valid = offsets.filter((o) => o < n);
    fc.pre(valid.length > 0);
    // single-offset ranges never overlap when the offsets are distinct
    const g = circulantGraph(n, valid.map((offset) => ({ offset, length: 1 })));
    const expected = new Set<string>();
    for (let i = 0; i < n; i++) for (const j of valid) expected.add(`${i}>${(i + j) % n}`);
    const got = edgeSet(g);
    return g.sources.length === n * valid.length && got.size === expected.size && [...expected].every((e) => got.has(e))
      && degrees(g).in.every((x) => x === valid.length);
  }));
  t.pass();
});

test("ranges that share an offset, or run past the vertex count, are rejected", (t) => {
  t.throws(() => circulantGraph(10, [{ offset: 1, length: 3 }, { offset: 3, length: 2 }]), { message: /overlap/ });
  t.throws(() => circulantGraph(10, [{ offset: 4, length: 7 }]), { message: /longer than the vertex count/ });
  t.throws(() => circulantGraph(10, []), { message: /at least one offset range/ });
});
