// The `postgres(...)` sink of a .flow job against a real server: exactly-once under crashes injected mid-run (the
// table holds every input row once), upserts by key (the last row per key), upserts and deletions of a changelog
// (the outer join of everything read), and `eddy run` of a bundle whose exactly-once sink starts its data-connection
// worker from the bundle itself.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExecutionContext } from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { compile, EDDY_ROOT } from "../../../compiler/compile.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import type { JobIO } from "../../../runtime/support/job.js";
import { type Fault, FaultInjector, RestartStrategies, type StreamExecutionEnvironment } from "../../../runtime/index.js";
import { TickingClock } from "../../helpers/ticking-clock.js";
import { isolated, PG_URL, pgTest as test, preparedGids, query } from "./pg-harness.js";

const N = 2000;
/** Input row i: key k<i % 5>, value i / 4, event time 1000 + i seconds. */
const input = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, k: `k${i % 5}`, v: i / 4, ts: 1_000_000 + i * 1000 }));

function flowJob(table: string, sink: string): string {
  return `schema Ev { id: int, k: string, v: float, ts: timestamp }
source evs: Ev = file("in.jsonl")
sink db = postgres(url: ${JSON.stringify(PG_URL)}, table: ${JSON.stringify(table)}, ${sink})
job load {
  checkpoint every 10s exactly_once
  evs | map { id, k, v: v * 2.0, ts } | to db
}
`;
}

type Build = (env: StreamExecutionEnvironment, io: JobIO, sources: object, sinks: object) => void;

/** Compiles the job and loads its build function from a bundle that stays on disk until the test ends (the sink's worker loads it). */
async function loadJob(t: ExecutionContext, source: string): Promise<{ build: Build; Env: typeof StreamExecutionEnvironment; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "eddy-pg-flow-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const result = compile(source, join(dir, "job.flow"));
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  const files = new Map(result.files);
  const runtime = relative(result.options.outDir, join(EDDY_ROOT, "runtime", "index.js"));
  files.set("index.ts", `export * from "./job.js";\nexport { StreamExecutionEnvironment } from ${JSON.stringify(runtime)};\n`);
  writeFileSync(join(dir, "job.mjs"), await bundleJob({ files, outDir: result.options.outDir }));
  const module = (await import(pathToFileURL(join(dir, "job.mjs")).href)) as { buildLoad: Build; StreamExecutionEnvironment: typeof StreamExecutionEnvironment };
  return { build: module.buildLoad, Env: module.StreamExecutionEnvironment, dir };
}

async function createTable(schema: string, key: boolean): Promise<string> {
  const table = `${schema}.events`;
  // why: without a key a duplicate shows up as an extra row instead of a constraint error
  await query(`CREATE TABLE ${table} (id int NOT NULL, k text ${key ? "PRIMARY KEY" : "NOT NULL"}, v double precision NOT NULL, ts timestamptz NOT NULL)`);
  return table;
}

async function rowsOf(table: string): Promise<string[]> {
  const rows = await query<{ id: number; k: string; v: number; ts: Date }>(`SELECT id, k, v, ts FROM ${table} ORDER BY id`);
  return rows.map((r) => `${r.id}|${r.k}|${r.v}|${r.ts.getTime()}`);
}

async function run(t: ExecutionContext, o: { table: string; job: string; sink: string; faults: readonly Fault[]; parallelism: number }) {
  const { build, Env, dir } = await loadJob(t, flowJob(o.table, o.sink));
  writeFileSync(join(dir, "in.jsonl"), input(N).map((r) => JSON.stringify({ ...r, ts: new Date(r.ts).toISOString() })).join("\n"));
  const env = Env.getExecutionEnvironment().setParallelism(o.parallelism).setClock(new TickingClock());
  env.getConfig().setBatchSize(8).setChannelCapacity(32).sliceBudget = 1;
  env.enableCheckpointing(20);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const injector = new FaultInjector(o.faults);
  env.setFaultInjector(injector);
  build(env, { nexmark: {}, onDeadLetter: (d) => t.fail(`dead letter ${JSON.stringify(d)}`), collect: () => t.fail("no collect sink") as never, files: { evs: join(dir, "in.jsonl") } }, {}, {});
  const result = await env.executeAsync(o.job).getJobExecutionResult();
  return { result, fired: injector.fired };
}

test("exactly_once: crashes at a record and before a commit leave every input row in the table exactly once", async (t) => {
  const { schema, job } = await isolated(t, "flow_eo");
  const table = await createTable(schema, false);
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "sink:db", subtask: 0, record: 600 },
    { kind: "crash-before-commit", operator: "sink:db", subtask: 1, commit: 3 },
  ];
  const { result, fired } = await run(t, { table, job, sink: `mode: "exactly_once"`, faults, parallelism: 2 });
  t.is(fired.length, faults.length, `every fault fired: ${JSON.stringify(fired)}`);
  t.true((result.metrics.restarts ?? 0) >= 1);
  t.true((result.metrics.checkpoints?.completed ?? 0) >= 3);
  const expected = input(N).map((r) => `${r.id}|${r.k}|${r.v * 2}|${r.ts}`);
  t.deepEqual(await rowsOf(table), expected);
  t.deepEqual(await preparedGids(`eddy:${job}:`), [], "no prepared transaction is left behind");
});

