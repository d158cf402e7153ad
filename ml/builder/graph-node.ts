// A node of a Graph (Flink ML's GraphNode): a stage, whether it runs as an estimator (fit, then transform with the
// fitted model) or as an algorithm operator, and the TableIds of its inputs, outputs and model data.
import type { Stage } from "../core/stage.js";
import { type TableId, tableIdsFromList, tableIdsToList } from "./table-id.js";

export type StageType = "ESTIMATOR" | "ALGO_OPERATOR";

export interface GraphNode {
  readonly nodeId: number;
  /** Null only between reading a saved graph's structure and loading its stages. */
  stage: Stage | null;
  readonly stageType: StageType;
  readonly estimatorInputIds: TableId[] | null;
  readonly algoOpInputIds: TableId[];
  readonly outputIds: TableId[];
  inputModelDataIds: TableId[] | null;
  outputModelDataIds: TableId[] | null;
}

/** The node as Flink ML's GraphNode.toMap writes it into a saved graph's metadata (table ids as numbers). */
export function graphNodeToMap(node: GraphNode): Record<string, unknown> {
  const map: Record<string, unknown> = { nodeId: node.nodeId, stageType: node.stageType };
  if (node.estimatorInputIds !== null) map["estimatorInputIds"] = tableIdsToList(node.estimatorInputIds);
  map["algoOpInputIds"] = tableIdsToList(node.algoOpInputIds);
  map["outputIds"] = tableIdsToList(node.outputIds);
  if (node.inputModelDataIds !== null) map["inputModelDataIds"] = tableIdsToList(node.inputModelDataIds);
  if (node.outputModelDataIds !== null) map["outputModelDataIds"] = tableIdsToList(node.outputModelDataIds);
  return map;
}

export function graphNodeFromMap(map: Record<string, unknown>): GraphNode {
  const ids = (key: string) => (key in map ? tableIdsFromList(map[key] as number[]) : null);
  const stageType = map["stageType"];
  if (stageType !== "ESTIMATOR" && stageType !== "ALGO_OPERATOR") throw new Error(`a saved graph node has stageType ${JSON.stringify(stageType)}: expected ESTIMATOR or ALGO_OPERATOR`);
  return {
    nodeId: map["nodeId"] as number,
    stage: null,
    stageType,
    estimatorInputIds: ids("estimatorInputIds"),
    algoOpInputIds: ids("algoOpInputIds")!,
    outputIds: ids("outputIds")!,
    inputModelDataIds: ids("inputModelDataIds"),
    outputModelDataIds: ids("outputModelDataIds"),
  };
}
