// Bit-exact port of java.util.Random (48-bit LCG) without BigInt on the hot path.
//
// java.util.Random keeps a 48-bit state s and steps s' = (s * 0x5DEECE66D + 0xB) mod 2^48
// (Knuth, TAOCP vol. 2, 3.2.1). A double holds 53 bits exactly, so the state is kept as two
// 24-bit halves and the product is formed from partial products that each stay below 2^53:
// one step is three multiplications and a few masks, no allocation.

/** Low 24 bits of the multiplier 0x5DEECE66D. */
const MUL_LO = 0xece66d;
/** Bits 24..35 of the multiplier 0x5DEECE66D. */
const MUL_HI = 0x5de;
const ADDEND = 0xb;
const MASK24 = 0xffffff;
const TWO24 = 0x1000000;
/** 2^-24: multiplying by it is exact and cheaper than dividing by 2^24. */
const INV_TWO24 = 1 / 0x1000000;
/** 2^-53, the scale nextDouble applies to its 53 random bits. */
const DOUBLE_UNIT = 1 / 9007199254740992;

export class JavaRandom {
  /** Bits 24..47 of the state. */
  private hi = 0;
  /** Bits 0..23 of the state. */
  private lo = 0;

  /** `new Random(seed)`; seed is any safe integer (only its low 48 bits matter, as in Java). */
  constructor(seed = 0) {
    this.setSeed(seed);
  }

  /**
   * `setSeed(seed)`: state = (seed ^ 0x5DEECE66D) & (2^48 - 1). Negative seeds are taken in two's
   * complement like a Java long, as long as they are safe integers.
   */
  setSeed(seed: number): void {
    // The low 24 bits survive ToInt32 for every safe integer, negative ones included.
    const lo = seed & MASK24;
    // floor() keeps two's complement semantics for negative seeds: -1 → all ones.
    const hi = Math.floor(seed / TWO24) & MASK24;
    this.lo = lo ^ MUL_LO;
    this.hi = hi ^ MUL_HI;
  }

  /** Seed from two 24-bit halves already XOR-mixed by the caller (hot path of the generator). */
  setSeedHalves(hi24: number, lo24: number): void {
    this.lo = (lo24 ^ MUL_LO) & MASK24;
    this.hi = (hi24 ^ MUL_HI) & MASK24;
  }

  /** Advance the LCG one step. */
  private step(): void {
    // 1. Low partial product plus addend: below 2^48 + 11, exact in a double.
    const p = this.lo * MUL_LO + ADDEND;
    const carry = Math.floor(p * INV_TWO24);
    // 2. Middle partial products (hi*MUL_HI lands above bit 48 and drops out): below 2^49, exact.
    const mid = this.hi * MUL_LO + this.lo * MUL_HI + carry;
    // ToInt32 inside `&` is exact modulo 2^32 for integers below 2^53, so masking is safe.
    this.lo = p & MASK24;
    this.hi = mid & MASK24;
  }

  /** `next(32)` as a signed int: the top 32 state bits. */
  nextInt(): number {
    this.step();
    return (this.hi << 8) | (this.lo >>> 16);
  }

  /** `next(31)`: the top 31 state bits, non-negative. */
  private next31(): number {
    this.step();
    return (this.hi << 7) | (this.lo >>> 17);
  }

  /**
   * `nextInt(bound)` with Java's exact algorithm: a shift for powers of two, otherwise the
   * rejection loop that discards the biased top of the 31-bit range.
   */
  nextIntBounded(bound: number): number {
    if (!(bound > 0) || bound > 0x7fffffff || bound !== Math.floor(bound)) {
      throw new RangeError(`bound must be a positive int, got ${bound}`);
    }
    return this.nextIntBelow(bound);
  }

  /** nextIntBounded without the argument check, for callers whose bound is a valid int already. */
  nextIntBelow(bound: number): number {
    let r = this.next31();
    const m = bound - 1;
    if ((bound & m) === 0) {
      // (bound * (long) r) >> 31 with bound = 2^k is r >> (31 - k), and 31 - k = clz32(bound).
      return r >>> Math.clz32(bound);
    }
    // Java: for (u = r; u - (r = u % bound) + m < 0; u = next(31)); the sum overflows int32
    // exactly when u falls in the incomplete last block of size bound.
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next31());
    return r;
  }

  /** `nextDouble()`: 53 random bits from next(26) and next(27), scaled to [0, 1). */
  nextDouble(): number {
    this.step();
    const a = (this.hi << 2) | (this.lo >>> 22); // next(26)
    this.step();
    const b = (this.hi << 3) | (this.lo >>> 21); // next(27)
    return (a * 134217728 + b) * DOUBLE_UNIT;
  }

  /**
   * `nextLong()` = ((long) next(32) << 32) + next(32), as a BigInt because the result needs 64
   * bits. Only cold paths use it (LongGenerator with a bound of 2^31 - 1 or more).
   */
  nextLong(): bigint {
    const high = this.nextInt();
    const low = this.nextInt();
    return BigInt.asIntN(64, (BigInt(high) << 32n) + BigInt(low));
  }

  /** `nextBoolean()`: next(1). */
  nextBoolean(): boolean {
    this.step();
    return this.hi >>> 23 !== 0;
  }
}
