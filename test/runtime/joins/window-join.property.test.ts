// Window join and coGroup vs the nested-loop oracle: tumbling and sliding windows, out-of-order inputs, parallelism 1/2/4.
import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import {
  GeneratorSource,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  type TaggedUnion,
  TumblingEventTimeWindows,
  type WindowAssigner,
  WatermarkStrategy,
  type TimeWindow,
} from "../../../runtime/index.js";
import { coGroupOracle, multiset, type OracleWindow, slidingWindowsOf, type Timed, tumblingWindowsOf, windowJoinOracle } from "../../helpers/join-oracle.js";
import { type Ev, outOfOrderSide } from "./arbitraries.js";

interface WindowChoice {
  readonly assigner: WindowAssigner<TaggedUnion<Ev, Ev>, TimeWindow>;
  readonly windowsOf: (ts: number) => OracleWindow[];
  readonly label: string;
}

const tumbling: fc.Arbitrary<WindowChoice> = fc
  .integer({ min: 1, max: 15 })
  .chain((size) => fc.record({ size: fc.constant(size), offset: fc.integer({ min: 0, max: size - 1 }) }))
  .map(({ size, offset }) => ({ assigner: TumblingEventTimeWindows.of(size, offset), windowsOf: tumblingWindowsOf(size, offset), label: `tumbling(${size}, ${offset})` }));

const sliding: fc.Arbitrary<WindowChoice> = fc
  .integer({ min: 1, max: 15 })
  .chain((size) => fc.record({ size: fc.constant(size), slide: fc.integer({ min: 1, max: size }) }))
  .chain(({ size, slide }) => fc.record({ size: fc.constant(size), slide: fc.constant(slide), offset: fc.integer({ min: 0, max: slide - 1 }) }))
  .map(({ size, slide, offset }) => ({
    assigner: SlidingEventTimeWindows.of(size, slide, offset),
    windowsOf: slidingWindowsOf(size, slide, offset),
    label: `sliding(${size}, ${slide}, ${offset})`,
  }));

const scenario = fc.integer({ min: 0, max: 8 }).chain((bound) =>
  fc.record({
    bound: fc.constant(bound),
    lefts: outOfOrderSide("L", bound, { maxLength: 30 }),
    rights: outOfOrderSide("R", bound, { maxLength: 30 }),
    window: fc.oneof(tumbling, sliding),
    batchSize: fc.integer({ min: 1, max: 8 }),
    sliceBudget: fc.integer({ min: 1, max: 4 }),
  }),
);
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const timed = (evs: readonly Ev[]): Timed<Ev>[] => evs.map((e) => ({ value: e, timestamp: e.ts }));
const ids = (evs: readonly Ev[]) => evs.map((e) => e.id).sort().join(",");

/** Both sides as streams of one environment; the right side keys on a different field to show keys only need to be equal. */
function inputs(s: Scenario, parallelism: number) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(s.batchSize);
  env.getConfig().sliceBudget = s.sliceBudget;
  const ws = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(s.bound).withTimestampAssigner((e) => e.ts);
  const lefts = env.fromSource(new GeneratorSource((i) => s.lefts[i]!, s.lefts.length), ws, "lefts");
  const rights = env
    .fromSource(new GeneratorSource((i) => s.rights[i]!, s.rights.length), ws, "rights")
    .map((e) => ({ ...e, user: `u${e.k}` }))
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Ev & { user: string }>(s.bound).withTimestampAssigner((e) => e.ts));
  return { env, lefts, rights };
}

for (const parallelism of [1, 2, 4]) {
  test(`join, parallelism ${parallelism}: the pairs with equal keys in a common window, at the window's max timestamp`, async (t) => {
    await assertProperty(
      t,
      fc.asyncProperty(scenario, async (s) => {
        const { env, lefts, rights } = inputs(s, parallelism);
        const out: string[] = [];
        lefts
          .join(rights)
          .where((l) => `u${l.k}`)
          .equalTo((r) => r.user)
          .window(s.window.assigner)
          .apply((l, r) => `${l.id}+${r.id}`)
          .sinkTo((v, c) => void out.push(`${v}#${c.timestamp}`));
        await env.execute();
        const expected = windowJoinOracle(timed(s.lefts), timed(s.rights), (l) => l.k, (r) => r.k, s.window.windowsOf);
        deepStrictEqual(multiset(out, (x) => x), multiset(expected, (p) => `${p.left.id}+${p.right.id}#${p.timestamp}`), s.window.label);
      }),
      { numRuns: 80, file: import.meta.url },
    );
    t.pass();
  });

  test(`coGroup, parallelism ${parallelism}: one group per key and window with elements, one-sided groups included`, async (t) => {
    await assertProperty(
      t,
      fc.asyncProperty(scenario, async (s) => {
        const { env, lefts, rights } = inputs(s, parallelism);
        const out: string[] = [];
        lefts
          .coGroup(rights)
          .where((l) => `u${l.k}`)
          .equalTo((r) => r.user)
          .window(s.window.assigner)
          .apply<string>((ls, rs, o) => {
            const key = ls.length > 0 ? `u${ls[0]!.k}` : rs[0]!.user;
            o.collect(`${key}|${ids(ls)}|${ids(rs)}`);
          })
          .sinkTo((v, c) => void out.push(`${v}#${c.timestamp}`));
        await env.execute();
        const expected = coGroupOracle(timed(s.lefts), timed(s.rights), (l) => l.k, (r) => r.k, s.window.windowsOf);
        deepStrictEqual(multiset(out, (x) => x), multiset(expected, (g) => `u${g.key}|${ids(g.lefts)}|${ids(g.rights)}#${g.timestamp}`), s.window.label);
      }),
      { numRuns: 80, file: import.meta.url },
    );
    t.pass();
  });
}
