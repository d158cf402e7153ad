// The exactly-once PostgreSQL sink against a real server: injected failures, recovery of prepared
// transactions, rollback of an aborted attempt's leftovers, and failed PREPAREs failing the job.
import {
  type Fault,
  FaultInjector,
  GeneratorSource,
  ManualClock,
  PostgresSink,
  type PostgresTransaction,
  RestartStrategies,
  type SinkWriterContext,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isolated, PG_URL, pgTest as test, preparedGids, query } from "./pg-harness.js";

interface Ev {
  k: number;
  v: number;
  ts: number;
}
interface Sum {
  k: number;
  seq: number;
  total: number;
}

const gen = (i: number): Ev => ({ k: i % 7, v: i, ts: i });

/** What the keyed running sum emits for n records: one row per record. */
function expectedRows(n: number): string[] {
  const totals = new Map<number, number>();
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = gen(i);
    const total = (totals.get(e.k) ?? 0) + e.v;
    totals.set(e.k, total);
    rows.push(`${e.k}|${e.ts}|${total}`);
  }
  return rows.sort();
}

async function tableRows(table: string): Promise<string[]> {
  const rows = await query<{ k: number; seq: number; total: string }>(`SELECT k, seq, total FROM ${table}`);
  return rows.map((r) => `${r.k}|${r.seq}|${r.total}`).sort();
}

async function createSumTable(schema: string): Promise<string> {
  const table = `${schema}.sums`;
  // why: no key — a duplicate must show up as an extra row, not as a constraint error
  await query(`CREATE TABLE ${table} (k int NOT NULL, seq int NOT NULL, total bigint NOT NULL)`);
  return table;
}

interface JobOptions {
  job: string;
  table: string;
  n: number;
  parallelism: number;
  faults?: readonly Fault[];
  restarts?: number;
  checkpointDir?: string;
  restoreFrom?: string;
  upsert?: boolean;
}

async function runJob(o: JobOptions) {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(o.parallelism).setClock(clock);
  env.getConfig().setBatchSize(8);
  // why: small channels and slices keep barriers close behind the data, so checkpoints are frequent
  env.getConfig().setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(40);
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(10);
  if (o.checkpointDir !== undefined) env.getCheckpointConfig().setCheckpointStorage(o.checkpointDir);
  if (o.restoreFrom !== undefined) env.setRestoreFrom(o.restoreFrom);
  env.setRestartStrategy(o.restarts === 0 ? RestartStrategies.noRestart() : RestartStrategies.fixedDelayRestart(o.restarts ?? 10, 0));
  const injector = new FaultInjector(o.faults ?? []);
  env.setFaultInjector(injector);
  const columns = ["k", "seq", "total"];
  const toRow = (s: Sum) => [s.k, s.seq, s.total];
  const sink = o.upsert
    ? PostgresSink.upsert<Sum>({ connection: PG_URL, table: o.table, columns, key: ["k"], toRow, batchSize: 50 })
    : PostgresSink.exactlyOnce<Sum>({ connection: PG_URL, table: o.table, columns, toRow, batchSize: 50 });
  env
    .fromSource(new GeneratorSource(gen, o.n), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "gen")
    .setParallelism(1)
    .uid("gen")
    .map((e) => {
      clock.advance(1); // processing time moves with the data, so checkpoints fall deterministically
      return e;
    }, "Id")
    .setParallelism(1)
    .uid("id")
    .keyBy((e) => e.k)
    .reduce((a, b) => ({ k: a.k, v: a.v + b.v, ts: b.ts }), "Sum")
    .uid("sum")
    .map((e): Sum => ({ k: e.k, seq: e.ts, total: e.v }), "Fmt")
    .uid("fmt")
    .sinkTo(sink, "Out")
    .uid("out");
  const result = await env.execute(o.job);
  return { result, fired: injector.fired };
}

function writerContext(job: string, subtaskIndex: number, parallelism: number, attemptNumber: number): SinkWriterContext {
  return { jobName: job, operatorName: "Out", subtaskIndex, parallelism, attemptNumber };
}

async function exactlyOnceWriter(table: string, context: SinkWriterContext) {
  const sink = PostgresSink.exactlyOnce<number>({ connection: PG_URL, table, columns: ["v"], toRow: (v) => [v] });
  const writer = await sink.createWriter(context);
  // why: this writer pre-commits synchronously (it waits for PREPARE in a worker)
  return writer as unknown as Omit<import("../../../runtime/index.js").TwoPhaseCommitWriter<number, PostgresTransaction>, "preCommit"> & {
    close(): Promise<void>;
    preCommit(checkpointId: number): PostgresTransaction;
  };
}

const NO_TIME = { timestamp: null, currentWatermark: Number.NEGATIVE_INFINITY };

