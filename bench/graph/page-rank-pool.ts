// PageRank's supersteps on the worker pool (gelly/parallel) next to the single-thread kernel, same graph, same run.
// Wall-clock time here — the point is two threads finishing sooner — so a loaded machine shows in the figures; the
// load average is reported beside them. The pool's figure includes starting the job on the pool (deploying to the
// workers, building the graph there), as a user pays it.
import { loadavg } from "node:os";
import type { CsrGraph } from "../../gelly/graph/csr.js";
import { pageRank } from "../../gelly/library/link-analysis/page-rank.js";
import { pageRankOnPool } from "../../gelly/parallel/page-rank-on-pool.js";
import { WorkerPool } from "../../runtime/index.js";

export interface PoolPageRankResult {
  readonly workers: number;
  readonly iterations: number;
  readonly kernelSeconds: number;
  readonly poolSeconds: number;
  /** kernel time / pool time: > 1 when the pool is faster. */
  readonly speedup: number;
  readonly poolEdgeUpdatesPerSecond: number;
  readonly maxAbsDifference: number;
  readonly loadAverage: number;
}

export async function runPoolPageRank(graph: CsrGraph, iterations: number, damping: number, workers: number, repeats: number): Promise<PoolPageRankResult> {
  const wall = async (body: () => unknown): Promise<number> => {
    const start = performance.now();
    await body();
    return (performance.now() - start) / 1000;
  };
  let kernel: Float64Array = new Float64Array(0);
  let pool: Float64Array = new Float64Array(0);
  let kernelSeconds = Number.POSITIVE_INFINITY;
  let poolSeconds = Number.POSITIVE_INFINITY;
  await pageRankOnPool(graph, { dampingFactor: damping, maxIterations: 2, workers });
  // why alternate: a burst of load from elsewhere then hurts both sides alike
  for (let r = 0; r < repeats; r++) {
    kernelSeconds = Math.min(kernelSeconds, await wall(() => { kernel = pageRank(graph, { dampingFactor: damping, maxIterations: iterations }).scores; }));
    poolSeconds = Math.min(poolSeconds, await wall(async () => { pool = (await pageRankOnPool(graph, { dampingFactor: damping, maxIterations: iterations, workers })).scores; }));
  }
  await WorkerPool.shared().shutdown();
  let worst = 0;
  for (let i = 0; i < kernel.length; i++) worst = Math.max(worst, Math.abs(kernel[i]! - pool[i]!));
  return {
    workers,
    iterations,
    kernelSeconds,
    poolSeconds,
    speedup: kernelSeconds / poolSeconds,
    poolEdgeUpdatesPerSecond: (graph.edgeCount * iterations) / poolSeconds,
    maxAbsDifference: worst,
    loadAverage: loadavg()[0]!,
  };
}
