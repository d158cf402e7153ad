// The partitioned file sink: Hive-style partition directories, partition columns left out of the rows, and the
// partition commit (a `_SUCCESS` file) that never comes before the partition's data is committed — by hand, across
// subtasks, and in jobs with injected crashes, against an oracle that files the generated records itself.
import test from "ava";
import fc from "fast-check";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Fault,
  FaultInjector,
  FileSink,
  GeneratorSource,
  ManualClock,
  type PartitionCommitOptions,
  RestartStrategies,
  type SinkWriterContext,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";

interface Row {
  id: number;
  ts: number;
  dt: string;
  hm: string;
}

const MINUTE = 60_000;
const T0 = Date.UTC(2015, 6, 15, 23, 55);
const at = (timestamp: number) => ({ timestamp, currentWatermark: Number.NEGATIVE_INFINITY });

/** The oracle's filing of a record: its UTC day and hour:minute, from the ISO form (not the sink's code). */
function rowOf(id: number, ts: number): Row {
  const iso = new Date(ts).toISOString();
  return { id, ts, dt: iso.slice(0, 10), hm: iso.slice(11, 16) };
}
const directoryOf = (r: Row) => `dt=${r.dt}/hm=${r.hm.replace(":", "%3A")}`;

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "eddy-partitions-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writerContext(subtaskIndex: number, parallelism: number, clock?: ManualClock): SinkWriterContext {
  return { subtaskIndex, parallelism, jobName: "files", operatorName: "Out", attemptNumber: 0, ...(clock === undefined ? {} : { clock }) };
}

/** Partition directory (relative) → the visible files in it. */
function partitions(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dt of readdirSync(dir).filter((n) => n.startsWith("dt="))) {
    for (const hm of readdirSync(join(dir, dt))) out.set(`${dt}/${hm}`, readdirSync(join(dir, dt, hm)).filter((n) => !n.startsWith(".")).sort());
  }
  return out;
}

/** The committed rows of each partition, parsed back (JSON Lines), with the partition's values put back in. */
function committedRows(dir: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const [p, files] of partitions(dir)) {
    const [dt, hm] = p.split("/").map((s) => decodeURIComponent(s.slice(s.indexOf("=") + 1)));
    const rows = files.filter((f) => f.startsWith("part-")).flatMap((f) => readFileSync(join(dir, p, f), "utf8").split("\n").filter((l) => l !== ""));
    out.set(p, rows.map((l) => ({ ...(JSON.parse(l) as { id: number; ts: number }), dt: dt!, hm: hm! })));
  }
  return out;
}

const PARTITION_TIME: PartitionCommitOptions = { trigger: "partition-time", delay: MINUTE, timePattern: "$dt $hm:00" };

// ---- the writers, driven by hand --------------------------------------------------------------

test("records go to dt=…/hm=… directories, escaped as Flink does, without their partition columns", (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat<Row>(dir, { format: "csv", columns: ["id", "ts", "dt", "hm"], header: true, partitionBy: ["dt", "hm"] });
  const w = sink.createWriter(writerContext(0, 1));
  for (const [id, ts] of [[1, T0], [2, T0 + 30_000], [3, T0 + MINUTE]] as const) w.write(rowOf(id, ts), at(ts));
  w.commit([w.preCommit(1)]);
  t.deepEqual([...partitions(dir)], [
    ["dt=2015-07-15/hm=23%3A55", ["part-0-0.csv"]],
    ["dt=2015-07-15/hm=23%3A56", ["part-0-1.csv"]],
  ]);
  t.is(readFileSync(join(dir, "dt=2015-07-15/hm=23%3A55/part-0-0.csv"), "utf8"), `id,ts\n1,${T0}\n2,${T0 + 30_000}\n`);
  t.deepEqual(sink.committedFiles().map((f) => f.slice(dir.length + 1)), ["dt=2015-07-15/hm=23%3A55/part-0-0.csv", "dt=2015-07-15/hm=23%3A56/part-0-1.csv"]);
});

