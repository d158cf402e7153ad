// Property: the keyed CEP operator on out-of-order input (within the watermark bound) finds, per key, exactly what the bare matcher finds on that key's sorted events — at parallelism 1, 2 and 4 — and leaves no state behind.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import { CEP, CepOperator, compilePattern } from "../../../cep/index.js";
import { CollectionSource, type DataStream, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { byType, type E, eventsOf, expected, PATTERNS, Record, type Scenario, scenario, TIMEOUTS } from "../helpers/operator-property.js";

/** Builds the job; `operators` receives each subtask's operator when built through transformKeyed. */
async function run(s: Scenario, events: E[], parallelism: number, viaOperator: CepOperator<E, { k: number; s: string }>[] | null) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(s.batchSize);
  const ws = WatermarkStrategy.forBoundedOutOfOrderness<E>(s.bound).withTimestampAssigner((e) => e.ts);
  const keyed = env.fromSource(new CollectionSource(events), ws, "events").keyBy((e) => e.k);
  let out: DataStream<{ k: number; s: string }>;
  if (viaOperator === null) {
    const ps = CEP.pattern(keyed, PATTERNS[s.pattern]!.build(), s.comparator ? byType : undefined);
    out = ps.process(new Record());
  } else {
    const pattern = compilePattern(PATTERNS[s.pattern]!.build(), { timeoutHandling: true });
    out = keyed.transformKeyed("cep", () => {
      const op = new CepOperator<E, { k: number; s: string }>("cep", new Record(), {
        pattern,
        timeDomain: "EVENT_TIME",
        comparator: s.comparator ? byType : null,
        lateDataTag: null,
      });
      viaOperator.push(op);
      return op;
    });
  }
  const matches: string[] = [];
  const timeouts: string[] = [];
  const badTimestamps: string[] = [];
  out.sinkTo((m) => void matches.push(`${m.k}|${m.s}`));
  out.getSideOutput(TIMEOUTS).sinkTo((x, c) => {
    timeouts.push(`${x.k}|${x.s}@${x.ts}`);
    // why: the side-output record must carry the expiry time the context reported
    if (c.timestamp !== x.ts) badTimestamps.push(`${x.s}: ${c.timestamp} ≠ ${x.ts}`);
  });
  await env.execute();
  return { matches: matches.sort(), timeouts: timeouts.sort(), badTimestamps };
}

for (const parallelism of [1, 2, 4]) {
  test(`parallelism ${parallelism}: out-of-order input gives the matches and timeouts of the bare matcher on sorted per-key input`, async (t) => {
    let withMatches = 0;
    let withTimeouts = 0;
    await assertProperty(
      t,
      fc.asyncProperty(scenario, async (s) => {
        const events = eventsOf(s);
        const want = expected(s, events);
        const got = await run(s, events, parallelism, null);
        assert.deepStrictEqual(got.badTimestamps, []);
        if (JSON.stringify(got.matches) !== JSON.stringify(want.matches) || JSON.stringify(got.timeouts) !== JSON.stringify(want.timeouts)) {
          throw new Error(
            `${PATTERNS[s.pattern]!.name}, bound ${s.bound}\nevents ${events.map((e) => `${e.k}${e.type}${e.id}@${e.ts}`).join(" ")}\n` +
              `got      ${JSON.stringify(got)}\nexpected ${JSON.stringify(want)}`,
          );
        }
        if (want.matches.length > 0) withMatches++;
        if (want.timeouts.length > 0) withTimeouts++;
      }),
      { numRuns: Number(process.env.CEP_OPERATOR_RUNS ?? 80), file: import.meta.url },
    );
    t.true(withMatches > 10 && withTimeouts > 10, `enough scenarios produce matches (${withMatches}) and timeouts (${withTimeouts})`);
  });
}

test("after the input ends no key keeps a matcher or buffered events (windowed patterns)", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(
      scenario.filter((s) => PATTERNS[s.pattern]!.name.includes("within")),
      async (s) => {
        const events = eventsOf(s);
        const operators: CepOperator<E, { k: number; s: string }>[] = [];
        const got = await run(s, events, 2, operators);
        assert.deepStrictEqual({ matches: got.matches, timeouts: got.timeouts }, expected(s, events));
        assert.strictEqual(operators.length, 2);
        for (const op of operators) assert.deepStrictEqual(op.stateSize(), { matchers: 0, bufferedTimestamps: 0 });
      },
    ),
    { numRuns: 40, file: import.meta.url },
  );
});
