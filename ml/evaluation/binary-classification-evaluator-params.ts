// Params of BinaryClassificationEvaluator (Flink ML's BinaryClassificationEvaluatorParams).
import { Params, ParamValidators } from "../core/param.js";
import { LABEL_COL } from "../core/shared-params.js";
import { RAW_PREDICTION_COL, WEIGHT_COL } from "../common/training-params.js";

export const AREA_UNDER_ROC = "areaUnderROC";
export const AREA_UNDER_PR = "areaUnderPR";
export const AREA_UNDER_LORENZ = "areaUnderLorenz";
export const KS = "ks";
export const BINARY_METRICS = [AREA_UNDER_ROC, AREA_UNDER_PR, KS, AREA_UNDER_LORENZ] as const;
export type BinaryMetricName = (typeof BINARY_METRICS)[number];

export const METRICS_NAMES = Params.stringArray("metricsNames", "Names of output metrics.", [AREA_UNDER_ROC, AREA_UNDER_PR], ParamValidators.isSubSet<string>(BINARY_METRICS));

export const BINARY_CLASSIFICATION_EVALUATOR_PARAMS = [LABEL_COL, RAW_PREDICTION_COL, WEIGHT_COL, METRICS_NAMES] as const;