test("partition-time: _SUCCESS only after every subtask committed a checkpoint whose watermark is past time + delay", (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat<Row>(dir, { format: "jsonl", partitionBy: ["dt", "hm"], partitionCommit: PARTITION_TIME });
  const [w0, w1] = [sink.createWriter(writerContext(0, 2)), sink.createWriter(writerContext(1, 2))];
  const first = directoryOf(rowOf(0, T0));
  w0.write(rowOf(1, T0 + 1_000), at(T0 + 1_000));
  w1.write(rowOf(2, T0 + 2_000), at(T0 + 2_000));
  // 1. watermarks past 23:55 + 1 min on both, but the checkpoint is committed by one subtask only
  w0.processWatermark(T0 + MINUTE + 1);
  w1.processWatermark(T0 + MINUTE + 1);
  const [c0, c1] = [w0.preCommit(1), w1.preCommit(1)];
  w0.commit([c0]);
  t.false(existsSync(join(dir, first, "_SUCCESS")), "subtask 1 has not committed its part of the partition yet");
  w1.commit([c1]);
  t.true(existsSync(join(dir, first, "_SUCCESS")));
  t.deepEqual(partitions(dir).get(first), ["_SUCCESS", "part-0-0.jsonl", "part-1-0.jsonl"]);
  // 2. the next minute's partition waits for the slower watermark
  const second = directoryOf(rowOf(0, T0 + MINUTE));
  w0.write(rowOf(3, T0 + MINUTE), at(T0 + MINUTE));
  w0.processWatermark(T0 + 10 * MINUTE);
  w1.processWatermark(T0 + 2 * MINUTE);
  const [d0, d1] = [w0.preCommit(2), w1.preCommit(2)];
  w1.commit([d1]);
  w0.commit([d0]);
  t.false(existsSync(join(dir, second, "_SUCCESS")), "subtask 1's watermark is not past 23:56 + 1 min");
  w1.processWatermark(T0 + 2 * MINUTE + 1);
  const [e0, e1] = [w0.preCommit(3), w1.preCommit(3)];
  w0.commit([e0]);
  w1.commit([e1]);
  t.true(existsSync(join(dir, second, "_SUCCESS")));
});

test("process-time: _SUCCESS once the job's clock is past the partition's first commit plus the delay", (t) => {
  const dir = tempDir(t);
  const clock = new ManualClock(1_000);
  const sink = FileSink.forRowFormat<Row>(dir, { format: "jsonl", partitionBy: ["dt", "hm"], partitionCommit: { trigger: "process-time", delay: 5_000, timePattern: null } });
  const w = sink.createWriter(writerContext(0, 1, clock));
  const p = directoryOf(rowOf(0, T0));
  w.write(rowOf(1, T0), at(T0));
  w.commit([w.preCommit(1)]);
  clock.advance(5_000);
  w.commit([w.preCommit(2)]);
  t.false(existsSync(join(dir, p, "_SUCCESS")), "6000 is not past 1000 + 5000");
  clock.advance(1);
  w.commit([w.preCommit(3)]);
  t.true(existsSync(join(dir, p, "_SUCCESS")));
});

test("end of input commits every partition, even one whose time the watermark never passed", (t) => {
  const dir = tempDir(t);
  const sink = FileSink.forRowFormat<Row>(dir, { format: "jsonl", partitionBy: ["dt", "hm"], partitionCommit: PARTITION_TIME });
  const w = sink.createWriter(writerContext(0, 1));
  w.write(rowOf(1, T0), at(T0));
  w.commit([w.preCommit(1)]);
  t.false(existsSync(join(dir, directoryOf(rowOf(0, T0)), "_SUCCESS")));
  w.flush(true);
  w.commit([w.preCommit(2)]);
  t.true(existsSync(join(dir, directoryOf(rowOf(0, T0)), "_SUCCESS")));
});

