// Streaming graph analytics on unbounded edge streams: DataStream operators in the spirit of gelly-streaming.
export type { Edge, EdgeDirection, OrderedVertexKey } from "./edge.js";
export { degrees, type DegreesOptions } from "./degrees.js";
export type { VertexDegree } from "./degree-operator.js";
export { connectedComponents, type StreamingComponentsOptions } from "./connected-components.js";
export type { ComponentChange, ComponentSummary } from "./component-summary.js";
export { windowTriangles, type WindowTrianglesOptions } from "./window-triangles.js";
export type { WindowTriangleCount } from "./triangle-records.js";
export { DisjointSet } from "./disjoint-set.js";
