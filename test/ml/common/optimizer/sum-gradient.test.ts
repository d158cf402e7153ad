// SGD's four-points-at-a-time gradient loop gives the bits of the one-point-at-a-time loop (the reference below, the
// loop ComputeGradientOperator ran before), for every loss, any run [start, end), zero derivatives and weights, and
// infinite features (0 · ∞ must not reach the gradient).
import test from "ava";
import fc from "fast-check";
import { BinaryLogisticLoss } from "../../../../ml/common/lossfunc/binary-logistic-loss.js";
import { HingeLoss } from "../../../../ml/common/lossfunc/hinge-loss.js";
import { LeastSquareLoss } from "../../../../ml/common/lossfunc/least-square-loss.js";
import type { LossFunc } from "../../../../ml/common/lossfunc/loss-func.js";
import { sumGradient } from "../../../../ml/common/optimizer/sum-gradient.js";

/** The reference: one point at a time, the dot in coordinate order, the gradient updated point after point. */
function referenceSums(loss: LossFunc, features: Float64Array[], labels: Float64Array, weights: Float64Array, coefficient: Float64Array, start: number, end: number): Float64Array {
  const dim = coefficient.length;
  const sums = new Float64Array(dim + 2);
  let totalWeight = 0;
  let totalLoss = 0;
  for (let i = start; i < end; i++) {
    const x = features[i]!;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += x[j]! * coefficient[j]!;
    totalLoss += weights[i]! * loss.loss(dot, labels[i]!);
    totalWeight += weights[i]!;
    const multiplier = weights[i]! * loss.derivative(dot, labels[i]!);
    if (multiplier !== 0) for (let j = 0; j < dim; j++) sums[j]! += multiplier * x[j]!;
  }
  sums[dim] = totalWeight;
  sums[dim + 1] = totalLoss;
  return sums;
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const losses = [BinaryLogisticLoss, HingeLoss, LeastSquareLoss];

test("the four-point loop and the one-point loop give the same bits", (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }), // dim
      fc.integer({ min: 0, max: 40 }), // points
      fc.nat(2), // loss
      fc.integer(), // seed of the values
      fc.nat(3), // points skipped at the start
      fc.nat(3), // and at the end
      (dim, n, lossIndex, seed, skipStart, skipEnd) => {
        // why a seeded generator, not fc.double: rounding must show, and fast-check's doubles favour round values
        let s = seed >>> 0;
        const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
        const specials = [0, -0, Number.POSITIVE_INFINITY, 1e-300, 1e300];
        const value = () => (uniform() < 0.03 ? specials[Math.floor(uniform() * specials.length)]! : uniform() * 20 - 10);
        const loss = losses[lossIndex]!;
        const features = Array.from({ length: n }, () => Float64Array.from({ length: dim }, value));
        const labels = Float64Array.from({ length: n }, () => [0, 1, 0.5, 3][Math.floor(uniform() * 4)]!);
        const weights = Float64Array.from({ length: n }, () => (uniform() < 0.1 ? 0 : uniform() * 5));
        const c = Float64Array.from({ length: dim }, () => uniform() * 2 - 1);
        const start = Math.min(n, skipStart);
        const end = Math.max(start, n - skipEnd);
        const sums = new Float64Array(dim + 2);
        sumGradient(loss, features, labels, weights, c, start, end, sums);
        return sameBits(sums, referenceSums(loss, features, labels, weights, c, start, end));
      },
    ),
    { numRuns: 400 },
  );
  t.pass();
});

test("a hand-computed batch: least squares, coefficient (1, 2), five points", (t) => {
  // dots 1, 2, 3, 0, 5; derivatives dot − label: 1, 2, 1, −1, 5; weights 1, 1, 2, 1, 0
  const features = [[1, 0], [0, 1], [1, 1], [0, 0], [1, 2]].map((f) => Float64Array.from(f));
  const labels = Float64Array.of(0, 0, 2, 1, 0);
  const weights = Float64Array.of(1, 1, 2, 1, 0);
  const sums = new Float64Array(4);
  sumGradient(LeastSquareLoss, features, labels, weights, Float64Array.of(1, 2), 0, 5, sums);
  // gradient: 1·(1,0) + 2·(0,1) + 2·1·(1,1) + (−1)·(0,0) = (3, 4); weight 5; loss ½(1 + 4 + 2·1 + 1) = 4
  t.deepEqual([...sums], [3, 4, 5, 4]);
});

test("a point whose weighted derivative is 0 adds nothing to the gradient, even with infinite features", (t) => {
  // logistic loss, label 1, dot +∞: derivative −1/(e^∞ + 1) = −0, so 0 · ∞ (NaN) must not be added; four points so
  // the four-point path sees it, then the same point alone (the one-point tail)
  const features = [Float64Array.of(1, 0), Float64Array.of(Number.POSITIVE_INFINITY, 1), Float64Array.of(0, 1), Float64Array.of(1, 1), Float64Array.of(Number.POSITIVE_INFINITY, 1)];
  const labels = Float64Array.of(1, 1, 1, 1, 1);
  const weights = Float64Array.of(1, 1, 1, 1, 1);
  for (const [start, end] of [[0, 4], [4, 5]] as const) {
    const sums = new Float64Array(4);
    sumGradient(BinaryLogisticLoss, features, labels, weights, Float64Array.of(1, 0), start, end, sums);
    t.true(sums.slice(0, 2).every(Number.isFinite), `points [${start}, ${end}): ${[...sums]}`);
  }
});
