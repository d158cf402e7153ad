// A CEP job computes the same matches and timeouts with copy-on-write checkpoints as without: keyed, in event time,
// a pattern with looping stages and `within`, checkpointed every few milliseconds with the matcher and event buffer
// written 1–4 state entries per scheduler slice while events keep changing them.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { AfterMatchSkipStrategy, CEP, type Match, Pattern, type PatternProcessFunction } from "../../../cep/index.js";
import {
  type Collector, GeneratorSource, ManualClock, OutputTag, StreamExecutionEnvironment, WatermarkStrategy,
} from "../../../runtime/index.js";

interface Ev {
  k: number;
  kind: "a" | "b" | "c";
  v: number;
  ts: number;
}

interface Scenario {
  events: Ev[];
  parallelism: number;
  batch: number;
  interval: number;
  snapshotStep: number;
  skip: boolean;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  events: fc
    .array(fc.record({ k: fc.integer({ min: 0, max: 4 }), kind: fc.constantFrom("a" as const, "b" as const, "c" as const), v: fc.integer({ min: 0, max: 9 }), gap: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 120 })
    .map((xs) => {
      let ts = 1000;
      return xs.map((x) => ({ k: x.k, kind: x.kind, v: x.v, ts: (ts += x.gap) }));
    }),
  parallelism: fc.integer({ min: 1, max: 3 }),
  batch: fc.integer({ min: 1, max: 8 }),
  interval: fc.integer({ min: 1, max: 20 }),
  snapshotStep: fc.integer({ min: 1, max: 4 }),
  skip: fc.boolean(),
});

/** a, then one or more b (looping, with a condition on the events so far), then c, all within 60 ms. */
function pattern(skip: boolean): Pattern<Ev> {
  return Pattern.begin<Ev>("a", skip ? AfterMatchSkipStrategy.skipPastLastEvent() : AfterMatchSkipStrategy.noSkip())
    .where((e) => e.kind === "a")
    .followedBy("b")
    .where((e, ctx) => e.kind === "b" && [...ctx.getEventsForPattern("b")].reduce((s, x) => s + x.v, 0) + e.v < 25)
    .oneOrMore()
    .followedBy("c")
    .where((e) => e.kind === "c")
    .within(60);
}

const TIMED_OUT = new OutputTag<{ k: number; s: string }>("timed-out");
const show = (m: Match<Ev>) => [...m].map(([stage, es]) => `${stage}:${es.map((e) => `${e.v}@${e.ts}`).join(",")}`).join(" ");

class Report implements PatternProcessFunction<Ev, { k: number; s: string }> {
  processMatch(m: Match<Ev>, ctx: { timestamp(): number }, out: Collector<{ k: number; s: string }>): void {
    out.collect({ k: m.get("a")![0]!.k, s: `${show(m)}@${ctx.timestamp()}` });
  }
  processTimedOutMatch(m: Match<Ev>, ctx: { output<X>(tag: OutputTag<X>, v: X): void; timestamp(): number }): void {
    ctx.output(TIMED_OUT, { k: m.get("a")![0]!.k, s: `timeout ${show(m)}@${ctx.timestamp()}` });
  }
}

async function run(s: Scenario, checkpointing: boolean): Promise<{ out: Record<number, string[]>; checkpoints: number }> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  env.getConfig().setBatchSize(s.batch).setChannelCapacity(Math.max(4, s.batch * 2)).sliceBudget = 1;
  if (checkpointing) env.enableCheckpointing(s.interval).getCheckpointConfig().setSnapshotStep(s.snapshotStep);
  const input = env
    .fromSource(new GeneratorSource((i) => s.events[i]!, s.events.length), WatermarkStrategy.forBoundedOutOfOrderness<Ev>(5).withTimestampAssigner((e) => e.ts), "src")
    .setParallelism(1) // why: one source keeps each key's order identical in every run
    .map((e) => {
      clock.advance(1); // processing time moves with the data, so checkpoints fall while events flow
      return e;
    }, "tick")
    .setParallelism(1);
  const matches = CEP.pattern(input.keyBy((e) => e.k), pattern(s.skip)).inEventTime().process(new Report()).setParallelism(s.parallelism);
  const out: Record<number, string[]> = {};
  const collect = (o: { k: number; s: string }) => void (out[o.k] ??= []).push(o.s);
  matches.sinkTo(collect, "Matches").setParallelism(s.parallelism);
  matches.getSideOutput(TIMED_OUT).sinkTo(collect, "Timeouts").setParallelism(s.parallelism);
  const result = await env.execute("cep-copy-on-write");
  return { out, checkpoints: result.metrics.checkpoints?.completed ?? 0 };
}

const runs = propertyRuns(150);

test(`keyed event-time CEP with looping stages and within: same matches and timeouts with checkpoints as without (${runs} runs)`, async (t) => {
  t.timeout(5 * 60_000);
  let checkpoints = 0;
  let matched = 0;
  await assertProperty(
    t,
    fc.asyncProperty(scenarioArb, async (s) => {
      const plain = await run(s, false);
      const checkpointed = await run(s, true);
      checkpoints += checkpointed.checkpoints;
      matched += Object.values(plain.out).flat().length;
      // why: matches and timeouts of one key leave in one order; the two sinks' interleaving is free, so sort
      const norm = (o: Record<number, string[]>) => JSON.stringify(Object.entries(o).map(([k, xs]) => [k, [...xs].sort()]));
      assert.deepStrictEqual(norm(checkpointed.out), norm(plain.out));
      return norm(checkpointed.out) === norm(plain.out);
    }),
    { numRuns: runs, file: import.meta.url },
  );
  t.true(checkpoints > runs, `checkpoints completed during the runs (${checkpoints})`);
  t.true(matched > runs, `the patterns matched or timed out (${matched} results)`);
});
