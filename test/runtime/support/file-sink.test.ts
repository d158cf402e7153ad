// The `file(...)` sink of .flow jobs is the runtime's exactly-once FileSink: under crashes injected mid-run the
// committed part files hold each record exactly once; `rollEvery` rolls parts by event time; CSV parts carry a header
// and read back (nulls included) through the file source; a second run adds parts and never overwrites one.
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSource } from "../../../runtime/support/file-source.js";
import type { JobIO } from "../../../runtime/support/job.js";
import { partFilesOf } from "../../../formats/input-files.js";
import type { SchemaType } from "../../../runtime/support/validate.js";
import { type Fault, FaultInjector, listCommittedParts, RestartStrategies } from "../../../runtime/index.js";
import { compileQuery, type CompiledQuery } from "../../helpers/compiled-query.js";
import { TickingClock } from "../../helpers/ticking-clock.js";

function tempDir(t: ExecutionContext): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "eddy-file-sink-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface RunOptions {
  readonly files: Record<string, string>;
  readonly parallelism: number;
  readonly checkpointEvery: number | null;
  readonly faults?: readonly Fault[];
}

/** Runs job `query` with its file paths replaced (RunOptions.files), checkpoints paced by a ticking clock. */
async function run(query: CompiledQuery, o: RunOptions) {
  const env = query.module.StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(o.parallelism).setClock(new TickingClock());
  env.getConfig().setBatchSize(8).setChannelCapacity(32).sliceBudget = 1;
  if (o.checkpointEvery !== null) env.enableCheckpointing(o.checkpointEvery);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const injector = new FaultInjector(o.faults ?? []);
  env.setFaultInjector(injector);
  const io = { nexmark: {}, onDeadLetter: (d: unknown) => { throw new Error(`dead letter ${JSON.stringify(d)}`); }, collect: () => { throw new Error("no collect sink"); }, files: o.files } as unknown as JobIO;
  query.build(env, io, {}, {});
  const result = await env.executeAsync(query.job).getJobExecutionResult();
  return { result, fired: injector.fired };
}

const linesOf = (files: readonly string[]) => files.flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l !== ""));
const hidden = (dir: string) => readdirSync(dir).filter((n) => n.startsWith("."));

const ARCHIVE = `schema Ev { id: int, k: string, ts: timestamp }
source evs: Ev = file("in.jsonl") watermark ts delay 0s
sink out = file("out/evs.jsonl")
job archive {
  checkpoint every 10s exactly_once
  evs | filter id >= 0 | to out
}
`;

test("exactly-once: crashes at a record and before a commit leave each record exactly once in the committed parts", async (t) => {
  const dir = tempDir(t);
  const n = 1500;
  writeFileSync(join(dir, "in.jsonl"), Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, k: `k${i % 7}`, ts: i * 10 })).join("\n"));
  const query = await compileQuery(ARCHIVE, "sinks-archive.flow", "archive", { fuse: true });
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "sink:out", subtask: 0, record: 300 },
    { kind: "crash-before-commit", operator: "sink:out", subtask: 1, commit: 2 },
  ];
  const { result, fired } = await run(query, { files: { evs: join(dir, "in.jsonl"), out: join(dir, "out", "evs.jsonl") }, parallelism: 2, checkpointEvery: 20, faults });
  t.is(fired.length, faults.length, `every fault fired: ${JSON.stringify(fired)}`);
  t.true((result.metrics.restarts ?? 0) >= 1);
  t.true((result.metrics.checkpoints?.completed ?? 0) >= 3);
  const committed = listCommittedParts(join(dir, "out"), { prefix: "evs", suffix: ".jsonl" });
  const ids = linesOf(committed).map((l) => (JSON.parse(l) as { id: number }).id).sort((a, b) => a - b);
  t.deepEqual(ids, Array.from({ length: n }, (_, i) => i));
  t.deepEqual(hidden(join(dir, "out")), [], "no in-progress or pending part is left once the job finished");
});

const ROLLING = `schema Row { id: int, note: string?, ts: timestamp }
source rows: Row = file("in.csv") watermark ts delay 0s
sink out = file("out/rows.csv", rollEvery: 10s)
job roll { rows | to out }
`;

