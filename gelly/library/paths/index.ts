// Paths: Flink Gelly's single-source shortest paths as a CSR kernel.
export { singleSourceShortestPaths, type ShortestPathsOptions } from "./single-source-shortest-paths.js";
