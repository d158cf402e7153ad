// State TTL: expiry measured on the injected processing-time clock.
import test from "ava";
import { ManualClock, StateTtlConfig, ValueStateDescriptor } from "../../../runtime/index.js";
import { HeapKeyedStateBackend } from "../../../runtime/state/keyed-state-backend.js";
import type { HeapValueState } from "../../../runtime/state/heap-states.js";
import { ListStateDescriptor, MapStateDescriptor } from "../../../runtime/index.js";

function backendAt(clock: ManualClock) {
  return new HeapKeyedStateBackend(128, () => clock.now());
}

test("a value expires ttl ms after it was written", (t) => {
  const clock = new ManualClock(0);
  const b = backendAt(clock);
  const s = b.getOrCreateState(new ValueStateDescriptor<string>("v").enableTimeToLive(StateTtlConfig.newBuilder(100).build())) as HeapValueState<string>;
  b.setCurrentKey("k");
  s.update("x");
  clock.advance(99);
  t.is(s.value(), "x");
  clock.advance(1);
  t.is(s.value(), undefined);
});

test("OnCreateAndWrite: reads do not extend the lifetime; OnReadAndWrite: they do", (t) => {
  const clock = new ManualClock(0);
  const b = backendAt(clock);
  const w = b.getOrCreateState(new ValueStateDescriptor<number>("w").enableTimeToLive(StateTtlConfig.newBuilder(100).build())) as HeapValueState<number>;
  const r = b.getOrCreateState(
    new ValueStateDescriptor<number>("r").enableTimeToLive(StateTtlConfig.newBuilder(100).updateTtlOnReadAndWrite().build()),
  ) as HeapValueState<number>;
  b.setCurrentKey(1);
  w.update(1);
  r.update(1);
  clock.advance(60);
  t.is(w.value(), 1);
  t.is(r.value(), 1);
  clock.advance(60);
  t.is(w.value(), undefined);
  t.is(r.value(), 1);
});

test("ReturnExpiredIfNotCleanedUp returns the stale value once, then it is gone", (t) => {
  const clock = new ManualClock(0);
  const b = backendAt(clock);
  const s = b.getOrCreateState(
    new ValueStateDescriptor<number>("v").enableTimeToLive(StateTtlConfig.newBuilder(10).returnExpiredIfNotCleanedUp().build()),
  ) as HeapValueState<number>;
  b.setCurrentKey("k");
  s.update(7);
  clock.advance(10);
  t.is(s.value(), 7);
  t.is(s.value(), undefined);
});

test("TTL is per key, and incremental cleanup removes expired entries of other keys", (t) => {
  const clock = new ManualClock(0);
  const b = backendAt(clock);
  const s = b.getOrCreateState(new ValueStateDescriptor<number>("v").enableTimeToLive(StateTtlConfig.newBuilder(50).cleanupIncrementally(10).build())) as HeapValueState<number>;
  for (let k = 0; k < 5; k++) {
    b.setCurrentKey(k);
    s.update(k);
  }
  clock.advance(30);
  b.setCurrentKey("fresh");
  s.update(99);
  clock.advance(30);
  t.is(s.value(), 99);
  t.is(b.stateSizes()["v"], 1, "the five expired keys were swept by the access");
});

test("list and map state honour TTL too", (t) => {
  const clock = new ManualClock(0);
  const b = backendAt(clock);
  const ttl = StateTtlConfig.newBuilder(5).build();
  const list = b.getOrCreateState(new ListStateDescriptor<number>("l").enableTimeToLive(ttl)) as unknown as import("../../../runtime/index.js").ListState<number>;
  const map = b.getOrCreateState(new MapStateDescriptor<string, number>("m").enableTimeToLive(ttl)) as unknown as import("../../../runtime/index.js").MapState<string, number>;
  b.setCurrentKey("k");
  list.add(1);
  list.add(2);
  map.put("a", 1);
  t.deepEqual(list.get(), [1, 2]);
  t.is(map.get("a"), 1);
  clock.advance(5);
  t.deepEqual(list.get(), []);
  t.is(map.get("a"), undefined);
});
