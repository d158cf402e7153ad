// Runs a job compiled from .flow on an environment the test configures — checkpoint interval, snapshot step,
// parallelism — which the generated factory does not offer (a .flow job sets only `checkpoint every …`).
//
// It goes through the generated code's own public seam: job.ts exports `build<Job>(env, io, sources, sinks)`, which
// the factory in index.ts calls with the environment it creates. The bundle's entry is replaced by one that exports
// those build functions together with the runtime's StreamExecutionEnvironment and CollectSink, so the environment and
// the job's operators come from the same copy of the runtime (this process's: the bundle shares it).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { compile } from "../../compiler/compile.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";
import type { JobIO } from "../../runtime/support/job.js";
import type { Clock, CollectSink, JobExecutionResult, StreamExecutionEnvironment } from "../../runtime/index.js";

type Build = (env: StreamExecutionEnvironment, io: JobIO, sources: Record<string, unknown>, sinks: Record<string, unknown>) => void;

interface BundledModule {
  readonly StreamExecutionEnvironment: typeof StreamExecutionEnvironment;
  readonly CollectSink: typeof CollectSink;
  readonly [build: string]: unknown;
}

export interface CompiledQuery {
  readonly job: string;
  readonly module: BundledModule;
  readonly build: Build;
}

/** Compiles `source` and loads job `job` of it from a bundle; throws with the diagnostics when it does not compile. */
export async function compileQuery(source: string, file: string, job: string, options: { fuse: boolean }): Promise<CompiledQuery> {
  const result = compile(source, file, { fuse: options.fuse, format: false });
  if (!result.ok) throw new Error(`${file} does not compile:\n${formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f))}`);
  const outDir = result.options.outDir;
  const files = new Map(result.files);
  files.set("index.ts", `export * from "./job.js";\nexport { StreamExecutionEnvironment, CollectSink } from "eddy";\n`);
  const dir = mkdtempSync(join(tmpdir(), `eddy-${job}-`));
  try {
    writeFileSync(join(dir, "job.mjs"), await bundleJob({ files, outDir, runtime: "shared" }));
    const module = (await import(pathToFileURL(join(dir, "job.mjs")).href)) as BundledModule;
    const build = module[`build${job[0]!.toUpperCase()}${job.slice(1)}`];
    if (typeof build !== "function") throw new Error(`${file} has no job \`${job}\``);
    return { job, module, build: build as Build };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CompiledRunOptions {
  /** Generator overrides of every nexmark(…) source (RunOptions.nexmark). */
  readonly nexmark?: Readonly<Record<string, number | string>>;
  /** Replacements of the job's sources (as the generated factory's `sources`). */
  readonly sources?: Readonly<Record<string, unknown>>;
  readonly parallelism?: number;
  /** Null: no checkpoints. */
  readonly checkpointing: { readonly intervalMs: number; readonly snapshotStep: number } | null;
  /**
   * Records per batch (default 8) — small batches and one batch per slice make many scheduler rounds, so snapshots
   * written one entry per slice overlap the records that change the state.
   */
  readonly batchSize?: number;
  /** Processing time, which also paces checkpoints (default: the wall clock). */
  readonly clock?: Clock;
  /** Paths of `file(...)` connectors by name (RunOptions.files). */
  readonly files?: Readonly<Record<string, string>>;
}

export interface CompiledRunResult {
  /** Records of every `collect()` sink, by sink name. */
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly deadLetters: number;
  /** Checkpoints completed during the run. */
  readonly checkpoints: number;
  readonly result: JobExecutionResult;
}

/** Builds the job on a fresh environment configured as `options` says, runs it to the end, and returns its output. */
export async function runCompiled(query: CompiledQuery, options: CompiledRunOptions): Promise<CompiledRunResult> {
  const env = query.module.StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(options.parallelism ?? 1);
  if (options.checkpointing !== null) {
    env.enableCheckpointing(options.checkpointing.intervalMs).getCheckpointConfig().setSnapshotStep(options.checkpointing.snapshotStep);
  }
  if (options.clock !== undefined) env.setClock(options.clock);
  const batch = options.batchSize ?? 8;
  env.getConfig().setBatchSize(batch).setChannelCapacity(batch * 4).sliceBudget = 1;
  const collected = new Map<string, CollectSink<unknown>>();
  let deadLetters = 0;
  const io: JobIO = {
    nexmark: options.nexmark ?? {},
    ...(options.files === undefined ? {} : { files: options.files }),
    onDeadLetter: () => void deadLetters++,
    collect: <T>(sink: string) => {
      let s = collected.get(sink);
      if (s === undefined) collected.set(sink, (s = new query.module.CollectSink<unknown>()));
      return s as unknown as CollectSink<T>;
    },
  };
  query.build(env, io, { ...options.sources }, {});
  const result = await env.executeAsync(query.job).getJobExecutionResult();
  return {
    collected: Object.fromEntries([...collected].map(([k, s]) => [k, s.values])),
    deadLetters,
    checkpoints: result.metrics.checkpoints?.completed ?? 0,
    result,
  };
}
