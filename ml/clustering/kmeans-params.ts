// Params of KMeans and its model (Flink ML's KMeansParams and KMeansModelParams).
import { Params, ParamValidators } from "../core/param.js";
import { FEATURES_COL, PREDICTION_COL, SEED } from "../core/shared-params.js";
import { DISTANCE_MEASURE, MAX_ITER } from "../common/training-params.js";

export const K = Params.int("k", "The max number of clusters to create.", 2, ParamValidators.gt(1));
export const INIT_MODE = Params.string("initMode", "The initialization algorithm. Supported options: 'random'.", "random", ParamValidators.inArray(["random"]));

export const KMEANS_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL, DISTANCE_MEASURE, K] as const;
export const KMEANS_PARAMS = [...KMEANS_MODEL_PARAMS, INIT_MODE, SEED, MAX_ITER] as const;
