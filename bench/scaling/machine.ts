// The shared machine as a benchmark sees it: how idle it is (Linux /proc/stat), waiting for it to be quiet, and how
// much of it other processes took while a measured body ran — on the 2-core reference machine other sessions run
// tests, and a run that shares its cores with them measures them too.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

/** A run during which other processes used more than this many cores on average is run again (at most RETRIES times). */
export const INTERFERENCE_CORES = 0.15;
export const RETRIES = 3;

/** The machine's 1-minute load average, two decimals. */
export const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;

/** Idle and total CPU jiffies of the machine (Linux /proc/stat; null elsewhere). */
export function cpuTimes(): { idle: number; total: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { idle: fields[3]! + fields[4]!, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** Share of the machine's CPU left idle over the next `ms` (1 when it cannot be read). */
export async function idleShare(ms: number): Promise<number> {
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  if (before === null || after === null || after.total === before.total) return 1;
  return (after.idle - before.idle) / (after.total - before.total);
}

/**
 * Waits (at most `maxMs`) until other processes leave at least `minIdle` of the machine idle over a second — on the
 * shared 2-core reference machine, a test run elsewhere halves what a 2-worker run can get. Returns the idle share
 * the round started with.
 */
export async function waitForQuiet(minIdle: number, maxMs: number): Promise<number> {
  const began = performance.now();
  let idle = await idleShare(1000);
  while (idle < minIdle && performance.now() - began < maxMs) idle = await idleShare(1000);
  return idle;
}

const cores = (): number => availableParallelism();

/** What a body did to the machine while it ran: wall and process CPU seconds, and the cores others used meanwhile. */
export interface Observed<T> {
  readonly value: T;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  /** Cores other processes used during the run, on average (machine busy time minus ours; null off Linux). */
  readonly otherCores: number | null;
  /** Runs made for this one (1: undisturbed at once). */
  readonly attempts: number;
}

export async function observe<T>(body: () => Promise<T>): Promise<Observed<T>> {
  const machine = cpuTimes();
  const cpu = process.cpuUsage();
  const began = process.hrtime.bigint();
  const value = await body();
  const wallSeconds = Number(process.hrtime.bigint() - began) / 1e9;
  const used = process.cpuUsage(cpu);
  const after = cpuTimes();
  const cpuSeconds = (used.user + used.system) / 1e6;
  let otherCores: number | null = null;
  if (machine !== null && after !== null && after.total > machine.total) {
    // why shares: /proc/stat counts clock ticks of every core; the busy share × cores × wall is busy core-seconds
    const busyCoreSeconds = (1 - (after.idle - machine.idle) / (after.total - machine.total)) * cores() * wallSeconds;
    otherCores = Math.max(0, (busyCoreSeconds - cpuSeconds) / wallSeconds);
  }
  return { value, wallSeconds, cpuSeconds, otherCores, attempts: 1 };
}

/** Runs `body` again while other processes disturbed it (see INTERFERENCE_CORES); keeps the least disturbed run. */
export async function observeQuietly<T>(body: () => Promise<T>): Promise<Observed<T>> {
  let best: Observed<T> | null = null;
  for (let attempt = 1; ; attempt++) {
    const run = await observe(body);
    if (best === null || (run.otherCores ?? 0) < (best.otherCores ?? 0)) best = run;
    if ((run.otherCores ?? 0) <= INTERFERENCE_CORES || attempt > RETRIES) return { ...best, attempts: attempt };
  }
}
