// Composite-key normalisation: the fast canonical JSON gives exactly the format it replaced (normalized keys are
// stored in checkpoints), and denormalizeKey rebuilds the key, bigints included.
import test from "ava";
import fc from "fast-check";
import { denormalizeKey, normalizeKey } from "../../../runtime/core/key-groups.js";

/** The first implementation, kept as the oracle of the format. */
function reference(key: unknown): unknown {
  switch (typeof key) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return key;
    default:
      return key === null ? null : "\u0001" + canonical(key);
  }
}
function canonical(value: unknown): string {
  if (typeof value === "bigint") return `{"$bigint":"${value}"}`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

const primitive = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, 2 ** 53),
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom('a"b', "a\\b", "\n\t\u0000", "\ud800", "\udc00x", "😀", "\u2028"),
  fc.boolean(),
  fc.bigInt(),
  fc.constant(null),
  fc.constant(undefined),
);
const composite = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, primitive, tie("array"), tie("record")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  record: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("a", "b", "10", "2", "__proto__x", "é")), tie("value"), { maxKeys: 5 }),
})).value;

test("normalizeKey gives exactly the reference canonical JSON", (t) => {
  fc.assert(fc.property(composite, (k) => normalizeKey(k) === reference(k) || Object.is(normalizeKey(k), reference(k))), { numRuns: 3000 });
  t.pass();
});

test("odd composite keys: holes, functions, symbols, dates, typed arrays, boxed strings, nested records of two shapes", (t) => {
  const odd: unknown[] = [
    [1, , 3], // eslint-disable-line no-sparse-arrays
    new Array(3),
    [undefined, () => 1, Symbol("s")],
    { f: () => 1, s: Symbol("s"), u: undefined },
    new Date(0),
    new Int32Array([3, 10, 2]),
    Object.assign(new String("ab"), { z: 1 }),
    { b: { y: 1, x: [2, { q: 1, p: 2 }] }, a: { x: 1, y: 2 } },
    [{ a: 1, b: 2 }, { b: 1, a: 2 }, { a: 1, b: 2, c: 3 }, { a: 1 }],
    new Map([[1, 2]]),
    () => 1,
    Symbol("top"),
  ];
  for (const k of odd) t.is(normalizeKey(k), reference(k) as string);
});

test("denormalizeKey rebuilds keys with and without bigints", (t) => {
  fc.assert(fc.property(fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.bigInt())), (k) => {
    t.deepEqual(denormalizeKey(normalizeKey(k)), k);
  }));
  t.deepEqual(denormalizeKey(normalizeKey({ $bigint: "1", a: [2n] })), { $bigint: "1", a: [2n] });
  t.deepEqual(denormalizeKey(normalizeKey(["$bigint", 1])), ["$bigint", 1]);
  t.is(denormalizeKey("plain"), "plain");
  t.is(denormalizeKey(7), 7);
});
