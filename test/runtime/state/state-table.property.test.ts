// The state table's copy-on-write snapshots, against a model (plain nested Maps, no snapshots):
// whatever happens while a snapshot is written, the live table behaves exactly as the model —
// values, in-place changes, iteration order — and the frozen table keeps what the model held at
// the barrier, in the same order.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { StateTable } from "../../../runtime/state/state-table.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

type Value = number | { n: number };
type Op =
  | { op: "get-and-change"; ns: string; key: number }
  | { op: "set"; ns: string; key: number; value: Value }
  | { op: "remove"; ns: string; key: number }
  | { op: "begin" }
  | { op: "end" };

const ns = fc.constantFrom("a", "b", "c");
const key = fc.integer({ min: 0, max: 5 });
const value: fc.Arbitrary<Value> = fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }).map((n) => ({ n })));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("get-and-change" as const), ns, key }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("set" as const), ns, key, value }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("remove" as const), ns, key }) },
  { weight: 1, arbitrary: fc.constant({ op: "begin" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "end" as const }) },
);

/** The flat semantics: nested Maps, an emptied namespace dropped. */
class Model {
  readonly byNs = new Map<string, Map<number, Value>>();
  get(n: string, k: number): Value | undefined {
    return this.byNs.get(n)?.get(k);
  }
  set(n: string, k: number, v: Value): void {
    let m = this.byNs.get(n);
    if (m === undefined) this.byNs.set(n, (m = new Map()));
    m.set(k, v);
  }
  remove(n: string, k: number): void {
    const m = this.byNs.get(n);
    if (m === undefined) return;
    m.delete(k);
    if (m.size === 0) this.byNs.delete(n);
  }
  /** Every namespace's entries in order, values copied. */
  dump(): Record<string, [number, Value][]> {
    const out: Record<string, [number, Value][]> = {};
    for (const [n, m] of this.byNs) out[n] = [...m].map(([k, v]) => [k, typeof v === "number" ? v : { ...v }]);
    return out;
  }
}

function dumpTable(table: StateTable<Value>): Record<string, [number, Value][]> {
  const out: Record<string, [number, Value][]> = {};
  for (const n of table.namespaces()) out[n as string] = table.entriesIn(n) as [number, Value][];
  return out;
}

function dumpFrozen(frozen: ReadonlyMap<unknown, ReadonlyMap<unknown, Value>>): Record<string, [number, Value][]> {
  const out: Record<string, [number, Value][]> = {};
  for (const [n, m] of frozen) if (m.size > 0) out[n as string] = [...m] as [number, Value][];
  return out;
}

const sortedKeys = (o: Record<string, unknown>) => Object.keys(o).sort();
const copyValue = (v: Value): Value => (typeof v === "number" ? v : { ...v });

test("live behaviour and frozen contents match the model for random operations and snapshot points (2,000 runs)", async (t) => {
  await assertProperty(
    t,
    fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
      const table = new StateTable<Value>(copyValue);
      const model = new Model();
      let frozen: ReadonlyMap<unknown, ReadonlyMap<unknown, Value>> | null = null;
      let expectedFrozen: Record<string, [number, Value][]> | null = null;
      let copies = 0;
      for (const o of ops) {
        switch (o.op) {
          case "get-and-change": {
            const v = table.get(o.ns, o.key);
            assert.deepStrictEqual(v, model.get(o.ns, o.key));
            assert.deepStrictEqual(table.peek(o.ns, o.key), model.get(o.ns, o.key));
            if (typeof v === "object") {
              v.n++;
              (model.get(o.ns, o.key) as { n: number }).n++;
            }
            break;
          }
          case "set":
            table.set(o.ns, o.key, copyValue(o.value));
            model.set(o.ns, o.key, copyValue(o.value));
            break;
          case "remove":
            table.remove(o.ns, o.key);
            model.remove(o.ns, o.key);
            break;
          case "begin":
            if (frozen !== null) break;
            frozen = table.beginSnapshot();
            expectedFrozen = model.dump();
            copies++;
            break;
          case "end":
            if (frozen === null) break;
            assert.deepStrictEqual(dumpFrozen(frozen), expectedFrozen, "the frozen table holds the state at the barrier, in order");
            table.endSnapshot();
            frozen = null;
            break;
        }
        // the live view: same entries in the same order per namespace, same namespaces, same size
        const live = dumpTable(table);
        const expected = model.dump();
        assert.deepStrictEqual(sortedKeys(live), sortedKeys(expected));
        for (const n of Object.keys(expected)) assert.deepStrictEqual(live[n], expected[n], `namespace ${n} in insertion order`);
        assert.strictEqual(table.size, Object.values(expected).reduce((s, e) => s + e.length, 0));
      }
      if (frozen !== null) assert.deepStrictEqual(dumpFrozen(frozen), expectedFrozen);
      table.endSnapshot();
      assert.deepStrictEqual(dumpTable(table), model.dump(), "after the snapshot the table is the model");
      return copies >= 0;
    }),
    { numRuns: propertyRuns(2000), file: import.meta.url },
  );
});

test("a snapshot of untouched state copies nothing; the first read of an object during one copies it once", (t) => {
  let copies = 0;
  const table = new StateTable<{ n: number }>((v) => (copies++, { ...v }));
  for (let k = 0; k < 100; k++) table.set("w", k, { n: k });
  const frozen = table.beginSnapshot();
  t.is(copies, 0, "beginning a snapshot is O(1)");
  const live = table.get("w", 7)!;
  live.n = -1;
  t.is(table.get("w", 7), live, "the second read returns the same private copy");
  t.is(copies, 1);
  t.is(frozen.get("w")!.get(7)!.n, 7, "the snapshot keeps the value at the barrier");
  t.is(table.peek("w", 8), frozen.get("w")!.get(8), "peek does not copy");
  table.endSnapshot();
  t.is(table.get("w", 7)!.n, -1, "the change is folded back in");
  t.is(copies, 1);
});

test("a second snapshot cannot begin before the first ends", (t) => {
  const table = new StateTable<number>((v) => v);
  table.beginSnapshot();
  t.throws(() => table.beginSnapshot(), { message: /already being taken/ });
});
