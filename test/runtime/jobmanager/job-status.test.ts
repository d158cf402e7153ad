// The job lifecycle: legal transitions as pure functions, and what a JobClient reports.
import test from "ava";
import { StreamExecutionEnvironment, EddyError, type JobStatus } from "../../../runtime/index.js";
import { createJob, isLegal, transition, transitionChecked } from "../../../runtime/jobmanager/job-status.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";

test("transitions are pure: the old state is unchanged", (t) => {
  const created = createJob("j1", "demo", 0);
  const running = transition(created, "RUNNING", 5);
  const finished = transition(running, "FINISHED", 9);
  t.is(created.status, "CREATED");
  t.is(running.status, "RUNNING");
  t.deepEqual(finished.since, { CREATED: 0, RUNNING: 5, FINISHED: 9 });
  t.true(Object.isFrozen(finished));
});

test("illegal transitions are refused", (t) => {
  t.false(isLegal("FINISHED", "RUNNING"));
  t.false(isLegal("CREATED", "FINISHED"));
  t.true(isLegal("RUNNING", "RESTARTING"));
  t.throws(() => transitionChecked(createJob("j", "demo", 0), "FINISHED", 1), { message: /illegal job transition CREATED -> FINISHED/ });
});

test("a finished job went CREATED → RUNNING → FINISHED and reports metrics", async (t) => {
  const statuses: JobStatus[] = [];
  const env = StreamExecutionEnvironment.getExecutionEnvironment().onJobStatus((j) => statuses.push(j.status));
  env.fromSequence(1, 1000).map((x) => x * 2, "Double").filter((x) => x % 3 === 0, "Third").print("", () => {});
  const result = await env.execute("metrics-demo");
  t.deepEqual(statuses, ["RUNNING", "FINISHED"]);
  const byName = Object.fromEntries(result.metrics.operators.map((o) => [o.name, o]));
  t.is(byName["Double"]!.recordsIn, 1000);
  t.is(byName["Double"]!.recordsOut, 1000);
  t.is(byName["Third"]!.recordsOut, 333);
  t.is(result.jobName, "metrics-demo");
});

test("an operator chained behind a side output counts the side output's records, not the main output's", async (t) => {
  const { OutputTag } = await import("../../../runtime/index.js");
  const odd = new OutputTag<number>("odd");
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const split = env.fromSequence(1, 10).process<number>({ processElement: (x, ctx, out) => (x % 2 === 0 ? out.collect(x) : x < 5 ? ctx.output(odd, x) : undefined) }, "Split");
  split.sinkTo(() => {}, "Evens");
  split.getSideOutput(odd).sinkTo(() => {}, "SmallOdds");
  const result = await env.execute("side-metrics");
  const byName = Object.fromEntries(result.metrics.operators.map((o) => [o.name, o]));
  t.is(byName["Evens"]!.recordsIn, 5);
  t.is(byName["SmallOdds"]!.recordsIn, 2); // 1 and 3
});

test("cancel stops a never-ending job: CANCELLING → CANCELED, and the result rejects", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const src = new ControlledSource<number>();
  env.fromSource(src, (await import("../../../runtime/index.js")).WatermarkStrategy.noWatermarks<number>(), "forever").print("", () => {});
  const client = env.executeAsync("endless");
  src.push(1);
  await settle();
  t.is(await client.getJobStatus(), "RUNNING");
  await client.cancel();
  t.is(await client.getJobStatus(), "CANCELED");
  const error = await t.throwsAsync(client.getJobExecutionResult(), { instanceOf: EddyError });
  t.regex(error!.message, /cancelled/);
});

test("a failed job reports FAILED and the failure", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.fromElements(1).map(() => {
    throw new Error("nope");
  }).print();
  const client = env.executeAsync();
  await t.throwsAsync(client.getJobExecutionResult());
  t.is(await client.getJobStatus(), "FAILED");
});