test("invalid partition settings are refused when the sink is built", (t) => {
  const build = (o: object) => () => FileSink.forRowFormat<Row>("/tmp/never", { format: "csv", columns: ["id", "dt"], ...o });
  t.throws(build({ partitionBy: ["dt", "dt"] }), { message: /partitionBy must name distinct fields/ });
  t.throws(build({ partitionBy: ["day"] }), { message: /partitionBy names day, not among the columns/ });
  t.throws(build({ partitionBy: ["id", "dt"] }), { message: /every column is a partition column/ });
  t.throws(build({ partitionCommit: PARTITION_TIME }), { message: /partitionCommit needs partitionBy/ });
  t.throws(build({ partitionBy: ["dt"], partitionCommit: { ...PARTITION_TIME, timePattern: "$day" } }), { message: /refers to \$day, not partition columns \(dt\)/ });
  t.throws(build({ partitionBy: ["dt"], partitionCommit: { ...PARTITION_TIME, delay: -1 } }), { message: /delay must be a number of milliseconds/ });
});

// ---- jobs -------------------------------------------------------------------------------------------

interface JobOptions {
  n: number;
  parallelism: number;
  faults?: readonly Fault[];
  restarts?: number;
  checkpointDir?: string;
  restoreFrom?: string;
}

/** Records one second of event time apart, filed by minute, spread over the sink's subtasks by a key. */
async function runJob(dir: string, o: JobOptions) {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(o.parallelism).setClock(clock);
  env.getConfig().setBatchSize(8);
  env.getConfig().setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(40);
  if (o.checkpointDir !== undefined) env.getCheckpointConfig().setCheckpointStorage(o.checkpointDir);
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(10);
  env.setRestartStrategy(o.restarts === 0 ? RestartStrategies.noRestart() : RestartStrategies.fixedDelayRestart(o.restarts ?? 10, 0));
  const injector = new FaultInjector(o.faults ?? []);
  env.setFaultInjector(injector);
  if (o.restoreFrom !== undefined) env.setRestoreFrom(o.restoreFrom);
  const sink = FileSink.forRowFormat<Row>(dir, { format: "jsonl", partitionBy: ["dt", "hm"], partitionCommit: PARTITION_TIME, rollEvery: 20_000 });
  env
    .fromSource(new GeneratorSource((i) => rowOf(i, T0 + i * 1000), o.n), WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner((r) => r.ts), "gen")
    .setParallelism(1)
    .uid("gen")
    .map((r) => {
      clock.advance(1);
      return r;
    }, "Tick")
    .setParallelism(1)
    .uid("tick")
    .keyBy((r) => r.id % 16)
    .map((r) => r, "Spread")
    .uid("spread")
    .sinkTo(sink, "Out")
    .uid("out");
  const result = await env.execute("partitions");
  return { result, fired: injector.fired };
}

/** The oracle: every generated record, by its partition directory. */
function expectedRows(n: number): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (let i = 0; i < n; i++) {
    const r = rowOf(i, T0 + i * 1000);
    out.set(directoryOf(r), [...(out.get(directoryOf(r)) ?? []), r]);
  }
  return out;
}

const sortById = (rows: readonly Row[]) => [...rows].sort((a, b) => a.id - b.id);

test("a job with crashes: every record lands once in its partition, and every partition has _SUCCESS", async (t) => {
  const n = 600;
  const dir = tempDir(t);
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "Spread", subtask: 1, record: 40 },
    { kind: "crash-during-snapshot", operator: "Out", subtask: 2, snapshot: 3 },
    { kind: "crash-before-commit", operator: "Out", subtask: 0, commit: 4 },
    { kind: "crash-at-record", operator: "Out", subtask: 1, record: 90 },
  ];
  const { result, fired } = await runJob(dir, { n, parallelism: 3, faults });
  // why not every fault: the crashes at records always come, but how many checkpoints commit before the input ends
  // depends on when the asynchronous renames finish, so the checkpoint-numbered ones may not be reached
  t.true(fired.length >= 2, JSON.stringify(fired));
  // each failed attempt fired at least one fault, but two faults on different subtasks can fire in one attempt
  const restarts = result.metrics.restarts ?? 0;
  t.true(restarts >= 1 && restarts <= fired.length, `${restarts} restarts for ${fired.length} faults`);
  const expected = expectedRows(n);
  const actual = committedRows(dir);
  t.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), "the oracle's partitions, no other");
  t.true(expected.size >= 10, "the records span ten minutes");
  for (const [p, rows] of expected) t.deepEqual(sortById(actual.get(p)!), rows, `${p}: its records, each once`);
  for (const [p, files] of partitions(dir)) t.true(files.includes("_SUCCESS"), `${p} is committed`);
  const leftovers = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /(^|\/)\.part-/.test(f));
  t.deepEqual(leftovers, [], "no hidden parts left");
});

