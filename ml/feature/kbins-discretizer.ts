// KBinsDiscretizer: bins each feature of a vector column into [0, numBins) (Flink ML's KBinsDiscretizer). The
// strategy — uniform widths, quantiles, or 1-D k-means — decides the edges (kbins-discretizer/bin-edges.ts). Uniform
// reads the min and max of every row; quantile and kmeans read at most subSamples rows, a seeded sample.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, javaStringHash, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { murmur3HashDouble } from "../common/murmur3.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { binOf, kMeansEdges, quantileEdges, uniformEdges } from "./kbins-discretizer/bin-edges.js";

export const UNIFORM = "uniform";
export const QUANTILE = "quantile";
export const KMEANS = "kmeans";
export type KBinsStrategy = typeof UNIFORM | typeof QUANTILE | typeof KMEANS;

export const STRATEGY = Params.string("strategy", "Strategy used to define the width of the bin.", QUANTILE, ParamValidators.inArray([UNIFORM, QUANTILE, KMEANS]));
export const NUM_BINS = Params.int("numBins", "Number of bins to produce.", 5, ParamValidators.gtEq(2));
export const SUB_SAMPLES = Params.int("subSamples", "Maximum number of samples used to fit the model.", 200000, ParamValidators.gtEq(2));

/** Flink ML's model data: the edges of every feature's bins (a constant feature has [-Infinity, Infinity]). */
export interface KBinsDiscretizerModelData {
  readonly binEdges: number[][];
}

/** The seed of the sample (Flink ML samples with the hash of the class name too). */
const SAMPLE_SEED = javaStringHash("org.apache.flink.ml.feature.kbinsdiscretizer.KBinsDiscretizer");

interface Sampled {
  readonly hash: number;
  readonly values: Float64Array;
}

interface Accumulator {
  dim: number;
  min: Float64Array | null;
  max: Float64Array | null;
  /** The rows with the smallest hashes seen so far (bottom-k sampling), at most 2·subSamples between prunings. */
  sample: Sampled[];
}

export class KBinsDiscretizer extends Estimator<KBinsDiscretizerModel> {
  readonly className = "KBinsDiscretizer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, STRATEGY, NUM_BINS, SUB_SAMPLES);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getStrategy(): KBinsStrategy { return this.get(STRATEGY) as KBinsStrategy; }
  setStrategy(value: KBinsStrategy): this { return this.set(STRATEGY, value); }
  getNumBins(): number { return this.get(NUM_BINS); }
  setNumBins(value: number): this { return this.set(NUM_BINS, value); }
  getSubSamples(): number { return this.get(SUB_SAMPLES); }
  setSubSamples(value: number): this { return this.set(SUB_SAMPLES, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): KBinsDiscretizerModel {
    this.expectInputs(inputs, 1);
    const aggregator = binEdgesAggregator(this.getInputCol(), this.getStrategy(), this.getNumBins(), this.getSubSamples());
    return new KBinsDiscretizerModel().setModelData(aggregateBounded(inputs[0]!, aggregator, "KBinsDiscretizer")).updateExistingParams(this.getParamMap());
  }
}

function binEdgesAggregator(inputCol: string, strategy: KBinsStrategy, numBins: number, subSamples: number): BoundedAggregator<Accumulator, KBinsDiscretizerModelData> {
  const sampling = strategy !== UNIFORM;
  // why bottom-k by a hash of the values: the sample is the same whatever the parallelism and the arrival order
  // (Flink ML samples each subtask with a seeded reservoir, so its sample depends on both)
  const prune = (acc: Accumulator, limit: number) => {
    if (acc.sample.length <= limit) return;
    acc.sample.sort(bySampleOrder);
    acc.sample.length = limit;
  };
  return {
    createAccumulator: () => ({ dim: -1, min: null, max: null, sample: [] }),
    add(acc, row) {
      const x = vectorAt(row, inputCol, "KBinsDiscretizer").toDense().values;
      if (acc.dim === -1) acc.dim = x.length;
      else if (acc.dim !== x.length) throw new Error(`KBinsDiscretizer: vectors in column '${inputCol}' differ in size (${acc.dim} and ${x.length})`);
      if (sampling) {
        // why no copy: a dense row's own array (rows are never changed) or a fresh one from toDense()
        acc.sample.push({ hash: hashValues(x), values: x });
        if (acc.sample.length > 2 * subSamples) prune(acc, subSamples);
        return acc;
      }
      if (acc.min === null || acc.max === null) {
        acc.min = Float64Array.from(x);
        acc.max = Float64Array.from(x);
        return acc;
      }
      for (let i = 0; i < x.length; i++) {
        if (x[i]! < acc.min[i]!) acc.min[i] = x[i]!;
        if (x[i]! > acc.max[i]!) acc.max[i] = x[i]!;
      }
      return acc;
    },
    merge(a, b) {
      if (b.dim === -1) return a;
      if (a.dim === -1) return b;
      if (a.dim !== b.dim) throw new Error(`KBinsDiscretizer: vectors in column '${inputCol}' differ in size (${a.dim} and ${b.dim})`);
      if (sampling) {
        for (const s of b.sample) a.sample.push(s);
        prune(a, 2 * subSamples);
        return a;
      }
      for (let i = 0; i < a.dim; i++) {
        a.min![i] = Math.min(a.min![i]!, b.min![i]!);
        a.max![i] = Math.max(a.max![i]!, b.max![i]!);
      }
      return a;
    },
    result(acc) {
      if (acc.dim === -1) throw new Error("KBinsDiscretizer: the training set is empty — fit needs at least one row");
      if (!sampling) return [{ binEdges: Array.from({ length: acc.dim }, (_, i) => uniformEdges(acc.min![i]!, acc.max![i]!, numBins)) }];
      prune(acc, subSamples);
      const column = new Float64Array(acc.sample.length);
      const binEdges: number[][] = [];
      for (let i = 0; i < acc.dim; i++) {
        for (let r = 0; r < acc.sample.length; r++) column[r] = acc.sample[r]!.values[i]!;
        column.sort();
        binEdges.push(strategy === QUANTILE ? quantileEdges(column, numBins) : kMeansEdges(column, numBins));
      }
      return [{ binEdges }];
    },
  };
}

function hashValues(values: Float64Array): number {
  let h = SAMPLE_SEED;
  for (let i = 0; i < values.length; i++) h = murmur3HashDouble(values[i]!, h);
  return h;
}

/** By hash, then by the values, so equal hashes do not make the sample depend on the order rows came in. */
function bySampleOrder(a: Sampled, b: Sampled): number {
  if (a.hash !== b.hash) return a.hash - b.hash;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return a.values[i]! - b.values[i]!;
  return 0;
}

export class KBinsDiscretizerModel extends RowMapModel<KBinsDiscretizerModelData> {
  readonly className = "KBinsDiscretizerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected mapperFactory(): (modelData: readonly KBinsDiscretizerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return ([data]) => {
      const binEdges = data!.binEdges;
      return (row) => {
        const x = vectorAt(row, inputCol, "KBinsDiscretizerModel").toDense().values;
        if (x.length !== binEdges.length) throw new Error(`KBinsDiscretizerModel: column '${inputCol}' has ${x.length} features, the model ${binEdges.length}`);
        const out = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) out[i] = binOf(binEdges[i]!, x[i]!);
        return withColumn(row, outputCol, new DenseVector(out));
      };
    };
  }
}

registerStage("KBinsDiscretizer", () => new KBinsDiscretizer());
registerStage("KBinsDiscretizerModel", () => new KBinsDiscretizerModel());
