// Interval join vs the nested-loop oracle: random keys, out-of-order, duplicate and fractional timestamps, bounds,
// parallelism, late data, and checkpoints taken mid-stream and restored on a different parallelism.
import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty } from "../../helpers/property.js";
import { type Collector, GeneratorSource, OutputTag, type ProcessJoinContext, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { decodeKeyGroup } from "../../../runtime/checkpoint/snapshot-encoding.js";
import { keyGroupOf, normalizeKey } from "../../../runtime/core/key-groups.js";
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

/** A step of a run driven through the operator directly; `half` makes a fractional timestamp (0.5 ms later). */
type Driven =
  | { readonly kind: "watermark"; readonly advance: number }
  | { readonly kind: "left" | "right"; readonly k: number; readonly offset: number; readonly half: boolean };

const driven: fc.Arbitrary<Driven> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("watermark" as const), advance: fc.integer({ min: 0, max: 6 }) }) },
  {
    weight: 3,
    // why small offsets and few keys: many elements share a key and a timestamp, and arrive out of order
    arbitrary: fc.record({ kind: fc.constantFrom("left" as const, "right" as const), k: fc.integer({ min: 0, max: 3 }), offset: fc.integer({ min: 0, max: 8 }), half: fc.boolean() }),
  },
);

const MAX_PARALLELISM = 128;

function joinOperator(lower: number, width: number) {
  return new IntervalJoinOperator<number, Ev, Ev, string>("join", (l, r, ctx, o) => o.collect(show(l, r, ctx.timestamp, ctx.leftTimestamp, ctx.rightTimestamp)), {
    lowerBound: lower,
    upperBound: lower + width,
    leftLateDataTag: null,
    rightLateDataTag: null,
  });
}

test("a checkpoint taken mid-stream, written while later elements and watermarks change the buffers, restores on two subtasks (split by key group) to the oracle's pairs", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(
      fc.array(driven, { minLength: 10, maxLength: 120 }),
      fc.nat(),
      fc.integer({ min: -12, max: 12 }),
      fc.integer({ min: 0, max: 16 }),
      // why small: the snapshot is then still being written while later watermarks clean the buffers up
      fc.integer({ min: 1, max: 3 }),
      async (steps, barrierSeed, lower, width, budget) => {
        const barrier = barrierSeed % (steps.length + 1);
        // 1. the events, with timestamps strictly ahead of the watermark at their step
        let watermark = 100;
        const events: ({ readonly kind: "watermark"; readonly at: number } | { readonly kind: "left" | "right"; readonly e: Ev })[] = [];
        steps.forEach((s, i) => {
          if (s.kind === "watermark") events.push({ kind: "watermark", at: (watermark += s.advance) });
          else events.push({ kind: s.kind, e: { id: `${s.kind[0]}${i}`, k: s.k, ts: watermark + 1 + s.offset + (s.half ? 0.5 : 0) } });
        });
        const feed = (h: TwoInputHarness<string>, ev: (typeof events)[number]) => {
          if (ev.kind === "watermark") h.watermark(ev.at);
          else if (ev.kind === "left") h.left(ev.e, ev.e.ts);
          else h.right(ev.e, ev.e.ts);
        };
        // 2. the original subtask up to the barrier; the snapshot is written a few entries at a time while the rest runs
        const before = joinOperator(lower, width);
        const a = await new TwoInputHarness<string, typeof before>(before, [(e: Ev) => e.k, (e: Ev) => e.k]).open();
        a.watermark(100);
        events.slice(0, barrier).forEach((ev) => feed(a, ev));
        const atBarrier = a.records.length;
        const buffered = before.bufferStatistics();
        const write = before.snapshotStateOnBarrier(1).keyed!;
        for (const ev of events.slice(barrier)) {
          feed(a, ev);
          write.step(budget);
        }
        write.finish();
        a.watermark(Number.POSITIVE_INFINITY);
        const expected = multiset(
          intervalJoinOracle(
            timed(events.flatMap((ev) => (ev.kind === "left" ? [ev.e] : []))),
            timed(events.flatMap((ev) => (ev.kind === "right" ? [ev.e] : []))),
            (e) => e.k,
            (e) => e.k,
            { lower, upper: lower + width, lowerInclusive: true, upperInclusive: true },
          ),
          (p) => `${show(p.left, p.right, p.timestamp, p.leftTimestamp, p.rightTimestamp)}#${p.timestamp}`,
        );
        deepStrictEqual(multiset(a.records, (r) => `${r.value}#${r.timestamp}`), expected, "the subtask that took the checkpoint ran on unchanged");
        // 3. restore on two subtasks, key groups [0, 64) and [64, 128), and replay what followed the barrier
        const groups = Object.entries(write.encodedKeyGroups()).map(([kg, bytes]) => [Number(kg), decodeKeyGroup(bytes)] as const);
        const subtasks = await Promise.all(
          [0, 1].map(async (half) => {
            const op = joinOperator(lower, width);
            const h = new TwoInputHarness<string, typeof op>(op, [(e: Ev) => e.k, (e: Ev) => e.k]);
            op.initializeState({ keyGroups: new Map(groups.filter(([kg]) => (kg < MAX_PARALLELISM / 2 ? 0 : 1) === half)), operatorState: [], previousParallelism: 1 });
            return h.open();
          }),
        );
        const restoredStatistics = subtasks.map((h) => h.operator.bufferStatistics());
        deepStrictEqual(
          { left: restoredStatistics[0]!.left + restoredStatistics[1]!.left, right: restoredStatistics[0]!.right + restoredStatistics[1]!.right, timers: restoredStatistics[0]!.timers + restoredStatistics[1]!.timers },
          buffered,
          "the restored subtasks buffer what the original did at the barrier, each element with its cleanup",
        );
        const owner = (k: number) => subtasks[keyGroupOf(normalizeKey(k), MAX_PARALLELISM) < MAX_PARALLELISM / 2 ? 0 : 1]!;
        // why: the restored subtasks start at the watermark the barrier passed with
        const resumeAt = events.slice(0, barrier).reduce((w, ev) => (ev.kind === "watermark" ? ev.at : w), 100);
        for (const h of subtasks) h.watermark(resumeAt);
        for (const ev of events.slice(barrier)) {
          if (ev.kind === "watermark") for (const h of subtasks) h.watermark(ev.at);
          else feed(owner(ev.e.k), ev);
        }
        for (const h of subtasks) h.watermark(Number.POSITIVE_INFINITY);
        const restored = [...a.records.slice(0, atBarrier), ...subtasks.flatMap((h) => h.records)];
        deepStrictEqual(multiset(restored, (r) => `${r.value}#${r.timestamp}`), expected, "output before the barrier + output of the restored subtasks");
        for (const h of subtasks) deepStrictEqual(h.operator.bufferStatistics(), { left: 0, right: 0, timers: 0 });
      },
    ),
    { numRuns: 300, file: import.meta.url },
  );
  t.pass();
});
