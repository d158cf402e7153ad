// Gelly, Eddy's graph library (Flink Gelly's API in TypeScript form): the Graph and its records, graph.run algorithms,
// generators and bipartite graphs. The CSR kernels under graph/, asm/ and library/ stay importable by path.
export { Graph, type GraphTopology, type IterationInput } from "./graph.js";
export { EdgeDirection, type Edge, type Neighbor, type Triplet, type Vertex } from "./graph/records.js";
export { GraphResult } from "./graph/graph-result.js";
export type { GraphAlgorithm } from "./graph/graph-algorithm.js";
export { InvalidVertexIdsValidator, type GraphValidator } from "./graph/validator.js";
export type { CsvKey, CsvKeyType, GraphCsvOptions } from "./graph/csv.js";
export type { EdgeWeight } from "./graph/edge-weights.js";
export type { EdgesFunction, NeighborsFunction, ReduceEdgesFunction, ReduceNeighborsFunction } from "./graph/neighborhoods.js";
export type { VertexKey } from "./graph/vertex-dictionary.js";
export type { ComparableValue } from "./graph/vertex-subsets.js";

// algorithms (Flink's library and asm), one class each; directed/undirected variants also under Flink's names below
export { PageRank, type PageRankScore } from "./library/link-analysis/page-rank-algorithm.js";
export { HITS, type HitsScores } from "./library/link-analysis/hits-algorithm.js";
export { ConnectedComponents } from "./library/components/connected-components-algorithm.js";
export { SingleSourceShortestPaths } from "./library/paths/single-source-shortest-paths-algorithm.js";
export { GSAConnectedComponents } from "./library/components/gsa-connected-components-algorithm.js";
export { GSASingleSourceShortestPaths } from "./library/paths/gsa-single-source-shortest-paths-algorithm.js";
export { LabelPropagation } from "./library/communities/label-propagation-algorithm.js";
export { CommunityDetection } from "./library/communities/community-detection-algorithm.js";
export { DirectedLocalClusteringCoefficient, UndirectedLocalClusteringCoefficient, type LocalClusteringCoefficientScore } from "./library/clustering/local-clustering-coefficient-algorithm.js";
export { DirectedGlobalClusteringCoefficient, UndirectedGlobalClusteringCoefficient, type GlobalClusteringCoefficientResult } from "./library/clustering/global-clustering-coefficient-algorithm.js";
export { DirectedAverageClusteringCoefficient, UndirectedAverageClusteringCoefficient, type AverageClusteringCoefficientResult } from "./library/clustering/average-clustering-coefficient-algorithm.js";
export { DirectedTriangleCount, UndirectedTriangleCount } from "./library/clustering/triangle-count-algorithm.js";
export { DirectedTriangleListing, UndirectedTriangleListing, type DirectedTriangle, type Triangle } from "./library/clustering/triangle-listing-algorithm.js";
export { DirectedTriadicCensus, UndirectedTriadicCensus, type DirectedTriadType, type TriadicCensusResult, type UndirectedTriadType } from "./library/clustering/triadic-census-algorithm.js";
export { JaccardIndex, type JaccardIndexScore } from "./library/similarity/jaccard-index-algorithm.js";
export { AdamicAdar, type AdamicAdarScore } from "./library/similarity/adamic-adar-algorithm.js";
export { DirectedVertexMetrics, UndirectedVertexMetrics, type DirectedVertexMetricsResult, type UndirectedVertexMetricsResult } from "./library/metrics/vertex-metrics-algorithm.js";
export { DirectedEdgeMetrics, UndirectedEdgeMetrics, type EdgeMetricsResult } from "./library/metrics/edge-metrics-algorithm.js";
export { Summarization, type SummaryEdgeValue, type SummaryVertexValue } from "./library/summarization-algorithm.js";
export { VertexDegree, VertexDegrees, type Degrees } from "./asm/degree/vertex-degrees-algorithm.js";
export {
  EdgeDegreePair, EdgeDegreesPair, EdgeSourceDegree, EdgeSourceDegrees, EdgeTargetDegree, EdgeTargetDegrees, type EdgeDegreesValue,
} from "./asm/degree/edge-degrees-algorithm.js";
export { DirectedSimplify, UndirectedSimplify } from "./asm/simple/simplify-algorithm.js";
export { MaximumDegree } from "./asm/filter/maximum-degree-algorithm.js";
export * as directed from "./library/directed.js";
export * as undirected from "./library/undirected.js";

// the iteration models' user functions and options (graph.runVertexCentricIteration and the other two)
export {
  ApplyFunction, ComputeFunction, DoubleSumAggregator, GatherFunction, GSAGatherFunction, LongSumAggregator, MessageCombiners, MessageIterator,
  ScatterFunction, SumFunction,
  type Aggregator, type AggregatorFactories, type BroadcastSets, type CustomMessageCombiner, type GSAConfiguration, type MessageCombiner,
  type NumericMessageCombiner, type ScatterGatherConfiguration, type VertexCentricConfiguration,
  type Vertex as IterationVertex, type Edge as IterationEdge, type Neighbor as GSANeighbor,
} from "./iteration/index.js";
// PageRank's supersteps on the worker pool (vertex ranges in shared memory)
export { pageRankOnPool, type PoolOptions } from "./parallel/page-rank-on-pool.js";
// streaming graph analytics on unbounded edge streams
export * from "./streaming/index.js";

// generators: each returns an EdgeList; Graph.fromEdgeList turns it into a Graph<number, null, null>
export * from "./generator/index.js";

// bipartite graphs
export { BipartiteGraph, type BipartiteEdge, type Projection } from "./bipartite/bipartite-graph.js";
