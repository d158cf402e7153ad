// The Lloyd kernel: its WebAssembly SIMD path and its scalar twin give the same bits, both agree with findClosest
// (what a KMeansModel predicts with) to the bit, and a hand-computed step and brute-force distances check the answers.
import test from "ava";
import fc from "fast-check";
import { LloydKernel } from "../../../../ml/linalg/kernels/lloyd-kernel.js";
import { distanceMeasure, rowNorms } from "../../../../ml/common/distance/distance-measure.js";

interface Step {
  sums: Float64Array;
  counts: Float64Array;
}

function runStep(points: Float64Array, n: number, dim: number, centroids: Float64Array, k: number, simd: boolean): Step {
  const kernel = new LloydKernel(dim, { simd });
  for (let i = 0; i < n; i++) kernel.add(points, i * dim);
  const sums = new Float64Array(k * dim).fill(NaN);
  const counts = new Float64Array(k).fill(NaN);
  kernel.step(centroids, rowNorms(centroids, k, dim), k, sums, counts);
  return { sums, counts };
}

/** The step written with findClosest, in point order: the reference the kernel must match bit for bit. */
function findClosestStep(points: Float64Array, n: number, dim: number, centroids: Float64Array, k: number): Step {
  const euclidean = distanceMeasure("euclidean");
  const norms = rowNorms(points, n, dim);
  const cNorms = rowNorms(centroids, k, dim);
  const sums = new Float64Array(k * dim);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = euclidean.findClosest(centroids, cNorms, k, points, i * dim, norms[i]!, dim);
    for (let j = 0; j < dim; j++) sums[c * dim + j]! += points[i * dim + j]!;
    counts[c]!++;
  }
  return { sums, counts };
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

test("this Node has WebAssembly SIMD, so the kernel runs it (else the scalar twin would be tested twice)", (t) => {
  t.true(new LloydKernel(3).simd);
  t.false(new LloydKernel(3, { simd: false }).simd);
});

test("a hand-computed step: 1-D points 0, 1, 9, 10 and centroids 0, 10 give sums 1 and 19, counts 2 and 2", (t) => {
  for (const simd of [true, false]) {
    const { sums, counts } = runStep(Float64Array.of(0, 1, 9, 10), 4, 1, Float64Array.of(0, 10), 2, simd);
    t.deepEqual([...sums], [1, 19]);
    t.deepEqual([...counts], [2, 2]);
  }
});

test("equidistant points go to the first centroid, as findClosest's strict < does", (t) => {
  for (const simd of [true, false]) {
    const { counts } = runStep(Float64Array.of(5, 5, 5), 3, 1, Float64Array.of(0, 10, 10), 3, simd);
    t.deepEqual([...counts], [3, 0, 0]);
  }
});

test("SIMD, scalar and findClosest agree to the bit; assignments are the brute-force nearest centroids", (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }), // dim: odd ones exercise the padding
      fc.integer({ min: 1, max: 11 }), // k: blocks of 4 and the rest
      fc.integer({ min: 0, max: 700 }), // n: odd counts, and more than one block of 256
      fc.integer(),
      (dim, k, n, seed) => {
        let s = seed >>> 0;
        const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 200 - 100;
        const points = Float64Array.from({ length: n * dim }, next);
        const centroids = Float64Array.from({ length: k * dim }, next);
        const simd = runStep(points, n, dim, centroids, k, true);
        const scalar = runStep(points, n, dim, centroids, k, false);
        const reference = findClosestStep(points, n, dim, centroids, k);
        if (!sameBits(simd.sums, scalar.sums) || !sameBits(simd.counts, scalar.counts)) return false;
        if (!sameBits(simd.sums, reference.sums) || !sameBits(simd.counts, reference.counts)) return false;
        // brute force: exact squared distances; the counts agree unless two centroids are within rounding of a tie
        const brute = new Float64Array(k);
        for (let i = 0; i < n; i++) {
          const d = Array.from({ length: k }, (_, c) => {
            let sq = 0;
            for (let j = 0; j < dim; j++) sq += (points[i * dim + j]! - centroids[c * dim + j]!) ** 2;
            return sq;
          });
          const sorted = [...d].sort((a, b) => a - b);
          if (k > 1 && sorted[1]! - sorted[0]! < 1e-6 * (1 + sorted[0]!)) return true; // a near-tie: rounding decides
          brute[d.indexOf(sorted[0]!)]!++;
        }
        return sameBits(brute, simd.counts);
      },
    ),
    { numRuns: 150 },
  );
  t.pass();
});

test("points added after a step are in the next one; rows are copied, so changing the input afterwards changes nothing", (t) => {
  const kernel = new LloydKernel(2);
  const row = Float64Array.of(1, 1);
  kernel.add(row);
  row[0] = 100;
  const sums = new Float64Array(2);
  const counts = new Float64Array(1);
  kernel.step(Float64Array.of(0, 0), Float64Array.of(0), 1, sums, counts);
  t.deepEqual([...sums, ...counts], [1, 1, 1]);
  kernel.add(Float64Array.of(2, 3));
  kernel.step(Float64Array.of(0, 0), Float64Array.of(0), 1, sums, counts);
  t.deepEqual([...sums, ...counts], [3, 4, 2]);
});
