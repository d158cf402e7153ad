// Loads the gelly-a oracle fixtures (written by scripts/gelly/fixtures_a.py from networkx) and builds their graphs;
// also the fast-check arbitrary of small random multigraphs the kernels' properties run on.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { buildCsr, type CsrGraph } from "../../../gelly/graph/csr.js";

export interface FixtureGraph {
  readonly name: string;
  readonly directed: boolean;
  readonly graph: CsrGraph;
  /** Edge weights by input position. */
  readonly weights: Float64Array;
}

interface RawGraph { directed: boolean; vertexCount: number; sources: number[]; targets: number[]; weights: number[] }

function readFixture<T>(file: string): Record<string, T> {
  const path = fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { graphs: Record<string, T> }).graphs;
}

/** Every fixture graph, by name. */
export function fixtureGraphs(): Map<string, FixtureGraph> {
  const raw = readFixture<RawGraph>("a-graphs.json");
  const out = new Map<string, FixtureGraph>();
  for (const [name, r] of Object.entries(raw)) {
    out.set(name, { name, directed: r.directed, graph: buildCsr(r.vertexCount, Int32Array.from(r.sources), Int32Array.from(r.targets)), weights: Float64Array.from(r.weights) });
  }
  return out;
}

/** The expected answers of one algorithm's fixture file (a-<algorithm>.json), by graph name. */
export function expected<T>(algorithm: string): Record<string, T> {
  return readFixture<T>(`a-${algorithm}.json`);
}

/** A small random directed multigraph (self-loops and parallel edges allowed) as an edge list. */
export interface RandomEdges { vertexCount: number; sources: number[]; targets: number[] }

export function randomEdges(maxVertices = 30, maxEdges = 120): fc.Arbitrary<RandomEdges> {
  return fc.integer({ min: 1, max: maxVertices }).chain((n) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: maxEdges })
      .map((pairs) => ({ vertexCount: n, sources: pairs.map((p) => p[0]), targets: pairs.map((p) => p[1]) })));
}

export function csrOf(e: RandomEdges): CsrGraph {
  return buildCsr(e.vertexCount, Int32Array.from(e.sources), Int32Array.from(e.targets));
}

/** The same edges in another order (the permutation given as sort keys). */
export function permuted(e: RandomEdges, keys: readonly number[]): RandomEdges {
  const order = e.sources.map((_, i) => i).sort((a, b) => (keys[a % keys.length] ?? 0) - (keys[b % keys.length] ?? 0) || b - a);
  return { vertexCount: e.vertexCount, sources: order.map((i) => e.sources[i]!), targets: order.map((i) => e.targets[i]!) };
}
