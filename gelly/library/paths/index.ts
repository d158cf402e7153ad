// Paths: Flink Gelly's single-source shortest paths as a CSR kernel.
export { singleSourceShortestPaths } from "./single-source-shortest-paths.js";
