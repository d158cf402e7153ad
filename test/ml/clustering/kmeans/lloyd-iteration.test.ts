// Where KMeans' points go: the Lloyd operator caches them in the subtask that read them (a forward edge, as Flink ML's
// KMeansIterationBody), so on the pool no point crosses workers; only centroids (broadcast) and per-cluster sums (to
// the merger) do.
import test from "ava";
import { KMeans, type KMeansModelData } from "../../../../ml/clustering/kmeans.js";
import type { Row } from "../../../../ml/core/row.js";
import { DenseVector } from "../../../../ml/linalg/dense-vector.js";
import { StreamExecutionEnvironment, type StreamNode } from "../../../../runtime/index.js";

function lloydOperator(parallelism: number): StreamNode {
  const env = new StreamExecutionEnvironment().setParallelism(parallelism);
  const rows = env.fromSequence(0, 99).map<Row>((i) => ({ features: new DenseVector(Float64Array.of(i % 7, i % 3)) }), "rows");
  const init = env.fromCollection<KMeansModelData>([{ centroids: [new DenseVector(Float64Array.of(0, 0)), new DenseVector(Float64Array.of(5, 2))], weights: new DenseVector(2) }]);
  new KMeans().setK(2).setMaxIter(3).setInitialModelData(init).fit(rows).getModelData()[0]!.print();
  const node = env.getStreamGraph().nodes.find((n) => n.name === "KMeans: assign points and sum clusters");
  if (node === undefined) throw new Error("no Lloyd operator in the graph");
  return node;
}

for (const parallelism of [1, 2, 3]) {
  test(`p=${parallelism}: the points reach the Lloyd operator on a forward edge, the centroids by broadcast`, (t) => {
    const node = lloydOperator(parallelism);
    const points = node.inEdges.filter((e) => e.targetInput === 0);
    const centroids = node.inEdges.filter((e) => e.targetInput === 1);
    t.deepEqual(points.map((e) => e.partitioner.kind), ["forward"]);
    t.is(points[0]!.source.parallelism, parallelism);
    t.deepEqual(centroids.map((e) => e.partitioner.kind), ["broadcast"]);
  });
}
