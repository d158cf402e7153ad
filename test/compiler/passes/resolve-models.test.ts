// resolve-models reads a saved model's metadata (Flink ML's layout) relative to the .flow file, follows a
// PipelineModel's stages, and reports what it cannot read or check.
import test from "ava";
import { check } from "../../../compiler/index.js";
import type { PredictOp } from "../../../compiler/ast/nodes.js";
import { visit } from "../../../compiler/ast/visit.js";
import { memoryHost, reports } from "../helpers/check.js";

const metadata = (className: string, paramMap: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, className, timestamp: 0, paramMap });
const SCALER = metadata("StandardScalerModel", { inputCol: "features", outputCol: "scaled" });

const job = (path: string) => `schema In { features: [float], ts: timestamp }
source xs: In = collection([]) watermark ts delay 0s
sink out = collect()
job j { xs | predict model(${path}) | to out }
`;

function modelOf(source: string, fileName: string, files: Record<string, string>): PredictOp["model"] {
  const result = check(source, fileName, { host: memoryHost(files) });
  let model: PredictOp["model"];
  visit(result.program!, { PredictOp: (p) => void (model = p.model) });
  return model;
}

test("the path is relative to the .flow file", (t) => {
  const model = modelOf(job(`"../models/scaler"`), "jobs/main.flow", { "models/scaler/metadata": SCALER });
  t.is(model?.className, "StandardScalerModel");
  t.deepEqual(model?.stages.map((s) => s.className), ["StandardScalerModel"]);
  t.true(model!.dir.endsWith("/models/scaler") && model!.dir.startsWith("/"), "the job loads it from an absolute path");
});

test("a pipeline's stages are read from stages/<i>, i zero-padded to the width of the stage count (here 11 → 00…10)", (t) => {
  const files: Record<string, string> = { "p/metadata": metadata("PipelineModel", {}, { numStages: 11 }) };
  for (let i = 0; i < 11; i++) files[`p/stages/${String(i).padStart(2, "0")}/metadata`] = metadata("Normalizer", { inputCol: "features", outputCol: `n${i}` });
  const model = modelOf(job(`"p"`), "main.flow", files);
  t.deepEqual(model?.stages.map((s) => s.writes[0]!.name), Array.from({ length: 11 }, (_, i) => `n${i}`));
});

test("a pipeline inside a pipeline is flattened in order", (t) => {
  const files = {
    "p/metadata": metadata("PipelineModel", {}, { numStages: 2 }),
    "p/stages/0/metadata": metadata("PipelineModel", {}, { numStages: 1 }),
    "p/stages/0/stages/0/metadata": SCALER,
    "p/stages/1/metadata": metadata("KMeansModel", { featuresCol: "scaled", predictionCol: "cluster" }),
  };
  t.deepEqual(modelOf(job(`"p"`), "main.flow", files)?.stages.map((s) => s.className), ["StandardScalerModel", "KMeansModel"]);
});

test("unreadable models: no directory, metadata that is not JSON, a metadata without className, a pipeline missing a stage", (t) => {
  reports(t, job(`⟦"gone"⟧`), "FLOW2040");
  const notJson = reports(t, job(`⟦"m"⟧`), "FLOW2040", { "m/metadata": "{ nope" });
  t.regex(notJson!.message, /m\/metadata is not JSON/);
  const noClass = reports(t, job(`⟦"m"⟧`), "FLOW2040", { "m/metadata": "{}" });
  t.regex(noClass!.message, /has no className/);
  const partial = reports(t, job(`⟦"p"⟧`), "FLOW2040", { "p/metadata": metadata("PipelineModel", {}, { numStages: 2 }), "p/stages/0/metadata": SCALER });
  t.regex(partial!.message, /stage 1 of the PipelineModel: p\/stages\/1\/metadata cannot be read/);
});

test("an estimator saved unfitted, or a stage predict cannot check, is refused with the list of what it can", (t) => {
  const d = reports(t, job(`⟦"est"⟧`), "FLOW2041", { "est/metadata": metadata("LogisticRegression", {}) });
  t.regex(d!.message, /holds a `LogisticRegression`, which `predict` cannot check/);
  t.regex(d!.hint ?? "", /LogisticRegressionModel/);
});
