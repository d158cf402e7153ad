// The record type flowing into `predict model("…")` is checked against what each stage of the saved model reads, and
// the record coming out is the input plus what the stages add. Models are given as their metadata files (what ml/
// writes), in an in-memory file system.
import test from "ava";
import type { PredictOp } from "../../../compiler/ast/nodes.js";
import { visit } from "../../../compiler/ast/visit.js";
import { printTypeStructure } from "../../../compiler/types/print-type.js";
import { checksClean, checkText, reports } from "../helpers/check.js";

const metadata = (className: string, paramMap: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...extra, className, timestamp: 0, paramMap });

const LR = metadata("LogisticRegressionModel", { featuresCol: "features", predictionCol: "prediction", rawPredictionCol: "rawPrediction" });
/** VectorAssembler(a, b → features), then a LogisticRegressionModel reading `features` and predicting `label`. */
const ASSEMBLED = {
  "m/metadata": metadata("PipelineModel", {}, { numStages: 2 }),
  "m/stages/0/metadata": metadata("VectorAssembler", { inputCols: ["a", "b"], outputCol: "features", handleInvalid: "error" }),
  "m/stages/1/metadata": metadata("LogisticRegressionModel", { featuresCol: "features", predictionCol: "label", rawPredictionCol: "raw" }),
};

const program = (schema: string, pipeline: string) => `schema In { ${schema}, ts: timestamp }
source xs: In = collection([]) watermark ts delay 0s
sink out = collect()
job j { ${pipeline} | to out }
`;

/** The record type coming out of the (first) predict of `source`. */
function outputOf(source: string, files: Record<string, string>): string {
  const result = checkText(source, files);
  let op: PredictOp | undefined;
  visit(result.program!, { PredictOp: (p) => void (op ??= p) });
  return printTypeStructure(op!.flow!.output);
}

test("a model's prediction columns are added to the record: the vectors it adds are `[float]`", (t) => {
  const source = program("id: int, features: [float]", `xs | predict model("lr")`);
  checksClean(t, source, { "lr/metadata": LR });
  t.is(outputOf(source, { "lr/metadata": LR }), "{ id: int, features: [float], ts: timestamp, prediction: float, rawPrediction: [float] }");
});

test("`[int]` is a vector too; a column the model writes over keeps its place with the model's type", (t) => {
  const over = { "lr/metadata": metadata("LogisticRegressionModel", { featuresCol: "features", predictionCol: "id", rawPredictionCol: "raw" }) };
  const source = program("id: string, features: [int]", `xs | predict model("lr")`);
  checksClean(t, source, over);
  t.is(outputOf(source, over), "{ id: float, features: [int], ts: timestamp, raw: [float] }");
});

test("a column an earlier stage of the pipeline adds is not looked for in the records; the pipeline's columns all come out", (t) => {
  const source = program("a: float, b: int", `xs | predict model("m")`);
  checksClean(t, source, ASSEMBLED);
  t.is(outputOf(source, ASSEMBLED), "{ a: float, b: int, ts: timestamp, features: [float], label: float, raw: [float] }");
});

test("a record column of the wrong type is reported with the param that names it", (t) => {
  const d = reports(t, program("a: string, b: int", `xs | ⟦predict model("m")⟧`), "FLOW3041", ASSEMBLED);
  t.regex(d!.message, /needs column `a` to hold a number or a vector, `\[float\]` \(its VectorAssembler's inputCols\[0\]\), but it is `string`/);
});

test("a missing column names the model, the column, what it must hold and the record type", (t) => {
  const d = reports(t, program("a: float", `xs | ⟦predict model("m")⟧`), "FLOW3040", ASSEMBLED);
  t.regex(d!.message, /model `m` needs a column `b` holding a number or a vector.*its VectorAssembler's inputCols\[1\]\); the records have \{ a: float, ts: timestamp \}/);
});

test("a nullable column is refused: the model cannot score null", (t) => {
  const d = reports(t, program("features: [float]?", `xs | ⟦predict model("lr")⟧`), "FLOW3041", { "lr/metadata": LR });
  t.regex(d!.hint ?? "", /cannot score a null/);
});

test("an array of strings is not a vector", (t) => {
  reports(t, program("features: [string]", `xs | ⟦predict model("lr")⟧`), "FLOW3041", { "lr/metadata": LR });
});

test("kinds per stage: StringIndexer reads strings or numbers, Binarizer keeps a number a number and a vector a vector, Tokenizer adds `[string]`", (t) => {
  const files = {
    "m/metadata": metadata("PipelineModel", {}, { numStages: 3 }),
    "m/stages/0/metadata": metadata("StringIndexerModel", { inputCols: ["country", "code"], outputCols: ["countryIndex", "codeIndex"] }),
    "m/stages/1/metadata": metadata("Binarizer", { inputCols: ["amount", "v"], outputCols: ["big", "vBig"], thresholds: [1, 1] }),
    "m/stages/2/metadata": metadata("Tokenizer", { inputCol: "text", outputCol: "words" }),
  };
  const source = program("country: string, code: int, amount: float, v: [float], text: string", `xs | predict model("m")`);
  checksClean(t, source, files);
  t.is(outputOf(source, files), "{ country: string, code: int, amount: float, v: [float], text: string, ts: timestamp, countryIndex: float, codeIndex: float, big: float, vBig: [float], words: [string] }");
  reports(t, program("country: bool, code: int, amount: float, v: [float], text: string", `xs | ⟦predict model("m")⟧`), "FLOW3041", files);
});

test("a KMeansModel's cluster is an int; params the saved map lacks take Flink ML's default names", (t) => {
  const files = { "km/metadata": metadata("KMeansModel", { k: 2 }) };
  const source = program("features: [float]", `xs | predict model("km")`);
  checksClean(t, source, files);
  t.is(outputOf(source, files), "{ features: [float], ts: timestamp, prediction: int }");
});

test("the columns `predict` adds can be used downstream, and a mistyped use of them is an ordinary type error", (t) => {
  checksClean(t, program("features: [float]", `xs | predict model("lr") | filter prediction > 0.5 | map { p: rawPrediction[1] }`), { "lr/metadata": LR });
  reports(t, program("features: [float]", `xs | predict model("lr") | filter ⟦prediction⟧`), "FLOW3001", { "lr/metadata": LR });
});

test("after an earlier error the record type is unknown: no missing-column error piles on", (t) => {
  const result = checkText(program("features: [float]", `nope | predict model("lr")`), { "lr/metadata": LR });
  t.deepEqual(result.diagnostics.map((d) => d.code), ["FLOW2003"]);
});
