// Flink Gelly's EchoGraph: a circulant graph whose single range of `vertexDegree` offsets is centred on n/2, so each
// vertex links to the vertices farthest from it; every vertex has the same in- and out-degree.
import { circulantGraph } from "./circulant-graph.js";
import { requireCount, type EdgeList } from "./edge-list.js";

/** As Flink: n ≥ 2, 1 ≤ degree < n, and exactly one of n and degree even (so the graph is undirected). n · degree edges. */
export function echoGraph(vertexCount: number, vertexDegree: number): EdgeList {
  requireCount("EchoGraph vertex count", vertexCount, 2);
  requireCount("EchoGraph vertex degree", vertexDegree, 1);
  if (vertexDegree >= vertexCount) throw new RangeError(`EchoGraph vertex degree (${vertexDegree}) must be less than the vertex count (${vertexCount})`);
  // why: with both even or both odd the centred range is not symmetric, so the edges would not pair up
  if ((vertexCount % 2 === 0) === (vertexDegree % 2 === 0)) throw new RangeError(`EchoGraph needs exactly one of vertex count (${vertexCount}) and vertex degree (${vertexDegree}) even`);
  return circulantGraph(vertexCount, [{ offset: Math.floor((vertexCount - vertexDegree + 1) / 2), length: vertexDegree }]);
}