test("a job that fails before a commit: no _SUCCESS on a partition missing data; resumed, all lands once and commits", async (t) => {
  const n = 500;
  const dir = tempDir(t);
  const checkpoints = tempDir(t);
  const crash: Fault[] = [{ kind: "crash-before-commit", operator: "Out", subtask: 1, commit: 6 }];
  await t.throwsAsync(runJob(dir, { n, parallelism: 2, faults: crash, restarts: 0, checkpointDir: checkpoints }), { message: /injected fault/ });
  // 1. the failed job's directory: each partition with _SUCCESS holds all the oracle's records for it
  const expected = expectedRows(n);
  const halfway = committedRows(dir);
  const successes = [...partitions(dir)].filter(([, files]) => files.includes("_SUCCESS")).map(([p]) => p);
  t.true(successes.length > 0, "some partitions were committed before the crash");
  t.true(successes.length < expected.size, "and some were not");
  for (const p of successes) t.deepEqual(sortById(halfway.get(p)!), expected.get(p)!, `${p} was complete when committed`);
  // 2. resumed from its last checkpoint, the job ends with every record once and every partition committed
  const latest = readdirSync(checkpoints)
    .filter((d) => /^chk-\d+$/.test(d) && readdirSync(join(checkpoints, d)).includes("_metadata"))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .at(-1)!;
  await runJob(dir, { n, parallelism: 2, restoreFrom: join(checkpoints, latest), checkpointDir: tempDir(t) });
  const actual = committedRows(dir);
  for (const [p, rows] of expected) t.deepEqual(sortById(actual.get(p) ?? []), rows, `${p}: its records, each once`);
  for (const [p, files] of partitions(dir)) t.true(files.includes("_SUCCESS"), `${p} is committed`);
});

test("property: under random crash schedules and parallelisms, each record lands once in its partition, all committed", async (t) => {
  let fired = 0;
  const faultArb = (p: number): fc.Arbitrary<Fault> =>
    fc.oneof(
      fc.record({ kind: fc.constant("crash-at-record" as const), operator: fc.constantFrom("Spread", "Out"), subtask: fc.integer({ min: 0, max: p - 1 }), record: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant("crash-during-snapshot" as const), operator: fc.constant("Out"), subtask: fc.integer({ min: 0, max: p - 1 }), snapshot: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant("crash-before-commit" as const), operator: fc.constant("Out"), subtask: fc.integer({ min: 0, max: p - 1 }), commit: fc.integer({ min: 1, max: 4 }) }),
    );
  const scenario = fc
    .record({ parallelism: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 300 }) })
    .chain((s) => fc.record({ s: fc.constant(s), faults: fc.array(faultArb(s.parallelism), { maxLength: 3 }) }));
  await fc.assert(
    fc.asyncProperty(scenario, async ({ s, faults }) => {
      const dir = mkdtempSync(join(tmpdir(), "eddy-partitions-"));
      try {
        fired += (await runJob(dir, { ...s, faults })).fired.length;
        const expected = expectedRows(s.n);
        const actual = committedRows(dir);
        if (JSON.stringify([...actual.keys()].sort()) !== JSON.stringify([...expected.keys()].sort())) throw new Error("partitions differ");
        for (const [p, rows] of expected) if (JSON.stringify(sortById(actual.get(p)!)) !== JSON.stringify(rows)) throw new Error(`${p}: records differ`);
        for (const [p, files] of partitions(dir)) if (!files.includes("_SUCCESS")) throw new Error(`${p} not committed`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 12, seed: Number(process.env.EDDY_PROPERTY_SEED ?? 20261206) },
  );
  t.true(fired >= 6, `faults fired ${fired} times: the schedules must reach the job`);
});
