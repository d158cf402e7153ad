// CPU-time measurement for per-core rates: Nexmark reports events per second per core, so a run is timed with the
// process's user + system CPU time (process.cpuUsage), not the wall clock.

export interface CpuRun {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

export async function cpuTimed(body: () => unknown | Promise<unknown>): Promise<CpuRun> {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  await body();
  const used = process.cpuUsage(cpu);
  return { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: Number(process.hrtime.bigint() - wall) / 1e9 };
}

/** The best rate of `repeat` runs of `count` items after `warmup` untimed runs, per CPU second. */
export async function bestRate(count: number, body: () => unknown | Promise<unknown>, warmup: number, repeat: number): Promise<{ perCpuSecond: number; perWallSecond: number; runs: number[] }> {
  for (let i = 0; i < warmup; i++) await body();
  const runs: CpuRun[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await cpuTimed(body));
  const best = runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  return { perCpuSecond: count / best.cpuSeconds, perWallSecond: count / best.wallSeconds, runs: runs.map((r) => count / r.cpuSeconds) };
}

/** Like bestRate without warm-up, but stops early once `budgetCpuSeconds` are spent (a long run needs no second). */
export async function bestRateWithin(count: number, body: () => unknown | Promise<unknown>, maxRuns: number, budgetCpuSeconds: number): Promise<{ perCpuSecond: number; runs: number[] }> {
  const runs: CpuRun[] = [];
  let spent = 0;
  while (runs.length < maxRuns && (runs.length === 0 || spent < budgetCpuSeconds)) {
    const run = await cpuTimed(body);
    runs.push(run);
    spent += run.cpuSeconds;
  }
  const best = runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  return { perCpuSecond: count / best.cpuSeconds, runs: runs.map((r) => count / r.cpuSeconds) };
}
