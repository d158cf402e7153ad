// `trigger` clauses: what each evaluates to (the Flink trigger it builds), and every misuse reported at its span.
import test from "ava";
import type { JobDecl, WindowOp } from "../../../compiler/ast/nodes.js";
import { checkText, checksClean, PRELUDE, reports } from "../helpers/check.js";

const job = (window: string) => `${PRELUDE}job j {\n txns | keyBy account | window ${window} | aggregate { n: count() } | to out\n}\n`;

function triggerOf(window: string) {
  const result = checkText(job(window));
  const j = result.program!.declarations.find((d): d is JobDecl => d.kind === "JobDecl")!;
  const pipeline = j.items[0]!;
  const op = (pipeline.kind === "Pipeline" ? pipeline.operators : []).find((o): o is WindowOp => o.kind === "WindowOp")!;
  return op.trigger?.spec;
}

test("count(n) is CountTrigger; purge wraps it in PurgingTrigger", (t) => {
  checksClean(t, job("global trigger count(100) purge"));
  t.deepEqual(triggerOf("global trigger count(100) purge"), { kind: "count", count: 100, purge: true });
  t.deepEqual(triggerOf("global trigger count(2)"), { kind: "count", count: 2, purge: false });
});

test("every d follows the window's time: ContinuousEventTimeTrigger or ContinuousProcessingTimeTrigger", (t) => {
  t.deepEqual(triggerOf("global trigger every 10s"), { kind: "continuous", intervalMs: 10_000, time: "event", purge: false });
  t.deepEqual(triggerOf("tumbling(1m) processing trigger every 1s"), { kind: "continuous", intervalMs: 1000, time: "processing", purge: false });
});

test("early and late firings of an event-time window", (t) => {
  checksClean(t, job("tumbling(1m) trigger early every 10s late count(5) allowedLateness 1m"));
  t.deepEqual(triggerOf("tumbling(1m) trigger early every 10s late count(5) allowedLateness 1m"), {
    kind: "firings", early: { kind: "every", intervalMs: 10_000 }, lateCount: 5, purge: false,
  });
  t.deepEqual(triggerOf("session(5m) trigger early count(3) purge"), { kind: "firings", early: { kind: "count", count: 3 }, lateCount: null, purge: true });
  t.deepEqual(triggerOf("sliding(1m, 10s) trigger late count(1) allowedLateness 5s"), { kind: "firings", early: null, lateCount: 1, purge: false });
});

test("a trigger on a count window is FLOW4030 at the trigger", (t) => {
  reports(t, job("count(5) ⟦trigger every 1s⟧"), "FLOW4030");
  reports(t, job("count(5) ⟦trigger count(2) purge⟧"), "FLOW4030");
});

test("early or late firings on a global or processing-time window are FLOW4031 at the firing", (t) => {
  reports(t, job("global trigger early ⟦count(2)⟧"), "FLOW4031");
  reports(t, job("tumbling(1m) processing trigger late ⟦count(2)⟧"), "FLOW4031");
});

test("late firings by time are FLOW4032 at the firing", (t) => {
  reports(t, job("tumbling(1m) trigger early count(2) late ⟦every 1s⟧ allowedLateness 1m"), "FLOW4032");
});

test("counts: not an int is FLOW3001, zero or negative FLOW4024, not a constant FLOW4010", (t) => {
  reports(t, job("global trigger count(⟦1.5⟧)"), "FLOW3001");
  reports(t, job("global trigger count(⟦1s⟧)"), "FLOW3001");
  reports(t, job("global trigger count(⟦0⟧)"), "FLOW4024");
  reports(t, job("global trigger count(⟦-1⟧)"), "FLOW4024");
  reports(t, job("global trigger count(⟦amount⟧)"), "FLOW4010");
  reports(t, job("tumbling(1m) trigger early count(⟦-3⟧)"), "FLOW4024");
});

test("intervals: not a duration is FLOW3001, zero FLOW4009, not a constant FLOW4010", (t) => {
  reports(t, job("global trigger every ⟦10⟧"), "FLOW3001");
  reports(t, job("global trigger every ⟦0s⟧"), "FLOW4009");
  reports(t, job("global trigger every ⟦ts⟧"), "FLOW4010");
});

test("trigger comes before or after allowedLateness, and before lateTo", (t) => {
  checksClean(t, `${PRELUDE}sink late = collect()\njob j {\n txns | keyBy account | window tumbling(1m) trigger every 10s allowedLateness 1m lateTo late | aggregate { n: count() } | to out\n}\n`);
  t.deepEqual(triggerOf("tumbling(1m) allowedLateness 1m trigger every 10s"), { kind: "continuous", intervalMs: 10_000, time: "event", purge: false });
});
