// JobClient.getJobPlan(): the job graph as plain data — vertices (operator chains) with parallelism and operator names,
// edges with Flink's ship strategy names — for a job whose chaining is known by Flink's rules: a forward edge of equal
// parallelism chains, a keyBy, a rebalance and a change of parallelism do not, a side output is its own edge.
import test from "ava";
import { OutputTag, StreamExecutionEnvironment } from "../../../runtime/index.js";

test("the plan lists the chains, their parallelism and operator names, and every edge between them with its ship strategy", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const small = new OutputTag<number>("small");
  const split = env
    .fromSequence(1, 100)
    .map((x) => x * 2, "Double")
    .process<number>({ processElement: (x, ctx, out) => (x > 10 ? out.collect(x) : ctx.output(small, x)) }, "Split");
  split.keyBy((x) => x % 3).map((x) => x + 1, "PerKey").rebalance().sinkTo(() => {}, "Out");
  split.getSideOutput(small).sinkTo(() => {}, "Smalls").setParallelism(1);
  const client = env.executeAsync("plan-demo");
  const plan = client.getJobPlan();
  await client.getJobExecutionResult();
  t.is(plan.name, "plan-demo");
  const byHead = Object.fromEntries(plan.vertices.map((v) => [v.operators[0], v]));
  t.deepEqual(plan.vertices.map((v) => [v.operators, v.parallelism]).sort(), [
    [["Out"], 2],
    [["PerKey"], 2],
    [["Smalls"], 1],
    [[plan.vertices[0]!.operators[0]!, "Double", "Split"], 2],
  ].sort() as never);
  t.is(plan.vertices[0]!.name, plan.vertices[0]!.operators.join(" -> "));
  const edges = plan.edges.map((e) => [plan.vertices[e.source]!.operators.at(-1), plan.vertices[e.target]!.operators[0], e.shipStrategy, e.sideOutput]);
  t.deepEqual(edges.sort(), [
    ["PerKey", "Out", "REBALANCE", null],
    ["Split", "PerKey", "HASH", null],
    ["Split", "Smalls", "REBALANCE", "small"],
  ].sort() as never);
  t.is(byHead["Smalls"]!.parallelism, 1);
  t.deepEqual(JSON.parse(JSON.stringify(plan)), plan, "plain data: survives JSON");
});
