// BinaryClassificationEvaluator (Flink ML's): areaUnderROC, areaUnderPR, ks and areaUnderLorenz of scores against
// 0/1 labels, optionally weighted; the output is one row with a column per metric in metricsNames. The score is
// rawPrediction[1] when rawPrediction holds a vector, else the number itself; a label counts as positive when it is 1.
// Samples are visited by descending score and every curve is integrated with trapezoids from its start point (ROC
// (0, 0), PR (recall 0, precision 1), Lorenz (0, 0)); ks is max |FPR − TPR|. Samples with equal scores form one
// step, as in scikit-learn — Flink ML steps through them one by one, in whatever order they arrived, so its result
// for tied scores depends on that order. Flink ML range-partitions the samples to sort them in parallel; here they
// are sorted in one subtask.
import type { DataStream } from "../../runtime/index.js";
import { AlgoOperator } from "../core/algo-operator.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { describeValue, numberAt } from "../core/columns.js";
import { asRowStreams, type Row } from "../core/row.js";
import { LABEL_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { isVector } from "../linalg/vector.js";
import { RAW_PREDICTION_COL, WEIGHT_COL } from "../common/training-params.js";
import { BINARY_CLASSIFICATION_EVALUATOR_PARAMS, type BinaryMetricName, METRICS_NAMES } from "./binary-classification-evaluator-params.js";

interface Samples {
  scores: number[];
  positives: number[];
  weights: number[];
}

export type BinaryMetrics = Record<BinaryMetricName, number>;

export class BinaryClassificationEvaluator extends AlgoOperator {
  readonly className = "BinaryClassificationEvaluator";

  constructor() {
    super();
    this.declareParams(...BINARY_CLASSIFICATION_EVALUATOR_PARAMS);
  }

  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getWeightCol(): string | null { return this.get(WEIGHT_COL); }
  setWeightCol(value: string | null): this { return this.set(WEIGHT_COL, value as string); }
  getMetricsNames(): BinaryMetricName[] { return this.get(METRICS_NAMES) as BinaryMetricName[]; }
  setMetricsNames(...value: BinaryMetricName[]): this { return this.set(METRICS_NAMES, value); }

  transform<T extends Row>(...typed: DataStream<T>[]): DataStream<Row>[] {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const labelCol = this.getLabelCol();
    const rawCol = this.getRawPredictionCol();
    const weightCol = this.getWeightCol();
    const names = this.getMetricsNames();
    const samples: BoundedAggregator<Samples, Row> = {
      createAccumulator: () => ({ scores: [], positives: [], weights: [] }),
      add(acc, row) {
        acc.scores.push(scoreOf(row, rawCol));
        acc.positives.push(numberAt(row, labelCol, "BinaryClassificationEvaluator") === 1 ? 1 : 0);
        acc.weights.push(weightCol === null ? 1 : numberAt(row, weightCol, "BinaryClassificationEvaluator"));
        return acc;
      },
      merge(a, b) {
        for (let i = 0; i < b.scores.length; i++) {
          a.scores.push(b.scores[i]!);
          a.positives.push(b.positives[i]!);
          a.weights.push(b.weights[i]!);
        }
        return a;
      },
      result(acc) {
        const metrics = binaryMetrics(acc.scores, acc.positives, acc.weights);
        return [Object.fromEntries(names.map((n) => [n, metrics[n]]))];
      },
    };
    return [aggregateBounded(inputs[0]!, samples, "BinaryClassificationEvaluator")];
  }
}

function scoreOf(row: Row, col: string): number {
  const raw = row[col];
  if (typeof raw === "number") return raw;
  if (isVector(raw) && raw.size() >= 2) return raw.kind === "dense" ? raw.values[1]! : raw.toDense().values[1]!;
  throw new Error(`BinaryClassificationEvaluator: column '${col}' must hold a score or a vector of two or more (rawPrediction[1] is the score), got ${describeValue(raw)}`);
}

/** The four metrics of weighted scores (positives[i] ∈ {0, 1}), visiting them by descending score, ties as one step. */
export function binaryMetrics(scores: readonly number[], positives: readonly number[], weights: readonly number[]): BinaryMetrics {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]!);
  let totalPos = 0;
  let totalNeg = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positives[i] === 1) totalPos += weights[i]!;
    else totalNeg += weights[i]!;
  }
  const total = totalPos + totalNeg;
  // Flink ML's conventions for empty classes: a rate over no weight is 1
  const tprOf = (tp: number) => (totalPos === 0 ? 1 : tp / totalPos);
  const fprOf = (fp: number) => (totalNeg === 0 ? 1 : fp / totalNeg);
  const precisionOf = (tp: number, fp: number) => (tp + fp === 0 ? 1 : tp / (tp + fp));
  let tp = 0;
  let fp = 0;
  let [tpr, fpr, precision, positiveRate] = [tprOf(0), fprOf(0), 1, 0];
  const m: BinaryMetrics = { areaUnderROC: 0, areaUnderPR: 0, ks: 0, areaUnderLorenz: 0 };
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k]!]!;
    for (; k < order.length && scores[order[k]!] === score; k++) {
      const i = order[k]!;
      if (positives[i] === 1) tp += weights[i]!;
      else fp += weights[i]!;
    }
    const nextTpr = tprOf(tp);
    const nextFpr = fprOf(fp);
    const nextPrecision = precisionOf(tp, fp);
    const nextRate = (tp + fp) / total;
    m.areaUnderROC += ((nextFpr - fpr) * (nextTpr + tpr)) / 2;
    m.areaUnderLorenz += ((nextRate - positiveRate) * (nextTpr + tpr)) / 2;
    m.areaUnderPR += ((nextTpr - tpr) * (nextPrecision + precision)) / 2;
    m.ks = Math.max(m.ks, Math.abs(nextFpr - nextTpr));
    [tpr, fpr, precision, positiveRate] = [nextTpr, nextFpr, nextPrecision, nextRate];
  }
  return m;
}

registerStage("BinaryClassificationEvaluator", () => new BinaryClassificationEvaluator());
