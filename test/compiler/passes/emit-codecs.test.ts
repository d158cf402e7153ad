// The compiler's per-schema batch codecs in compiled jobs. Every runnable dsl-example, fused and --no-fuse, is built
// from its generated code and run in this thread with channels that send every batch through the codec of its edge
// (encode, decode, hand on what was decoded, as a ring between two workers does): the exchange edges carry the
// generated codecs, every batch on them fits its schema (none falls back: the compiler's record types are the records
// the jobs really send), and the sinks get what they get over plain in-thread channels. Then jobs with exchanges run on
// 2 workers of the pool, records crossing between them, and give the rows they give on 1.
import test from "ava";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Buffer } from "node:buffer";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile, EDDY_ROOT } from "../../../compiler/compile.js";
import { pascal } from "../../../compiler/emit/type-names.js";
import { isControl, type ChannelEntry } from "../../../runtime/core/elements.js";
import { RecordBatch } from "../../../runtime/core/record-batch.js";
import { buildExecutionGraph } from "../../../runtime/graph/execution-graph.js";
import type { BatchCodecFactory } from "../../../runtime/graph/transformation.js";
import { StreamExecutionEnvironment, WorkerPool } from "../../../runtime/index.js";
import type { BatchCodec } from "../../../runtime/network/batch-codec.js";
import { type ChannelEnds, type ChannelFactory, InThreadChannelFactory } from "../../../runtime/network/channel-factory.js";
import type { SchemaBatchCodec } from "../../../runtime/network/schema-batch-codec.js";
import { Channel } from "../../../runtime/scheduler/channel.js";
import { SingleThreadScheduler } from "../../../runtime/scheduler/single-thread-scheduler.js";
import { SystemClock } from "../../../runtime/time/clock.js";
import { filePaths, loadFactories } from "../../dsl-examples/factories.js";
import { listExamples } from "../../dsl-examples/golden.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

const SCRATCH = join(EDDY_ROOT, ".scratch", `emit-codecs-${process.pid}`);
test.after.always(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** An in-thread channel that sends every batch through a codec, as a ring between two workers would. */
class CodecChannel extends Channel {
  private readonly buffer = Buffer.alloc(1 << 22);
  constructor(id: string, capacity: number, readonly codec: BatchCodec) {
    super(id, capacity);
  }
  override push(entry: ChannelEntry): void {
    if (isControl(entry)) return super.push(entry);
    const bound = this.codec.prepare(entry);
    const frame = bound <= this.buffer.length ? this.buffer : Buffer.alloc(bound);
    const written = this.codec.write(frame, 0);
    const decoded = new RecordBatch<unknown>();
    this.codec.decode(frame, 0, written, decoded);
    super.push(decoded);
  }
}

/** Channels through the codec of their edge (one instance per factory, as a worker keeps it); codec-less ones plain. */
class CodecChannelFactory implements ChannelFactory {
  readonly codecs = new Map<BatchCodecFactory, BatchCodec>();
  /** The codec name of each channel opened with a codec. */
  readonly names = new Map<string, string>();
  constructor(private readonly capacity: number) {}
  isLocal(): boolean {
    return true;
  }
  open(id: string, _p: boolean, _c: boolean, factory: BatchCodecFactory | null): ChannelEnds {
    if (factory === null) {
      const channel = new Channel(id, this.capacity);
      return { output: channel, input: channel };
    }
    let codec = this.codecs.get(factory);
    if (codec === undefined) this.codecs.set(factory, (codec = factory()));
    this.names.set(id, codec.name);
    const channel = new CodecChannel(id, this.capacity, codec);
    return { output: channel, input: channel };
  }
}

type Build = (env: StreamExecutionEnvironment, io: object, sources: object, sinks: Record<string, (r: unknown) => void>) => void;

/** Builds job `name` of the generated module on a fresh environment, every sink replaced by a collecting function. */
function buildJob(build: Build, sinkNames: readonly string[], files: Record<string, string>, parallelism: number) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  const sinks: Record<string, unknown[]> = Object.fromEntries(sinkNames.map((s) => [s, []]));
  const io = { nexmark: {}, files, onDeadLetter: () => {}, collect: () => { throw new Error("every sink is replaced"); } };
  build(env, io, {}, Object.fromEntries(sinkNames.map((s) => [s, (r: unknown) => void sinks[s]!.push(r)])));
  return { env, sinks };
}

/** Runs a job graph in this thread over channels from `factory`; the records each sink got, as sorted JSON lines. */
async function runInThread(build: Build, jobName: string, sinkNames: readonly string[], files: Record<string, string>, factory: ChannelFactory): Promise<Record<string, string[]>> {
  const { env, sinks } = buildJob(build, sinkNames, files, 2);
  const clock = new SystemClock();
  const scheduler = new SingleThreadScheduler({ clock });
  const exec = buildExecutionGraph(env.getJobGraph(jobName), {
    jobName, mode: "STREAMING", clock, batchSize: 64, channelCapacity: 1024, watermarkInterval: 200, seed: 1, attemptNumber: 0,
    jobParameters: {}, monotonicNow: () => performance.now(), schedule: (subtask, ts, action) => scheduler.schedule(subtask, ts, action),
  }, factory);
  for (const subtask of exec.subtasks) subtask.operators.forEach((op) => op.initializeState(null));
  for (const subtask of exec.subtasks) await subtask.open();
  await scheduler.run(exec.subtasks);
  return Object.fromEntries(Object.entries(sinks).map(([k, rows]) => [k, rows.map((r) => JSON.stringify(r)).sort()]));
}

