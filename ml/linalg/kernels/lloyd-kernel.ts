// The Euclidean Lloyd step over a cached set of points: each point goes to its closest centroid (squared distance by
// the norm expansion ‖p‖² + ‖c‖² − 2 p·c, at least 0, the first of equals winning — the same expression as
// distanceMeasure("euclidean").findClosest), and the points are summed per cluster. The points live in one linear
// memory, rows padded to an even number of doubles; the dot products and the sums run in WebAssembly SIMD
// (./lloyd-kernel-module.ts) or, where that is missing or `simd: false` is asked, in the scalar twin that gives the same
// bits (./scalar-lloyd-kernel.ts). Memory: 8 · (dim rounded up to even) bytes per point, plus per step the centroids,
// the sums, and one block of dots and of assignments.
import { instantiateLloydKernel, lloydKernelModule } from "./lloyd-kernel-module.js";
import { scalarLloydKernel, type LloydKernelFunctions } from "./scalar-lloyd-kernel.js";
import type { WasmMemory as WasmMemoryObject } from "./webassembly-api.js";
import { dotAt } from "./dot-at.js";

/** Points per call of `dots`: their k dots stay in the L1 cache for the argmin that follows. */
const BLOCK = 256;
const PAGE = 65536;
/** WebAssembly 32-bit memories hold at most 65 536 pages (4 GiB). */
const MAX_WASM_BYTES = 65536 * PAGE;

/** A linear memory that grows; the WebAssembly instance's, or an ArrayBuffer copied on growth. */
interface LinearMemory {
  readonly buffer: ArrayBuffer;
  /** Makes at least `bytes` addressable; the old contents stay. */
  ensure(bytes: number): void;
}

class WasmMemory implements LinearMemory {
  constructor(private readonly memory: WasmMemoryObject) {}
  get buffer(): ArrayBuffer { return this.memory.buffer; }
  ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    // why doubling: amortised O(1) per point while the cache fills; V8 grows a wasm memory in place (no copy)
    const want = Math.min(MAX_WASM_BYTES, Math.max(bytes, have * 2));
    if (bytes > MAX_WASM_BYTES) throw new RangeError(`KMeans: one subtask's points need ${bytes} bytes, more than the 4 GiB a WebAssembly memory holds — raise the parallelism so each subtask caches fewer points`);
    this.memory.grow(Math.ceil((want - have) / PAGE));
  }
}

class HeapMemory implements LinearMemory {
  buffer = new ArrayBuffer(PAGE);
  ensure(bytes: number): void {
    if (bytes <= this.buffer.byteLength) return;
    const next = new ArrayBuffer(Math.max(bytes, this.buffer.byteLength * 2));
    new Uint8Array(next).set(new Uint8Array(this.buffer));
    this.buffer = next;
  }
}


const align16 = (bytes: number): number => (bytes + 15) & ~15;

export class LloydKernel {
  /** True when the dots and sums run in WebAssembly SIMD. */
  readonly simd: boolean;
  private readonly memory: LinearMemory;
  private readonly functions: LloydKernelFunctions;
  /** Bytes per row: dim doubles padded to an even count. */
  private readonly stride: number;
  private norms = new Float64Array(64);
  private view = new Float64Array(0);
  private squared = new Float64Array(0);
  private n = 0;

  /** A kernel for points of `dim` values; `simd: false` forces the scalar twin (tests, and where SIMD is missing). */
  constructor(readonly dim: number, options: { simd?: boolean } = {}) {
    if (!(Number.isInteger(dim) && dim > 0)) throw new RangeError(`LloydKernel: dim must be a positive integer, got ${dim}`);
    this.stride = (dim + (dim & 1)) * 8;
    const module = options.simd === false ? null : lloydKernelModule();
    if (module !== null) {
      const exports = instantiateLloydKernel(module);
      this.memory = new WasmMemory(exports.memory);
      this.functions = exports;
    } else {
      const memory = new HeapMemory();
      this.memory = memory;
      this.functions = scalarLloydKernel(() => memory.buffer);
    }
    this.simd = module !== null;
  }

