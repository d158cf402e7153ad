// Same answers under every knob, for every Nexmark query: the same rows at parallelism 3 as at 1, fused and --no-fuse
// (parallelism 2 is compared with 1 in nexmark-checkpointed.test.ts).
import test from "ava";
import { QUERIES, loadQuery } from "../../bench/nexmark/queries.js";
import { FINAL, finalRows } from "../helpers/nexmark-final.js";

const FUSIONS = [true, false] as const;

const EVENTS = 3_000;
for (const name of QUERIES) {
  // why: q12's windows are on the wall clock (processing time): two runs need not see the same window boundaries
  if (name === "q12") continue;
  // Parallelism 2 is compared with 1 in nexmark-checkpointed.test.ts; here 3 (an uneven split of keys and events).
  test(`nexmark ${name}: the same rows at parallelism 3 as at 1, fused and --no-fuse`, async (t) => {
    // Rows in the order the sink received them: an update stream's last row per key is the one that counts.
    const rowsOf = async (fuse: boolean, parallelism: number) => {
      const rows: unknown[] = [];
      const result = await (await loadQuery(name, { fuse, runtime: "shared" })).run({ nexmark: { maxEvents: EVENTS }, parallelism, sink: (r) => void rows.push(r) });
      t.is(result.recordsIn, EVENTS, `parallelism ${parallelism}, ${fuse ? "fused" : "--no-fuse"}: the generator's events are counted once (the views share it)`);
      return rows;
    };
    // An update stream fed by several source subtasks is compared by each key's last row (see nexmark-final.ts).
    const final = FINAL[name];
    const defined = (rows: unknown[]) => (final === undefined ? rows.map((r) => JSON.stringify(r)).sort() : finalRows(rows, final));
    const reference = await rowsOf(true, 1);
    t.true(reference.length > 0, `${name} gave no rows`);
    for (const fuse of FUSIONS) t.deepEqual(defined(await rowsOf(fuse, 3)), defined(reference), `parallelism 3, ${fuse ? "fused" : "--no-fuse"}`);
  });
}
