// Params of AgglomerativeClustering (Flink ML's AgglomerativeClusteringParams; its `windows` param is not offered:
// the whole bounded input is one window, Flink ML's default).
import { Params, ParamValidators } from "../core/param.js";
import { FEATURES_COL, PREDICTION_COL } from "../core/shared-params.js";
import { DISTANCE_MEASURE } from "../common/training-params.js";

export const LINKAGES = ["ward", "complete", "average", "single"] as const;
export type Linkage = (typeof LINKAGES)[number];

export const NUM_CLUSTERS = Params.int("numClusters", "The max number of clusters to create.", 2);
export const DISTANCE_THRESHOLD = Params.double("distanceThreshold", "Threshold to decide whether two clusters should be merged.", null);
export const LINKAGE = Params.string("linkage", "Criterion for computing distance between two clusters.", "ward", ParamValidators.inArray<string>(LINKAGES));
export const COMPUTE_FULL_TREE = Params.boolean("computeFullTree", "Whether computes the full tree after convergence.", false, ParamValidators.notNull());

export const AGGLOMERATIVE_CLUSTERING_PARAMS = [FEATURES_COL, PREDICTION_COL, DISTANCE_MEASURE, NUM_CLUSTERS, DISTANCE_THRESHOLD, LINKAGE, COMPUTE_FULL_TREE] as const;
