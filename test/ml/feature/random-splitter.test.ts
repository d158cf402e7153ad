// RandomSplitter: each subtask's choices are those a JVM makes with Flink ML's seeding (java-random.json, from
// scripts/ml/FlinkRandomOracle.java); properties: the split is a partition of the input, the same seed splits the
// same way, and the fractions approach the weights.
import test from "ava";
import fc from "fast-check";
import { type DataStream, type StreamExecutionEnvironment } from "../../../runtime/index.js";
import { RandomSplitter, type Row } from "../../../ml/index.js";
import { env, fixture } from "../helpers/oracle.js";
import { generatedTable } from "../helpers/online-streams.js";

interface SplitCase { weights: number[]; seed: number; subtask: number; tables: number[] }
const fx = fixture<{ randomSplitter: SplitCase[]; randomSplitterDefaultSeed: number }>("java-random");

/** Runs the split in one job and returns, per output table, the ids it got. */
async function split(e: StreamExecutionEnvironment, input: DataStream<Row>, splitter: RandomSplitter): Promise<number[][]> {
  const outputs = splitter.transform(input);
  const ids: number[][] = outputs.map(() => []);
  outputs.forEach((out, j) => out.sinkTo((row: Row) => void ids[j]!.push(row["id"] as number), `table ${j}`));
  await e.execute("RandomSplitter test");
  return ids.map((list) => list.sort((a, b) => a - b));
}

for (const c of fx.randomSplitter) {
  test(`weights ${JSON.stringify(c.weights)}, seed ${c.seed}: subtask ${c.subtask} sends its rows where the JVM does`, async (t) => {
    const parallelism = c.subtask + 1;
    const e = env(parallelism);
    // subtask s of p reads rows s, s + p, …: its k-th row is row s + k·p
    const rows = Array.from({ length: c.tables.length * parallelism }, (_, id) => ({ id }));
    const splitter = new RandomSplitter().setWeights(...c.weights);
    if (c.seed !== fx.randomSplitterDefaultSeed) splitter.setSeed(c.seed);
    else t.is(splitter.getSeed(), c.seed, "the default seed is the hash of Flink ML's class name");
    const tables = await split(e, generatedTable(e, rows), splitter);
    const tableOf = new Map<number, number>();
    tables.forEach((ids, j) => ids.forEach((id) => tableOf.set(id, j)));
    t.deepEqual(c.tables.map((_, k) => tableOf.get(c.subtask + k * parallelism)), c.tables);
  });
}

test("property: the tables partition the input, the same seed gives the same split, and fractions approach the weights", async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: 2, maxLength: 4 }), fc.integer(), fc.integer({ min: 1, max: 3 }), async (weights, seed, parallelism) => {
      const n = 6000;
      const rows = Array.from({ length: n }, (_, id) => ({ id }));
      const run = async () => {
        const e = env(parallelism);
        return split(e, generatedTable(e, rows), new RandomSplitter().setWeights(...weights).setSeed(seed));
      };
      const first = await run();
      const again = await run();
      const all = first.flat().sort((a, b) => a - b);
      const partition = all.length === n && all.every((id, i) => id === i);
      const total = weights.reduce((a, b) => a + b, 0);
      // a binomial share's standard deviation is at most sqrt(0.25 / n) ≈ 0.0065; allow 5 of them
      const close = first.every((ids, j) => Math.abs(ids.length / n - weights[j]! / total) < 0.033);
      return partition && JSON.stringify(first) === JSON.stringify(again) && close;
    }),
    { numRuns: 12, seed: 20261205 },
  );
  t.pass();
});

test("params: Flink ML's defaults and validation", (t) => {
  const s = new RandomSplitter();
  t.deepEqual(s.getWeights(), [1, 1]);
  t.is(s.getSeed(), fx.randomSplitterDefaultSeed);
  t.throws(() => s.setWeights(1), { message: /'weights' is given an invalid value \[1\]: it must be an array of at least 2 weights, each > 0/ });
  t.throws(() => s.setWeights(1, 0), { message: /each > 0/ });
});

test("an empty table splits into empty tables", async (t) => {
  const e = env(2);
  t.deepEqual(await split(e, e.fromCollection<Row>([]), new RandomSplitter().setWeights(1, 2, 3)), [[], [], []]);
});

test("save and load keep the weights and the seed", async (t) => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const path = join(mkdtempSync(join(tmpdir(), "eddy-splitter-")), "s");
  await new RandomSplitter().setWeights(0.2, 0.8).setSeed(99).save(path);
  const loaded = await RandomSplitter.load(env(), path);
  t.deepEqual(loaded.getWeights(), [0.2, 0.8]);
  t.is(loaded.getSeed(), 99);
});
