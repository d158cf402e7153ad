// Params of LinearSVC and its model (Flink ML's LinearSVCParams and LinearSVCModelParams).
import { Params, ParamValidators } from "../core/param.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import { ELASTIC_NET, GLOBAL_BATCH_SIZE, LEARNING_RATE, MAX_ITER, RAW_PREDICTION_COL, REG, TOL, WEIGHT_COL } from "../common/training-params.js";

/** Applied to the raw prediction: Infinity makes every prediction 0, −Infinity every prediction 1. */
export const THRESHOLD = Params.double("threshold", "Threshold in binary classification prediction applied to rawPrediction.", 0, ParamValidators.notNull());

export const LINEAR_SVC_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL, RAW_PREDICTION_COL, THRESHOLD] as const;
export const LINEAR_SVC_PARAMS = [...LINEAR_SVC_MODEL_PARAMS, LABEL_COL, WEIGHT_COL, MAX_ITER, REG, ELASTIC_NET, LEARNING_RATE, GLOBAL_BATCH_SIZE, TOL] as const;
