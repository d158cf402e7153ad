// The benchmark's points: seeded Gaussian blobs, generated the same in every worker.

/** Seeded Gaussian blobs: k centres in [−0.3, 0.3]^d, unit spread (they overlap: Lloyd keeps moving). */
export function blobs(n: number, d: number, k: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const centres = Float64Array.from({ length: k * d }, () => uniform() * 0.6 - 0.3);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    for (let j = 0; j < d; j++) x[i * d + j] = centres[c * d + j]! + gauss();
  }
  return x;
}
