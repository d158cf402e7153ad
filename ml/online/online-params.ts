// Params of the online learners and their models (Flink ML's HasGlobalBatchSize, HasDecayFactor, HasReg,
// HasElasticNet, HasWeightCol, HasRawPredictionCol, HasModelVersionCol, HasMaxAllowedModelDelayMs, HasWindows,
// KMeansModelParams.K, OnlineLogisticRegressionParams.ALPHA/BETA), with Flink ML's names, defaults and validators.
import { Params, ParamValidators } from "../core/param.js";
import { parseOnlineWindows } from "./online-windows.js";

export const GLOBAL_BATCH_SIZE = Params.int("globalBatchSize", "Global batch size of training algorithms.", 32, ParamValidators.gt(0));
export const BATCH_STRATEGY = Params.string("batchStrategy", "Strategy to create mini batch from online train data.", "count", ParamValidators.inArray(["count"]));
export const DECAY_FACTOR = Params.double("decayFactor", "The forgetfulness of the previous centroids.", 0, ParamValidators.inRange(0, 1));
export const K = Params.int("k", "The max number of clusters to create.", 2, ParamValidators.gt(1));
export const DISTANCE_MEASURE = Params.string("distanceMeasure", "Distance measure.", "euclidean", ParamValidators.inArray(["euclidean"]));
export const ALPHA = Params.double("alpha", "The alpha parameter of ftrl.", 0.1, ParamValidators.gt(0));
export const BETA = Params.double("beta", "The beta parameter of ftrl.", 0.1, ParamValidators.gt(0));
export const REG = Params.double("reg", "Regularization parameter.", 0, ParamValidators.gtEq(0));
export const ELASTIC_NET = Params.double("elasticNet", "ElasticNet parameter.", 0, ParamValidators.inRange(0, 1));
export const WEIGHT_COL = Params.string("weightCol", "Weight column name.", null);
export const RAW_PREDICTION_COL = Params.string("rawPredictionCol", "Raw prediction column name.", "rawPrediction");

/** OnlineLogisticRegressionModel's version column: never null, "modelVersion" by default (as Flink ML). */
export const LR_MODEL_VERSION_COL = Params.string("modelVersionCol", "Model version column name.", "modelVersion", ParamValidators.notNull());

/** OnlineStandardScalerModel's version column (Flink ML's HasModelVersionCol): "version" by default, null for none. */
export const SCALER_MODEL_VERSION_COL = Params.string(
  "modelVersionCol",
  "The name of the column which contains the version of the model data that the input data is predicted with. The version should be a 64-bit integer.",
  "version",
);

export const MAX_ALLOWED_MODEL_DELAY_MS = Params.long(
  "maxAllowedModelDelayMs",
  "The maximum difference allowed between the timestamps of the input record and the model data that is used to predict that input record. This param only works when the input contains event time.",
  0,
  ParamValidators.gtEq(0),
);

/**
 * Flink ML's HasWindows, as the JSON text of an OnlineWindows value (a param must be plain data to be saved): set it
 * with OnlineStandardScaler.setWindows, which checks it.
 */
export const WINDOWS = Params.string("windows", "Windowing strategy that determines how to create mini-batches from input data.", JSON.stringify({ kind: "global" }), {
  demand: `the JSON of an OnlineWindows value ({"kind":"global"} or {"kind":"eventTimeTumbling","sizeMs":<positive integer>})`,
  validate: (text) => typeof text === "string" && parseOnlineWindows(text) !== null,
});
