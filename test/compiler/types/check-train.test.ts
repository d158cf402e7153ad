// Checking `train Learner(…)` and `predict latest(m)`: the learner's name (with a hint), every setting's name, constancy
// and range, the feature and label columns against the records, the initial model's shape; the types of the
// model-version stream and of the scored records; and no cascade of errors after a bad training.
import test from "ava";
import type { PredictLatestOp, TrainOp } from "../../../compiler/ast/nodes.js";
import { printType } from "../../../compiler/types/print-type.js";
import { checksClean, checkText, PRELUDE, reports } from "../helpers/check.js";

const job = (body: string) => `${PRELUDE}schema P { id: string, xy: [float], n: float?, ts: timestamp }
source ps: P = collection([]) watermark ts delay 0s
sink models = collect()
job j {
${body}
}
`;
const LR = "txns | extend { y: 1 } | train OnlineLogisticRegression(";

test("an unknown learner is located on its name, with the closest one and the list of learners", (t) => {
  const d = reports(t, job("txns | train ⟦OnlineLogisticRegresion⟧(features: [amount]) | to models"), "FLOW2050");
  t.is(d?.hint, "did you mean `OnlineLogisticRegression`? `train` runs the online learners of ml/: OnlineLogisticRegression, OnlineKMeans");
  const far = reports(t, job("txns | train ⟦Perceptron⟧(features: [amount]) | to models"), "FLOW2050");
  t.is(far?.hint, "`train` runs the online learners of ml/: OnlineLogisticRegression, OnlineKMeans");
});

test("a setting the learner does not have, twice the same one, or a missing required one", (t) => {
  const d = reports(t, job(`${LR}features: [amount], label: y, ⟦decayFactor⟧: 0.5) | to models`), "FLOW2016");
  t.is(d?.hint, "parameters: features, label, weight, batch, alpha, beta, reg, elasticNet, initial");
  reports(t, job(`${LR}features: [amount], label: y, batch: 3, ⟦batch: 4⟧) | to models`), "FLOW2018");
  reports(t, job(`txns | extend { y: 1 } | train ⟦OnlineLogisticRegression⟧(features: [amount]) | to models`), "FLOW3004");
  reports(t, job("ps | train ⟦OnlineKMeans⟧(features: xy) | to models"), "FLOW3004");
});

test("settings are constants in their range (Flink ML's checks): batch ≥ 1 and an integer, alpha > 0, beta, reg ≥ 0, elasticNet and decayFactor in [0, 1]", (t) => {
  const cases: [string, string][] = [
    ["batch: ⟦0⟧", "FLOW3050"], ["batch: ⟦-3⟧", "FLOW3050"], ["batch: ⟦2.5⟧", "FLOW3051"], ["alpha: ⟦0.0⟧", "FLOW3050"],
    ["beta: ⟦-0.1⟧", "FLOW3050"], ["reg: ⟦-1⟧", "FLOW3050"], ["elasticNet: ⟦1.5⟧", "FLOW3050"], ["alpha: ⟦amount⟧", "FLOW3051"], ["alpha: ⟦\"big\"⟧", "FLOW3051"],
  ];
  for (const [setting, code] of cases) reports(t, job(`${LR}features: [amount], label: y, ${setting}) | to models`), code);
  const d = reports(t, job(`${LR}features: [amount], label: y, elasticNet: ⟦1.5⟧) | to models`), "FLOW3050");
  t.is(d?.message, "`elasticNet` of `OnlineLogisticRegression` must be between 0 and 1, found 1.5");
  reports(t, job("ps | train OnlineKMeans(features: xy, initial: [[0.0, 0.0]], decayFactor: ⟦2.0⟧) | to models"), "FLOW3050");
  checksClean(t, job(`${LR}features: [amount], label: y, batch: 1, alpha: 1e-9, beta: 0.0, reg: 0.0, elasticNet: 1.0) | to models`));
});

test("features are numeric fields or one [float] field, located at the name that is wrong", (t) => {
  const missing = reports(t, job(`${LR}features: [amount, ⟦amont⟧], label: y) | to models`), "FLOW3052");
  t.regex(missing?.hint ?? "", /did you mean `amount`\?/);
  reports(t, job(`${LR}features: [⟦country⟧], label: y) | to models`), "FLOW3053");
  reports(t, job("ps | extend { y: 1 } | train OnlineLogisticRegression(features: [⟦n⟧], label: y) | to models"), "FLOW3053");
  reports(t, job(`${LR}features: [⟦amount * 2.0⟧], label: y) | to models`), "FLOW3055");
  reports(t, job(`${LR}features: ⟦[]⟧, label: y) | to models`), "FLOW3055");
  reports(t, job(`${LR}features: [amount], label: ⟦country⟧) | to models`), "FLOW3053");
  reports(t, job(`${LR}features: [amount], label: y, weight: ⟦wt⟧) | to models`), "FLOW3052");
  checksClean(t, job(`${LR}features: amount, label: y) | to models`));
});

