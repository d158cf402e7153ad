// Streaming graph analytics on unbounded edge streams: DataStream operators in the spirit of gelly-streaming.
export type { Edge, EdgeDirection, OrderedVertexKey } from "./edge.js";
export { degrees, type DegreesOptions } from "./degrees.js";
export type { VertexDegree } from "./degree-operator.js";
export { connectedComponents, type StreamingComponentsOptions } from "./connected-components.js";
export type { ComponentChange, ComponentSummary } from "./component-summary.js";
export { windowTriangles } from "./window-triangles.js";
export { windowVertexTriangles } from "./window-vertex-triangles.js";
export type { WindowTrianglesOptions } from "./neighbour-lists.js";
export type { VertexTriangleCount, WindowTriangleCount } from "./triangle-records.js";
export { DisjointSet } from "./disjoint-set.js";
