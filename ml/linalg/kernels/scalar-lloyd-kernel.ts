// The scalar twin of the WebAssembly Lloyd kernel (./lloyd-kernel-module.ts): the same two functions on the same byte
// layout, in JavaScript, with the same order of operations — two partial sums per dot (even and odd coordinates)
// added at the end — so it gives the same bits. Used where WebAssembly SIMD is missing, and by the tests as the check.

export interface LloydKernelFunctions {
  /** out[i·k + c] = points[i] · centroids[c]; rows of `stride` bytes (even dim), every address in bytes. */
  dots(points: number, n: number, stride: number, centroids: number, k: number, out: number): void;
  /** sums[assign[i]] += points[i]; assign holds an i32 per point. */
  accumulate(points: number, n: number, stride: number, assign: number, sums: number): void;
}

export function scalarLloydKernel(buffer: () => ArrayBuffer): LloydKernelFunctions {
  return {
    dots(points, n, stride, centroids, k, out) {
      const f = new Float64Array(buffer());
      const width = stride >> 3;
      const p0 = points >> 3;
      const c0 = centroids >> 3;
      const o0 = out >> 3;
      for (let i = 0; i < n; i++) {
        const p = p0 + i * width;
        for (let c = 0; c < k; c++) {
          const q = c0 + c * width;
          let even = 0;
          let odd = 0;
          for (let j = 0; j < width; j += 2) {
            even += f[p + j]! * f[q + j]!;
            odd += f[p + j + 1]! * f[q + j + 1]!;
          }
          f[o0 + i * k + c] = even + odd;
        }
      }
    },
    accumulate(points, n, stride, assign, sums) {
      const f = new Float64Array(buffer());
      const a = new Int32Array(buffer());
      const width = stride >> 3;
      for (let i = 0; i < n; i++) {
        const p = (points >> 3) + i * width;
        const s = (sums >> 3) + a[(assign >> 2) + i]! * width;
        for (let j = 0; j < width; j++) f[s + j]! += f[p + j]!;
      }
    },
  };
}
