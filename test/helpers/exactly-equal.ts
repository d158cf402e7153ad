// Structural equality for round-trip tests of the batch codecs (test/network, test/compiler/emit): stricter than
// deepEqual where v8.serialize is exact — key order, -0 against 0, a hole against undefined, a missing key against one
// holding undefined, prototypes.
import { isDeepStrictEqual } from "node:util";

/** Structural equality that also tells apart key orders, -0 and 0, a hole and undefined, a missing key and undefined. */
export function exactlyEqual(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a !== "object" || a === null || b === null) return Object.is(a, b);
  const x = a as Record<PropertyKey, unknown>;
  const y = b as Record<PropertyKey, unknown>;
  if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  if (seen.get(x) === y) return true;
  seen.set(x, y);
  if (x instanceof Date) return Object.is(x.getTime(), (y as unknown as Date).getTime());
  const kx = Reflect.ownKeys(x);
  const ky = Reflect.ownKeys(y);
  if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) return false;
  for (const k of kx) if (!exactlyEqual(x[k], y[k], seen)) return false;
  // why not isDeepStrictEqual for records and arrays: their own keys were all compared above, and it would compare
  // their elements again, its own way — which takes two invalid Dates (new Date(NaN)) for different (a seed found it)
  const proto = Object.getPrototypeOf(x);
  if (Array.isArray(x) || proto === Object.prototype || proto === null) return true;
  // Maps, Sets, typed arrays, boxed primitives: what own keys do not show
  return isDeepStrictEqual(x, y);
}

