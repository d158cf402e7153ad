// java.util.Random, bit for bit: the 48-bit linear congruential generator of Knuth (TAOCP vol. 2, 3.2.1) that Java
// specifies, so stages whose results Flink ML draws from `new Random(seed)` (MinHashLSH's coefficients,
// RandomSplitter's choices) give the same numbers here. Checked against a JVM (scripts/ml/FlinkRandomOracle.java).

const TWO_24 = 0x1000000;
const MULTIPLIER_HI = 0x5de; // 0x5DEECE66D = 0x5DE · 2^24 + 0xECE66D
const MULTIPLIER_LO = 0xece66d;
const ADDEND = 0xb;

export class JavaRandom {
  // why two 24-bit halves: every product stays below 2^53, so plain doubles compute the 48-bit state exactly with no
  // BigInt on the per-record path (RandomSplitter draws one double per row)
  private hi = 0;
  private lo = 0;

  /** `new java.util.Random(seed)`; the seed is a Java long (a safe integer here). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`JavaRandom: the seed must be an integer that JavaScript holds exactly, got ${seed}`);
    const scrambled = BigInt.asUintN(48, BigInt(seed) ^ 0x5deece66dn);
    this.hi = Number(scrambled >> 24n);
    this.lo = Number(scrambled & 0xffffffn);
  }

  /** Java's `next(bits)`: the top `bits` (≤ 32) of the advanced state, as a signed int. */
  next(bits: number): number {
    const loProduct = this.lo * MULTIPLIER_LO + ADDEND;
    const carry = Math.floor(loProduct / TWO_24);
    const lo = loProduct - carry * TWO_24;
    const hi = (this.hi * MULTIPLIER_LO + this.lo * MULTIPLIER_HI + carry) % TWO_24;
    this.hi = hi;
    this.lo = lo;
    return Math.floor((hi * TWO_24 + lo) / 2 ** (48 - bits)) | 0;
  }

  /** Java's `nextInt()`: a uniform int. */
  nextInt(): number {
    return this.next(32);
  }

  /** Java's `nextInt(bound)`: uniform in [0, bound), with Java's rejection of the uneven top range. */
  nextIntBounded(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x7fffffff) throw new RangeError(`JavaRandom.nextIntBounded: the bound must be an int > 0, got ${bound}`);
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Math.floor(r / (0x80000000 / bound)); // a power of two: the high bits
    // why the int overflow test: Java rejects u when u − r + m overflows an int, i.e. u lies in the last, partial range
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }

  /** Java's `nextDouble()`: 53 random bits in [0, 1). */
  nextDouble(): number {
    return (this.next(26) * 0x8000000 + this.next(27)) * 2 ** -53;
  }
}

/** Java's `Long.hashCode(value)`: (int) (value ^ (value >>> 32)). */
export function javaLongHash(value: number): number {
  const bits = BigInt.asUintN(64, BigInt(value));
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}
