// Measures the gelly-b kernels (CPU time) on a seeded R-MAT graph generated here (a = 0.57, b = c = 0.19, edge factor
// 16), so the figures in docs/gelly-b-section.md can be reproduced until they move to `npm run bench -- graph`:
//   node --import=tsx scripts/gelly/measure-b.ts 17        # triangle kernels
//   node --import=tsx scripts/gelly/measure-b.ts 13        # also triadic census, Jaccard, Adamic-Adar
import { buildCsr, type CsrGraph } from "../../gelly/graph/csr.js";
import { simplifyDirected, simplifyUndirected } from "../../gelly/asm/simple/simplify.js";
import { orientByDegree } from "../../gelly/asm/degree/degree-ordered-adjacency.js";
import { undirectedTriangleCount } from "../../gelly/library/clustering/triangle-count.js";
import { undirectedTriangleListing } from "../../gelly/library/clustering/triangle-listing.js";
import { undirectedLocalClusteringCoefficient } from "../../gelly/library/clustering/local-clustering-coefficient.js";
import { directedTriadicCensus } from "../../gelly/library/clustering/triadic-census.js";
import { jaccardIndex } from "../../gelly/library/similarity/jaccard-index.js";
import { adamicAdar } from "../../gelly/library/similarity/adamic-adar.js";

const scale = Number(process.argv[2] ?? 17);
if (!Number.isInteger(scale) || scale < 4 || scale > 22) throw new RangeError(`scale must be an integer in 4..22, got ${process.argv[2]}`);

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

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function measure(label: string, run: () => string): void {
  const start = cpuMs();
  const detail = run();
  console.log(`${label.padEnd(38)} ${(cpuMs() - start).toFixed(0).padStart(7)} ms  ${detail}`);
}

const { n, sources, targets } = rmat(scale, 16);
const raw = buildCsr(n, sources, targets);
const undirected: CsrGraph = simplifyUndirected(raw);
const directed: CsrGraph = simplifyDirected(raw);
console.log(`R-MAT scale ${scale}: ${n} vertices, ${undirected.edgeCount / 2} undirected edges, ${directed.edgeCount} directed edges`);
for (let round = 1; round <= 3; round++) {
  console.log(`round ${round}`);
  measure("orientByDegree", () => `${orientByDegree(undirected, false).targets.length} oriented pairs`);
  measure("undirectedTriangleCount", () => `${undirectedTriangleCount(undirected)} triangles`);
  measure("undirectedTriangleListing", () => `${undirectedTriangleListing(undirected).count} rows`);
  measure("undirectedLocalClusteringCoefficient", () => `${undirectedLocalClusteringCoefficient(undirected).score.length} scores`);
  if (scale <= 14) {
    measure("directedTriadicCensus", () => `300: ${directedTriadicCensus(directed).counts[15]}`);
    measure("jaccardIndex", () => `${jaccardIndex(undirected).count} pairs`);
    measure("adamicAdar", () => `${adamicAdar(undirected).count} pairs`);
  }
}
