// Params of LinearRegression and its model (Flink ML's LinearRegressionParams and LinearRegressionModelParams).
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import { ELASTIC_NET, GLOBAL_BATCH_SIZE, LEARNING_RATE, MAX_ITER, REG, TOL, WEIGHT_COL } from "../common/training-params.js";

export const LINEAR_REGRESSION_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL] as const;
export const LINEAR_REGRESSION_PARAMS = [...LINEAR_REGRESSION_MODEL_PARAMS, LABEL_COL, WEIGHT_COL, MAX_ITER, REG, ELASTIC_NET, LEARNING_RATE, GLOBAL_BATCH_SIZE, TOL] as const;
