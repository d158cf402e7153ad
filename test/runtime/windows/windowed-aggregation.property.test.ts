// Specification by oracle: tumbling, sliding and session windowed sum+count over random
// out-of-order input equals a brute-force simulation of Flink's semantics — every on-time and late
// firing, and the late-data side output — for random watermark delays, lateness and batch sizes.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { type OracleWindows, type Rec, simulateWindows } from "../../helpers/window-oracle.js";
import { assertProperty } from "../../helpers/property.js";
import { assignerOf, multiset, runWindowedSum } from "./helpers.js";

const records = fc.array(
  fc.record({ key: fc.constantFrom("a", "b", "c"), value: fc.integer({ min: -5, max: 20 }), ts: fc.integer({ min: -12, max: 50 }) }),
  { maxLength: 50 },
);
const settings = fc.record({
  delay: fc.integer({ min: 0, max: 10 }),
  allowedLateness: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })),
  batchSize: fc.integer({ min: 1, max: 8 }),
});
const windowSpecs: Record<OracleWindows["kind"], fc.Arbitrary<OracleWindows>> = {
  tumbling:   fc.integer({ min: 1, max: 12 }).chain((size) => fc.record({ kind: fc.constant("tumbling" as const), size: fc.constant(size), offset: fc.integer({ min: 0, max: size - 1 }) })),
  sliding: fc.integer({ min: 1, max: 12 }).chain((size) => fc.record({ kind: fc.constant("sliding" as const), size: fc.constant(size), slide: fc.integer({ min: 1, max: size }) })),
  session: fc.record({ kind: fc.constant("session" as const), gap: fc.integer({ min: 1, max: 10 }) }),
};
const windowSpecOf = (kind: OracleWindows["kind"]) => windowSpecs[kind];

for (const kind of ["tumbling", "sliding", "session"] as const) {
  test(`${kind}: every firing (on time and late) and the late side output match the oracle`, async (t) => {
    await assertProperty(
      t,
      fc.asyncProperty(records, settings, windowSpecOf(kind), async (recs: Rec[], s, windows) => {
        const expected = simulateWindows({ records: recs, windows, ...s });
        const actual = await runWindowedSum(recs, { assigner: assignerOf(windows), ...s });
        // why node's assert: a failed ava assertion inside the property would fail the test on every shrink step too
        assert.deepStrictEqual(multiset(actual.results), multiset(expected.results));
        assert.deepStrictEqual(multiset(actual.late), multiset(expected.late));
      }),
      { numRuns: 300, file: import.meta.url },
    );
  });
}
