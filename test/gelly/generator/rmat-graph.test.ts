// RMatGraph: counts, range, determinism, and the quadrant probabilities showing in the edges.
import test from "ava";
import { rmatGraph } from "../../../gelly/generator/rmat-graph.js";

test("edgeCount edges, all endpoints inside a non-power-of-two vertex range", (t) => {
  const g = rmatGraph({ vertexCount: 1000, edgeCount: 20_000, seed: 7 });
  t.is(g.vertexCount, 1000);
  t.is(g.sources.length, 20_000);
  let inside = true;
  for (let i = 0; i < g.sources.length; i++) if (g.sources[i]! < 0 || g.sources[i]! >= 1000 || g.targets[i]! < 0 || g.targets[i]! >= 1000) inside = false;
  t.true(inside);
});

test("the same seed gives the same edges; another seed others", (t) => {
  const a = rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 42 });
  const b = rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 42 });
  const c = rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 43 });
  t.deepEqual(a.sources, b.sources);
  t.deepEqual(a.targets, b.targets);
  t.notDeepEqual(a.sources, c.sources);
});

test("the top bit of source and target follows a, b, c, d (within 4 standard deviations)", (t) => {
  const m = 100_000;
  const g = rmatGraph({ vertexCount: 1 << 12, edgeCount: m, seed: 1, a: 0.57, b: 0.19, c: 0.19 });
  const quadrant = [0, 0, 0, 0];
  for (let i = 0; i < m; i++) quadrant[((g.sources[i]! >> 11) << 1) | (g.targets[i]! >> 11)]!++;
  for (const [q, p] of [[0, 0.57], [1, 0.19], [2, 0.19], [3, 0.05]] as const) {
    const sd = Math.sqrt(m * p * (1 - p));
    t.true(Math.abs(quadrant[q]! - m * p) < 4 * sd, `quadrant ${q}: ${quadrant[q]} vs ${m * p}`);
  }
});

test("noise keeps the edges in range and deterministic, and changes them", (t) => {
  const plain = rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 3 });
  const noisy = rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 3, noise: 0.1 });
  t.deepEqual(noisy.sources, rmatGraph({ vertexCount: 1 << 10, edgeCount: 5000, seed: 3, noise: 0.1 }).sources);
  t.notDeepEqual(plain.sources, noisy.sources);
  t.true(noisy.sources.every((v) => v >= 0 && v < 1 << 10));
});

test("invalid parameters are rejected with the reason", (t) => {
  t.throws(() => rmatGraph({ vertexCount: 16, edgeCount: 10, seed: 1, a: 0.6, b: 0.3, c: 0.3 }), { message: /sum to at most 1/ });
  t.throws(() => rmatGraph({ vertexCount: 16, edgeCount: 10, seed: 1, noise: 3 }), { message: /noise/ });
  t.throws(() => rmatGraph({ vertexCount: 0, edgeCount: 10, seed: 1 }), { instanceOf: RangeError });
});
