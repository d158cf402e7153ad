// Params of LogisticRegression and its model (Flink ML's LogisticRegressionParams and LogisticRegressionModelParams).
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import { ELASTIC_NET, GLOBAL_BATCH_SIZE, LEARNING_RATE, MAX_ITER, MULTI_CLASS, RAW_PREDICTION_COL, REG, TOL, WEIGHT_COL } from "../common/training-params.js";

export const LOGISTIC_REGRESSION_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL, RAW_PREDICTION_COL] as const;
export const LOGISTIC_REGRESSION_PARAMS = [...LOGISTIC_REGRESSION_MODEL_PARAMS, LABEL_COL, WEIGHT_COL, MAX_ITER, REG, ELASTIC_NET, LEARNING_RATE, GLOBAL_BATCH_SIZE, TOL, MULTI_CLASS] as const;
