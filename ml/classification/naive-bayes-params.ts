// Params of NaiveBayes and its model (Flink ML's NaiveBayesParams and NaiveBayesModelParams).
import { Params, ParamValidators } from "../core/param.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";

export const SMOOTHING = Params.double("smoothing", "The smoothing parameter.", 1.0, ParamValidators.gtEq(0));
export const MODEL_TYPE = Params.string("modelType", "The model type.", "multinomial", ParamValidators.inArray(["multinomial"]));

export const NAIVE_BAYES_MODEL_PARAMS = [FEATURES_COL, PREDICTION_COL, MODEL_TYPE] as const;
export const NAIVE_BAYES_PARAMS = [...NAIVE_BAYES_MODEL_PARAMS, LABEL_COL, SMOOTHING] as const;
