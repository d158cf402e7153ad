// The typed factories of a compiled .flow program, loaded from a bundle, and a runner that prints what `eddy run`
// would print — shared by the equivalence tests (parallelism, fusion, worker count).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { compile, type CompileResult } from "../../compiler/compile.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";
import type { DeadLetter } from "../../runtime/support/validate.js";
import { canonicalOutput } from "./golden.js";

export interface RunView {
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  /** `workers`: one entry per worker of the pool the job ran on; absent when it ran in the calling thread. */
  readonly metrics: { readonly workers?: readonly unknown[] };
}
export type Factory = (options: object) => { run(): Promise<RunView> };

const bundles: string[] = [];

/** Removes `dir` when the process exits. */
function removeAtExit(dir: string): void {
  if (bundles.length === 0) process.once("exit", () => bundles.forEach((d) => rmSync(d, { recursive: true, force: true })));
  bundles.push(dir);
}

/**
 * Compiles a program and loads its typed factories (`jobs`) from a bundle in a temporary directory. The bundle stays
 * until the process exits: a job on the worker pool is loaded by every worker from it (its module and its runtime).
 */
export async function loadFactories(source: string, file: string, fuse: boolean): Promise<{ jobs: Record<string, Factory>; result: CompileResult }> {
  const result = compile(source, file, { fuse, format: false });
  if (!result.ok) throw new Error(`${file} does not compile:\n${formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f))}`);
  const dir = mkdtempSync(join(tmpdir(), "eddy-equivalence-"));
  removeAtExit(dir);
  writeFileSync(join(dir, "job.mjs"), await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }));
  const module = (await import(pathToFileURL(join(dir, "job.mjs")).href)) as { jobs: Record<string, Factory> };
  return { jobs: module.jobs, result };
}

/** Names of the sinks of a compiled program that print to stdout (the factory lets a function replace them). */
function stdoutSinks(result: CompileResult): string[] {
  return result.plan!.jobs.flatMap((j) => j.nodes.flatMap((n) => (n.kind === "sink" && n.sink.connector.name === "stdout" ? [n.name] : [])));
}

/**
 * Runs every job of a program through its typed factory and prints what `eddy run` would print: stdout sink lines
 * while a job runs, then one `-- sink (n records)` block per collect() sink, then dead letters. `workers` absent: the
 * factory's default (EDDY_WORKERS, else one per core). `ranOn` hears how many workers each job ran on.
 */
export async function runLikeTheCli(
  jobs: Record<string, Factory>,
  result: CompileResult,
  parallelism: number,
  files: Record<string, string>,
  workers?: number,
  ranOn?: (workers: number) => void,
): Promise<string> {
  const lines: string[] = [];
  const dead: string[] = [];
  const sinks = Object.fromEntries(stdoutSinks(result).map((name) => [name, (r: unknown) => void lines.push(JSON.stringify(r))]));
  const onDeadLetter = (d: DeadLetter) => void dead.push(`dead letter [${d.source}:${d.position}] ${d.reason}: ${d.raw.length > 200 ? `${d.raw.slice(0, 200)}…` : d.raw}`);
  for (const factory of Object.values(jobs)) {
    const run = await factory({ parallelism, sinks, onDeadLetter, files, ...(workers === undefined ? {} : { workers }) }).run();
    ranOn?.(run.metrics.workers?.length ?? 1);
    for (const [sink, records] of Object.entries(run.collected)) {
      lines.push(`-- ${sink} (${records.length} records)`);
      for (const r of records) lines.push(JSON.stringify(r));
    }
  }
  return canonicalOutput(lines.join("\n"), dead);
}

/** File sources and sinks of a program by name, resolved against its directory (paths are read at run time). */
export function filePaths(result: CompileResult, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of result.check.program!.declarations) {
    if ((decl.kind === "SourceDecl" || decl.kind === "SinkDecl") && decl.connector.name.name === "file") {
      const path = decl.connector.args[0]?.value;
      if (path?.kind === "StringLiteral") out[decl.name.name] = join(dir, path.value);
    }
  }
  return out;
}