test("the initial model must fit the features: as many coefficients, centroids of their length, one weight per centroid", (t) => {
  reports(t, job(`${LR}features: [amount], label: y, initial: ⟦[0.0, 1.0]⟧) | to models`), "FLOW3054");
  reports(t, job(`${LR}features: [amount], label: y, initial: ⟦[amount]⟧) | to models`), "FLOW3054");
  // a vector field's length is not known when compiling: the coefficients must be given
  reports(t, job("ps | extend { y: 1 } | train OnlineLogisticRegression(features: ⟦xy⟧, label: y) | to models"), "FLOW3054");
  reports(t, job("ps | train OnlineKMeans(features: xy, initial: ⟦[[0.0], [1.0, 2.0]]⟧) | to models"), "FLOW3054");
  reports(t, job("ps | train OnlineKMeans(features: xy, initial: ⟦[]⟧) | to models"), "FLOW3054");
  reports(t, job("txns | train OnlineKMeans(features: [amount], initial: ⟦[[0.0, 1.0]]⟧) | to models"), "FLOW3054");
  reports(t, job("ps | train OnlineKMeans(features: xy, initial: [[0.0, 0.0], [1.0, 1.0]], weights: ⟦[1.0]⟧) | to models"), "FLOW3054");
  reports(t, job("ps | train OnlineKMeans(features: xy, initial: [[0.0, 0.0]], weights: ⟦[-1.0]⟧) | to models"), "FLOW3054");
});

test("the model-version stream is typed by the learner, and `predict latest` adds Flink ML's columns to the records it scores", (t) => {
  const result = checksClean(t, job(`let m = txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y)
  let c = ps | train OnlineKMeans(features: xy, initial: [[0.0, 0.0], [1.0, 1.0]])
  m | to models
  txns | keyBy account | predict latest(m) | to out
  ps | predict latest(c) | map { id, prediction } | to out2`).replace("sink models = collect()", "sink models = collect()\nsink out2 = collect()"));
  const jobDecl = result.program!.declarations.find((d) => d.kind === "JobDecl")!;
  const ops = (jobDecl.kind === "JobDecl" ? jobDecl.items : []).flatMap((i) => (i.kind === "LetStatement" ? i.pipeline.operators : i.kind === "Pipeline" ? i.operators : []));
  const trains = ops.filter((o): o is TrainOp => o.kind === "TrainOp");
  t.is(printType(trains[0]!.flow!.output), "{ coefficient: [float], modelVersion: int }");
  t.is(printType(trains[1]!.flow!.output), "{ centroids: [[float]], weights: [float], modelVersion: int }");
  const scoring = ops.filter((o): o is PredictLatestOp => o.kind === "PredictLatestOp");
  t.is(printType(scoring[0]!.flow!.output), "{ id: string, account: string, amount: float, country: string, ts: timestamp, prediction: float, rawPrediction: [float], modelVersion: int }");
  t.is(scoring[0]!.flow!.outputKey?.fields[0]?.name, "account", "the key flows through");
  t.is(printType(scoring[1]!.flow!.output), "{ id: string, xy: [float], n: float?, ts: timestamp, prediction: int }");
});

test("`predict latest` checks the scored records have the training's features, with a note at them, and takes only a trained stream", (t) => {
  const missing = reports(t, job(`let m = txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y)
  txns | map { id } | ⟦predict latest(m)⟧ | to out`), "FLOW3052");
  t.is(missing?.message, "feature `amount` of model `m` is not a field of the records: they have { id: string }");
  t.is(missing?.notes?.[0]?.message, "the model `m` is trained on these features");
  reports(t, job(`let m = txns | extend { y: 1 } | train OnlineLogisticRegression(features: [amount], label: y)
  txns | extend { amount: "x" } | ⟦predict latest(m)⟧ | to out`), "FLOW3053");
  reports(t, job("let m = txns | filter amount > 0.0\n  txns | predict latest(⟦m⟧) | to out"), "FLOW2051");
  reports(t, job("txns | predict latest(⟦txns⟧) | to out"), "FLOW2051");
  reports(t, job("txns | predict latest(⟦nope⟧) | to out"), "FLOW2003");
});

test("a training with errors reports them once: its users see no type mismatch", (t) => {
  const source = job(`let m = txns | train Nope(features: [amount])
  m | map { modelVersion } | to models`);
  reports(t, source, "FLOW2050");
  t.deepEqual(checkText(source).diagnostics.filter((d) => d.severity === "error").map((d) => d.code), ["FLOW2050"]);
});
