// The compiler's table of online learners (compiler/types/online-learners.ts) stays equal to ml/: the defaults it fills
// in are the estimators' own (Flink ML's), and the columns `predict latest` adds are the models' default columns.
import test from "ava";
import { LEARNERS } from "../../../compiler/types/online-learners.js";
import { OnlineKMeans, OnlineKMeansModel, OnlineLogisticRegression, OnlineLogisticRegressionModel } from "../../../ml/index.js";

const defaults = (name: "OnlineLogisticRegression" | "OnlineKMeans") => Object.fromEntries(LEARNERS.get(name)!.numeric.map((p) => [p.name, p.defaultValue]));
const columns = (name: "OnlineLogisticRegression" | "OnlineKMeans") => LEARNERS.get(name)!.predictionColumns.map((c) => c.name);

test("OnlineLogisticRegression: the table's defaults and prediction columns are ml/'s", (t) => {
  const lr = new OnlineLogisticRegression();
  t.deepEqual(defaults("OnlineLogisticRegression"), { batch: lr.getGlobalBatchSize(), alpha: lr.getAlpha(), beta: lr.getBeta(), reg: lr.getReg(), elasticNet: lr.getElasticNet() });
  const model = new OnlineLogisticRegressionModel();
  t.deepEqual(columns("OnlineLogisticRegression"), [model.getPredictionCol(), model.getRawPredictionCol(), model.getModelVersionCol()]);
});

test("OnlineKMeans: the table's defaults and prediction column are ml/'s", (t) => {
  const kmeans = new OnlineKMeans();
  t.deepEqual(defaults("OnlineKMeans"), { batch: kmeans.getGlobalBatchSize(), decayFactor: kmeans.getDecayFactor() });
  t.deepEqual(columns("OnlineKMeans"), [new OnlineKMeansModel().getPredictionCol()]);
});
