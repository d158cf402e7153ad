// `over` against a brute-force oracle (test/helpers/over-oracle.ts) on random rows out of order within the watermark
// delay: ROWS, RANGE and UNBOUNDED frames (keyed, and as one partition without keyBy), each compiled from `.flow`
// fused and --no-fuse, and run at parallelism 1 and 3 — every combination must give exactly the oracle's rows.
import test from "ava";
import { deepStrictEqual } from "node:assert/strict";
import fc from "fast-check";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { canonicalRows, OVER_FIELDS, overEventsArb, overOracle, type Frame } from "../../helpers/over-oracle.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { loadFactories } from "../../dsl-examples/factories.js";

// why 5 ms and jitter ≤ 4: a row `delay` behind the largest timestamp is at the watermark, so late (and dropped)
const SOURCE = `
schema Ev { k: int, v: int?, ts: timestamp }
source events: Ev = collection([{ k: 0, v: 0, ts: 0 }]) watermark ts delay 5ms
sink rows2 = collect()
sink range4 = collect()
sink unbounded = collect()
sink rowsUnbounded = collect()
sink whole = collect()
job j {
  events | keyBy k | over rows 2 { ${OVER_FIELDS} } | to rows2
  events | keyBy k | over range 4ms { ${OVER_FIELDS} } | to range4
  events | keyBy k | over unbounded { ${OVER_FIELDS} } | to unbounded
  events | keyBy k | over rows unbounded { ${OVER_FIELDS} } | to rowsUnbounded
  events | over rows 3 { ${OVER_FIELDS} } | to whole
}
`;

const SINKS: readonly { sink: string; frame: Frame; keyed: boolean }[] = [
  { sink: "rows2", frame: { unit: "rows", preceding: 2 }, keyed: true },
  { sink: "range4", frame: { unit: "range", preceding: 4 }, keyed: true },
  { sink: "unbounded", frame: { unit: "range", preceding: null }, keyed: true },
  { sink: "rowsUnbounded", frame: { unit: "rows", preceding: null }, keyed: true },
  { sink: "whole", frame: { unit: "rows", preceding: 3 }, keyed: false },
];

test("over equals the brute-force oracle for ROWS, RANGE and UNBOUNDED frames, fused and --no-fuse, at parallelism 1 and 3", async (t) => {
  const queries: [string, CompiledQuery][] = [
    ["fused", await compileQuery(SOURCE, "over.flow", "j", { fuse: true })],
    ["--no-fuse", await compileQuery(SOURCE, "over.flow", "j", { fuse: false })],
  ];
  await assertProperty(t, fc.asyncProperty(overEventsArb(4), async (events) => {
    for (const [how, query] of queries) {
      for (const parallelism of [1, 3]) {
        const { collected } = await runCompiled(query, { sources: { events }, parallelism, checkpointing: null, batchSize: 5 });
        for (const { sink, frame, keyed } of SINKS) {
          deepStrictEqual(canonicalRows((collected[sink] ?? []) as readonly object[]), canonicalRows(overOracle(events, frame, keyed)), `${sink}, ${how}, parallelism ${parallelism}`);
        }
      }
    }
  }), { numRuns: propertyRuns(12), file: import.meta.url });
});

test("over on the worker pool (2 workers, parallelism 3) gives the oracle's rows", async (t) => {
  // a fixed sample of the property's inputs, written into the program: the pool's workers load the job from its bundle
  const events = fc.sample(overEventsArb(4, 40), { numRuns: 1, seed: 42 })[0]!;
  const literal = events.map((e) => `{ k: ${e.k}, v: ${e.v === null ? "null" : e.v}, ts: ${e.ts} }`).join(", ");
  const source = SOURCE.replace("collection([{ k: 0, v: 0, ts: 0 }])", `collection([${literal}])`);
  const { jobs, result } = await loadFactories(source, "over.flow", true);
  t.true(result.ok);
  const run = await jobs["j"]!({ parallelism: 3, workers: 2 }).run();
  t.is(run.metrics.workers?.length, 2, "the job ran on the pool");
  for (const { sink, frame, keyed } of SINKS) {
    t.deepEqual(canonicalRows((run.collected[sink] ?? []) as readonly object[]), canonicalRows(overOracle(events, frame, keyed)), sink);
  }
});