test("crashes at a record, during a snapshot and before commits: the table holds exactly the failure-free rows", async (t) => {
  const { schema, job } = await isolated(t, "faults");
  const table = await createSumTable(schema);
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "Sum", subtask: 2, record: 120 },
    { kind: "crash-during-snapshot", operator: "Out", subtask: 0, snapshot: 3 },
    { kind: "crash-before-commit", operator: "Out", subtask: 1, commit: 2 },
    { kind: "crash-before-commit", operator: "Out", subtask: 0, commit: 6 },
    { kind: "crash-at-record", operator: "Out", subtask: 0, record: 300 },
  ];
  const { result, fired } = await runJob({ job, table, n: 1200, parallelism: 3, faults });
  t.is(fired.length, faults.length, `every fault fired: ${JSON.stringify(fired)}`);
  t.true((result.metrics.restarts ?? 0) >= 3, "faults in one attempt may share a restart");
  t.true((result.metrics.checkpoints?.completed ?? 0) >= 5);
  t.deepEqual(await tableRows(table), expectedRows(1200));
  t.deepEqual(await preparedGids(`eddy:${job}:`), [], "no prepared transaction is left behind");
});

test("a job that failed between pre-commit and commit is resumed from its checkpoint by a new job: prepared transactions are committed", async (t) => {
  const { schema, job } = await isolated(t, "resume");
  const table = await createSumTable(schema);
  const checkpoints = mkdtempSync(join(tmpdir(), "eddy-pg-chk-"));
  const resumedCheckpoints = mkdtempSync(join(tmpdir(), "eddy-pg-chk-"));
  t.teardown(() => {
    rmSync(checkpoints, { recursive: true, force: true });
    rmSync(resumedCheckpoints, { recursive: true, force: true });
  });
  const crash: Fault[] = [{ kind: "crash-before-commit", operator: "Out", subtask: 0, commit: 4 }];
  await t.throwsAsync(runJob({ job, table, n: 700, parallelism: 2, faults: crash, restarts: 0, checkpointDir: checkpoints }), { message: /injected fault/ });
  t.true((await preparedGids(`eddy:${job}:Out:0:`)).length > 0, "the crash left a prepared transaction of subtask 0");
  const latest = readdirSync(checkpoints)
    .filter((d) => /^chk-\d+$/.test(d) && readdirSync(join(checkpoints, d)).includes("_metadata"))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)))
    .at(-1)!;
  await runJob({ job, table, n: 700, parallelism: 2, restoreFrom: join(checkpoints, latest), checkpointDir: resumedCheckpoints });
  t.deepEqual(await tableRows(table), expectedRows(700));
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
});

test("recovery commits the restored prepared transactions, and again without harm", async (t) => {
  const { schema, job } = await isolated(t, "recommit");
  const table = `${schema}.vals`;
  await query(`CREATE TABLE ${table} (v int)`);
  const before = await exactlyOnceWriter(table, writerContext(job, 0, 1, 0));
  for (let i = 0; i < 5; i++) before.write(i, NO_TIME);
  const txn = before.preCommit(1)!;
  await before.close(); // the crash: pre-committed, never committed
  t.is(txn.gid, `eddy:${job}:Out:0:1:0`);
  t.deepEqual(await preparedGids(`eddy:${job}:`), [txn.gid!]);
  t.deepEqual(await query(`SELECT v FROM ${table}`), [], "prepared rows are invisible");
  for (let attempt = 1; attempt <= 2; attempt++) {
    const after = await exactlyOnceWriter(table, writerContext(job, 0, 1, attempt));
    await after.recoverAndCommit([txn]);
    await after.recoverAndAbort!([]);
    await after.close();
  }
  t.deepEqual((await query<{ v: number }>(`SELECT v FROM ${table} ORDER BY v`)).map((r) => r.v), [0, 1, 2, 3, 4]);
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
});

