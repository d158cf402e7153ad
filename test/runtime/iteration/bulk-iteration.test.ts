// Bulk iterations (Flink's DataSet.iterate) on the streaming runtime: the result is the step's output in the last
// superstep, at every parallelism.
import test from "ava";
import { iterateBulk, Iterations, StreamExecutionEnvironment, type DataStream } from "../../../runtime/index.js";

function env(parallelism: number): StreamExecutionEnvironment {
  return StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
}

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: a step applied maxIterations times`, async (t) => {
    const e = env(parallelism);
    const result = iterateBulk(e.fromCollection([1, 2, 3, 4, 5]), 5, (partial) => partial.map((x) => x * 2));
    const out = await result.executeAndCollect();
    t.deepEqual(out.sort((a, b) => a - b), [32, 64, 96, 128, 160]);
  });

  test(`p=${parallelism}: a termination criterion stops the iteration once it is empty (Newton's square root)`, async (t) => {
    const e = env(parallelism);
    const targets = [2, 9, 1e6, 0.25];
    type Guess = { n: number; x: number; steps: number };
    const result = iterateBulk<Guess>(e.fromCollection(targets.map((n) => ({ n, x: n, steps: 0 }))), 100, (partial) => {
      const next = partial.map((g) => ({ n: g.n, x: (g.x + g.n / g.x) / 2, steps: g.steps + 1 }));
      // why: the criterion holds records while any guess still moves by more than 1e-12 relative
      const moving = next.filter((g) => Math.abs(g.x * g.x - g.n) > 1e-9 * g.n);
      return { next, terminationCriterion: moving };
    });
    const out = await result.executeAndCollect();
    t.is(out.length, targets.length);
    for (const g of out) t.true(Math.abs(g.x - Math.sqrt(g.n)) <= 1e-9 * Math.sqrt(g.n), `sqrt(${g.n}) ≈ ${g.x}`);
    // why: the iteration stops in the superstep after the slowest guess converged, not at the limit of 100
    const slowest = Math.max(...out.map((g) => g.steps));
    t.true(slowest < 100);
    t.true(out.every((g) => g.steps === slowest), "every record took part in every superstep");
  });
}

test("an empty partial solution ends the iteration with an empty result", async (t) => {
  const e = env(2);
  const result = iterateBulk(e.fromCollection([1, 2, 3]), 50, (partial) => partial.map((x) => x - 1).filter((x) => x > 0));
  t.deepEqual(await result.executeAndCollect(), []);
});

test("the body sees each superstep complete at its watermark, and a data stream whole in superstep 0", async (t) => {
  const e = env(2);
  // why: the sum of the data (1..100 = 5050) must be known in superstep 0, before the first variable record is answered
  const data = e.fromCollection(Array.from({ length: 100 }, (_, i) => i + 1));
  const [out] = Iterations.iterateBoundedStreamsUntilTermination<[number], [number]>([e.fromCollection([0])], [data], { maxSupersteps: 4 }, ([counter], [numbers]) => {
    const sums = counter.connect(numbers.broadcast()).transform<number>("Per-superstep sum", () => new SuperstepSum());
    return { feedbackVariableStreams: [sums.filter(() => true)], outputStreams: [sums] };
  });
  const values = (await (out as DataStream<number>).executeAndCollect()).sort((a, b) => a - b);
  // each superstep: the counter plus the data's sum, from the superstep's one counter record
  t.deepEqual(values, [5050, 10100, 15150, 20200]);
});

import { AbstractStreamOperator } from "../../../runtime/spi.js";
import type { RecordBatch } from "../../../runtime/index.js";

/** Adds each superstep's counter records (input 0) to the sum of all data (input 1), at the end of the superstep. */
class SuperstepSum extends AbstractStreamOperator<number> {
  private data = 0;
  private counters: number[] = [];
  constructor() {
    super("Per-superstep sum");
  }
  processBatch(batch: RecordBatch<number>, input: number): void {
    for (let i = 0; i < batch.length; i++) {
      if (input === 1) this.data += batch.values[i]!;
      else this.counters.push(batch.values[i]!);
    }
  }
  protected override onWatermark(superstep: number): void {
    if (!Number.isFinite(superstep)) return;
    for (const c of this.counters) this.output.collect(c + this.data, superstep);
    this.counters = [];
  }
}

test("an iteration read by a second job of the same environment runs again whole (its entries and tails come with it)", async (t) => {
  const e = env(2);
  const result = iterateBulk(e.fromCollection([1, 2, 3]), 3, (partial) => partial.map((x) => x * 10));
  t.deepEqual((await result.executeAndCollect("first")).sort((a, b) => a - b), [1000, 2000, 3000]);
  // execute() forgets the first job's sinks; the loop must not lose its entries and tails with them
  t.deepEqual((await result.map((x) => x + 1).executeAndCollect("second")).sort((a, b) => a - b), [1001, 2001, 3001]);
});
