// The clustering, census and similarity kernels (CPU time) on a seeded R-MAT graph (a = 0.57, b = c = 0.19, edge
// factor 16) from a fixed LCG — the same edges on every run, so the figures in docs/gelly.md ("Measured") can be
// reproduced. Part of `npm run bench -- graph` (at --clustering-scale, default 13, where the quadratic kernels —
// triadic census, Jaccard, Adamic-Adar — also run; above scale 14 only the triangle kernels run).
//   npm run bench -- graph --clustering-scale 17     # the triangle kernels at the documented scale
// (formerly scripts/gelly/measure-b.ts)
import { buildCsr, type CsrGraph } from "../../gelly/graph/csr.js";
import { simplifyUndirected, simplifyDirected } from "../../gelly/asm/simple/simplify.js";
import { orientByDegree } from "../../gelly/asm/degree/degree-ordered-adjacency.js";
import { undirectedTriangleCount } from "../../gelly/library/clustering/triangle-count.js";
import { undirectedTriangleListing } from "../../gelly/library/clustering/triangle-listing.js";
import { undirectedLocalClusteringCoefficient } from "../../gelly/library/clustering/local-clustering-coefficient.js";
import { directedTriadicCensus } from "../../gelly/library/clustering/triadic-census.js";
import { jaccardIndex } from "../../gelly/library/similarity/jaccard-index.js";
import { adamicAdar } from "../../gelly/library/similarity/adamic-adar.js";

/** R-MAT edges from a fixed LCG seed (the same edges on every run). */
function rmat(scale: number, edgeFactor: number): { n: number; sources: Int32Array; targets: Int32Array } {
  const n = 1 << scale;
  const m = n * edgeFactor;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  let seed = 12345;
  for (let e = 0; e < m; e++) {
    let u = 0;
    let v = 0;
    for (let b = 0; b < scale; b++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const r = seed / 2 ** 32;
      const quadrant = r < 0.57 ? 0 : r < 0.76 ? 1 : r < 0.95 ? 2 : 3;
      u = (u << 1) | (quadrant >> 1);
      v = (v << 1) | (quadrant & 1);
    }
    sources[e] = u;
    targets[e] = v;
  }
  return { n, sources, targets };
}

function cpuSeconds(body: () => string): { seconds: number; detail: string } {
  const before = process.cpuUsage();
  const detail = body();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, detail };
}

export interface ClusteringKernelRow {
  readonly kernel: string;
  /** Best CPU seconds over the rounds. */
  readonly seconds: number;
  readonly detail: string;
}

export interface ClusteringKernelsResult {
  readonly scale: number;
  readonly vertexCount: number;
  readonly undirectedEdges: number;
  readonly directedEdges: number;
  readonly rounds: number;
  readonly rows: ClusteringKernelRow[];
}

export function runClusteringKernels(scale: number, rounds: number): ClusteringKernelsResult {
  if (!Number.isInteger(scale) || scale < 4 || scale > 22) throw new RangeError(`the clustering scale must be an integer in 4..22, got ${scale}`);
  const { n, sources, targets } = rmat(scale, 16);
  const raw = buildCsr(n, sources, targets);
  const undirected: CsrGraph = simplifyUndirected(raw);
  const directed: CsrGraph = simplifyDirected(raw);
  const kernels: [string, () => string][] = [
    ["orientByDegree", () => `${orientByDegree(undirected, false).targets.length} oriented pairs`],
    ["undirectedTriangleCount", () => `${undirectedTriangleCount(undirected)} triangles`],
    ["undirectedTriangleListing", () => `${undirectedTriangleListing(undirected).count} rows`],
    ["undirectedLocalClusteringCoefficient", () => `${undirectedLocalClusteringCoefficient(undirected).score.length} scores`],
  ];
  if (scale <= 14) {
    kernels.push(
      ["directedTriadicCensus", () => `300: ${directedTriadicCensus(directed).counts[15]}`],
      ["jaccardIndex", () => `${jaccardIndex(undirected).count} pairs`],
      ["adamicAdar", () => `${adamicAdar(undirected).count} pairs`],
    );
  }
  const best = new Map<string, { seconds: number; detail: string }>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, body] of kernels) {
      const run = cpuSeconds(body);
      const previous = best.get(name);
      if (previous === undefined || run.seconds < previous.seconds) best.set(name, run);
    }
  }
  return {
    scale,
    vertexCount: n,
    undirectedEdges: undirected.edgeCount / 2,
    directedEdges: directed.edgeCount,
    rounds,
    rows: kernels.map(([name]) => ({ kernel: name, ...best.get(name)! })),
  };
}

export function printClusteringKernels(r: ClusteringKernelsResult): void {
  console.log(`\nClustering kernels, LCG R-MAT scale ${r.scale} (${r.vertexCount} vertices, ${r.undirectedEdges} undirected edges, ${r.directedEdges} directed), best CPU time of ${r.rounds}`);
  for (const row of r.rows) console.log(`${row.kernel.padEnd(38)} ${(row.seconds * 1000).toFixed(0).padStart(7)} ms  ${row.detail}`);
}