test("recovery rolls back what an aborted attempt prepared after the checkpoint, and only this subtask's", async (t) => {
  const { schema, job } = await isolated(t, "abort");
  const table = `${schema}.vals`;
  await query(`CREATE TABLE ${table} (v int)`);
  const sub0 = await exactlyOnceWriter(table, writerContext(job, 0, 2, 0));
  sub0.write(1, NO_TIME);
  const restored = sub0.preCommit(1)!; // in the completed checkpoint
  sub0.write(2, NO_TIME);
  const leftover = sub0.preCommit(2)!; // its checkpoint never completed
  sub0.write(3, NO_TIME); // open, not prepared: dies with the session
  await sub0.close();
  const sub1 = await exactlyOnceWriter(table, writerContext(job, 1, 2, 0));
  sub1.write(100, NO_TIME);
  const other = sub1.preCommit(1)!;
  await sub1.close();
  t.deepEqual(await preparedGids(`eddy:${job}:`), [restored.gid!, leftover.gid!, other.gid!].sort());

  const again = await exactlyOnceWriter(table, writerContext(job, 0, 2, 1));
  await again.recoverAndCommit([restored]);
  await again.recoverAndAbort!([]);
  t.deepEqual(await preparedGids(`eddy:${job}:`), [other.gid!], "subtask 1's transaction is not subtask 0's to roll back");
  again.write(4, NO_TIME);
  await again.commit([again.preCommit(3)!]);
  await again.close();
  t.deepEqual((await query<{ v: number }>(`SELECT v FROM ${table} ORDER BY v`)).map((r) => r.v), [1, 4]);
});

test("an interval without rows prepares nothing", async (t) => {
  const { schema, job } = await isolated(t, "empty");
  const table = `${schema}.vals`;
  await query(`CREATE TABLE ${table} (v int)`);
  const w = await exactlyOnceWriter(table, writerContext(job, 0, 1, 0));
  const txn = w.preCommit(1)!;
  t.is(txn.gid, null);
  await w.commit([txn]);
  await w.close();
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
});

test("a PREPARE that fails (a deferred constraint) fails the pre-commit with the cause, and nothing is committed", async (t) => {
  const { schema, job } = await isolated(t, "badprepare");
  const table = `${schema}.vals`;
  await query(`CREATE TABLE ${table} (v int, CONSTRAINT unique_v UNIQUE (v) DEFERRABLE INITIALLY DEFERRED)`);
  const w = await exactlyOnceWriter(table, writerContext(job, 0, 1, 0));
  w.write(1, NO_TIME);
  w.write(1, NO_TIME);
  const error = t.throws(() => w.preCommit(1));
  t.regex(error.message, /prepare transaction eddy:.*unique_v.*SQLSTATE 23505/s);
  t.regex(error.message, /subtask 0/);
  t.throws(() => w.write(2, NO_TIME), { message: /unique_v/ }, "the failure sticks: later writes fail too");
  await w.close();
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
  t.deepEqual(await query(`SELECT v FROM ${table}`), []);
});

test("a job whose PREPARE keeps failing fails with the database's reason", async (t) => {
  const { schema, job } = await isolated(t, "jobfail");
  const table = `${schema}.sums`;
  await query(`CREATE TABLE ${table} (k int, seq int, total bigint, CONSTRAINT one_per_key UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)`);
  await t.throwsAsync(runJob({ job, table, n: 200, parallelism: 1, restarts: 1 }), { message: /one_per_key/ });
  t.deepEqual(await query(`SELECT * FROM ${table}`), []);
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
});

test("a server that cannot be reached fails the job with where and what to check", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.setRestartStrategy(RestartStrategies.noRestart());
  env.fromElements(1, 2, 3).sinkTo(PostgresSink.exactlyOnce<number>({ connection: "postgres://postgres@127.0.0.1:1/test", table: "t", columns: ["v"], toRow: (v) => [v] }), "Out");
  await t.throwsAsync(env.execute("unreachable"), { message: /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test.*check that the server runs/s });
});

test("upsert mode: replays after failures leave each key's latest value, once", async (t) => {
  const { schema, job } = await isolated(t, "upsert");
  const table = `${schema}.latest`;
  await query(`CREATE TABLE ${table} (k int PRIMARY KEY, seq int NOT NULL, total bigint NOT NULL)`);
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "Out", subtask: 0, record: 150 },
    { kind: "crash-before-commit", operator: "Out", subtask: 1, commit: 3 },
    { kind: "crash-during-snapshot", operator: "Sum", subtask: 0, snapshot: 2 },
  ];
  const { fired } = await runJob({ job, table, n: 900, parallelism: 2, faults, upsert: true });
  t.is(fired.length, faults.length, JSON.stringify(fired));
  const latest = new Map<number, string>();
  for (const row of expectedRows(900)) {
    const [k, seq] = row.split("|").map(Number) as [number, number];
    const current = latest.get(k);
    if (current === undefined || Number(current.split("|")[1]) < seq) latest.set(k, row);
  }
  t.deepEqual(await tableRows(table), [...latest.values()].sort());
});

