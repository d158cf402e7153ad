// Pipeline and PipelineModel: fitting estimators on the outputs of the stages before them, and the property that a
// pipeline equals its stages applied one by one.
import test from "ava";
import fc from "fast-check";
import { MaxAbsScaler, Normalizer, Pipeline, PipelineModel, type Row, StandardScaler, StandardScalerModel, type StandardScalerModelData, Vectors } from "../../../ml/index.js";
import { byId, closeTo, column, env, vectorRows } from "../helpers/oracle.js";

test("fit fits each estimator on the previous stages' output and keeps the other stages", async (t) => {
  const e = env();
  const rows = vectorRows([[3, 4], [6, 8], [0, 5]]);
  const model = new Pipeline([new Normalizer().setOutputCol("n"), new StandardScaler().setInputCol("n").setOutputCol("s")]).fit(e.fromCollection(rows));
  t.deepEqual(model.getStages().map((s) => s.className), ["Normalizer", "StandardScalerModel"]);
  const [data] = (await (model.getStages()[1] as StandardScalerModel).getModelData()[0]!.executeAndCollect()) as StandardScalerModelData[];
  // the scaler saw the normalised rows (0.6, 0.8), (0.6, 0.8), (0, 1): mean (0.4, 0.8667)
  t.true(Math.abs(data!.mean.get(0) - 0.4) < 1e-12);
  t.true(Math.abs(data!.mean.get(1) - 2.6 / 3) < 1e-12);
});

test("a stage that is neither an estimator nor an operator is refused", (t) => {
  t.throws(() => new Pipeline([new PipelineModel(), {} as never]), { message: /stage 1/ });
});

test("property: a fitted pipeline's output equals fitting and transforming stage by stage", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 15 }), fc.integer({ min: 1, max: 3 }), async (matrix, parallelism) => {
      const rows: Row[] = vectorRows(matrix.map(([a, b]) => [a!, b! + 0.5]));
      const stages = () => [new MaxAbsScaler().setOutputCol("a"), new StandardScaler().setInputCol("a").setOutputCol("b").setWithMean(true), new Normalizer().setInputCol("b").setP(1)] as const;
      const e = env(parallelism);
      const piped = byId(await new Pipeline([...stages()]).fit(e.fromCollection(rows)).transform(e.fromCollection(rows))[0]!.executeAndCollect());

      const [maxAbs, scaler, normalizer] = stages();
      const e2 = env(1);
      const a = maxAbs.fit(e2.fromCollection(rows)).transform(e2.fromCollection(rows))[0]!;
      const b = scaler.fit(a).transform(a)[0]!;
      const oneByOne = byId(await normalizer.transform(b)[0]!.executeAndCollect());
      // why a tolerance: with several subtasks the partial sums merge in another order, which moves the last bits
      return closeTo(column(piped, "output"), column(oneByOne, "output"), 1e-9);
    }),
    { numRuns: 12 },
  );
  t.pass();
});

test("rows that arrive before the model data are buffered and come out in order", async (t) => {
  const e = env();
  const model = new StandardScaler().fit(e.fromCollection(vectorRows([[1], [3]])));
  const many = Array.from({ length: 2000 }, (_, id) => ({ id, input: Vectors.dense(id) }));
  const out = await model.transform(e.fromCollection<Row>(many))[0]!.executeAndCollect();
  t.deepEqual(out.map((r) => r["id"]), many.map((r) => r.id));
});
