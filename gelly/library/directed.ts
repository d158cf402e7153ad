// Flink's directed algorithm packages (library.clustering.directed, library.metric.directed, asm.simple.directed) under
// their Flink names, so `new directed.LocalClusteringCoefficient()` reads as it does in Flink.
export { DirectedAverageClusteringCoefficient as AverageClusteringCoefficient } from "./clustering/average-clustering-coefficient-algorithm.js";
export { DirectedGlobalClusteringCoefficient as GlobalClusteringCoefficient } from "./clustering/global-clustering-coefficient-algorithm.js";
export { DirectedLocalClusteringCoefficient as LocalClusteringCoefficient } from "./clustering/local-clustering-coefficient-algorithm.js";
export { DirectedTriadicCensus as TriadicCensus } from "./clustering/triadic-census-algorithm.js";
export { DirectedTriangleCount as TriangleCount } from "./clustering/triangle-count-algorithm.js";
export { DirectedTriangleListing as TriangleListing } from "./clustering/triangle-listing-algorithm.js";
export { DirectedEdgeMetrics as EdgeMetrics } from "./metrics/edge-metrics-algorithm.js";
export { DirectedVertexMetrics as VertexMetrics } from "./metrics/vertex-metrics-algorithm.js";
export { DirectedSimplify as Simplify } from "../asm/simple/simplify-algorithm.js";
export { VertexDegrees } from "../asm/degree/vertex-degrees-algorithm.js";
export { EdgeSourceDegrees, EdgeTargetDegrees, EdgeDegreesPair } from "../asm/degree/edge-degrees-algorithm.js";
