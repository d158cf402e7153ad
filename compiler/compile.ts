// The compiler driver past checking: lower the checked program to a plan, optimise it, emit TypeScript. Never throws
// on bad input: check errors come back as diagnostics and stop before the back end.
import { dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "./bundle/package-layout.js";
import { check, type CheckOptions, type CheckResult } from "./index.js";
import { backEndStages, interpretedOptimisations } from "./passes/index.js";
import { createBackEndContext, type BackEndOptions } from "./passes/back-end-context.js";
import type { ProgramPlan } from "./plan/plan.js";

export interface CompileOptions extends CheckOptions {
  /** Fuse and specialise (default); false = the interpreted path. */
  readonly fuse?: boolean;
  /**
   * Lay the generated TypeScript out for people to read (default). false leaves it as the emitters wrote it: the same
   * code, compiled about five times faster (q7.sql warm: 6 ms instead of 32), for callers whose output only the bundler
   * reads — `eddy run`, `eddy sql`, the Table API, a JobManager's submissions.
   */
  readonly format?: boolean;
  /** Where the generated files will live; imports are relative to it (default: `<file dir>/.eddy`). */
  readonly outDir?: string;
  /**
   * Override the module specifiers of the runtime and its generated-code support (runtime/support/). The defaults are the package's names, `eddy`
   * and `eddy/support`, so that the generated TypeScript type-checks in any project that has eddy installed; the
   * bundler resolves them to this copy of eddy.
   */
  readonly runtimeImport?: string;
  readonly supportImport?: string;
}

export interface CompileResult {
  readonly check: CheckResult;
  readonly ok: boolean;
  /** The optimised plan (with --no-fuse: the lowered one, its sources' partitions pruned). */
  readonly plan?: ProgramPlan;
  /** The plan as lowered, before optimisation. */
  readonly unoptimised?: ProgramPlan;
  /** Generated TypeScript by file name: types.ts, chains.ts, job.ts, codecs.ts (when records cross workers), index.ts. */
  readonly files: ReadonlyMap<string, string>;
  readonly options: BackEndOptions;
}

/** The root of this copy of eddy: the repository checkout, or the installed package (see bundle/package-layout.ts). */
export const EDDY_ROOT = PACKAGE_ROOT;

export function compile(source: string, fileName: string, options: CompileOptions = {}): CompileResult {
  return compileChecked(check(source, fileName, options), source, fileName, options);
}

/** The back end on a checked program (from `.flow` text, or built by the SQL translator and checked by checkProgram). */
export function compileChecked(checked: CheckResult, source: string, fileName: string, options: CompileOptions = {}): CompileResult {
  const outDir = resolve(options.outDir ?? join(dirname(resolve(fileName)), ".eddy"));
  const backEnd: BackEndOptions = {
    fuse: options.fuse ?? true,
    format: options.format ?? true,
    outDir,
    runtimeImport: options.runtimeImport ?? "eddy",
    supportImport: options.supportImport ?? "eddy/support",
  };
  if (!checked.ok || checked.program === undefined) return { check: checked, ok: false, files: new Map(), options: backEnd };
  const ctx = createBackEndContext(checked.program, source, checked.symbols, checked.jobStreams, backEnd, checked.sources);
  for (const stage of backEndStages) {
    // The interpreted path runs every operator as written; only what sources read is optimised.
    const passes = stage.name === "optimise" && !backEnd.fuse ? stage.passes.filter((p) => interpretedOptimisations.has(p)) : stage.passes;
    for (const pass of passes) pass(ctx);
    if (stage.name === "plan") ctx.unoptimised = structuredClone(ctx.plan);
  }
  return { check: checked, ok: true, plan: ctx.plan, unoptimised: ctx.unoptimised ?? ctx.plan, files: ctx.files, options: backEnd };
}
