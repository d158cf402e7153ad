// What each saved ml/ stage reads and adds, by class name and params: the compiler's own table, so that it can check
// `predict model("…")` without importing ml/ (compiler/ imports nothing of the engine). Each entry mirrors the stage's
// row mapper in ml/ (the file is named beside it); test/compiler/types/model-signature.test.ts saves real stages and
// checks the table against the columns their servables actually write.

/**
 * What a column holds, as `.flow` sees it. A vector is written `[float]` in `.flow`: the generated code turns the
 * array into a DenseVector as the record enters the model, and turns vectors the model adds back into arrays.
 * - `vector`: a vector (`[float]` or `[int]`);
 * - `number`: `int` or `float`; `int`: an integer index (KMeans' cluster);
 * - `string`; `stringOrNumber` (StringIndexer's input); `numberOrVector` (VectorAssembler's and Binarizer's inputs);
 * - `stringArray`: `[string]` (tokens); `array`: any array (HashingTF's terms).
 */
export type ColumnKind = "vector" | "number" | "int" | "string" | "stringOrNumber" | "numberOrVector" | "stringArray" | "array";

export interface ModelColumn {
  readonly name: string;
  /** For an added column, `like` means: the kind of the read column at the same position (Binarizer keeps kinds). */
  readonly kind: ColumnKind | "like";
  /** The param that names the column (`featuresCol`, `inputCols[1]`…), for messages. */
  readonly param: string;
}

export interface StageSignature {
  readonly className: string;
  readonly reads: readonly ModelColumn[];
  readonly writes: readonly ModelColumn[];
}

export interface ModelSignature {
  /** Absolute directory the model is loaded from when the job runs. */
  readonly dir: string;
  /** The saved top-level class (`PipelineModel`, `LogisticRegressionModel`…). */
  readonly className: string;
  /** Row-wise stages in scoring order (a pipeline's stages, flattened). */
  readonly stages: readonly StageSignature[];
}

type Params = Readonly<Record<string, unknown>>;
type Columns = (params: Params) => { reads: ModelColumn[]; writes: ModelColumn[] };

/** A single-column param, with Flink ML's default name when the saved map lacks it. */
function col(params: Params, param: string, fallback: string, kind: ModelColumn["kind"]): ModelColumn {
  const value = params[param];
  return { name: typeof value === "string" ? value : fallback, kind, param };
}

/** A multi-column param (`inputCols`, `outputCols`): one column per name. */
function cols(params: Params, param: string, kind: ModelColumn["kind"]): ModelColumn[] {
  const value = params[param];
  const names = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  return names.map((name, i) => ({ name, kind, param: `${param}[${i}]` }));
}

// featuresCol (a vector) → predictionCol, optionally rawPredictionCol (a vector) and a model-version column.
const predictor = (prediction: "number" | "int", extra: readonly ["rawPredictionCol" | "modelVersionCol", string, ColumnKind][] = []): Columns => (p) => ({
  reads: [col(p, "featuresCol", "features", "vector")],
  writes: [col(p, "predictionCol", "prediction", prediction), ...extra.map(([param, fallback, kind]) => col(p, param, fallback, kind))],
});
// inputCol (a vector) → outputCol (a vector).
const vectorToVector: Columns = (p) => ({ reads: [col(p, "inputCol", "input", "vector")], writes: [col(p, "outputCol", "output", "vector")] });
// inputCols → outputCols, position by position.
const columnwise = (input: ModelColumn["kind"], output: ModelColumn["kind"]): Columns => (p) => ({ reads: cols(p, "inputCols", input), writes: cols(p, "outputCols", output) });
const single = (input: ColumnKind, output: ColumnKind): Columns => (p) => ({ reads: [col(p, "inputCol", "input", input)], writes: [col(p, "outputCol", "output", output)] });

