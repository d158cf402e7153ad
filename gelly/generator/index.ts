// Flink Gelly's graph generators as functions returning edge lists on dense vertex ids.
export type { EdgeList } from "./edge-list.js";
export { circulantGraph, type OffsetRange } from "./circulant-graph.js";
export { completeGraph } from "./complete-graph.js";
export { cycleGraph } from "./cycle-graph.js";
export { echoGraph } from "./echo-graph.js";
export { emptyGraph } from "./empty-graph.js";
export { gridGraph, type GridDimension } from "./grid-graph.js";
export { hypercubeGraph } from "./hypercube-graph.js";
export { pathGraph } from "./path-graph.js";
export { rmatGraph, type RmatOptions } from "./rmat-graph.js";
export { singletonEdgeGraph } from "./singleton-edge-graph.js";
export { starGraph } from "./star-graph.js";
