// Copy-on-write snapshots are invisible to a job: with checkpoints every few milliseconds and keyed state written
// 1–4 entries per scheduler slice, while records keep changing it, a job emits exactly what it emits without
// checkpoints — the same multiset, in the same order per key. Covers what exactly-once.property.test.ts does not:
// user state of every kind changed in place (ValueState of an object, ListState, MapState, TTL state), timers,
// the regular join and the running top-n.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import {
  type Collector,
  type DataStream,
  GeneratorSource,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  ListStateDescriptor,
  ManualClock,
  MapStateDescriptor,
  RestartStrategies,
  type OnTimerContext,
  type RuntimeContext,
  RunningTopNOperator,
  StateTtlConfig,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  WatermarkStrategy,
  regularJoin,
} from "../../../runtime/index.js";
import type { ListState, MapState, ValueState } from "../../../runtime/state/state.js";
import type { Ev, Out } from "../../helpers/exactly-once-scenarios.js";


type Family = "process-state" | "regular-join" | "running-top-n";
const FAMILIES: Family[] = ["process-state", "regular-join", "running-top-n"];

interface Scenario {
  family: Family;
  events: Ev[];
  parallelism: number;
  batch: number;
  interval: number;
  snapshotStep: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  family: fc.constantFrom(...FAMILIES),
  events: fc
    .array(fc.record({ k: fc.integer({ min: 0, max: 5 }), v: fc.integer({ min: -20, max: 20 }), jitter: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 150 })
    .map((xs) => xs.map((x, i) => ({ k: x.k, v: x.v, ts: 1000 + i * 10 - x.jitter }))),
  parallelism: fc.integer({ min: 1, max: 3 }),
  batch: fc.integer({ min: 1, max: 8 }),
  interval: fc.integer({ min: 1, max: 20 }),
  // why: tiny steps keep a snapshot being written across many slices, so records change state that is being written
  snapshotStep: fc.integer({ min: 1, max: 4 }),
});

/** Keyed state of every kind, each changed in place where the API allows, and event-time timers that read it all. */
class EveryState implements KeyedProcessFunction<number, Ev, Out> {
  private totals!: ValueState<{ n: number; sum: number; seen: number[] }>;
  private history!: ListState<{ v: number }>;
  private counts!: MapState<number, { n: number }>;
  private last!: ValueState<{ v: number; n: number }>;

  open(ctx: RuntimeContext): void {
    this.totals = ctx.getState(new ValueStateDescriptor<{ n: number; sum: number; seen: number[] }>("totals"));
    this.history = ctx.getListState(new ListStateDescriptor<{ v: number }>("history"));
    this.counts = ctx.getMapState(new MapStateDescriptor<number, { n: number }>("counts"));
    // why: a TTL longer than any run never expires (expiry reads processing time, which depends on the schedule), but
    // the value still lives in TTL's timestamped wrapper, which copy-on-write must copy too
    const ttl = StateTtlConfig.newBuilder(1e12).updateTtlOnReadAndWrite().build();
    const last = new ValueStateDescriptor<{ v: number; n: number }>("last");
    last.enableTimeToLive(ttl);
    this.last = ctx.getState(last);
  }

  processElement(e: Ev, ctx: KeyedProcessContext<number>, out: Collector<Out>): void {
    // ValueState of an object, changed in place and never written back (as heap state allows)
    let t = this.totals.value();
    if (t === null || t === undefined) this.totals.update((t = { n: 0, sum: 0, seen: [] }));
    t.n++;
    t.sum += e.v;
    t.seen.push(e.v);
    this.history.add({ v: e.v });
    // MapState: put, change in place, remove
    const bucket = ((e.v % 3) + 3) % 3;
    const c = this.counts.get(bucket);
    if (c === undefined || c === null) this.counts.put(bucket, { n: 1 });
    else if (c.n >= 2) this.counts.remove(bucket);
    else c.n++;
    const l = this.last.value();
    if (l === null || l === undefined) this.last.update({ v: e.v, n: 1 });
    else {
      l.v = e.v;
      l.n++;
    }
    out.collect({ k: e.k, s: `in ${e.k}:${e.v} n=${t.n} sum=${t.sum}` });
    ctx.timerService().registerEventTimeTimer(e.ts - (e.ts % 50) + 60);
  }

  onTimer(ts: number, ctx: OnTimerContext<number>, out: Collector<Out>): void {
    const k = ctx.getCurrentKey();
    const t = this.totals.value()!;
    const history = [...this.history.get()].map((h) => h.v);
    const counts = [...this.counts.entries()].sort(([a], [b]) => a - b).map(([b, c]) => `${b}:${c.n}`);
    const l = this.last.value();
    out.collect({ k, s: `timer ${k}@${ts} n=${t.n} seen=${t.seen.join(",")} hist=${history.join(",")} counts=${counts.join(",")} last=${l?.v}/${l?.n}` });
    // why: clearing some state in a timer makes later records start over, so removal during a snapshot counts too
    if (t.n > 4) {
      this.history.clear();
      t.seen.length = 0;
    }
  }
}

function source(env: StreamExecutionEnvironment, events: Ev[], clock: ManualClock, name: string): DataStream<Ev> {
  return env
    .fromSource(new GeneratorSource((i) => events[i]!, events.length), WatermarkStrategy.forBoundedOutOfOrderness<Ev>(40).withTimestampAssigner((e) => e.ts), name)
    .setParallelism(1) // why: one source per input keeps each key's order identical in every run
    .map((e) => {
      clock.advance(1); // processing time moves with the data, so checkpoints fall while records flow
      return e;
    }, `${name}-tick`)
    .setParallelism(1);
}