const ROW: SchemaType = {
  kind: "record",
  fields: [
    { name: "id", type: { kind: "int" } },
    { name: "note", type: { kind: "nullable", inner: { kind: "string" } } },
    { name: "ts", type: { kind: "timestamp" } },
  ],
};

test("rollEvery: 60 records over 60 s of event time roll into 6 CSV parts of 10, each with a header; the sink's path reads them back equal (nulls included)", async (t) => {
  const dir = tempDir(t);
  const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, note: i % 3 === 0 ? null : i % 3 === 1 ? "" : `n,${i}`, ts: i * 1000 }));
  const csv = ["id,note,ts", ...rows.map((r) => `${r.id},${r.note === null ? "" : r.note === "" ? '""' : `"${r.note}"`},${r.ts}`)].join("\n");
  writeFileSync(join(dir, "in.csv"), csv);
  const query = await compileQuery(ROLLING, "sinks-rolling.flow", "roll", { fuse: true });
  // why: no checkpointing and a bounded input: the parts are committed when the input ends (as Flink's FileSink in a bounded job)
  await run(query, { files: { rows: join(dir, "in.csv"), out: join(dir, "out", "rows.csv") }, parallelism: 1, checkpointEvery: null });
  t.deepEqual(readdirSync(join(dir, "out")).sort(), ["rows-0-0.csv", "rows-0-1.csv", "rows-0-2.csv", "rows-0-3.csv", "rows-0-4.csv", "rows-0-5.csv"]);
  for (let p = 0; p < 6; p++) {
    const lines = readFileSync(join(dir, "out", `rows-0-${p}.csv`), "utf8").split("\n").filter((l) => l !== "");
    t.is(lines[0], "id,note,ts");
    t.is(lines.length, 11, `part ${p} holds 10 records`);
  }
  // a file source given the sink's path reads its parts back, in order
  const read: unknown[] = [];
  const reader = new FileSource({ name: "back", path: join(dir, "out", "rows.csv"), format: "csv", watch: false, type: ROW, onDeadLetter: (d) => t.fail(d.reason) }).createReader();
  while (reader.pollNext({ collect: (r) => read.push(r) }, 100) !== "END_OF_INPUT");
  t.deepEqual(read, rows);
});

test("a second run adds parts after the existing ones and never overwrites a file", async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "in.csv"), "id,note,ts\n1,a,0\n2,,5\n");
  const query = await compileQuery(ROLLING, "sinks-rolling.flow", "roll", { fuse: true });
  const files = { rows: join(dir, "in.csv"), out: join(dir, "out", "rows.csv") };
  await run(query, { files, parallelism: 1, checkpointEvery: null });
  const first = readFileSync(join(dir, "out", "rows-0-0.csv"), "utf8");
  t.is(first, "id,note,ts\n1,a,0\n2,,5\n");
  writeFileSync(join(dir, "in.csv"), "id,note,ts\n3,b,0\n");
  await run(query, { files, parallelism: 1, checkpointEvery: null });
  t.deepEqual(readdirSync(join(dir, "out")).sort(), ["rows-0-0.csv", "rows-0-1.csv"]);
  t.is(readFileSync(join(dir, "out", "rows-0-0.csv"), "utf8"), first);
  t.is(readFileSync(join(dir, "out", "rows-0-1.csv"), "utf8"), "id,note,ts\n3,b,0\n");
});

test("part file names: a path with a format extension names the parts after it; any other path is a directory of part-* files", (t) => {
  t.deepEqual(partFilesOf("/o/alerts.jsonl", "jsonl"), { directory: "/o", prefix: "alerts", suffix: ".jsonl" });
  t.deepEqual(partFilesOf("/o/alerts.CSV", "csv"), { directory: "/o", prefix: "alerts", suffix: ".CSV" });
  t.deepEqual(partFilesOf("/o/alerts", "csv"), { directory: "/o/alerts", prefix: "part", suffix: ".csv" });
  t.deepEqual(partFilesOf("/o/v1.2", "jsonl"), { directory: "/o/v1.2", prefix: "part", suffix: ".jsonl" });
});

