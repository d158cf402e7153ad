// The WebAssembly SIMD module of the Lloyd step (KMeans' hot loop), emitted by TypeScript with ./wasm-encoder.ts. Points
// and centroids are rows of `stride` bytes (dim doubles padded with zeros to an even count, so every row is whole f64x2
// lanes). Two functions:
//   dots(points, n, stride, centroids, k, out)        out[i·k + c] = points[i] · centroids[c]
//   accumulate(points, n, stride, assign, sums)       sums[assign[i]] += points[i]   (assign: i32 per point)
// Each dot keeps two lanes of partial sums (even and odd coordinates) added at the end, lane 0 + lane 1 — the order the
// scalar fallback (./scalar-lloyd-kernel.ts) follows, so both give the same bits. `dots` is register-blocked, 2 points
// × 4 centroids (8 f64x2 accumulators; each loaded point lane feeds 4 multiply-adds, each centroid lane 2), the shape of
// a GEMM micro-kernel; the last k mod 4 centroids go as a pair, then one at a time.
import { encodeModule, I32, op, V128, type WasmFunction } from "./wasm-encoder.js";
import { webAssembly, type WasmMemory, type WasmModule } from "./webassembly-api.js";

// dots: params, then locals (indices fixed here so the emitted code reads like the pseudo-code above)
const P_POINTS = 0, P_N = 1, P_STRIDE = 2, P_CENTROIDS = 3, P_K = 4, P_OUT = 5;
const I = 6, C = 7, J = 8, PA = 9, PB = 10, OA = 11, OB = 12, K_BYTES = 13, C_OUT = 14, CA0 = 15, CA1 = 16, CA2 = 17, CA3 = 18;
const ACC = 19; // 8 v128 accumulators: ACC + p·4 + q for point p, centroid q
const LANE_P0 = 27, LANE_P1 = 28, LANE_C = 29;
const CENTROID_ADDRESS = [CA0, CA1, CA2, CA3];
const POINT_ADDRESS = [PA, PB];
const OUT_ADDRESS = [OA, OB];
const POINT_LANE = [LANE_P0, LANE_P1];

const add = (local: number, delta: number[]): number[] => [...op.get(local), ...delta, ...op.i32Add(), ...op.set(local)];
const addLocal = (local: number, other: number): number[] => add(local, op.get(other));
const addConst = (local: number, value: number): number[] => add(local, op.i32(value));

/** Dots of `points` points (at PA, PB) with `centroids` centroids (at CA0…) into out rows OA, OB at column C_OUT. */
function dotBlock(points: 1 | 2, centroids: 1 | 2 | 4): number[] {
  const code: number[] = [];
  for (let p = 0; p < points; p++) for (let q = 0; q < centroids; q++) code.push(...op.v128Zero(), ...op.set(ACC + p * 4 + q));
  for (let q = 1; q < centroids; q++) code.push(...op.get(CENTROID_ADDRESS[q - 1]!), ...op.get(P_STRIDE), ...op.i32Add(), ...op.set(CENTROID_ADDRESS[q]!));
  code.push(...op.i32(0), ...op.set(J), ...op.loop());
  for (let p = 0; p < points; p++) code.push(...op.get(POINT_ADDRESS[p]!), ...op.get(J), ...op.i32Add(), ...op.v128Load(), ...op.set(POINT_LANE[p]!));
  for (let q = 0; q < centroids; q++) {
    code.push(...op.get(CENTROID_ADDRESS[q]!), ...op.get(J), ...op.i32Add(), ...op.v128Load(), ...op.set(LANE_C));
    for (let p = 0; p < points; p++) {
      const acc = ACC + p * 4 + q;
      code.push(...op.get(acc), ...op.get(POINT_LANE[p]!), ...op.get(LANE_C), ...op.f64x2Mul(), ...op.f64x2Add(), ...op.set(acc));
    }
  }
  code.push(...addConst(J, 16), ...op.get(J), ...op.get(P_STRIDE), ...op.i32LtS(), ...op.brIf(0), ...op.end());
  for (let p = 0; p < points; p++) {
    for (let q = 0; q < centroids; q++) {
      const acc = ACC + p * 4 + q;
      code.push(...op.get(OUT_ADDRESS[p]!), ...op.get(C_OUT), ...op.i32Add());
      code.push(...op.get(acc), ...op.f64x2ExtractLane(0), ...op.get(acc), ...op.f64x2ExtractLane(1), ...op.f64Add(), ...op.f64Store(q * 8));
    }
  }
  return code;
}

/** `break` out of the enclosing block (depth 1 from inside its loop, 0 from the block itself) when local + step > limit. */
function breakIfPast(local: number, step: number, limit: number, depth = 1): number[] {
  return [...op.get(local), ...op.i32(step), ...op.i32Add(), ...op.get(limit), ...op.i32GtS(), ...op.brIf(depth)];
}

