// The Nexmark queries of dsl-examples/nexmark/: compiled from .flow, bundled and loaded in this process, as the
// benchmark and the oracle tests run them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { importBundle } from "../../compiler/bundle/import-bundle.js";
import { compile, EDDY_ROOT, type CompileResult } from "../../compiler/compile.js";
import { compileSql, type SqlCompileResult } from "../../compiler/sql/compile-sql.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";
import type { Clock, WorkerLoad } from "../../runtime/index.js";

/** Every query of dsl-examples/nexmark, in Nexmark's order. */
export const QUERIES = ["q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q9", "q11", "q12", "q13", "q14", "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22"] as const;
export type QueryName = (typeof QUERIES)[number];

/**
 * Queries whose sink is a file system table (q10: the bids into partitioned files), apart from QUERIES: the
 * benchmark and the equivalence tests compare collected rows; test/compiler/sql/nexmark-q10.test.ts runs these.
 */
export const FILE_QUERIES = ["q10"] as const;
export type FileQueryName = (typeof FILE_QUERIES)[number];

export const QUERY_DIR = join(EDDY_ROOT, "dsl-examples", "nexmark");

/**
 * Files the queries read, by source name (RunOptions.files): q13's side table, whose path in q13.flow is relative to
 * the query's directory (where `eddy run` and the golden tests run it), wherever this process runs.
 */
export const QUERY_FILES: Readonly<Partial<Record<string, Readonly<Record<string, string>>>>> = {
  q13: { side_input: join(QUERY_DIR, "data", "side_input.txt") },
};

/** Flink's Nexmark SQL files (ddl_gen.sql, ddl_views.sql, q0.sql …), copied unchanged (see its README). */
export const SQL_DIR = join(EDDY_ROOT, "bench", "nexmark", "sql");

/**
 * The placeholders of the SQL files as the .flow queries are configured: 100,000 events at 10,000 per second of event
 * time, Nexmark's default proportions, the views over the `datagen` table, q10's files under /tmp/nexmark.
 */
export const SQL_DEFINES: Readonly<Record<string, string>> = {
  TPS: "10000",
  EVENTS_NUM: "100000",
  PERSON_PROPORTION: "1",
  AUCTION_PROPORTION: "3",
  BID_PROPORTION: "46",
  NEXMARK_TABLE: "datagen",
  // q10's output directory, as q10.flow's path (the values of test/compiler/sql/nexmark-helpers.ts)
  NEXMARK_DIR: "/tmp/nexmark",
  SUBMIT_TIME: "1700000000000",
  // q13's side table is `${FLINK_HOME}/data/side_input.txt`: the file q13.flow reads (see bench/nexmark/side-input.ts)
  FLINK_HOME: QUERY_DIR,
};

/** What the Nexmark runner submits for a query: ddl_gen.sql, ddl_views.sql and the query's file, in that order. */
export function sqlScript(name: QueryName | FileQueryName): string {
  return ["ddl_gen.sql", "ddl_views.sql", `${name}.sql`].map((f) => readFileSync(join(SQL_DIR, f), "utf8").trimEnd().replace(/;?$/, ";")).join("\n");
}

export interface QueryRunOptions {
  /** Replacements of the query's view sources (e.g. pre-generated arrays of bids). */
  readonly sources?: Readonly<Record<string, Iterable<unknown> | AsyncIterable<unknown>>>;
  /** Receives every output record (default: counted only). */
  readonly sink?: (record: Record<string, unknown>) => void;
  /** Generator overrides (RunOptions.nexmark), e.g. { maxEvents: 1e6 }. */
  readonly nexmark?: Readonly<Record<string, number | string>>;
  readonly parallelism?: number;
  /** Processing time (RunOptions.clock); default: the wall clock. */
  readonly clock?: Clock;
  /** Write through the query's own sink (q10's files) instead of collecting its records (`sink` is then unused). */
  readonly ownSink?: boolean;
  /** Paths of `file(...)` sources and sinks by name (RunOptions.files), e.g. q10.flow's `out`. */
  readonly files?: Readonly<Record<string, string>>;
  /** Worker threads of the pool (RunOptions.workers); default: EDDY_WORKERS, else one per core. */
  readonly workers?: number;
}

export interface RunSummary {
  readonly records: number;
  readonly recordsIn: number;
  readonly elapsedMs: number;
  /** Workers of the pool the job ran on (1: in the calling thread). */
  readonly workers: number;
  /** What each worker of the pool did during the run (absent in the calling thread). */
  readonly load?: readonly WorkerLoad[];
}

