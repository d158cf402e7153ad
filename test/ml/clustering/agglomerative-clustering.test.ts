// AgglomerativeClustering is Flink ML's nearest-neighbour-chain clustering: on 80 points in 4 blobs its labels equal
// scikit-learn's AgglomerativeClustering (numbered by first appearance) for ward, complete, average/Manhattan and
// single/cosine, cut by numClusters or by distanceThreshold, and its merge table equals scipy's linkage matrix.
import assert from "node:assert/strict";
import test from "ava";
import { AgglomerativeClustering, type MergeInfo } from "../../../ml/clustering/agglomerative-clustering.js";
import type { Linkage } from "../../../ml/clustering/agglomerative-clustering-params.js";
import type { DistanceMeasureName } from "../../../ml/common/training-params.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { env, fixture, table } from "../fixtures/train/fixtures.js";

interface Case { linkage: Linkage; distanceMeasure: DistanceMeasureName; labels: number[]; threshold: number; thresholdLabels: number[]; merges: [number, number, number, number][] }
const { data, cases } = fixture<{ data: number[][]; cases: Case[] }>("agglomerative-clustering");
const rows: Row[] = data.map((x, id) => ({ id, features: new DenseVector(Float64Array.from(x)) }));

async function run(stage: AgglomerativeClustering): Promise<{ labels: number[]; merges: MergeInfo[] }> {
  // why p=1: clusters are numbered by first appearance, so the rows must arrive in the fixture's order
  let e = env(1);
  const labels = (await stage.transform(table(e, rows))[0]!.executeAndCollect()).map((r) => r["prediction"] as number);
  e = env(1);
  const merges = (await stage.transform(table(e, rows))[1]!.executeAndCollect()) as unknown as MergeInfo[];
  return { labels, merges };
}

for (const c of cases) {
  test(`${c.linkage} linkage, ${c.distanceMeasure}: labels and merges equal scikit-learn's and scipy's`, async (t) => {
    const stage = new AgglomerativeClustering().setLinkage(c.linkage).setDistanceMeasure(c.distanceMeasure).setNumClusters(4).setComputeFullTree(true);
    const { labels, merges } = await run(stage);
    t.deepEqual(labels, c.labels);
    t.is(merges.length, data.length - 1);
    merges.forEach((m, i) => {
      const [a, b, d, size] = c.merges[i]!;
      assert.deepStrictEqual([m.clusterId1, m.clusterId2, m.sizeOfMergedCluster], [Math.min(a, b), Math.max(a, b), size], `merge ${i}`);
      assert.ok(Math.abs(m.distance - d) <= 1e-9 * Math.max(1, d), `merge ${i} distance ${m.distance} vs ${d}`);
    });
    const byThreshold = await run(new AgglomerativeClustering().setLinkage(c.linkage).setDistanceMeasure(c.distanceMeasure).setNumClusters(null).setDistanceThreshold(c.threshold));
    t.deepEqual(byThreshold.labels, c.thresholdLabels);
    t.is(byThreshold.merges.length, data.length - (Math.max(...c.thresholdLabels) + 1), "without computeFullTree, only the merges made");
  });
}

test("exactly one of numClusters and distanceThreshold; ward needs the Euclidean distance", (t) => {
  const e = env(1);
  t.throws(() => new AgglomerativeClustering().setDistanceThreshold(1).transform(table(e, rows)), { message: /exactly one of numClusters and distanceThreshold/ });
  t.throws(() => new AgglomerativeClustering().setDistanceMeasure("cosine").transform(table(e, rows)), { message: /ward only works with euclidean/ });
  t.throws(() => new AgglomerativeClustering().setLinkage("centroid" as Linkage), { message: /linkage/ });
});