/** Every centroid against the current `points` points: blocks of 4, then the rest one at a time. */
function allCentroids(points: 1 | 2): number[] {
  return [
    ...op.i32(0), ...op.set(C), ...op.get(P_CENTROIDS), ...op.set(CA0), ...op.i32(0), ...op.set(C_OUT),
    ...op.block(), ...op.loop(),
    ...breakIfPast(C, 4, P_K),
    ...dotBlock(points, 4),
    ...addConst(C, 4), ...op.get(CA3), ...op.get(P_STRIDE), ...op.i32Add(), ...op.set(CA0), ...addConst(C_OUT, 32),
    ...op.br(0), ...op.end(), ...op.end(),
    // why a pair of centroids before the singles: k = 10 leaves 2, and a single centroid loads a point lane per
    // multiply-add (the pair shares each point lane between two)
    ...op.block(),
    ...breakIfPast(C, 2, P_K, 0),
    ...dotBlock(points, 2),
    ...addConst(C, 2), ...op.get(CA1), ...op.get(P_STRIDE), ...op.i32Add(), ...op.set(CA0), ...addConst(C_OUT, 16),
    ...op.end(),
    ...op.block(), ...op.loop(),
    ...breakIfPast(C, 1, P_K),
    ...dotBlock(points, 1),
    ...addConst(C, 1), ...addLocal(CA0, P_STRIDE), ...addConst(C_OUT, 8),
    ...op.br(0), ...op.end(), ...op.end(),
  ];
}

const dots: WasmFunction = {
  name: "dots",
  params: [I32, I32, I32, I32, I32, I32],
  locals: [...new Array<typeof I32>(13).fill(I32), ...new Array<typeof V128>(11).fill(V128)],
  body: [
    ...op.get(P_K), ...op.i32(8), ...op.i32Mul(), ...op.set(K_BYTES),
    ...op.i32(0), ...op.set(I), ...op.get(P_POINTS), ...op.set(PA), ...op.get(P_OUT), ...op.set(OA),
    // pairs of points
    ...op.block(), ...op.loop(),
    ...breakIfPast(I, 2, P_N),
    ...op.get(PA), ...op.get(P_STRIDE), ...op.i32Add(), ...op.set(PB),
    ...op.get(OA), ...op.get(K_BYTES), ...op.i32Add(), ...op.set(OB),
    ...allCentroids(2),
    ...addConst(I, 2), ...addLocal(PA, P_STRIDE), ...addLocal(PA, P_STRIDE), ...addLocal(OA, K_BYTES), ...addLocal(OA, K_BYTES),
    ...op.br(0), ...op.end(), ...op.end(),
    // the last point when n is odd
    ...op.get(I), ...op.get(P_N), ...op.i32LtS(), ...op.if(),
    ...allCentroids(1),
    ...op.end(),
  ],
};

// accumulate: params, then locals
const A_POINTS = 0, A_N = 1, A_STRIDE = 2, A_ASSIGN = 3, A_SUMS = 4;
const A_I = 5, A_PA = 6, A_DST = 7, A_J = 8, A_AA = 9;

const accumulate: WasmFunction = {
  name: "accumulate",
  params: [I32, I32, I32, I32, I32],
  locals: [I32, I32, I32, I32, I32],
  body: [
    ...op.i32(0), ...op.set(A_I), ...op.get(A_POINTS), ...op.set(A_PA), ...op.get(A_ASSIGN), ...op.set(A_AA),
    ...op.block(), ...op.loop(),
    ...breakIfPast(A_I, 1, A_N),
    ...op.get(A_AA), ...op.i32Load(), ...op.get(A_STRIDE), ...op.i32Mul(), ...op.get(A_SUMS), ...op.i32Add(), ...op.set(A_DST),
    ...op.i32(0), ...op.set(A_J), ...op.loop(),
    ...op.get(A_DST), ...op.get(A_J), ...op.i32Add(),
    ...op.get(A_DST), ...op.get(A_J), ...op.i32Add(), ...op.v128Load(),
    ...op.get(A_PA), ...op.get(A_J), ...op.i32Add(), ...op.v128Load(),
    ...op.f64x2Add(), ...op.v128Store(),
    ...addConst(A_J, 16), ...op.get(A_J), ...op.get(A_STRIDE), ...op.i32LtS(), ...op.brIf(0), ...op.end(),
    ...addConst(A_I, 1), ...addLocal(A_PA, A_STRIDE), ...addConst(A_AA, 4),
    ...op.br(0), ...op.end(), ...op.end(),
  ],
};

let compiled: WasmModule | null | undefined;

/** The module's bytes (memory of 1 page to start; the kernel grows it). */
export function lloydKernelModuleBytes(): Uint8Array {
  return encodeModule([dots, accumulate], 1);
}

/** The compiled module, or null where this engine has no WebAssembly SIMD (the scalar kernel is used then). */
export function lloydKernelModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = lloydKernelModuleBytes();
    compiled = webAssembly !== null && webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
  }
  return compiled;
}

/** The exports of one instance (each has its own memory). */
export interface LloydKernelExports {
  readonly memory: WasmMemory;
  dots(points: number, n: number, stride: number, centroids: number, k: number, out: number): void;
  accumulate(points: number, n: number, stride: number, assign: number, sums: number): void;
}

/** A new instance of the module (its own memory). */
export function instantiateLloydKernel(module: WasmModule): LloydKernelExports {
  return new webAssembly!.Instance(module).exports as unknown as LloydKernelExports;
}
