// Flink Gelly's RMatGraph: a directed power-law multigraph from the stochastic Recursive Matrix model (Chakrabarti,
// Zhan and Faloutsos, "R-MAT: A Recursive Model for Graph Mining", SDM 2004). Each edge picks one quadrant of the
// adjacency matrix per bit of the vertex id with probabilities a, b, c, d = 1 - a - b - c. Seeded and deterministic
// (sfc32, not Flink's JDK/Mersenne generators, so the edges differ from Flink's for the same seed; the distribution
// is the same).
import { requireCount, type EdgeList } from "./edge-list.js";

export interface RmatOptions {
  /** Vertices; ids need ceil(log2(vertexCount)) bits and edges landing outside 0..vertexCount-1 are redrawn (Flink). */
  readonly vertexCount: number;
  readonly edgeCount: number;
  /** Seed of the generator: the same options give the same edges. */
  readonly seed: number;
  /** Probability of (source bit 0, target bit 0); Flink's and Graph500's default 0.57. */
  readonly a?: number;
  /** Probability of (0, 1); default 0.19. */
  readonly b?: number;
  /** Probability of (1, 0); default 0.19. */
  readonly c?: number;
  /**
   * Flink's noise: when set (0 ≤ noise ≤ 2; Flink's default strength is 0.10), after each bit a, b, c, d are each
   * multiplied by a uniform factor in [1 - noise/2, 1 + noise/2] and renormalised. Off when undefined.
   */
  readonly noise?: number;
}

/** The edge list of an R-MAT graph: `edgeCount` edges (self-loops and parallel edges kept, as Flink). */
export function rmatGraph(options: RmatOptions): EdgeList {
  const { vertexCount, edgeCount, seed } = options;
  const a0 = options.a ?? 0.57;
  const b0 = options.b ?? 0.19;
  const c0 = options.c ?? 0.19;
  requireCount("RMatGraph vertex count", vertexCount, 1);
  requireCount("RMatGraph edge count", edgeCount, 1);
  if (!(a0 >= 0 && b0 >= 0 && c0 >= 0 && a0 + b0 + c0 <= 1)) throw new RangeError(`RMatGraph a, b, c must be non-negative and sum to at most 1, got ${a0}, ${b0}, ${c0}`);
  const noise = options.noise;
  if (noise !== undefined && !(noise >= 0 && noise <= 2)) throw new RangeError(`RMatGraph noise must be in [0, 2], got ${noise}`);
  const noisy = noise !== undefined;
  const strength = noise ?? 0;
  const scale = vertexCount === 1 ? 0 : 32 - Math.clz32(vertexCount - 1);
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  // sfc32 (Doty-Humphrey's small fast chaotic generator) state, seeded with the seed and three constants, then warmed
  // up. Each draw below is the same one-line sfc32 step written out in place: the state lives in locals, so there is
  // no closure or object per draw in this loop of scale draws per edge
  let s0 = seed | 0, s1 = 0x9e3779b9 | 0, s2 = 0x243f6a88 | 0, s3 = 1, t = 0;
  for (let i = 0; i < 15; i++) {
    t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
  }
  const toUnit = 1 / 2 ** 24;
  let e = 0;
  while (e < edgeCount) {
    let x = 0;
    let y = 0;
    let a = a0, b = b0, c = c0, d = 1 - a0 - b0 - c0;
    for (let bit = 0; bit < scale; bit++) {
      t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
      const r = (t >>> 8) * toUnit;
      x <<= 1;
      y <<= 1;
      if (r <= a) { /* top-left quadrant */ }
      else if (r <= a + b) y += 1;
      else if (r <= a + b + c) x += 1;
      else { x += 1; y += 1; }
      if (noisy) {
        t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
        a *= 1 - strength / 2 + (t >>> 8) * toUnit * strength;
        t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
        b *= 1 - strength / 2 + (t >>> 8) * toUnit * strength;
        t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
        c *= 1 - strength / 2 + (t >>> 8) * toUnit * strength;
        t = (((s0 + s1) | 0) + s3) | 0; s3 = (s3 + 1) | 0; s0 = s1 ^ (s1 >>> 9); s1 = (s2 + (s2 << 3)) | 0; s2 = (s2 << 21) | (s2 >>> 11); s2 = (s2 + t) | 0;
        d *= 1 - strength / 2 + (t >>> 8) * toUnit * strength;
        const norm = 1 / (a + b + c + d);
        a *= norm;
        b *= norm;
        c *= norm;
        // why subtract rather than scale: keeps a + b + c + d = 1 exactly (Flink does the same)
        d = 1 - a - b - c;
      }
    }
    // why: when vertexCount is not a power of two, an edge may land outside the vertices; Flink draws again
    if (x < vertexCount && y < vertexCount) {
      sources[e] = x;
      targets[e++] = y;
    }
  }
  return { vertexCount, sources, targets };
}
