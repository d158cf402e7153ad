// KBinsDiscretizer against scripts/ml/fixtures_stages.py: Flink ML's edges re-implemented in numpy, and
// scikit-learn's KBinsDiscretizer(encode="ordinal") where Flink ML's definition agrees with it (uniform; quantile on
// iris); Flink ML's documented corner cases by hand; save, load and serve.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { KBinsDiscretizer, KBinsDiscretizerModel, type KBinsDiscretizerModelData, type KBinsStrategy, PipelineModelServable, type Row, Vectors } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

interface KBinsCase {
  numBins: number;
  strategy: KBinsStrategy;
  edges: number[][];
  output: number[][];
  sklearnOutput: number[][];
  outputAgreesWithSklearn: boolean;
  edgesCloseToSklearn?: boolean;
  sklearnKMeansFromFlinkInitAgrees?: (boolean | null)[];
}
const fx = fixture<Record<"iris" | "wine", { input: number[][]; cases: KBinsCase[] }> & { small: { input: number[][] } }>("kbins-discretizer");

async function fitAndTransform(input: number[][], configure: (k: KBinsDiscretizer) => KBinsDiscretizer, parallelism = 2) {
  const e = env(parallelism);
  const model = configure(new KBinsDiscretizer()).fit(e.fromCollection(vectorRows(input)));
  const out = byId(await model.transform(e.fromCollection(vectorRows(input)))[0]!.executeAndCollect());
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as KBinsDiscretizerModelData[];
  return { out, data: data! };
}

for (const dataset of ["iris", "wine"] as const) {
  for (const c of fx[dataset].cases) {
    test(`${dataset}, ${c.strategy}, ${c.numBins} bins: Flink ML's edges and bins`, async (t) => {
      const { out, data } = await fitAndTransform(fx[dataset].input, (k) => k.setStrategy(c.strategy).setNumBins(c.numBins), 3);
      assertClose(t, data.binEdges, c.edges, 1e-12, "binEdges");
      t.deepEqual(column(out, "output"), c.output);
      // the oracle is independent of Eddy: scikit-learn agrees where the definitions agree
      if (c.strategy === "uniform") t.true(c.outputAgreesWithSklearn && c.edgesCloseToSklearn === true, "uniform is scikit-learn's strategy");
      if (c.strategy === "quantile" && dataset === "iris") t.deepEqual(column(out, "output"), c.sklearnOutput);
      if (c.strategy === "kmeans") t.true(c.sklearnKMeansFromFlinkInitAgrees!.some((same) => same === true), "scikit-learn's KMeans from Flink ML's start reaches these centroids");
    });
  }
}

test("wine quantile differs from scikit-learn (index quantiles against interpolated percentiles), as documented", (t) => {
  t.false(fx.wine.cases.find((c) => c.strategy === "quantile")!.outputAgreesWithSklearn);
});

test("a constant feature has edges (-inf, inf) and bin 0; kmeans with fewer distinct values than bins falls back to uniform", async (t) => {
  for (const strategy of ["uniform", "quantile", "kmeans"] as const) {
    const { out, data } = await fitAndTransform(fx.small.input, (k) => k.setStrategy(strategy).setNumBins(3), 1);
    t.deepEqual(data.binEdges[1], [-Infinity, Infinity], strategy);
    t.deepEqual(column(out, "output").map((v) => (v as number[])[1]), [0, 0, 0, 0, 0], strategy);
  }
  // column 0 = {0, 1, 1, 2, 2}: 3 distinct values, not more than 3 bins → uniform edges 0, 2/3, 4/3, 2
  const { data } = await fitAndTransform(fx.small.input, (k) => k.setStrategy("kmeans").setNumBins(3), 1);
  assertClose(t, data.binEdges[0], [0, 2 / 3, 4 / 3, 2], 1e-15);
});

test("quantile edges {0,1,1,2,2} become {0,1,1.5,1.75,2} (Flink ML's documented example)", async (t) => {
  const { out, data } = await fitAndTransform([0, 0, 1, 1, 1, 1, 2, 2].map((v) => [v]), (k) => k.setNumBins(4), 2);
  t.deepEqual(data.binEdges, [[0, 1, 1.5, 1.75, 2]]);
  t.deepEqual(column(out, "output"), [[0], [0], [1], [1], [1], [1], [3], [3]]);
});

test("values outside the edges go to the closest bin; a value on an edge starts its bin (Flink ML's example {-1, 0, 1})", async (t) => {
  const e = env();
  const model = new KBinsDiscretizerModel().setModelData(e.fromCollection([{ binEdges: [[-1, 0, 1]] }]));
  const rows = [-2, -1, -0.5, 0, 0.5, 1, 2].map((v, id) => ({ id, input: Vectors.dense(v) }));
  const out = byId(await model.transform(e.fromCollection<Row>(rows))[0]!.executeAndCollect());
  t.deepEqual(column(out, "output"), [[0], [0], [0], [1], [1], [1], [1]]);
});

test("subSamples: the sample does not depend on the parallelism, and a sample of every row is the whole table", async (t) => {
  const input = fx.wine.input;
  const sampled1 = await fitAndTransform(input, (k) => k.setSubSamples(50), 1);
  const sampled3 = await fitAndTransform(input, (k) => k.setSubSamples(50), 3);
  t.deepEqual(sampled1.data.binEdges, sampled3.data.binEdges);
  const full = fx.wine.cases.find((c) => c.strategy === "quantile")!;
  const everything = await fitAndTransform(input, (k) => k.setNumBins(full.numBins).setSubSamples(input.length), 2);
  assertClose(t, everything.data.binEdges, full.edges, 1e-12);
  const fewer = await fitAndTransform(input, (k) => k.setNumBins(full.numBins).setSubSamples(50), 2);
  t.notDeepEqual(fewer.data.binEdges, full.edges, "50 of 178 rows give other quantiles");
});

test("params: Flink ML's defaults and validation", (t) => {
  const k = new KBinsDiscretizer();
  t.is(k.getStrategy(), "quantile");
  t.is(k.getNumBins(), 5);
  t.is(k.getSubSamples(), 200000);
  t.throws(() => k.setNumBins(1), { message: /parameter 'numBins' is given an invalid value 1: it must be >= 2/ });
  t.throws(() => k.setStrategy("median" as KBinsStrategy), { message: /'strategy'.*one of "uniform", "quantile", "kmeans"/ });
});

test("an empty training set fails and says so", async (t) => {
  const e = env();
  const model = new KBinsDiscretizer().fit(e.fromCollection<Row>([]));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /training set is empty/ });
});

test("save, load and serve give the same bins as the fitted model (infinite edges survive)", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-kbins-")), "model");
  const e = env();
  const input = fx.small.input;
  const model = new KBinsDiscretizer().setStrategy("uniform").setNumBins(3).setOutputCol("bins").fit(e.fromCollection(vectorRows(input)));
  await model.save(path);
  const e2 = env();
  const loaded = await KBinsDiscretizerModel.load(e2, path);
  const out = byId(await loaded.transform(e2.fromCollection(vectorRows(input)))[0]!.executeAndCollect());
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(column(servable.transform(vectorRows(input)), "bins"), column(out, "bins"));
  t.deepEqual(column(out, "bins"), [[0, 0, 0], [1, 0, 0], [1, 0, 0], [2, 0, 0], [2, 0, 2]]);
});
