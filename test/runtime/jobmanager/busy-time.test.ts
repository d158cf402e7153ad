// Busy time per subtask (Flink's busyTimeMsPerSecond): estimated from one slice in 8, it must still add up to the time
// a subtask really spent working — here a map that spins 50 µs per record, 2 000 records in slices of one record.
import test from "ava";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";

const RECORDS = 2_000;
const SPIN_MS = 0.05;

test("a subtask that spins 50 µs per record for 2 000 records reports about 100 ms busy; its idle neighbour far less", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.getConfig().setBatchSize(1).sliceBudget = 1;
  env
    .fromSequence(1, RECORDS)
    .map((n) => {
      const until = performance.now() + SPIN_MS;
      while (performance.now() < until);
      return n;
    }, "Spin")
    .setParallelism(1)
    .filter(() => false, "Drop")
    .setParallelism(1)
    .disableChaining()
    .sinkTo(() => {});
  const client = env.executeAsync("busy");
  const { metrics } = await client.getJobExecutionResult();
  const subtasks = metrics.subtasks ?? [];
  // the source chained with Spin, then Drop, then the sink (Drop chains with neither)
  t.is(subtasks.length, 3, JSON.stringify(subtasks));
  const [spin, drop] = subtasks;
  t.is(spin!.recordsOut, RECORDS);
  t.is(drop!.recordsIn, RECORDS);
  const spent = RECORDS * SPIN_MS;
  // why these bounds: the spin alone is 100 ms; sampling 1 slice in 8 over ~2 000 slices estimates it within a few %,
  // and the machine may add time (a slice preempted by other processes counts as busy, as in Flink)
  t.true(spin!.busyMs >= spent * 0.7 && spin!.busyMs <= metrics.elapsedMs * 1.5, `spin busy ${spin!.busyMs} ms of ${metrics.elapsedMs} ms`);
  t.true(drop!.busyMs < spin!.busyMs / 2, `drop busy ${drop!.busyMs} ms, spin ${spin!.busyMs} ms`);
});