function pipeline(s: Scenario, env: StreamExecutionEnvironment, clock: ManualClock): DataStream<Out> {
  const input = source(env, s.events, clock, "src");
  switch (s.family) {
    case "process-state":
      return input.keyBy((e) => e.k).process<Out>(new EveryState(), "EveryState").setParallelism(s.parallelism);
    case "regular-join": {
      const right = source(env, s.events.filter((e) => e.v % 2 === 0).map((e) => ({ ...e, v: e.v + 100 })), clock, "right");
      return regularJoin(input.keyBy((e) => e.k), right.keyBy((e) => e.k), (l: Ev, r: Ev, out: Collector<Out>) => out.collect({ k: l.k, s: `${l.k}:${l.v}@${l.ts}~${r.v}@${r.ts}` }))
        .setParallelism(s.parallelism);
    }
    case "running-top-n":
      return input
        .keyBy((e) => e.k)
        .transformKeyed<Out>("TopN", () => new RunningTopNOperator<Ev, Out>("TopN", { n: 3, compare: (a, b) => b.v - a.v, emit: (e, rank) => ({ k: e.k, s: `${e.k}#${rank}=${e.v}@${e.ts}` }) }))
        .setParallelism(s.parallelism);
  }
}

async function run(s: Scenario, checkpointing: boolean): Promise<{ out: Out[]; checkpoints: number }> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  env.getConfig().setBatchSize(s.batch).setChannelCapacity(Math.max(4, s.batch * 2)).sliceBudget = 1;
  if (checkpointing) env.enableCheckpointing(s.interval).getCheckpointConfig().setSnapshotStep(s.snapshotStep);
  const out: Out[] = [];
  pipeline(s, env, clock).sinkTo((o: Out) => void out.push(o), "Out").setParallelism(s.parallelism);
  const result = await env.execute("copy-on-write");
  return { out, checkpoints: result.metrics.checkpoints?.completed ?? 0 };
}

/** Each key's outputs in order (a key takes one path through the job; between the join's inputs order is free). */
function byKey(s: Scenario, out: Out[]): Record<number, string[]> {
  const m: Record<number, string[]> = {};
  for (const o of out) (m[o.k] ??= []).push(o.s);
  if (s.family === "regular-join") for (const xs of Object.values(m)) xs.sort();
  return m;
}

const runs = propertyRuns(150);

test(`keyed state changed in place, timers, the regular join and the running top-n give the same output with checkpoints as without (${runs} runs)`, async (t) => {
  t.timeout(5 * 60_000);
  let checkpoints = 0;
  await assertProperty(
    t,
    fc.asyncProperty(scenarioArb, async (s) => {
      const plain = await run(s, false);
      const checkpointed = await run(s, true);
      checkpoints += checkpointed.checkpoints;
      assert.deepStrictEqual(byKey(s, checkpointed.out), byKey(s, plain.out));
      return JSON.stringify(byKey(s, checkpointed.out)) === JSON.stringify(byKey(s, plain.out));
    }),
    { numRuns: runs, file: import.meta.url },
  );
  t.true(checkpoints > runs, `checkpoints completed during the runs (${checkpoints} in ${runs} runs)`);
});

// One long run of the process function per parallelism: many keys' state large enough that a snapshot written one
// entry per slice spans many records.
for (const parallelism of [1, 3]) {
  test(`a long run of EveryState at parallelism ${parallelism} is unchanged by checkpoints written one entry per slice`, async (t) => {
    const events = Array.from({ length: 2_000 }, (_, i) => ({ k: (i * 7919) % 40, v: ((i * 31) % 41) - 20, ts: 1000 + i * 5 - ((i * 13) % 30) }));
    const s: Scenario = { family: "process-state", events, parallelism, batch: 4, interval: 5, snapshotStep: 1 };
    const plain = await run(s, false);
    const checkpointed = await run(s, true);
    // why 5: at parallelism 1 the keyed function is chained to its source, one subtask whose snapshots (40 keys, one
    // entry per slice) span many of its slices; each of the 5 overlaps the records that change its state
    t.true(checkpointed.checkpoints >= 5, `checkpoints completed (${checkpointed.checkpoints})`);
    t.deepEqual(byKey(s, checkpointed.out), byKey(s, plain.out));
  });
}

// Found by this file: the default copy was structuredClone, which drops prototypes — the running job's value lost its
// methods while a checkpoint was written. The default is now deepCopy (runtime/state/deep-copy.ts), which keeps them.
test("a ValueState of a class instance keeps its methods while a checkpoint is written", async (t) => {
  class Acc {
    n = 0;
    add(v: number): this {
      this.n += v;
      return this;
    }
  }
  const runAcc = async (checkpointing: boolean) => {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock).setRestartStrategy(RestartStrategies.noRestart());
    env.getConfig().setBatchSize(2).sliceBudget = 1;
    if (checkpointing) env.enableCheckpointing(3).getCheckpointConfig().setSnapshotStep(1);
    const out: string[] = [];
    let acc!: ValueState<Acc>;
    source(env, Array.from({ length: 300 }, (_, i) => ({ k: i % 5, v: i, ts: i })), clock, "src")
      .keyBy((e) => e.k)
      .process<string>({
        open: (ctx: RuntimeContext) => void (acc = ctx.getState(new ValueStateDescriptor<Acc>("acc"))),
        processElement(e: Ev, _ctx: KeyedProcessContext<number>, o: Collector<string>) {
          let a = acc.value();
          if (a === null || a === undefined) acc.update((a = new Acc()));
          o.collect(`${e.k}:${a.add(e.v).n}`);
        },
      })
      .sinkTo((s: string) => void out.push(s));
    await env.execute("class-instance-state");
    return out;
  };
  t.deepEqual(await runAcc(true), await runAcc(false));
});