test("upsert mode: a key repeated within one batch and rows written again on recovery converge", async (t) => {
  const { schema, job } = await isolated(t, "upsertw");
  const table = `${schema}.latest`;
  await query(`CREATE TABLE ${table} (k int PRIMARY KEY, v text)`);
  const sink = PostgresSink.upsert<[number, string]>({ connection: PG_URL, table, columns: ["k", "v"], key: ["k"], toRow: (r) => r, batchSize: 10 });
  const w = (await sink.createWriter(writerContext(job, 0, 1, 0))) as unknown as import("../../../runtime/index.js").TwoPhaseCommitWriter<[number, string], unknown> & { close(): Promise<void> };
  w.write([1, "a"], NO_TIME);
  w.write([1, "b"], NO_TIME);
  w.write([2, "x"], NO_TIME);
  const handle = w.preCommit(1);
  await w.commit([handle]);
  await w.recoverAndCommit([handle]); // a restore writes the checkpoint's unconfirmed rows again
  await w.close();
  t.deepEqual(await query(`SELECT k, v FROM ${table} ORDER BY k`), [
    { k: 1, v: "b" },
    { k: 2, v: "x" },
  ]);
});

test("upsert mode with deletions: the last change per key wins, a -U/+U pair is never split, recovery deletes again", async (t) => {
  const { schema, job } = await isolated(t, "upsertdel");
  const table = `${schema}.latest`;
  await query(`CREATE TABLE ${table} (k int PRIMARY KEY, v text)`);
  // why a trigger: the table's end state cannot tell a row that was never deleted from one deleted and written again
  await query(`CREATE TABLE ${schema}.deleted (seq serial, k int NOT NULL)`);
  await query(`CREATE FUNCTION ${schema}.log_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO ${schema}.deleted (k) VALUES (OLD.k); RETURN OLD; END $$`);
  await query(`CREATE TRIGGER log_delete AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.log_delete()`);
  const deletedKeys = async () => (await query<{ k: number }>(`SELECT k FROM ${schema}.deleted ORDER BY seq`)).map((r) => r.k);
  type Change = readonly [kind: "+I" | "-U" | "+U" | "-D", k: number, v: string];
  const sink = PostgresSink.upsert<Change>({ connection: PG_URL, table, columns: ["k", "v"], key: ["k"], toRow: ([, k, v]) => [k, v], deletes: ([kind]) => kind === "-D" || kind === "-U", batchSize: 3 });
  type Writer = import("../../../runtime/index.js").TwoPhaseCommitWriter<Change, unknown> & { close(): Promise<void> };
  const w = (await sink.createWriter(writerContext(job, 0, 1, 0))) as unknown as Writer;
  // a full batch of three ends in the -U of key 1: its +U joins the batch, which then upserts 1 (no deletion)
  for (const c of [["+I", 1, "a"], ["+I", 2, "b"], ["-U", 1, "a"], ["+U", 1, "a2"]] as const) w.write(c, NO_TIME);
  // key 2 deleted, keys 3 and 4 inserted; then 3 deleted in the batch the checkpoint flushes
  for (const c of [["+I", 3, "c"], ["-D", 2, "b"], ["+I", 4, "d"], ["-D", 3, "c"]] as const) w.write(c, NO_TIME);
  // why through JSON: a checkpoint holds the transaction as plain data
  const handle = JSON.parse(JSON.stringify(w.preCommit(1))) as unknown;
  await w.commit([handle]);
  await w.close();
  t.deepEqual(await query(`SELECT k, v FROM ${table} ORDER BY k`), [{ k: 1, v: "a2" }, { k: 4, v: "d" }]);
  t.deepEqual(await deletedKeys(), [2, 3], "the rows of keys 2 and 3 were deleted; key 1's row never was");
  // A restore applies the checkpoint's unconfirmed changes again, deletions included: rows that came back go again.
  await query(`INSERT INTO ${table} VALUES (2, 'stale'), (3, 'stale') ON CONFLICT (k) DO NOTHING`);
  const restored = (await sink.createWriter(writerContext(job, 0, 1, 1))) as unknown as Writer;
  await restored.recoverAndCommit([handle]);
  await restored.close();
  t.deepEqual(await query(`SELECT k, v FROM ${table} ORDER BY k`), [{ k: 1, v: "a2" }, { k: 4, v: "d" }]);
});

test("options are checked when the sink is built", (t) => {
  const base = { connection: PG_URL, table: "t", columns: ["a", "b"], toRow: (x: number) => [x, x] };
  t.throws(() => PostgresSink.exactlyOnce({ ...base, columns: [] }), { message: /at least one column/ });
  t.throws(() => PostgresSink.exactlyOnce({ ...base, columns: ["a", "a"] }), { message: /distinct/ });
  t.throws(() => PostgresSink.exactlyOnce({ ...base, batchSize: 0 }), { message: /batchSize/ });
  t.throws(() => PostgresSink.upsert({ ...base, key: ["c"] }), { message: /key columns c are not among the columns/ });
  t.throws(() => PostgresSink.upsert({ ...base, key: [] }), { message: /needs the key columns/ });
});
