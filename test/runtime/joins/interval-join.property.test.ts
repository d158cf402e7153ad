// Interval join vs the nested-loop oracle: random keys, out-of-order timestamps, bounds and parallelism.
import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import { type Collector, GeneratorSource, OutputTag, type ProcessJoinContext, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { IntervalJoinOperator } from "../../../runtime/operators/interval-join.js";
import { intervalJoinOracle, multiset, type Timed } from "../../helpers/join-oracle.js";
import { type Ev, outOfOrderSide } from "./arbitraries.js";
import { TwoInputHarness } from "./harness.js";

const scenario = fc
  .integer({ min: 0, max: 8 })
  .chain((bound) =>
    fc.record({
      bound: fc.constant(bound),
      lefts: outOfOrderSide("L", bound),
      rights: outOfOrderSide("R", bound),
      lower: fc.integer({ min: -15, max: 15 }),
      width: fc.integer({ min: 0, max: 20 }),
      lowerInclusive: fc.boolean(),
      upperInclusive: fc.boolean(),
      batchSize: fc.integer({ min: 1, max: 8 }),
      // why: small slices interleave the two sources finely, so watermarks and cleanup race with data
      sliceBudget: fc.integer({ min: 1, max: 4 }),
    }),
  );

const timed = (evs: readonly Ev[]): Timed<Ev>[] => evs.map((e) => ({ value: e, timestamp: e.ts }));
const show = (l: Ev, r: Ev, ts: number, lts: number, rts: number) => `${l.id}+${r.id}@${ts}(${lts},${rts})`;

for (const parallelism of [1, 2, 4]) {
  test(`parallelism ${parallelism}: exactly the oracle's pairs, with max(left, right) timestamps`, async (t) => {
    await assertProperty(
      t,
      fc.asyncProperty(scenario, async (s) => {
        const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        env.getConfig().setBatchSize(s.batchSize);
        env.getConfig().sliceBudget = s.sliceBudget;
        const ws = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(s.bound).withTimestampAssigner((e) => e.ts);
        const lefts = env.fromSource(new GeneratorSource((i) => s.lefts[i]!, s.lefts.length), ws, "lefts").keyBy((e) => e.k);
        const rights = env.fromSource(new GeneratorSource((i) => s.rights[i]!, s.rights.length), ws, "rights").keyBy((e) => e.k);
        let joined = lefts.intervalJoin(rights).between(s.lower, s.lower + s.width);
        if (!s.lowerInclusive) joined = joined.lowerBoundExclusive();
        if (!s.upperInclusive) joined = joined.upperBoundExclusive();
        const out: string[] = [];
        let lateDownstream = 0;
        joined
          .process((l: Ev, r: Ev, ctx: ProcessJoinContext, o: Collector<string>) => o.collect(show(l, r, ctx.timestamp, ctx.leftTimestamp, ctx.rightTimestamp)))
          .sinkTo((v, c) => {
            // why: the record's own timestamp must be the one the context reported
            out.push(`${v}#${c.timestamp}`);
            if (c.timestamp! <= c.currentWatermark) lateDownstream++;
          });
        await env.execute();
        const expected = intervalJoinOracle(timed(s.lefts), timed(s.rights), (e) => e.k, (e) => e.k, {
          lower: s.lower,
          upper: s.lower + s.width,
          lowerInclusive: s.lowerInclusive,
          upperInclusive: s.upperInclusive,
        });
        const want = multiset(expected, (p) => `${show(p.left, p.right, p.timestamp, p.leftTimestamp, p.rightTimestamp)}#${p.timestamp}`);
        deepStrictEqual(multiset(out, (x) => x), want);
        deepStrictEqual(lateDownstream, 0, "a result was behind the watermark downstream");
      }),
      { numRuns: 100, file: import.meta.url },
    );
    t.pass();
  });
}

type Step =
  | { readonly kind: "watermark"; readonly advance: number }
  | { readonly kind: "left" | "right"; readonly k: number; readonly late: boolean; readonly offset: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("watermark" as const), advance: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constantFrom("left" as const, "right" as const), k: fc.integer({ min: 0, max: 2 }), late: fc.boolean(), offset: fc.integer({ min: 0, max: 15 }) }),
);

test("with late data: on-time elements join as the oracle says, late ones reach their side outputs, and all state is gone at the end", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(
      fc.array(step, { maxLength: 80 }),
      fc.integer({ min: -12, max: 12 }),
      fc.integer({ min: 0, max: 16 }),
      async (steps, lower, width) => {
        const leftLate = new OutputTag<Ev>("left-late");
        const rightLate = new OutputTag<Ev>("right-late");
        const op = new IntervalJoinOperator<number, Ev, Ev, string>(
          "join",
          (l, r, ctx, o) => o.collect(show(l, r, ctx.timestamp, ctx.leftTimestamp, ctx.rightTimestamp)),
          { lowerBound: lower, upperBound: lower + width, leftLateDataTag: leftLate, rightLateDataTag: rightLate },
        );
        const h = await new TwoInputHarness<string, typeof op>(op, [(e: Ev) => e.k, (e: Ev) => e.k]).open();
        let watermark = 100;
        h.watermark(watermark);
        const onTime = { left: [] as Ev[], right: [] as Ev[] };
        const late = { left: [] as Ev[], right: [] as Ev[] };
        steps.forEach((s, i) => {
          if (s.kind === "watermark") {
            watermark += s.advance;
            h.watermark(watermark);
            return;
          }
          // why: late is strictly behind the watermark; on time is strictly ahead (the watermark contract)
          const ts = s.late ? watermark - 1 - s.offset : watermark + 1 + s.offset;
          const e: Ev = { id: `${s.kind[0]}${i}`, k: s.k, ts };
          (s.late ? late : onTime)[s.kind].push(e);
          if (s.kind === "left") h.left(e, ts);
          else h.right(e, ts);
        });
        h.watermark(Number.POSITIVE_INFINITY);
        const expected = intervalJoinOracle(timed(onTime.left), timed(onTime.right), (e) => e.k, (e) => e.k, { lower, upper: lower + width, lowerInclusive: true, upperInclusive: true });
        deepStrictEqual(
          multiset(h.records, (r) => `${r.value}#${r.timestamp}`),
          multiset(expected, (p) => `${show(p.left, p.right, p.timestamp, p.leftTimestamp, p.rightTimestamp)}#${p.timestamp}`),
        );
        deepStrictEqual(h.side(leftLate), late.left.map((e) => ({ value: e, timestamp: e.ts })));
        deepStrictEqual(h.side(rightLate), late.right.map((e) => ({ value: e, timestamp: e.ts })));
        deepStrictEqual(op.bufferStatistics(), { left: 0, right: 0, timers: 0 });
      },
    ),
    { numRuns: 300, file: import.meta.url },
  );
  t.pass();
});
