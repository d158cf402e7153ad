// VectorIndexer: decides per feature of a vector column whether it is categorical — at most maxCategories distinct
// values in training — and replaces a categorical feature's values by category indices (Flink ML's VectorIndexer).
// Indices follow ascending value order, except that 0.0, when seen, is always index 0 (so sparse stays sparse);
// other features pass unchanged. A value not seen in training is invalid: handleInvalid 'error' fails, 'skip' drops
// the row, 'keep' gives it the index after the last category.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { HANDLE_INVALID, HANDLE_INVALID_KEEP, HANDLE_INVALID_SKIP, type HandleInvalid, INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";

export const MAX_CATEGORIES = Params.int(
  "maxCategories",
  "Threshold for the number of values a categorical feature can take (>= 2). If a feature is found to have > maxCategories values, then it is declared continuous.",
  20,
  ParamValidators.gtEq(2),
);

/** Flink ML's model data: feature index → (value → category index), for the categorical features only. */
export interface VectorIndexerModelData {
  readonly categoryMaps: Map<number, Map<number, number>>;
}

/** Per feature, its distinct values, or null once there are more than maxCategories (continuous). */
type DistinctValues = (Set<number> | null)[] | null;

export class VectorIndexer extends Estimator<VectorIndexerModel> {
  readonly className = "VectorIndexer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, HANDLE_INVALID, MAX_CATEGORIES);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getHandleInvalid(): HandleInvalid { return this.get(HANDLE_INVALID) as HandleInvalid; }
  setHandleInvalid(value: HandleInvalid): this { return this.set(HANDLE_INVALID, value); }
  getMaxCategories(): number { return this.get(MAX_CATEGORIES); }
  setMaxCategories(value: number): this { return this.set(MAX_CATEGORIES, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): VectorIndexerModel {
    this.expectInputs(inputs, 1);
    const inputCol = this.getInputCol();
    const maxCategories = this.getMaxCategories();
    const checkSize = (columns: readonly unknown[], size: number) => {
      if (columns.length !== size) throw new Error(`VectorIndexer: the size of all input vectors should be the same (column '${inputCol}': ${columns.length} and ${size})`);
    };
    const modelData = aggregateBounded<{ columns: DistinctValues }, VectorIndexerModelData, T>(inputs[0]!, {
      createAccumulator: () => ({ columns: null }),
      add(acc, row) {
        const x = vectorAt(row, inputCol, "VectorIndexer").toDense().values;
        const columns = (acc.columns ??= Array.from({ length: x.length }, () => new Set<number>()));
        checkSize(columns, x.length);
        for (let i = 0; i < x.length; i++) {
          const seen = columns[i];
          if (seen === null || seen === undefined) continue;
          seen.add(x[i]!);
          if (seen.size > maxCategories) columns[i] = null;
        }
        return acc;
      },
      merge(a, b) {
        if (b.columns === null) return a;
        if (a.columns === null) return b;
        checkSize(a.columns, b.columns.length);
        a.columns = a.columns.map((seen, i) => {
          const other = b.columns![i];
          if (seen === null || seen === undefined || other === null || other === undefined) return null;
          for (const v of other) seen.add(v);
          return seen.size > maxCategories ? null : seen;
        });
        return a;
      },
      result({ columns }) {
        if (columns === null) throw new Error("VectorIndexer: the training set is empty — fit needs at least one row");
        const categoryMaps = new Map<number, Map<number, number>>();
        columns.forEach((seen, i) => {
          if (seen !== null && seen !== undefined) categoryMaps.set(i, categoryIndices(seen));
        });
        return [{ categoryMaps }];
      },
    }, "VectorIndexer");
    return new VectorIndexerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

/** Values in ascending order (NaN last, as Java sorts doubles) → 0, 1, …, except 0.0, which comes first. */
function categoryIndices(values: Set<number>): Map<number, number> {
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  const zero = sorted.indexOf(0);
  if (zero > 0) sorted.unshift(...sorted.splice(zero, 1));
  return new Map(sorted.map((v, i) => [v, i]));
}

export class VectorIndexerModel extends RowMapModel<VectorIndexerModelData> {
  readonly className = "VectorIndexerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, HANDLE_INVALID);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getHandleInvalid(): HandleInvalid { return this.get(HANDLE_INVALID) as HandleInvalid; }
  setHandleInvalid(value: HandleInvalid): this { return this.set(HANDLE_INVALID, value); }

  protected mapperFactory(): (modelData: readonly VectorIndexerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const handleInvalid = this.getHandleInvalid();
    return ([data]) => {
      const features = Int32Array.from(data!.categoryMaps.keys());
      const maps = [...data!.categoryMaps.values()];
      const needed = features.length === 0 ? 0 : Math.max(...features) + 1;
      return (row) => {
        const x = vectorAt(row, inputCol, "VectorIndexerModel");
        if (x.size() < needed) throw new Error(`VectorIndexerModel: column '${inputCol}' has ${x.size()} features, the model indexes feature ${needed - 1}`);
        const out = Float64Array.from(x.toDense().values);
        for (let k = 0; k < features.length; k++) {
          const value = out[features[k]!]!;
          const index = maps[k]!.get(value);
          if (index !== undefined) out[features[k]!] = index;
          else if (handleInvalid === HANDLE_INVALID_SKIP) return null;
          else if (handleInvalid === HANDLE_INVALID_KEEP) out[features[k]!] = maps[k]!.size;
          else throw new Error(`VectorIndexerModel: the input contains unseen double: ${value} (feature ${features[k]} of column '${inputCol}'). See the handleInvalid parameter for more options ('skip' or 'keep')`);
        }
        const dense = new DenseVector(out);
        return withColumn(row, outputCol, x.kind === "sparse" ? dense.toSparse() : dense);
      };
    };
  }
}

registerStage("VectorIndexer", () => new VectorIndexer());
registerStage("VectorIndexerModel", () => new VectorIndexerModel());
