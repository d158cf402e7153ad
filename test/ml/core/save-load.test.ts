// save(path) / load(env, path) in Flink ML's layout, for stages, models, Pipeline and PipelineModel; and the
// property that a loaded stage gives the outputs the saved one gave.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import fc from "fast-check";
import {
  IDFModel, loadStage, MinMaxScaler, Normalizer, Pipeline, PipelineModel, PolynomialExpansion, type Row, StandardScaler, StandardScalerModel, Stage, Vectors,
} from "../../../ml/index.js";
import { byId, column, env, vectorRows } from "../helpers/oracle.js";

const dir = () => mkdtempSync(join(tmpdir(), "eddy-ml-"));
const train = vectorRows([[1, 10], [2, 0], [4, 5], [7, -3]]);
const test_ = vectorRows([[0, 0], [3, 3], [8, 8]]);

test("a stage's metadata file holds its class name and every param (Flink ML's layout)", async (t) => {
  const path = join(dir(), "normalizer");
  await new Normalizer().setP(3).setOutputCol("n").save(path);
  const metadata = JSON.parse(readFileSync(join(path, "metadata"), "utf8"));
  t.is(metadata.className, "Normalizer");
  t.deepEqual(metadata.paramMap, { inputCol: "input", outputCol: "n", p: 3 });
  t.is(typeof metadata.timestamp, "number");
  const loaded = await Normalizer.load(env(), path);
  t.is(loaded.getP(), 3);
  t.is(loaded.getOutputCol(), "n");
});

test("a model saves its data under data/ and loads back giving the same outputs", async (t) => {
  const path = join(dir(), "scaler");
  const e = env(2);
  const model = new StandardScaler().setWithMean(true).fit(e.fromCollection(train));
  const before = byId(await model.transform(e.fromCollection(test_))[0]!.executeAndCollect());
  await model.save(path);
  t.deepEqual(readdirSync(join(path, "data")), ["part-0"]);
  const e2 = env();
  const loaded = await StandardScalerModel.load(e2, path);
  t.true(loaded.getWithMean());
  const after = byId(await loaded.transform(e2.fromCollection(test_))[0]!.executeAndCollect());
  t.deepEqual(column(after, "output"), column(before, "output"));
});

test("load checks the saved class and says what is there", async (t) => {
  const path = join(dir(), "n");
  await new Normalizer().save(path);
  await t.throwsAsync(StandardScaler.load(env(), path), { message: /holds a saved Normalizer, not a StandardScaler/ });
  await t.throwsAsync(loadStage(env(), join(dir(), "nothing")), { message: /cannot be read — is this a path a stage was saved to\?/ });
  await t.throwsAsync(new Normalizer().save(path), { message: /a stage is already saved there/ });
});

test("a Pipeline saves its stages under stages/<i> and loads back as the same stages", async (t) => {
  const path = join(dir(), "pipeline");
  const pipeline = new Pipeline([new StandardScaler().setOutputCol("s"), new Normalizer().setInputCol("s").setP(1)]);
  await pipeline.save(path);
  t.deepEqual(readdirSync(join(path, "stages")), ["0", "1"]);
  t.is(JSON.parse(readFileSync(join(path, "metadata"), "utf8")).numStages, 2);
  const loaded = await Pipeline.load(env(), path);
  t.deepEqual(loaded.getStages().map((s) => s.className), ["StandardScaler", "Normalizer"]);
  t.is((loaded.getStages()[1] as Normalizer).getP(), 1);
});

test("a PipelineModel round-trips: the loaded one and its servable give the outputs of the fitted one", async (t) => {
  const path = join(dir(), "pipeline-model");
  const e = env(2);
  const pipeline = new Pipeline([
    new MinMaxScaler().setOutputCol("mm"),
    new PolynomialExpansion().setInputCol("mm").setOutputCol("poly"),
    new StandardScaler().setInputCol("poly").setOutputCol("out").setWithMean(true),
  ]);
  const model = pipeline.fit(e.fromCollection(train));
  const before = byId(await model.transform(e.fromCollection(test_))[0]!.executeAndCollect());
  await model.save(path);
  const e2 = env(3);
  const loaded = await PipelineModel.load(e2, path);
  const after = byId(await loaded.transform(e2.fromCollection(test_))[0]!.executeAndCollect());
  t.deepEqual(column(after, "out"), column(before, "out"));
  const { PipelineModelServable } = await import("../../../ml/index.js");
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(column(servable.transform(test_), "out"), column(before, "out"));
});

test("Stage.load is typed by the class it is called on", async (t) => {
  const path = join(dir(), "idf-model");
  const e = env();
  await new (await import("../../../ml/index.js")).IDF().fit(e.fromCollection(train)).save(path);
  const loaded: IDFModel = await IDFModel.load(env(), path);
  t.true(loaded instanceof Stage);
});

test("property: save → load gives identical outputs for any training data", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 20 }),
      fc.boolean(),
      async (matrix, withMean) => {
        const path = join(dir(), "m");
        const e = env(2);
        const rows: Row[] = vectorRows(matrix);
        const model = new StandardScaler().setWithMean(withMean).fit(e.fromCollection(rows));
        const before = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
        await model.save(path);
        const e2 = env();
        const after = byId(await (await StandardScalerModel.load(e2, path)).transform(e2.fromCollection(rows))[0]!.executeAndCollect());
        return JSON.stringify(column(after, "output")) === JSON.stringify(column(before, "output"));
      },
    ),
    { numRuns: 15 },
  );
  t.pass();
});

test("model data with non-finite numbers survives save and load", async (t) => {
  const path = join(dir(), "nan");
  const e = env();
  const model = new StandardScalerModel().setModelData(e.fromCollection([{ mean: Vectors.dense(NaN, 1), std: Vectors.dense(Infinity, 2) }]));
  await model.save(path);
  const e2 = env();
  const data = await (await StandardScalerModel.load(e2, path)).getModelData()[0]!.executeAndCollect();
  t.true(Number.isNaN(data[0].mean.get(0)));
  t.is(data[0].std.get(0), Infinity);
});
