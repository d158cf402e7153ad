// Shared benchmark plumbing: timing with warm-up, results as ratios against an in-process baseline,
// and a JSON record under bench/results/ with machine information.
import { cpus, totalmem } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Measurement {
  readonly name: string;
  /** Records (or events) per second, best of the measured runs. */
  readonly perSecond: number;
  /** All measured runs, records per second. */
  readonly runs: readonly number[];
}

/** Runs `body` (which processes `count` records) `warmup` times untimed, then `repeat` times timed. */
export async function measure(name: string, count: number, body: () => unknown | Promise<unknown>, options: { warmup?: number; repeat?: number } = {}): Promise<Measurement> {
  const warmup = options.warmup ?? 1;
  const repeat = options.repeat ?? 3;
  for (let i = 0; i < warmup; i++) await body();
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    await body();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    runs.push(count / seconds);
  }
  return { name, perSecond: Math.max(...runs), runs };
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} K/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** Prints a table of measurements with each one's ratio to the baseline. */
export function printTable(title: string, baseline: Measurement, others: readonly Measurement[]): void {
  const rows = [baseline, ...others];
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`\n${title}`);
  console.log(`${"".padEnd(width)}  ${"rate".padStart(12)}  ${"vs baseline".padStart(11)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${formatRate(r.perSecond).padStart(12)}  ${(r.perSecond / baseline.perSecond).toFixed(3).padStart(11)}`);
  }
}

export function machineInfo(): Record<string, unknown> {
  return { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryBytes: totalmem(), platform: process.platform };
}

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "results");

/** Writes a result file bench/results/<name>.json. */
export function saveResult(name: string, data: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, date: new Date().toISOString(), machine: machineInfo(), ...data }, null, 2)}\n`);
  return file;
}
