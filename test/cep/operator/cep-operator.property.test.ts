// Property: the keyed CEP operator on out-of-order input (within the watermark bound) finds, per key, exactly what the bare matcher finds on that key's sorted events — at parallelism 1, 2 and 4 — and leaves no state behind.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import {
  AfterMatchSkipStrategy,
  CEP,
  CepOperator,
  Pattern,
  compilePattern,
  type Match,
  type PatternContext,
  type PatternProcessFunction,
} from "../../../cep/index.js";
import { type Collector, CollectionSource, type DataStream, OutputTag, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

interface E {
  readonly id: number;
  readonly k: number;
  readonly type: "a" | "b" | "c" | "n";
  readonly ts: number;
}

const is = (type: E["type"]) => (e: E) => e.type === type;
/** Patterns covering the operator's paths: no window, timeouts, skip strategies, trailing NOT, per-step windows, optional stages. */
const PATTERNS: Array<{ name: string; build: () => Pattern<E> }> = [
  { name: "a next b", build: () => Pattern.begin<E>("a").where(is("a")).next("b").where(is("b")) },
  { name: "a → b+ → c within 15", build: () => Pattern.begin<E>("a").where(is("a")).followedBy("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(15) },
  {
    name: "same, skipPastLastEvent",
    build: () =>
      Pattern.begin<E>("a", AfterMatchSkipStrategy.skipPastLastEvent()).where(is("a")).followedBy("b").where(is("b")).oneOrMore().followedBy("c").where(is("c")).within(15),
  },
  { name: "a notFollowedBy n within 8", build: () => Pattern.begin<E>("a").where(is("a")).notFollowedBy("n").where(is("n")).within(8) },
  {
    name: "a →any b (gap ≤ 4) →any c within 12",
    build: () => Pattern.begin<E>("a").where(is("a")).followedByAny("b").where(is("b")).within(4, "PREVIOUS_AND_CURRENT").followedByAny("c").where(is("c")).within(12),
  },
  {
    name: "a → b? → c within 10, skipToNext",
    build: () => Pattern.begin<E>("a", AfterMatchSkipStrategy.skipToNext()).where(is("a")).followedBy("b").where(is("b")).optional().followedBy("c").where(is("c")).within(10),
  },
];

const show = (m: Match<E>) => [...m].map(([stage, es]) => `${stage}:${es.map((e) => e.id).join(",")}`).join(" ");
const TIMEOUTS = new OutputTag<{ k: number; s: string; ts: number }>("timeouts");

class Record implements PatternProcessFunction<E, { k: number; s: string }> {
  processMatch(match: Match<E>, _ctx: PatternContext, out: Collector<{ k: number; s: string }>): void {
    out.collect({ k: [...match.values()][0]![0]!.k, s: show(match) });
  }
  processTimedOutMatch(match: Match<E>, ctx: PatternContext): void {
    ctx.output(TIMEOUTS, { k: [...match.values()][0]![0]!.k, s: show(match), ts: ctx.timestamp() });
  }
}

/** Arrival order: each timestamp ≥ (max so far − bound), so with that out-of-orderness bound nothing is late. */
const scenario = fc.integer({ min: 0, max: 6 }).chain((bound) =>
  fc.record({
    bound: fc.constant(bound),
    pattern: fc.integer({ min: 0, max: PATTERNS.length - 1 }),
    comparator: fc.boolean(),
    batchSize: fc.integer({ min: 1, max: 8 }),
    steps: fc.array(
      fc.record({ k: fc.integer({ min: 0, max: 2 }), type: fc.constantFrom<E["type"]>("a", "a", "b", "b", "c", "n"), delta: fc.integer({ min: -bound, max: 5 }) }),
      { minLength: 5, maxLength: 50, size: "max" },
    ),
  }),
);
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function eventsOf(s: Scenario): E[] {
  let max = 1000;
  return s.steps.map(({ k, type, delta }, id) => {
    const ts = max + delta;
    if (ts > max) max = ts;
    return { id, k, type, ts };
  });
}

const byType = (x: E, y: E) => x.type.localeCompare(y.type);

/** The reference: per key, events sorted by (timestamp, comparator, arrival) into a bare matcher; time finally advanced to ∞. */
function expected(s: Scenario, events: E[]): { matches: string[]; timeouts: string[] } {
  const compiled = compilePattern(PATTERNS[s.pattern]!.build(), { timeoutHandling: true });
  const matches: string[] = [];
  const timeouts: string[] = [];
  for (const k of new Set(events.map((e) => e.k))) {
    const mine = events.filter((e) => e.k === k).sort((x, y) => x.ts - y.ts || (s.comparator ? byType(x, y) : 0));
    const m = compiled.newMatcher();
    const take = (r: { matches: Match<E>[]; timeouts: { match: Match<E>; timestamp: number }[] }) => {
      for (const x of r.matches) matches.push(`${k}|${show(x)}`);
      for (const x of r.timeouts) timeouts.push(`${k}|${show(x.match)}@${x.timestamp}`);
    };
    for (const e of mine) {
      take(m.advanceTime(e.ts));
      take({ matches: m.process(e, e.ts), timeouts: [] });
    }
    take(m.advanceTime(Number.POSITIVE_INFINITY));
  }
  return { matches: matches.sort(), timeouts: timeouts.sort() };
}

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
