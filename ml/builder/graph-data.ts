// What saves and loads a Graph or GraphModel (Flink ML's GraphData and ReadWriteUtils.saveGraph / loadGraph): the
// structure goes into the metadata as "graphData", and node n's stage is saved at <path>/stages/<n>, n zero-padded to
// the width of the largest node id + 1.
import type { StreamExecutionEnvironment } from "../../runtime/index.js";
import { pathForPipelineStage, saveMetadata, type StageMetadata } from "../core/read-write.js";
import { loadStage, type Stage } from "../core/stage.js";
import { type GraphNode, graphNodeFromMap, graphNodeToMap } from "./graph-node.js";
import { type TableId, tableIdsFromList, tableIdsToList } from "./table-id.js";

export interface GraphData {
  readonly nodes: GraphNode[];
  /** Null for a GraphModel (it is not fitted). */
  readonly estimatorInputIds: TableId[] | null;
  readonly modelInputIds: TableId[];
  readonly outputIds: TableId[];
  readonly inputModelDataIds: TableId[] | null;
  readonly outputModelDataIds: TableId[] | null;
}

function toMap(data: GraphData): Record<string, unknown> {
  const map: Record<string, unknown> = { nodes: data.nodes.map(graphNodeToMap) };
  if (data.estimatorInputIds !== null) map["estimatorInputIds"] = tableIdsToList(data.estimatorInputIds);
  map["modelInputIds"] = tableIdsToList(data.modelInputIds);
  map["outputIds"] = tableIdsToList(data.outputIds);
  if (data.inputModelDataIds !== null) map["inputModelDataIds"] = tableIdsToList(data.inputModelDataIds);
  if (data.outputModelDataIds !== null) map["outputModelDataIds"] = tableIdsToList(data.outputModelDataIds);
  return map;
}

function fromMap(map: Record<string, unknown>): GraphData {
  const ids = (key: string) => (key in map ? tableIdsFromList(map[key] as number[]) : null);
  return {
    nodes: (map["nodes"] as Record<string, unknown>[]).map(graphNodeFromMap),
    estimatorInputIds: ids("estimatorInputIds"),
    modelInputIds: ids("modelInputIds")!,
    outputIds: ids("outputIds")!,
    inputModelDataIds: ids("inputModelDataIds"),
    outputModelDataIds: ids("outputModelDataIds"),
  };
}

function stagePath(node: GraphNode, nodes: readonly GraphNode[], path: string): string {
  const maxNodeId = Math.max(-1, ...nodes.map((n) => n.nodeId));
  return pathForPipelineStage(node.nodeId, maxNodeId + 1, path);
}

export async function saveGraph(graph: Stage, data: GraphData, path: string): Promise<void> {
  await saveMetadata(graph, path, { graphData: toMap(data) });
  for (const node of data.nodes) await node.stage!.save(stagePath(node, data.nodes, path));
}

export async function loadGraphData(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<GraphData> {
  const map = metadata["graphData"];
  if (typeof map !== "object" || map === null) throw new Error(`'${path}/metadata' has no graphData: it was not written by a Graph or GraphModel`);
  const data = fromMap(map as Record<string, unknown>);
  for (const node of data.nodes) node.stage = await loadStage(env, stagePath(node, data.nodes, path));
  return data;
}
