// PageRank with its supersteps spread across the worker pool by vertex ranges (page-rank-job.ts): the same scores as
// the single-thread kernel (gelly/library/link-analysis/page-rank.ts) up to the order of floating-point additions.
import type { CsrGraph } from "../graph/csr.js";
import { resolveLimits } from "../library/link-analysis/iteration-limits.js";
import type { PageRankOptions, PageRankResult } from "../library/link-analysis/page-rank.js";
import { pageRankJob, type PageRankSummary } from "./page-rank-job.js";
import { balancedVertexRanges } from "./vertex-ranges.js";

export interface PoolOptions {
  /** Worker threads (default: the environment's, EDDY_WORKERS, or the number of cores). */
  readonly workers?: number;
  /** Vertex ranges, one subtask each (default: the number of workers, or 2). */
  readonly partitions?: number;
}

export async function pageRankOnPool(g: CsrGraph, options: PageRankOptions & PoolOptions = {}): Promise<PageRankResult> {
  const d = options.dampingFactor ?? 0.85;
  if (!(d > 0 && d < 1)) throw new RangeError(`PageRank: dampingFactor must be between zero and one, got ${options.dampingFactor}`);
  const { maxIterations, convergenceThreshold } = resolveLimits("PageRank", options);
  const n = g.vertexCount;
  if (n === 0 || maxIterations === 0) return { scores: new Float64Array(n).fill(n === 0 ? 0 : 1 / n), iterations: 0 };
  const partitions = options.partitions ?? options.workers ?? 2;
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`PageRank: partitions must be a positive integer, got ${partitions}`);
  const inOffsets = shared(Int32Array, g.inOffsets);
  const inSources = shared(Int32Array, g.inSources);
  const inverseOutDegree = sharedFloats(n);
  const share = sharedFloats(n);
  const scores = sharedFloats(n);
  const degrees = new Float64Array(inverseOutDegree);
  const s = new Float64Array(share);
  const sc = new Float64Array(scores);
  for (let u = 0; u < n; u++) {
    const degree = g.outOffsets[u + 1]! - g.outOffsets[u]!;
    degrees[u] = degree === 0 ? 0 : 1 / degree;
    sc[u] = 1 / n;
    s[u] = sc[u]! * degrees[u]!;
  }
  const bounds = shared(Int32Array, balancedVertexRanges(g.inOffsets, n, partitions));
  const { collected } = await pageRankJob.run(
    { vertexCount: n, bounds, inOffsets, inSources, inverseOutDegree, share, projected: sharedFloats(n), scores, dampingFactor: d, maxIterations, convergenceThreshold },
    { name: "PageRank", ...(options.workers === undefined ? {} : { workers: options.workers }) },
  );
  const summary = (collected.summary ?? [])[0] as PageRankSummary | undefined;
  // why a copy: the result should not keep the shared buffer (and the graph's copies) alive
  return { scores: Float64Array.from(sc), iterations: summary?.iterations ?? 0 };
}

function shared(Kind: Int32ArrayConstructor, from: Int32Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(from.byteLength);
  new Kind(buffer).set(from);
  return buffer;
}

function sharedFloats(n: number): SharedArrayBuffer {
  return new SharedArrayBuffer(n * 8);
}
