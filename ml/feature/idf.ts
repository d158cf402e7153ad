// IDF: inverse document frequency weights, idf = log((m + 1) / (df + 1)) for m documents of which df contain the
// term (Flink ML's IDF). scikit-learn's smoothed idf is this plus 1. Terms in fewer than minDocFreq documents get
// idf 0. The model multiplies each term-frequency vector by the idf vector.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { hDot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";

export const MIN_DOC_FREQ = Params.int("minDocFreq", "Minimum number of documents that a term should appear for filtering.", 0, ParamValidators.gtEq(0));

export interface IDFModelData {
  readonly idf: DenseVector;
  /** Per term, the documents containing it (0 where it was filtered by minDocFreq). */
  readonly docFreq: number[];
  readonly numDocs: number;
}

interface DocFreqs {
  numDocs: number;
  docFreq: Float64Array | null;
}

export class IDF extends Estimator<IDFModel> {
  readonly className = "IDF";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, MIN_DOC_FREQ);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getMinDocFreq(): number { return this.get(MIN_DOC_FREQ); }
  setMinDocFreq(value: number): this { return this.set(MIN_DOC_FREQ, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): IDFModel {
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, docFreqAggregator(this.getInputCol(), this.getMinDocFreq()), "IDF");
    return new IDFModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function docFreqAggregator(inputCol: string, minDocFreq: number): BoundedAggregator<DocFreqs, IDFModelData> {
  return {
    createAccumulator: () => ({ numDocs: 0, docFreq: null }),
    add(acc, row) {
      const v = vectorAt(row, inputCol, "IDF");
      const df = (acc.docFreq ??= new Float64Array(v.size()));
      if (df.length !== v.size()) throw new Error(`IDF: vectors in column '${inputCol}' differ in size (${df.length} and ${v.size()})`);
      const values = v.values;
      if (v.kind === "dense") for (let i = 0; i < values.length; i++) df[i]! += values[i]! > 0 ? 1 : 0;
      else for (let p = 0; p < values.length; p++) df[v.indices[p]!]! += values[p]! > 0 ? 1 : 0;
      acc.numDocs++;
      return acc;
    },
    merge(a, b) {
      if (b.docFreq === null) return a;
      if (a.docFreq === null) return b;
      for (let i = 0; i < a.docFreq.length; i++) a.docFreq[i]! += b.docFreq[i]!;
      a.numDocs += b.numDocs;
      return a;
    },
    result({ numDocs, docFreq }) {
      if (numDocs === 0 || docFreq === null) throw new Error("IDF: the training set is empty — fit needs at least one row");
      const idf = new Float64Array(docFreq.length);
      const kept: number[] = new Array<number>(docFreq.length).fill(0);
      for (let i = 0; i < docFreq.length; i++) {
        if (docFreq[i]! < minDocFreq) continue;
        idf[i] = Math.log((numDocs + 1) / (docFreq[i]! + 1));
        kept[i] = docFreq[i]!;
      }
      return [{ idf: new DenseVector(idf), docFreq: kept, numDocs }];
    },
  };
}

export class IDFModel extends RowMapModel<IDFModelData> {
  readonly className = "IDFModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected mapperFactory(): (modelData: readonly IDFModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return ([data]) => {
      const idf = data!.idf;
      return (row) => {
        const out = vectorAt(row, inputCol, "IDFModel").clone();
        hDot(idf, out);
        return withColumn(row, outputCol, out);
      };
    };
  }
}

registerStage("IDF", () => new IDF());
registerStage("IDFModel", () => new IDFModel());
