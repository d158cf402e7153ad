// Joins under failures: buffers, cleanup timers and window contents are restored from checkpoints, so committed output matches the oracle.
import test from "ava";
import {
  FaultInjector,
  regularOuterJoin,
  TransactionalCollectSink,
  TumblingEventTimeWindows,
} from "../../../runtime/index.js";
import { crashingSources, type Ev } from "./crashing-sources.js";
import { coGroupOracle, intervalJoinOracle, multiset, type Timed, tumblingWindowsOf } from "../../helpers/join-oracle.js";
import { netRows } from "../../helpers/net-rows.js";

// why: out of order by at most 2 ms (a_i ≥ 2i − 4 while earlier ones are ≤ 2i − 2), within the watermark bound below
const left = (i: number): Ev => ({ id: `L${i}`, k: i % 7, ts: 2 * i - ((7 * i) % 5) });
const right = (i: number): Ev => ({ id: `R${i}`, k: (i * 3) % 7, ts: 2 * i + 1 - ((3 * i) % 4) });
const N = 600;
const timed = (f: (i: number) => Ev): Timed<Ev>[] => Array.from({ length: N }, (_, i) => ({ value: f(i), timestamp: f(i).ts }));

/** Two parallel sources; processing time advances 1 ms per record so periodic checkpoints land mid-stream. */
function environment(faults?: FaultInjector) {
  return crashingSources(left, right, N, 2, faults);
}

async function intervalJoin(faults?: FaultInjector): Promise<{ committed: string[]; restarts: number }> {
  const { env, lefts, rights } = environment(faults);
  const sink = new TransactionalCollectSink<string>();
  lefts
    .keyBy((e) => e.k)
    .intervalJoin(rights.keyBy((e) => e.k))
    .between(-5, 3)
    .process((l: Ev, r: Ev, ctx, out) => out.collect(`${l.id}+${r.id}@${ctx.timestamp}`))
    .uid("join")
    .sinkTo(sink, "Out");
  const result = await env.execute();
  return { committed: [...sink.committed].sort(), restarts: result.metrics.restarts ?? 0 };
}

async function coGroup(faults?: FaultInjector): Promise<{ committed: string[]; restarts: number }> {
  const { env, lefts, rights } = environment(faults);
  const sink = new TransactionalCollectSink<string>();
  const ids = (evs: readonly Ev[]) => evs.map((e) => e.id).sort().join(",");
  lefts
    .coGroup(rights)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(20))
    .apply<string>((ls, rs, out) => out.collect(`${ids(ls)}|${ids(rs)}`))
    .uid("cogroup")
    .sinkTo(sink, "Out");
  const result = await env.execute();
  return { committed: [...sink.committed].sort(), restarts: result.metrics.restarts ?? 0 };
}

test("interval join: crashes at a record and during a snapshot; committed pairs equal the oracle's exactly once", async (t) => {
  const expected = multiset(intervalJoinOracle(timed(left), timed(right), (e) => e.k, (e) => e.k, { lower: -5, upper: 3, lowerInclusive: true, upperInclusive: true }), (p) => `${p.left.id}+${p.right.id}@${p.timestamp}`);
  t.true(expected.length > 100, `a meaningful number of pairs (${expected.length})`);
  const clean = await intervalJoin();
  t.deepEqual(clean.committed, expected);
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "join", subtask: 0, record: 180 },
    { kind: "crash-during-snapshot", operator: "join", subtask: 1, snapshot: 3 },
  ]);
  const failed = await intervalJoin(faults);
  t.is(faults.fired.length, 2);
  // why a range: each failed attempt fired a fault, but faults on different subtasks may fire in the same attempt
  t.true(failed.restarts >= 1 && failed.restarts <= 2, `${failed.restarts} restarts`);
  t.deepEqual(failed.committed, expected);
});

test("window coGroup: a crash in the window operator mid-window; committed groups equal the oracle's exactly once", async (t) => {
  const ids = (evs: readonly Ev[]) => evs.map((e) => e.id).sort().join(",");
  const expected = multiset(coGroupOracle(timed(left), timed(right), (e) => e.k, (e) => e.k, tumblingWindowsOf(20)), (g) => `${ids(g.lefts)}|${ids(g.rights)}`);
  const faults = new FaultInjector([{ kind: "crash-at-record", operator: "cogroup", subtask: 1, record: 120 }]);
  const failed = await coGroup(faults);
  t.is(faults.fired.length, 1);
  t.is(failed.restarts, 1);
  t.deepEqual(failed.committed, expected);
});

const rightKey = (e: Ev): number => Number(e.id.slice(1)) % 11;

async function fullOuterJoin(faults?: FaultInjector): Promise<{ committed: Record<string, unknown>[]; restarts: number }> {
  const { env, lefts, rights } = environment(faults);
  const sink = new TransactionalCollectSink<Record<string, unknown>>();
  // why the right side keyed by its index mod 11: keys 7 … 10 never meet a left row (k < 7), so those rows stay padded
  regularOuterJoin<Ev, Ev, number, Record<string, unknown>>(lefts.keyBy((e) => e.k), rights.keyBy(rightKey), {
    kind: "full",
    rowKindField: null,
    matches: (l, r) => l.k === rightKey(r) && (l.ts + r.ts) % 3 !== 0,
    joined: (l, r, kind) => ({ l: l.id, r: r.id, __rowKind: kind }),
    padRight: (l, kind) => ({ l: l.id, r: null, __rowKind: kind }),
    padLeft: (r, kind) => ({ l: null, r: r.id, __rowKind: kind }),
  })
    .uid("outer")
    .sinkTo(sink, "Out");
  const result = await env.execute();
  return { committed: [...sink.committed], restarts: result.metrics.restarts ?? 0 };
}

test("regular full outer join: crashes at a record and during a snapshot; the committed changelog nets to the outer join, every -D after its +I", async (t) => {
  const ls = Array.from({ length: N }, (_, i) => left(i));
  const rs = Array.from({ length: N }, (_, i) => right(i));
  const match = (l: Ev, r: Ev) => l.k === rightKey(r) && (l.ts + r.ts) % 3 !== 0;
  const expected = [
    ...ls.flatMap((l) => rs.filter((r) => match(l, r)).map((r) => ({ l: l.id, r: r.id }))),
    ...ls.filter((l) => !rs.some((r) => match(l, r))).map((l) => ({ l: l.id, r: null })),
    ...rs.filter((r) => !ls.some((l) => match(l, r))).map((r) => ({ l: null, r: r.id })),
  ].map((row) => JSON.stringify(row)).sort();
  t.true(expected.some((row) => row.startsWith('{"l":null')), "some right rows never match");
  t.deepEqual(netRows((await fullOuterJoin()).committed), expected);
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "outer", subtask: 0, record: 150 },
    { kind: "crash-during-snapshot", operator: "outer", subtask: 1, snapshot: 2 },
  ]);
  const failed = await fullOuterJoin(faults);
  t.is(faults.fired.length, 2);
  t.true(failed.restarts >= 1 && failed.restarts <= 2, `${failed.restarts} restarts`);
  t.deepEqual(netRows(failed.committed), expected);
});
