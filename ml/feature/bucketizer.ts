// Bucketizer: maps each number to the index of its bucket between split points, per input column (Flink ML's
// Bucketizer). Buckets are [s_i, s_i+1), the last one closed [s_n-1, s_n]. A value outside the splits or NaN is
// invalid: 'error' fails, 'skip' drops the row, 'keep' puts it in an extra bucket numbered n − 1 (splits.length − 1).
import { numberAt, withColumns } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { HANDLE_INVALID, HANDLE_INVALID_ERROR, HANDLE_INVALID_KEEP, INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";

const splitsArrayValidator: ParamValidator<number[][]> = {
  demand: "a non-empty array of split arrays, each of at least 3 strictly increasing points",
  validate: (splitsArray) =>
    Array.isArray(splitsArray) && splitsArray.length > 0 && splitsArray.every((splits) => splits.length >= 3 && splits.every((s, j) => j === 0 || s > splits[j - 1]!)),
};

export const SPLITS_ARRAY = Params.doubleArrayArray("splitsArray", "Array of split points for mapping continuous features into buckets.", null, splitsArrayValidator);

/** The bucket of `x` among `splits` (a binary search, O(log n)), or -1 when it lies outside them or is NaN. */
export function bucketOf(x: number, splits: readonly number[]): number {
  if (Number.isNaN(x) || x < splits[0]! || x > splits[splits.length - 1]!) return -1;
  if (x === splits[splits.length - 1]) return splits.length - 2;
  let lo = 0;
  let hi = splits.length - 1;
  // invariant: splits[lo] <= x < splits[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (splits[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

export class Bucketizer extends RowMapTransformer {
  readonly className = "Bucketizer";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, HANDLE_INVALID, SPLITS_ARRAY);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }
  getSplitsArray(): number[][] { return this.get(SPLITS_ARRAY); }
  setSplitsArray(value: number[][]): this { return this.set(SPLITS_ARRAY, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    const splitsArray = this.getSplitsArray();
    const handleInvalid = this.getHandleInvalid();
    if (inputCols === null || outputCols === null || splitsArray === null) throw new Error("Bucketizer: set inputCols, outputCols and splitsArray before transform");
    if (inputCols.length !== outputCols.length || inputCols.length !== splitsArray.length) {
      throw new Error(`Bucketizer: ${inputCols.length} inputCols, ${outputCols.length} outputCols and ${splitsArray.length} split arrays — give one of each per input column`);
    }
    return (row) => {
      const buckets = new Array<number>(inputCols.length);
      for (let i = 0; i < inputCols.length; i++) {
        const x = numberAt(row, inputCols[i]!, "Bucketizer");
        const bucket = bucketOf(x, splitsArray[i]!);
        if (bucket >= 0) buckets[i] = bucket;
        else if (handleInvalid === HANDLE_INVALID_KEEP) buckets[i] = splitsArray[i]!.length - 1;
        else if (handleInvalid === HANDLE_INVALID_ERROR) {
          throw new Error(`Bucketizer: column '${inputCols[i]}' holds ${x}, outside the splits [${splitsArray[i]!.join(", ")}] — set handleInvalid to 'skip' or 'keep' to accept such rows`);
        } else return null;
      }
      return withColumns(row, outputCols, buckets);
    };
  }
}

registerStage("Bucketizer", () => new Bucketizer());
