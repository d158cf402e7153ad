// The PostgreSQL scan source against a real server: a .flow job reads a table of every supported column type (NULLs
// and malformed values included) as the rows inserted here say it should; a reader restored from a snapshot in the
// middle of a split goes on with exactly the next row, with and without a primary key; a partitioned read skips the
// rows outside its bounds as Flink's does; a job crashed mid-read at parallelism 3 copies every row exactly once; a
// missing table or column fails at once, saying what to fix.
import type { ExecutionContext } from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { compile } from "../../../compiler/compile.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import type { DeadLetter, EddyJob } from "../../../runtime/support/index.js";
import {
  type Fault,
  FaultInjector,
  ManualClock,
  PostgresSink,
  PostgresSource,
  type PostgresSourceOptions,
  RestartStrategies,
  type SourceReader,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { isolated, PG_URL, pgTest as test, preparedGids, query } from "./pg-harness.js";

// ── a table of every supported type, read by a .flow job ──

const T0 = Date.UTC(2023, 10, 14, 22, 13, 20, 0);
interface Expected {
  id: number; small: number | null; big: number | null; r: number | null; d: number | null; n: number | null;
  t: string | null; v: string | null; b: boolean | null; ts: number | null; tz: number | null; day: number | null;
  tags: (string | null)[] | null; nums: number[] | null; doc: { name: string; qty: number } | null; items: { sku: string }[] | null;
}

/** Row i as the job should read it: every 7th row has NULL in every nullable column. */
function expectedRow(i: number): Expected {
  if (i % 7 === 3) return { id: i, small: null, big: null, r: null, d: null, n: null, t: null, v: null, b: null, ts: null, tz: null, day: null, tags: null, nums: null, doc: null, items: null };
  return {
    id: i, small: i - 25, big: 1_000_000_000_000 + i, r: i / 4, d: i * 1.5, n: i + 0.125,
    t: `text ${i} "ä" \\ end`, v: `v${i}`, b: i % 2 === 0,
    ts: T0 + i * 1001, tz: T0 - i * 60_000, day: Date.UTC(2024, 0, 1 + i),
    tags: [`a${i}`, null], nums: [i, i + 1], doc: { name: `n${i}`, qty: i }, items: [{ sku: `s${i}` }],
  };
}

/** The SQL values inserting that row: timestamps as text (the `timestamp` column's without an offset: UTC by convention). */
function sqlValues(e: Expected): unknown[] {
  const iso = (ms: number | null, offset: boolean) => (ms === null ? null : offset ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, -1));
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return [e.id, e.small, e.big, e.r, e.d, e.n, e.t, e.v, e.b, iso(e.ts, false), iso(e.tz, true), e.day === null ? null : new Date(e.day).toISOString().slice(0, 10), e.tags, e.nums, json(e.doc), json(e.items)];
}

const COLUMNS = "id, small, big, r, d, n, t, v, b, ts, tz, day, tags, nums, doc, items";
const N = 50;

async function createEverything(schema: string): Promise<string> {
  const table = `${schema}.everything`;
  await query(`CREATE TABLE ${table} (id integer PRIMARY KEY, small smallint, big bigint, r real, d double precision, n numeric(12, 3), t text, v varchar(10), b boolean,
    ts timestamp(3), tz timestamptz, day date, tags text[], nums integer[], doc jsonb, items json)`);
  const params = Array.from({ length: 16 }, (_, i) => `$${i + 1}`).join(", ");
  // why reversed: the source's order is the primary key's, not the order rows were inserted in
  for (let i = N - 1; i >= 0; i--) await query(`INSERT INTO ${table} (${COLUMNS}) VALUES (${params})`, sqlValues(expectedRow(i)));
  // Three rows that do not fit the schema, last in key order: a bigint beyond 2^53, a json document of the wrong shape, a NaN.
  await query(`INSERT INTO ${table} (id, big) VALUES (1000, 9007199254740993)`);
  await query(`INSERT INTO ${table} (id, doc) VALUES (1001, '{"name": 5, "qty": 1}')`);
  await query(`INSERT INTO ${table} (id, n) VALUES (1002, 'NaN')`);
  return table;
}

const EVERYTHING_SCHEMA = `schema Everything {
  id: int, small: int?, big: int?, r: float?, d: float?, n: float?, t: string?, v: string?, b: bool?,
  ts: timestamp?, tz: timestamp?, day: timestamp?, tags: [string?]?, nums: [int]?, doc: { name: string, qty: int }?, items: [{ sku: string }]?
}`;

/** Compiles a .flow program and returns its job factories, from a bundle removed when the test ends. */
async function flowJobs(t: ExecutionContext, source: string): Promise<Record<string, (options?: object) => EddyJob>> {
  const result = compile(source, "job.flow");
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  const bundle = await importBundle<{ jobs: Record<string, (options?: object) => EddyJob> }>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-pg-source-");
  t.teardown(() => bundle.dispose());
  return bundle.module.jobs;
}

