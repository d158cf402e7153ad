// JavaRandom against a JVM's java.util.Random (test/ml/fixtures/java-random.json, written by
// scripts/ml/FlinkRandomOracle.java), and the values every Java programmer can check by hand.
import test from "ava";
import { JavaRandom } from "../../../ml/index.js";
import { javaLongHash } from "../../../ml/common/java-random.js";
import { fixture } from "../helpers/oracle.js";

interface RandomCase { seed: number; nextInt: number[]; nextIntPrimeBound: number[]; nextInt16: number[]; nextDouble: number[] }
const fx = fixture<{ random: RandomCase[] }>("java-random");

for (const c of fx.random) {
  test(`new Random(${c.seed}): nextInt, nextInt(bound) for a prime-ish and a power-of-two bound, nextDouble — as the JVM`, (t) => {
    const r = new JavaRandom(c.seed);
    t.deepEqual(Array.from({ length: 5 }, () => r.nextInt()), c.nextInt);
    t.deepEqual(Array.from({ length: 5 }, () => r.nextIntBounded(2038074742)), c.nextIntPrimeBound);
    t.deepEqual(Array.from({ length: 5 }, () => r.nextIntBounded(16)), c.nextInt16);
    t.deepEqual(Array.from({ length: 5 }, () => r.nextDouble()), c.nextDouble);
  });
}

test("the well-known first values: new Random(42).nextInt() = -1170105035, new Random(0).nextInt() = -1155484576", (t) => {
  t.is(new JavaRandom(42).nextInt(), -1170105035);
  t.is(new JavaRandom(0).nextInt(), -1155484576);
});

test("Long.hashCode: (int) (v ^ (v >>> 32))", (t) => {
  t.is(javaLongHash(7), 7);
  t.is(javaLongHash(-1), 0); // 0xFFFFFFFF_FFFFFFFF ^ 0x00000000_FFFFFFFF = 0xFFFFFFFF_00000000 → low int 0
  t.is(javaLongHash(2 ** 32), 1);
  t.is(javaLongHash(-2), 1); // 0xFFFFFFFF_FFFFFFFE ^ 0xFFFFFFFF → ...00000001
});

test("bad seeds and bounds are refused with what to do", (t) => {
  t.throws(() => new JavaRandom(0.5), { message: /seed must be an integer/ });
  t.throws(() => new JavaRandom(0).nextIntBounded(0), { message: /bound must be an int > 0/ });
});
