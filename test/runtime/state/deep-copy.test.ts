// deepCopy, the default copy-on-write copy of object state values: independent copies that keep
// prototypes, shared and cyclic references, and the identity of Map keys and Set elements.
import test from "ava";
import fc from "fast-check";
import { deepCopy } from "../../../runtime/state/deep-copy.js";

test("plain data: the copy is deep-equal to a structured clone, and no object of it is an object of the original", (t) => {
  const objects = (v: unknown, out = new Set<object>()): Set<object> => {
    if (typeof v !== "object" || v === null || out.has(v)) return out;
    out.add(v);
    if (v instanceof Map) for (const x of v.values()) objects(x, out);
    else if (!(v instanceof Set)) for (const x of Object.values(v)) objects(x, out);
    return out;
  };
  fc.assert(
    fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 }), (json, list) => {
      const value = { json, list, map: new Map([["a", { list }]]), date: new Date(5), bytes: new Uint8Array([1, 2]) };
      const copy = deepCopy(value);
      t.deepEqual(copy, structuredClone(value));
      const originals = objects(value);
      for (const o of objects(copy)) if (originals.has(o)) return false;
      return true;
    }),
    { numRuns: 300 },
  );
});

test("changing the copy in place leaves the original as it was", (t) => {
  const original = { n: 1, list: [1, 2], nested: { deep: { x: 1 } }, byKey: new Map([[1, { c: 1 }]]), at: new Date(0), buf: new Float64Array([1]) };
  const copy = deepCopy(original);
  copy.n++;
  copy.list.push(3);
  copy.nested.deep.x = 9;
  copy.byKey.get(1)!.c = 9;
  copy.at.setTime(99);
  copy.buf[0] = 7;
  t.deepEqual(original, { n: 1, list: [1, 2], nested: { deep: { x: 1 } }, byKey: new Map([[1, { c: 1 }]]), at: new Date(0), buf: new Float64Array([1]) });
});

test("class instances keep their prototype and methods; functions are shared", (t) => {
  class Acc {
    n = 0;
    f = () => 1;
    add(v: number): this {
      this.n += v;
      return this;
    }
  }
  const a = new Acc().add(2);
  const copy = deepCopy(a);
  t.true(copy instanceof Acc);
  t.is(copy.add(3).n, 5);
  t.is(a.n, 2);
  t.is(copy.f, a.f);
});

test("shared and cyclic references stay shared and cyclic; Map keys and Set elements keep their identity", (t) => {
  const shared = { s: 1 };
  const key = { k: 1 };
  const cyclic: { self?: unknown; a: object; b: object; m: Map<object, number>; set: Set<object> } = { a: shared, b: shared, m: new Map([[key, 1]]), set: new Set([key]) };
  cyclic.self = cyclic;
  const copy = deepCopy(cyclic);
  t.is(copy.self, copy);
  t.is(copy.a, copy.b);
  t.not(copy.a, shared);
  t.true(copy.m.has(key));
  t.true(copy.set.has(key));
  t.not(copy.set, cyclic.set);
});

test("primitives are returned as they are", (t) => {
  for (const v of [1, -0, Number.NaN, "s", true, null, undefined, 10n]) t.is(deepCopy(v), v);
});
