// Keyed state kinds on the heap backend: semantics per key and namespace.
import test from "ava";
import {
  AggregatingStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  ValueStateDescriptor,
} from "../../../runtime/index.js";
import type { HeapAggregatingState, HeapListState, HeapMapState, HeapReducingState, HeapValueState } from "../../../runtime/state/heap-states.js";
import { HeapKeyedStateBackend } from "../../../runtime/state/keyed-state-backend.js";
import { VOID_NAMESPACE } from "../../../runtime/state/state-table.js";

const backend = () => new HeapKeyedStateBackend(128, () => 0);

test("value state: default value, update, clear, per key", (t) => {
  const b = backend();
  const s = b.getOrCreateState(new ValueStateDescriptor<number>("v", 5)) as HeapValueState<number>;
  b.setCurrentKey("a");
  t.is(s.value(), 5);
  s.update(1);
  b.setCurrentKey("b");
  t.is(s.value(), 5);
  b.setCurrentKey("a");
  t.is(s.value(), 1);
  s.clear();
  t.is(s.value(), 5);
  t.is(b.stateSizes()["v"], 0);
});

test("list, map, reducing and aggregating state", (t) => {
  const b = backend();
  b.setCurrentKey(1);
  const l = b.getOrCreateState(new ListStateDescriptor<number>("l")) as HeapListState<number>;
  l.add(1);
  l.addAll([2, 3]);
  t.deepEqual(l.get(), [1, 2, 3]);
  l.update([9]);
  t.deepEqual(l.get(), [9]);
  const m = b.getOrCreateState(new MapStateDescriptor<string, number>("m")) as HeapMapState<string, number>;
  m.put("x", 1);
  m.putAll([["y", 2]]);
  t.true(m.contains("x"));
  t.deepEqual([...m.entries()], [["x", 1], ["y", 2]]);
  m.remove("x");
  m.remove("y");
  t.true(m.isEmpty());
  const r = b.getOrCreateState(new ReducingStateDescriptor<number>("r", (a, c) => Math.max(a, c))) as HeapReducingState<number>;
  r.add(3);
  r.add(1);
  t.is(r.get(), 3);
  const avg = b.getOrCreateState(
    new AggregatingStateDescriptor<number, [number, number], number>("avg", {
      createAccumulator: () => [0, 0],
      add: (v, [s, n]) => [s + v, n + 1],
      getResult: ([s, n]) => s / n,
      merge: ([a, b2], [c, d]) => [a + c, b2 + d],
    }),
  ) as HeapAggregatingState<number, [number, number], number>;
  avg.add(2);
  avg.add(4);
  t.is(avg.get(), 3);
});

test("namespaces separate state of one key, and merge for merging windows", (t) => {
  const b = backend();
  b.setCurrentKey("k");
  const r = b.getOrCreateState(new ReducingStateDescriptor<number>("sum", (a, c) => a + c)) as HeapReducingState<number>;
  const w1 = { w: 1 };
  const w2 = { w: 2 };
  r.setCurrentNamespace(w1);
  r.add(1);
  r.setCurrentNamespace(w2);
  r.add(10);
  t.is(r.get(), 10);
  r.mergeNamespaces(w1, [w2]);
  r.setCurrentNamespace(w1);
  t.is(r.get(), 11);
  r.setCurrentNamespace(w2);
  t.is(r.get(), undefined);
});

test("the same name gives the same state; a different kind under one name is an error", (t) => {
  const b = backend();
  t.is(b.getOrCreateState(new ValueStateDescriptor("x")), b.getOrCreateState(new ValueStateDescriptor("x")));
  t.throws(() => b.getOrCreateState(new ListStateDescriptor("x")), { message: /distinct names/ });
});

test("restore: state registered after the restore gets its entries, and state never registered survives the next snapshot", (t) => {
  const encode = (ns: unknown) => (ns === VOID_NAMESPACE ? "void" : ns);
  const decode = (ns: unknown) => (ns === "void" ? VOID_NAMESPACE : ns);
  const first = backend();
  const kept = first.getOrCreateState(new ValueStateDescriptor<{ n: number }>("kept")) as HeapValueState<{ n: number }>;
  const list = first.getOrCreateState(new ListStateDescriptor<number>("list")) as HeapListState<number>;
  for (let k = 0; k < 50; k++) {
    first.setCurrentKey(k);
    kept.update({ n: k });
    list.addAll([k, k + 1]);
  }
  const restoreFrom = (groups: Record<number, unknown>) => new Map(Object.entries(structuredClone(groups)).map(([kg, g]) => [Number(kg), g as never]));
  // the second backend registers only "list"; "kept" stays pending, and must be in its snapshot
  const second = backend();
  second.restore(restoreFrom(first.snapshot(encode)), decode);
  const list2 = second.getOrCreateState(new ListStateDescriptor<number>("list")) as HeapListState<number>;
  second.setCurrentKey(7);
  t.deepEqual(list2.get(), [7, 8]);
  list2.add(9);
  const third = backend();
  third.restore(restoreFrom(second.snapshot(encode)), decode);
  const kept3 = third.getOrCreateState(new ValueStateDescriptor<{ n: number }>("kept")) as HeapValueState<{ n: number }>;
  const list3 = third.getOrCreateState(new ListStateDescriptor<number>("list")) as HeapListState<number>;
  for (let k = 0; k < 50; k++) {
    third.setCurrentKey(k);
    t.deepEqual(kept3.value(), { n: k });
    t.deepEqual(list3.get(), k === 7 ? [7, 8, 9] : [k, k + 1]);
  }
  t.deepEqual(third.stateSizes(), { kept: 50, list: 50 });
});
