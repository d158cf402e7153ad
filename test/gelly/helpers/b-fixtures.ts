// Loads the networkx oracle fixtures of scripts/gelly/fixtures_b.py and builds the graphs they describe, plus
// fast-check arbitraries for small random graphs and brute-force helpers the property tests compare against.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { buildCsr, type CsrGraph } from "../../../gelly/graph/csr.js";
import { simplifyUndirected } from "../../../gelly/asm/simple/simplify.js";

type Maybe = number | null;

export interface UndirectedCase {
  readonly name: string;
  readonly vertexCount: number;
  readonly edges: [number, number][];
  readonly degree: number[];
  readonly vertexMetrics: Record<string, Maybe>;
  readonly edgeMetrics: Record<string, number>;
  readonly triangles: number[];
  readonly triangleListing: [number, number, number][];
  readonly clustering: Maybe[];
  readonly averageClustering: number;
  readonly transitivity: number;
  readonly tripletCount: number;
  readonly triadicCensus: number[];
  readonly jaccard?: [number, number, number, number][];
  readonly adamicAdar?: [number, number, number][];
}

export interface DirectedCase {
  readonly name: string;
  readonly vertexCount: number;
  readonly edges: [number, number][];
  readonly degree: number[];
  readonly outDegree: number[];
  readonly inDegree: number[];
  readonly vertexMetrics: Record<string, Maybe>;
  readonly edgeMetrics: Record<string, number>;
  readonly triangleCount: number;
  readonly triangleListing: [number, number, number, number][];
  readonly edgesAmongNeighbours: number[];
  readonly clustering: Maybe[];
  readonly averageClustering: number;
  /** networkx.average_clustering, only on cases whose every edge is mutual (there Fagiolo's score is Flink's). */
  readonly networkxAverageClustering?: number;
  readonly transitivity: number;
  readonly triadicCensus: number[];
}

function load<T>(file: string): T[] {
  const url = new URL(`../fixtures/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { cases: T[] }).cases;
}

export const undirectedCases: readonly UndirectedCase[] = load<UndirectedCase>("b-undirected.json");
export const directedCases: readonly DirectedCase[] = load<DirectedCase>("b-directed.json");

/** The directed graph with these edges, in this order. */
export function directedGraph(vertexCount: number, edges: readonly (readonly [number, number])[]): CsrGraph {
  return buildCsr(vertexCount, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

/** The simple undirected graph (both directions stored) on these edges. */
export function undirectedGraph(vertexCount: number, edges: readonly (readonly [number, number])[]): CsrGraph {
  return simplifyUndirected(directedGraph(vertexCount, edges));
}

/** Floats agree to 1e-12 relative; null in a fixture stands for NaN. */
export function close(actual: number, expected: number | null): boolean {
  if (expected === null) return Number.isNaN(actual);
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

/** A random edge list (possibly with loops and duplicates) on 1..maxVertices vertices. */
export function arbitraryEdgeList(maxVertices: number, maxEdges: number): fc.Arbitrary<{ n: number; edges: [number, number][] }> {
  return fc.integer({ min: 1, max: maxVertices }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: maxEdges }),
    }),
  );
}

/** Adjacency test on a directed edge list, as a Set of "a,b" strings (tests only). */
export function edgeSet(edges: readonly (readonly [number, number])[]): Set<string> {
  return new Set(edges.filter(([a, b]) => a !== b).map(([a, b]) => `${a},${b}`));
}
