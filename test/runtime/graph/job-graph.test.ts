// Operator chaining: which operators share a task, as Flink decides it.
import test from "ava";
import { CollectSink, describeJobGraph, StreamExecutionEnvironment } from "../../../runtime/index.js";

const env = (p = 2) => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(p);
const chains = (e: StreamExecutionEnvironment) => describeJobGraph(e.getJobGraph()).split("\n");

test("forward edges with equal parallelism chain into one task", (t) => {
  const e = env();
  e.fromSequence(1, 10).map((x) => x, "A").filter(() => true, "B").print();
  t.deepEqual(chains(e), ["[Sequence -> A -> B -> Print to Std. Out] x2"]);
});

test("keyBy breaks the chain (hash partitioning needs a channel)", (t) => {
  const e = env();
  e.fromSequence(1, 10).map((x) => x, "A").keyBy((x) => x % 3).reduce((a, b) => a + b, "R").map((x) => x, "C").print();
  t.deepEqual(chains(e), ["[Sequence -> A] x2", "[R -> C -> Print to Std. Out] x2"]);
});

test("a change of parallelism breaks the chain", (t) => {
  const e = env();
  e.fromSequence(1, 10).map((x) => x, "A").setParallelism(1).map((x) => x, "B").print();
  t.deepEqual(chains(e), ["[Sequence] x2", "[A] x1", "[B -> Print to Std. Out] x2"]);
});

test("startNewChain starts a chain before the operator only", (t) => {
  const e = env();
  e.fromSequence(1, 10).map((x) => x, "A").map((x) => x, "B").startNewChain().map((x) => x, "C").print();
  t.deepEqual(chains(e), ["[Sequence -> A] x2", "[B -> C -> Print to Std. Out] x2"]);
});

test("disableChaining isolates the operator on both sides", (t) => {
  const e = env();
  e.fromSequence(1, 10).map((x) => x, "A").map((x) => x, "B").disableChaining().map((x) => x, "C").print();
  t.deepEqual(chains(e), ["[Sequence -> A] x2", "[B] x2", "[C -> Print to Std. Out] x2"]);
});

test("disableOperatorChaining gives every operator its own task", (t) => {
  const e = env().disableOperatorChaining();
  e.fromSequence(1, 10).map((x) => x, "A").print();
  t.deepEqual(chains(e), ["[Sequence] x2", "[A] x2", "[Print to Std. Out] x2"]);
});

test("an operator with two inputs is never chained to them", (t) => {
  const e = env();
  const a = e.fromSequence(1, 10);
  a.connect(a.map((x) => x, "M")).map({ map1: (x: number) => x, map2: (x: number) => x }, "Co").print();
  t.deepEqual(chains(e), ["[Sequence -> M] x2", "[Co -> Print to Std. Out] x2"]);
});

test("a union of two streams is a second input, so it does not chain", (t) => {
  const e = env();
  const s = e.fromSequence(1, 10);
  s.union(s.map((x) => x, "M")).map((x) => x, "After").print();
  t.deepEqual(chains(e), ["[Sequence -> M] x2", "[After -> Print to Std. Out] x2"]);
});

test("fan-out to several forward consumers chains all of them", (t) => {
  const e = env();
  const s = e.fromSequence(1, 10).map((x) => x, "A");
  s.map((x) => x, "B").print();
  s.map((x) => x, "C").print();
  t.deepEqual(chains(e), ["[Sequence -> A -> B -> Print to Std. Out -> C -> Print to Std. Out] x2"]);
});

test("rebalance between equal parallelism still needs a channel", (t) => {
  const e = env();
  e.fromSequence(1, 10).rebalance().map((x) => x, "A").print();
  t.deepEqual(chains(e), ["[Sequence] x2", "[A -> Print to Std. Out] x2"]);
});

test("a keyBy between two single subtasks chains: every record goes to subtask 0 anyway", (t) => {
  const e = env(1);
  e.fromSequence(1, 10).map((x) => x, "A").keyBy((x) => x % 3).reduce((a, b) => a + b, "R").print();
  t.deepEqual(chains(e), ["[Sequence -> A -> R -> Print to Std. Out] x1"]);
});

test("a keyed consumer chained behind a single subtask still keeps state per key", async (t) => {
  const e = env(1);
  const out = new CollectSink<[number, number]>();
  e.fromSequence(1, 9).map((x) => [x % 3, x] as [number, number], "Pair").keyBy(([k]) => k).reduce(([k, a], [, b]) => [k, a + b], "R").sinkTo(out);
  t.deepEqual(chains(e), ["[Sequence -> Pair -> R -> Sink] x1"]);
  await e.execute();
  // Running sums per key (x mod 3): 1,5,12 · 2,7,15 · 3,9,18 — one key's sum never mixes with another's.
  t.deepEqual(out.values.filter(([k]) => k === 1).map(([, v]) => v), [1, 5, 12]);
  t.deepEqual(out.values.filter(([k]) => k === 2).map(([, v]) => v), [2, 7, 15]);
  t.deepEqual(out.values.filter(([k]) => k === 0).map(([, v]) => v), [3, 9, 18]);
});
