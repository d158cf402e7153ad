// AgglomerativeClustering (Flink ML's): bottom-up hierarchical clustering with ward, complete, average or single
// linkage by the nearest-neighbour chain. transform returns two tables: the rows with `prediction` — their cluster,
// numbered by first appearance — after the first n − numClusters merges (or every merge within distanceThreshold),
// and the merges { clusterId1, clusterId2, distance, sizeOfMergedCluster } in scipy's numbering (the cluster made by
// merge m is n + m; with computeFullTree, all n − 1 of them). The whole bounded input is clustered at once (Flink ML's
// default GlobalWindows), in one subtask; ward takes only the Euclidean distance.
import { OutputTag, type DataStream } from "../../runtime/index.js";
import { distanceMeasure } from "../common/distance/distance-measure.js";
import { DISTANCE_MEASURE, type DistanceMeasureName } from "../common/training-params.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { FEATURES_COL, PREDICTION_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { AgglomerativeClusteringOperator, type MergeInfo } from "./agglomerative/agglomerative-clustering-operator.js";
import { AGGLOMERATIVE_CLUSTERING_PARAMS, COMPUTE_FULL_TREE, DISTANCE_THRESHOLD, LINKAGE, type Linkage, NUM_CLUSTERS } from "./agglomerative-clustering-params.js";

export type { MergeInfo } from "./agglomerative/agglomerative-clustering-operator.js";

export class AgglomerativeClustering extends AlgoOperator {
  readonly className = "AgglomerativeClustering";

  constructor() {
    super();
    this.declareParams(...AGGLOMERATIVE_CLUSTERING_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getDistanceMeasure(): DistanceMeasureName { return this.get(DISTANCE_MEASURE) as DistanceMeasureName; }
  setDistanceMeasure(value: DistanceMeasureName): this { return this.set(DISTANCE_MEASURE, value); }
  getNumClusters(): number | null { return this.get(NUM_CLUSTERS); }
  setNumClusters(value: number | null): this { return this.set(NUM_CLUSTERS, value as number); }
  getDistanceThreshold(): number | null { return this.get(DISTANCE_THRESHOLD); }
  setDistanceThreshold(value: number | null): this { return this.set(DISTANCE_THRESHOLD, value as number); }
  getLinkage(): Linkage { return this.get(LINKAGE) as Linkage; }
  setLinkage(value: Linkage): this { return this.set(LINKAGE, value); }
  getComputeFullTree(): boolean { return this.get(COMPUTE_FULL_TREE); }
  setComputeFullTree(value: boolean): this { return this.set(COMPUTE_FULL_TREE, value); }

  transform<T extends Row>(...typed: DataStream<T>[]): DataStream<Row>[] {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const numClusters = this.getNumClusters();
    const distanceThreshold = this.getDistanceThreshold();
    if ((numClusters === null) === (distanceThreshold === null)) {
      throw new Error("AgglomerativeClustering: set exactly one of numClusters and distanceThreshold (set the other to null)");
    }
    if (numClusters !== null && numClusters < 1) throw new Error(`AgglomerativeClustering: numClusters must be at least 1, got ${numClusters}`);
    const linkage = this.getLinkage();
    const measure = this.getDistanceMeasure();
    if (linkage === "ward" && measure !== "euclidean") {
      throw new Error(`AgglomerativeClustering: ${measure} was provided as distance measure while linkage was ward — ward only works with euclidean`);
    }
    const env = inputs[0]!.getExecutionEnvironment();
    const mergeInfo = new OutputTag<MergeInfo>(`agglomerative-clustering-merges-${env.newId()}`);
    const settings = { featuresCol: this.getFeaturesCol(), predictionCol: this.getPredictionCol(), linkage, distance: distanceMeasure(measure), numClusters, distanceThreshold, computeFullTree: this.getComputeFullTree() };
    const name = "AgglomerativeClustering";
    const clustered = inputs[0]!
      .global()
      .transform<Row>(name, () => new AgglomerativeClusteringOperator(name, settings, mergeInfo))
      .setParallelism(1);
    return [clustered, clustered.getSideOutput(mergeInfo) as DataStream<unknown> as DataStream<Row>];
  }
}

registerStage("AgglomerativeClustering", () => new AgglomerativeClustering());
