// GraphModel: a Model made of a DAG of stages (Flink ML's GraphModel). transform runs the nodes in a topological
// order on the given tables — an estimator node fits there and then — and returns the tables named as outputs.
import type { DataStream, StreamExecutionEnvironment } from "../../runtime/index.js";
import { Model } from "../core/model.js";
import type { StageMetadata } from "../core/read-write.js";
import type { Row } from "../core/row.js";
import { registerStage } from "../core/stage-registry.js";
import { executeGraph, GraphExecution } from "./graph-execution.js";
import { loadGraphData, saveGraph } from "./graph-data.js";
import type { GraphNode } from "./graph-node.js";
import type { TableId } from "./table-id.js";

export class GraphModel extends Model {
  readonly className = "GraphModel";
  private inputModelData: DataStream<any>[] | null = null;
  private lastExecution: GraphExecution | null = null;

  constructor(
    private nodes: GraphNode[] = [],
    private inputIds: TableId[] = [],
    private outputIds: TableId[] = [],
    private inputModelDataIds: TableId[] | null = null,
    private outputModelDataIds: TableId[] | null = null,
  ) {
    super();
  }

  /** The stages of the nodes, in node order (fitted models, for a GraphModel a Graph's fit returned). */
  getStages(): GraphNode["stage"][] {
    return this.nodes.map((n) => n.stage);
  }

  transform<T extends Row>(...inputs: DataStream<T>[]): DataStream<Row>[] {
    return this.run(inputs).getTables(this.outputIds) as DataStream<Row>[];
  }

  override setModelData(...inputs: DataStream<any>[]): this {
    if (this.inputModelDataIds === null) throw new Error("GraphModel: setModelData() is not supported — build the model with inputModelData ids");
    if (inputs.length !== this.inputModelDataIds.length) throw new Error(`GraphModel.setModelData: ${inputs.length} tables given, the graph expects ${this.inputModelDataIds.length}`);
    this.inputModelData = inputs;
    return this;
  }

  /** The model data tables of the last transform (as Flink ML, they exist once the graph has run). */
  override getModelData(): DataStream<any>[] {
    if (this.outputModelDataIds === null) throw new Error("GraphModel: getModelData() is not supported — build the model with outputModelData ids");
    if (this.lastExecution === null) throw new Error("GraphModel: call transform first — the stages publish their model data when the graph runs");
    return this.lastExecution.getTables(this.outputModelDataIds);
  }

  private run(inputs: readonly DataStream<any>[]): GraphExecution {
    if (inputs.length !== this.inputIds.length) throw new Error(`GraphModel.transform: ${inputs.length} tables given, the graph expects ${this.inputIds.length}`);
    // why a fresh execution per call: transform may be called again (Flink ML's single helper refuses the second call)
    const execution = new GraphExecution(this.nodes);
    execution.setTables(this.inputIds, inputs);
    if (this.inputModelData !== null) execution.setTables(this.inputModelDataIds!, this.inputModelData);
    executeGraph(this.nodes, execution);
    this.lastExecution = execution;
    return execution;
  }

  override async save(path: string): Promise<void> {
    await saveGraph(this, { nodes: this.nodes, estimatorInputIds: null, modelInputIds: this.inputIds, outputIds: this.outputIds, inputModelDataIds: this.inputModelDataIds, outputModelDataIds: this.outputModelDataIds }, path);
  }

  /** @internal */
  override async restoreSaved(env: StreamExecutionEnvironment, path: string, metadata: StageMetadata): Promise<void> {
    const data = await loadGraphData(env, path, metadata);
    this.nodes = data.nodes;
    this.inputIds = data.modelInputIds;
    this.outputIds = data.outputIds;
    this.inputModelDataIds = data.inputModelDataIds;
    this.outputModelDataIds = data.outputModelDataIds;
  }
}

registerStage("GraphModel", () => new GraphModel());
