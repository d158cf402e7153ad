// CountVectorizer: learns a vocabulary from arrays of terms and turns each array into a sparse vector of term counts
// (Flink ML's CountVectorizer). Flink ML orders the vocabulary by document frequency (the documents a term occurs
// in), highest first — not by count across the corpus as its param text and Spark say — and keeps the first
// vocabularySize terms; ties go alphabetically here (a hash map's order in Flink ML). minDF / maxDF filter terms by
// document frequency (≥ 1: a count, < 1: a fraction of the documents); minTF drops terms rare within a document.
// scikit-learn orders its vocabulary alphabetically and picks max_features by corpus count.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { describeValue, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { SparseVector } from "../linalg/sparse-vector.js";
import { BINARY } from "./hashing-tf.js";

export const VOCABULARY_SIZE = Params.int("vocabularySize", "Max size of the vocabulary.", 1 << 18, ParamValidators.gt(0));
export const MIN_DF = Params.double("minDF", "Minimum number (>= 1) or fraction (< 1) of documents a term must appear in.", 1.0, ParamValidators.gtEq(0));
export const MAX_DF = Params.double("maxDF", "Maximum number (>= 1) or fraction (< 1) of documents a term may appear in.", 2 ** 63 - 1, ParamValidators.gtEq(0));
export const MIN_TF = Params.double("minTF", "Minimum count (>= 1) or fraction (< 1) of a document's tokens for a term to count in it.", 1.0, ParamValidators.gtEq(0));

export interface CountVectorizerModelData {
  readonly vocabulary: string[];
}

function termsAt(row: Row, col: string, stage: string): string[] {
  const terms = row[col];
  if (!Array.isArray(terms)) throw new Error(`${stage}: column '${col}' must hold an array of strings, got ${describeValue(terms)}`);
  return terms as string[];
}

export class CountVectorizer extends Estimator<CountVectorizerModel> {
  readonly className = "CountVectorizer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, VOCABULARY_SIZE, MIN_DF, MAX_DF, MIN_TF, BINARY);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getVocabularySize(): number { return this.get(VOCABULARY_SIZE); }
  setVocabularySize(value: number): this { return this.set(VOCABULARY_SIZE, value); }
  getMinDF(): number { return this.get(MIN_DF); }
  setMinDF(value: number): this { return this.set(MIN_DF, value); }
  getMaxDF(): number { return this.get(MAX_DF); }
  setMaxDF(value: number): this { return this.set(MAX_DF, value); }
  getMinTF(): number { return this.get(MIN_TF); }
  setMinTF(value: number): this { return this.set(MIN_TF, value); }
  getBinary(): boolean { return this.get(BINARY); }
  setBinary(value: boolean): this { return this.set(BINARY, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): CountVectorizerModel {
    this.expectInputs(inputs, 1);
    const inputCol = this.getInputCol();
    const minDF = this.getMinDF();
    const maxDF = this.getMaxDF();
    const vocabularySize = this.getVocabularySize();
    // per term: [count in the corpus, documents containing it]
    const aggregator: BoundedAggregator<{ docs: number; terms: Map<string, [number, number]> }, CountVectorizerModelData> = {
      createAccumulator: () => ({ docs: 0, terms: new Map() }),
      add(acc, row) {
        const counts = new Map<string, number>();
        for (const term of termsAt(row, inputCol, "CountVectorizer")) counts.set(term, (counts.get(term) ?? 0) + 1);
        for (const [term, n] of counts) {
          const entry = acc.terms.get(term);
          if (entry === undefined) acc.terms.set(term, [n, 1]);
          else {
            entry[0] += n;
            entry[1] += 1;
          }
        }
        acc.docs++;
        return acc;
      },
      merge(a, b) {
        for (const [term, [n, d]] of b.terms) {
          const entry = a.terms.get(term);
          if (entry === undefined) a.terms.set(term, [n, d]);
          else {
            entry[0] += n;
            entry[1] += d;
          }
        }
        a.docs += b.docs;
        return a;
      },
      result({ docs, terms }) {
        if (docs === 0) throw new Error("CountVectorizer: the training set is empty — fit needs at least one row");
        const low = minDF >= 1 ? minDF : minDF * docs;
        const high = maxDF >= 1 ? maxDF : maxDF * docs;
        if (high < low) throw new Error(`CountVectorizer: maxDF (${maxDF}) must be >= minDF (${minDF}) — as document counts: ${high} < ${low}`);
        const kept = [...terms].filter(([, [, df]]) => df >= low && df <= high);
        kept.sort((x, y) => y[1][1] - x[1][1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
        return [{ vocabulary: kept.slice(0, vocabularySize).map(([term]) => term) }];
      },
    };
    return new CountVectorizerModel().setModelData(aggregateBounded(inputs[0]!, aggregator, "CountVectorizer")).updateExistingParams(this.getParamMap());
  }
}

export class CountVectorizerModel extends RowMapModel<CountVectorizerModelData> {
  readonly className = "CountVectorizerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, MIN_TF, BINARY);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getMinTF(): number { return this.get(MIN_TF); }
  setMinTF(value: number): this { return this.set(MIN_TF, value); }
  getBinary(): boolean { return this.get(BINARY); }
  setBinary(value: boolean): this { return this.set(BINARY, value); }

  protected mapperFactory(): (modelData: readonly CountVectorizerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const minTF = this.getMinTF();
    const binary = this.getBinary();
    return ([data]) => {
      const index = new Map(data!.vocabulary.map((term, i) => [term, i]));
      const size = index.size;
      return (row) => {
        const terms = termsAt(row, inputCol, "CountVectorizerModel");
        const counts = new Map<number, number>();
        for (const term of terms) {
          const i = index.get(term);
          if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
        }
        const threshold = minTF >= 1 ? minTF : terms.length * minTF;
        const indices: number[] = [];
        const values: number[] = [];
        for (const [i, n] of counts) {
          if (n < threshold) continue;
          indices.push(i);
          values.push(binary ? 1 : n);
        }
        return withColumn(row, outputCol, new SparseVector(size, indices, values));
      };
    };
  }
}

registerStage("CountVectorizer", () => new CountVectorizer());
registerStage("CountVectorizerModel", () => new CountVectorizerModel());
