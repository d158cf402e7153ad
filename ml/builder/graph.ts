// Graph: an Estimator made of a DAG of stages (Flink ML's Graph). fit runs the nodes in a topological order on the
// given tables — each estimator fits on its inputs and its model transforms them, each algorithm operator
// transforms — and returns the GraphModel of the fitted models and the other stages, wired the same way.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { Estimator } from "../core/estimator.js";
import type { StageMetadata } from "../core/read-write.js";
import type { Row } from "../core/row.js";
import { registerStage } from "../core/stage-registry.js";
import { executeGraph, GraphExecution } from "./graph-execution.js";
import { loadGraphData, saveGraph } from "./graph-data.js";
import { GraphModel } from "./graph-model.js";
import type { GraphNode } from "./graph-node.js";
import type { TableId } from "./table-id.js";

export class Graph extends Estimator<GraphModel> {
  readonly className = "Graph";

  constructor(
    private nodes: GraphNode[] = [],
    private estimatorInputIds: TableId[] = [],
    private modelInputIds: TableId[] = [],
    private outputIds: TableId[] = [],
    private inputModelDataIds: TableId[] | null = null,
    private outputModelDataIds: TableId[] | null = null,
  ) {
    super();
  }

  getStages(): GraphNode["stage"][] {
    return this.nodes.map((n) => n.stage);
  }

  fit<T extends Row>(...inputs: DataStream<T>[]): GraphModel {
    if (inputs.length !== this.estimatorInputIds.length) throw new Error(`Graph.fit: ${inputs.length} tables given, the graph expects ${this.estimatorInputIds.length}`);
    const execution = new GraphExecution(this.nodes);
    execution.setTables(this.estimatorInputIds, inputs);
    const modelNodes = executeGraph(this.nodes, execution);
    return new GraphModel(modelNodes, this.modelInputIds, this.outputIds, this.inputModelDataIds, this.outputModelDataIds);
  }

  override async save(path: string): Promise<void> {
    await saveGraph(this, { nodes: this.nodes, estimatorInputIds: this.estimatorInputIds, modelInputIds: this.modelInputIds, outputIds: this.outputIds, inputModelDataIds: this.inputModelDataIds, outputModelDataIds: this.outputModelDataIds }, path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<void> {
    const data = await loadGraphData(env, path, metadata);
    if (data.estimatorInputIds === null) throw new Error(`'${path}' holds a GraphModel's structure (no estimatorInputIds), not a Graph's`);
    this.nodes = data.nodes;
    this.estimatorInputIds = data.estimatorInputIds;
    this.modelInputIds = data.modelInputIds;
    this.outputIds = data.outputIds;
    this.inputModelDataIds = data.inputModelDataIds;
    this.outputModelDataIds = data.outputModelDataIds;
  }
}

registerStage("Graph", () => new Graph());
