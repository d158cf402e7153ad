// JavaRandom must reproduce java.util.Random bit for bit: golden values from a JDK 17 run.

import test from "ava";
import fc from "fast-check";
import { JavaRandom } from "../../../../runtime/connectors/nexmark/java-random.js";
import gold from "./fixtures/java-random.json" with { type: "json" };

interface Golden {
  seed: number;
  nextInt: number[];
  bounded: [number, number][];
  nextDouble: number[];
  nextLong: string[];
  nextBoolean: boolean[];
}
const cases = gold as Golden[];

/** The LCG straight from its definition with BigInt: the independent oracle for property tests. */
class BigIntRandom {
  private s: bigint;
  constructor(seed: bigint) {
    this.s = (seed ^ 0x5deece66dn) & ((1n << 48n) - 1n);
  }
  next(bits: number): number {
    this.s = (this.s * 0x5deece66dn + 0xbn) & ((1n << 48n) - 1n);
    return Number(BigInt.asIntN(32, this.s >> BigInt(48 - bits)));
  }
}

test("new Random(42): nextInt() = -1170105035 and nextInt(10) × 10 = 0 3 8 4 0 5 5 8 9 3 (JDK 17)", (t) => {
  t.is(new JavaRandom(42).nextInt(), -1170105035);
  const r = new JavaRandom(42);
  t.deepEqual(Array.from({ length: 10 }, () => r.nextIntBounded(10)), [0, 3, 8, 4, 0, 5, 5, 8, 9, 3]);
});

for (const g of cases) {
  test(`seed ${g.seed}: nextInt, nextInt(bound), nextDouble, nextLong, nextBoolean match the JDK`, (t) => {
    let r = new JavaRandom(g.seed);
    t.deepEqual(g.nextInt.map(() => r.nextInt()), g.nextInt);
    r = new JavaRandom(g.seed);
    // The bounds include powers of two, 2^30 + 1 and 2^31 - 1, where the rejection loop fires.
    t.deepEqual(g.bounded.map(([b]) => [b, r.nextIntBounded(b)]), g.bounded);
    r = new JavaRandom(g.seed);
    t.deepEqual(g.nextDouble.map(() => r.nextDouble()), g.nextDouble);
    r = new JavaRandom(g.seed);
    t.deepEqual(g.nextLong.map(() => String(r.nextLong())), g.nextLong);
    r = new JavaRandom(g.seed);
    t.deepEqual(g.nextBoolean.map(() => r.nextBoolean()), g.nextBoolean);
  });
}

test("nextInt() follows the 48-bit LCG definition for any safe-integer seed", (t) => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 50 }), (seed, steps) => {
      const fast = new JavaRandom(seed);
      const slow = new BigIntRandom(BigInt(seed));
      for (let i = 0; i < steps; i++) if (fast.nextInt() !== slow.next(32)) return false;
      return true;
    }),
  );
  t.pass();
});

test("nextInt(bound) follows Java's algorithm (shift for powers of two, rejection otherwise)", (t) => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 0x7fffffff }), (seed, bound) => {
      const fast = new JavaRandom(seed);
      const slow = new BigIntRandom(BigInt(seed));
      for (let i = 0; i < 8; i++) {
        let expected: number;
        let r = slow.next(31);
        if ((bound & -bound) === bound) {
          expected = Number((BigInt(bound) * BigInt(r)) >> 31n);
        } else {
          let u = r;
          while (u - (r = u % bound) + (bound - 1) > 0x7fffffff) u = slow.next(31);
          expected = r;
        }
        if (fast.nextIntBounded(bound) !== expected) return false;
      }
      return true;
    }),
  );
  t.pass();
});

test("nextIntBounded rejects bounds Java rejects or cannot express", (t) => {
  const r = new JavaRandom(1);
  for (const bad of [0, -1, 1.5, 2 ** 31, Number.NaN]) t.throws(() => r.nextIntBounded(bad), { instanceOf: RangeError });
});

test("setSeed resets the sequence, negative seeds act as two's-complement longs", (t) => {
  const r = new JavaRandom(7);
  const first = r.nextInt();
  r.nextInt();
  r.setSeed(7);
  t.is(r.nextInt(), first);
  const minusOne = cases.find((g) => g.seed === -1)!;
  t.is(new JavaRandom(-1).nextInt(), minusOne.nextInt[0]);
});