test("a .flow job reads every supported column type, NULLs included; rows that do not fit are dead letters with the reason", async (t) => {
  const { schema } = await isolated(t, "source_types");
  const table = await createEverything(schema);
  const jobs = await flowJobs(t, `${EVERYTHING_SCHEMA}
source everything: Everything = postgres(url: ${JSON.stringify(PG_URL)}, table: ${JSON.stringify(table)}, fetchSize: 7)
sink out = collect()
job read { everything | to out }
`);
  const letters: DeadLetter[] = [];
  const { collected } = (await jobs.read!({ onDeadLetter: (d: DeadLetter) => letters.push(d), workers: 1 }).run()) as unknown as { collected: { out: Expected[] } };
  t.deepEqual(collected.out, Array.from({ length: N }, (_, i) => expectedRow(i)), "in primary key order, each value converted");
  t.deepEqual(letters.map((l) => [l.source, l.position, l.reason]), [
    ["everything", N + 1, "field `big` holds an integer beyond ±(2^53 − 1), which an int cannot hold exactly"],
    ["everything", N + 2, "field `doc.name` should be a string, got 5"],
    ["everything", N + 3, 'field `n` should be a number, got "NaN"'],
  ]);
  t.regex(letters[0]!.raw, /^\{"id":1000,.*"big":9007199254740993,/, "the raw row is PostgreSQL's JSON of it, digits intact");
});

// ── readers, snapshots and partitions ──

const decode = (row: Record<string, unknown>) => row as { id: number | null; v: string };

function reader(options: PostgresSourceOptions<{ id: number | null; v: string }>, subtask = 0, parallelism = 1): SourceReader<{ id: number | null; v: string }> {
  return new PostgresSource(options).createReader({ subtaskIndex: subtask, parallelism, clock: new ManualClock(0) });
}

/** Polls until `count` records came or the end, waiting on isAvailable between polls as the engine does. */
async function poll<T>(r: SourceReader<T>, count: number, timeoutMs = 20_000): Promise<{ records: T[]; ended: boolean }> {
  const records: T[] = [];
  const output = { collect: (v: T) => void records.push(v) };
  const deadline = Date.now() + timeoutMs;
  while (records.length < count) {
    const status = r.pollNext(output, Math.min(10, count - records.length));
    if (status === "END_OF_INPUT") return { records, ended: true };
    if (status === "NOTHING_AVAILABLE") {
      if (Date.now() > deadline) throw new Error(`no record after ${records.length} of ${count} within ${timeoutMs} ms`);
      await r.isAvailable();
    }
  }
  return { records, ended: false };
}

const vals = (rows: readonly { id: number | null; v: string }[]) => rows.map((r) => `${r.id}:${r.v}`);

test("restored from a snapshot in the middle of a split, a reader goes on with the next row — with and without a primary key", async (t) => {
  const { schema } = await isolated(t, "source_resume");
  for (const key of ["PRIMARY KEY", ""]) {
    const table = `${schema}.rows_${key === "" ? "bag" : "keyed"}`;
    await query(`CREATE TABLE ${table} (id int ${key}, v text NOT NULL)`);
    // without a key, equal rows repeat: only their number matters, and a restore must keep it
    const ids = Array.from({ length: 300 }, (_, i) => (key === "" ? i % 150 : i));
    await query(`INSERT INTO ${table} (id, v) SELECT x, 'v' || x FROM unnest($1::int[]) AS x`, [ids]);
    const options = { connection: PG_URL, table, columns: ["id", "v"], deserialize: decode, partition: { column: "id", partitions: 3, lowerBound: 0, upperBound: 299 }, fetchSize: 16 };
    const a = reader(options);
    // 37 rows into the second split ([100, 199]): more than the fetches a reader buffers
    const before = await poll(a, ids.filter((i) => i < 100).length + 37);
    const position = a.snapshotState!();
    t.like(position, { split: 1, splits: 3 }, `${key || "no key"}: the first split is done`);
    await a.close?.();
    const b = reader(options);
    t.teardown(() => b.close?.());
    b.restoreState!(structuredClone(position));
    const after = await poll(b, 1000);
    t.true(after.ended);
    t.deepEqual(vals([...before.records, ...after.records]).sort(), ids.map((i) => `${i}:v${i}`).sort(), `${key || "no key"}: every row once`);
    t.throws(() => reader({ ...options, partition: { ...options.partition, partitions: 4 } }).restoreState!(position), { message: /checkpointed reading 3 split\(s\) and now has 4: restore it with the partition settings it ran with/ });
  }
});

test("a partitioned read splits the bounds among the subtasks; rows outside the bounds or with a NULL column are not read (as Flink's)", async (t) => {
  const { schema } = await isolated(t, "source_bounds");
  const table = `${schema}.scores`;
  await query(`CREATE TABLE ${table} (id double precision, v text NOT NULL)`);
  const inside = [0, 0.5, 3, 3.5, 4, 6.75, 7, 9];
  await query(`INSERT INTO ${table} (id, v) SELECT x, 'v' || x FROM unnest($1::float8[]) AS x`, [[...inside, -1, 9.5, 42]]);
  await query(`INSERT INTO ${table} (id, v) VALUES (NULL, 'null')`);
  const options = { connection: PG_URL, table, columns: ["id", "v"], deserialize: decode, partition: { column: "id", partitions: 3, lowerBound: 0, upperBound: 9 } };
  // ranges [0, 4), [4, 7), [7, 9]: two subtasks, the first reading ranges 0 and 2
  const first = await poll(reader(options, 0, 2), 100);
  const second = await poll(reader(options, 1, 2), 100);
  t.deepEqual(first.records.map((r) => r.id), [0, 0.5, 3, 3.5, 7, 9]);
  t.deepEqual(second.records.map((r) => r.id), [4, 6.75]);
  t.true(first.ended && second.ended);
});

test("a table or column that does not exist fails at once, not retried, saying what to fix", async (t) => {
  const { schema } = await isolated(t, "source_missing");
  await query(`CREATE TABLE ${schema}.t (id int)`);
  const run = (table: string, columns: string[]) =>
    StreamExecutionEnvironment.getExecutionEnvironment()
      .fromSource(new PostgresSource({ connection: PG_URL, table, columns, deserialize: decode }), WatermarkStrategy.noWatermarks(), "pg")
      .executeAndCollect();
  const missing = await t.throwsAsync(run(`${schema}.nope`, ["id"]));
  t.regex(missing!.message, new RegExp(`table '${schema}\\.nope' does not exist at 127\\.0\\.0\\.1:5432/\\w+ .* create it or fix \`table\``));
  const column = await t.throwsAsync(run(`${schema}.t`, ["id", "v"]));
  t.regex(column!.message, /column s\.v does not exist in table .* the source's fields \(id, v\) must be columns of the table/);
});

// ── crashes mid-read ──

test("crashes mid-read at parallelism 3 (five ranges, reads restored inside a range): the exactly-once copy holds every row once", async (t) => {
  const { schema, job } = await isolated(t, "source_crash");
  const n = 3000;
  await query(`CREATE TABLE ${schema}.src (id int PRIMARY KEY, v text NOT NULL)`);
  await query(`INSERT INTO ${schema}.src (id, v) SELECT x, md5(x::text) FROM generate_series(0, ${n - 1}) AS x`);
  await query(`CREATE TABLE ${schema}.copy (id int NOT NULL, v text NOT NULL)`); // no key: a repeated row would show
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(3).setClock(clock);
  env.getConfig().setBatchSize(8).setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(40);
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(10);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const faults: Fault[] = [
    // subtasks 0 and 1 read ranges 0, 3 and 1, 4 (600 rows each), subtask 2 range 2: each fault falls inside a range
    { kind: "crash-at-record", operator: "Id", subtask: 0, record: 450 },
    { kind: "crash-at-record", operator: "Id", subtask: 1, record: 1000 },
    { kind: "crash-during-snapshot", operator: "source", subtask: 0, snapshot: 6 },
  ];
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const source = new PostgresSource<{ id: number; v: string }>({
    connection: PG_URL, table: `${schema}.src`, columns: ["id", "v"], deserialize: (r) => r as { id: number; v: string },
    partition: { column: "id", partitions: 5, lowerBound: 0, upperBound: n - 1 }, fetchSize: 64,
  });
  env
    .fromSource(source, WatermarkStrategy.noWatermarks<{ id: number; v: string }>(), "source")
    .uid("source")
    .map((r) => {
      clock.advance(1); // processing time moves with the data, so checkpoints fall between records of a range
      return r;
    }, "Id")
    .uid("id")
    .sinkTo(PostgresSink.exactlyOnce<{ id: number; v: string }>({ connection: PG_URL, table: `${schema}.copy`, columns: ["id", "v"], toRow: (r) => [r.id, r.v], batchSize: 50 }), "Out")
    .uid("out");
  const result = await env.execute(job);
  t.is(injector.fired.length, faults.length, `every fault fired: ${JSON.stringify(injector.fired)}`);
  t.true((result.metrics.restarts ?? 0) >= 2, "faults in one attempt may share a restart");
  t.true((result.metrics.checkpoints?.completed ?? 0) >= 5);
  const copy = await query<{ id: number; v: string }>(`SELECT id, v FROM ${schema}.copy ORDER BY id`);
  const src = await query<{ id: number; v: string }>(`SELECT id, v FROM ${schema}.src ORDER BY id`);
  t.is(copy.length, n, "no row repeated, none missing");
  t.deepEqual(copy, src);
  t.deepEqual(await preparedGids(`eddy:${job}:`), []);
});