  get count(): number {
    return this.n;
  }

  /** Caches a point: values[offset, offset + dim) (copied) and its L2 norm. */
  add(values: Float64Array, offset = 0): void {
    const { dim, stride } = this;
    this.memory.ensure((this.n + 1) * stride);
    // why one view of the whole memory, made again only when the memory grew: no typed-array view per point
    if (this.view.buffer !== this.memory.buffer) this.view = new Float64Array(this.memory.buffer);
    const at = (this.n * stride) / 8;
    if (offset === 0 && values.length === dim) this.view.set(values, at);
    else for (let j = 0; j < dim; j++) this.view[at + j] = values[offset + j]!;
    if (this.n === this.norms.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.norms);
      this.norms = grown;
    }
    this.norms[this.n++] = Math.sqrt(dotAt(values, offset, values, offset, dim)); // why dotAt: the distance measures' row norms to the bit
  }

  /**
   * One Lloyd step's parallel half: `centroids` holds k rows of dim values and `centroidNorms` their L2 norms; fills
   * `sums` (k rows of dim values) with the sum of each cluster's points and `counts` with their number.
   */
  step(centroids: Float64Array, centroidNorms: Float64Array, k: number, sums: Float64Array, counts: Float64Array): void {
    const { dim, stride, n } = this;
    // 1. lay out the step's scratch after the points: centroids, sums, one block of dots and of assignments
    const centroidsAt = align16(n * stride);
    const sumsAt = centroidsAt + k * stride;
    const dotsAt = sumsAt + k * stride;
    const assignAt = dotsAt + BLOCK * k * 8;
    this.memory.ensure(assignAt + BLOCK * 4);
    const buffer = this.memory.buffer;
    const f = new Float64Array(buffer);
    for (let c = 0; c < k; c++) f.set(centroids.subarray(c * dim, (c + 1) * dim), (centroidsAt + c * stride) / 8);
    f.fill(0, sumsAt / 8, dotsAt / 8);
    const dots = new Float64Array(buffer, dotsAt, BLOCK * k);
    const assign = new Int32Array(buffer, assignAt, BLOCK);
    const squared = this.squaredNorms(centroidNorms, k);
    const norms = this.norms;
    counts.fill(0);
    // 2. per block of points: their k dots, the closest centroid of each (findClosest's expression and order), then
    //    the block added into its clusters' sums while it is still in the cache. Why per block: a separate pass
    //    over all points for the sums read the whole cache from memory a second time each step (1 M × 100 points:
    //    see docs/ml.md). The sums still add each cluster's points in point order, so the bits do not change.
    for (let start = 0; start < n; start += BLOCK) {
      const m = Math.min(BLOCK, n - start);
      this.functions.dots(start * stride, m, stride, centroidsAt, k, dotsAt);
      for (let i = 0; i < m; i++) {
        const pp = norms[start + i]! * norms[start + i]!;
        let best = Number.POSITIVE_INFINITY;
        let bestIndex = 0;
        for (let c = 0; c < k; c++) {
          const e = Math.max(0, pp + squared[c]! - 2 * dots[i * k + c]!);
          if (e < best) {
            best = e;
            bestIndex = c;
          }
        }
        assign[i] = bestIndex;
        counts[bestIndex]!++;
      }
      this.functions.accumulate(start * stride, m, stride, assignAt, sumsAt);
    }
    for (let c = 0; c < k; c++) sums.set(f.subarray((sumsAt + c * stride) / 8, (sumsAt + c * stride) / 8 + dim), c * dim);
  }

  /** The centroids' squared norms, in a buffer kept between steps. */
  private squaredNorms(centroidNorms: Float64Array, k: number): Float64Array {
    if (this.squared.length < k) this.squared = new Float64Array(k);
    for (let c = 0; c < k; c++) this.squared[c] = centroidNorms[c]! * centroidNorms[c]!;
    return this.squared;
  }
}