const runnable = listExamples().filter((e) => e.run);
let withCodecs = 0;

for (const example of runnable) {
  for (const fuse of [true, false]) {
    test.serial(`${example.name}${fuse ? "" : " --no-fuse"}: its exchange edges carry the generated codecs, every batch fits, and the sinks get what plain channels give`, async (t) => {
      const source = readFileSync(example.file, "utf8");
      const outDir = join(SCRATCH, `${basename(example.file, ".flow")}-${fuse ? "fused" : "interpreted"}`);
      // why next to the example's own path: generated imports of its TypeScript functions are relative to outDir
      const result = compile(source, example.file, { fuse, outDir });
      t.true(result.ok);
      mkdirSync(outDir, { recursive: true });
      for (const [name, text] of result.files) writeFileSync(join(outDir, name), text);
      const module = (await import(pathToFileURL(join(outDir, "job.ts")).href)) as Record<string, Build>;
      const codecsTs = result.files.get("codecs.ts");
      const declared = [...(codecsTs ?? "").matchAll(/^export const (\w+) = /gm)].map((m) => m[1]!);
      const used = new Set([...result.files.get("job.ts")!.matchAll(/\.withBatchCodec\((\w+)\)/g)].map((m) => m[1]!));
      t.deepEqual(declared.sort(), [...used].sort(), "codecs.ts declares exactly the codecs job.ts puts on streams");
      const files = filePaths(result, dirname(example.file));
      for (const job of result.plan!.jobs) {
        const sinkNames = job.nodes.flatMap((n) => (n.kind === "sink" ? [n.name] : []));
        const build = module[`build${pascal(job.name)}`]!;
        const plain = await runInThread(build, job.name, sinkNames, files, new InThreadChannelFactory(1024));
        const coded = new CodecChannelFactory(1024);
        t.deepEqual(await runInThread(build, job.name, sinkNames, files, coded), plain, `${job.name}: the same records through the codecs`);
        t.is(coded.names.size > 0, used.size > 0 && job.edges.some((e) => e.partitioning.kind !== "forward"), `${job.name}: channels with codecs ${[...coded.names.values()]}`);
        // why the filter: library operators (ml/'s training and scoring) carry their own codecs, not generated ones
        for (const codec of [...coded.codecs.values()].filter((c): c is SchemaBatchCodec => "fallbackBatches" in c)) {
          t.is(codec.fallbackBatches, 0, `${job.name}: ${codec.fallbackBatches} batches did not fit ${codec.name}`);
          if (codec.schemaBatches > 0) withCodecs++;
        }
      }
    });
  }
}

test.serial("the examples really sent batches through generated codecs", (t) => {
  t.true(withCodecs >= 5, `${withCodecs} codecs encoded batches`);
});

/** Jobs with exchanges on 2 workers at parallelism 2 and on 1: the same rows, and records did cross workers. */
for (const [file, options] of [
  ["nexmark/q5.flow", { nexmark: { maxEvents: 20_000 } }],
  ["fraud/fraud.flow", {}],
  ["joins/payments.flow", {}],
] as const) {
  test.serial(`${file}: on 2 workers, its exchanges through the generated codecs, the rows of 1 worker`, async (t) => {
    const path = join(EDDY_ROOT, "dsl-examples", file);
    const { jobs, result } = await loadFactories(readFileSync(path, "utf8"), path, true);
    t.true(result.files.has("codecs.ts"));
    const files = filePaths(result, dirname(path));
    for (const [name, factory] of Object.entries(jobs)) {
      const sinkNames = result.plan!.jobs.find((j) => j.name === name)!.nodes.flatMap((n) => (n.kind === "sink" ? [n.name] : []));
      const rowsOn = async (workers: number) => {
        const rows: string[] = [];
        const sinks = Object.fromEntries(sinkNames.map((s) => [s, (r: unknown) => void rows.push(`${s} ${JSON.stringify(r)}`)]));
        const run = await factory({ ...options, parallelism: 2, workers, files, sinks, onDeadLetter: () => {} }).run();
        const loads = (run.metrics.workers ?? []) as readonly { readonly exchangeRecords: number }[];
        const crossed = loads.reduce((n, w) => n + w.exchangeRecords, 0);
        return { rows: rows.sort(), crossed, ranOn: run.metrics.workers?.length ?? 1 };
      };
      const one = await rowsOn(1);
      const two = await rowsOn(2);
      t.is(two.ranOn, 2, `${name} ran on 2 workers`);
      t.true(two.crossed > 0, `${name}: ${two.crossed} records crossed workers`);
      t.true(one.rows.length > 0, `${name} gave no rows`);
      t.deepEqual(two.rows, one.rows, name);
    }
  });
}
