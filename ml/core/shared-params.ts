// Params shared by many stages (Flink ML's HasInputCol, HasOutputCol, HasFeaturesCol, HasHandleInvalid, HasSeed, …).
import { Params, ParamValidators } from "./param.js";

export const INPUT_COL = Params.string("inputCol", "Input column name.", "input", ParamValidators.notNull());
export const OUTPUT_COL = Params.string("outputCol", "Output column name.", "output", ParamValidators.notNull());
export const INPUT_COLS = Params.stringArray("inputCols", "Input column names.", null, ParamValidators.nonEmptyArray());
export const OUTPUT_COLS = Params.stringArray("outputCols", "Output column names.", null, ParamValidators.nonEmptyArray());
export const FEATURES_COL = Params.string("featuresCol", "Features column name.", "features", ParamValidators.notNull());
export const LABEL_COL = Params.string("labelCol", "Label column name.", "label", ParamValidators.notNull());
export const PREDICTION_COL = Params.string("predictionCol", "Prediction column name.", "prediction", ParamValidators.notNull());
export const SEED = Params.long("seed", "The random seed.", null);

export const HANDLE_INVALID_ERROR = "error";
export const HANDLE_INVALID_SKIP = "skip";
export const HANDLE_INVALID_KEEP = "keep";
export type HandleInvalid = typeof HANDLE_INVALID_ERROR | typeof HANDLE_INVALID_SKIP | typeof HANDLE_INVALID_KEEP;

/** Strategy for invalid entries: 'error' fails the job, 'skip' drops the row, 'keep' puts them in an extra bucket. */
export const HANDLE_INVALID = Params.string(
  "handleInvalid",
  "Strategy to handle invalid entries.",
  HANDLE_INVALID_ERROR,
  ParamValidators.inArray([HANDLE_INVALID_ERROR, HANDLE_INVALID_SKIP, HANDLE_INVALID_KEEP]),
);

/** Java's String.hashCode, for the default seed Flink ML derives from a stage's class name. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
