// Golden files of dsl-examples: each .flow file's directives, and how to produce its plan, diagnostics and output.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { compile, EDDY_ROOT } from "../../compiler/compile.js";
import { formatDiagnostics } from "../../compiler/diagnostics/format.js";
import { LineMap } from "../../compiler/diagnostics/line-map.js";
import { printFusionReport, printPlan } from "../../compiler/plan/print-plan.js";

export const EXAMPLES = join(EDDY_ROOT, "dsl-examples");

export interface Example {
  readonly file: string;
  /** Path relative to the repository, for test titles. */
  readonly name: string;
  readonly expectErrors: readonly string[];
  /** `// @no-run`: compile and plan only (e.g. unbounded sources). */
  readonly run: boolean;
  readonly expectedDir: string;
}

export function listExamples(dir = EXAMPLES): Example[] {
  const out: Example[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!entry.endsWith(".expected") && entry !== "udf" && !entry.startsWith(".")) out.push(...listExamples(path));
    } else if (entry.endsWith(".flow")) {
      const text = readFileSync(path, "utf8");
      const expectErrors = [...text.matchAll(/\/\/ @expect-error (FLOW\d{4})/g)].map((m) => m[1]!);
      out.push({
        file: path,
        name: relative(EDDY_ROOT, path),
        expectErrors,
        run: expectErrors.length === 0 && !/\/\/ @no-run/.test(text) && !/flagship/.test(entry),
        expectedDir: join(dirname(path), `${basename(path, ".flow")}.expected`),
      });
    }
  }
  return out;
}

/** The diagnostics of an example as the CLI prints them (no colour), paths relative to its directory. */
export function diagnosticsOf(example: Example): string {
  const source = readFileSync(example.file, "utf8");
  const result = compile(source, basename(example.file), { host: { readFile: (p) => (existsSync(join(dirname(example.file), p)) ? readFileSync(join(dirname(example.file), p), "utf8") : existsSync(p) ? readFileSync(p, "utf8") : undefined) } });
  return formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f));
}

export function planOf(example: Example): string {
  const source = readFileSync(example.file, "utf8");
  const result = compile(source, example.file);
  if (!result.ok) return formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f));
  const lines = new LineMap(source);
  const strip = (s: string) => s.split(example.file).join(basename(example.file));
  return strip(`== plan (as written) ==\n${printPlan(result.unoptimised!, "text", lines)}\n\n== plan (optimised) ==\n${printPlan(result.plan!, "text", lines)}\n\n== fusion ==\n${printFusionReport(result.plan!)}\n`);
}

/**
 * Runs the example with the CLI and returns its output in a canonical order: within each block (a `-- sink` section
 * of collect() sinks, or the lines printed before them) lines are sorted, since order across keys is free; dead
 * letters from stderr follow.
 */
export function outputOf(example: Example, fuse: boolean): string {
  const args = [join(EDDY_ROOT, "bin", "eddy.js"), "run", "--no-progress", ...(fuse ? [] : ["--no-fuse"]), example.file];
  // why one worker: the output is the same on any number (the baselines hold on any machine); the pool's runs of the
  // examples are parallelism-equivalence.test.ts's — here each worker would only cost its start-up
  const run = spawnSync(process.execPath, args, { cwd: dirname(example.file), encoding: "utf8", timeout: 120_000, env: { ...process.env, EDDY_WORKERS: "1" } });
  if (run.status !== 0) throw new Error(`eddy run failed (${run.status}):\n${run.stderr}`);
  return canonicalOutput(run.stdout, run.stderr.split("\n").filter((l) => l.startsWith("dead letter")));
}

/** What a run printed, in the canonical order of the baselines (see outputOf). */
export function canonicalOutput(stdout: string, deadLetters: readonly string[]): string {
  const blocks: string[][] = [[]];
  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("-- ")) blocks.push([line]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const canonical = blocks.map((b) => (b[0]?.startsWith("-- ") ? [b[0], ...b.slice(1).sort()] : [...b].sort()));
  return `${[...canonical.flat(), ...[...deadLetters].sort()].join("\n")}\n`;
}

