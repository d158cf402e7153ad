// The param the statistical tests share (Flink ML's HasFlatten) and their column lists.
import { Params } from "../core/param.js";
import { FEATURES_COL, LABEL_COL } from "../core/shared-params.js";

export const FLATTEN = Params.boolean("flatten", "If false, the returned table contains only a single row, otherwise, one row per feature.", false);

export const STATS_TEST_PARAMS = [FEATURES_COL, LABEL_COL, FLATTEN] as const;
