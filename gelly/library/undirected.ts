// Flink's undirected algorithm packages (library.clustering.undirected, library.metric.undirected,
// asm.simple.undirected, asm.degree.*.undirected) under their Flink names: `new undirected.TriangleListing()`.
export { UndirectedAverageClusteringCoefficient as AverageClusteringCoefficient } from "./clustering/average-clustering-coefficient-algorithm.js";
export { UndirectedGlobalClusteringCoefficient as GlobalClusteringCoefficient } from "./clustering/global-clustering-coefficient-algorithm.js";
export { UndirectedLocalClusteringCoefficient as LocalClusteringCoefficient } from "./clustering/local-clustering-coefficient-algorithm.js";
export { UndirectedTriadicCensus as TriadicCensus } from "./clustering/triadic-census-algorithm.js";
export { UndirectedTriangleCount as TriangleCount } from "./clustering/triangle-count-algorithm.js";
export { UndirectedTriangleListing as TriangleListing } from "./clustering/triangle-listing-algorithm.js";
export { UndirectedEdgeMetrics as EdgeMetrics } from "./metrics/edge-metrics-algorithm.js";
export { UndirectedVertexMetrics as VertexMetrics } from "./metrics/vertex-metrics-algorithm.js";
export { UndirectedSimplify as Simplify } from "../asm/simple/simplify-algorithm.js";
export { VertexDegree } from "../asm/degree/vertex-degrees-algorithm.js";
export { EdgeSourceDegree, EdgeTargetDegree, EdgeDegreePair } from "../asm/degree/edge-degrees-algorithm.js";
export { MaximumDegree } from "../asm/filter/maximum-degree-algorithm.js";
