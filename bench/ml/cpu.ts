// CPU-second timing for the ml benchmarks (the machine is shared: CPU time is steadier than wall time).

export function cpuSeconds<T>(body: () => T): { seconds: number; value: T } {
  const before = process.cpuUsage();
  const value = body();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}

export async function cpuSecondsAsync<T>(body: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const before = process.cpuUsage();
  const value = await body();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}
