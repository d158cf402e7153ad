// Same answers at every worker count: every runnable dsl-example gives its committed output on 4 workers of the pool
// (more than the cores: every vertex's channels cross threads) at parallelism 2 and 4 — one thread and 2 workers at
// parallelism 1 to 3, fused and --no-fuse, are the golden and parallelism-equivalence tests' matrix; every Nexmark
// query gives on 2 workers the rows it gives in one thread at parallelism 1. Where subtasks run (which worker, which
// channels cross threads through shared-memory rings) must not change what a job computes. Each case also checks that
// the job really ran on the workers it asked for: a factory that fell back to the calling thread would make the
// comparison say nothing.
import test from "ava";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { QUERIES, loadQuery } from "../../bench/nexmark/queries.js";
import { WorkerPool } from "../../runtime/index.js";
import { FINAL, finalRows } from "../helpers/nexmark-final.js";
import { filePaths, loadFactories, runLikeTheCli } from "./factories.js";
import { listExamples } from "./golden.js";

// why 4 workers, fused only: one thread (workers 1) and fused vs --no-fuse on the pool are the golden and
// parallelism-equivalence tests' (2 workers, parallelism 1–3, both back ends); this one adds more workers than cores,
// where every channel of a vertex crosses threads
const WORKERS = [4] as const;
const PARALLELISMS = [2, 4] as const;
const FUSIONS = [true] as const;

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

for (const example of listExamples().filter((e) => e.run)) {
  const expected = readFileSync(join(example.expectedDir, "output.txt"), "utf8");

  test.serial(`${example.name}: the committed output on 4 workers at parallelism 2 and 4`, async (t) => {
    const source = readFileSync(example.file, "utf8");
    for (const fuse of FUSIONS) {
      const { jobs, result } = await loadFactories(source, example.file, fuse);
      for (const workers of WORKERS) {
        for (const p of PARALLELISMS) {
          const where = `${workers} workers, parallelism ${p}, ${fuse ? "fused" : "--no-fuse"}`;
          const ranOn: number[] = [];
          t.is(await runLikeTheCli(jobs, result, p, filePaths(result, dirname(example.file)), workers, (w) => void ranOn.push(w)), expected, where);
          t.deepEqual(ranOn, ranOn.map(() => workers), `${where}: every job ran on ${workers} workers`);
        }
      }
    }
  });
}

const EVENTS = 3_000;
for (const name of QUERIES) {
  // why not q12: its windows are in processing time. On the wall clock two runs need not see the same window
  // boundaries; in virtual time (nexmark.test.ts) the test advances a ManualClock whenever the engine has gone idle,
  // which needs an async-iterable source and a clock subclass that only the calling thread's scheduler calls — neither
  // reaches a worker. The pool's shared ManualClock under processing-time windows is checked in
  // test/runtime/pool/oracles.test.ts instead.
  if (name === "q12") continue;
  test.serial(`nexmark ${name}: the same rows on 2 workers at parallelism 2 as in one thread at parallelism 1`, async (t) => {
    const query = await loadQuery(name, { runtime: "shared" });
    const rowsOf = async (workers: number, parallelism: number) => {
      const rows: unknown[] = [];
      const run = await query.run({ nexmark: { maxEvents: EVENTS }, parallelism, workers, sink: (r) => void rows.push(r) });
      t.is(run.workers, workers, `${name} ran on ${workers} workers`);
      t.is(run.recordsIn, EVENTS, "every generated event was read once");
      return rows;
    };
    // An update stream fed by several source subtasks is compared by each key's last row (see nexmark-final.ts).
    const final = FINAL[name];
    const defined = (rows: unknown[]) => (final === undefined ? rows.map((r) => JSON.stringify(r)).sort() : finalRows(rows, final));
    const reference = await rowsOf(1, 1);
    t.true(reference.length > 0, `${name} gave no rows`);
    t.deepEqual(defined(await rowsOf(2, 2)), defined(reference));
  });
}