test("upsert: the table holds the last row of each key, replays after a crash included", async (t) => {
  const { schema, job } = await isolated(t, "flow_up");
  const table = await createTable(schema, true);
  // why: at parallelism 1 the sink is chained behind the source, where record faults are not injected; a snapshot is
  const faults: Fault[] = [{ kind: "crash-during-snapshot", operator: "sink:db", subtask: 0, snapshot: 3 }];
  const { fired } = await run(t, { table, job, sink: `mode: "upsert", key: "k"`, faults, parallelism: 1 });
  t.is(fired.length, 1);
  // why: at parallelism 1 every row reaches the sink in input order, so the last row per key is the input's last of it
  const expected = input(N).slice(-5).map((r) => `${r.id}|${r.k}|${r.v * 2}|${r.ts}`);
  t.deepEqual(await rowsOf(table), expected);
});

test("upsert of a changelog with deletions: an unbounded left join's padded rows are replaced, crashes and replays included", async (t) => {
  const { schema, job } = await isolated(t, "flow_changelog");
  const table = `${schema}.paid`;
  await query(`CREATE TABLE ${table} (id int PRIMARY KEY, amount double precision)`);
  const source = `schema Order { id: int, customer: string }
schema Payment { order: int, amount: float }
source orders: Order = file("orders.jsonl")
source payments: Payment = file("payments.jsonl")
sink db = postgres(url: ${JSON.stringify(PG_URL)}, table: ${JSON.stringify(table)}, mode: "upsert", key: "id", batchSize: 16)
job load {
  checkpoint every 10s exactly_once
  orders | left join payments as p on id == p.order unbounded | map { id, amount: if p == null then null else p.amount } | to db
}
`;
  const { build, Env, dir } = await loadJob(t, source);
  // orders 0…599, a payment for every third (at most one per order: the key is the table's), and three payments of
  // orders that do not exist (a left join keeps no right row)
  const orders = Array.from({ length: 600 }, (_, i) => ({ id: i, customer: `c${i % 9}` }));
  const payments = orders.filter((o) => o.id % 3 === 0).map((o) => ({ order: o.id, amount: o.id / 8 }));
  payments.push(...[1000, 1001, 1002].map((order) => ({ order, amount: 1 })));
  writeFileSync(join(dir, "orders.jsonl"), orders.map((r) => JSON.stringify(r)).join("\n"));
  writeFileSync(join(dir, "payments.jsonl"), payments.map((r) => JSON.stringify(r)).join("\n"));
  const env = Env.getExecutionEnvironment().setParallelism(2).setClock(new TickingClock());
  env.getConfig().setBatchSize(8).setChannelCapacity(32).sliceBudget = 1;
  env.enableCheckpointing(20);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "sink:db", subtask: 0, record: 150 },
    { kind: "crash-during-snapshot", operator: "sink:db", subtask: 1, snapshot: 2 },
  ];
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  build(env, { nexmark: {}, onDeadLetter: (d) => t.fail(`dead letter ${JSON.stringify(d)}`), collect: () => t.fail("no collect sink") as never, files: { orders: join(dir, "orders.jsonl"), payments: join(dir, "payments.jsonl") } }, {}, {});
  await env.executeAsync(job).getJobExecutionResult();
  t.is(injector.fired.length, faults.length, `every fault fired: ${JSON.stringify(injector.fired)}`);
  // the left join of everything read: each order once, with its payment's amount or NULL (payments without an order are not kept)
  const paid = new Map(payments.map((p) => [p.order, p.amount]));
  const rows = await query<{ id: number; amount: number | null }>(`SELECT id, amount FROM ${table} ORDER BY id`);
  t.deepEqual(rows, orders.map((o) => ({ id: o.id, amount: paid.get(o.id) ?? null })));
});

test("eddy run: a .flow job writes to PostgreSQL exactly once, its data connection served by the bundle", async (t) => {
  const { schema } = await isolated(t, "flow_cli");
  const table = await createTable(schema, false);
  const dir = mkdtempSync(join(tmpdir(), "eddy-pg-cli-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "job.flow"), flowJob(table, `mode: "exactly_once"`));
  writeFileSync(join(dir, "in.jsonl"), input(50).map((r) => JSON.stringify(r)).join("\n"));
  const cli = spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), "run", "--no-progress", "job.flow"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  t.is(cli.status, 0, cli.stderr);
  t.deepEqual(await rowsOf(table), input(50).map((r) => `${r.id}|${r.k}|${r.v * 2}|${r.ts}`));
});

test("a table that does not exist fails the job at once with PostgreSQL's reason: a restart cannot help", async (t) => {
  const { schema, job } = await isolated(t, "flow_missing");
  for (const sink of [`mode: "exactly_once"`, `mode: "upsert", key: "k"`]) {
    const { build, Env, dir } = await loadJob(t, flowJob(`${schema}.nope`, sink));
    writeFileSync(join(dir, "in.jsonl"), input(20).map((r) => JSON.stringify(r)).join("\n"));
    const env = Env.getExecutionEnvironment().setParallelism(1);
    // why: a retry would wait 60 s first; the job must fail long before that
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 60_000));
    build(env, { nexmark: {}, onDeadLetter: () => t.fail(), collect: () => t.fail() as never, files: { evs: join(dir, "in.jsonl") } }, {}, {});
    const began = performance.now();
    const error = await t.throwsAsync(env.executeAsync(`${job}-${sink.length}`).getJobExecutionResult());
    t.regex(error!.message, new RegExp(`relation "${schema}\\.nope" does not exist`), sink);
    t.false((error as { retriable?: boolean }).retriable, `${sink}: SQLSTATE 42P01 is not retriable`);
    t.true(performance.now() - began < 30_000, `${sink}: failed without waiting for a restart`);
  }
});
