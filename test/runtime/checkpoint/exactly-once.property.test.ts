// The exactly-once promise, as a property: for random pipelines, inputs, parallelism and failure
// schedules, the committed output equals the output of the same job run without failures —
// the same multiset, and the same order per key — and that run's output equals, in order, the
// output of the job without checkpoints (snapshots written in the background change nothing).
//
// 1,000 runs with a fresh seed by default (`npm run test:soak`: 10,000 runs, seed 20261121). A failure prints the
// counterexample and the command that replays it, e.g.
//   EDDY_PROPERTY_SEED=123 EDDY_PROPERTY_PATH="41:0:2" npx ava test/runtime/checkpoint/exactly-once.property.test.ts
// EDDY_PROPERTY_SEED alone reruns the whole sequence of cases of that seed; EDDY_PROPERTY_RUNS changes the count.
import test from "ava";
import fc from "fast-check";
import { runOnce, sameOutput, scenarioArb } from "../../helpers/exactly-once-scenarios.js";
import { assertProperty, PROPERTY_SEED, propertyRuns } from "../../helpers/property.js";

const runs = propertyRuns(1000);

test(`committed output under injected failures equals the failure-free run (${runs} runs)`, async (t) => {
  t.timeout(15 * 60_000);
  t.log(`seed ${PROPERTY_SEED}`);
  let faultsFired = 0;
  await assertProperty(
    t,
    fc.asyncProperty(scenarioArb, async (s) => {
      const plain = await runOnce(s, [], false);
      const clean = await runOnce(s, []);
      const failed = await runOnce(s, s.faults);
      faultsFired += failed.fired;
      // why: checkpoints taken copy-on-write while records flow must not change what a job computes
      return sameOutput(s, plain.out, clean.out) && sameOutput(s, clean.out, failed.out);
    }),
    { numRuns: runs, endOnFailure: false, file: import.meta.url },
  );
  t.log(`${faultsFired} injected faults over ${runs} runs`);
  t.true(faultsFired > runs / 5, `the schedules actually crash the jobs (${faultsFired} faults fired)`);
});
