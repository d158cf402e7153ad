// The SGD optimizer on the runtime's iterations: full-batch results do not depend on the parallelism, mini-batches
// follow Flink ML's round-robin rule (each step takes the next globalBatchSize cached points, wrapping around), and each
// loss's gradient is its derivative.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { BinaryLogisticLoss } from "../../../../ml/common/lossfunc/binary-logistic-loss.js";
import { HingeLoss } from "../../../../ml/common/lossfunc/hinge-loss.js";
import { LeastSquareLoss } from "../../../../ml/common/lossfunc/least-square-loss.js";
import type { LossFunc } from "../../../../ml/common/lossfunc/loss-func.js";
import type { LabeledPoint } from "../../../../ml/common/optimizer/labeled-point.js";
import { SGD, type SgdParams } from "../../../../ml/common/optimizer/sgd.js";
import { DenseVector } from "../../../../ml/linalg/dense-vector.js";
import { SparseVector } from "../../../../ml/linalg/sparse-vector.js";
import { assertProperty } from "../../../helpers/property.js";
import { assertClose, env } from "../../fixtures/train/fixtures.js";

async function optimize(points: LabeledPoint[], dim: number, params: SgdParams, loss: LossFunc, parallelism: number): Promise<Float64Array> {
  const e = env(parallelism);
  const init = e.fromCollection([new DenseVector(dim)]);
  const [out] = await new SGD(params).optimize(init, e.fromCollection(points), loss).executeAndCollect();
  return out!.values;
}

const losses = { BinaryLogisticLoss, HingeLoss, LeastSquareLoss } as const;

const datasets = fc.integer({ min: 1, max: 4 }).chain((dim) =>
  fc.record({
    dim: fc.constant(dim),
    points: fc.array(
      fc.record({
        features: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: dim, maxLength: dim }),
        label: fc.integer({ min: 0, max: 1 }),
        weight: fc.double({ min: 0.1, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    loss: fc.constantFrom<keyof typeof losses>("BinaryLogisticLoss", "HingeLoss", "LeastSquareLoss"),
    reg: fc.constantFrom(0, 0.1),
    elasticNet: fc.constantFrom(0, 0.5, 1),
  }),
);

test("full-batch SGD gives the same coefficient (within 1e-9) at parallelism 1, 2 and 4", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(datasets, async (d) => {
      const points: LabeledPoint[] = d.points.map((p) => ({ features: new DenseVector(Float64Array.from(p.features)), label: p.label, weight: p.weight }));
      const params: SgdParams = { maxIter: 8, learningRate: 0.1, globalBatchSize: 1000, tol: 0, reg: d.reg, elasticNet: d.elasticNet };
      const one = await optimize(points, d.dim, params, losses[d.loss], 1);
      const two = await optimize(points, d.dim, params, losses[d.loss], 2);
      const four = await optimize(points, d.dim, params, losses[d.loss], 4);
      assertClose(two, one, 1e-9, "p=2 vs p=1");
      assertClose(four, one, 1e-9, "p=4 vs p=1");
    }),
    { numRuns: 15, file: import.meta.url },
  );
});

/** Flink ML's mini-batch SGD at parallelism 1, written out: batch k is the next globalBatchSize points, wrapping. */
function miniBatchReference(points: readonly LabeledPoint[], dim: number, params: SgdParams, loss: LossFunc): Float64Array {
  const c = new Float64Array(dim);
  let offset = 0;
  for (let step = 0; step < params.maxIter; step++) {
    const batch = points.slice(offset, Math.min(offset + params.globalBatchSize, points.length));
    offset = offset + params.globalBatchSize >= points.length ? 0 : offset + params.globalBatchSize;
    const g = new Float64Array(dim);
    let weight = 0;
    for (const p of batch) {
      const x = p.features.toDense().values;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += x[j]! * c[j]!;
      for (let j = 0; j < dim; j++) g[j]! += p.weight * loss.derivative(dot, p.label) * x[j]!;
      weight += p.weight;
    }
    for (let j = 0; j < dim; j++) c[j]! -= (params.learningRate / weight) * g[j]!;
  }
  return c;
}

test("mini-batches at parallelism 1 take the next globalBatchSize points, round-robin, and sparse features count as dense", async (t) => {
  // 7 points, batches of 3: [0,3) [3,6) [6,7) [0,3) … — the short batch at the end is Flink ML's, not a wrapped one
  const points: LabeledPoint[] = Array.from({ length: 7 }, (_, i) => ({
    features: i % 2 === 0 ? new DenseVector(Float64Array.of(i / 7, 1 - i / 5, 0)) : new SparseVector(3, Int32Array.of(0, 2), Float64Array.of(i / 3, -1)),
    label: i % 3 === 0 ? 1 : 0,
    weight: 1 + (i % 2),
  }));
  const params: SgdParams = { maxIter: 5, learningRate: 0.5, globalBatchSize: 3, tol: 0, reg: 0, elasticNet: 0 };
  for (const loss of [BinaryLogisticLoss, LeastSquareLoss]) {
    assertClose(await optimize(points, 3, params, loss, 1), miniBatchReference(points, 3, params, loss), 1e-12, loss.name);
  }
  t.pass();
});

test("each loss's derivative is the slope of its loss (central differences)", (t) => {
  for (const loss of Object.values(losses)) {
    for (const label of [0, 1, 0.3]) {
      for (const dot of [-2.1, -0.4, 0.35, 1.7]) {
        if (loss === HingeLoss && label === 0.3) continue;
        const h = 1e-6;
        const slope = (loss.loss(dot + h, label) - loss.loss(dot - h, label)) / (2 * h);
        assert.ok(Math.abs(slope - loss.derivative(dot, label)) < 1e-6, `${loss.name} at dot ${dot}, label ${label}: ${slope} vs ${loss.derivative(dot, label)}`);
      }
    }
  }
  t.is(HingeLoss.loss(0.5, 1), 0.5);
  t.is(HingeLoss.derivative(1.5, 1), 0);
  t.is(LeastSquareLoss.loss(3, 1), 2);
  t.is(BinaryLogisticLoss.loss(0, 1), Math.log(2));
});
