// Runs a Graph's nodes in a topological order (Flink ML's GraphExecutionHelper and the loop of Graph.fit /
// GraphModel.transform): a node is ready once every table it reads has been built; ready nodes run in the order
// they became ready. Running a node only builds its part of the job graph, as fit and transform do.
import type { DataStream } from "../../runtime/index.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { Estimator } from "../core/estimator.js";
import { Model } from "../core/model.js";
import type { Row } from "../core/row.js";
import type { GraphNode } from "./graph-node.js";
import type { TableId } from "./table-id.js";

export class GraphExecution {
  private readonly consumers = new Map<number, GraphNode[]>();
  private readonly tables = new Map<number, DataStream<any>>();
  private readonly missingInputs = new Map<GraphNode, number>();
  private readonly ready: GraphNode[] = [];

  constructor(nodes: readonly GraphNode[]) {
    for (const node of nodes) {
      const inputs = [...node.algoOpInputIds, ...(node.estimatorInputIds ?? []), ...(node.inputModelDataIds ?? [])];
      this.missingInputs.set(node, inputs.length);
      for (const id of inputs) {
        const list = this.consumers.get(id.id);
        if (list === undefined) this.consumers.set(id.id, [node]);
        else list.push(node);
      }
    }
  }

  /** Builds tables ids[0..tables.length); a stage may return fewer tables than ids were reserved for it. */
  setTables(ids: readonly TableId[], tables: readonly DataStream<any>[]): void {
    if (ids.length < tables.length) throw new Error(`Graph: a stage returned ${tables.length} tables but only ${ids.length} table ids were reserved — raise GraphBuilder.setMaxOutputTableNum`);
    tables.forEach((table, i) => this.setTable(ids[i]!, table));
  }

  private setTable(id: TableId, table: DataStream<any>): void {
    if (this.tables.has(id.id)) throw new Error(`Graph: the table with id=${id} has already been constructed — each TableId may be produced once`);
    this.tables.set(id.id, table);
    for (const node of this.consumers.get(id.id) ?? []) {
      // why per occurrence: a node reading one table twice counted it twice
      const left = this.missingInputs.get(node)! - 1;
      if (left === 0) {
        this.missingInputs.delete(node);
        this.ready.push(node);
      } else this.missingInputs.set(node, left);
    }
  }

  getTables(ids: readonly TableId[]): DataStream<any>[] {
    return ids.map((id) => {
      const table = this.tables.get(id.id);
      if (table === undefined) throw new Error(`Graph: the table with id=${id} has not been constructed — is it an input of the graph, or the output of a stage in it?`);
      return table;
    });
  }

  /** The next node whose inputs are all built; null when all have run. */
  pollNextReadyNode(): GraphNode | null {
    if (this.ready.length === 0 && this.missingInputs.size > 0) {
      const stuck = [...this.missingInputs.keys()].map((n) => `${n.stage?.className ?? "?"} (node ${n.nodeId})`).join(", ");
      throw new Error(`Graph: no table can ever reach ${stuck} — some input TableId is neither a graph input nor a stage output, or the stages form a cycle`);
    }
    return this.ready.shift() ?? null;
  }
}

/**
 * Runs every node: an estimator node fits on its estimator inputs; a node with input model data gets it; then the
 * (fitted) operator transforms its inputs, and its model data is published when asked for. Returns the nodes as they
 * ran — fitted models in place of estimators — which is the GraphModel a Graph's fit returns.
 */
export function executeGraph(nodes: readonly GraphNode[], execution: GraphExecution): GraphNode[] {
  const ran: GraphNode[] = [];
  for (let node = execution.pollNextReadyNode(); node !== null; node = execution.pollNextReadyNode()) {
    let stage = node.stage!;
    if (node.stageType === "ESTIMATOR") {
      if (!(stage instanceof Estimator)) throw new Error(`Graph: node ${node.nodeId} (${stage.className}) was added as an estimator but is not one`);
      stage = stage.fit(...(execution.getTables(node.estimatorInputIds ?? node.algoOpInputIds) as DataStream<Row>[]));
    }
    if (node.inputModelDataIds !== null) asModel(stage, node).setModelData(...execution.getTables(node.inputModelDataIds));
    if (!(stage instanceof AlgoOperator)) throw new Error(`Graph: node ${node.nodeId} (${stage.className}) cannot transform — add estimators with addEstimator and the rest with addAlgoOperator`);
    execution.setTables(node.outputIds, stage.transform(...(execution.getTables(node.algoOpInputIds) as DataStream<Row>[])));
    if (node.outputModelDataIds !== null) execution.setTables(node.outputModelDataIds, asModel(stage, node).getModelData());
    ran.push({ ...node, stage, stageType: "ALGO_OPERATOR", estimatorInputIds: null });
  }
  if (ran.length !== nodes.length) throw new Error(`Graph: ${nodes.length - ran.length} of ${nodes.length} nodes did not run`);
  return ran;
}

function asModel(stage: unknown, node: GraphNode): Model {
  if (stage instanceof Model) return stage;
  throw new Error(`Graph: node ${node.nodeId} has model data set or fetched, but its stage is not a Model`);
}