type Factory = (options: Record<string, unknown>) => { run(): Promise<{ recordsIn: number; recordsOut: number; elapsedMs: number; metrics: { workers?: readonly WorkerLoad[] } }> };

export interface LoadedQuery {
  readonly name: QueryName | FileQueryName;
  /** The view sources the query reads (person, auction, bid). */
  readonly sources: readonly string[];
  run(options?: QueryRunOptions): Promise<RunSummary>;
}

export interface LoadOptions {
  readonly fuse?: boolean;
  /** Compile the .flow query (default) or Flink's SQL file of the same query (ddl_gen + ddl_views + qN.sql). */
  readonly language?: "flow" | "sql";
  /**
   * Drops the output where it is produced instead of collecting it in this thread: the query's `collect()` sink
   * becomes `stdout()` and runs without a stream (as `eddy run --quiet`). On the pool, collected records are copied to
   * this thread (structured clone) — for q1, 92% of the events; this isolates the engine's own scaling. `records` of
   * a run is then the sink's input count from the metrics.
   */
  readonly sinkInWorker?: boolean;
  /** SQL: placeholder values over SQL_DEFINES (q10's NEXMARK_DIR and SUBMIT_TIME name its output directory). */
  readonly defines?: Readonly<Record<string, string>>;
  /**
   * The runtime the bundle runs on (BundleInput.runtime): "included" (default: the benchmarks measure the bundle as
   * deployed) or "shared" (this process's — what tests use, as `eddy run` does: loading a query then costs tens of
   * milliseconds instead of seconds).
   */
  readonly runtime?: "included" | "shared";
}

/** Compiles, bundles and imports one query; throws with the diagnostics when it does not compile. */
export async function loadQuery(name: QueryName | FileQueryName, options: LoadOptions = {}): Promise<LoadedQuery> {
  const sql = options.language === "sql";
  const file = sql ? join(SQL_DIR, `${name}.sql`) : join(QUERY_DIR, `${name}.flow`);
  const sinkInWorker = options.sinkInWorker === true;
  const fuse = options.fuse ?? true;
  let result: CompileResult;
  let jobName = name as string;
  let sinkName = "out";
  if (sql) {
    // The SQL sinks are blackhole tables, which drop rows where they are made (as sinkInWorker asks).
    result = compileSql(sqlScript(name), file, { fuse, defines: { ...SQL_DEFINES, ...options.defines } });
    const query = (result as SqlCompileResult).queries[0];
    if (result.ok && query !== undefined) {
      jobName = query.job;
      sinkName = query.sink;
    }
  } else {
    const declared = readFileSync(file, "utf8");
    const text = sinkInWorker ? declared.replace(/^sink out = collect\(\)$/m, 'sink out = stdout(format: "jsonl")') : declared;
    if (sinkInWorker && text === declared) throw new Error(`${name}.flow does not declare \`sink out = collect()\` on a line of its own`);
    result = compile(text, file, { fuse });
  }
  if (!result.ok) throw new Error(`${file} does not compile:\n${formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f))}`);
  // why kept until the process exits: the pool's workers import the bundle (the job's module and its runtime)
  const { module } = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: options.runtime ?? "included" }), `eddy-${name}-`);
  const factory = module[jobName];
  if (factory === undefined) throw new Error(`${file} has no job \`${jobName}\``);
  const job = result.plan!.jobs.find((j) => j.name === jobName)!;
  const sources = job.nodes.flatMap((n) => (n.kind === "source" ? [n.name] : []));
  return {
    name,
    sources,
    async run(run: QueryRunOptions = {}) {
      let records = 0;
      const sink = run.sink;
      const out = sink === undefined ? () => void records++ : (r: Record<string, unknown>) => { records++; sink(r); };
      const handle = factory({
        sources: run.sources ?? {},
        ...(QUERY_FILES[name] === undefined ? {} : { files: QUERY_FILES[name] }),
        ...(sinkInWorker ? { stdout: null } : run.ownSink === true ? {} : { sinks: { [sinkName]: out } }),
        ...(run.nexmark === undefined ? {} : { nexmark: run.nexmark }),
        ...(run.parallelism === undefined ? {} : { parallelism: run.parallelism }),
        ...(run.clock === undefined ? {} : { clock: run.clock }),
        ...(run.workers === undefined ? {} : { workers: run.workers }),
        ...(run.files === undefined ? {} : { files: run.files }),
      });
      const result = await handle.run();
      const load = result.metrics.workers;
      return { records: sinkInWorker ? result.recordsOut : records, recordsIn: result.recordsIn, elapsedMs: result.elapsedMs, workers: load?.length ?? 1, ...(load === undefined ? {} : { load }) };
    },
  };
}
