// Compiles a printed script with compileSql (the one SQL front end, translator and back end), bundles and imports
// it, and runs its jobs with the environment's in-memory tables as replaced sources. A script text is compiled once
// per environment: executing the same Table twice, or two Tables printing the same SQL, costs one compile and bundle.
import { bundleJob } from "../compiler/bundle/bundle.js";
import { importBundle } from "../compiler/bundle/import-bundle.js";
import { compileSql, type SqlCompileResult } from "../compiler/sql/compile-sql.js";
import type { Statement } from "../compiler/sql/ast.js";
import { printScript, SCRIPT_FILE } from "./resolve-query.js";
import { tableApiError } from "./table-error.js";

export interface RunOptions {
  readonly parallelism?: number;
  readonly workers?: number;
  readonly fuse?: boolean;
}

interface JobRun {
  readonly result: Promise<{ readonly recordsIn: number; readonly recordsOut: number }>;
  cancel(): Promise<void>;
}

type JobFactory = (options: Record<string, unknown>) => { start(): JobRun };

export interface CompiledScript {
  readonly text: string;
  readonly result: SqlCompileResult;
  readonly jobs: Readonly<Record<string, JobFactory>>;
}

export type SourceRows = Iterable<unknown> | AsyncIterable<unknown>;

export class JobRunner {
  private readonly compiled = new Map<string, Promise<CompiledScript>>();

  constructor(private readonly options: RunOptions) {}

  /** Compiles `[...ddl, last]`; throws a TableApiError naming `action` with the diagnostics when it does not compile. */
  compile(ddl: readonly Statement[], last: Statement, action: string): Promise<CompiledScript> {
    const script = printScript(ddl, last);
    let pending = this.compiled.get(script.text);
    if (pending === undefined) {
      pending = this.build(script.text, script.statements, action);
      this.compiled.set(script.text, pending);
      // why forget failures: a failed compile must fail again (with this call's action), not be replayed from the cache
      pending.catch(() => this.compiled.delete(script.text));
    }
    return pending;
  }

  /** Compiles without bundling (for explain): the plans and diagnostics only. */
  plan(ddl: readonly Statement[], last: Statement, action: string): SqlCompileResult {
    const script = printScript(ddl, last);
    const result = compileSql(script.text, SCRIPT_FILE, { fuse: this.options.fuse ?? true, format: false });
    if (!result.ok) throw tableApiError(action, script.text, SCRIPT_FILE, script.statements, result.check.diagnostics);
    return result;
  }

  /**
   * Runs job `job` of `script` to its end: `inline` are the in-memory tables (each replaces the source reading it),
   * `sinks` replace declared sinks by name. Resolves with the records the job wrote; `signal` cancels the job (the
   * run then resolves with what was written so far, the end a reader asked for).
   */
  async run(script: CompiledScript, job: string, inline: ReadonlyMap<string, SourceRows>, sinks: Readonly<Record<string, (record: Record<string, unknown>) => void>> = {}, signal?: AbortSignal): Promise<number> {
    const factory = script.jobs[job];
    const plan = script.result.plan?.jobs.find((j) => j.name === job);
    if (factory === undefined || plan === undefined) throw new Error(`internal: the compiled script has no job \`${job}\``);
    // A filesystem table's source is named after the table (or `<table>_<table>` when that name is taken): see
    // compiler/sql/translate-table.ts.
    const sources: Record<string, SourceRows> = {};
    for (const node of plan.nodes) {
      if (node.kind !== "source") continue;
      for (const [table, rows] of inline) if (node.name === table || node.name === `${table}_${table}`) sources[node.name] = rows;
    }
    // Records given to the replaced sinks, for a cancelled run (whose job reports no summary).
    let written = 0;
    const counting = Object.fromEntries(Object.entries(sinks).map(([name, sink]) => [name, (r: Record<string, unknown>) => { written++; sink(r); }]));
    const handle = factory({
      sources,
      sinks: counting,
      ...(this.options.parallelism === undefined ? {} : { parallelism: this.options.parallelism }),
      workers: this.options.workers ?? 1,
    }).start();
    const cancel = () => void handle.cancel().catch(() => undefined);
    signal?.addEventListener("abort", cancel, { once: true });
    if (signal?.aborted === true) cancel();
    try {
      return (await handle.result).recordsOut;
    } catch (error) {
      if (signal?.aborted === true) return written;
      throw error;
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
  }

  private async build(text: string, statements: readonly Statement[], action: string): Promise<CompiledScript> {
    const result = compileSql(text, SCRIPT_FILE, { fuse: this.options.fuse ?? true, format: false });
    if (!result.ok) throw tableApiError(action, text, SCRIPT_FILE, statements, result.check.diagnostics);
    // why the shared runtime: the jobs run in this process, beside the user's DataStream code — one runtime for both,
    // and a query costs its generated code alone to bundle and load
    const { module } = await importBundle<Record<string, JobFactory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-table-");
    return { text, result, jobs: module };
  }
}
