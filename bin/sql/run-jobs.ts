// Runs the jobs one SQL statement compiled to: bundles the generated code, loads it in this process (as `eddy run`
// does), starts every job at once (an INSERT, or the INSERTs of a statement set, or a SELECT whose `collect()` sink
// feeds a result view), and waits until they finish, fail, reach --limit or are interrupted.
import type { CompileResult } from "../../compiler/compile.js";
import type { HandleView, RunResultView } from "../../runtime/support/job.js";
import { ChangelogBuilder, type Change, type Changelog, type ResultColumn } from "../../table/changelog.js";
import type { Interrupts } from "./interrupts.js";
import type { Output, QueryEnd, ResultView } from "./result-view.js";

/** What compileSql says of a SELECT (its SqlQueryInfo): the columns in SELECT order, and how its records relate. */
export interface ResultShape {
  readonly columns: readonly ResultColumn[];
  readonly changelog: Changelog;
}

export interface QueryRequest {
  readonly job: string;
  /** The job's `collect()` sink its rows go to. */
  readonly sink: string;
  readonly shape: ResultShape;
  readonly view: ResultView;
  /** Stop after this many records of the result. */
  readonly limit?: number;
}

export interface RunJobsRequest {
  readonly compiled: Pick<CompileResult, "files" | "options">;
  /** Every job to run, the query's included. */
  readonly jobs: readonly string[];
  readonly query?: QueryRequest;
  readonly parallelism?: number;
  readonly workers?: number;
  readonly interrupts: Interrupts;
  /** Where summaries and failures go. */
  readonly stderr: Output;
  /** A live progress line per job on stderr (a terminal) while jobs without a result view run. */
  readonly progress: boolean;
}

export type RunOutcome = QueryEnd["kind"];

type Factory = (options: object) => { start(): HandleView };

/** Runs the jobs; never throws for what the jobs do (a failure is reported and returned). */
export async function runJobs(request: RunJobsRequest): Promise<RunOutcome> {
  const { stderr } = request;
  const began = performance.now();
  // 1. Bundle and load the generated code (on this process's runtime: no copy of it in the bundle).
  const { bundleJob } = await import("../../compiler/bundle/bundle.js");
  const { importBundle } = await import("../../compiler/bundle/import-bundle.js");
  let loaded: Awaited<ReturnType<typeof importBundle<{ jobs: Record<string, Factory> }>>>;
  try {
    loaded = await importBundle(await bundleJob({ files: request.compiled.files, outDir: request.compiled.options.outDir, runtime: "shared" }), "eddy-sql-");
  } catch (e) {
    return fail(request, `cannot bundle the statement's jobs: ${firstLine(e)}`, began);
  }
  const { showProgress, stoppedLine, summaryLine } = await import("../../runtime/support/progress.js");
  try {
    // 2. The query's records become changes, handed to the view in batches (one write per batch, not per row).
    const query = request.query;
    const changelog = query === undefined ? null : new ChangelogBuilder(query.shape.changelog, query.shape.columns);
    let pending: Change[] = [];
    let flushScheduled = false;
    const flush = () => {
      flushScheduled = false;
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      query!.view.add(batch);
    };
    let received = 0;
    let limitReached = false;
    const handles: { name: string; handle: HandleView }[] = [];
    const cancelAll = () => {
      for (const { handle } of handles) void handle.cancel().catch(() => {});
    };
    const onRecord = (record: Record<string, unknown>) => {
      // why: records already on their way from the pool's workers still arrive after a cancel
      if (limitReached) return;
      received++;
      for (const change of changelog!.changes(record)) pending.push(change);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      if (query!.limit !== undefined && received >= query!.limit) {
        limitReached = true;
        cancelAll();
      }
    };
    // 3. Start every job, and let Ctrl-C cancel them.
    const watch = request.interrupts.watch(cancelAll);
    const stopProgress: (() => void)[] = [];
    try {
      for (const name of request.jobs) {
        const factory = loaded.module.jobs[name];
        if (factory === undefined) throw new Error(`the compiled statement has no job \`${name}\` (jobs: ${Object.keys(loaded.module.jobs).join(", ")})`);
        const handle = factory({
          ...(request.parallelism === undefined ? {} : { parallelism: request.parallelism }),
          ...(request.workers === undefined ? {} : { workers: request.workers }),
          ...(query?.job === name ? { sinks: { [query.sink]: onRecord } } : {}),
        }).start();
        handles.push({ name, handle });
        if (request.progress && query === undefined) stopProgress.push(showProgress(name, handle, stderr as NodeJS.WritableStream));
      }
    } catch (e) {
      cancelAll();
      watch.end();
      stopProgress.forEach((stop) => stop());
      return fail(request, `cannot start the statement's jobs: ${firstLine(e)}`, began);
    }
    // 4. Wait for all of them, then say how each ended.
    const settled = await Promise.allSettled(handles.map((h) => h.handle.result));
    watch.end();
    stopProgress.forEach((stop) => stop());
    flush();
    const failures = settled.flatMap((s, i) => (s.status === "rejected" ? [{ name: handles[i]!.name, message: firstLine(s.reason) }] : []));
    const how: QueryEnd = limitReached ? { kind: "limit", limit: query!.limit! }
      : watch.interrupted ? { kind: "cancelled" }
        : failures.length > 0 ? { kind: "failed", message: failures[0]!.message }
          : { kind: "finished" };
    // why nothing more when the reader closed stdout: it has what it wanted, as `eddy run … | head` ends quietly
    if (watch.reason === "output closed") return how.kind;
    query?.view.end(how, performance.now() - began);
    settled.forEach((s, i) => {
      const { name, handle } = handles[i]!;
      if (s.status === "fulfilled") {
        if (query === undefined) stderr.write(`${summaryLine(s.value as RunResultView)}\n`);
      } else if (how.kind === "cancelled") stderr.write(`${stoppedLine(name, "cancelled", handle.metrics())}\n`);
      else if (how.kind === "failed") stderr.write(`✘ ${name} failed: ${firstLine(s.reason)}\n`);
    });
    return how.kind;
  } finally {
    loaded.dispose();
  }
}

function fail(request: RunJobsRequest, message: string, began: number): RunOutcome {
  request.query?.view.end({ kind: "failed", message }, performance.now() - began);
  request.stderr.write(`[ERROR] ${message}\n`);
  return "failed";
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n").find((l) => l.trim() !== "" && !/^Build failed/.test(l))?.trim() ?? "unknown error";
}
