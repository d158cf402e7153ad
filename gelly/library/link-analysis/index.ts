// Link analysis: Flink Gelly's PageRank and HITS as CSR kernels.
export { pageRank, type PageRankOptions, type PageRankResult } from "./page-rank.js";
export { hits, type HitsOptions, type HitsResult } from "./hits.js";
export type { IterationLimits } from "./iteration-limits.js";
