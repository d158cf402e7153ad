// Records per second between two polls of a vertex's counters.
import test from "ava";
import { ratePerSecond } from "../../web/src/rates.js";

test("the difference over the elapsed time, per second", (t) => {
  t.is(ratePerSecond({ value: 1000, atMs: 10_000 }, { value: 1500, atMs: 10_250 }), 2000);
  t.is(ratePerSecond({ value: 7, atMs: 0 }, { value: 7, atMs: 1000 }), 0);
});

test("no rate for the first sample, a counter that restarted, or no time between samples", (t) => {
  t.is(ratePerSecond(undefined, { value: 10, atMs: 1000 }), null);
  t.is(ratePerSecond({ value: 500, atMs: 0 }, { value: 20, atMs: 1000 }), null, "a job restored from a checkpoint counts again from 0");
  t.is(ratePerSecond({ value: 5, atMs: 1000 }, { value: 9, atMs: 1000 }), null);
});
