// The operator behind AgglomerativeClustering, at parallelism 1: buffers the rows (the whole bounded input is one
// window), clusters them when the input ends, emits each row with its cluster and, on a side output, the merges.
import { AbstractStreamOperator, NO_TIMESTAMP, type OutputTag, type RecordBatch } from "../../../runtime/index.js";
import type { DistanceMeasure } from "../../common/distance/distance-measure.js";
import { rowNorms } from "../../common/distance/distance-measure.js";
import { vectorAt, withColumn } from "../../core/columns.js";
import type { Row } from "../../core/row.js";
import type { Linkage } from "../agglomerative-clustering-params.js";
import { labelPoints, nnChainMerges } from "./nn-chain.js";

export interface AgglomerativeSettings {
  readonly featuresCol: string;
  readonly predictionCol: string;
  readonly linkage: Linkage;
  readonly distance: DistanceMeasure;
  /** Exactly one of numClusters and distanceThreshold is set. */
  readonly numClusters: number | null;
  readonly distanceThreshold: number | null;
  readonly computeFullTree: boolean;
}

/** A row of the merge table (Flink ML's second output). */
export interface MergeInfo {
  readonly clusterId1: number;
  readonly clusterId2: number;
  readonly distance: number;
  readonly sizeOfMergedCluster: number;
}

export class AgglomerativeClusteringOperator extends AbstractStreamOperator<Row> {
  private rows: Row[] = [];

  constructor(
    name: string,
    private readonly settings: AgglomerativeSettings,
    private readonly mergeInfo: OutputTag<MergeInfo>,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>): void {
    for (let i = 0; i < batch.length; i++) this.rows.push(batch.values[i] as Row);
  }

  override endInput(): void {
    const rows = this.rows;
    this.rows = [];
    const n = rows.length;
    if (n === 0) return;
    const { featuresCol, predictionCol, linkage, distance, numClusters, distanceThreshold, computeFullTree } = this.settings;
    // 1. the points, flat, and their pairwise distances
    const dim = vectorAt(rows[0]!, featuresCol, "AgglomerativeClustering").size();
    const points = new Float64Array(n * dim);
    rows.forEach((row, i) => {
      const v = vectorAt(row, featuresCol, "AgglomerativeClustering").toDense().values;
      if (v.length !== dim) throw new Error(`AgglomerativeClustering: the points should all have the same dimension, got ${dim} and ${v.length}`);
      points.set(v, i * dim);
    });
    const norms = rowNorms(points, n, dim);
    const distances = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) distances[i * n + j] = distance.distance(points, i * dim, norms[i]!, points, j * dim, norms[j]!, dim);
    // 2. the dendrogram, cut after n − numClusters merges or at the threshold
    const merges = nnChainMerges(distances, n, linkage);
    const cut = distanceThreshold !== null ? merges.filter((m) => m.distance <= distanceThreshold).length : Math.max(0, n - numClusters!);
    const labels = labelPoints(merges, n, cut);
    // 3. the rows with their clusters, then the merges
    for (let i = 0; i < n; i++) this.output.collect(withColumn(rows[i]!, predictionCol, labels[i]), NO_TIMESTAMP);
    const shown = computeFullTree ? merges.length : cut;
    for (let i = 0; i < shown; i++) {
      const m = merges[i]!;
      this.output.collectSide(this.mergeInfo as OutputTag<unknown>, { clusterId1: m.cluster1, clusterId2: m.cluster2, distance: m.distance, sizeOfMergedCluster: m.size }, NO_TIMESTAMP);
    }
  }
}
