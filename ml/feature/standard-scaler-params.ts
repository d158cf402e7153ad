// Params of StandardScaler and its model (Flink ML's StandardScalerParams).
import { Params } from "../core/param.js";

export const WITH_MEAN = Params.boolean("withMean", "Whether centers the data with mean before scaling.", false);
export const WITH_STD = Params.boolean("withStd", "Whether scales the data with standard deviation.", true);