const STAGES: ReadonlyMap<string, Columns> = new Map<string, Columns>([
  // ml/classification, ml/regression, ml/clustering, ml/online
  ["LogisticRegressionModel", predictor("number", [["rawPredictionCol", "rawPrediction", "vector"]])],
  ["LinearSVCModel", predictor("number", [["rawPredictionCol", "rawPrediction", "vector"]])],
  ["LinearRegressionModel", predictor("number")],
  ["NaiveBayesModel", predictor("number")],
  ["KnnModel", predictor("number")],
  ["KMeansModel", predictor("int")],
  ["OnlineKMeansModel", predictor("int")],
  ["OnlineLogisticRegressionModel", predictor("number", [["rawPredictionCol", "rawPrediction", "vector"], ["modelVersionCol", "modelVersion", "int"]])],
  // ml/feature: vector → vector
  ["StandardScalerModel", vectorToVector],
  ["MinMaxScalerModel", vectorToVector],
  ["MaxAbsScalerModel", vectorToVector],
  ["RobustScalerModel", vectorToVector],
  ["VarianceThresholdSelectorModel", vectorToVector],
  ["IDFModel", vectorToVector],
  ["Normalizer", vectorToVector],
  ["ElementwiseProduct", vectorToVector],
  ["PolynomialExpansion", vectorToVector],
  ["DCT", vectorToVector],
  ["VectorSlicer", vectorToVector],
  ["OnlineStandardScalerModel", (p) => {
    const version = p["modelVersionCol"];
    return {
      reads: [col(p, "inputCol", "input", "vector")],
      writes: [col(p, "outputCol", "output", "vector"), ...(typeof version === "string" ? [{ name: version, kind: "int" as const, param: "modelVersionCol" }] : [])],
    };
  }],
  // ml/feature: other shapes
  ["VectorAssembler", (p) => ({ reads: cols(p, "inputCols", "numberOrVector"), writes: [col(p, "outputCol", "output", "vector")] })],
  ["Binarizer", columnwise("numberOrVector", "like")],
  ["Bucketizer", columnwise("number", "number")],
  ["ImputerModel", columnwise("number", "number")],
  ["StringIndexerModel", columnwise("stringOrNumber", "number")],
  ["IndexToStringModel", columnwise("number", "string")],
  ["OneHotEncoderModel", columnwise("number", "vector")],
  ["Tokenizer", single("string", "stringArray")],
  ["RegexTokenizer", single("string", "stringArray")],
  ["NGram", single("stringArray", "stringArray")],
  ["HashingTF", single("array", "vector")],
  ["CountVectorizerModel", single("stringArray", "vector")],
]);

/** The class names `predict` can check, for the hint of FLOW2041. */
export function checkableStageNames(): string[] {
  return [...STAGES.keys()].sort();
}

/** The columns a saved stage reads and adds, or undefined when the class is not one `predict` knows. */
export function stageSignature(className: string, params: Params): StageSignature | undefined {
  const columns = STAGES.get(className);
  if (columns === undefined) return undefined;
  const { reads, writes } = columns(params);
  return { className, reads, writes };
}

/** How a column kind reads in messages: "a vector, `[float]`". */
export function describeKind(kind: ColumnKind): string {
  switch (kind) {
    case "vector": return "a vector, `[float]`";
    case "number": return "a number, `int` or `float`";
    case "int": return "an `int`";
    case "string": return "a `string`";
    case "stringOrNumber": return "a `string` or a number";
    case "numberOrVector": return "a number or a vector, `[float]`";
    case "stringArray": return "an array of strings, `[string]`";
    case "array": return "an array";
  }
}

/** What the back end needs to score records with the model: the conversions at its edges (set by check-predict). */
export interface PredictScoring {
  /** Record fields the model reads as vectors: `[float]` arrays turned into DenseVectors as the record enters. */
  readonly vectorInputs: readonly string[];
  /** Columns the model adds (or overrides), in output order; vectors are turned back into arrays. */
  readonly added: readonly { readonly name: string; readonly vector: boolean }[];
}

/**
 * The columns of a model's stages as one string: equal for two saves of a model that read and add the same columns
 * (retrained on other data, other hyper-parameters), different when a column or its kind changed.
 */
export function columnsFingerprint(stages: readonly StageSignature[]): string {
  return JSON.stringify(stages.map((s) => [s.className, s.reads.map((c) => [c.name, c.kind]), s.writes.map((c) => [c.name, c.kind])]));
}

/** The column fingerprint of the model saved at `dir` as a host reads it, or undefined when it cannot be read or checked. */
export function fingerprintOf(stages: readonly { readonly className: string; readonly paramMap: Readonly<Record<string, unknown>> }[]): string | undefined {
  const signatures: StageSignature[] = [];
  for (const stage of stages) {
    const signature = stageSignature(stage.className, stage.paramMap);
    if (signature === undefined) return undefined;
    signatures.push(signature);
  }
  return columnsFingerprint(signatures);
}
