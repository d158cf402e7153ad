// Params of Knn and its model (Flink ML's KnnParams and KnnModelParams).
import { Params, ParamValidators } from "../core/param.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";

export const K = Params.int("k", "The number of nearest neighbors.", 5, ParamValidators.gt(0));

export const KNN_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL, K] as const;
export const KNN_PARAMS = [...KNN_MODEL_PARAMS, LABEL_COL] as const;
