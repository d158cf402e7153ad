// The compiler's table of what saved ml/ stages read and add (compiler/types/model-signature.ts) against ml/ itself:
// each stage is built (or fitted) and saved by ml/, its metadata read back by the compiler's reader, and the servable
// run on a row — the columns it adds must be exactly the table's, each holding what the table says.
import test from "ava";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { stageSignature, type ColumnKind, type StageSignature } from "../../../compiler/types/model-signature.js";
import { readSavedModel } from "../../../compiler/types/saved-model.js";
import {
  Binarizer, Bucketizer, CountVectorizer, DCT, ElementwiseProduct, HashingTF, IDF, Imputer, KMeans, Knn, LinearRegression, LinearSVC,
  LogisticRegression, MaxAbsScaler, MinMaxScaler, NGram, NaiveBayes, Normalizer, OneHotEncoder, PipelineModelServable, PolynomialExpansion,
  RegexTokenizer, RobustScaler, StandardScaler, StringIndexer, Tokenizer, VarianceThresholdSelector, VectorAssembler, VectorSlicer, Vectors,
  type Row,
} from "../../../ml/index.js";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { scratchDir } from "../helpers/compile.js";

const diskHost = { readFile: (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) };

/** One row with a column of every kind, under the stages' default column names where they have one. */
const row = (i: number): Row => ({
  features: Vectors.dense(1 + i, 2 + (i % 3), 3), label: i % 2, input: Vectors.dense(0.5 + i, -1, 2 + (i % 2)),
  x: i % 4, y: i % 3, s: ["a", "b", "c"][i % 3], text: "Hello big World", words: ["a", "b", "a", `w${i % 2}`],
});
const TRAIN = Array.from({ length: 12 }, (_, i) => row(i));

type Saveable = { save(path: string): Promise<void> };
const env = () => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
const fitted = (estimator: { fit(...t: never[]): Saveable }) => () => (estimator.fit as (t: unknown) => Saveable).call(estimator, env().fromCollection(TRAIN));

const STAGES: Record<string, () => Saveable> = {
  VectorAssembler: () => new VectorAssembler().setInputCols("x", "features").setInputSizes(1, 3).setOutputCol("assembled"),
  Binarizer: () => new Binarizer().setInputCols("x", "input").setOutputCols("xb", "ib").setThresholds(1, 0),
  Bucketizer: () => new Bucketizer().setInputCols("x").setOutputCols("xBucket").setSplitsArray([[-Infinity, 1, 10, Infinity]]),
  Tokenizer: () => new Tokenizer().setInputCol("text").setOutputCol("tokens"),
  RegexTokenizer: () => new RegexTokenizer().setInputCol("text").setOutputCol("rtokens"),
  NGram: () => new NGram().setInputCol("words").setOutputCol("ngrams"),
  HashingTF: () => new HashingTF().setInputCol("words").setOutputCol("tf"),
  Normalizer: () => new Normalizer(),
  PolynomialExpansion: () => new PolynomialExpansion(),
  DCT: () => new DCT(),
  VectorSlicer: () => new VectorSlicer().setIndices(0, 2),
  ElementwiseProduct: () => new ElementwiseProduct().setScalingVec(Vectors.dense(1, 2, 3)),
  LogisticRegressionModel: fitted(new LogisticRegression()),
  LinearSVCModel: fitted(new LinearSVC()),
  LinearRegressionModel: fitted(new LinearRegression()),
  KMeansModel: fitted(new KMeans().setK(2)),
  NaiveBayesModel: fitted(new NaiveBayes()),
  KnnModel: fitted(new Knn()),
  StandardScalerModel: fitted(new StandardScaler()),
  MinMaxScalerModel: fitted(new MinMaxScaler()),
  MaxAbsScalerModel: fitted(new MaxAbsScaler()),
  RobustScalerModel: fitted(new RobustScaler()),
  VarianceThresholdSelectorModel: fitted(new VarianceThresholdSelector()),
  IDFModel: fitted(new IDF()),
  StringIndexerModel: fitted(new StringIndexer().setInputCols("s", "x").setOutputCols("si", "xi")),
  OneHotEncoderModel: fitted(new OneHotEncoder().setInputCols("y").setOutputCols("yHot")),
  ImputerModel: fitted(new Imputer().setInputCols("x").setOutputCols("xImputed")),
  CountVectorizerModel: fitted(new CountVectorizer().setInputCol("words").setOutputCol("counts")),
};

function holds(value: unknown, kind: ColumnKind): boolean {
  const isVector = typeof value === "object" && value !== null && ["dense", "sparse"].includes((value as { kind?: string }).kind ?? "");
  switch (kind) {
    case "vector": return isVector;
    case "number": return typeof value === "number";
    case "int": return Number.isInteger(value);
    case "string": return typeof value === "string";
    case "stringArray": return Array.isArray(value) && value.every((v) => typeof v === "string");
    default: return false; // kinds only stages' inputs have
  }
}

const dir = scratchDir("model-signature");
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

for (const [className, build] of Object.entries(STAGES)) {
  test(`${className}: the columns its servable adds are the table's, with the table's kinds`, async (t) => {
    const path = join(dir, className);
    mkdirSync(dir, { recursive: true });
    await build().save(path);
    const saved = readSavedModel(diskHost, path);
    if (!saved.ok) return t.fail(saved.reason);
    t.is(saved.className, className);
    const signature: StageSignature | undefined = stageSignature(className, saved.stages[0]!.paramMap);
    if (signature === undefined) return t.fail(`${className} is not in the table`);
    const input = row(5);
    for (const read of signature.reads) t.true(read.name in input, `${read.param} = ${read.name} is a column of the row`);
    const servable = await PipelineModelServable.load(path);
    const out = servable.transformRow(input)!;
    const added = Object.keys(out).filter((k) => !(k in input));
    t.deepEqual(added.sort(), signature.writes.map((w) => w.name).sort(), "the columns added");
    signature.writes.forEach((w, i) => {
      // `like`: the kind of the read column at the same position (Binarizer: x is a number, input a vector)
      const kind: ColumnKind = w.kind === "like" ? (typeof input[signature.reads[i]!.name] === "number" ? "number" : "vector") : w.kind;
      t.true(holds(out[w.name], kind), `${w.name} holds ${kind}: ${JSON.stringify(out[w.name])}`);
    });
  });
}
