// The hot loop of SGD: the weighted loss and gradient of a linear model over a run of dense points. Four points at a
// time: their four dot products run as four independent chains (each still adds its coordinates in order, so each dot
// has the bits of a plain loop), and their four updates of the gradient go into one pass over it, added in point order
// — so the sums have the bits of the one-point-at-a-time loop (test/ml/common/optimizer/sum-gradient.test.ts checks
// this). Why: one dot is a chain of dependent additions, and a point's update reads and writes the whole gradient;
// four chains keep the floating-point units busy and a quarter of the gradient traffic remains (200 000 × 20, 10
// epochs: 0.20 → 0.15 s in one process; see docs/ml.md).
import type { LossFunc } from "../lossfunc/loss-func.js";

/**
 * Adds to `sums` (dim + 2 values, the gradient then the total weight and the total loss) the points [start, end):
 * features[i] (dim values), labels[i], weights[i], at `coefficient`. A point whose weighted derivative is 0 adds
 * nothing to the gradient (not even 0 · its features, which matters for infinite features).
 */
export function sumGradient(
  loss: LossFunc,
  features: readonly Float64Array[],
  labels: Float64Array,
  weights: Float64Array,
  coefficient: Float64Array,
  start: number,
  end: number,
  sums: Float64Array,
): void {
  const dim = coefficient.length;
  let totalWeight = sums[dim]!;
  let totalLoss = sums[dim + 1]!;
  let i = start;
  for (; i + 3 < end; i += 4) {
    const a = features[i]!;
    const b = features[i + 1]!;
    const c = features[i + 2]!;
    const d = features[i + 3]!;
    let dotA = 0;
    let dotB = 0;
    let dotC = 0;
    let dotD = 0;
    for (let j = 0; j < dim; j++) {
      const w = coefficient[j]!;
      dotA += a[j]! * w;
      dotB += b[j]! * w;
      dotC += c[j]! * w;
      dotD += d[j]! * w;
    }
    const weightA = weights[i]!;
    const weightB = weights[i + 1]!;
    const weightC = weights[i + 2]!;
    const weightD = weights[i + 3]!;
    const labelA = labels[i]!;
    const labelB = labels[i + 1]!;
    const labelC = labels[i + 2]!;
    const labelD = labels[i + 3]!;
    // in point order, as the one-point loop adds them
    totalLoss += weightA * loss.loss(dotA, labelA);
    totalWeight += weightA;
    totalLoss += weightB * loss.loss(dotB, labelB);
    totalWeight += weightB;
    totalLoss += weightC * loss.loss(dotC, labelC);
    totalWeight += weightC;
    totalLoss += weightD * loss.loss(dotD, labelD);
    totalWeight += weightD;
    const mA = weightA * loss.derivative(dotA, labelA);
    const mB = weightB * loss.derivative(dotB, labelB);
    const mC = weightC * loss.derivative(dotC, labelC);
    const mD = weightD * loss.derivative(dotD, labelD);
    if (mA !== 0 && mB !== 0 && mC !== 0 && mD !== 0) {
      // left to right: ((((s + mA·a) + mB·b) + mC·c) + mD·d), the one-point loop's order
      for (let j = 0; j < dim; j++) sums[j] = sums[j]! + mA * a[j]! + mB * b[j]! + mC * c[j]! + mD * d[j]!;
    } else {
      if (mA !== 0) for (let j = 0; j < dim; j++) sums[j]! += mA * a[j]!;
      if (mB !== 0) for (let j = 0; j < dim; j++) sums[j]! += mB * b[j]!;
      if (mC !== 0) for (let j = 0; j < dim; j++) sums[j]! += mC * c[j]!;
      if (mD !== 0) for (let j = 0; j < dim; j++) sums[j]! += mD * d[j]!;
    }
  }
  for (; i < end; i++) {
    const x = features[i]!;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += x[j]! * coefficient[j]!;
    const w = weights[i]!;
    const label = labels[i]!;
    totalLoss += w * loss.loss(dot, label);
    totalWeight += w;
    const multiplier = w * loss.derivative(dot, label);
    if (multiplier !== 0) for (let j = 0; j < dim; j++) sums[j]! += multiplier * x[j]!;
  }
  sums[dim] = totalWeight;
  sums[dim + 1] = totalLoss;
}
