// GraphBuilder: writes down a DAG of stages with TableIds and wraps it as an Estimator (Graph), a Model or an
// AlgoOperator (GraphModel) — Flink ML's GraphBuilder. Each stage gets maxOutputTableNum (20) output ids, of which
// its transform fills as many as it returns.
import { AlgoOperator } from "../core/algo-operator.js";
import { Estimator } from "../core/estimator.js";
import { Model } from "../core/model.js";
import type { Stage } from "../core/stage.js";
import { Graph } from "./graph.js";
import { GraphModel } from "./graph-model.js";
import type { GraphNode, StageType } from "./graph-node.js";
import { TableId } from "./table-id.js";

export class GraphBuilder {
  private maxOutputTableNum = 20;
  private nextTableId = 0;
  private nextNodeId = 0;
  private readonly nodes: GraphNode[] = [];
  private readonly nodeOf = new Map<Stage, GraphNode>();

  /** The most tables any stage's transform or getModelData returns (default 20). */
  setMaxOutputTableNum(value: number): this {
    if (!Number.isInteger(value) || value < 1) throw new Error(`GraphBuilder.setMaxOutputTableNum: expected a positive integer, got ${value}`);
    this.maxOutputTableNum = value;
    return this;
  }

  createTableId(): TableId {
    return new TableId(this.nextTableId++);
  }

  /** Adds an AlgoOperator (a Transformer or Model too) that transforms `inputs`; returns the ids of its outputs. */
  addAlgoOperator(algoOp: AlgoOperator, ...inputs: TableId[]): TableId[] {
    if (!(algoOp instanceof AlgoOperator)) throw new Error(`GraphBuilder.addAlgoOperator: ${(algoOp as Stage).className} is not an AlgoOperator`);
    return this.addStage(algoOp, "ALGO_OPERATOR", null, inputs);
  }

  /** Adds an Estimator: fit on `estimatorInputs`, then its model transforms `modelInputs` (by default the same tables). */
  addEstimator(estimator: Estimator, estimatorInputs: TableId[], modelInputs: TableId[] = estimatorInputs): TableId[] {
    if (!(estimator instanceof Estimator)) throw new Error(`GraphBuilder.addEstimator: ${(estimator as Stage).className} is not an Estimator`);
    return this.addStage(estimator, "ESTIMATOR", estimatorInputs, modelInputs);
  }

  /** The model fitted by `estimator` gets its model data from `inputs` before it transforms. */
  setModelDataOnEstimator(estimator: Estimator, ...inputs: TableId[]): void {
    const node = this.nodeFor(estimator, "ESTIMATOR", "Estimator");
    node.inputModelDataIds = this.once(node.inputModelDataIds, "the model data of this Estimator has already been set", inputs);
  }

  /** `model` gets its model data from `inputs` before it transforms. */
  setModelDataOnModel(model: Model, ...inputs: TableId[]): void {
    const node = this.nodeFor(model, "ALGO_OPERATOR", "Model");
    node.inputModelDataIds = this.once(node.inputModelDataIds, "the model data of this Model has already been set", inputs);
  }

  /** The ids of the model data of the model `estimator` fits. */
  getModelDataFromEstimator(estimator: Estimator): TableId[] {
    const node = this.nodeFor(estimator, "ESTIMATOR", "Estimator");
    node.outputModelDataIds = this.once(node.outputModelDataIds, "the model data of this Estimator has already been fetched", this.createTableIds());
    return node.outputModelDataIds;
  }

  /** The ids of `model`'s model data. */
  getModelDataFromModel(model: Model): TableId[] {
    const node = this.nodeFor(model, "ALGO_OPERATOR", "Model");
    node.outputModelDataIds = this.once(node.outputModelDataIds, "the model data of this Model has already been fetched", this.createTableIds());
    return node.outputModelDataIds;
  }

  /** A Graph (an Estimator): fit reads estimatorInputs; its GraphModel transforms modelInputs (default: the same) into outputs. */
  buildEstimator(estimatorInputs: TableId[], outputs: TableId[], options: { modelInputs?: TableId[]; inputModelData?: TableId[]; outputModelData?: TableId[] } = {}): Graph {
    return new Graph(this.snapshotNodes(), estimatorInputs, options.modelInputs ?? estimatorInputs, outputs, options.inputModelData ?? null, options.outputModelData ?? null);
  }

  /** A GraphModel: transform reads inputs and returns outputs; estimators in the graph fit during transform. */
  buildModel(inputs: TableId[], outputs: TableId[], options: { inputModelData?: TableId[]; outputModelData?: TableId[] } = {}): GraphModel {
    return new GraphModel(this.snapshotNodes(), inputs, outputs, options.inputModelData ?? null, options.outputModelData ?? null);
  }

  /** The same as buildModel without model data: a GraphModel used as an AlgoOperator (Flink ML returns a GraphModel too). */
  buildAlgoOperator(inputs: TableId[], outputs: TableId[]): GraphModel {
    return this.buildModel(inputs, outputs);
  }

  private addStage(stage: Stage, stageType: StageType, estimatorInputs: TableId[] | null, modelInputs: TableId[]): TableId[] {
    if (this.nodeOf.has(stage)) throw new Error(`GraphBuilder: the stage ${stage.className} has already been added — add a stage once, and pass its output ids on`);
    const outputIds = this.createTableIds();
    const node: GraphNode = { nodeId: this.nextNodeId++, stage, stageType, estimatorInputIds: estimatorInputs, algoOpInputIds: modelInputs, outputIds, inputModelDataIds: null, outputModelDataIds: null };
    this.nodes.push(node);
    this.nodeOf.set(stage, node);
    return outputIds;
  }

  private createTableIds(): TableId[] {
    return Array.from({ length: this.maxOutputTableNum }, () => this.createTableId());
  }

  private nodeFor(stage: Stage, type: StageType, what: string): GraphNode {
    const node = this.nodeOf.get(stage);
    if (node === undefined) throw new Error(`GraphBuilder: the ${what} has not been added to the graph`);
    if (node.stageType !== type) throw new Error(`GraphBuilder: the ${what} was previously added as ${type === "ESTIMATOR" ? "an AlgoOperator" : "an Estimator"}`);
    return node;
  }

  private once(current: TableId[] | null, problem: string, next: TableId[]): TableId[] {
    if (current !== null) throw new Error(`GraphBuilder: ${problem}`);
    return next;
  }

  /** Copies of the nodes, so building more on this builder does not change a graph already built. */
  private snapshotNodes(): GraphNode[] {
    return this.nodes.map((n) => ({ ...n }));
  }
}
