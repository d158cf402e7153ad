// FTRL-Proximal on global mini-batches, exactly as Flink ML's OnlineLogisticRegression applies it (H. B. McMahan et
// al., "Ad click prediction: a view from the trenches", KDD 2013): the logistic loss gradient of a batch is averaged
// per feature — over every row for dense features, over the rows' weights where a sparse row has the feature — and
// the per-coordinate z/n accumulators give the new coefficients. Model versions count from 1 (the first batch's
// model); the initial model is not emitted, as in Flink ML.
import { dot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import type { OnlineLearner } from "./operators/mini-batch-update-operator.js";
import type { MiniBatchChunk } from "./mini-batch.js";

/** A model version of OnlineLogisticRegression (Flink ML's LogisticRegressionModelData). */
export interface LogisticRegressionModelData {
  readonly coefficient: DenseVector;
  readonly modelVersion: number;
}

export interface FtrlSettings {
  readonly alpha: number;
  readonly beta: number;
  /** reg · elasticNet */
  readonly l1: number;
  /** reg · (1 − elasticNet) */
  readonly l2: number;
}

interface SavedFtrl {
  readonly coefficient: Float64Array | null;
  readonly z: Float64Array | null;
  readonly n: Float64Array | null;
  readonly nextVersion: number;
}

export class FtrlLearner implements OnlineLearner<LogisticRegressionModelData> {
  private coefficient: DenseVector | null = null;
  private z: Float64Array | null = null;
  private n: Float64Array | null = null;
  private nextVersion = 1;

  constructor(
    private readonly stageName: string,
    private readonly settings: FtrlSettings,
  ) {}

  hasModel(): boolean {
    return this.coefficient !== null;
  }

  initialize(record: unknown): null {
    const coefficient = (record as Partial<LogisticRegressionModelData> | null)?.coefficient;
    if (!(coefficient instanceof DenseVector)) {
      throw new Error(`${this.stageName}: the initial model data must be { coefficient: DenseVector }, got ${JSON.stringify(record)}`);
    }
    this.coefficient = coefficient.clone();
    return null;
  }

  update(batch: MiniBatchChunk): LogisticRegressionModelData {
    const coefficient = this.coefficient!;
    const coef = coefficient.values;
    const dim = coef.length;
    const gradient = new Float64Array(dim);
    const weightSum = new Float64Array(dim);
    const { features, labels, weights } = batch;
    // 1. the batch's gradient of the logistic loss at the current model, summed per feature
    for (let r = 0; r < features.length; r++) {
      const x = features[r]!;
      if (x.size() !== dim) throw new Error(`${this.stageName}: a feature vector has ${x.size()} entries, the model ${dim}`);
      const p = 1 / (1 + Math.exp(-dot(coefficient, x)));
      const residual = p - labels![r]!;
      const xv = x.values;
      if (x.kind === "dense") {
        for (let i = 0; i < dim; i++) {
          gradient[i]! += residual * xv[i]!;
          weightSum[i]! += 1; // why not the row's weight: Flink ML counts dense rows as 1 (and weighs only sparse ones)
        }
      } else {
        const weight = weights === null ? 1 : weights[r]!;
        const xi = x.indices;
        for (let p2 = 0; p2 < xi.length; p2++) {
          gradient[xi[p2]!]! += residual * xv[p2]!;
          weightSum[xi[p2]!]! += weight;
        }
      }
    }
    // 2. averaged per feature
    for (let i = 0; i < dim; i++) if (weightSum[i] !== 0) gradient[i]! /= weightSum[i]!;
    if (this.z === null) {
      this.z = new Float64Array(dim);
      this.n = new Float64Array(dim);
    }
    // 3. FTRL-Proximal's per-coordinate update
    const { alpha, beta, l1, l2 } = this.settings;
    const z = this.z;
    const n = this.n!;
    for (let i = 0; i < dim; i++) {
      const g = gradient[i]!;
      const sigma = (Math.sqrt(n[i]! + g * g) - Math.sqrt(n[i]!)) / alpha;
      z[i]! += g - sigma * coef[i]!;
      n[i]! += g * g;
      coef[i] = Math.abs(z[i]!) <= l1 ? 0 : ((z[i]! < 0 ? -1 : 1) * l1 - z[i]!) / ((beta + Math.sqrt(n[i]!)) / alpha + l2);
    }
    return { coefficient: coefficient.clone(), modelVersion: this.nextVersion++ };
  }

  snapshot(): SavedFtrl {
    return { coefficient: this.coefficient?.values ?? null, z: this.z, n: this.n, nextVersion: this.nextVersion };
  }

  restore(saved: unknown): void {
    const s = saved as SavedFtrl;
    this.coefficient = s.coefficient === null ? null : new DenseVector(s.coefficient);
    this.z = s.z;
    this.n = s.n;
    this.nextVersion = s.nextVersion;
  }
}
