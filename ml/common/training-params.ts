// Params shared by the trainers (Flink ML's HasMaxIter, HasReg, HasElasticNet, HasLearningRate, HasGlobalBatchSize,
// HasTol, HasWeightCol, HasRawPredictionCol, HasMultiClass, HasDistanceMeasure), with Flink ML's defaults.
import { Params, ParamValidators } from "../core/param.js";

export const MAX_ITER = Params.int("maxIter", "Maximum number of iterations.", 20, ParamValidators.gt(0));
export const REG = Params.double("reg", "Regularization parameter.", 0, ParamValidators.gtEq(0));
export const ELASTIC_NET = Params.double("elasticNet", "ElasticNet parameter.", 0, ParamValidators.inRange(0, 1));
export const LEARNING_RATE = Params.double("learningRate", "Learning rate of optimization method.", 0.1, ParamValidators.gt(0));
export const GLOBAL_BATCH_SIZE = Params.int("globalBatchSize", "Global batch size of training algorithms.", 32, ParamValidators.gt(0));
export const TOL = Params.double("tol", "Convergence tolerance for iterative algorithms.", 1e-6, ParamValidators.gtEq(0));
export const WEIGHT_COL = Params.string("weightCol", "Weight column name.", null);
export const RAW_PREDICTION_COL = Params.string("rawPredictionCol", "Raw prediction column name.", "rawPrediction");
export const MULTI_CLASS = Params.string("multiClass", "Classification type.", "auto", ParamValidators.inArray(["auto", "binomial", "multinomial"]));

export const DISTANCE_MEASURES = ["euclidean", "manhattan", "cosine"] as const;
export type DistanceMeasureName = (typeof DISTANCE_MEASURES)[number];
export const DISTANCE_MEASURE = Params.string("distanceMeasure", "Distance measure.", "euclidean", ParamValidators.inArray<string>(DISTANCE_MEASURES));
